//! The survey config (`survey.toml`): what `minyi inspect --write-config` writes and
//! `minyi run --config` reads back — population names, sheets, header rows, encodings,
//! question types and option order, columns to ignore, group-by questions, K and seed.

use crate::diag::IngestError;
use crate::model::{Code, PopulationConfig, QuestionConfig, ScreenOptions, Survey};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SurveyConfig {
    /// Seed for every random choice (sampling, clustering).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub seed: Option<u64>,
    /// Number of concerns to find in open answers (automatic when absent).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub k: Option<usize>,
    /// How responses are screened (duplicates, speeders …).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub screening: Option<ScreenOptions>,
    /// How open answers are read (dictionaries, non-answers, number of concerns).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub text: Option<TextConfig>,
    /// The brief's title page and drafts.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub brief: Option<BriefConfig>,
    /// Known concerns and their seed words, assigned before discovery.
    #[serde(rename = "codebook", default, skip_serializing_if = "Vec::is_empty")]
    pub codebook: Vec<Code>,
    #[serde(rename = "population", default)]
    pub populations: Vec<PopulationConfig>,
}

/// `[text]`: open answers.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TextConfig {
    /// User dictionaries (one word per line, optional frequency and tag), relative to the config.
    #[serde(default)]
    pub dictionaries: Vec<String>,
    /// More answers that say nothing (besides 无, 没有, 暂无, 不清楚 …).
    #[serde(default)]
    pub non_answers: Vec<String>,
    /// At most this many named concerns per question (default 15).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub max_concerns: Option<usize>,
    /// Convert traditional characters to simplified before analysis (default true).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub simplify: Option<bool>,
}

/// `[brief]`: the title page and the drafts.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BriefConfig {
    /// The brief's title (default: the populations' names + 问卷调查分析简报).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub title: Option<String>,
    /// The committee, e.g. 市政协人口资源环境委员会.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub committee: Option<String>,
    /// The meeting, e.g. 生态环境专题民主监督会.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub meeting: Option<String>,
    /// A typst template of the committee's own, relative to the config.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub template: Option<String>,
    /// At most this many proposal drafts (default 5).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub drafts: Option<usize>,
}

/// A TOML error in the user's words: the line (number and text) and the reason, without
/// the parser's English frame ("TOML parse error at line …"). Our own messages (an unknown
/// `kind`) come through as they are.
fn toml_error(text: &str, e: &toml::de::Error) -> String {
    let reason = e.message().trim();
    match e.span() {
        Some(span) => {
            let line = text.get(..span.start).unwrap_or(text).matches('\n').count();
            let shown = text.lines().nth(line).unwrap_or("").trim();
            format!("第 {} 行“{shown}”：{reason}", line + 1)
        }
        None => format!("格式错误：{reason}"),
    }
}

impl SurveyConfig {
    /// Read and validate a config file. Paths inside are made relative to its folder.
    pub fn load(path: &Path) -> Result<SurveyConfig, IngestError> {
        let err = |message: String| IngestError::Config { path: path.to_path_buf(), message };
        let text = std::fs::read_to_string(path).map_err(|e| err(format!("无法读取（{e}）")))?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let mut cfg: SurveyConfig = toml::from_str(text).map_err(|e| err(toml_error(text, &e)))?;
        let base = path.parent().unwrap_or(Path::new(""));
        for p in &mut cfg.populations {
            let f = PathBuf::from(&p.file);
            if f.is_relative() {
                p.file = base.join(f).to_string_lossy().into_owned();
            }
            if let Some(e) = &p.encoding {
                if encoding_rs::Encoding::for_label(e.as_bytes()).is_none() {
                    return Err(err(format!(
                        "文件 {} 的 encoding = \"{e}\" 无法识别\n  提示：常用的有 UTF-8、GBK、GB18030、UTF-16",
                        p.file
                    )));
                }
            }
        }
        if let Some(t) = &mut cfg.text {
            for d in &mut t.dictionaries {
                let f = PathBuf::from(&*d);
                if f.is_relative() {
                    *d = base.join(f).to_string_lossy().into_owned();
                }
            }
        }
        if let Some(t) = cfg.brief.as_mut().and_then(|b| b.template.as_mut()) {
            let f = PathBuf::from(&*t);
            if f.is_relative() {
                *t = base.join(f).to_string_lossy().into_owned();
            }
        }
        for c in &cfg.codebook {
            if c.name.trim().is_empty() || c.words.iter().all(|w| w.trim().is_empty()) {
                return Err(err(format!(
                    "[[codebook]] 中的“{}”缺少名称或关键词\n  提示：每项写作 name = \"噪声扰民\" 和 words = [\"噪声\", \"噪音\"]",
                    c.name
                )));
            }
        }
        Ok(cfg)
    }

    /// A config describing what was detected, for the user to edit.
    pub fn from_survey(survey: &Survey, seed: u64, k: Option<usize>) -> SurveyConfig {
        let populations = survey
            .populations
            .iter()
            .map(|p| PopulationConfig {
                file: p.source.path.clone(),
                name: Some(p.name.clone()),
                sheet: p.source.sheet.clone(),
                header_row: p.source.header_rows.last().copied(),
                encoding: p.source.encoding.clone(),
                group_by: p.group_by.clone(),
                questions: p
                    .questions
                    .iter()
                    .map(|q| QuestionConfig {
                        id: q.id.clone(),
                        columns: q.letters(),
                        title: Some(q.title.clone()),
                        kind: Some(q.kind),
                        options: (!q.options.is_empty()).then(|| q.options.iter().map(|c| c.label.clone()).collect()),
                        ignore: false,
                    })
                    .collect(),
            })
            .collect();
        SurveyConfig { seed: Some(seed), k, screening: None, text: None, brief: None, codebook: Vec::new(), populations }
    }

    /// The config as TOML with a short Chinese guide on top.
    pub fn to_toml(&self) -> String {
        let body = toml::to_string_pretty(self).unwrap_or_default();
        format!(
            "# minyi 问卷配置文件：由 `minyi inspect --write-config` 生成，可直接修改后用 `minyi run --config` 使用。\n\
             # population：每个输入文件一个群体；name 为群体名称，header_row 为表头所在行（从 1 开始）。\n\
             # question：kind 可改为 single（单选）multi（多选）likert（量表）rating（评分）numeric（数值）\n\
             #           text（开放题）matrix（矩阵）或元数据 id submit_time start_time duration source ip meta；\n\
             #           options 按问卷顺序排列选项；ignore = true 表示不分析该题。\n\
             # group_by：用于分组比较的题目编号（如 [\"q1\", \"q3\"]）；不写则按性别、年龄、所在区等题目自动分组。\n\
             # [screening]：speeder_ratio = 0.33（用时低于中位数的该比例视为过快）；\n\
             #              exclude = [\"empty\", \"duplicate\"]（可加 \"speeder\" \"straight_line\"）。\n\
             # [brief]：title（简报标题）committee（委员会）meeting（会议名称）template（自己的 typst 模板）\n\
             #          drafts = 5（最多起草几份提案初稿）。\n\n{body}"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    #[test]
    fn round_trip_and_unknown_kind() {
        let cfg = SurveyConfig {
            seed: Some(7),
            k: None,
            screening: None,
            text: None,
            brief: None,
            codebook: Vec::new(),
            populations: vec![PopulationConfig {
                file: "a.csv".into(),
                name: Some("市民".into()),
                group_by: vec!["q1".into()],
                questions: vec![QuestionConfig { id: "q1".into(), kind: Some(Kind::Single), ..Default::default() }],
                ..Default::default()
            }],
        };
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("survey.toml");
        std::fs::write(&p, cfg.to_toml()).unwrap();
        let back = SurveyConfig::load(&p).unwrap();
        assert_eq!(back.populations[0].name.as_deref(), Some("市民"));
        assert_eq!(back.populations[0].questions[0].kind, Some(Kind::Single));
        std::fs::write(&p, cfg.to_toml().replace("\"single\"", "\"singel\"")).unwrap();
        let e = SurveyConfig::load(&p).unwrap_err().to_string();
        assert!(e.contains("singel") && e.contains("survey.toml"), "{e}");
        assert!(e.contains("行") && e.contains("可用的类型") && !e.contains("TOML parse error"), "{e}");
    }
}
