//! Open-answer results: concerns with their shares, keywords, quotes and suggestions,
//! per question; the `open_questions` and `concerns` of `results.json` and the rows of
//! `concerns.csv`.

use crate::util::math::percent_ci;
use serde::{Deserialize, Serialize};

/// Where the texts of an open-answer analysis come from (`open` / `other` in results.json).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TextSource {
    /// A free-text question.
    Open,
    /// The texts typed after "其他" in a choice question.
    Other,
}

impl TextSource {
    /// As results.json writes it: `open` or `other`.
    pub fn name(self) -> &'static str {
        match self {
            TextSource::Open => "open",
            TextSource::Other => "other",
        }
    }
}

/// What an open question asks for, from its title and its answers (`intent` in
/// results.json and survey.toml; docs/text.md, "Intent"). Only questions that carry matters
/// (problems, suggestions, the problem clauses of mixed ones) give concerns ranked as
/// problems, measures and drafts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Intent {
    /// What is wrong (存在哪些问题, 留言).
    #[default]
    Problem,
    /// What to do (有什么建议).
    Suggestion,
    /// A fact or an experience (宿舍几人间、食堂怎么样): what people report, grouped.
    Description,
    /// What is good (最满意的地方).
    Praise,
    /// Several of these: its problem clauses are read as problems, the rest counted.
    Mixed,
}

impl Intent {
    pub const ALL: [Intent; 5] = [Intent::Problem, Intent::Suggestion, Intent::Description, Intent::Praise, Intent::Mixed];

    /// As results.json and survey.toml write it.
    pub fn name(self) -> &'static str {
        match self {
            Intent::Problem => "problem",
            Intent::Suggestion => "suggestion",
            Intent::Description => "description",
            Intent::Praise => "praise",
            Intent::Mixed => "mixed",
        }
    }

    /// For people (inspect, the brief).
    pub fn label(self) -> &'static str {
        match self {
            Intent::Problem => "问题",
            Intent::Suggestion => "建议",
            Intent::Description => "情况描述",
            Intent::Praise => "满意之处",
            Intent::Mixed => "问题与评价混合",
        }
    }

    /// Whether its answers may raise a matter to propose on: problems and suggestions.
    pub fn carries_matters(self) -> bool {
        matches!(self, Intent::Problem | Intent::Suggestion | Intent::Mixed)
    }

    /// What one of its groups is called in the brief: 问题, 建议, 情况, 方面.
    pub fn group_word(self) -> &'static str {
        match self {
            Intent::Problem | Intent::Mixed => "问题",
            Intent::Suggestion => "建议",
            Intent::Description => "情况",
            Intent::Praise => "方面",
        }
    }
}

/// An open question's intent as decided before a run (`inspect`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionIntent {
    pub population: String,
    pub question: String,
    pub intent: Intent,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// Index of the answer in the input.
    pub answer: usize,
    pub text: String,
}

/// A measure respondents proposed (`measures[]` of a concern in results.json).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub text: String,
    /// Respondents who proposed it, in whatever sentence and wording.
    pub respondents: usize,
    /// Two other wordings of it, as written.
    pub examples: Vec<String>,
}

/// The body that handles a matter (`department` in results.json and concerns.csv): a
/// top-level category of the fixed list, the subcategory, the department usually
/// responsible, and how sure the filing is (0–1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Department {
    pub category: String,
    pub sub: String,
    pub department: String,
    #[serde(deserialize_with = "super::results::nan::f64")]
    pub confidence: f64,
}

impl Department {
    /// Nothing in the text points anywhere.
    pub fn other() -> Department {
        Department { category: "其他".into(), ..Default::default() }
    }

    /// `环境保护/大气与异味` (the category alone when there is no subcategory).
    pub fn path(&self) -> String {
        if self.sub.is_empty() {
            self.category.clone()
        } else {
            format!("{}/{}", self.category, self.sub)
        }
    }
}

/// A share of respondents with its Wilson 95% interval (percent; NaN when none answered).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Share {
    pub respondents: usize,
    pub answered: usize,
    #[serde(deserialize_with = "super::results::nan::f64")]
    pub share: f64,
    #[serde(deserialize_with = "super::results::nan::f64")]
    pub ci_low: f64,
    #[serde(deserialize_with = "super::results::nan::f64")]
    pub ci_high: f64,
}

impl Share {
    pub fn new(x: usize, n: usize) -> Share {
        let (share, ci_low, ci_high) = percent_ci(x as u64, n as u64);
        Share { respondents: x, answered: n, share, ci_low, ci_high }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Concern {
    /// 1-based; the remainder has id 0.
    pub id: usize,
    /// Stays the same across runs of the same answers with the same options, whatever
    /// the corrections (`k3` found by the machine, `n1` made by a correction, `rest` the
    /// remainder): what `[[correction]]` refers to.
    #[serde(default)]
    pub key: String,
    pub label: String,
    pub keywords: Vec<String>,
    /// Named by the user (the codebook or a correction) rather than from its answers.
    pub codebook: bool,
    /// Of answering respondents.
    #[serde(flatten)]
    pub share: Share,
    /// 1 + the number of concerns whose share is higher beyond doubt (their 95% interval
    /// lies wholly above this one's); concerns with overlapping intervals share a rank.
    /// 0 for the remainder.
    pub rank: usize,
    /// Ids of the other concerns with the same rank.
    pub tied_with: Vec<usize>,
    /// Quotes point at answers by index; the text stage turns them into response ids.
    #[serde(skip)]
    pub quotes: Vec<Quote>,
    /// What its respondents propose, counted over the whole question (a measure is
    /// listed with the concern most of its proposers raised first, or with one it is about
    /// when that one is about something else; see docs/text.md).
    pub measures: Vec<Suggestion>,
    /// The share (0–1) of the answers whose main concern it is that say its name: at
    /// least half of the name's words written in the answer. None for the remainder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_coverage: Option<f64>,
}

/// Rank the named concerns of one question (ids > 0) by share, with ties: a concern's
/// rank is 1 + the number of concerns whose interval lies wholly above its own, so a
/// concern statistically level with the leader shares rank 1.
pub fn rank_with_ties(concerns: &mut [Concern]) {
    let named: Vec<(usize, f64, f64)> = concerns.iter().filter(|c| c.id > 0).map(|c| (c.id, c.share.ci_low, c.share.ci_high)).collect();
    let rank_of = |high: f64| 1 + named.iter().filter(|(_, low, _)| *low > high).count();
    let ranks: Vec<(usize, usize)> = named.iter().map(|&(id, _, high)| (id, rank_of(high))).collect();
    for c in concerns.iter_mut() {
        if c.id == 0 {
            c.rank = 0;
            c.tied_with.clear();
            continue;
        }
        let rank = ranks.iter().find(|(id, _)| *id == c.id).map_or(0, |r| r.1);
        c.rank = rank;
        c.tied_with = ranks.iter().filter(|(id, r)| *r == rank && *id != c.id).map(|(id, _)| *id).collect();
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Keyword {
    pub word: String,
    #[serde(deserialize_with = "super::results::nan::f64")]
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    pub word: String,
    /// Answers using the term.
    pub frequency: usize,
    pub community: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    pub a: usize,
    pub b: usize,
    /// Jaccard coefficient: answers with both / answers with either.
    #[serde(deserialize_with = "super::results::nan::f64")]
    pub jaccard: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Network {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

/// An open question (or the "其他" texts of a choice question) and what its answers say.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OpenQuestion {
    /// Question id (of the first population that asked it).
    pub question: String,
    pub title: String,
    /// `open` (a free-text question) or `other` (texts typed after "其他").
    pub source: TextSource,
    pub populations: Vec<String>,
    /// Answers that said something: a problem, that there is none, or praise.
    pub answered: usize,
    /// Of those, answers every clause of which denied the problem it named ("没有噪声问题"),
    /// and answers that only praised: in no concern.
    #[serde(default)]
    pub no_problem: usize,
    #[serde(default)]
    pub praise: usize,
    pub non_answers: usize,
    pub empty: usize,
    /// Concerns discovered before the small ones joined the remainder.
    pub discovered: usize,
    /// Named concerns reported (the remainder not counted).
    pub named: usize,
    /// Asks for suggestions (every clause counts as one): `intent` is `suggestion`.
    pub asks_suggestions: bool,
    /// What the question asks for (files written before it existed read it from
    /// `asks_suggestions`: suggestion, else problem).
    #[serde(default)]
    pub intent: Intent,
    /// Why that intent was decided (in Chinese, shown by `inspect`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub intent_reason: String,
    pub keywords: Vec<Keyword>,
    pub textrank: Vec<Keyword>,
    pub network: Network,
    /// Of the answers (their terms) and the options that decide the machine's concerns:
    /// corrections made on one run apply exactly to another with the same fingerprint.
    #[serde(default)]
    pub fingerprint: String,
    /// How the config's corrections of this question were applied, if it had any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corrections: Option<Applied>,
    /// Placed with an earlier wave's concerns (`--compare-with`; the earlier report's
    /// folder name): the concerns that carry the earlier names were found with that
    /// wave's answers as reference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub earlier_wave: Option<String>,
}

/// How a question's `[[correction]]` was applied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Applied {
    /// Made on these same answers: every step replayed. Otherwise the corrected
    /// concerns seeded like a codebook and only moves into them were kept.
    pub exact: bool,
    pub steps: usize,
    /// Steps that could not be applied, with why (in Chinese, for the warning).
    pub skipped: Vec<String>,
}

/// Whether a question's title has wording of its own: not a bare number ("Q6", "第 90 题")
/// nor a column name without a Chinese word ("review", "text").
pub fn worded_title(title: &str) -> bool {
    let t = title.trim();
    let cjk = t.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
    let numbered = t.starts_with('第') && t.ends_with('题') && t.chars().filter(|c| !c.is_ascii_digit() && !c.is_whitespace()).count() <= 2;
    cjk && !numbered
}

impl OpenQuestion {
    /// Whether the title has wording of its own: not a bare number ("Q6", "第 90 题") nor
    /// a column name without a Chinese word ("review", "text").
    pub fn worded(&self) -> bool {
        worded_title(&self.title)
    }

    /// Whether its answers may carry a matter to propose on: by its intent (problems,
    /// suggestions, or a mix of them with other things).
    pub fn carries_matters(&self) -> bool {
        self.intent.carries_matters()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PopulationShare {
    pub population: String,
    #[serde(flatten)]
    pub share: Share,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct GroupShare {
    pub population: String,
    /// The grouping question's id and title, and the group (its option).
    pub dimension: String,
    pub dimension_title: String,
    pub group: String,
    #[serde(flatten)]
    pub share: Share,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct QuoteOut {
    pub population: String,
    pub response_id: String,
    pub text: String,
}

/// One concern of one question: the `concerns` entries of `results.json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ConcernOut {
    pub question: String,
    pub source: TextSource,
    /// The body that handles it (from the answers whose main concern it is).
    pub department: Department,
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
    /// The concern ids in the order the answer raised them (the primary first, 0 for the
    /// remainder): what a correction in explorer.html replays; not in concerns.csv.
    #[serde(skip)]
    pub order: Vec<usize>,
    /// `category/subcategory` of the department taxonomy (empty for non-answers).
    pub department: String,
    pub text: String,
    /// The respondent's group in each grouping dimension of the population (the option's
    /// index in [`Dimensions`], `u16::MAX` when unknown); not in concerns.csv.
    #[serde(skip)]
    pub groups: Vec<u16>,
}

/// A population's grouping dimensions: (question id, title, group labels).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dimensions {
    pub population: String,
    pub dims: Vec<(String, String, Vec<String>)>,
}

/// A closed-question item (a scale question, a matrix row, a choice option) filed under
/// the department taxonomy, so that a draft finds the closed results on its matter.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemDepartment {
    pub population: String,
    pub question: String,
    /// The matrix row or option label; the title for a scale question.
    pub label: String,
    pub department: Department,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct TextResults {
    pub questions: Vec<OpenQuestion>,
    pub concerns: Vec<ConcernOut>,
    #[serde(skip)]
    pub answers: Vec<AnswerRow>,
    #[serde(skip)]
    pub items: Vec<ItemDepartment>,
    /// Each population's grouping dimensions, for [`AnswerRow::groups`].
    #[serde(skip)]
    pub dimensions: Vec<Dimensions>,
    /// What the run should tell the user (corrections that did not apply).
    #[serde(skip)]
    pub warnings: Vec<String>,
    /// The corrections replayed exactly (for explorer.html, which continues them).
    #[serde(skip)]
    pub corrections: Vec<crate::model::Correction>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn concern(id: usize, x: usize, n: usize) -> Concern {
        Concern {
            id,
            key: String::new(),
            label: String::new(),
            keywords: Vec::new(),
            codebook: false,
            share: Share::new(x, n),
            rank: 0,
            tied_with: Vec::new(),
            quotes: Vec::new(),
            measures: Vec::new(),
            name_coverage: None,
        }
    }

    /// Wilson 95% intervals by hand (n = 100): 30 → 21.9–39.6 %, 28 → 20.1–37.5 %,
    /// 10 → 5.5–17.4 %. The first two overlap and share rank 1; the third lies wholly
    /// below both and is third. The remainder has no rank.
    #[test]
    fn overlapping_intervals_share_a_rank() {
        let mut cs = vec![concern(1, 30, 100), concern(2, 28, 100), concern(3, 10, 100), concern(0, 20, 100)];
        rank_with_ties(&mut cs);
        let got: Vec<(usize, Vec<usize>)> = cs.iter().map(|c| (c.rank, c.tied_with.clone())).collect();
        assert_eq!(got, [(1, vec![2]), (1, vec![1]), (3, vec![]), (0, vec![])]);
    }
}
