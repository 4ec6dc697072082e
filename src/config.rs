//! A run's configuration. [`RunOptions`] are what the caller asked for (the CLI's flags);
//! [`SurveyConfig`] is the config file (`survey.toml`: what `minyi inspect --write-config`
//! writes and `minyi run --config` reads back — population names, sheets, header rows,
//! encodings, question types and option order, columns to ignore, group-by questions,
//! screening, text and brief settings, K and seed). [`RunConfig::resolve`] merges the two
//! over the defaults of `model::options`, once, validated; each stage is handed its part.
//!
//! Like `lib.rs`, this module wires: it may call `ingest::collect_inputs` to expand
//! folders into files.

use crate::diag::IngestError;
use crate::model::{
    self, BriefOptions, Code, Correction, DraftKind, Method, PopulationConfig, QuestionConfig, ScreenOptions, Survey, TextOptions, Titles,
};
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What the caller of [`crate::run`] asks for (the CLI's flags, or a program's).
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub paths: Vec<PathBuf>,
    pub out: Option<PathBuf>,
    pub config: Option<PathBuf>,
    pub k: Option<usize>,
    pub seed: Option<u64>,
    /// The brief's title (overrides the config's).
    pub title: Option<String>,
    /// A typst template of the committee's own (overrides the config's).
    pub template: Option<PathBuf>,
    pub draft: DraftKind,
    pub quiet: bool,
    /// The report folder of an earlier wave (`--compare-with`): this run places its open
    /// answers with that wave's concerns and adds the comparison to the brief.
    pub compare_with: Option<PathBuf>,
}

impl RunOptions {
    /// Options for a run on `paths` with everything else at its default.
    pub fn new(paths: Vec<PathBuf>) -> RunOptions {
        RunOptions {
            paths,
            out: None,
            config: None,
            k: None,
            seed: None,
            title: None,
            template: None,
            draft: DraftKind::Proposal,
            quiet: true,
            compare_with: None,
        }
    }
}

/// One run, resolved: flags over `survey.toml` over the defaults, validated. Every value a
/// stage uses comes from here, and the brief states the rules it holds (`brief.method`).
#[derive(Debug, Clone)]
pub struct RunConfig {
    /// The input files (folders expanded, in a stable order).
    pub inputs: Vec<PathBuf>,
    /// The report folder.
    pub out: PathBuf,
    pub seed: u64,
    /// Number of concerns asked for (automatic when absent).
    pub k: Option<usize>,
    /// The user's corrections of what ingest detects.
    pub populations: Vec<PopulationConfig>,
    pub screen: ScreenOptions,
    pub text: TextOptions,
    /// User dictionaries for the segmenter.
    pub dictionaries: Vec<PathBuf>,
    pub brief: BriefOptions,
    pub quiet: bool,
    /// The earlier wave compared with (`--compare-with`).
    pub earlier: Option<model::EarlierReport>,
    /// Pairs of questions and concerns matched by hand (`[compare]`).
    pub compare: model::CompareConfig,
    /// The config file as read (for the manifest).
    pub file: SurveyConfig,
    /// The word lists of this run: the built-in ones and the config's `[dict]`.
    pub(crate) words: &'static crate::util::words::Words,
}

impl RunConfig {
    /// Merge the caller's options, the config file and the defaults, and check them.
    pub fn resolve(opts: &RunOptions) -> Result<RunConfig> {
        let (file, inputs) = resolve_inputs(&opts.paths, opts.config.as_deref())?;
        let bad = |what: String| -> anyhow::Error {
            let place = opts.config.as_ref().map(|c| format!("配置文件 {} 中", c.display())).unwrap_or_default();
            anyhow::anyhow!("{place}{what}")
        };
        let words = crate::util::words::lasting(file.dict.as_ref()).map_err(|e| {
            bad(format!("[dict] 有误：{e}\n  提示：[dict] 下的分组和词表名称与 data/dict/words.toml 相同，写入的词追加到内置词表"))
        })?;
        let seed = opts.seed.or(file.seed).unwrap_or(model::DEFAULT_SEED);
        let k = opts.k.or(file.k);
        if k == Some(0) {
            return Err(bad("k = 0 无效：关注点个数至少为 1\n  提示：不写 k（或 --k）则自动确定".into()));
        }
        let out = opts.out.clone().unwrap_or_else(|| default_out(if opts.paths.is_empty() { &inputs } else { &opts.paths }));

        let screen = file.screening.clone().unwrap_or_default();
        if !(0.0..=1.0).contains(&screen.max_excluded_share) {
            return Err(bad(format!(
                "[screening] max_excluded_share = {} 无效：应在 0 到 1 之间\n  提示：默认 0.1，即一条规则最多排除一成答卷；写 1.0 则不设上限",
                screen.max_excluded_share
            )));
        }
        if !(screen.speeder_ratio > 0.0 && screen.speeder_ratio < 1.0) {
            return Err(bad(format!(
                "[screening] speeder_ratio = {} 无效：应在 0 和 1 之间\n  提示：默认 0.33，即用时不到中位数三分之一视为过快",
                screen.speeder_ratio
            )));
        }

        let tcfg = file.text.clone().unwrap_or_default();
        let defaults = TextOptions::default();
        let min_share = tcfg.min_share.unwrap_or(defaults.min_share);
        if !(0.0..=0.5).contains(&min_share) {
            return Err(bad(format!(
                "[text] min_share = {min_share} 无效：应在 0 到 0.5 之间\n  提示：默认 0.01，即提及人数不足 1% 的类归入“其他”"
            )));
        }
        let departments = match &tcfg.departments {
            Some(p) => Some(
                std::fs::read_to_string(p)
                    .with_context(|| format!("无法读取部门分类表 {p}\n  提示：检查配置文件 [text] departments 中的路径"))?,
            ),
            None => None,
        };
        let text = TextOptions {
            departments,
            seed,
            k,
            max_concerns: tcfg.max_concerns.unwrap_or(defaults.max_concerns).max(1),
            min_share,
            non_answers: tcfg.non_answers.clone(),
            codebook: file.codebook.clone(),
            corrections: file.corrections.clone(),
            previous: Vec::new(),
            simplify: tcfg.simplify.unwrap_or(defaults.simplify),
        };
        let compare = file.compare.clone().unwrap_or_default();
        let with = opts.compare_with.clone().or_else(|| compare.with.as_ref().map(PathBuf::from));
        let earlier = with.as_deref().map(|d| model::EarlierReport::read(d, true)).transpose()?;
        let mut text = text;
        if let Some(e) = &earlier {
            text.previous = e.previous.clone();
        }

        let bcfg = file.brief.clone().unwrap_or_default();
        let template_path = opts.template.clone().or(bcfg.template.as_ref().map(PathBuf::from));
        let template = match &template_path {
            Some(p) => Some(std::fs::read_to_string(p).with_context(|| {
                format!("无法读取排版模板 {}\n  提示：检查 --template 或配置文件 [brief] template 中的路径", p.display())
            })?),
            None => None,
        };
        let brief = BriefOptions {
            titles: Titles { title: opts.title.clone().or(bcfg.title), committee: bcfg.committee, meeting: bcfg.meeting },
            template,
            draft: opts.draft,
            max_drafts: bcfg.drafts.unwrap_or(model::DEFAULT_MAX_DRAFTS),
            date: std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|v| v.trim().parse::<i64>().ok()),
            method: Method { screen: screen.clone(), max_concerns: text.max_concerns, min_share },
        };
        Ok(RunConfig {
            inputs,
            out,
            seed,
            k,
            populations: file.populations.clone(),
            screen,
            text,
            dictionaries: tcfg.dictionaries.iter().map(PathBuf::from).collect(),
            brief,
            quiet: opts.quiet,
            earlier,
            compare,
            file,
            words,
        })
    }
}

/// The default report folder: `reports/<name of the input>`.
pub(crate) fn default_out(paths: &[PathBuf]) -> PathBuf {
    let stem = |p: &Path| {
        let p = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        let s = if p.is_dir() { p.file_name() } else { p.file_stem() };
        s.and_then(|s| s.to_str()).unwrap_or("报告").to_string()
    };
    let name = match paths {
        [] => "报告".to_string(),
        [one] => stem(one),
        [first, rest @ ..] => format!("{}等{}项", stem(first), rest.len() + 1),
    };
    PathBuf::from("reports").join(name)
}

/// Load the config (if any) and decide the input files.
pub fn resolve_inputs(paths: &[PathBuf], config: Option<&Path>) -> Result<(SurveyConfig, Vec<PathBuf>)> {
    let cfg = match config {
        Some(c) => SurveyConfig::load(c)?,
        None => SurveyConfig::default(),
    };
    let given: Vec<PathBuf> =
        if paths.is_empty() { cfg.populations.iter().map(|p| PathBuf::from(&p.file)).collect() } else { paths.to_vec() };
    if given.is_empty() {
        anyhow::bail!("没有指定问卷文件\n  提示：用法 minyi run 文件或文件夹…，或 minyi run --config survey.toml");
    }
    let files = crate::ingest::collect_inputs(&given)?;
    Ok((cfg, files))
}

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
    /// Corrections of concerns made in explorer.html, one table per question.
    #[serde(rename = "correction", default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<Correction>,
    /// How two waves are matched (`[compare]`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub compare: Option<model::CompareConfig>,
    /// Words added to the built-in lists of data/dict/words.toml (`[dict.answers]
    /// non_answers = […]` …; docs/dict.md).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub dict: Option<toml::Table>,
    #[serde(rename = "population", default)]
    pub populations: Vec<PopulationConfig>,
}

/// A correction table as explorer.html writes it: every key a concern's (`k3`, `n1`,
/// `rest`), every name given, a split's word not empty and its new key `n…`, used once.
fn check_correction(c: &Correction) -> std::result::Result<(), String> {
    use crate::model::{ConcernKey, Step};
    let key = |k: &str| match ConcernKey::parse(k) {
        Some(_) => Ok(()),
        None => Err(format!(
            "“{k}”不是类别的编号\n  提示：编号形如 k3（程序分出的类）、n1（更正时新建的类）或 rest（其他）；请用 explorer.html 重新导出"
        )),
    };
    if c.question.trim().is_empty() {
        return Err("缺少 question（问题编号）".into());
    }
    for x in &c.concerns {
        key(&x.key)?;
        if x.name.trim().is_empty() {
            return Err(format!("类别 {} 缺少名称（name）", x.key));
        }
    }
    let mut made: Vec<&str> = Vec::new();
    for s in &c.steps {
        match s {
            Step::Merge { from, into } => key(from).and(key(into))?,
            Step::Split { from, word, new } => {
                key(from)?;
                if !matches!(ConcernKey::parse(new), Some(ConcernKey::New(_))) || made.contains(&new.as_str()) {
                    return Err(format!("拆分出的新类编号“{new}”应形如 n1，且每次拆分各不相同\n  提示：请用 explorer.html 重新导出"));
                }
                made.push(new);
                if word.trim().is_empty() {
                    return Err(format!("拆分类别 {from} 时缺少拆分用的词（word）"));
                }
            }
            Step::Drop { concern } => key(concern)?,
            Step::Move { from, to, response, .. } => {
                key(from).and(key(to))?;
                if response.trim().is_empty() {
                    return Err("移动回答时缺少答卷编号（response）".into());
                }
            }
        }
    }
    Ok(())
}

/// `[text]`: open answers.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TextConfig {
    /// User dictionaries (one word per line, optional frequency and tag), relative to the config.
    #[serde(default)]
    pub dictionaries: Vec<String>,
    /// A department taxonomy replacing the shipped `data/dict/departments.toml`
    /// (relative to the config).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub departments: Option<String>,
    /// More answers that say nothing (besides 无, 没有, 暂无, 不清楚 …).
    #[serde(default)]
    pub non_answers: Vec<String>,
    /// At most this many named concerns per question (default 15).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub max_concerns: Option<usize>,
    /// Concerns raised by fewer than this share of answering respondents join the
    /// remainder (default 0.01).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub min_share: Option<f64>,
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
    let reason = toml_reason(e.message().trim());
    match e.span() {
        Some(span) => {
            let line = text.get(..span.start).unwrap_or(text).matches('\n').count();
            let shown = text.lines().nth(line).unwrap_or("").trim();
            format!("第 {} 行“{shown}”：{reason}", line + 1)
        }
        None => format!("格式错误：{reason}"),
    }
}

/// The reason of a TOML or serde error in Chinese. serde's messages have a fixed form
/// ("unknown field `x`, expected one of …", "invalid type: …, expected …", "missing
/// field `x`"); those are rewritten. Anything else is a syntax error, said in Chinese
/// with the parser's own words kept in brackets for whoever knows TOML.
fn toml_reason(msg: &str) -> String {
    let ticked = |s: &str| -> Vec<String> { s.split('`').skip(1).step_by(2).map(str::to_string).collect() };
    let kind = |t: &str| -> String {
        let t = t.trim();
        let words = [
            ("a string", "文字（加英文引号）"),
            ("string", "文字"),
            ("a boolean", "true 或 false"),
            ("boolean", "true 或 false"),
            ("usize", "非负整数"),
            ("u64", "非负整数"),
            ("integer", "整数"),
            ("f64", "数字"),
            ("floating point", "小数"),
            ("a sequence", "列表（如 [\"a\", \"b\"]）"),
            ("sequence", "列表"),
            ("a map", "表"),
            ("struct", "表"),
        ];
        for (en, zh) in words {
            if t == en || t.starts_with(&format!("{en} ")) || t.starts_with(&format!("{en}`")) {
                return zh.to_string();
            }
        }
        format!("“{t}”")
    };
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let names = ticked(rest);
        let (field, allowed) = names.split_first().map(|(f, a)| (f.clone(), a.join("、"))).unwrap_or_default();
        return if allowed.is_empty() {
            format!("不认识的设置项 {field}\n  提示：检查拼写，或删去这一行")
        } else {
            format!("不认识的设置项 {field}（此处可用的有：{allowed}）\n  提示：检查拼写")
        };
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        return format!("缺少必填项 {}", ticked(rest).join(""));
    }
    if let Some(rest) = msg.strip_prefix("duplicate field ").or_else(|| msg.strip_prefix("duplicate key ")) {
        return format!("设置项 {} 写了两次\n  提示：删去其中一行", ticked(rest).join(""));
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let names = ticked(rest);
        let (value, allowed) = names.split_first().map(|(f, a)| (f.clone(), a.join("、"))).unwrap_or_default();
        return format!("无法识别的取值 {value}（可用的有：{allowed}）");
    }
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = msg.strip_prefix(prefix) {
            if let Some((got, want)) = rest.split_once(", expected ") {
                return format!("这里应填{}，写的是{}", kind(want), kind(got));
            }
        }
    }
    if msg.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        return msg.to_string(); // our own message (an unknown kind)
    }
    format!("格式不对（解析器的说明：{msg}）\n  提示：每行写作 名称 = 值，文字加英文双引号，列表写作 [\"a\", \"b\"]，表名写在方括号中")
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
            for d in t.dictionaries.iter_mut().chain(t.departments.as_mut()) {
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
        for (i, c) in cfg.corrections.iter().enumerate() {
            check_correction(c).map_err(|why| err(format!("[[correction]]（问题 {}）：{why}", c.question)))?;
            if cfg.corrections[..i].iter().any(|o| o.question == c.question) {
                return Err(err(format!(
                    "问题 {} 有两段 [[correction]]\n  提示：explorer.html 每次导出的都是这道题的全部更正，请用新导出的一段替换原来的一段",
                    c.question
                )));
            }
        }
        Ok(cfg)
    }

    /// A config describing what was detected, for the user to edit.
    /// `intents`: the open questions' intents as decided (written so they can be changed).
    pub fn from_survey(survey: &Survey, seed: u64, k: Option<usize>, intents: &[model::QuestionIntent]) -> SurveyConfig {
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
                audience: Some(p.audience),
                kind: p.audience.writes().then_some(crate::model::CollectionKind::Messages),
                questions: p
                    .questions
                    .iter()
                    .map(|q| QuestionConfig {
                        id: q.id.clone(),
                        columns: q.letters(),
                        title: Some(q.title.clone()),
                        kind: Some(q.kind),
                        options: Some(q.shown_options()).filter(|o| !o.is_empty()),
                        role: (!q.kind.is_meta()).then_some(q.role),
                        intent: q.intent.or_else(|| {
                            intents.iter().find(|i| i.population == p.name && i.question == q.id).map(|i| i.intent)
                        }),
                        ignore: false,
                    })
                    .collect(),
            })
            .collect();
        SurveyConfig {
            seed: Some(seed),
            k,
            screening: None,
            text: None,
            brief: None,
            codebook: Vec::new(),
            corrections: Vec::new(),
            compare: None,
            dict: None,
            populations,
        }
    }

    /// The config as TOML with a short Chinese guide on top.
    pub fn to_toml(&self) -> String {
        let body = toml::to_string_pretty(self).unwrap_or_default();
        format!(
            "# minyi 问卷配置文件：由 `minyi inspect --write-config` 生成，可直接修改后用 `minyi run --config` 使用。\n\
             # population：每个输入文件一个群体；name 为群体名称，header_row 为表头所在行（从 1 开始）；\n\
             #             audience 为答卷人：residents（市民）enterprises（受访企业）respondents（受访者）writers（来信人）；\n\
             #             kind = \"messages\" 表示来信、留言或热线工单（每行一件），kind = \"survey\" 表示问卷答卷。\n\
             # question：kind 可改为 single（单选）multi（多选）likert（量表）rating（评分）numeric（数值）\n\
             #           text（开放题）matrix（矩阵）或元数据 id submit_time start_time duration source ip meta；\n\
             #           options 按问卷顺序排列选项；ignore = true 表示不分析该题。\n\
             #           intent（开放题问的是什么）：problem（问题）suggestion（建议）description（情况描述，\n\
             #           只归类、不当作问题、不起草提案）praise（满意之处）mixed（问题与评价混合）。\n\
             # group_by：用于分组比较的题目编号（如 [\"q1\", \"q3\"]）；不写则按性别、年龄、所在区等题目自动分组。\n\
             # [screening]：speeder_ratio = 0.33（用时低于中位数的该比例视为过快）；\n\
             #              exclude = [\"empty\", \"duplicate\"]（可加 \"speeder\" \"straight_line\"）；\n\
             #              max_excluded_share = 0.1（一条规则要排除的答卷超过该比例时不执行，只标记）。\n\
             # [text]：max_concerns = 15（每道开放题最多归纳几类）；min_share = 0.01（提及人数不足该比例的类并入“其他”）；\n\
             #         dictionaries（用户词典路径）；non_answers（另外视为无实质内容的回答）。\n\
             # [brief]：title（简报标题）committee（委员会）meeting（会议名称）template（自己的 typst 模板）\n\
             #          drafts = 5（最多起草几份提案初稿）。\n\n{body}"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, Reason};

    fn resolve_with(toml: &str, flags: impl FnOnce(&mut RunOptions)) -> Result<RunConfig> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.csv"), "编号,您的看法\n1,好\n").unwrap();
        let p = dir.path().join("survey.toml");
        std::fs::write(&p, format!("{toml}\n[[population]]\nfile = \"a.csv\"\n")).unwrap();
        let mut o = RunOptions::new(Vec::new());
        o.config = Some(p);
        flags(&mut o);
        RunConfig::resolve(&o)
    }

    /// Flags over the file over the defaults, and the brief is told the values used.
    #[test]
    fn one_resolution_for_every_stage() {
        let c = resolve_with(
            "seed = 3\nk = 6\n[screening]\nexclude = [\"empty\", \"speeder\"]\n[text]\nmax_concerns = 9\nmin_share = 0.05\n[brief]\ndrafts = 2",
            |o| o.seed = Some(11),
        )
        .unwrap();
        assert_eq!((c.seed, c.text.seed, c.k, c.text.k), (11, 11, Some(6), Some(6)));
        assert_eq!((c.text.max_concerns, c.text.min_share, c.brief.max_drafts), (9, 0.05, 2));
        assert_eq!(c.brief.method.screen.exclude, vec![Reason::Empty, Reason::Speeder]);
        assert_eq!((c.brief.method.max_concerns, c.brief.method.min_share), (9, 0.05));
        assert_eq!(c.screen, c.brief.method.screen);
        assert_eq!(c.inputs.len(), 1);
        let d = resolve_with("", |_| ()).unwrap();
        assert_eq!(
            (d.seed, d.text.max_concerns, d.text.min_share),
            (model::DEFAULT_SEED, model::DEFAULT_MAX_CONCERNS, model::DEFAULT_MIN_SHARE)
        );
        assert_eq!(d.brief.method, Method::default());
    }

    #[test]
    fn out_of_range_values_are_refused_in_chinese() {
        let e = resolve_with("[text]\nmin_share = 2", |_| ()).unwrap_err().to_string();
        assert!(e.contains("min_share") && e.contains("0 到 0.5") && e.contains("survey.toml"), "{e}");
        let e = resolve_with("[screening]\nspeeder_ratio = 0", |_| ()).unwrap_err().to_string();
        assert!(e.contains("speeder_ratio") && e.contains("0 和 1 之间"), "{e}");
        let e = resolve_with("", |o| o.k = Some(0)).unwrap_err().to_string();
        assert!(e.contains("至少为 1"), "{e}");
    }

    #[test]
    fn compare_pairs_are_read() {
        let cfg: SurveyConfig = toml::from_str(
            r#"
[compare]
with = "reports/2024年"
[[compare.question]]
population = "市民"
old = "q8"
new = "q9"
[[compare.concern]]
question = "q11"
old = "噪声扰民"
new = ""
"#,
        )
        .unwrap();
        let c = cfg.compare.unwrap();
        assert_eq!(c.with.as_deref(), Some("reports/2024年"));
        assert_eq!((c.questions[0].old.as_str(), c.questions[0].new.as_str()), ("q8", "q9"));
        assert_eq!((c.concerns[0].question.as_str(), c.concerns[0].new.as_str()), ("q11", ""));
        assert!(toml::from_str::<SurveyConfig>("[compare]\nwhith = 1\n").is_err());
    }

    #[test]
    fn round_trip_and_unknown_kind() {
        let cfg = SurveyConfig {
            seed: Some(7),
            k: None,
            screening: None,
            text: None,
            brief: None,
            codebook: Vec::new(),
            corrections: Vec::new(),
            compare: None,
            dict: Some(toml::from_str("[answers]\nnon_answers = [\"无可奉告\"]").unwrap()),
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

    /// serde's fixed English forms become Chinese; a syntax error says so in Chinese and
    /// keeps the parser's words in brackets.
    #[test]
    fn toml_reasons_in_chinese() {
        let load = |body: &str| {
            let dir = tempfile::tempdir().unwrap();
            let p = dir.path().join("survey.toml");
            std::fs::write(&p, body).unwrap();
            SurveyConfig::load(&p).unwrap_err().to_string()
        };
        let e = load("[text]\nmax_concerns = \"十\"\n");
        assert!(e.contains("第 2 行") && e.contains("这里应填非负整数，写的是文字"), "{e}");
        let e = load("[text]\nmax_concern = 10\n");
        assert!(e.contains("不认识的设置项 max_concern") && e.contains("max_concerns"), "{e}");
        let e = load("[screening]\nexclude = [\"speedr\"]\n");
        assert!(e.contains("无法识别的取值 speedr") && e.contains("speeder"), "{e}");
        let e = load("[[population]]\nname = \"市民\"\n");
        assert!(e.contains("缺少必填项 file"), "{e}");
        let e = load("seed = = 3\n");
        assert!(e.contains("第 1 行") && e.contains("格式不对（解析器的说明：") && !e.contains("TOML parse error"), "{e}");
    }

    /// `[[correction]]` as explorer.html writes it is read into steps; a key that names
    /// no concern, or an action minyi does not know, is refused in Chinese.
    #[test]
    fn corrections_are_read_and_checked() {
        use crate::model::Step;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("survey.toml");
        let good = "[[correction]]\nquestion = \"q11\"\nfingerprint = \"8c2b151a450e1239\"\n\n[[correction.concern]]\nkey = \"k0\"\nname = \"工厂废气异味扰民\"\nwords = [\"异味\"]\n\n[[correction.step]]\ndo = \"merge\"\nfrom = \"k5\"\ninto = \"k0\"\n\n[[correction.step]]\ndo = \"move\"\npopulation = \"市民\"\nresponse = \"44\"\nfrom = \"k1\"\nto = \"rest\"\n";
        std::fs::write(&p, good).unwrap();
        let cfg = SurveyConfig::load(&p).unwrap();
        let c = &cfg.corrections[0];
        assert_eq!((c.question.as_str(), c.concerns[0].name.as_str()), ("q11", "工厂废气异味扰民"));
        assert_eq!(c.steps[0], Step::Merge { from: "k5".into(), into: "k0".into() });
        assert!(matches!(&c.steps[1], Step::Move { to, response, .. } if to == "rest" && response == "44"));
        std::fs::write(&p, good.replace("from = \"k5\"", "from = \"5\"")).unwrap();
        let e = SurveyConfig::load(&p).unwrap_err().to_string();
        assert!(e.contains("“5”不是类别的编号") && e.contains("q11"), "{e}");
        std::fs::write(&p, good.replace("do = \"merge\"", "do = \"join\"")).unwrap();
        let e = SurveyConfig::load(&p).unwrap_err().to_string();
        assert!(e.contains("join") && !e.contains("TOML parse error"), "{e}");
    }
}
