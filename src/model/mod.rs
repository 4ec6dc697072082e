//! The vocabulary of minyi: every value that flows between stages. The survey as read
//! ([`survey`]), the options each stage is given ([`options`]), screening's accounting
//! ([`screening`]), closed-question results ([`stats`]), open-answer results ([`text`])
//! and charts ([`chart`]). The model knows no stage and no CLI; stages import it (and
//! `util`), never each other.

pub mod chart;
pub mod compare;
pub mod options;
pub mod screening;
pub mod stats;
mod survey;
pub mod text;

pub use chart::{Chart, ChartFailure, ChartId, Drawn, Spec};
pub use compare::*;
pub use options::*;
pub use screening::{Guarded, Reason, RowAccount, Screening, Unavailable};
pub use stats::*;
pub use survey::*;
pub use text::*;
