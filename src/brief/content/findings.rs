//! 二、主要发现 and 五、分群体比较: findings per question, the strongest group
//! differences, and the comparisons between and within populations.

use super::super::wording::standouts;
use super::*;

/// 二、主要发现: per population, the satisfaction items (lowest and highest), the largest
/// shares of choice questions, NPS, numeric medians; then the strongest reliable group
/// differences.
pub(super) fn findings(stats: &Stats, charts: &ChartSizes) -> Vec<FindingGroup> {
    let groups: BTreeSet<(String, String)> =
        stats.populations.iter().flat_map(|p| p.group_by.iter().map(|g| (p.name.clone(), g.clone()))).collect();
    let mut out: Vec<FindingGroup> = Vec::new();
    for p in &stats.populations {
        let items: Vec<Finding> = stats
            .questions
            .iter()
            .filter(|q| q.population == p.name && q.n_valid > 0 && (q.is_closed() || !q.values.is_empty()))
            .filter_map(|q| question_finding(q, groups.contains(&(p.name.clone(), q.id.clone())), charts))
            .collect();
        if !items.is_empty() {
            out.push(FindingGroup { heading: format!("{}问卷", p.name), items });
        }
    }
    // The index is explained once, where it is first used.
    let mut explained = false;
    for f in out.iter_mut().flat_map(|g| g.items.iter_mut()) {
        if f.note.as_deref() == Some(INDEX_NOTE) {
            if explained {
                f.note = None;
            }
            explained = true;
        }
    }
    let differences = difference_findings(stats, charts);
    if !differences.is_empty() {
        out.push(FindingGroup { heading: "分群体的显著差异".into(), items: differences });
    }
    out
}

/// The finding of one closed question, by its kind (none for a grouping question's
/// shares, which describe the sample).
fn question_finding(q: &QuestionStats, grouping: bool, charts: &ChartSizes) -> Option<Finding> {
    let fig = |what: &str| {
        chart(
            charts,
            ChartId::Question { population: q.population.clone(), question: q.id.clone() },
            format!("{}：{what}", plain(&q.title)),
        )
    };
    let n = format!("（有效回答 {} 人）", q.n_valid);
    if !q.values.is_empty() {
        let text = fill_in_text(q);
        return Some(Finding {
            population: q.population.clone(),
            rule: "values",
            heading: format!("{}：{}", q.population, q.title),
            text,
            note: None,
            figure: None,
        });
    }
    let (rule, text, note, figure) = match q.kind {
        Kind::Likert if is_satisfaction(q) => ("satisfaction", satisfaction_text(q, &n), None, fig("各选项占比")),
        Kind::Matrix if !q.rows.is_empty() => ("satisfaction", matrix_text(q, &n)?, Some(INDEX_NOTE.to_string()), fig("各方面评价")),
        Kind::Multi | Kind::Single if !grouping && !q.options.is_empty() => ("share", share_text(q, &n)?, None, fig("各选项占比")),
        Kind::Rating if q.nps.is_some() => ("nps", nps_text(q, &n), Some(NPS_NOTE.to_string()), fig("评分分布")),
        Kind::Numeric => {
            let s = q.summary.as_ref()?;
            let unit = q.unit.clone().or_else(|| title_unit(&q.title)).unwrap_or_default();
            let text = format!(
                "{}{}：中位数 {}{unit}（一半回答低于这个数），中间一半的回答在 {}{unit} 至 {}{unit} 之间，平均 {}{unit}。",
                question_name(q),
                n,
                num(s.median),
                num(s.q1),
                num(s.q3),
                num(s.mean)
            );
            ("numeric", text, None, None)
        }
        _ => return None,
    };
    Some(Finding { population: q.population.clone(), rule, heading: format!("{}：{}", q.population, q.title), text, note, figure })
}

/// A fill-in: the values written most, how many kinds there were, and the numbers'
/// middle when they share a unit.
fn fill_in_text(q: &QuestionStats) -> String {
    let top: Vec<String> = q.values.iter().take(5).map(|v| format!("“{}”{} 人（{}）", v.value, v.count, pct_text(v.percent))).collect();
    let mut text = format!(
        "{}（填空，{} 人填写）：填写最多的依次是{}，共 {} 种不同回答。",
        question_name(q),
        q.n_valid,
        top.join("、"),
        q.distinct.unwrap_or(q.values.len())
    );
    if let (Some(unit), Some(s)) = (&q.unit, &q.summary) {
        text.push_str(&format!("以{unit}计的回答中，中位数 {}{unit}，一半在 {}–{}{unit} 之间。", num(s.median), num(s.q1), num(s.q3)));
    }
    text
}

/// What the satisfaction index is, said once where a matrix first uses it.
pub(crate) const INDEX_NOTE: &str =
    "注：满意度指数把每个选项换算为 0—100 分（最低一档 0 分、最高一档 100 分，中间各档等距，如五级量表依次为 0、25、50、75、100 分）后取平均，50 分为中点，用于比较各方面的高低。";

/// NPS in a note: the body says who would and would not recommend.
pub(crate) const NPS_NOTE: &str =
    "注：愿意推荐者比例减去不愿推荐者比例，即通常所说的“净推荐值”（NPS），取值在 -100 至 100 之间；以 9—10 分为愿意推荐、0—6 分为不太愿意推荐是这一指标的通行划分。";

/// The unit a numeric question asks for, from its title: "年用电量约多少万千瓦时" →
/// 万千瓦时, "（单位：元）" → 元.
pub(crate) fn title_unit(title: &str) -> Option<String> {
    let t = plain(title);
    // Not units: what is asked about ("多少时间（分钟）" has its unit in brackets).
    let not_units = crate::util::words::words().brief.not_units;
    let ok = |u: &str| (1..=5).contains(&u.chars().count()) && !not_units.contains(&u);
    // A unit in brackets at the end of the title wins: "通勤需要多少时间（分钟）".
    if let Some(inner) = t.strip_suffix(['）', ')']).and_then(|s| s.rsplit(['（', '(']).next()) {
        let u = inner.trim_start_matches("单位").trim_start_matches(['：', ':', ' ']);
        if ok(u) && !u.chars().any(|c| c.is_ascii_digit()) {
            return Some(u.to_string());
        }
    }
    if let Some(i) = t.find("单位") {
        let rest = t[i + "单位".len()..].trim_start_matches(['：', ':', ' ']);
        let u: String = rest.chars().take_while(|c| !matches!(c, '）' | ')' | '，' | '；' | ' ')).collect();
        if ok(&u) {
            return Some(u);
        }
    }
    let i = t.rfind("多少").map(|i| i + "多少".len()).or_else(|| t.rfind('几').map(|i| i + '几'.len_utf8()))?;
    let u: String = t[i..].chars().take_while(|c| !matches!(c, '（' | '(' | '？' | '?' | '，')).collect();
    ok(&u).then_some(u)
}

fn satisfaction_text(q: &QuestionStats, n: &str) -> String {
    let top = q.options.iter().max_by(|a, b| a.percent.total_cmp(&b.percent));
    format!(
        "{}：选择{}的占 {}，平均 {:.2} 分（满分 5 分）{}。{}",
        question_name(q),
        super::super::wording::favourable(&q.options).unwrap_or_else(|| "较高两档".into()),
        pct_text(q.top2.unwrap_or(f64::NAN)),
        q.mean.unwrap_or(f64::NAN),
        n,
        top.map(|o| format!("选择最多的是“{}”，占 {}。", o.label, pct_text(o.percent))).unwrap_or_default()
    )
}

/// A matrix's lowest and highest rated rows.
fn matrix_text(q: &QuestionStats, n: &str) -> Option<String> {
    let rows: Vec<&crate::model::RowStats> = q.rows.iter().filter(|r| r.index.is_some()).collect();
    let lo = rows.iter().min_by(|a, b| a.index.unwrap_or(0.0).total_cmp(&b.index.unwrap_or(0.0)))?;
    let hi = rows.iter().max_by(|a, b| a.index.unwrap_or(0.0).total_cmp(&b.index.unwrap_or(0.0)))?;
    let good = super::super::wording::favourable(&lo.options).unwrap_or_else(|| "较高两档".into());
    Some(format!(
        "{}的 {} 个方面中，评价最低的是“{}”（选择{good}的占 {}，满意度指数 {:.1}），最高的是“{}”（{}，指数 {:.1}）{}。",
        question_name(q),
        rows.len(),
        lo.label,
        pct_text(lo.top2.unwrap_or(f64::NAN)),
        lo.index.unwrap_or(f64::NAN),
        hi.label,
        pct_text(hi.top2.unwrap_or(f64::NAN)),
        hi.index.unwrap_or(f64::NAN),
        n
    ))
}

/// The three options chosen most, with their intervals.
fn share_text(q: &QuestionStats, n: &str) -> Option<String> {
    let mut opts: Vec<&crate::model::OptionStat> = q.options.iter().filter(|o| o.count > 0).collect();
    opts.sort_by(|a, b| b.count.cmp(&a.count));
    let listed: Vec<String> = opts
        .iter()
        .take(3)
        .map(|o| format!("“{}”{}（95% 置信区间 {}）", o.label, pct_text(o.percent), interval(o.ci_low, o.ci_high)))
        .collect();
    if listed.is_empty() {
        return None;
    }
    let multi = if q.kind == Kind::Multi { "（多选，占比之和可超过 100%）" } else { "" };
    Some(format!("{}{}，选择最多的依次是{}{multi}。", question_name(q), n, listed.join("、")))
}

fn nps_text(q: &QuestionStats, n: &str) -> String {
    let (pro, det) = (q.promoters.unwrap_or(f64::NAN), q.detractors.unwrap_or(f64::NAN));
    format!(
        "{}{}：平均 {:.1} 分；愿意推荐（打 9—10 分）的占 {}，不太愿意推荐（打 0—6 分）的占 {}，前者比后者{} {:.1} 个百分点。",
        question_name(q),
        n,
        q.mean.unwrap_or(f64::NAN),
        pct_text(pro),
        pct_text(det),
        if q.nps.unwrap_or(0.0) >= 0.0 { "多" } else { "少" },
        q.nps.unwrap_or(f64::NAN).abs()
    )
}

/// The strongest reliable, significant group differences (at most 4).
fn difference_findings(stats: &Stats, charts: &ChartSizes) -> Vec<Finding> {
    stats
        .heat_maps(4)
        .into_iter()
        .map(|c| Finding {
            population: c.population.clone(),
            rule: "difference",
            heading: format!("{}：按“{}”分组，{}", c.population, plain(&c.by_title), plain(&c.question_title)),
            text: difference_text(c),
            note: Some(format!("检验：{}。", unbroken(&c.test_line()))),
            figure: chart(
                charts,
                ChartId::heat(c),
                format!("{} × {}（各组的百分比，最后一列为全体；颜色含义见图下说明）", plain(&c.question_title), plain(&c.by_title)),
            ),
        })
        .collect()
}

/// One sentence in plain words: the difference is significant (p only), then the cells
/// that stand out most. The test statistics are [`Crosstab::test_line`], in a note.
pub(crate) fn difference_text(c: &Crosstab) -> String {
    let mut s = format!(
        "按{}分组，各组在“{}”上的回答差异显著（{}）",
        dimension_word(&c.by_title),
        plain(&c.question_title),
        c.p_value.map_or("—".into(), p_text)
    );
    let (hi, lo) = standouts(c);
    let parts: Vec<String> = hi.into_iter().chain(lo).collect();
    if parts.is_empty() {
        s.push('。');
    } else {
        s.push_str("：");
        s.push_str(&parts.join("；"));
        s.push('。');
    }
    s
}

pub(super) fn test_row(c: &Crosstab) -> TestRow {
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

pub(super) fn comparisons(stats: &Stats, charts: &ChartSizes) -> Comparisons {
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
        "每道封闭题都按分组题（如性别、年龄、地区）做了交叉分析，共检验 {} 项，其中差异显著（p\u{a0}<\u{a0}0.05）的 {} 项列于下表（结论可靠的在前，再按关联强度 Cramer V 从强到弱排列）；{} 项的期望频数过小，结论仅供参考（表中标“*”，排在最后）。检验项目多，个别显著结果可能出于偶然，应结合实际判断。",
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
