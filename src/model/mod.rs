//! The vocabulary of minyi: every value that flows between stages. The survey as read
//! ([`survey`]), the options each stage is given ([`options`]), screening's accounting
//! ([`screening`]), closed-question results ([`stats`]), open-answer results ([`text`]), the
//! `results.json` they make together, written and read back ([`results`])
//! and charts ([`chart`]). The model knows no stage and no CLI; stages import it (and
//! `util`), never each other.

pub mod chart;
pub mod compare;
pub mod options;
mod respondents;
pub mod results;
pub mod screening;
pub mod stats;
mod survey;
pub mod text;

pub use chart::{Chart, ChartFailure, ChartId, Drawn, Spec};
pub use compare::*;
pub use options::*;
pub use respondents::*;
pub use results::{EarlierReport, ReportError, Results, SCHEMA_VERSION};
pub use screening::{Guarded, Reason, RowAccount, Screening, Unavailable};
pub use stats::*;
pub use survey::*;
pub use text::*;
