//! Closed-question statistics: for every question of every population, valid and
//! missing counts, option counts and percentages with Wilson 95% intervals, multi-choice
//! shares of respondents and of mentions, Likert and matrix means, top-2-box and a
//! 0–100 index, rating/NPS and numeric summaries; and cross-tabulations of every closed
//! question by every group dimension with Pearson's chi-square.
//!
//! Percentages are 0–100 of valid respondents (multi choice: of respondents who
//! answered the question). The types here are the `results.json` contract
//! (see `docs/results.md`).

pub(crate) mod crosstab;
pub(crate) mod freq;

use crate::model::{PopulationSummary, QuestionStats, Screening, Stats, Survey};
use polars::prelude::*;

/// The dates of the first and last analysed submission (the start time when the export
/// has no submit time).
fn period(p: &crate::model::Population) -> PolarsResult<(Option<String>, Option<String>)> {
    use crate::model::MetaKind;
    let ms = match p.times(MetaKind::SubmitTime)? {
        Some(ms) => ms,
        None => match p.times(MetaKind::StartTime)? {
            Some(ms) => ms,
            None => return Ok((None, None)),
        },
    };
    let day =
        |v: Option<i64>| v.and_then(chrono::DateTime::from_timestamp_millis).map(|t| t.naive_utc().date().format("%Y-%m-%d").to_string());
    Ok((day(ms.min()), day(ms.max())))
}

/// Compute every closed-question result. `screening` supplies rows read per population.
pub fn compute(survey: &Survey, screening: &Screening) -> PolarsResult<Stats> {
    use rayon::prelude::*;
    let mut stats = Stats::default();
    for p in &survey.populations {
        let read = screening.populations.iter().find(|a| a.population == p.name).map_or(p.height(), |a| a.read);
        let dims = crate::model::dimensions(p);
        let (first_response, last_response) = period(p)?;
        stats.populations.push(PopulationSummary {
            name: p.name.clone(),
            rows_read: read,
            rows_analysed: p.height(),
            audience: p.audience,
            group_by: dims.clone(),
            first_response,
            last_response,
        });
        let qs: Vec<PolarsResult<QuestionStats>> =
            p.questions.par_iter().filter(|q| !q.kind.is_meta()).map(|q| freq::question(p, q)).collect();
        for q in qs {
            stats.questions.push(q?);
        }
        stats.crosstabs.extend(crosstab::by_groups(p, &dims)?);
        stats.other_texts.extend(freq::other_texts(p)?);
    }
    stats.crosstabs.extend(crosstab::between_populations(survey)?);
    Ok(stats)
}
