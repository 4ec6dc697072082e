//! The types that flow between stages: a [`Survey`] made of [`Population`]s, each
//! with its questionnaire ([`Question`]s) and one polars `DataFrame` of typed answers.
//!
//! Later stages never look columns up by guessing names: a [`Question`] lists the
//! frame columns that hold its answers ([`Field`]), and the accessors here return them.

use super::Audience;
use polars::prelude::*;
use serde::{Deserialize, Serialize};

/// Name of the frame column holding the response id (the export's id column when one
/// was found, else the 1-based data row number).
pub const ID_COLUMN: &str = "_id";
/// Name of the frame column holding the 1-based row number in the source sheet.
pub const ROW_COLUMN: &str = "_row";

/// Everything read from the inputs: one population per file (or sheet).
#[derive(Debug, Clone)]
pub struct Survey {
    pub populations: Vec<Population>,
}

/// One input table: a group of respondents answering one questionnaire.
#[derive(Debug, Clone)]
pub struct Population {
    /// Display name (园区, 市民 …): from the config, else the file name.
    pub name: String,
    /// Where the table came from and how it was read.
    pub source: SourceInfo,
    /// The questionnaire as detected (or as corrected by the config), in column order.
    pub questions: Vec<Question>,
    /// Question ids to break results down by (demographics named in the config).
    pub group_by: Vec<String>,
    /// Who answered (residents, enterprises …, or the writers of messages).
    pub audience: Audience,
    /// Why the file was read as a collection of messages (empty for a questionnaire).
    pub kind_reason: String,
    /// One row per response: `_id`, `_row`, then the fields of every question.
    pub frame: DataFrame,
}

/// Where a population's table came from.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SourceInfo {
    pub path: String,
    pub format: Format,
    pub sheet: Option<String>,
    /// Encoding used to decode a text file (`None` for workbooks).
    pub encoding: Option<String>,
    pub platform: Platform,
    /// 1-based row numbers of the header row(s) in the sheet.
    pub header_rows: Vec<usize>,
    /// Data rows read (blank rows are not counted).
    pub rows_read: usize,
    /// Blank rows inside the data area that were passed over.
    pub blank_rows: usize,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
    Csv,
}

/// The survey platform whose export layout was recognised.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    /// 问卷星, "按选项文本" export.
    WjxText,
    /// 问卷星, "按选项序号" export (numeric codes).
    WjxCode,
    /// 腾讯问卷.
    Tencent,
    /// A sheet of the user's own.
    Plain,
}

impl Platform {
    pub fn label(self) -> &'static str {
        match self {
            Platform::WjxText => "问卷星（按选项文本）",
            Platform::WjxCode => "问卷星（按选项序号）",
            Platform::Tencent => "腾讯问卷",
            Platform::Plain => "普通表格",
        }
    }
}

/// What kind of answer a question collects. Serialized by its [`Kind::name`].
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(into = "String", try_from = "String")]
pub enum Kind {
    /// One option of several.
    Single,
    /// Any number of options.
    Multi,
    /// One point of an ordered agreement/satisfaction scale.
    Likert,
    /// A score such as 0–10 (NPS) or 1–5 stars.
    Rating,
    /// A number.
    Numeric,
    /// Free text.
    Text,
    /// Several rows, each answered on one shared scale.
    Matrix,
    /// Respondent id, times, duration, channel, IP: not a question.
    Meta(MetaKind),
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum MetaKind {
    Id,
    SubmitTime,
    StartTime,
    Duration,
    Source,
    SourceDetail,
    Ip,
    Other,
}

impl From<Kind> for String {
    fn from(k: Kind) -> String {
        k.name().to_string()
    }
}

impl TryFrom<String> for Kind {
    type Error = String;
    fn try_from(s: String) -> Result<Kind, String> {
        Kind::from_name(&s).ok_or_else(|| {
            format!(
                "题目类型 kind = \"{s}\" 无法识别\n  提示：可用的类型有 single multi likert rating numeric text matrix id submit_time start_time duration source source_detail ip meta"
            )
        })
    }
}

impl Kind {
    /// The name used in configs and JSON (`single`, `matrix`, `duration` …).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Single => "single",
            Kind::Multi => "multi",
            Kind::Likert => "likert",
            Kind::Rating => "rating",
            Kind::Numeric => "numeric",
            Kind::Text => "text",
            Kind::Matrix => "matrix",
            Kind::Meta(m) => match m {
                MetaKind::Id => "id",
                MetaKind::SubmitTime => "submit_time",
                MetaKind::StartTime => "start_time",
                MetaKind::Duration => "duration",
                MetaKind::Source => "source",
                MetaKind::SourceDetail => "source_detail",
                MetaKind::Ip => "ip",
                MetaKind::Other => "meta",
            },
        }
    }

    pub fn from_name(s: &str) -> Option<Kind> {
        const ALL: [Kind; 15] = [
            Kind::Single,
            Kind::Multi,
            Kind::Likert,
            Kind::Rating,
            Kind::Numeric,
            Kind::Text,
            Kind::Matrix,
            Kind::Meta(MetaKind::Id),
            Kind::Meta(MetaKind::SubmitTime),
            Kind::Meta(MetaKind::StartTime),
            Kind::Meta(MetaKind::Duration),
            Kind::Meta(MetaKind::Source),
            Kind::Meta(MetaKind::SourceDetail),
            Kind::Meta(MetaKind::Ip),
            Kind::Meta(MetaKind::Other),
        ];
        ALL.into_iter().find(|k| k.name() == s)
    }

    /// Chinese name for reports and `inspect`.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Single => "单选",
            Kind::Multi => "多选",
            Kind::Likert => "量表",
            Kind::Rating => "评分",
            Kind::Numeric => "数值",
            Kind::Text => "开放题",
            Kind::Matrix => "矩阵量表",
            Kind::Meta(m) => match m {
                MetaKind::Id => "答卷编号",
                MetaKind::SubmitTime => "提交时间",
                MetaKind::StartTime => "开始时间",
                MetaKind::Duration => "答题用时",
                MetaKind::Source => "来源",
                MetaKind::SourceDetail => "来源详情",
                MetaKind::Ip => "IP/地区",
                MetaKind::Other => "其他信息",
            },
        }
    }

    pub fn is_meta(self) -> bool {
        matches!(self, Kind::Meta(_))
    }
}

/// Why a cell holds no answer. Stored per field as a `UInt8` status column
/// (`0` = answered).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// The questionnaire's logic skipped the question (`(跳过)`, code −3).
    Skipped,
    /// Shown but not answered (`(空)` or a blank cell).
    Empty,
    /// Not shown to this respondent (`(未显示)`).
    NotShown,
    /// Something was written that is not an answer of the question's type (a word in
    /// a number question): counted and reported, not used.
    Invalid,
}

impl Missing {
    pub fn code(self) -> u8 {
        match self {
            Missing::Skipped => 1,
            Missing::Empty => 2,
            Missing::NotShown => 3,
            Missing::Invalid => 4,
        }
    }
    pub fn from_code(c: u8) -> Option<Missing> {
        match c {
            1 => Some(Missing::Skipped),
            2 => Some(Missing::Empty),
            3 => Some(Missing::NotShown),
            4 => Some(Missing::Invalid),
            _ => None,
        }
    }
}

/// How many rows of a field are answered, and why the others are not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StatusCounts {
    pub n_valid: u64,
    pub n_skipped: u64,
    pub n_empty: u64,
    pub n_not_shown: u64,
    pub n_invalid: u64,
}

impl StatusCounts {
    /// Count status codes (`0`/`None` … see [`Missing`]).
    pub fn from_codes(codes: impl IntoIterator<Item = Option<u8>>) -> StatusCounts {
        let mut c = StatusCounts::default();
        for s in codes {
            match s.and_then(Missing::from_code) {
                None => c.n_valid += 1,
                Some(Missing::Skipped) => c.n_skipped += 1,
                Some(Missing::Empty) => c.n_empty += 1,
                Some(Missing::NotShown) => c.n_not_shown += 1,
                Some(Missing::Invalid) => c.n_invalid += 1,
            }
        }
        c
    }

    /// Rows without a valid answer, whatever the reason.
    pub fn missing(&self) -> u64 {
        self.n_skipped + self.n_empty + self.n_not_shown + self.n_invalid
    }
}

/// One option of a choice question, in questionnaire order.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Choice {
    pub label: String,
    /// The numeric code of a 按序号 export, when known.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub code: Option<i64>,
    /// Score on a Likert scale (1 = most negative).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub score: Option<f64>,
    /// Whether this option asks for text ("其他〖…〗").
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub other: bool,
}

impl Choice {
    pub fn new(label: impl Into<String>) -> Choice {
        Choice { label: label.into(), code: None, score: None, other: false }
    }
}

/// One frame column belonging to a question, with the source column it came from.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Field {
    /// Column name in the population's frame.
    pub column: String,
    /// Column name of the `UInt8` missing-status column (see [`Missing`]).
    pub status: String,
    /// The label of the row (matrix) or option (multi choice in one column per option).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub label: Option<String>,
    /// 0-based index of the source column in the sheet.
    pub source_col: usize,
    /// The source column's header text.
    pub header: String,
}

/// A question (or a metadata column) of the questionnaire.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Question {
    /// Stable id within the population (`q7`, `id`, `submit_time`, `c12` …).
    pub id: String,
    /// The number printed in the questionnaire, when the export has one.
    pub number: Option<u32>,
    pub title: String,
    pub kind: Kind,
    /// Options in questionnaire order (single, multi, Likert; the shared scale of a matrix).
    pub options: Vec<Choice>,
    /// The frame columns: one for most kinds; one per row (matrix) or per option
    /// (multi choice: a `Boolean` column per option, in `options` order).
    pub fields: Vec<Field>,
    /// Frame column with the text typed after "其他" (a `String` column), if any.
    pub other_text: Option<String>,
    /// For `Meta(Ip)`: frame column with the region in brackets after the address.
    pub region: Option<String>,
    /// What the column is for the analysis, beyond its kind (see [`Role`]).
    #[serde(default)]
    pub role: Role,
    /// Why that role was decided (shown by `inspect`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role_reason: String,
    /// What an open question asks for, when `survey.toml` says (`intent = …`); decided by
    /// the text stage from the title and the answers otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intent: Option<super::Intent>,
}

/// A column's role in the analysis, decided from its title and answers by documented
/// rules (`docs/roles.md`) and editable in `survey.toml` (`role = …`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A closed question (choice, scale, rating, number): counted and compared.
    #[default]
    Answer,
    /// An open question people answered in their own words: concerns, quotes, drafts.
    Opinion,
    /// Short free entries that repeat (a school, a street, a brand): a table of values.
    Categorical,
    /// Short facts (有/无, "1.2km", "30多天", "11:30"): summarised as values.
    Factual,
    /// Names, phone numbers, accounts, addresses, ids: never analysed or written out;
    /// only counted.
    Identity,
    /// Every filled cell the same, or a placeholder (`[DESENSITIZED]`, `***`): reported,
    /// not analysed.
    Placeholder,
    /// About the response, not an answer (times, IP, region, browser, user type, links).
    Metadata,
}

impl Role {
    pub const ALL: [Role; 7] =
        [Role::Answer, Role::Opinion, Role::Categorical, Role::Factual, Role::Identity, Role::Placeholder, Role::Metadata];

    pub fn name(self) -> &'static str {
        match self {
            Role::Answer => "answer",
            Role::Opinion => "opinion",
            Role::Categorical => "categorical",
            Role::Factual => "factual",
            Role::Identity => "identity",
            Role::Placeholder => "placeholder",
            Role::Metadata => "metadata",
        }
    }

    /// For `inspect` and the brief.
    pub fn label(self) -> &'static str {
        match self {
            Role::Answer => "封闭题",
            Role::Opinion => "意见",
            Role::Categorical => "填空（名称）",
            Role::Factual => "填空（事实）",
            Role::Identity => "个人信息",
            Role::Placeholder => "占位/无内容",
            Role::Metadata => "答卷信息",
        }
    }

    /// Whether the column's answers may appear in any output (identity never does).
    pub fn is_written(self) -> bool {
        self != Role::Identity
    }
}

impl Question {
    /// Matrix row labels (empty for other kinds).
    pub fn row_labels(&self) -> Vec<&str> {
        if self.kind != Kind::Matrix {
            return Vec::new();
        }
        self.fields.iter().map(|f| f.label.as_deref().unwrap_or("")).collect()
    }

    pub fn option_labels(&self) -> Vec<&str> {
        self.options.iter().map(|c| c.label.as_str()).collect()
    }

    /// The option labels an output may show: none of an identity question's, whose
    /// "options" are people's answers (addresses that repeat like a choice).
    pub fn shown_options(&self) -> Vec<String> {
        if self.role == Role::Identity {
            return Vec::new();
        }
        self.options.iter().map(|c| c.label.clone()).collect()
    }

    /// Source columns as Excel letters, e.g. `["G"]` or `["M", "N", "O"]`.
    pub fn letters(&self) -> Vec<String> {
        let mut cols: Vec<usize> = self.fields.iter().map(|f| f.source_col).collect();
        cols.dedup();
        cols.into_iter().map(crate::diag::column_letter).collect()
    }
}

impl Population {
    pub fn height(&self) -> usize {
        self.frame.height()
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// Response ids in row order.
    pub fn ids(&self) -> PolarsResult<Vec<String>> {
        let c = self.frame.column(ID_COLUMN)?.str()?.clone();
        Ok(c.iter().map(|v| v.unwrap_or_default().to_string()).collect())
    }

    /// The missing-status of a field per row (`None` = answered).
    pub fn statuses(&self, field: &Field) -> PolarsResult<Vec<Option<Missing>>> {
        let c = self.frame.column(&field.status)?.u8()?.clone();
        Ok(c.iter().map(|v| v.and_then(Missing::from_code)).collect())
    }

    /// Valid and missing counts of a field.
    pub fn status_counts(&self, field: &Field) -> PolarsResult<StatusCounts> {
        Ok(StatusCounts::from_codes(self.frame.column(&field.status)?.u8()?.iter()))
    }

    /// Valid and missing counts of a whole question. A matrix row of a respondent counts
    /// as answered when any of its rows is, else by the weightiest missing reason.
    pub fn question_status_counts(&self, q: &Question) -> PolarsResult<StatusCounts> {
        if q.fields.len() < 2 || q.kind != Kind::Matrix {
            return match q.fields.first() {
                Some(f) => self.status_counts(f),
                None => Ok(StatusCounts::default()),
            };
        }
        let mut merged: Vec<Option<u8>> = vec![None; self.height()];
        for f in &q.fields {
            for (m, s) in merged.iter_mut().zip(self.frame.column(&f.status)?.u8()?.iter()) {
                let s = s.unwrap_or(0);
                *m = Some(match *m {
                    Some(0) => 0,
                    _ if s == 0 => 0,
                    Some(prev) => prev.max(s),
                    None => s,
                });
            }
        }
        Ok(StatusCounts::from_codes(merged))
    }

    /// Text values of a string field per row (`None` when missing).
    pub fn texts(&self, column: &str) -> PolarsResult<StringChunked> {
        Ok(self.frame.column(column)?.str()?.clone())
    }

    /// The milliseconds of a time metadata column (submit or start time) per row, when
    /// the export has one.
    pub fn times(&self, kind: MetaKind) -> PolarsResult<Option<Int64Chunked>> {
        let Some(q) = self.questions.iter().find(|q| q.kind == Kind::Meta(kind)) else { return Ok(None) };
        Ok(Some(self.frame.column(&q.fields[0].column)?.cast(&DataType::Int64)?.i64()?.clone()))
    }
}

/// Column naming in a population's frame, in one place. A question's value column is its
/// id; a matrix row or a multi-choice option is `<id>.<k>` (k from 1); beside each value
/// column (or once per multi-choice question) a `UInt8` status column `<column>#status`;
/// the text typed after "其他" is `<id>#other` (also the id of that text's open question);
/// the region an IP column names is `<id>#region`.
pub mod naming {
    /// The column (and cross-tab variable id) of part `index` (0-based) of question `id`.
    pub fn part(id: &str, index: usize) -> String {
        format!("{id}.{}", index + 1)
    }
    /// The missing-status column of a value column (or of a multi-choice question).
    pub fn status(column: &str) -> String {
        format!("{column}#status")
    }
    /// The "其他" text column of question `id`, and the id of its open question.
    pub fn other(id: &str) -> String {
        format!("{id}#other")
    }
    /// The region column of IP column `id`.
    pub fn region(id: &str) -> String {
        format!("{id}#region")
    }
    /// The population name from the file name: "市民问卷.xlsx" → "市民".
    pub fn population(path: &std::path::Path) -> String {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("问卷").trim().to_string();
        for suffix in crate::util::words::words().questions.population_file_suffixes {
            if let Some(s) = stem.strip_suffix(suffix) {
                let s = s.trim_end_matches(['_', '-', ' ']);
                if !s.is_empty() {
                    return s.to_string();
                }
            }
        }
        stem
    }
}
