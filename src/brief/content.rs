//! What the brief says, decided here and handed to the template as `data.json`.
//!
//! Every sentence with a number is written here, from the results, by rules a reader can
//! check (see `docs/brief.md`): the template only lays the text out, so a committee's own
//! template (`--template`) gets the same findings and the same numbers.

use crate::model::{
    BriefOptions, ChartId, ConcernOut, Crosstab, GroupBy, GroupShare, Kind, Method, OpenQuestion, Part, QuestionStats, Reason,
    ScreenOptions, Screening, Stats, TextResults, TextSource,
};
use serde::Serialize;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Serialize)]
pub struct BriefData {
    pub title: String,
    pub committee: Option<String>,
    pub meeting: Option<String>,
    /// `2024年3月1日至2024年3月31日`, from the submit times.
    pub period: Option<String>,
    pub populations: Vec<PopulationLine>,
    /// 一、调查概况: paragraphs.
    pub overview: Vec<String>,
    /// 二、主要发现, grouped (one group per population, then the group differences).
    pub findings: Vec<FindingGroup>,
    /// 三、群众关注的主要问题: one section per open question (problems), then "其他" texts.
    pub concerns: Vec<ConcernSection>,
    /// 四、意见建议摘编: one section per open question with suggestions.
    pub suggestions: Vec<SuggestionSection>,
    /// 五、分群体比较.
    pub comparisons: Comparisons,
    pub appendix: Appendix,
    /// The one-page card (`summary.png`).
    pub summary: Summary,
    /// The line under the title saying how the brief was made.
    pub provenance: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PopulationLine {
    pub name: String,
    pub read: usize,
    pub analysed: usize,
    pub excluded: usize,
    /// `市民 4112 份（纳入分析 4079 份）`
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// Path the template loads (`charts/<name>.png`).
    pub path: String,
    pub caption: String,
    /// Width on the page, so that tall charts still fit beside their text.
    pub width_mm: f64,
}

/// Text width of the A4 brief (210 mm less 2 × 22 mm margins) and the tallest a chart
/// may be drawn.
const TEXT_WIDTH_MM: f64 = 166.0;
const MAX_FIGURE_MM: f64 = 150.0;

#[derive(Debug, Clone, Serialize)]
pub struct FindingGroup {
    pub heading: String,
    pub items: Vec<Finding>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub population: String,
    /// Which rule chose it: `satisfaction`, `share`, `nps`, `numeric`, `difference`.
    pub rule: &'static str,
    pub heading: String,
    pub text: String,
    pub figure: Option<Figure>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Quote {
    pub text: String,
    /// `市民，答卷 1234`
    pub source: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConcernItem {
    pub rank: usize,
    pub label: String,
    pub keywords: String,
    pub respondents: usize,
    pub share: String,
    pub interval: String,
    /// Share per population when several answered (`园区 20.1%；市民 25.3%`).
    pub by_population: String,
    /// The clearest group difference, when intervals do not overlap.
    pub groups: String,
    pub quotes: Vec<Quote>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConcernSection {
    pub question: String,
    /// `open`, or `other` for the texts typed after "其他" (shown as a table only).
    pub source: TextSource,
    pub title: String,
    pub populations: String,
    pub intro: String,
    pub figure: Option<Figure>,
    pub items: Vec<ConcernItem>,
    /// The counted remainder (never hidden), if any.
    pub remainder: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SuggestionLine {
    pub text: String,
    pub respondents: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct SuggestionGroup {
    pub label: String,
    /// `提及 819 人，占 24.9%`
    pub share: String,
    pub items: Vec<SuggestionLine>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SuggestionSection {
    pub question: String,
    pub title: String,
    pub intro: String,
    pub figure: Option<Figure>,
    pub groups: Vec<SuggestionGroup>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TestRow {
    pub population: String,
    pub question: String,
    pub by: String,
    pub n: u64,
    pub chi2: String,
    pub df: String,
    pub p: String,
    pub v: String,
    pub significant: bool,
    pub reliable: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Comparisons {
    pub between_intro: String,
    pub between: Vec<TestRow>,
    pub between_figures: Vec<Figure>,
    pub within_intro: String,
    pub within: Vec<TestRow>,
    pub within_figures: Vec<Figure>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QualityRow {
    pub population: String,
    pub read: usize,
    pub analysed: usize,
    /// Excluded per reason, in [`Reason::ALL`] order.
    pub excluded: Vec<usize>,
    pub flagged: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Appendix {
    pub reasons: Vec<&'static str>,
    pub quality: Vec<QualityRow>,
    pub quality_notes: Vec<String>,
    pub method: Vec<String>,
    pub tables: Vec<String>,
    pub files: Vec<(String, String)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Headline {
    pub value: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SummaryConcern {
    pub label: String,
    pub share: f64,
    pub share_text: String,
    pub question: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub headlines: Vec<Headline>,
    pub concerns: Vec<SummaryConcern>,
    pub suggestions: Vec<String>,
}

/// `44.1%` (one decimal, as everywhere in the brief).
pub fn pct_text(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.1}%")
    } else {
        "—".into()
    }
}

/// `42.5%–45.7%`
pub fn interval(lo: f64, hi: f64) -> String {
    if lo.is_finite() && hi.is_finite() {
        format!("{lo:.1}%–{hi:.1}%")
    } else {
        "—".into()
    }
}

/// A p-value kept on one line when typeset (`p < 0.001` with no-break spaces).
fn p_text(p: f64) -> String {
    unbroken(&crate::util::math::p_text(p))
}

/// "p < 0.05", "p = 0.012" never split across lines in the brief.
fn unbroken(s: &str) -> String {
    s.replace("p < ", "p\u{a0}<\u{a0}").replace("p = ", "p\u{a0}=\u{a0}")
}

/// `2024-03-01` → `2024年3月1日`
pub fn date_cn(d: &str) -> String {
    let parts: Vec<&str> = d.split('-').collect();
    match parts.as_slice() {
        [y, m, day] => format!("{y}年{}月{}日", m.trim_start_matches('0'), day.trim_start_matches('0')),
        _ => d.to_string(),
    }
}

/// The charts drawn, with their pixel sizes; remembers every figure asked for that was
/// not drawn (a test holds that there are none).
#[derive(Debug, Default)]
pub struct ChartSizes {
    sizes: BTreeMap<ChartId, (u32, u32)>,
    missing: RefCell<Vec<ChartId>>,
}

impl ChartSizes {
    pub fn new(sizes: impl IntoIterator<Item = (ChartId, (u32, u32))>) -> ChartSizes {
        ChartSizes { sizes: sizes.into_iter().collect(), missing: RefCell::default() }
    }

    /// Figures asked for that were not drawn.
    pub fn missing(&self) -> Vec<ChartId> {
        self.missing.borrow().clone()
    }
}

fn chart(charts: &ChartSizes, id: ChartId, caption: String) -> Option<Figure> {
    let Some(&(w, h)) = charts.sizes.get(&id) else {
        charts.missing.borrow_mut().push(id);
        return None;
    };
    let width_mm = if w == 0 || h == 0 { TEXT_WIDTH_MM } else { TEXT_WIDTH_MM.min(MAX_FIGURE_MM * w as f64 / h as f64) };
    Some(Figure { path: format!("charts/{}.png", id.file_stem()), caption, width_mm: (width_mm * 10.0).round() / 10.0 })
}

fn question_name(q: &QuestionStats) -> String {
    format!("“{}”", q.title)
}

fn is_satisfaction(q: &QuestionStats) -> bool {
    matches!(q.kind, Kind::Likert | Kind::Matrix) && q.index.is_some()
}

/// `2024年5月6日至2024年5月13日`: from the first to the last response of all populations.
pub fn period(stats: &Stats) -> Option<String> {
    let first = stats.populations.iter().filter_map(|p| p.first_response.as_deref()).min();
    let last = stats.populations.iter().filter_map(|p| p.last_response.as_deref()).max();
    match (first, last) {
        (Some(a), Some(b)) if a == b => Some(date_cn(a)),
        (Some(a), Some(b)) => Some(format!("{}至{}", date_cn(a), date_cn(b))),
        _ => None,
    }
}

/// Everything the brief says. `charts` are the names of the charts written.
pub fn build(stats: &Stats, screening: &Screening, texts: &TextResults, charts: &ChartSizes, opts: &BriefOptions) -> BriefData {
    let titles = &opts.titles;
    let populations: Vec<PopulationLine> = screening
        .populations
        .iter()
        .map(|a| {
            let excluded = a.read - a.analysed.min(a.read);
            PopulationLine {
                name: a.population.clone(),
                read: a.read,
                analysed: a.analysed,
                excluded,
                text: format!("{} {} 份（纳入分析 {} 份）", a.population, a.read, a.analysed),
            }
        })
        .collect();
    let names: Vec<&str> = populations.iter().map(|p| p.name.as_str()).collect();
    let title = titles.title.clone().unwrap_or_else(|| format!("{}问卷调查分析简报", names.join("、")));
    let period = period(stats);
    BriefData {
        title,
        committee: titles.committee.clone(),
        meeting: titles.meeting.clone(),
        overview: overview(stats, screening, texts, period.as_deref()),
        period,
        findings: findings(stats, charts),
        concerns: concern_sections(texts, charts, &opts.method),
        suggestions: suggestion_sections(texts, charts),
        comparisons: comparisons(stats, charts),
        appendix: appendix(stats, screening, texts, &opts.method),
        summary: summary(stats, texts),
        provenance: "本简报由 minyi（民意）根据问卷数据自动生成，文中数字均可在同一文件夹的 results.json 和 tables.xlsx 中核对。".into(),
        populations,
    }
}

fn overview(stats: &Stats, screening: &Screening, texts: &TextResults, period: Option<&str>) -> Vec<String> {
    let mut out = Vec::new();
    let parts: Vec<String> = screening
        .populations
        .iter()
        .map(|a| {
            let closed =
                stats.questions.iter().filter(|q| q.population == a.population && !matches!(q.kind, Kind::Text | Kind::Meta(_))).count();
            let open = stats.questions.iter().filter(|q| q.population == a.population && q.kind == Kind::Text).count();
            let excluded: Vec<String> = Reason::ALL
                .iter()
                .filter_map(|r| a.excluded.get(r).filter(|v| !v.is_empty()).map(|v| format!("{} {} 份", r.label(), v.len())))
                .collect();
            format!(
                "{}问卷读取 {} 份，纳入分析 {} 份{}；问卷含封闭题 {} 道、开放题 {} 道",
                a.population,
                a.read,
                a.analysed,
                if excluded.is_empty() {
                    "，未排除任何答卷".to_string()
                } else {
                    format!("，排除 {}（{}）", a.read - a.analysed, excluded.join("，"))
                },
                closed,
                open
            )
        })
        .collect();
    out.push(format!(
        "本次调查{}面向{}个群体开展：{}。",
        period.map(|p| format!("于{p}")).unwrap_or_default(),
        screening.populations.len(),
        parts.join("；")
    ));
    let answered: Vec<String> = texts
        .questions
        .iter()
        .filter(|q| q.source == TextSource::Open)
        .map(|q| format!("“{}”有效回答 {} 条", q.title, q.answered))
        .collect();
    if !answered.is_empty() {
        out.push(format!("开放题中，{}；只写“无”“没有”等无实质内容的回答单独计数，不计入问题占比的分子。", answered.join("，")));
    }
    out.push(
        "方法：封闭题报告各选项人数、占有效回答的百分比及其 95% 置信区间（Wilson 法），分群体差异用卡方检验判断；开放题经分词后按用词相近程度归纳为若干类问题，每类给出占比、关键词和代表性原话（已隐去个人信息）。排除答卷的规则和全部方法见附录。"
            .into(),
    );
    out
}

/// 二、主要发现: per population, the satisfaction items (lowest and highest), the largest
/// shares of choice questions, NPS, numeric medians; then the strongest reliable group
/// differences.
fn findings(stats: &Stats, charts: &ChartSizes) -> Vec<FindingGroup> {
    let mut out = Vec::new();
    let groups: BTreeSet<(String, String)> =
        stats.populations.iter().flat_map(|p| p.group_by.iter().map(|g| (p.name.clone(), g.clone()))).collect();
    for p in &stats.populations {
        for q in stats.questions.iter().filter(|q| q.population == p.name && q.n_valid > 0) {
            let fig = |what: &str| {
                chart(
                    charts,
                    ChartId::Question { population: q.population.clone(), question: q.id.clone() },
                    format!("{}：{what}", plain(&q.title)),
                )
            };
            let n = format!("（有效回答 {} 人）", q.n_valid);
            match q.kind {
                Kind::Likert if is_satisfaction(q) => {
                    let top = q.options.iter().max_by(|a, b| a.percent.total_cmp(&b.percent));
                    let text = format!(
                        "{}：持正面评价（前两项）的占 {}，均分 {:.2}（满分 5 分），指数 {:.1}（0–100）{}。{}",
                        question_name(q),
                        pct_text(q.top2.unwrap_or(f64::NAN)),
                        q.mean.unwrap_or(f64::NAN),
                        q.index.unwrap_or(f64::NAN),
                        n,
                        top.map(|o| format!("选择最多的是“{}”，占 {}。", o.label, pct_text(o.percent))).unwrap_or_default()
                    );
                    out.push(Finding {
                        population: p.name.clone(),
                        rule: "satisfaction",
                        heading: format!("{}：{}", p.name, q.title),
                        text,
                        figure: fig("各选项占比"),
                    });
                }
                Kind::Matrix if !q.rows.is_empty() => {
                    let rows: Vec<&crate::model::RowStats> = q.rows.iter().filter(|r| r.index.is_some()).collect();
                    let lo = rows.iter().min_by(|a, b| a.index.unwrap_or(0.0).total_cmp(&b.index.unwrap_or(0.0)));
                    let hi = rows.iter().max_by(|a, b| a.index.unwrap_or(0.0).total_cmp(&b.index.unwrap_or(0.0)));
                    if let (Some(lo), Some(hi)) = (lo, hi) {
                        let text = format!(
                            "{}的 {} 个方面中，评价最低的是“{}”（正面评价 {}，指数 {:.1}），最高的是“{}”（正面评价 {}，指数 {:.1}）{}。",
                            question_name(q),
                            rows.len(),
                            lo.label,
                            pct_text(lo.top2.unwrap_or(f64::NAN)),
                            lo.index.unwrap_or(f64::NAN),
                            hi.label,
                            pct_text(hi.top2.unwrap_or(f64::NAN)),
                            hi.index.unwrap_or(f64::NAN),
                            n
                        );
                        out.push(Finding {
                            population: p.name.clone(),
                            rule: "satisfaction",
                            heading: format!("{}：{}", p.name, q.title),
                            text,
                            figure: fig("各方面评价"),
                        });
                    }
                }
                Kind::Multi | Kind::Single if !groups.contains(&(p.name.clone(), q.id.clone())) && !q.options.is_empty() => {
                    let mut opts: Vec<&crate::model::OptionStat> = q.options.iter().filter(|o| o.count > 0).collect();
                    opts.sort_by(|a, b| b.count.cmp(&a.count));
                    let listed: Vec<String> = opts
                        .iter()
                        .take(3)
                        .map(|o| format!("“{}”{}（95% 置信区间 {}）", o.label, pct_text(o.percent), interval(o.ci_low, o.ci_high)))
                        .collect();
                    if listed.is_empty() {
                        continue;
                    }
                    let multi = if q.kind == Kind::Multi { "（多选，占比之和可超过 100%）" } else { "" };
                    out.push(Finding {
                        population: p.name.clone(),
                        rule: "share",
                        heading: format!("{}：{}", p.name, q.title),
                        text: format!("{}{}，选择最多的依次是{}{multi}。", question_name(q), n, listed.join("、")),
                        figure: fig("各选项占比"),
                    });
                }
                Kind::Rating if q.nps.is_some() => {
                    let pro: u64 = q.options.iter().filter(|o| o.score.is_some_and(|s| s >= 9.0)).map(|o| o.count).sum();
                    let det: u64 = q.options.iter().filter(|o| o.score.is_some_and(|s| s <= 6.0)).map(|o| o.count).sum();
                    out.push(Finding {
                        population: p.name.clone(),
                        rule: "nps",
                        heading: format!("{}：{}", p.name, q.title),
                        text: format!(
                            "{}{}：平均 {:.1} 分；打 9–10 分的 {} 人、0–6 分的 {} 人，净推荐值（NPS）为 {:.1}。",
                            question_name(q),
                            n,
                            q.mean.unwrap_or(f64::NAN),
                            pro,
                            det,
                            q.nps.unwrap_or(f64::NAN)
                        ),
                        figure: fig("评分分布"),
                    });
                }
                Kind::Numeric => {
                    if let Some(s) = &q.summary {
                        out.push(Finding {
                            population: p.name.clone(),
                            rule: "numeric",
                            heading: format!("{}：{}", p.name, q.title),
                            text: format!(
                                "{}{}：中位数 {}，一半回答在 {} 至 {} 之间，平均 {}。",
                                question_name(q),
                                n,
                                num(s.median),
                                num(s.q1),
                                num(s.q3),
                                num(s.mean)
                            ),
                            figure: None,
                        });
                    }
                }
                _ => {}
            }
        }
    }
    let mut groups_out: Vec<FindingGroup> = Vec::new();
    for p in &stats.populations {
        let items: Vec<Finding> = out.iter().filter(|f| f.population == p.name).cloned().collect();
        if !items.is_empty() {
            groups_out.push(FindingGroup { heading: format!("{}问卷", p.name), items });
        }
    }
    let mut out = Vec::new();
    // The strongest reliable, significant group differences (at most 4).
    for c in stats.heat_maps(4) {
        out.push(Finding {
            population: c.population.clone(),
            rule: "difference",
            heading: format!("{}：按“{}”分组，{}", c.population, plain(&c.by_title), plain(&c.question_title)),
            text: difference_text(c),
            figure: chart(
                charts,
                ChartId::heat(c),
                format!("{} × {}（列百分比；蓝色为明显偏高，红色为明显偏低）", plain(&c.question_title), plain(&c.by_title)),
            ),
        });
    }
    if !out.is_empty() {
        groups_out.push(FindingGroup { heading: "分群体的显著差异".into(), items: out });
    }
    groups_out
}

/// A title without its closing question mark, for use inside a sentence or before "：".
pub fn plain(t: &str) -> &str {
    t.trim().trim_end_matches(['？', '?', '。', '：', ':'])
}

fn num(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

/// One sentence: the test, then the cells that stand out most (adjusted residuals).
pub fn difference_text(c: &Crosstab) -> String {
    let pcts = c.column_percents();
    let row_tot: Vec<u64> = c.counts.iter().map(|r| r.iter().sum()).collect();
    let mut cells: Vec<(f64, usize, usize)> = Vec::new();
    for (i, r) in c.residuals.iter().enumerate() {
        for (j, &v) in r.iter().enumerate() {
            if v.is_finite() {
                cells.push((v, i, j));
            }
        }
    }
    let overall = |i: usize| if c.n == 0 { f64::NAN } else { row_tot[i] as f64 * 100.0 / c.n as f64 };
    // Ties go to the first cell (row by row), so the sentence does not depend on how
    // the maximum is searched.
    let hi = cells.iter().copied().filter(|x| x.0 > 1.96).min_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    let lo = cells.iter().copied().filter(|x| x.0 < -1.96).min_by(|a, b| a.0.total_cmp(&b.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    let mut s =
        format!("按“{}”分组，各组在“{}”上的回答差异显著（{}）", plain(&c.by_title), plain(&c.question_title), unbroken(&c.test_line()));
    let mut parts = Vec::new();
    if let Some((_, i, j)) = hi {
        parts.push(format!(
            "“{}”中选择“{}”的占 {}，高于全体的 {}",
            c.col_labels[j],
            c.row_labels[i],
            pct_text(pcts[i][j]),
            pct_text(overall(i))
        ));
    }
    if let Some((_, i, j)) = lo {
        parts.push(format!(
            "“{}”中选择“{}”的占 {}，低于全体的 {}",
            c.col_labels[j],
            c.row_labels[i],
            pct_text(pcts[i][j]),
            pct_text(overall(i))
        ));
    }
    if parts.is_empty() {
        s.push('。');
    } else {
        s.push_str("：");
        s.push_str(&parts.join("；"));
        s.push('。');
    }
    s
}

fn quote_source(q: &crate::model::QuoteOut) -> String {
    format!("{}，答卷 {}", q.population, q.response_id)
}

/// Within one grouping question, the group raising a concern most and the one raising
/// it least, when their 95% intervals do not overlap (groups of fewer than 30 answers
/// left out); the widest gaps first.
pub fn group_contrasts(c: &ConcernOut) -> Vec<(&GroupShare, &GroupShare)> {
    let mut found: Vec<(&GroupShare, &GroupShare)> = Vec::new();
    let mut dims: Vec<(&str, &str)> = c.by_group.iter().map(|g| (g.population.as_str(), g.dimension.as_str())).collect();
    dims.dedup();
    for (pop, dim) in dims {
        let gs: Vec<&GroupShare> =
            c.by_group.iter().filter(|g| g.population == pop && g.dimension == dim && g.share.answered >= 30).collect();
        let hi = gs.iter().max_by(|a, b| a.share.share.total_cmp(&b.share.share));
        let lo = gs.iter().min_by(|a, b| a.share.share.total_cmp(&b.share.share));
        if let (Some(hi), Some(lo)) = (hi, lo) {
            if hi.share.ci_low > lo.share.ci_high {
                found.push((hi, lo));
            }
        }
    }
    let gap = |x: &(&GroupShare, &GroupShare)| x.0.share.share - x.1.share.share;
    found.sort_by(|a, b| gap(b).total_cmp(&gap(a)));
    found
}

fn group_contrast(c: &ConcernOut) -> String {
    group_contrasts(c)
        .first()
        .map(|(hi, lo)| {
            format!(
                "按“{}”分组，{}最高（{}），{}最低（{}），两者的置信区间不重叠",
                plain(&hi.dimension_title),
                hi.group,
                pct_text(hi.share.share),
                lo.group,
                pct_text(lo.share.share)
            )
        })
        .unwrap_or_default()
}

fn concern_item(rank: usize, c: &ConcernOut, several: bool) -> ConcernItem {
    let k = &c.concern;
    ConcernItem {
        rank,
        label: k.label.clone(),
        keywords: k.keywords.iter().take(8).cloned().collect::<Vec<_>>().join("、"),
        respondents: k.share.respondents,
        share: pct_text(k.share.share),
        interval: interval(k.share.ci_low, k.share.ci_high),
        by_population: if several {
            c.by_population.iter().map(|b| format!("{} {}", b.population, pct_text(b.share.share))).collect::<Vec<_>>().join("；")
        } else {
            String::new()
        },
        groups: group_contrast(c),
        quotes: c.quotes.iter().take(3).map(|q| Quote { text: q.text.clone(), source: quote_source(q) }).collect(),
    }
}

fn question_intro(q: &OpenQuestion, named: usize, what: &str) -> String {
    format!(
        "{}（{}）：有效回答 {} 条，另有 {} 条无实质内容、{} 条未填写。按用词归纳为 {} 类{what}，按提及人数排列如下；一条回答可能涉及几类，占比之和可超过 100%。",
        if q.source == TextSource::Other { format!("“{}”中“其他”选项填写的内容", plain(&q.title)) } else { format!("“{}”", plain(&q.title)) },
        q.populations.join("、"),
        q.answered,
        q.non_answers,
        q.empty,
        named,
    )
}

/// The remainder's line, with the rule that put answers there: below the minimum share,
/// or (when the limit was reached) ranked after the last named concern.
fn remainder(cs: &[&ConcernOut], named: usize, limit: usize, method: &Method) -> Option<String> {
    let share = format!("{}%", num(method.min_share * 100.0));
    let rule = if named >= limit { format!("排在前 {limit} 类之后或每类不足 {share}") } else { format!("每类不足 {share}") };
    cs.iter().find(|c| c.concern.id == 0).map(|c| {
        format!(
            "另有 {} 人（{}）的回答未归入以上各类（{rule}），逐条列在 concerns.csv 中。",
            c.concern.share.respondents,
            pct_text(c.concern.share.share)
        )
    })
}

fn concern_sections(texts: &TextResults, charts: &ChartSizes, method: &Method) -> Vec<ConcernSection> {
    let mut out = Vec::new();
    // Problems first, then the "其他" texts.
    let order = texts
        .questions
        .iter()
        .filter(|q| q.source == TextSource::Open && !q.asks_suggestions)
        .chain(texts.questions.iter().filter(|q| q.source == TextSource::Other));
    for q in order {
        let cs: Vec<&ConcernOut> = texts.concerns.iter().filter(|c| c.question == q.question).collect();
        let named: Vec<&ConcernOut> = cs.iter().copied().filter(|c| c.concern.id > 0).collect();
        if named.is_empty() {
            continue;
        }
        let several = q.populations.len() > 1;
        out.push(ConcernSection {
            question: q.question.clone(),
            source: q.source,
            title: if q.source == TextSource::Other {
                format!("“{}”中“其他”的填写内容", plain(&q.title))
            } else {
                q.title.clone()
            },
            populations: q.populations.join("、"),
            intro: question_intro(q, named.len(), "问题"),
            figure: chart(
                charts,
                ChartId::Concerns { question: q.question.clone() },
                format!("{}：各类问题的提及比例（横线为 95% 置信区间）", plain(&q.title)),
            ),
            items: named.iter().enumerate().map(|(i, c)| concern_item(i + 1, c, several)).collect(),
            remainder: remainder(&cs, named.len(), method.concern_limit(q.source), method),
        });
    }
    out
}

fn suggestion_sections(texts: &TextResults, charts: &ChartSizes) -> Vec<SuggestionSection> {
    let mut out = Vec::new();
    let asked = |q: &OpenQuestion| {
        texts
            .questions
            .iter()
            .any(|s| s.source == TextSource::Open && s.asks_suggestions && s.populations.iter().any(|p| q.populations.contains(p)))
    };
    // A problem question's suggestions are shown only where no question asked for them.
    for q in texts.questions.iter().filter(|q| q.source == TextSource::Open && (q.asks_suggestions || !asked(q))) {
        let cs: Vec<&ConcernOut> =
            texts.concerns.iter().filter(|c| c.question == q.question && !c.concern.suggestions.is_empty()).collect();
        if cs.is_empty() {
            continue;
        }
        let named = texts.concerns.iter().filter(|c| c.question == q.question && c.concern.id > 0).count();
        let intro = if q.asks_suggestions {
            question_intro(q, named, "建议")
        } else {
            format!("“{}”的回答中也提出了不少建议，按所属问题摘编如下。", q.title)
        };
        out.push(SuggestionSection {
            question: q.question.clone(),
            title: q.title.clone(),
            intro,
            figure: if q.asks_suggestions {
                chart(
                    charts,
                    ChartId::Concerns { question: q.question.clone() },
                    format!("{}：各类建议的提及比例（横线为 95% 置信区间）", plain(&q.title)),
                )
            } else {
                None
            },
            groups: cs
                .iter()
                .map(|c| SuggestionGroup {
                    label: c.concern.label.clone(),
                    share: format!("提及 {} 人，占 {}", c.concern.share.respondents, pct_text(c.concern.share.share)),
                    items: c
                        .concern
                        .suggestions
                        .iter()
                        .take(5)
                        .map(|s| SuggestionLine { text: s.text.clone(), respondents: s.respondents })
                        .collect(),
                })
                .collect(),
        });
    }
    out
}

fn test_row(c: &Crosstab) -> TestRow {
    TestRow {
        population: c.population.clone(),
        question: c.question_title.clone(),
        by: c.by_title.clone(),
        n: c.n,
        chi2: c.chi2.map_or("—".into(), |x| format!("{x:.1}")),
        df: c.df.map_or("—".into(), |x| x.to_string()),
        p: c.p_value.map_or("—".into(), p_text),
        v: c.cramers_v.map_or("—".into(), |x| format!("{x:.2}")),
        significant: c.significant(),
        reliable: c.reliable,
    }
}

fn comparisons(stats: &Stats, charts: &ChartSizes) -> Comparisons {
    let between: Vec<&Crosstab> = stats.crosstabs.iter().filter(|c| c.by == GroupBy::Population && c.part == Part::Whole).collect();
    let between_sig = between.iter().filter(|c| c.significant()).count();
    let between_intro = if stats.populations.len() < 2 {
        "本次调查只有一个群体，不作群体之间的比较。".to_string()
    } else if between.is_empty() {
        "各群体的问卷没有相同的题目，不作群体之间的比较。".to_string()
    } else {
        format!(
            "各群体问卷中题目相同的有 {} 道，逐题比较各群体的回答分布（卡方检验），其中 {} 道差异显著（p\u{a0}<\u{a0}0.05）。",
            between.len(),
            between_sig
        )
    };
    let between_figures = between
        .iter()
        .filter(|c| c.significant())
        .filter_map(|c| {
            chart(charts, ChartId::Comparison { question: c.question.clone() }, format!("{}：各调查群体比较", plain(&c.question_title)))
        })
        .collect();
    let mut within: Vec<&Crosstab> = stats.crosstabs.iter().filter(|c| c.by != GroupBy::Population && c.significant()).collect();
    within.sort_by(|a, b| b.reliable.cmp(&a.reliable).then(b.cramers_v.unwrap_or(0.0).total_cmp(&a.cramers_v.unwrap_or(0.0))));
    let tested = stats.crosstabs.iter().filter(|c| c.by != GroupBy::Population && c.p_value.is_some()).count();
    let reliable = within.iter().filter(|c| c.reliable).count();
    let within_intro = if tested == 0 {
        "问卷中没有识别出可用于分组的题目（如性别、年龄、所在地区），未做分组比较；可在配置文件中用 group_by 指定。".to_string()
    } else {
        format!(
        "每道封闭题都按分组题（如性别、年龄、地区）做了交叉分析，共检验 {} 项，其中差异显著（p\u{a0}<\u{a0}0.05）的 {} 项列于下表（按关联强度 Cramer V 排列）；{} 项的期望频数过小，结论仅供参考（表中标“*”）。检验项目多，个别显著结果可能出于偶然，应结合实际判断。",
        tested,
        within.len(),
        within.len() - reliable
        )
    };
    // Heat maps not already shown among the findings (those are the four strongest).
    let within_figures = stats
        .heat_maps(8)
        .into_iter()
        .skip(4)
        .filter_map(|c| {
            chart(charts, ChartId::heat(c), format!("{} × {}（{}，列百分比）", plain(&c.question_title), plain(&c.by_title), c.population))
        })
        .collect();
    Comparisons {
        between_intro,
        between: between.into_iter().map(test_row).collect(),
        between_figures,
        within_intro,
        within: within.into_iter().map(test_row).collect(),
        within_figures,
    }
}

/// The screening rules the run applied: which reasons excluded a response and which only
/// flagged it.
fn screening_method(screen: &ScreenOptions) -> String {
    let ratio = screen.speeder_ratio;
    let speed = if (ratio - 1.0 / 3.0).abs() < 1e-6 {
        "三分之一".to_string()
    } else if (ratio - 0.5).abs() < 1e-6 {
        "一半".to_string()
    } else {
        format!("{}%", num(ratio * 100.0))
    };
    let rule = |r: Reason| match r {
        Reason::Empty => "未作答任何题目的答卷".to_string(),
        Reason::Duplicate => "与先前答卷完全相同（且来自同一 IP 或填写了相同的文字/数字）的重复提交".to_string(),
        Reason::Speeder => format!("答题用时不到中位数{speed}的答卷"),
        Reason::StraightLine => format!("{} 行及以上的矩阵题全部选同一项的答卷", screen.straight_min_rows),
    };
    let (excluded, flagged): (Vec<Reason>, Vec<Reason>) = Reason::ALL.into_iter().partition(|r| screen.exclude.contains(r));
    let excluded: Vec<String> = excluded.into_iter().map(rule).collect();
    let flagged: Vec<String> = flagged.into_iter().map(rule).collect();
    let mut out = String::from("答卷筛查：");
    if excluded.is_empty() {
        out.push_str("所有答卷均纳入分析");
    } else {
        out.push_str(&format!("{}予以排除，每份被排除答卷的编号和原因记录在 manifest.json 中", excluded.join("、")));
    }
    if !flagged.is_empty() {
        out.push_str(&format!("；{}仅作标记待查，仍纳入分析", flagged.join("、")));
    }
    out.push('。');
    out
}

fn appendix(stats: &Stats, screening: &Screening, texts: &TextResults, method: &Method) -> Appendix {
    let quality = screening
        .populations
        .iter()
        .map(|a| QualityRow {
            population: a.population.clone(),
            read: a.read,
            analysed: a.analysed,
            excluded: Reason::ALL.iter().map(|r| a.excluded.get(r).map_or(0, Vec::len)).collect(),
            flagged: a.flagged.values().map(Vec::len).sum(),
        })
        .collect();
    let mut quality_notes: Vec<String> = screening
        .populations
        .iter()
        .filter_map(|a| a.speeder_threshold.map(|t| format!("{}：答题用时少于 {:.0} 秒视为用时过短。", a.population, t)))
        .collect();
    let missing: Vec<String> = stats
        .questions
        .iter()
        .filter(|q| !matches!(q.kind, Kind::Text | Kind::Meta(_)) && q.n_valid + q.n_missing > 0)
        .filter(|q| q.n_missing as f64 / (q.n_valid + q.n_missing) as f64 > 0.1)
        .map(|q| format!("{}“{}”{} 人未答或跳过", q.population, q.title, q.n_missing))
        .collect();
    if !missing.is_empty() {
        quality_notes.push(format!("未答或跳过超过一成的题目：{}（百分比均以实际作答人数为基数）。", missing.join("；")));
    }
    let method = vec![
        screening_method(&method.screen),
        "封闭题：百分比以该题有效回答人数为基数（多选题为作答该题的人数），95% 置信区间用 Wilson 法计算；量表题报告前两项（如“满意”“非常满意”）占比、均分（1–5 分）和 0–100 的指数；0–10 分评分题报告净推荐值（9–10 分占比减 0–6 分占比）。".to_string(),
        "分组比较：皮尔逊卡方检验，p < 0.05 为差异显著；关联强度用 Cramer V；期望频数小于 5 的单元格超过两成或有期望频数小于 1 的，检验结果仅供参考；单元格的调整标准化残差绝对值大于 1.96 的视为明显偏高或偏低。".to_string(),
        format!(
            "开放题：统一全角半角和繁简字，识别“无”“没有”等无实质内容的回答并单独计数；把回答按标点和“另外”“其次”等连接词切分成分句，用 jieba 分词（含城市治理与生态环境领域词典）并去除停用词；用狄利克雷多项混合模型（GSDMM）归纳，再按信息损失最小的原则合并相近的类（每题最多 {} 类，“其他”选项的填写内容最多 {} 类），不足 {}% 的类合并为“其他”并计数；每类的名称取该类最有区分度的词（类别 TF-IDF），代表性原话取最接近该类中心的回答，已隐去电话、身份证号、电子邮箱和车牌。{}",
            method.concern_limit(TextSource::Open),
            method.concern_limit(TextSource::Other),
            num(method.min_share * 100.0),
            if texts.questions.is_empty() { "本次调查没有开放题。" } else { "随机种子固定，重复运行结果相同。" }
        ),
    ];
    let mut tables = vec!["样本情况：各群体读取、纳入分析和排除的答卷数".to_string()];
    tables.push(format!(
        "各题频数表：{} 张（每道封闭题一张工作表）",
        stats.questions.iter().filter(|q| !matches!(q.kind, Kind::Text | Kind::Meta(_))).count()
    ));
    tables.push(format!("交叉检验汇总：{} 项检验及显著的交叉表", stats.crosstabs.len()));
    if !stats.other_texts.is_empty() {
        tables.push(format!("其他填写：{} 条“其他”选项的填写内容", stats.other_texts.len()));
    }
    if !texts.concerns.is_empty() {
        tables.push(format!(
            "关注问题：{} 道开放题（含“其他”填写）归纳出的每类问题及“其他”类的人数、占比、关键词和分群体占比",
            texts.questions.len()
        ));
        tables.push("意见建议：按问题归类的建议及提出人数".to_string());
    }
    let files = vec![
        ("brief.pdf".to_string(), "本简报".to_string()),
        ("brief-NN.png".to_string(), "本简报每一页的图片（150 dpi）".to_string()),
        ("summary.png".to_string(), "一页摘要卡片，便于在手机上转发".to_string()),
        ("proposal-drafts/".to_string(), "提案初稿（Markdown 和 Word 格式），每个主要问题一份，须人工审核修改".to_string()),
        ("tables.xlsx".to_string(), "全部统计表".to_string()),
        ("results.json".to_string(), "全部结果数据（机器可读）".to_string()),
        ("concerns.csv".to_string(), "每条开放题回答的归类（已隐去个人信息）".to_string()),
        ("charts/".to_string(), "全部图表（PNG 和 SVG）".to_string()),
        ("manifest.json".to_string(), "输入文件、排除答卷编号及原因、配置、种子和各步骤耗时".to_string()),
    ];
    Appendix { reasons: Reason::ALL.iter().map(|r| r.short_label()).collect(), quality, quality_notes, method, tables, files }
}

fn summary(stats: &Stats, texts: &TextResults) -> Summary {
    let mut headlines = Vec::new();
    for p in &stats.populations {
        headlines.push(Headline { value: format!("{}", p.rows_analysed), label: format!("{}有效问卷（份）", p.name) });
    }
    for p in &stats.populations {
        if let Some(q) = stats.questions.iter().find(|q| q.population == p.name && q.kind == Kind::Likert && q.top2.is_some()) {
            headlines.push(Headline {
                value: pct_text(q.top2.unwrap_or(f64::NAN)), label: format!("{}：{}（正面评价）", p.name, q.title)
            });
        }
    }
    let mut concerns: Vec<SummaryConcern> = texts
        .concerns
        .iter()
        .filter(|c| c.concern.id > 0 && c.source == TextSource::Open)
        .filter(|c| texts.questions.iter().any(|q| q.question == c.question && !q.asks_suggestions))
        .map(|c| SummaryConcern {
            label: c.concern.label.clone(),
            share: c.concern.share.share,
            share_text: pct_text(c.concern.share.share),
            question: texts.questions.iter().find(|q| q.question == c.question).map(|q| q.populations.join("、")).unwrap_or_default(),
        })
        .collect();
    concerns.sort_by(|a, b| b.share.total_cmp(&a.share));
    concerns.truncate(6);
    let mut sugg: Vec<(usize, String)> = texts
        .concerns
        .iter()
        .filter(|c| texts.questions.iter().any(|q| q.question == c.question && q.asks_suggestions) && c.concern.id > 0)
        .map(|c| (c.concern.share.respondents, format!("{}（{}）", c.concern.label, pct_text(c.concern.share.share))))
        .collect();
    sugg.sort_by(|a, b| b.0.cmp(&a.0));
    Summary { headlines, concerns, suggestions: sugg.into_iter().take(4).map(|s| s.1).collect() }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The method text says what the run did: reasons moved between "excluded" and
    /// "flagged" move in the sentence, and a changed ratio is stated.
    #[test]
    fn the_screening_sentence_follows_the_rules_applied() {
        let default = screening_method(&ScreenOptions::default());
        assert!(default.contains("重复提交予以排除"), "{default}");
        assert!(default.contains("中位数三分之一的答卷、4 行及以上的矩阵题全部选同一项的答卷仅作标记待查"), "{default}");
        let strict =
            ScreenOptions { speeder_ratio: 0.25, exclude: vec![Reason::Empty, Reason::Duplicate, Reason::Speeder], straight_min_rows: 4 };
        let strict = screening_method(&strict);
        assert!(strict.contains("不到中位数25%的答卷予以排除"), "{strict}");
        assert!(!strict.contains("用时不到中位数25%的答卷仅作标记"), "{strict}");
        let none = screening_method(&ScreenOptions { exclude: Vec::new(), ..ScreenOptions::default() });
        assert!(none.starts_with("答卷筛查：所有答卷均纳入分析；") && !none.contains("予以排除"), "{none}");
    }

    fn crosstab(counts: Vec<Vec<u64>>, residuals: Vec<Vec<f64>>) -> Crosstab {
        Crosstab {
            population: "市民".into(),
            question: "q5".into(),
            question_title: "总体满意度".into(),
            by: GroupBy::Question("q3".into()),
            part: Part::Whole,
            by_title: "您居住的区".into(),
            row_labels: vec!["满意".into(), "不满意".into()],
            col_labels: vec!["东区".into(), "西区".into()],
            n: counts.iter().flatten().sum(),
            counts,
            chi2: Some(20.0),
            df: Some(1),
            p_value: Some(0.0000077),
            cramers_v: Some(0.5),
            residuals,
            min_expected: Some(20.0),
            reliable: true,
        }
    }

    /// 东区 30 满意 / 10 不满意, 西区 10 / 30: 满意 is 75% in 东区 against 50% of all (40 of
    /// 80); the most negative residual is 满意 in 西区, 25%.
    #[test]
    fn a_difference_names_the_cells_that_stand_out() {
        let r = 10.0 / 5f64.sqrt(); // (30 − 20) / √(20 · ½ · ½)
        let c = crosstab(vec![vec![30, 10], vec![10, 30]], vec![vec![r, -r], vec![-r, r]]);
        let s = difference_text(&c);
        assert!(s.contains("卡方 = 20.0，自由度 = 1，p\u{a0}<\u{a0}0.001，Cramer V = 0.50，n = 80"), "{s}");
        assert!(s.contains("“东区”中选择“满意”的占 75.0%，高于全体的 50.0%"), "{s}");
        assert!(s.contains("“西区”中选择“满意”的占 25.0%，低于全体的 50.0%"), "{s}");
        // Nothing stands out (|r| ≤ 1.96): the test alone.
        let c = crosstab(vec![vec![22, 18], vec![18, 22]], vec![vec![0.89, -0.89], vec![-0.89, 0.89]]);
        assert!(difference_text(&c).ends_with("n = 80）。"));
    }

    #[test]
    fn numbers_are_written_one_way() {
        assert_eq!(pct_text(44.14), "44.1%");
        assert_eq!(pct_text(f64::NAN), "—");
        assert_eq!(interval(42.46, 45.75), "42.5%–45.8%");
        assert_eq!(date_cn("2024-05-06"), "2024年5月6日");
        assert_eq!(plain("您认为存在哪些问题？"), "您认为存在哪些问题");
    }
}
