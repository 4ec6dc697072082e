//! Closed-question results: the `results.json` contract of the stats stage (see
//! `docs/results.md`). Percentages are 0–100 of valid respondents (multi choice: of
//! respondents who answered the question).

use super::{Kind, Role};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PopulationSummary {
    pub name: String,
    pub rows_read: usize,
    pub rows_analysed: usize,
    /// Who answered: how the brief names them.
    pub audience: super::Audience,
    /// Question ids used as group dimensions.
    pub group_by: Vec<String>,
    /// First and last submission (`YYYY-MM-DD`), when the export has a submit time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_response: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_response: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct OptionStat {
    pub label: String,
    pub count: u64,
    /// 0–100 of valid respondents.
    #[serde(deserialize_with = "super::results::nan::f64")]
    pub percent: f64,
    #[serde(deserialize_with = "super::results::nan::f64")]
    pub ci_low: f64,
    #[serde(deserialize_with = "super::results::nan::f64")]
    pub ci_high: f64,
    /// Multi choice: 0–100 of all options chosen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent_of_mentions: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RowStats {
    pub label: String,
    pub n_valid: u64,
    pub n_missing: u64,
    pub options: Vec<OptionStat>,
    pub mean: Option<f64>,
    pub top2: Option<f64>,
    pub index: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NumericSummary {
    #[serde(deserialize_with = "super::results::nan::f64")]
    pub min: f64,
    #[serde(deserialize_with = "super::results::nan::f64")]
    pub q1: f64,
    #[serde(deserialize_with = "super::results::nan::f64")]
    pub median: f64,
    #[serde(deserialize_with = "super::results::nan::f64")]
    pub q3: f64,
    #[serde(deserialize_with = "super::results::nan::f64")]
    pub max: f64,
    #[serde(deserialize_with = "super::results::nan::f64")]
    pub mean: f64,
    #[serde(deserialize_with = "super::results::nan::f64")]
    pub sd: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct QuestionStats {
    pub population: String,
    pub id: String,
    pub number: Option<u32>,
    pub title: String,
    pub kind: Kind,
    /// The column's role: only `answer` questions are charted and compared; identity
    /// columns report counts only.
    pub role: Role,
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
    /// 0–10 ratings: % promoters (9–10) and % detractors (0–6) of valid answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub promoters: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detractors: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<NumericSummary>,
    /// Matrix rows.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub rows: Vec<RowStats>,
    /// Categorical and factual fill-ins: the most frequent values, variants merged (case,
    /// spaces, full/half width, traditional/simplified), most frequent first.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub values: Vec<ValueCount>,
    /// Fill-ins: how many different values were written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distinct: Option<usize>,
    /// Factual fill-ins written as numbers with one unit ("500元", "1.2km"): the unit;
    /// `summary` then describes those numbers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// One value of a fill-in and how many wrote it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ValueCount {
    pub value: String,
    pub count: u64,
    /// Of those who answered (0–100).
    #[serde(deserialize_with = "super::results::nan::f64")]
    pub percent: f64,
}

/// The population name a comparison between populations is filed under.
pub const ALL_POPULATIONS: &str = "全部";

/// What a cross-tab's columns are: the answers to a grouping question of one population,
/// or the populations themselves. In results.json the question's id, or `"population"`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum GroupBy {
    Question(String),
    Population,
}

impl GroupBy {
    /// The id written to results.json and into file names.
    pub fn id(&self) -> &str {
        match self {
            GroupBy::Question(id) => id,
            GroupBy::Population => "population",
        }
    }
}

impl Serialize for GroupBy {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for GroupBy {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<GroupBy, D::Error> {
        let id = String::deserialize(d)?;
        Ok(if id == "population" { GroupBy::Population } else { GroupBy::Question(id) })
    }
}

/// Which part of a question a cross-tab's rows are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Part {
    /// A single-choice or Likert question's options.
    #[default]
    Whole,
    /// Row `k` (0-based) of a matrix, on the matrix's scale.
    MatrixRow(usize),
    /// Option `k` (0-based) of a multi-choice question: chosen / not chosen.
    Choice(usize),
}

/// The row labels of a multi-choice option's cross-tab.
pub const CHOSEN: &str = "选择";
pub const NOT_CHOSEN: &str = "未选择";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Crosstab {
    /// The population, or [`ALL_POPULATIONS`] for a comparison between populations.
    pub population: String,
    /// Question id (a matrix row or a multi-choice option: `naming::part`).
    pub question: String,
    /// Which part of the question the rows are.
    #[serde(skip)]
    pub part: Part,
    pub question_title: String,
    pub by: GroupBy,
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
    #[serde(deserialize_with = "super::results::nan::table")]
    pub residuals: Vec<Vec<f64>>,
    pub min_expected: Option<f64>,
    /// Expected counts large enough for the test to be trusted (Cochran's rule).
    pub reliable: bool,
}

/// Text typed after "其他" in a choice question, gathered for the text stage.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
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

/// The lowest and highest score of a scale (±∞ when none is scored).
pub fn scale_bounds(scores: impl IntoIterator<Item = f64>) -> (f64, f64) {
    scores.into_iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), s| (a.min(s), b.max(s)))
}

/// A favourable point of a scale: one of its two highest scores — what `top2` counts, what
/// the brief calls 满意 (by the options' labels) and the heat maps colour as better.
pub fn favourable(score: f64, hi: f64) -> bool {
    score >= hi - 1.0
}

impl Crosstab {
    /// Whether this cross-tab is of question `id`: the question itself or one of its
    /// matrix rows (`q6` or `q6.2`).
    pub fn is_of(&self, id: &str) -> bool {
        self.question.strip_prefix(id).is_some_and(|r| r.is_empty() || r.starts_with('.'))
    }

    /// Significant at the 5% level.
    pub fn significant(&self) -> bool {
        self.p_value.is_some_and(|p| p < 0.05)
    }

    /// Column percentages (0–100; NaN for an empty column).
    pub fn column_percents(&self) -> Vec<Vec<f64>> {
        let tot: Vec<u64> = (0..self.col_labels.len()).map(|j| self.counts.iter().map(|r| r[j]).sum()).collect();
        self.counts
            .iter()
            .map(|r| r.iter().zip(&tot).map(|(&k, &t)| if t == 0 { f64::NAN } else { k as f64 * 100.0 / t as f64 }).collect())
            .collect()
    }

    /// The test in one line (chart subtitles, the brief's notes).
    pub fn test_line(&self) -> String {
        match (self.chi2, self.df, self.p_value, self.cramers_v) {
            (Some(x), Some(df), Some(p), Some(v)) => {
                let p = crate::util::math::p_text(p);
                format!("卡方 = {x:.1}，自由度 = {df}，{p}，Cramer V = {v:.2}，n = {}", self.n)
            }
            _ => format!("n = {}", self.n),
        }
    }
}

impl QuestionStats {
    /// A closed question to count, chart and compare (not a fill-in, an opinion, an
    /// identity column or metadata).
    pub fn is_closed(&self) -> bool {
        self.role == Role::Answer && !matches!(self.kind, Kind::Text | Kind::Meta(_))
    }
}

impl Stats {
    /// Who answered in these populations, as the brief says it: "市民", "市民和受访企业".
    pub fn who(&self, populations: &[String]) -> String {
        let mut nouns: Vec<&str> = Vec::new();
        for p in populations {
            let noun = self.audience(p).noun();
            if !nouns.contains(&noun) {
                nouns.push(noun);
            }
        }
        match nouns.as_slice() {
            [] => super::Audience::Respondents.noun().to_string(),
            [one] => one.to_string(),
            [init @ .., last] => format!("{}和{last}", init.join("、")),
        }
    }

    /// Who answered in one population.
    pub fn audience(&self, population: &str) -> super::Audience {
        self.populations.iter().find(|p| p.name == population).map(|p| p.audience).unwrap_or_default()
    }

    /// The cross-tabs that get a heat map, strongest association first: within a
    /// population, significant, reliable, and not a multi-choice option's chosen / not
    /// chosen split. The one rule for which heat maps exist (charts draw the first
    /// `max`; the brief shows some of them).
    pub fn heat_maps(&self, max: usize) -> Vec<&Crosstab> {
        let mut sig: Vec<&Crosstab> = self
            .crosstabs
            .iter()
            .filter(|c| c.by != GroupBy::Population && c.reliable && c.significant() && !matches!(c.part, Part::Choice(_)))
            .collect();
        sig.sort_by(|a, b| b.cramers_v.unwrap_or(0.0).total_cmp(&a.cramers_v.unwrap_or(0.0)));
        sig.truncate(max);
        sig
    }
}
