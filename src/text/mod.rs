//! Open answers. So far: redaction of personal data, applied to every free text that
//! leaves the pipeline (quotes, "其他" texts, workbook cells). Segmentation, concern
//! discovery, quotes and suggestions come with the open-answers issue.

pub mod redact;

pub use redact::redact;
