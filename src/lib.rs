//! minyi (民意) turns questionnaire spreadsheets into a committee-ready brief.
//!
//! # Stages
//!
//! ```text
//! files ─▶ ingest ─▶ clean ─▶ ┬─ stats (closed questions) ─┬─▶ charts ─▶ brief
//!                             └─ text  (open answers)     ─┘
//! ```
//!
//! | stage | module | in → out |
//! | --- | --- | --- |
//! | ingest | [`ingest`] | paths + [`model::PopulationConfig`]s → [`ingest::Ingested`] (a [`model::Survey`]) |
//! | clean | [`clean`] | `Survey` + [`model::ScreenOptions`] → `Survey` of analysed responses + [`model::Screening`] |
//! | stats | [`stats`] | `Survey` + `Screening` → [`model::Stats`] |
//! | text | [`text`] | `Survey` + [`model::TextOptions`] → [`model::TextResults`] (concerns, keywords, suggestions) |
//! | charts | [`chart`] | `Stats` + `TextResults` → [`model::Drawn`] (charts as PNG + SVG named by [`model::ChartId`], and any that failed) |
//! | brief | [`brief`] | all of the above → `results.json`, `tables.xlsx`, `brief.pdf`, page PNGs, `summary.png`, proposal drafts |
//!
//! Each stage is a function from one typed value to the next; only [`run`] touches the
//! file system and reads the environment (`SOURCE_DATE_EPOCH`); no output depends on
//! the clock. The library works without the CLI:
//!
//! ```no_run
//! let paths = minyi::ingest::collect_inputs(&["data/samples".into()]).unwrap();
//! let ingested = minyi::ingest::ingest_paths(&paths).unwrap();
//! for p in &ingested.survey.populations {
//!     println!("{}: {} 份", p.name, p.height());
//! }
//! ```

pub mod brief;
pub mod chart;
pub mod clean;
pub mod compare;
pub mod config;
pub mod diag;
pub mod ingest;
pub mod inspect;
pub mod model;
pub mod output;
pub mod sample;
pub mod stats;
pub mod text;
pub mod util;

use anyhow::{Context, Result};
use config::SurveyConfig;
pub use config::{RunConfig, RunOptions};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What a finished run reports back.
#[derive(Debug)]
pub struct RunSummary {
    pub out_dir: PathBuf,
    pub manifest: Manifest,
}

#[derive(Debug, Serialize)]
pub struct Manifest {
    pub tool: &'static str,
    pub version: &'static str,
    pub seed: u64,
    pub k: Option<usize>,
    pub config: SurveyConfig,
    pub inputs: Vec<InputRecord>,
    /// Row accounting per population: read = analysed + excluded (by reason).
    pub rows: Vec<model::RowAccount>,
    pub warnings: Vec<diag::Warning>,
    /// Personal data masked in the open answers (and the texts after 其他), per kind:
    /// how many times each placeholder stands in them.
    pub redacted: Vec<Redacted>,
    /// Wall time per stage in milliseconds (the only field that differs between runs).
    pub timings: Vec<Timing>,
}

#[derive(Debug, Serialize)]
pub struct Redacted {
    pub placeholder: &'static str,
    pub count: usize,
}

/// How many times each placeholder stands in the analysed answers.
fn redacted(texts: &model::TextResults) -> Vec<Redacted> {
    util::redact::PLACEHOLDERS
        .iter()
        .map(|p| Redacted { placeholder: p, count: texts.answers.iter().map(|a| a.text.matches(p).count()).sum() })
        .collect()
}

#[derive(Debug, Serialize)]
pub struct Timing {
    pub stage: String,
    pub ms: f64,
}

#[derive(Debug, Serialize)]
pub struct InputRecord {
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
    pub population: String,
    #[serde(flatten)]
    pub source: model::SourceInfo,
}

/// Progress on stderr: a spinner per stage, hidden when quiet or not a terminal.
pub struct Progress {
    bar: indicatif::ProgressBar,
    quiet: bool,
}

impl Progress {
    pub fn new(quiet: bool) -> Progress {
        let bar = if quiet || !std::io::stderr().is_terminal() {
            indicatif::ProgressBar::hidden()
        } else {
            let b = indicatif::ProgressBar::new_spinner();
            b.enable_steady_tick(Duration::from_millis(120));
            b
        };
        Progress { bar, quiet }
    }
    pub fn stage(&self, msg: &str) {
        self.bar.set_message(msg.to_string());
    }
    /// A line that stays (unless quiet).
    pub fn note(&self, msg: &str) {
        if !self.quiet {
            self.bar.suspend(|| eprintln!("{msg}"));
        }
    }
    /// A warning shown (unless quiet) and kept for the manifest.
    pub fn warn(&self, warnings: &mut Vec<diag::Warning>, w: diag::Warning) {
        self.note(&w.to_string());
        warnings.push(w);
    }
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

fn sha256_file(path: &Path) -> std::io::Result<(String, u64)> {
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    let n = std::io::copy(&mut f, &mut h)?;
    Ok((format!("{:x}", h.finalize()), n))
}

/// Run the whole pipeline and write the report folder.
///
/// # Errors
/// Any input that cannot be read stops the run (a brief missing a population would
/// mislead); nothing is written then. Output folder problems are errors too.
pub fn run(opts: &RunOptions) -> Result<RunSummary> {
    run_resolved(&RunConfig::resolve(opts)?)
}

/// Run the pipeline with a resolved configuration.
pub fn run_resolved(cfg: &RunConfig) -> Result<RunSummary> {
    // This run's word lists (the built-in ones and its config's `[dict]`), in force for
    // every stage from here on.
    let _words = util::words::install(cfg.words);
    let progress = Progress::new(cfg.quiet);
    let mut timings = Timings::default();

    // The report is written aside from the start: a folder that is not minyi's stops the
    // run before any work, and stale staging folders of interrupted runs are removed.
    let staging = output::Staging::begin(&cfg.out)?;

    progress.stage("读取问卷……");
    let ingested = timings.time("ingest", || ingest::ingest(&cfg.inputs, &cfg.populations))?;
    note_ingested(&progress, &ingested);

    progress.stage("筛查无效答卷……");
    let (analysed, screening) =
        timings.time("clean", || clean::screen(&ingested.survey, &cfg.screen)).context(internal("筛查答卷时出错"))?;
    note_screening(&progress, &screening);

    progress.stage("统计封闭题……");
    let stats = timings.time("stats", || stats::compute(&analysed, &screening)).context(internal("统计时出错"))?;

    progress.stage("分析开放题……");
    let mut warnings = ingested.warnings.clone();
    let texts = timings.time("text", || open_answers(&analysed, &screening, cfg, &progress, &mut warnings))?;
    for message in &texts.warnings {
        progress.warn(&mut warnings, diag::Warning { location: "更正".into(), message: message.clone() });
    }
    note_texts(&progress, &texts);

    // The comparison with an earlier wave (`--compare-with`), on this run's results.
    let comparison = match &cfg.earlier {
        Some(e) => {
            progress.stage("与上一轮比较……");
            let now = brief::results::build(&stats, &screening, &texts, &[], cfg.seed);
            let name = cfg.out.file_name().map_or_else(|| "本轮".to_string(), |n| n.to_string_lossy().into_owned());
            let c = timings.time("compare", || compare::compare(&e.name, &e.results, &name, &now, &cfg.compare));
            for w in &c.warnings {
                progress.warn(&mut warnings, diag::Warning { location: "比较".into(), message: w.clone() });
            }
            Some(c)
        }
        None => None,
    };

    progress.stage("绘制图表……");
    let charts = timings.time("charts", || {
        let mut drawn = chart::all(&stats, 12);
        drawn.extend(chart::text_charts(&stats, &texts));
        if let Some(c) = &comparison {
            drawn.extend(chart::comparison_charts(c));
        }
        for f in &drawn.failed {
            progress.warn(&mut warnings, diag::Warning { location: "图表".into(), message: f.to_string() });
        }
        drawn.charts
    });

    progress.stage("排版简报……");
    let typeset = timings
        .time("brief", || brief::render_with(&stats, &screening, &texts, &charts, &cfg.brief, comparison.as_ref()))
        .context("生成简报时出错")?;
    for id in &typeset.missing_figures {
        let message = format!("缺少图表 charts/{}.png（未能绘制），该处只有文字", id.file_stem());
        progress.warn(&mut warnings, diag::Warning { location: "简报".into(), message });
    }

    progress.stage("写出报告……");
    let inputs = timings.time("write", || -> Result<Vec<InputRecord>> {
        write_outputs(&staging, &typeset, &charts, &stats, &screening, &texts, comparison.as_ref(), cfg.seed)?;
        input_records(&ingested.survey)
    })?;
    let config = if cfg.populations.is_empty() { SurveyConfig::from_survey(&ingested.survey, cfg.seed, cfg.k, &[]) } else { cfg.file.clone() };
    let manifest = Manifest {
        tool: "minyi",
        version: env!("CARGO_PKG_VERSION"),
        seed: cfg.seed,
        k: cfg.k,
        config,
        inputs,
        rows: screening.populations.clone(),
        warnings,
        redacted: redacted(&texts),
        timings: timings.0,
    };
    staging.write("manifest.json", serde_json::to_string_pretty(&manifest)?.as_bytes())?;
    let out_dir = staging.commit()?;
    progress.finish();
    Ok(RunSummary { out_dir, manifest })
}

/// Wall time per stage, for the manifest.
#[derive(Default)]
struct Timings(Vec<Timing>);

impl Timings {
    fn time<T>(&mut self, stage: &str, f: impl FnOnce() -> T) -> T {
        let t = Instant::now();
        let out = f();
        self.0.push(Timing { stage: stage.into(), ms: t.elapsed().as_secs_f64() * 1e3 });
        out
    }
}

fn note_ingested(progress: &Progress, ingested: &ingest::Ingested) {
    for p in &ingested.survey.populations {
        progress.note(&format!(
            "已读取【{}】{}：{} 份答卷，{} 道题（{}）",
            p.name,
            p.source.path,
            p.height(),
            p.questions.iter().filter(|q| !q.kind.is_meta()).count(),
            p.source.platform.label()
        ));
    }
    for w in &ingested.warnings {
        progress.note(&w.to_string());
    }
}

fn note_screening(progress: &Progress, screening: &model::Screening) {
    for a in &screening.populations {
        let excluded: Vec<String> = a.excluded.iter().map(|(r, ids)| format!("{} {} 份", r.label(), ids.len())).collect();
        progress.note(&format!(
            "【{}】读取 {} 份，纳入分析 {} 份{}",
            a.population,
            a.read,
            a.analysed,
            if excluded.is_empty() { String::new() } else { format!("（排除：{}）", excluded.join("，")) }
        ));
        for g in &a.guarded {
            progress.note(&format!("注意：{}", g.sentence(&a.population)));
        }
        for u in &a.unavailable {
            progress.note(&format!("注意：【{}】{}", a.population, u.why));
        }
    }
}

fn note_texts(progress: &Progress, texts: &model::TextResults) {
    for q in &texts.questions {
        let named = texts.concerns.iter().filter(|c| c.question == q.question && c.concern.id > 0).count();
        progress.note(&format!(
            "开放题 {}（{}）：有效回答 {} 条，无实质内容 {} 条，归纳出 {} 类{}",
            q.question,
            q.populations.join("、"),
            q.answered,
            q.non_answers,
            named,
            q.intent.group_word()
        ));
    }
}

/// Every output file but the manifest, into the staging folder.
fn write_outputs(
    staging: &output::Staging,
    typeset: &brief::BriefFiles,
    charts: &[model::Chart],
    stats: &model::Stats,
    screening: &model::Screening,
    texts: &model::TextResults,
    comparison: Option<&model::Comparison>,
    seed: u64,
) -> Result<()> {
    staging.write("brief.pdf", &typeset.pdf)?;
    let width = typeset.pages.len().to_string().len().max(2);
    for (i, png) in typeset.pages.iter().enumerate() {
        staging.write(&format!("brief-{:0width$}.png", i + 1), png)?;
    }
    staging.write("summary.png", &typeset.summary)?;
    for (stem, md, docx) in &typeset.drafts {
        staging.write(&format!("proposal-drafts/{stem}.md"), md.as_bytes())?;
        staging.write(&format!("proposal-drafts/{stem}.docx"), docx)?;
    }
    let results = brief::results::build(stats, screening, texts, &typeset.draft_records, seed);
    staging.write("results.json", brief::results::to_json(&results)?.as_bytes())?;
    for c in charts {
        staging.write(&format!("charts/{}.png", c.name()), &c.png)?;
        staging.write(&format!("charts/{}.svg", c.name()), c.svg.as_bytes())?;
    }
    let explorer = brief::explorer::html(&typeset.data.title, stats, screening, texts).context(internal("生成 explorer.html 时出错"))?;
    staging.write("explorer.html", explorer.as_bytes())?;
    staging.write("concerns.csv", &text::concerns_csv(&texts.answers).context(internal("生成 concerns.csv 时出错"))?)?;
    let workbook = brief::xlsx::workbook_with(stats, screening, texts, comparison).context(internal("生成 tables.xlsx 时出错"))?;
    staging.write("tables.xlsx", &workbook)?;
    if let Some(c) = comparison {
        staging.write("comparison.json", serde_json::to_string_pretty(c)?.as_bytes())?;
    }
    Ok(())
}

/// Each input file's path, checksum and size, for the manifest.
fn input_records(survey: &model::Survey) -> Result<Vec<InputRecord>> {
    let mut inputs = Vec::new();
    for p in &survey.populations {
        let path = Path::new(&p.source.path);
        let (sha256, bytes) = sha256_file(path).with_context(|| format!("无法读取 {}", path.display()))?;
        inputs.push(InputRecord { path: p.source.path.clone(), sha256, bytes, population: p.name.clone(), source: p.source.clone() });
    }
    Ok(inputs)
}

/// The Chinese context of an error from inside a stage (polars, the xlsx writer): what
/// failed and what to do; the library's own words follow after the colon.
fn internal(what: &str) -> String {
    format!("{what}（这是 minyi 自身的问题，并非数据有误；请把输入文件和这条信息反馈给开发者）")
}

/// The text stage with the config's dictionaries, codebook and options. The segmenter
/// (~0.1 s to load) is only built when the survey has open answers.
fn open_answers(
    analysed: &model::Survey,
    screening: &model::Screening,
    cfg: &RunConfig,
    progress: &Progress,
    warnings: &mut Vec<diag::Warning>,
) -> Result<model::TextResults> {
    if !text::has_open_answers(analysed).context(internal("分析开放题时出错"))? {
        return Ok(model::TextResults::default());
    }
    let mut seg = text::segment::Segmenter::new();
    for d in &cfg.dictionaries {
        let w = seg
            .load_user_dict(d)
            .with_context(|| format!("无法读取用户词典 {}\n  提示：检查配置文件 [text] dictionaries 中的路径", d.display()))?;
        for w in w {
            progress.warn(warnings, w);
        }
    }
    let taxonomy = match &cfg.text.departments {
        Some(t) => {
            text::departments::Taxonomy::parse(t).map_err(|why| anyhow::anyhow!("部门分类表（配置文件 [text] departments）：{why}"))?
        }
        None => text::departments::Taxonomy::shipped(),
    };
    text::analyse(analysed, screening, &seg, &taxonomy, &cfg.text).context(internal("分析开放题时出错"))
}

/// `minyi compare OLD NEW`: the comparison of two report folders, written as
/// `comparison.json` to `out` (default `reports/比较-OLD-NEW`). Returns the folder.
pub fn compare_cmd(old: &Path, new: &Path, out: Option<&Path>) -> Result<PathBuf> {
    compare_cmd_with(old, new, out, &model::CompareConfig::default())
}

/// [`compare_cmd`] with questions and concerns paired by hand (`[compare]` of a config).
pub fn compare_cmd_with(old: &Path, new: &Path, out: Option<&Path>, pairs: &model::CompareConfig) -> Result<PathBuf> {
    let (a, b) = (model::EarlierReport::read(old, false)?, model::EarlierReport::read(new, false)?);
    let comparison = compare::compare(&a.name, &a.results, &b.name, &b.results, pairs);
    for w in &comparison.warnings {
        eprintln!("注意：{w}");
    }
    let dir = out.map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("reports").join(format!("比较-{}-{}", a.name, b.name)));
    let staging = output::Staging::begin(&dir)?;
    let drawn = chart::comparison_charts(&comparison);
    for f in &drawn.failed {
        eprintln!("{f}");
    }
    let date = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|v| v.trim().parse::<i64>().ok());
    let files = brief::render_comparison(&comparison, &drawn.charts, date).context("生成比较简报时出错")?;
    staging.write("comparison.json", serde_json::to_string_pretty(&comparison).context(internal("写出比较结果时出错"))?.as_bytes())?;
    staging.write("comparison.pdf", &files.pdf)?;
    let width = files.pages.len().to_string().len().max(2);
    for (i, png) in files.pages.iter().enumerate() {
        staging.write(&format!("comparison-{:0width$}.png", i + 1), png)?;
    }
    for c in &drawn.charts {
        staging.write(&format!("charts/{}.png", c.name()), &c.png)?;
        staging.write(&format!("charts/{}.svg", c.name()), c.svg.as_bytes())?;
    }
    staging.write("tables.xlsx", &brief::xlsx::comparison_workbook(&comparison).context(internal("生成 tables.xlsx 时出错"))?)?;
    Ok(staging.commit()?)
}

/// `minyi inspect`: print what was detected, optionally as JSON or as a config file.
pub fn inspect_cmd(paths: &[PathBuf], json: bool, write_config: Option<&Path>, config: Option<&Path>) -> Result<()> {
    use std::io::Write;
    let (cfg, files) = config::resolve_inputs(paths, config)?;
    let words = util::words::lasting(cfg.dict.as_ref()).map_err(|e| anyhow::anyhow!("配置文件中的 [dict] 有误：{e}"))?;
    let _words = util::words::install(words);
    let ingested = ingest::ingest(&files, &cfg.populations)?;
    let non_answers = cfg.text.as_ref().map(|t| t.non_answers.clone()).unwrap_or_default();
    let intents = text::intents(&ingested.survey, &non_answers)?;
    let report = inspect::report(&ingested.survey, &ingested.warnings, &intents)?;
    let text = if json { serde_json::to_string_pretty(&report)? + "\n" } else { inspect::render_text(&report) };
    std::io::stdout().write_all(text.as_bytes())?;
    if let Some(path) = write_config {
        let seed = cfg.seed.unwrap_or(model::DEFAULT_SEED);
        let mut out = SurveyConfig::from_survey(&ingested.survey, seed, cfg.k, &intents);
        // Paths in the config are relative to the config file's folder when possible.
        let base =
            path.parent().map(|p| std::fs::canonicalize(if p.as_os_str().is_empty() { Path::new(".") } else { p })).and_then(|r| r.ok());
        for p in &mut out.populations {
            if let (Some(base), Ok(abs)) = (&base, std::fs::canonicalize(&p.file)) {
                if let Ok(rel) = abs.strip_prefix(base) {
                    p.file = rel.to_string_lossy().into_owned();
                } else {
                    p.file = abs.to_string_lossy().into_owned();
                }
            }
        }
        std::fs::write(path, out.to_toml()).with_context(|| format!("无法写入配置文件 {}", path.display()))?;
        eprintln!("配置已写入 {}（修改后用 minyi run --config {} 使用）", path.display(), path.display());
    }
    Ok(())
}
