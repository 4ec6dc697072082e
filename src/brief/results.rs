//! `results.json`: the contract every later output reads from (see `docs/results.md`),
//! typed in `model::results`.

use crate::model::{OtherText, Results, RowAccount, Screening, Stats, SCHEMA_VERSION};
use std::borrow::Cow;

pub fn build<'a>(
    stats: &'a Stats,
    screening: &'a Screening,
    texts: &'a crate::model::TextResults,
    drafts: &'a [crate::model::DraftRecord],
    seed: u64,
) -> Results<'a> {
    let rows: &[RowAccount] = &screening.populations;
    Results {
        tool: Cow::Borrowed("minyi"),
        version: Cow::Borrowed(env!("CARGO_PKG_VERSION")),
        schema_version: SCHEMA_VERSION,
        seed,
        populations: Cow::Borrowed(&stats.populations),
        rows: Cow::Borrowed(rows),
        questions: Cow::Borrowed(&stats.questions),
        crosstabs: Cow::Borrowed(&stats.crosstabs),
        other_texts: Cow::Owned(
            stats.other_texts.iter().map(|o| OtherText { text: crate::util::redact::redact(&o.text).into_owned(), ..o.clone() }).collect(),
        ),
        open_questions: Cow::Borrowed(&texts.questions),
        concerns: Cow::Borrowed(&texts.concerns),
        drafts: Cow::Borrowed(drafts),
    }
}

pub fn to_json(r: &Results) -> serde_json::Result<String> {
    serde_json::to_string_pretty(r).map(|s| s + "\n")
}
