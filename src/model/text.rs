//! Open-answer results: concerns with their shares, keywords, quotes and suggestions,
//! per question; the `open_questions` and `concerns` of `results.json` and the rows of
//! `concerns.csv`.

use crate::util::math::percent_ci;
use serde::Serialize;

/// Where the texts of an open-answer analysis come from (`open` / `other` in results.json).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TextSource {
    /// A free-text question.
    Open,
    /// The texts typed after "其他" in a choice question.
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// Index of the answer in the input.
    pub answer: usize,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub text: String,
    /// Respondents who made this suggestion or a near-duplicate of it.
    pub respondents: usize,
}

/// A share of respondents with its Wilson 95% interval (percent; NaN when none answered).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Share {
    pub respondents: usize,
    pub answered: usize,
    pub share: f64,
    pub ci_low: f64,
    pub ci_high: f64,
}

impl Share {
    pub fn new(x: usize, n: usize) -> Share {
        let (share, ci_low, ci_high) = percent_ci(x as u64, n as u64);
        Share { respondents: x, answered: n, share, ci_low, ci_high }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Concern {
    /// 1-based; the remainder has id 0.
    pub id: usize,
    pub label: String,
    pub keywords: Vec<String>,
    /// From the codebook rather than discovered.
    pub codebook: bool,
    /// Of answering respondents.
    #[serde(flatten)]
    pub share: Share,
    /// Quotes point at answers by index; the text stage turns them into response ids.
    #[serde(skip)]
    pub quotes: Vec<Quote>,
    pub suggestions: Vec<Suggestion>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Keyword {
    pub word: String,
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    pub word: String,
    /// Answers using the term.
    pub frequency: usize,
    pub community: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edge {
    pub a: usize,
    pub b: usize,
    /// Jaccard coefficient: answers with both / answers with either.
    pub jaccard: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Network {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

/// An open question (or the "其他" texts of a choice question) and what its answers say.
#[derive(Debug, Clone, Serialize)]
pub struct OpenQuestion {
    /// Question id (of the first population that asked it).
    pub question: String,
    pub title: String,
    /// `open` (a free-text question) or `other` (texts typed after "其他").
    pub source: TextSource,
    pub populations: Vec<String>,
    pub answered: usize,
    pub non_answers: usize,
    pub empty: usize,
    /// Concerns discovered before the small ones joined the remainder.
    pub discovered: usize,
    /// Named concerns reported (the remainder not counted).
    pub named: usize,
    /// Asks for suggestions (every clause counts as one).
    pub asks_suggestions: bool,
    pub keywords: Vec<Keyword>,
    pub textrank: Vec<Keyword>,
    pub network: Network,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PopulationShare {
    pub population: String,
    #[serde(flatten)]
    pub share: Share,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GroupShare {
    pub population: String,
    /// The grouping question's id and title, and the group (its option).
    pub dimension: String,
    pub dimension_title: String,
    pub group: String,
    #[serde(flatten)]
    pub share: Share,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuoteOut {
    pub population: String,
    pub response_id: String,
    pub text: String,
}

/// One concern of one question: the `concerns` entries of `results.json`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ConcernOut {
    pub question: String,
    pub source: TextSource,
    /// Id (1-based by share; 0 is the remainder), label, keywords, share, suggestions.
    #[serde(flatten)]
    pub concern: Concern,
    pub by_population: Vec<PopulationShare>,
    pub by_group: Vec<GroupShare>,
    pub quotes: Vec<QuoteOut>,
}

/// One answer, placed: a row of `concerns.csv`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AnswerRow {
    pub population: String,
    pub response_id: String,
    pub question: String,
    pub status: &'static str,
    pub concern_id: Option<usize>,
    pub concern_label: String,
    pub all_concern_ids: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct TextResults {
    pub questions: Vec<OpenQuestion>,
    pub concerns: Vec<ConcernOut>,
    #[serde(skip)]
    pub answers: Vec<AnswerRow>,
}
