//! Helpers every stage may use: fast deterministic hash maps, the interval and test
//! formulas behind every number ([`math`]), redaction of personal data ([`redact`]) and
//! the near-duplicate test for short texts ([`similar`]). Nothing here knows a stage.

pub mod math;
pub mod redact;
pub mod similar;

/// A hash map with a fast, fixed (deterministic) hasher for per-cell lookups.
pub type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
