//! What the brief says, decided here and handed to the template as `data.json`.
//!
//! Every sentence with a number is written here, from the results, by rules a reader can
//! check (see `docs/brief.md`): the template only lays the text out, so a committee's own
//! template (`--template`) gets the same findings and the same numbers.

use crate::model::{
    BriefOptions, ChartId, ConcernOut, Crosstab, GroupBy, Kind, Method, OpenQuestion, Part, QuestionStats, Reason, Role, ScreenOptions,
    Screening, Stats, TextResults, TextSource,
};
use serde::Serialize;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

mod appendix;
pub(crate) mod compare;
mod concerns;
pub(crate) mod digest;
mod findings;

use super::wording::{date_cn, dimension_word, pct_text, period, plain};
use appendix::{appendix, phone_card};
use concerns::{concern_sections, description_sections, suggestion_sections};
use findings::{comparisons, findings};

#[derive(Debug, Clone, Serialize)]
pub struct BriefData {
    pub title: String,
    pub committee: Option<String>,
    pub meeting: Option<String>,
    /// `2024年3月1日至2024年3月31日`, from the submit times.
    pub period: Option<String>,
    pub populations: Vec<PopulationLine>,
    /// 摘要, right after the cover: the key findings and what the data cannot say.
    pub digest: digest::Digest,
    /// 一、调查概况: paragraphs.
    pub overview: Vec<String>,
    /// 二、主要发现, grouped (one group per population, then the group differences).
    pub findings: Vec<FindingGroup>,
    /// 受访者反映的主要问题 (三, or 四 after 答卷人描述的情况): one section per open question
    /// that carries matters (problems, mixed), then "其他" texts.
    pub concerns: Vec<ConcernSection>,
    /// 答卷人描述的情况 (before the problems, when any): the description and praise
    /// questions, their answers grouped.
    pub descriptions: Vec<ConcernSection>,
    /// 四、意见建议摘编: one section per open question with suggestions.
    pub suggestions: Vec<SuggestionSection>,
    /// 五、分群体比较.
    pub comparisons: Comparisons,
    pub appendix: Appendix,
    /// 六、与上一轮调查比较 (a run with `--compare-with`).
    pub comparison: Option<compare::CompareSection>,
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
    /// Test statistics or a term explained, set small under the text.
    pub note: Option<String>,
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
    /// What one of its groups is: 问题, or 情况 / 方面 (a description or praise question).
    pub word: String,
    pub intro: String,
    pub figure: Option<Figure>,
    pub items: Vec<ConcernItem>,
    /// Which items are statistically level with each other (same rank), if any.
    pub ties: Option<String>,
    /// Every concern's share in every group of each grouping dimension (with 全体).
    pub group_tables: Vec<GroupTable>,
    /// The counted remainder (never hidden), if any.
    pub remainder: Option<String>,
}

/// Concerns × the groups of one grouping dimension: shares in percent.
#[derive(Debug, Clone, Serialize)]
pub struct GroupTable {
    /// `市民按“居住的区”分组：各类问题的提及比例（%）`
    pub caption: String,
    /// The groups, then 全体.
    pub columns: Vec<String>,
    /// (concern name, a share per column)
    pub rows: Vec<(String, Vec<String>)>,
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
    /// `903 人`: how many people the share stands for.
    pub people: String,
}

/// One block of the card: one population, or several where they answered the same question.
#[derive(Debug, Clone, Serialize)]
pub struct CardBlock {
    /// `市民（有效问卷 4079 份）`
    pub heading: String,
    pub headlines: Vec<Headline>,
    /// The question the concerns answer.
    pub question: Option<String>,
    pub concerns: Vec<SummaryConcern>,
    /// "前 3 项相差在抽样误差范围内，不分先后" when the leaders are tied.
    pub ties: Option<String>,
    /// The measures proposed most, in proposal voice, with how many proposed each.
    pub measures: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub blocks: Vec<CardBlock>,
    /// The card's foot line (no file names).
    pub footer: String,
}

/// `42.5%–45.7%`
pub(crate) fn interval(lo: f64, hi: f64) -> String {
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

/// The charts drawn, with their pixel sizes; remembers every figure asked for that was
/// not drawn (a test holds that there are none).
#[derive(Debug, Default)]
pub(crate) struct ChartSizes {
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

/// Everything the brief says. `charts` are the names of the charts written.
pub fn build(
    stats: &Stats,
    screening: &Screening,
    texts: &TextResults,
    charts: &ChartSizes,
    opts: &BriefOptions,
    comparison: Option<&crate::model::Comparison>,
) -> BriefData {
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
                text: if stats.audience(&a.population).writes() {
                    format!("{} 来信 {} 件（纳入分析 {} 件）", a.population, a.read, a.analysed)
                } else {
                    format!("{} {} 份（纳入分析 {} 份）", a.population, a.read, a.analysed)
                },
            }
        })
        .collect();
    let names: Vec<&str> = populations.iter().map(|p| p.name.as_str()).collect();
    // A collection of letters is no questionnaire; a name that is only a file's name
    // (gov_messages_dev: no Chinese in it) does not title a brief.
    let letters = !stats.populations.is_empty() && stats.populations.iter().all(|p| p.audience.writes());
    let human = names.iter().all(|n| n.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)));
    let title = titles.title.clone().unwrap_or_else(|| match (letters, human) {
        (true, true) if names.iter().any(|n| crate::util::words::words().questions.message_title_words.iter().any(|w| n.contains(w))) => {
            format!("{}分析简报", names.join("、"))
        }
        (true, true) => format!("{}来信分析简报", names.join("、")),
        (true, false) => "群众来信分析简报".to_string(),
        (false, _) => format!("{}问卷调查分析简报", names.join("、")),
    });
    let period = period(stats);
    BriefData {
        title,
        committee: titles.committee.clone(),
        meeting: titles.meeting.clone(),
        digest: digest::digest(stats, screening, texts),
        overview: overview(stats, screening, texts, period.as_deref()),
        period,
        findings: findings(stats, charts),
        concerns: concern_sections(texts, charts, &opts.method),
        descriptions: description_sections(texts, charts, &opts.method),
        suggestions: suggestion_sections(texts, charts),
        comparisons: comparisons(stats, charts),
        appendix: appendix(stats, screening, texts, &opts.method),
        comparison: comparison.map(|c| compare::section(c, charts)),
        summary: phone_card(stats, texts),
        provenance: format!(
            "本简报由 minyi（民意）根据{}自动生成，文中数字均可在同一文件夹的 results.json 和 tables.xlsx 中核对。",
            if letters { "来信数据" } else { "问卷数据" }
        ),
        populations,
    }
}

fn overview(stats: &Stats, screening: &Screening, texts: &TextResults, period: Option<&str>) -> Vec<String> {
    let mut out = Vec::new();
    let parts: Vec<String> = screening
        .populations
        .iter()
        .map(|a| {
            let closed = stats.questions.iter().filter(|q| q.population == a.population && q.is_closed()).count();
            let open = stats.questions.iter().filter(|q| q.population == a.population && q.role == Role::Opinion).count();
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
                    format!("，排除 {} 份（{}）", a.read - a.analysed, excluded.join("，"))
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
        .map(|q| format!("“{}”有 {} 人作了有效回答", plain(&q.title), q.answered))
        .collect();
    if !answered.is_empty() {
        out.push(format!("开放题中，{}；只写“无”“没有”等无实质内容的回答单独计数，不计入各类占比的分子。", answered.join("；")));
    }
    let profiled = stats.populations.iter().filter(|p| !p.group_by.is_empty()).count();
    for (k, p) in stats.populations.iter().filter(|p| !p.group_by.is_empty()).enumerate() {
        let dims: Vec<String> = p
            .group_by
            .iter()
            .filter_map(|id| stats.questions.iter().find(|q| q.population == p.name && &q.id == id))
            .filter(|q| !q.options.is_empty())
            .map(|q| {
                let parts: Vec<String> =
                    q.options.iter().filter(|o| o.count > 0).map(|o| format!("{} {}", o.label, pct_text(o.percent))).collect();
                format!("{}——{}", dimension_word(&q.title).trim_matches(['“', '”']), parts.join("、"))
            })
            .collect();
        if !dims.is_empty() {
            let caveat = if k + 1 == profiled {
                "这些比例只说明答卷人是谁，样本没有按实际人口或企业结构加权。"
            } else {
                ""
            };
            out.push(format!("{}问卷的答卷人构成：{}。{caveat}", p.name, dims.join("；")));
        }
    }
    out.push(
        "方法：封闭题报告各选项人数、占有效回答的百分比及其 95% 置信区间（Wilson 法），分群体差异用卡方检验判断；开放题经分词后按用词相近程度归纳为若干类问题，每类给出占比、关键词和代表性原话（已隐去个人信息）。排除答卷的规则和全部方法见附录。"
            .into(),
    );
    out
}

fn num(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::appendix::screening_method;
    use super::findings::difference_text;
    use super::*;

    /// The method text says what the run did: reasons moved between "excluded" and
    /// "flagged" move in the sentence, and a changed ratio is stated.
    #[test]
    fn the_screening_sentence_follows_the_rules_applied() {
        let default = screening_method(&ScreenOptions::default());
        assert!(default.contains("重复提交予以排除"), "{default}");
        assert!(default.contains("中位数三分之一的答卷、4 行及以上的矩阵题全部选同一项的答卷仅作标记待查"), "{default}");
        let strict = ScreenOptions {
            speeder_ratio: 0.25,
            exclude: vec![Reason::Empty, Reason::Duplicate, Reason::Speeder],
            ..ScreenOptions::default()
        };
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
        assert!(s.starts_with("按“居住的区”分组，各组在“总体满意度”上的回答差异显著（p\u{a0}<\u{a0}0.001）："), "{s}");
        assert!(!s.contains("卡方") && !s.contains("Cramer"), "test statistics belong in the note: {s}");
        assert!(s.contains("“东区”中选择“满意”的占 75.0%，高于全体的 50.0%"), "{s}");
        assert!(s.contains("“西区”中选择“满意”的占 25.0%，低于全体的 50.0%"), "{s}");
        // Nothing stands out (|r| ≤ 1.96): the test alone.
        let c = crosstab(vec![vec![22, 18], vec![18, 22]], vec![vec![0.89, -0.89], vec![-0.89, 0.89]]);
        assert!(difference_text(&c).ends_with("（p\u{a0}<\u{a0}0.001）。"));
    }

    #[test]
    fn a_unit_comes_from_the_title() {
        use super::findings::title_unit;
        assert_eq!(title_unit("您所在企业年用电量约多少万千瓦时").as_deref(), Some("万千瓦时"));
        assert_eq!(title_unit("通勤需要多少时间（分钟）").as_deref(), Some("分钟"));
        assert_eq!(title_unit("月收入（单位：元）").as_deref(), Some("元"));
        assert_eq!(title_unit("您每月花多少钱"), None);
        assert_eq!(title_unit("您平均每周去公园几次").as_deref(), Some("次"));
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
