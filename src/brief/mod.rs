//! Outputs written from the results: `results.json` (every number, machine-readable),
//! `tables.xlsx` (one sheet per table), the typeset brief (`brief.pdf`, its pages as
//! PNG, `summary.png`) and the proposal drafts (Markdown and docx).
//!
//! [`render`] takes the stage values in memory and returns the files' bytes; writing
//! them (into a staging folder swapped in when complete) is the caller's.

pub(crate) mod content;
pub mod draft;
pub mod explorer;
pub mod results;
pub mod typeset;
mod wording;
pub mod xlsx;

use crate::model::{BriefOptions, Chart, ChartId, Screening, Stats, TextResults};
use sha2::{Digest, Sha256};

/// The template embedded in the binary, and the summary card's.
pub(crate) const TEMPLATE: &str = include_str!("brief.typ");
/// The modules templates import: the shared look, and the comparison of two waves.
pub(crate) const MODULES: [(&str, &str); 2] = [("style.typ", include_str!("style.typ")), ("compare.typ", include_str!("compare.typ"))];
/// The comparison brief's template (`comparison.pdf`).
pub(crate) const COMPARISON_TEMPLATE: &str = include_str!("comparison.typ");
pub(crate) const SUMMARY_TEMPLATE: &str = include_str!("summary.typ");
/// Pages as PNG at this resolution.
pub(crate) const PAGE_DPI: f64 = 150.0;
/// The summary card's width in pixels (a phone screen).
pub(crate) const SUMMARY_PX: f64 = 1080.0;

/// Everything the brief stage produces, as bytes.
pub struct BriefFiles {
    pub data: content::BriefData,
    pub pdf: Vec<u8>,
    /// `brief-01.png` …
    pub pages: Vec<Vec<u8>>,
    pub summary: Vec<u8>,
    /// (`NN-<concern>`, Markdown, docx)
    pub drafts: Vec<(String, String, Vec<u8>)>,
    /// What each draft was written on (`drafts` of results.json).
    pub draft_records: Vec<crate::model::DraftRecord>,
    /// Figures the brief asked for that were not among the charts drawn (none, unless
    /// the chart rules and the brief's disagree).
    pub missing_figures: Vec<ChartId>,
}

#[derive(Debug, thiserror::Error)]
pub enum BriefError {
    #[error(transparent)]
    Typeset(#[from] typeset::TypesetError),
    #[error("生成提案初稿 {name}.docx 时出错：{source}\n  提示：这是 minyi 自身的问题，并非数据有误；请把输入文件和这条信息反馈给开发者")]
    Docx { name: String, source: docx_rs::DocxError },
    #[error("整理简报数据时出错：{0}\n  提示：这是 minyi 自身的问题，并非数据有误；请把输入文件和这条信息反馈给开发者")]
    Json(#[from] serde_json::Error),
}

/// Typeset the brief, its pages and the summary card, and write the drafts.
pub fn render(
    stats: &Stats,
    screening: &Screening,
    texts: &TextResults,
    charts: &[Chart],
    opts: &BriefOptions,
) -> Result<BriefFiles, BriefError> {
    render_with(stats, screening, texts, charts, opts, None)
}

/// [`render`], with the comparison with an earlier wave as a section of the brief.
pub fn render_with(
    stats: &Stats,
    screening: &Screening,
    texts: &TextResults,
    charts: &[Chart],
    opts: &BriefOptions,
    comparison: Option<&crate::model::Comparison>,
) -> Result<BriefFiles, BriefError> {
    let sizes = content::ChartSizes::new(charts.iter().map(|c| (c.id.clone(), (c.width, c.height))));
    let data = content::build(stats, screening, texts, &sizes, opts, comparison);
    let json = serde_json::to_vec_pretty(&data)?;
    let date = opts
        .date
        .or_else(|| {
            let last = stats.populations.iter().filter_map(|p| p.last_response.as_deref()).max()?;
            let d = chrono::NaiveDate::parse_from_str(last, "%Y-%m-%d").ok()?;
            Some(d.and_hms_opt(0, 0, 0)?.and_utc().timestamp())
        })
        .and_then(typeset::datetime);
    let mut files: Vec<(String, Vec<u8>)> = vec![("data.json".into(), json.clone())];
    files.extend(MODULES.iter().map(|(p, t)| (p.to_string(), t.as_bytes().to_vec())));
    files.extend(charts.iter().map(|c| (format!("charts/{}.png", c.name()), c.png.clone())));
    let ident = format!("{:x}", Sha256::digest(&json));

    let template = opts.template.as_deref().unwrap_or(TEMPLATE);
    let doc = typeset::Doc::new(template, files, date)?;
    let paged = doc.compile()?;
    let pdf = typeset::pdf(&paged, &ident, date)?;
    let pages = typeset::pngs(&paged, PAGE_DPI)?;

    let card = typeset::Doc::new(SUMMARY_TEMPLATE, vec![("data.json".into(), json)], date)?.compile()?;
    let summary = match card.pages().first() {
        Some(page) => {
            let width_pt = page.frame.width().to_pt();
            typeset::page_png(page, SUMMARY_PX / width_pt * 72.0)?
        }
        None => Vec::new(),
    };

    let mut drafts = Vec::new();
    let mut draft_records = Vec::new();
    for (d, record) in draft::drafts(stats, screening, texts, charts, opts.draft, opts.max_drafts) {
        draft_records.push(record);
        let docx = d.docx().map_err(|source| BriefError::Docx { name: d.stem.clone(), source })?;
        drafts.push((d.stem.clone(), d.markdown(), docx));
    }
    Ok(BriefFiles { data, pdf, pages, summary, drafts, draft_records, missing_figures: sizes.missing() })
}

/// The comparison brief of two waves (`minyi compare`): `comparison.pdf` and its pages.
pub struct ComparisonFiles {
    pub pdf: Vec<u8>,
    pub pages: Vec<Vec<u8>>,
    /// Figures asked for that were not drawn.
    pub missing_figures: Vec<ChartId>,
}

/// Typeset the comparison of two waves with its charts (`chart::comparison_charts`).
pub fn render_comparison(c: &crate::model::Comparison, charts: &[Chart], date: Option<i64>) -> Result<ComparisonFiles, BriefError> {
    let sizes = content::ChartSizes::new(charts.iter().map(|c| (c.id.clone(), (c.width, c.height))));
    let data = serde_json::json!({
        "title": "两轮调查比较",
        "provenance": "本比较由 minyi（民意）根据两轮调查的报告自动生成，文中数字均可在同一文件夹的 comparison.json 和 tables.xlsx 中核对。",
        "comparison": content::compare::section(c, &sizes),
    });
    let json = serde_json::to_vec_pretty(&data)?;
    let date = date.and_then(typeset::datetime);
    let mut files: Vec<(String, Vec<u8>)> = vec![("data.json".into(), json.clone())];
    files.extend(MODULES.iter().map(|(p, t)| (p.to_string(), t.as_bytes().to_vec())));
    files.extend(charts.iter().map(|c| (format!("charts/{}.png", c.name()), c.png.clone())));
    let ident = format!("{:x}", Sha256::digest(&json));
    let paged = typeset::Doc::new(COMPARISON_TEMPLATE, files, date)?.compile()?;
    let pdf = typeset::pdf(&paged, &ident, date)?;
    let pages = typeset::pngs(&paged, PAGE_DPI)?;
    Ok(ComparisonFiles { pdf, pages, missing_figures: sizes.missing() })
}
