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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Screening {
    pub populations: Vec<RowAccount>,
}
