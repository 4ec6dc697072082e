//! What each stage is told to do: the options a run hands to ingest (the user's
//! corrections of what was detected), clean, text and brief. Every default lives here
//! once; `config::RunConfig::resolve` fills them from the flags and `survey.toml`,
//! falling back to these.

use super::{Kind, Reason};
use serde::{Deserialize, Serialize};

/// The default seed: runs are reproducible without one being given.
pub const DEFAULT_SEED: u64 = 20_241_126;

/// At most this many named concerns per open question (codebook included).
pub const DEFAULT_MAX_CONCERNS: usize = 15;

/// At most this many named concerns for the texts typed after an "其他" option.
pub const MAX_OTHER_CONCERNS: usize = 8;

/// Concerns raised by fewer than this share of answering respondents join the remainder.
pub const DEFAULT_MIN_SHARE: f64 = 0.01;

/// How to screen (from the config's `[screening]` table).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ScreenOptions {
    /// A response faster than this share of the median duration is a speeder.
    pub speeder_ratio: f64,
    /// Reasons that exclude a response; the others only flag it.
    pub exclude: Vec<Reason>,
    /// A matrix needs at least this many rows for straight-lining to count.
    pub straight_min_rows: usize,
    /// A rule that would exclude more than this share of a population is not applied
    /// (its rows are flagged instead): no rule may silently destroy a survey. Rows with
    /// nothing answered are excluded regardless (they hold no answer to lose).
    pub max_excluded_share: f64,
}

/// The default of [`ScreenOptions::max_excluded_share`].
pub const DEFAULT_MAX_EXCLUDED_SHARE: f64 = 0.10;

impl Default for ScreenOptions {
    fn default() -> Self {
        ScreenOptions {
            speeder_ratio: 1.0 / 3.0,
            exclude: vec![Reason::Empty, Reason::Duplicate],
            straight_min_rows: 4,
            max_excluded_share: DEFAULT_MAX_EXCLUDED_SHARE,
        }
    }
}

/// Options of the text stage.
#[derive(Debug, Clone)]
pub struct TextOptions {
    /// The department taxonomy (TOML text) replacing the shipped one, if any.
    pub departments: Option<String>,
    pub seed: u64,
    pub k: Option<usize>,
    /// At most this many named concerns per open question (codebook included).
    pub max_concerns: usize,
    /// Concerns raised by fewer than this share of answering respondents join the remainder.
    pub min_share: f64,
    pub non_answers: Vec<String>,
    pub codebook: Vec<Code>,
    /// Corrections of concerns made in explorer.html (`[[correction]]`).
    pub corrections: Vec<Correction>,
    /// The open questions of an earlier wave (`--compare-with`): a question asked again
    /// is placed with that wave's concerns (see [`PreviousQuestion`]).
    pub previous: Vec<PreviousQuestion>,
    pub simplify: bool,
}

/// An open question of an earlier wave, read from its report (`results.json` and
/// `concerns.csv`): its title, its named concerns (`concerns[i]` is concern id `i + 1`)
/// and every answer placed in one of them, with its main concern's id. The same question
/// now (matched by title) is placed with these concerns, named as then: the earlier
/// answers anchor one cluster each while this wave's answers are sampled, joining them or
/// forming new concerns — so that a share then and now is measured the same way.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PreviousQuestion {
    /// The earlier report's folder name.
    pub report: String,
    pub title: String,
    /// `open` or `other` (texts typed after "其他"), as `source` in results.json.
    pub source: String,
    pub concerns: Vec<String>,
    pub answers: Vec<(String, usize)>,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions {
            departments: None,
            seed: DEFAULT_SEED,
            k: None,
            max_concerns: DEFAULT_MAX_CONCERNS,
            min_share: DEFAULT_MIN_SHARE,
            non_answers: Vec::new(),
            codebook: Vec::new(),
            corrections: Vec::new(),
            previous: Vec::new(),
            simplify: true,
        }
    }
}

/// At most this many proposal drafts.
pub const DEFAULT_MAX_DRAFTS: usize = 5;

/// Who the brief is for and what it is called (`[brief]` in the config, `--title`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Titles {
    pub title: Option<String>,
    pub committee: Option<String>,
    pub meeting: Option<String>,
}

/// Which form the drafts take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DraftKind {
    /// 提案：案由、问题分析、具体建议、数据来源
    #[default]
    Proposal,
    /// 社情民意信息：反映的问题、原因分析、意见建议（不超过 1500 字）
    Sqmy,
}

/// The rules the run applied, as the brief's method text and appendix state them.
#[derive(Debug, Clone, PartialEq)]
pub struct Method {
    pub screen: ScreenOptions,
    pub max_concerns: usize,
    pub min_share: f64,
}

impl Method {
    /// The concern limit for texts of this source.
    pub fn concern_limit(&self, source: super::TextSource) -> usize {
        concern_limit(self.max_concerns, source)
    }
}

/// At most this many named concerns for a question of this source, given the run's limit.
pub fn concern_limit(max_concerns: usize, source: super::TextSource) -> usize {
    match source {
        super::TextSource::Open => max_concerns.max(1),
        super::TextSource::Other => max_concerns.clamp(1, MAX_OTHER_CONCERNS),
    }
}

impl Default for Method {
    fn default() -> Self {
        Method { screen: ScreenOptions::default(), max_concerns: DEFAULT_MAX_CONCERNS, min_share: DEFAULT_MIN_SHARE }
    }
}

/// Options of the brief stage.
#[derive(Debug, Clone, PartialEq)]
pub struct BriefOptions {
    pub titles: Titles,
    /// A committee's own template (typst markup) instead of the embedded one.
    pub template: Option<String>,
    pub draft: DraftKind,
    /// At most this many drafts.
    pub max_drafts: usize,
    /// Unix time for the PDF's creation date (`SOURCE_DATE_EPOCH`); else the date of the
    /// last response; never the clock.
    pub date: Option<i64>,
    pub method: Method,
}

impl Default for BriefOptions {
    fn default() -> Self {
        BriefOptions {
            titles: Titles::default(),
            template: None,
            draft: DraftKind::Proposal,
            max_drafts: DEFAULT_MAX_DRAFTS,
            date: None,
            method: Method::default(),
        }
    }
}

/// A known concern and the words that mark it (from the config's codebook).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Code {
    pub name: String,
    pub words: Vec<String>,
}

/// Corrections of one open question's concerns, made in `explorer.html` and exported as
/// a `[[correction]]` table (docs/explorer.md). Concerns are named by their `key`
/// (`k3` a concern the machine found, `n1` one a correction made, `rest` the remainder),
/// which stays the same across runs of the same answers with the same options.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// The question's id as in results.json (`q11`, `q5-其他`).
    pub question: String,
    /// Its title, for whoever reads the file.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// The fingerprint of the answers and options the corrections were made on
    /// (`fingerprint` of the question in results.json). When it differs, the keys no
    /// longer name the same concerns: the corrected concerns then seed like a codebook.
    pub fingerprint: String,
    /// Names (and seed words) of the concerns the corrections touched.
    #[serde(rename = "concern", default, skip_serializing_if = "Vec::is_empty")]
    pub concerns: Vec<CorrectedConcern>,
    /// What was done, in order.
    #[serde(rename = "step", default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<Step>,
}

/// A concern as corrected: its key, its name and its characteristic words (seed words
/// when the correction has to act as a codebook; none for a concern only named).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorrectedConcern {
    pub key: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<String>,
    /// Seeded like a codebook entry before discovery (a correction that was made on other
    /// answers becomes one; the corrections made after it build on the seeded run).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub seed: bool,
}

/// What a key of a correction names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConcernKey {
    /// `k3`: the machine's cluster 3.
    Machine(usize),
    /// `n1`: a concern a correction made.
    New(usize),
    /// `rest`: the remainder.
    Rest,
}

impl ConcernKey {
    pub fn parse(key: &str) -> Option<ConcernKey> {
        if key == "rest" {
            return Some(ConcernKey::Rest);
        }
        let digits = |d: &str| (!d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())).then(|| d.parse::<usize>().ok()).flatten();
        match key.split_at_checked(1) {
            Some(("k", d)) => digits(d).map(ConcernKey::Machine),
            Some(("n", d)) => digits(d).map(ConcernKey::New),
            _ => None,
        }
    }
}

/// One correction (`do = "merge" | "split" | "drop" | "move"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "do", rename_all = "lowercase", deny_unknown_fields)]
pub enum Step {
    /// Every answer of `from` goes to `into`.
    Merge { from: String, into: String },
    /// The answers of `from` whose text contains `word` form a new concern `new`.
    Split { from: String, word: String, new: String },
    /// Not a concern (不是关注问题): its answers keep their other concerns, else join
    /// the remainder.
    Drop { concern: String },
    /// One answer, named by population and response id, from one concern to another.
    Move { population: String, response: String, from: String, to: String },
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PopulationConfig {
    /// The input file, relative to the config file's folder.
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sheet: Option<String>,
    /// 1-based row of the header (when automatic detection picks the wrong one).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub header_row: Option<usize>,
    /// Encoding of a CSV file, e.g. "GBK" or "UTF-8" (detected when absent).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub encoding: Option<String>,
    /// Question ids to break results down by.
    #[serde(default)]
    pub group_by: Vec<String>,
    /// Who answered: "residents"（市民）, "enterprises"（受访企业）, "respondents"（受访者）
    /// or "writers"（来信人, a collection of messages）.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub audience: Option<super::Audience>,
    /// "messages" (letters, hotline work orders, message-board posts) or "survey": what
    /// the file is, when its recognition is wrong.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub kind: Option<CollectionKind>,
    #[serde(rename = "question", default)]
    pub questions: Vec<QuestionConfig>,
}

/// What a file is: a questionnaire's answers or a collection of messages.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum CollectionKind {
    Survey,
    Messages,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct QuestionConfig {
    pub id: String,
    /// Source columns (Excel letters), for the reader's orientation.
    #[serde(default)]
    pub columns: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub title: Option<String>,
    /// single | multi | likert | rating | numeric | text | matrix | id | submit_time |
    /// start_time | duration | source | source_detail | ip | meta
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub kind: Option<Kind>,
    /// Options in questionnaire order (choice, Likert and matrix questions).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub options: Option<Vec<String>>,
    /// The column's role (answer, opinion, categorical, factual, identity, placeholder,
    /// metadata); decided from title and answers when absent.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub role: Option<super::Role>,
    /// What an open question asks for (problem, suggestion, description, praise, mixed);
    /// decided from title and answers when absent.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub intent: Option<super::Intent>,
    /// Leave this question out of the analysis.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub ignore: bool,
}

/// The matching of two waves where the automatic one is not wanted (`[compare]` in
/// `survey.toml`, docs/compare.md).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompareConfig {
    /// The earlier wave's report folder (as `--compare-with`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with: Option<String>,
    /// Questions paired by hand (their ids in each wave); `new = ""` keeps a question out
    /// of the comparison.
    #[serde(rename = "question", default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<QuestionPair>,
    /// Concerns paired by hand (their names in each wave, the later wave's question id);
    /// `new = ""` keeps a concern unmatched.
    #[serde(rename = "concern", default, skip_serializing_if = "Vec::is_empty")]
    pub concerns: Vec<ConcernPair>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionPair {
    pub population: String,
    pub old: String,
    pub new: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConcernPair {
    pub question: String,
    pub old: String,
    pub new: String,
}
