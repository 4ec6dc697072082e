//! `results.json`, typed: what a run writes and what a later run (`--compare-with`) or
//! `minyi compare` reads back, with the version of its layout (see `docs/results.md`).
//! One type serves both ways: a run borrows its stage values, a reader owns what it read.

use super::{ConcernOut, Crosstab, DraftRecord, OpenQuestion, OtherText, PopulationSummary, PreviousQuestion, QuestionStats, RowAccount};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// The layout of results.json. 1: written before the field existed (read as 1 when
/// absent; the same fields); 2: with `schema_version`. A reader refuses a later one.
pub const SCHEMA_VERSION: u32 = 2;

fn unversioned() -> u32 {
    1
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Results<'a> {
    pub tool: Cow<'a, str>,
    pub version: Cow<'a, str>,
    #[serde(default = "unversioned")]
    pub schema_version: u32,
    pub seed: u64,
    pub populations: Cow<'a, [PopulationSummary]>,
    /// Row accounting per population: read = analysed + excluded.
    pub rows: Cow<'a, [RowAccount]>,
    pub questions: Cow<'a, [QuestionStats]>,
    pub crosstabs: Cow<'a, [Crosstab]>,
    /// "其他" texts, personal data redacted.
    pub other_texts: Cow<'a, [OtherText]>,
    /// Open questions: answered / non-answers / blank, keywords, co-occurrence network.
    pub open_questions: Cow<'a, [OpenQuestion]>,
    /// Concerns found in open answers, per question, by share (id 0 = the remainder).
    pub concerns: Cow<'a, [ConcernOut]>,
    /// The proposal drafts: what each was written on (for tracking in a later wave; absent
    /// from reports written before drafts were recorded).
    #[serde(default)]
    pub drafts: Cow<'a, [DraftRecord]>,
}

impl Results<'_> {
    /// The named concerns (ids 1…) of one question.
    pub fn named_concerns<'s>(&'s self, question: &'s str) -> impl Iterator<Item = &'s ConcernOut> + 's {
        self.concerns.iter().filter(move |c| c.question == question && c.concern.id > 0)
    }
}

/// Why an earlier report could not be read (worded for the user).
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("无法读取 {}（{detail}）\n  提示：比较的报告应是 minyi run 输出的报告文件夹（其中有 results.json）", .path.display())]
    Unreadable { path: PathBuf, detail: String },
    #[error("{} 不是当前版本的 minyi 写出的结果文件（{detail}）\n  提示：请用当前版本重新运行 minyi run，再比较", .path.display())]
    NotCurrent { path: PathBuf, detail: String },
    #[error("{} 由更新版本的 minyi 写出（结果格式第 {found} 版，本程序读第 {SCHEMA_VERSION} 版及以前）\n  提示：请用同一版本的 minyi 比较，或升级本程序", .path.display())]
    Newer { path: PathBuf, found: u32 },
    #[error("无法读取 {}（{detail}）\n  提示：比较需要上一轮报告文件夹中的 concerns.csv（minyi run 会写出它）", .path.display())]
    NoAnswers { path: PathBuf, detail: String },
    #[error("{} 缺少 question、concern_id 或 text 列\n  提示：请用当前版本重新运行 minyi run，再比较", .path.display())]
    AnswerColumns { path: PathBuf },
    #[error("{} 第 {line} 行无法读取（{detail}）\n  提示：concerns.csv 应是 minyi run 写出的原样文件；请勿在表格软件中改动后再比较，或重新运行上一轮的 minyi run", .path.display())]
    AnswerRow { path: PathBuf, line: u64, detail: String },
}

/// A report folder written by `minyi run`, read back: its folder name, its results and,
/// from its `concerns.csv`, every open question's answers with the concern each was
/// placed in (what a later wave is placed with).
#[derive(Debug, Clone)]
pub struct EarlierReport {
    pub name: String,
    pub results: Results<'static>,
    pub previous: Vec<PreviousQuestion>,
}

impl EarlierReport {
    /// Read a report folder: its results (`minyi compare`), and with `answers` the
    /// answers of its open questions too (`--compare-with`).
    pub fn read(dir: &Path, answers: bool) -> Result<EarlierReport, ReportError> {
        let results = read_results(&dir.join("results.json"))?;
        let name = dir.file_name().map_or_else(|| dir.display().to_string(), |n| n.to_string_lossy().into_owned());
        // Each open question's named concerns (`concerns[i]` is concern id i + 1; a gap
        // stays an empty name).
        let mut previous: Vec<(String, PreviousQuestion)> = Vec::new();
        for q in results.open_questions.iter() {
            let named: Vec<(usize, &str)> = results.named_concerns(&q.question).map(|c| (c.concern.id, c.concern.label.as_str())).collect();
            let mut concerns = vec![String::new(); named.iter().map(|x| x.0).max().unwrap_or(0)];
            for (id, label) in named {
                concerns[id - 1] = label.to_string();
            }
            previous.push((
                q.question.clone(),
                PreviousQuestion {
                    report: name.clone(),
                    title: q.title.clone(),
                    source: q.source.name().to_string(),
                    concerns,
                    answers: Vec::new(),
                },
            ));
        }
        if answers && !previous.is_empty() {
            read_answers(&dir.join("concerns.csv"), &mut previous)?;
        }
        Ok(EarlierReport { name, results, previous: previous.into_iter().map(|x| x.1).collect() })
    }
}

/// Parse a results.json of this layout (or the unversioned one before it).
pub fn read_results(path: &Path) -> Result<Results<'static>, ReportError> {
    let text = std::fs::read_to_string(path).map_err(|e| ReportError::Unreadable { path: path.to_path_buf(), detail: io_detail(&e) })?;
    let version: serde_json::Value = serde_json::from_str(&text).map_err(|e| ReportError::NotCurrent {
        path: path.to_path_buf(),
        detail: format!("第 {} 行第 {} 列无法解析，不是完整的 JSON 文件", e.line(), e.column()),
    })?;
    if version.get("tool").and_then(|t| t.as_str()) != Some("minyi") {
        return Err(ReportError::NotCurrent { path: path.to_path_buf(), detail: "缺少 tool".into() });
    }
    if let Some(found) = version.get("schema_version").and_then(|v| v.as_u64()) {
        if found > u64::from(SCHEMA_VERSION) {
            return Err(ReportError::Newer { path: path.to_path_buf(), found: found as u32 });
        }
    }
    let mut results: Results<'static> =
        serde_json::from_str(&text).map_err(|e| ReportError::NotCurrent { path: path.to_path_buf(), detail: mismatch(&e) })?;
    // Files written before `intent` existed say only whether a question asked for suggestions.
    if version.get("open_questions").and_then(|q| q.as_array()).is_some_and(|qs| qs.iter().any(|q| q.get("intent").is_none())) {
        for q in results.open_questions.to_mut() {
            if q.asks_suggestions {
                q.intent = super::Intent::Suggestion;
            }
        }
    }
    Ok(results)
}

/// Why a row of concerns.csv could not be read, in Chinese.
fn csv_detail(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "含有不是 UTF-8 的字符".into(),
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => format!("应有 {expected_len} 列，实有 {len} 列"),
        csv::ErrorKind::Io(e) => io_detail(e),
        _ => "格式不符".into(),
    }
}

/// Why a file could not be read, in Chinese.
fn io_detail(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "文件不存在".into(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限".into(),
        std::io::ErrorKind::InvalidData => "不是 UTF-8 文本".into(),
        _ => "读取时出错".into(),
    }
}

/// What does not fit the layout, in Chinese (serde's own message is English).
fn mismatch(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    match msg.strip_prefix("missing field `").and_then(|m| m.split('`').next()) {
        Some(field) => format!("缺少字段 {field}"),
        None => format!("第 {} 行第 {} 列的值不符合结果文件的格式", e.line(), e.column()),
    }
}

/// The answers of `concerns.csv` placed in a named concern, added to their question.
fn read_answers(path: &Path, previous: &mut [(String, PreviousQuestion)]) -> Result<(), ReportError> {
    let bytes = std::fs::read(path).map_err(|e| ReportError::NoAnswers { path: path.to_path_buf(), detail: io_detail(&e) })?;
    let mut r = csv::Reader::from_reader(bytes.as_slice());
    let headers = r.headers().map_err(|e| ReportError::AnswerRow { path: path.to_path_buf(), line: 1, detail: csv_detail(&e) })?.clone();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (Some(qc), Some(cc), Some(tc)) = (col("question"), col("concern_id"), col("text")) else {
        return Err(ReportError::AnswerColumns { path: path.to_path_buf() });
    };
    for row in r.records() {
        let row = row.map_err(|e| ReportError::AnswerRow {
            path: path.to_path_buf(),
            line: e.position().map_or(0, |p| p.line()),
            detail: csv_detail(&e),
        })?;
        let Some(id) = row.get(cc).and_then(|x| x.parse::<usize>().ok()).filter(|&x| x > 0) else { continue };
        if let Some((_, p)) = previous.iter_mut().find(|(q, _)| Some(q.as_str()) == row.get(qc)) {
            if id <= p.concerns.len() {
                p.answers.push((row.get(tc).unwrap_or("").to_string(), id));
            }
        }
    }
    Ok(())
}

/// Deserializers for numbers results.json writes as `null` (serde_json writes NaN so):
/// a share of nobody, an interval that does not exist.
pub(crate) mod nan {
    use serde::{Deserialize, Deserializer};

    pub fn f64<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        Ok(Option::<f64>::deserialize(d)?.unwrap_or(f64::NAN))
    }

    pub fn table<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Vec<f64>>, D::Error> {
        let t = Vec::<Vec<Option<f64>>>::deserialize(d)?;
        Ok(t.into_iter().map(|r| r.into_iter().map(|v| v.unwrap_or(f64::NAN)).collect()).collect())
    }
}
