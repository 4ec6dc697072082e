//! Screening's result: which responses were read, analysed, excluded or flagged, and why.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Why a response is excluded or flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// No question answered at all.
    Empty,
    /// The same answers (and IP address, when exported) as an earlier submission.
    Duplicate,
    /// Answered in far less time than the median respondent.
    Speeder,
    /// The same point on every row of a matrix.
    StraightLine,
}

impl Reason {
    pub const ALL: [Reason; 4] = [Reason::Empty, Reason::Duplicate, Reason::Speeder, Reason::StraightLine];

    pub fn name(self) -> &'static str {
        match self {
            Reason::Empty => "empty",
            Reason::Duplicate => "duplicate",
            Reason::Speeder => "speeder",
            Reason::StraightLine => "straight_line",
        }
    }

    pub fn from_name(s: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.name() == s)
    }

    /// For table headers.
    pub fn short_label(self) -> &'static str {
        match self {
            Reason::Empty => "未作答",
            Reason::Duplicate => "重复提交",
            Reason::Speeder => "用时过短",
            Reason::StraightLine => "矩阵同选",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Reason::Empty => "未作答任何题目",
            Reason::Duplicate => "重复提交",
            Reason::Speeder => "答题用时过短",
            Reason::StraightLine => "矩阵题全部选同一项",
        }
    }
}

/// Row accounting of one population (written to the manifest and results.json).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RowAccount {
    pub population: String,
    pub read: usize,
    pub analysed: usize,
    /// Reason → response ids; each excluded response is listed once, under its first reason.
    pub excluded: BTreeMap<Reason, Vec<String>>,
    /// Reason → ids of responses kept but worth a look.
    pub flagged: BTreeMap<Reason, Vec<String>>,
    /// The duration below which a response counted as a speeder (seconds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speeder_threshold: Option<f64>,
    /// Exclusion rules not applied because they would have removed too many responses
    /// (the rows are flagged instead).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub guarded: Vec<Guarded>,
    /// Rules that could not be applied (or only in part) because the column they need
    /// holds nothing usable.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub unavailable: Vec<Unavailable>,
}

/// An exclusion rule held back by the guard (`[screening] max_excluded_share`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Guarded {
    pub reason: Reason,
    /// Responses the rule would have excluded (now flagged).
    pub would_exclude: usize,
    /// The share of the population that is, and the limit.
    #[serde(deserialize_with = "super::results::nan::f64")]
    pub share: f64,
    #[serde(deserialize_with = "super::results::nan::f64")]
    pub limit: f64,
}

impl Guarded {
    /// The plain sentence for the terminal and the brief.
    pub fn sentence(&self, population: &str) -> String {
        format!(
            "{population}：按“{}”会排除 {} 份答卷（占 {:.1}%，超过 {:.0}% 的上限），为免误删，这条规则未执行，这些答卷只标记待查、仍纳入分析；\
             如确认要排除，可在 survey.toml 的 [screening] 中写 max_excluded_share = 1.0",
            self.reason.label(),
            self.would_exclude,
            self.share * 100.0,
            self.limit * 100.0
        )
    }
}

/// A screening rule without the data it needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unavailable {
    pub reason: Reason,
    /// The column's title.
    pub column: String,
    /// Why, in plain words (for the terminal and the brief).
    pub why: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Screening {
    pub populations: Vec<RowAccount>,
}
