//! Open answers. So far: normalization, non-answer detection and clause splitting
//! ([`normalize`]), segmentation with the domain dictionary ([`segment`]), and
//! redaction of personal data ([`redact`]), applied to every free text that leaves the
//! pipeline (quotes, "其他" texts, workbook cells). Concern discovery, labels, quotes
//! and suggestions come next (open-answers issue).

pub mod cluster;
pub mod concerns;
pub mod metrics;
pub mod normalize;
pub mod redact;
pub mod segment;
pub mod vectorize;

pub use redact::redact;
