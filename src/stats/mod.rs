//! Closed-question statistics: for every question of every population, valid and
//! missing counts, option counts and percentages with Wilson 95% intervals, multi-choice
//! shares of respondents and of mentions, Likert and matrix means, top-2-box and a
//! 0–100 index, rating/NPS and numeric summaries; and cross-tabulations of every closed
//! question by every group dimension with Pearson's chi-square.
//!
//! Percentages are 0–100 of valid respondents (multi choice: of respondents who
//! answered the question). The types here are the `results.json` contract
//! (see `docs/results.md`).

pub mod crosstab;
pub mod freq;
pub mod math;

use crate::clean::Screening;
use crate::model::Survey;
use polars::prelude::*;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PopulationSummary {
    pub name: String,
    pub rows_read: usize,
    pub rows_analysed: usize,
    /// Question ids used as group dimensions.
    pub group_by: Vec<String>,
    /// First and last submission (`YYYY-MM-DD`), when the export has a submit time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_response: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_response: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OptionStat {
    pub label: String,
    pub count: u64,
    /// 0–100 of valid respondents.
    pub percent: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    /// Multi choice: 0–100 of all options chosen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent_of_mentions: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RowStats {
    pub label: String,
    pub n_valid: u64,
    pub n_missing: u64,
    pub options: Vec<OptionStat>,
    pub mean: Option<f64>,
    pub top2: Option<f64>,
    pub index: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NumericSummary {
    pub min: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub max: f64,
    pub mean: f64,
    pub sd: f64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuestionStats {
    pub population: String,
    pub id: String,
    pub number: Option<u32>,
    pub title: String,
    pub kind: crate::model::Kind,
    pub n_valid: u64,
    /// Skipped + empty + not shown + invalid.
    pub n_missing: u64,
    pub n_skipped: u64,
    pub n_empty: u64,
    pub n_not_shown: u64,
    pub n_invalid: u64,
    pub options: Vec<OptionStat>,
    /// Mean score (Likert: 1 = most negative … 5 = most positive; rating: the value).
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    /// Likert: 0–100 share in the two most positive points.
    pub top2: Option<f64>,
    /// Likert: the mean mapped to 0–100.
    pub index: Option<f64>,
    /// Multi choice: number of options chosen in all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n_mentions: Option<u64>,
    /// 0–10 ratings: % promoters (9–10) − % detractors (0–6).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nps: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<NumericSummary>,
    /// Matrix rows.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<RowStats>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Crosstab {
    /// The population, or "全部" for a comparison between populations.
    pub population: String,
    /// Question id (a matrix row or a multi-choice option adds ".k").
    pub question: String,
    pub question_title: String,
    /// The group dimension's question id, or "population".
    pub by: String,
    pub by_title: String,
    pub row_labels: Vec<String>,
    pub col_labels: Vec<String>,
    pub counts: Vec<Vec<u64>>,
    pub n: u64,
    pub chi2: Option<f64>,
    pub df: Option<usize>,
    pub p_value: Option<f64>,
    pub cramers_v: Option<f64>,
    /// Adjusted standardized residuals (|r| > 1.96: the cell differs at the 5% level).
    pub residuals: Vec<Vec<f64>>,
    pub min_expected: Option<f64>,
    /// Expected counts large enough for the test to be trusted (Cochran's rule).
    pub reliable: bool,
}

/// Text typed after "其他" in a choice question, gathered for the text stage.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OtherText {
    pub population: String,
    pub question: String,
    pub response_id: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Stats {
    pub populations: Vec<PopulationSummary>,
    pub questions: Vec<QuestionStats>,
    pub crosstabs: Vec<Crosstab>,
    pub other_texts: Vec<OtherText>,
}

/// The dates of the first and last analysed submission (the start time when the export
/// has no submit time).
fn period(p: &crate::model::Population) -> PolarsResult<(Option<String>, Option<String>)> {
    use crate::model::{Kind, MetaKind};
    let q = p
        .questions
        .iter()
        .find(|q| q.kind == Kind::Meta(MetaKind::SubmitTime))
        .or_else(|| p.questions.iter().find(|q| q.kind == Kind::Meta(MetaKind::StartTime)));
    let Some(q) = q else { return Ok((None, None)) };
    let ms = p.frame.column(&q.id)?.cast(&DataType::Int64)?;
    let ms = ms.i64()?;
    let day = |v: Option<i64>| {
        v.and_then(chrono::DateTime::from_timestamp_millis).map(|t| t.naive_utc().date().format("%Y-%m-%d").to_string())
    };
    Ok((day(ms.min()), day(ms.max())))
}

/// Compute every closed-question result. `screening` supplies rows read per population.
pub fn compute(survey: &Survey, screening: &Screening) -> PolarsResult<Stats> {
    use rayon::prelude::*;
    let mut stats = Stats::default();
    for p in &survey.populations {
        let read = screening.populations.iter().find(|a| a.population == p.name).map_or(p.height(), |a| a.read);
        let dims = crosstab::dimensions(p);
        let (first_response, last_response) = period(p)?;
        stats.populations.push(PopulationSummary {
            name: p.name.clone(),
            rows_read: read,
            rows_analysed: p.height(),
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
