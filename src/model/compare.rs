//! The comparison of two survey waves (`comparison.json`, docs/compare.md): what changed
//! between the report of an earlier wave and that of a later one, each change with its
//! 95% interval and its test, significance judged after a Benjamini–Hochberg correction
//! over every test of the comparison.

use serde::{Deserialize, Serialize};

/// False discovery rate at which a change is called a change.
pub const COMPARE_FDR: f64 = 0.05;

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Comparison {
    /// The two reports compared (their folder names).
    pub old: String,
    pub new: String,
    /// When each wave was surveyed (`2024-05-06—2024-05-14`; empty when unknown).
    pub old_period: String,
    pub new_period: String,
    /// Populations found in both waves (matched by name), then those found in one only.
    pub populations: Vec<String>,
    pub only_old: Vec<String>,
    pub only_new: Vec<String>,
    pub questions: Vec<QuestionChange>,
    /// Closed questions asked in one wave only (never dropped silently).
    pub unmatched: Vec<Unmatched>,
    /// Concerns of the open questions asked in both waves, matched (see docs/compare.md).
    pub concerns: Vec<ConcernChange>,
    /// Concerns named in the later wave only, and in the earlier only (below the
    /// remainder's threshold now, or not raised).
    pub new_concerns: Vec<ConcernSeen>,
    pub gone_concerns: Vec<ConcernSeen>,
    /// Measures proposed (per open question): in both waves, or in one.
    pub measures: Vec<MeasureSeen>,
    /// Each draft of the earlier report, tracked (后评估).
    pub tracking: Vec<Tracking>,
    /// Tests made, and how many are significant after the correction.
    pub tests: usize,
    pub significant: usize,
    pub fdr: f64,
    /// The later wave's open answers were placed with the earlier wave's concerns
    /// (`minyi run --compare-with`); otherwise each wave's concerns were found on its own
    /// and matched afterwards.
    pub same_concerns: bool,
    /// Pairs of `[compare]` that could not be applied, in Chinese.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub warnings: Vec<String>,
}

impl Comparison {
    /// The open questions whose concerns were compared (the later wave's id and title), in
    /// the order of their first concern.
    pub fn open_questions(&self) -> Vec<(&str, &str)> {
        let mut out: Vec<(&str, &str)> = Vec::new();
        for k in &self.concerns {
            if !out.iter().any(|q| q.0 == k.new_question) {
                out.push((&k.new_question, &k.title));
            }
        }
        out
    }
}

/// A closed question (or a matrix row) asked in both waves.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuestionChange {
    pub population: String,
    pub old_id: String,
    pub new_id: String,
    /// The matrix row, for a row of a matrix question.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<String>,
    pub title: String,
    pub old_title: String,
    /// Matched by a close title rather than the same one.
    pub reworded: bool,
    /// Paired by hand (`[compare]` in survey.toml).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub configured: bool,
    pub kind: String,
    pub old_n: u64,
    pub new_n: u64,
    /// Every option's share then and now.
    pub options: Vec<OptionChange>,
    /// The whole distribution (χ² on the 2 × k table); none for multiple choice.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distribution: Option<DistributionTest>,
    /// Mean of a scale or number (Welch's t).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean: Option<Change>,
    /// Net promoter score (points).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nps: Option<Change>,
    /// Every option's share within each group both waves have (district …), from the
    /// cross-tabs.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub by_group: Vec<GroupOptionChange>,
}

/// An option's share within one group of a grouping dimension, then and now.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GroupOptionChange {
    pub dimension: String,
    pub group: String,
    pub option: String,
    #[serde(flatten)]
    pub change: Change,
}

/// One option: its count and share then and now (`old`, `new`: percent of those who
/// answered) and the difference in percentage points with Newcombe's 95% interval (the
/// two-proportion z test's p).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OptionChange {
    pub label: String,
    pub old_count: u64,
    pub new_count: u64,
    #[serde(flatten)]
    pub change: Change,
}

/// A change (now − then) with its 95% interval, its test's p, the Benjamini–Hochberg
/// adjusted p (`q`) and whether it counts as a change (q ≤ the false discovery rate).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Change {
    pub old: f64,
    pub new: f64,
    pub diff: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    pub p: f64,
    pub q: f64,
    pub significant: bool,
}

impl Change {
    /// The difference as a reader would subtract the two numbers shown (one decimal), so
    /// that the brief's table and the chart beside it say the same change.
    pub fn shown_diff(&self) -> f64 {
        let r = |x: f64| (x * 10.0).round() / 10.0;
        r(self.new) - r(self.old)
    }
}

/// A test of a whole distribution.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DistributionTest {
    pub chi2: f64,
    pub df: usize,
    pub p: f64,
    pub q: f64,
    pub significant: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Unmatched {
    pub population: String,
    /// `old` or `new`: the wave that asked it.
    pub wave: &'static str,
    pub id: String,
    pub title: String,
}

/// A concern of both waves: its share of those who answered the question then and now
/// (percent), overall, by population and by group (where both waves have the group).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ConcernChange {
    pub old_question: String,
    pub new_question: String,
    pub title: String,
    pub old_key: String,
    pub new_key: String,
    pub old_label: String,
    pub label: String,
    pub department: String,
    /// How alike the two are (1 the same name; see docs/compare.md).
    pub similarity: f64,
    /// Paired by hand (`[compare]` in survey.toml).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub configured: bool,
    /// The question asks for suggestions (its concerns are measures proposed).
    pub asks_suggestions: bool,
    pub share: Change,
    /// The 95% (Wilson) intervals of the share then and now, as each report gives them.
    pub old_ci: [f64; 2],
    pub new_ci: [f64; 2],
    pub by_population: Vec<PartChange>,
    pub by_group: Vec<PartChange>,
}

/// A change within a population, or within one group of a grouping dimension.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PartChange {
    pub population: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub dimension: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub group: String,
    #[serde(flatten)]
    pub change: Change,
}

/// A concern seen in one wave only.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ConcernSeen {
    pub question: String,
    pub key: String,
    pub label: String,
    pub respondents: u64,
    pub share: f64,
}

/// A measure respondents proposed, with how many proposed it in each wave (`None`: not
/// listed that wave).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MeasureSeen {
    pub question: String,
    pub text: String,
    pub old_respondents: Option<u64>,
    pub new_respondents: Option<u64>,
}

/// A proposal draft as `results.json` records it (`drafts[]`), so that a later wave can
/// track it: the concern it was written on (and the suggestion concerns joined to it),
/// the measures it carries, and the closed items on the same matter it cites.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct DraftRecord {
    /// File name without extension (`01-工厂排放异味`).
    pub stem: String,
    pub title: String,
    pub question: String,
    pub key: String,
    pub label: String,
    pub companions: Vec<ConcernRef>,
    pub measures: Vec<String>,
    pub items: Vec<ItemRef>,
}

/// A concern of a question, by key.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct ConcernRef {
    pub question: String,
    pub key: String,
    pub label: String,
}

/// A closed item: a scale question, a matrix row (`row`) or an option (`option`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct ItemRef {
    pub population: String,
    pub question: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub option: Option<String>,
}

/// One line of the tracking of an earlier report's drafts (后评估): its concern's share
/// then → now, and its closed items then → now.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Tracking {
    pub stem: String,
    pub title: String,
    /// The draft's concern in the earlier report: its question and key.
    pub question: String,
    pub key: String,
    pub label: String,
    /// `None` when the concern is not found in the later wave (see `gone_concerns`, and
    /// `unmatched` for a question not asked again).
    pub concern: Option<Change>,
    pub items: Vec<TrackedItem>,
}

/// A closed item of a draft, then → now: the mean of a scale item or matrix row, or the
/// share of an option, with its change (`None` when the item is not found in the later wave).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TrackedItem {
    #[serde(flatten)]
    pub item: ItemRef,
    pub title: String,
    /// What `change` measures: `mean` of a scale, or `share` of an option.
    pub measure: &'static str,
    pub change: Option<Change>,
}
