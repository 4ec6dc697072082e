//! `results.json`: the contract every later output reads from (see `docs/results.md`).

use crate::model::{Crosstab, OtherText, PopulationSummary, QuestionStats, Stats};
use crate::model::{RowAccount, Screening};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Results<'a> {
    pub tool: &'static str,
    pub version: &'static str,
    pub seed: u64,
    pub populations: &'a [PopulationSummary],
    /// Row accounting per population: read = analysed + excluded.
    pub rows: &'a [RowAccount],
    pub questions: &'a [QuestionStats],
    pub crosstabs: &'a [Crosstab],
    /// "其他" texts, personal data redacted.
    pub other_texts: Vec<OtherText>,
    /// Open questions: answered / non-answers / blank, keywords, co-occurrence network.
    pub open_questions: &'a [crate::model::OpenQuestion],
    /// Concerns found in open answers, per question, by share (id 0 = the remainder).
    pub concerns: &'a [crate::model::ConcernOut],
    /// The proposal drafts: what each was written on (for tracking in a later wave).
    pub drafts: &'a [crate::model::DraftRecord],
}

pub fn build<'a>(
    stats: &'a Stats,
    screening: &'a Screening,
    texts: &'a crate::model::TextResults,
    drafts: &'a [crate::model::DraftRecord],
    seed: u64,
) -> Results<'a> {
    Results {
        tool: "minyi",
        version: env!("CARGO_PKG_VERSION"),
        seed,
        populations: &stats.populations,
        rows: &screening.populations,
        questions: &stats.questions,
        crosstabs: &stats.crosstabs,
        other_texts: stats
            .other_texts
            .iter()
            .map(|o| OtherText { text: crate::util::redact::redact(&o.text).into_owned(), ..o.clone() })
            .collect(),
        open_questions: &texts.questions,
        concerns: &texts.concerns,
        drafts,
    }
}

pub fn to_json(r: &Results) -> serde_json::Result<String> {
    serde_json::to_string_pretty(r).map(|s| s + "\n")
}
