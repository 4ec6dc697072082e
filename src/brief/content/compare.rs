//! The comparison of two waves in words and tables: the section 与上一轮调查比较 of a
//! brief run with `--compare-with`, and the body of `comparison.pdf` (`minyi compare`).
//! Only changes that stay significant after the correction over all tests are called
//! changes; the rest are said to be within sampling noise.

use super::{chart, pct_text, ChartSizes, Figure};
use crate::model::{Change, ChartId, Comparison, ConcernChange, QuestionChange};
use crate::util::signed;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct CompareSection {
    pub old: String,
    pub new: String,
    /// `上一轮：2024年（2024年5月6日至5月14日）` and the like, for the cover.
    pub waves: Vec<String>,
    /// What was compared and how a change is judged, in plain words.
    pub intro: Vec<String>,
    /// Whether any test of the comparison is a change.
    pub any_change: bool,
    /// The main changes (3–5), one sentence each.
    pub digest: Vec<String>,
    /// Concern changes: one table per open question.
    pub concerns: Vec<WavesTable>,
    pub concerns_note: String,
    pub new_concerns: Vec<String>,
    pub gone_concerns: Vec<String>,
    /// Measures proposed now that were not listed then (the most proposed first), and those
    /// proposed in both waves whose share changed most: `“…”（上一轮 N 人，本轮 M 人）`.
    pub new_measures: Vec<String>,
    pub kept_measures: Vec<String>,
    /// Closed questions: every significant change (rows: 群体, 题目, 选项或指标, 上一轮, 本轮, 变化, 95% 置信区间).
    pub closed: Vec<Vec<String>>,
    pub closed_note: String,
    pub closed_figure: Option<Figure>,
    /// The largest significant changes within groups (district …).
    pub groups: Vec<Vec<String>>,
    pub groups_note: String,
    /// One row per draft of the earlier report (后评估).
    pub tracking: Vec<Vec<String>>,
    /// Questions asked in one wave only.
    pub unmatched: Vec<String>,
    /// How the comparison was made (set small).
    pub method: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct WavesTable {
    pub title: String,
    /// The concerns then and now (`charts/两轮-<question>.png`).
    pub figure: Option<Figure>,
    /// 问题, 上一轮, 本轮, 变化, 95% 置信区间, 判断
    pub rows: Vec<Vec<String>>,
}

/// `4.6～9.0`
fn range(lo: f64, hi: f64, digits: usize) -> String {
    if !(lo.is_finite() && hi.is_finite()) {
        return "—".into();
    }
    format!("{}～{}", signed(lo, digits), signed(hi, digits))
}

fn verdict(c: &Change) -> &'static str {
    match (c.significant, c.diff > 0.0) {
        (false, _) => "不能确认有变化",
        (true, true) => "确有上升",
        (true, false) => "确有下降",
    }
}

/// "由 25.5% 降至 18.7%（下降 6.8 个百分点）"
fn share_words(c: &Change) -> String {
    format!("由 {}", share_words_bare(c))
}

/// "25.5% 降至 18.7%（下降 6.8 个百分点）" (after "分别由").
fn share_words_bare(c: &Change) -> String {
    let d = c.shown_diff();
    let (dir, by) = if d > 0.0 { ("升至", "上升") } else { ("降至", "下降") };
    format!("{} {dir} {}（{by} {:.1} 个百分点）", pct_text(c.old), pct_text(c.new), d.abs())
}

/// "由 3.12 分升至 3.73 分（满分 5 分，提高 0.61 分）"
fn mean_words(c: &Change, scale: &str) -> String {
    let dir = if c.diff > 0.0 { "升至" } else { "降至" };
    let by = if c.diff > 0.0 { "提高" } else { "降低" };
    format!("由 {:.2} 分{dir} {:.2} 分（{scale}{by} {:.2} 分）", c.old, c.new, c.diff.abs())
}

/// What the item asks about: `垃圾分类与清运的满意度` for a matrix row, the title otherwise.
fn item_name(q: &QuestionChange) -> String {
    match &q.row {
        Some(r) => format!("“{r}”（{}）", q.title),
        None => format!("“{}”", q.title),
    }
}

/// A group as a reader names it: `北山区（市民）`; a group called 其他 with its dimension.
fn group_name(population: &str, dimension: &str, group: &str) -> String {
    if group == "其他" && !dimension.is_empty() {
        format!("{dimension}为“其他”的{population}")
    } else {
        format!("{group}（{population}）")
    }
}

/// What respondents did about a concern: raised it, or proposed it.
fn verb(k: &ConcernChange) -> &'static str {
    if k.asks_suggestions {
        "建议"
    } else {
        "反映"
    }
}

/// How strong the evidence for a change is (capped): −log10 of its corrected p.
fn evidence(c: &Change) -> f64 {
    if c.significant && c.q.is_finite() {
        (-c.q.max(1e-20).log10()).min(20.0)
    } else {
        0.0
    }
}

/// The group change of a concern that carries it: significant, the largest, and at least
/// twice the change of the whole (the change is concentrated there).
fn concentrated(k: &ConcernChange) -> Option<&crate::model::PartChange> {
    k.by_group
        .iter()
        .filter(|g| g.change.significant && g.change.diff.abs() >= 2.0 * k.share.diff.abs())
        .max_by(|a, b| a.change.diff.abs().total_cmp(&b.change.diff.abs()))
}

/// The main changes in plain words, the best established first (3–5): a concern whose
/// change is concentrated in one group is told with that group (concerns changed in the
/// same group together: a matter raised less and its measure proposed less); the concerns
/// new in a question asked in both waves in one sentence; a closed question by its mean or
/// its most changed option. Texts typed after "其他" are left out.
pub(crate) fn digest(c: &Comparison) -> Vec<String> {
    let mut found: Vec<(f64, String)> = Vec::new();
    // Concentrated in a group: (group, direction) → (evidence, pieces, whole-population notes).
    let mut by_group: Vec<((String, String, String, bool), f64, Vec<String>, Vec<String>)> = Vec::new();
    for k in c.concerns.iter().filter(|k| !k.new_question.contains('#')) {
        if let Some(g) = concentrated(k) {
            let key = (g.population.clone(), g.dimension.clone(), g.group.clone(), g.change.diff > 0.0);
            let piece = format!("{}“{}”的比例{}", verb(k), k.label, share_words(&g.change));
            let whole = if k.share.significant { share_words_bare(&k.share) } else { String::new() };
            let strength = evidence(&g.change).max(evidence(&k.share));
            match by_group.iter_mut().find(|x| x.0 == key) {
                Some(x) => {
                    x.1 = x.1.max(strength);
                    x.2.push(piece);
                    x.3.push(whole);
                }
                None => by_group.push((key, strength, vec![piece], vec![whole])),
            }
        } else if k.share.significant {
            found.push((evidence(&k.share), format!("{}“{}”的比例{}。", verb(k), k.label, share_words(&k.share))));
        }
    }
    for ((pop, dim, group, _), strength, pieces, wholes) in by_group {
        let n = wholes.len();
        let wholes: Vec<String> = wholes.into_iter().filter(|w| !w.is_empty()).collect();
        let tail = match (n, wholes.len()) {
            (_, 0) => format!("；就全体{pop}而言尚不能确认有变化"),
            (1, _) => format!("；全体{pop}由 {}", wholes[0]),
            (_, w) if w == n => format!("；全体{pop}分别由 {}", wholes.join("、由 ")),
            _ => format!("；全体{pop}中，可以确认的变化：由 {}", wholes.join("、由 ")),
        };
        found.push((strength, format!("{}：{}{tail}。", group_name(&pop, &dim, &group), pieces.join("，"))));
    }
    // New concerns of questions asked in both waves (a question asked now only is listed
    // with the questions of one wave, not as new concerns).
    let asked_again = |q: &str| c.concerns.iter().any(|k| k.new_question == q);
    let fresh: Vec<String> = c
        .new_concerns
        .iter()
        .filter(|x| !x.question.contains('#') && x.share >= 5.0 && asked_again(&x.question))
        .map(|x| format!("“{}”（{} 人，占 {}）", x.label, x.respondents, pct_text(x.share)))
        .collect();
    if !fresh.is_empty() {
        found.push((10.0, format!("新出现、上一轮没有的：{}。", fresh.join("；"))));
    }
    for q in &c.questions {
        let Some(o) = q.options.iter().filter(|o| o.change.significant).max_by(|a, b| a.change.diff.abs().total_cmp(&b.change.diff.abs()))
        else {
            continue;
        };
        let scale =
            if matches!(q.kind.as_str(), "likert" | "matrix") { format!("满分 {} 分，", q.options.len()) } else { String::new() };
        let (s, strength) = match q.mean.as_ref().filter(|m| m.significant) {
            Some(m) => (
                format!(
                    "{}对{}的评价均分{}，选“{}”的比例{}。",
                    q.population,
                    item_name(q),
                    mean_words(m, &scale),
                    o.label,
                    share_words(&o.change)
                ),
                evidence(m).max(evidence(&o.change)),
            ),
            None => (format!("{}在{}中选“{}”的比例{}。", q.population, item_name(q), o.label, share_words(&o.change)), evidence(&o.change)),
        };
        found.push((strength, s));
    }
    found.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    found.into_iter().take(5).map(|x| x.1).collect()
}

/// The opening paragraphs: what was compared, how many changes were found, how to read them.
fn intro(c: &Comparison) -> Vec<String> {
    // Changes for the whole of a population, and within groups.
    let mut whole = 0usize;
    let mut within = 0usize;
    for q in &c.questions {
        whole += q.options.iter().filter(|o| o.change.significant).count()
            + usize::from(q.distribution.as_ref().is_some_and(|d| d.significant))
            + usize::from(q.mean.as_ref().is_some_and(|m| m.significant))
            + usize::from(q.nps.as_ref().is_some_and(|m| m.significant));
        within += q.by_group.iter().filter(|g| g.change.significant).count();
    }
    for k in &c.concerns {
        whole += usize::from(k.share.significant) + k.by_population.iter().filter(|p| p.change.significant).count();
        within += k.by_group.iter().filter(|g| g.change.significant).count();
    }
    let mut intro = vec![format!(
        "本部分把本轮调查（{}）与上一轮（{}）逐项比较。两轮都调查了{}；两轮都问到的选择题有 {} 项（评分表每一行算一项），填写题中两轮都归纳出的问题有 {} 类，共比较了 {} 个比例、均分或分布。就各群体的全体受访者而言，{} 处有可以确认的变化；在性别、年龄、地区等分组中另有 {} 处（多为同一变化在各组的体现）。",
        c.new,
        c.old,
        if c.populations.is_empty() { "（无共同群体）".to_string() } else { c.populations.join("、") },
        c.questions.len(),
        c.concerns.len(),
        c.tests,
        whole,
        within
    )];
    intro.push(
        "两轮都是抽样调查，比例相差一两个百分点往往只是抽样波动。本部分只把经过检验、并且考虑到同时比较了许多数字之后仍然成立的差异称为“确有变化”；其余差异不应解读为好转或变差。人数不足 30 人的分组只列数字，不作判断。"
            .to_string(),
    );
    intro.push(if c.same_concerns {
        "本轮填写题的回答按上一轮归纳出的问题类别逐条归类，两轮的提及比例按同一口径计算，可以直接比较；不属于上一轮任何一类的回答另行归纳，列为新出现的问题。".to_string()
    } else {
        "两轮填写题的问题类别是各自归纳后再按名称、关键词和主管部门对应的，比例变化中可能含有归类口径的差异；分析本轮时用 --compare-with 指定上一轮的报告文件夹，两轮即按同一类别比较。".to_string()
    });

    intro
}

/// Per open question asked in both waves, its concerns then and now; and the concerns
/// of one wave only.
struct ConcernTables {
    tables: Vec<WavesTable>,
    note: String,
    new: Vec<String>,
    gone: Vec<String>,
}

fn concern_tables(c: &Comparison, charts: &ChartSizes) -> ConcernTables {
    let row = |k: &ConcernChange| {
        let mut label =
            if k.old_label == k.label { k.label.clone() } else { format!("{}（上一轮称“{}”）", k.label, k.old_label) };
        if k.configured {
            label.push_str("（按配置对应）");
        }
        vec![
            label,
            pct_text(k.share.old),
            pct_text(k.share.new),
            signed(k.share.shown_diff(), 1),
            range(k.share.ci_low, k.share.ci_high, 1),
            verdict(&k.share).to_string(),
        ]
    };
    let concerns: Vec<WavesTable> = c
        .open_questions()
        .into_iter()
        .map(|(q, title)| WavesTable {
            title: if q.contains('#') { format!("{title}（选“其他”后自行填写的内容）") } else { title.to_string() },
            figure: chart(charts, ChartId::WavesConcerns { question: q.to_string() }, format!("两轮比较：{title}")),
            rows: c.concerns.iter().filter(|k| k.new_question == q).map(row).collect(),
        })
        .collect();
    let concerns_note =
        "比例为提到该问题的人占填写该题人数的百分比；“变化”为本轮减上一轮（百分点）。置信区间是这一项单独看的误差范围；是否“确有”变化已考虑了同时比较的次数，以“判断”一栏为准。"
            .to_string();
    let title_of = |q: &str| c.concerns.iter().find(|k| k.new_question == q || k.old_question == q).map(|k| k.title.clone());
    let new_concerns = c
        .new_concerns
        .iter()
        .map(|x| {
            let t = title_of(&x.question).map(|t| format!("（{t}）")).unwrap_or_default();
            format!("“{}”{t}：本轮 {} 人，占 {}", x.label, x.respondents, pct_text(x.share))
        })
        .collect();
    let gone_concerns = c
        .gone_concerns
        .iter()
        .map(|x| {
            let t = title_of(&x.question).map(|t| format!("（{t}）")).unwrap_or_default();
            format!("“{}”{t}：上一轮 {} 人，占 {}；本轮未单独成类", x.label, x.respondents, pct_text(x.share))
        })
        .collect();

    ConcernTables { tables: concerns, note: concerns_note, new: new_concerns, gone: gone_concerns }
}

/// The closed-question changes of whole populations (a row each), their note and figure.
fn closed_changes(c: &Comparison, charts: &ChartSizes) -> (Vec<Vec<String>>, String, Option<Figure>) {
    let mut closed = Vec::new();
    for q in &c.questions {
        let mut item = match &q.row {
            Some(r) => format!("{}：{r}", q.title),
            None => q.title.clone(),
        };
        if q.configured {
            item.push_str(&format!("（按配置与上一轮 {} 对应）", q.old_id));
        } else if q.reworded {
            item.push_str(&format!("（题目有改动，上一轮为“{}”）", q.old_title));
        }
        if let Some(m) = q.mean.as_ref().filter(|m| m.significant) {
            closed.push(vec![
                q.population.clone(),
                item.clone(),
                "均分".to_string(),
                format!("{:.2}", m.old),
                format!("{:.2}", m.new),
                signed(m.diff, 2),
                range(m.ci_low, m.ci_high, 2),
            ]);
        }
        for o in q.options.iter().filter(|o| o.change.significant) {
            closed.push(vec![
                q.population.clone(),
                item.clone(),
                o.label.clone(),
                pct_text(o.change.old),
                pct_text(o.change.new),
                signed(o.change.shown_diff(), 1),
                range(o.change.ci_low, o.change.ci_high, 1),
            ]);
        }
    }
    let unchanged = c.questions.iter().filter(|q| !q.options.iter().any(|o| o.change.significant)).count();
    let closed_note = format!(
        "比例单位为 %，均分为各选项分值的平均；“变化”为本轮减上一轮（比例为百分点），区间为变化的 95% 置信区间。其余 {unchanged} 项（包括受访者的性别、年龄、地区等构成）就全体而言两轮之间没有可以确认的变化，逐项数字见 tables.xlsx 的“比较”表。"
    );
    let closed_figure = c
        .questions
        .iter()
        .any(|q| q.options.iter().any(|o| o.change.significant))
        .then(|| chart(charts, ChartId::WavesClosed, "两轮比较：选择题中确有变化的选项".to_string()))
        .flatten();

    (closed, closed_note, closed_figure)
}

/// The changes within groups, largest first (at most 15), and their note.
fn group_changes(c: &Comparison) -> (Vec<Vec<String>>, String) {
    let mut groups: Vec<(f64, Vec<String>)> = Vec::new();
    for k in &c.concerns {
        for g in k.by_group.iter().filter(|g| g.change.significant) {
            groups.push((
                g.change.diff.abs(),
                vec![
                    group_name(&g.population, &g.dimension, &g.group),
                    format!("{}“{}”", verb(k), k.label),
                    pct_text(g.change.old),
                    pct_text(g.change.new),
                    signed(g.change.shown_diff(), 1),
                ],
            ));
        }
    }
    for q in &c.questions {
        for g in q.by_group.iter().filter(|g| g.change.significant) {
            let item = match &q.row {
                Some(r) => format!("{}：{r}", q.title),
                None => q.title.clone(),
            };
            groups.push((
                g.change.diff.abs(),
                vec![
                    group_name(&q.population, &g.dimension, &g.group),
                    format!("{item}——{}", g.option),
                    pct_text(g.change.old),
                    pct_text(g.change.new),
                    signed(g.change.shown_diff(), 1),
                ],
            ));
        }
    }
    groups.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let all_groups = groups.len();
    groups.truncate(15);
    let groups_note = if all_groups > groups.len() {
        format!("按变化大小列出前 {} 处，共 {all_groups} 处（全部见 tables.xlsx 的“比较”表）；分组内的比较只在两轮都有该分组、且两轮都不少于 30 人时进行。", groups.len())
    } else {
        "分组内的比较只在两轮都有该分组、且两轮都不少于 30 人时进行。".to_string()
    };

    (groups.into_iter().map(|x| x.1).collect(), groups_note)
}

/// Measures proposed now only (most proposers first) and in both waves (most changed first).
fn measure_lists(c: &Comparison) -> (Vec<String>, Vec<String>) {
    let mut fresh: Vec<&crate::model::MeasureSeen> = c.measures.iter().filter(|m| m.old_respondents.is_none()).collect();
    fresh.sort_by_key(|m| (std::cmp::Reverse(m.new_respondents.unwrap_or(0)), m.text.clone()));
    let new_measures = fresh.iter().take(8).map(|m| format!("“{}”（{} 人）", m.text, m.new_respondents.unwrap_or(0))).collect();
    // Measures of both waves: those whose count changed most (relative to then) first.
    let mut both: Vec<&crate::model::MeasureSeen> =
        c.measures.iter().filter(|m| m.old_respondents.is_some() && m.new_respondents.is_some()).collect();
    let change = |m: &crate::model::MeasureSeen| {
        let (a, b) = (m.old_respondents.unwrap_or(0) as f64, m.new_respondents.unwrap_or(0) as f64);
        (b - a).abs() / a.max(1.0)
    };
    both.sort_by(|a, b| change(b).total_cmp(&change(a)).then_with(|| a.text.cmp(&b.text)));
    let kept_measures = both
        .iter()
        .take(8)
        .map(|m| format!("“{}”（上一轮 {} 人，本轮 {} 人）", m.text, m.old_respondents.unwrap_or(0), m.new_respondents.unwrap_or(0)))
        .collect();

    (new_measures, kept_measures)
}

/// Each earlier draft: its concern then → now (and its strongest group change), its
/// closed items then → now.
fn tracking_rows(c: &Comparison) -> Vec<Vec<String>> {
    c.tracking
        .iter()
        .map(|t| {
            let concern = match &t.concern {
                Some(k) => {
                    let matched = c.concerns.iter().find(|x| x.old_question == t.question && x.old_key == t.key);
                    let mut s = format!(
                        "全体 {} → {}（{} 个百分点，95% 置信区间 {}；{}）",
                        pct_text(k.old),
                        pct_text(k.new),
                        signed(k.shown_diff(), 1),
                        range(k.ci_low, k.ci_high, 1),
                        verdict(k)
                    );
                    // Where it changed most within a group, when that is a change.
                    if let Some(g) = matched.and_then(|x| {
                        x.by_group
                            .iter()
                            .filter(|g| g.change.significant)
                            .max_by(|a, b| a.change.diff.abs().total_cmp(&b.change.diff.abs()))
                    }) {
                        s.push_str(&format!(
                            "；{} {} → {}（{}）",
                            group_name(&g.population, &g.dimension, &g.group),
                            pct_text(g.change.old),
                            pct_text(g.change.new),
                            verdict(&g.change)
                        ));
                    }
                    s
                }
                None => "本轮未单独成类".to_string(),
            };
            let items: Vec<String> = t
                .items
                .iter()
                .map(|i| {
                    let title = match &i.item.option {
                        Some(o) => format!("{}——{o}", i.title),
                        None => i.title.clone(),
                    };
                    match &i.change {
                        Some(ch) if i.measure == "mean" => format!("{title}：{:.2} → {:.2} 分（{}）", ch.old, ch.new, verdict(ch)),
                        Some(ch) => format!("{title}：{} → {}（{}）", pct_text(ch.old), pct_text(ch.new), verdict(ch)),
                        None => format!("{title}：本轮无可比数据"),
                    }
                })
                .collect();
            vec![t.title.clone(), format!("“{}”：{concern}", t.label), if items.is_empty() { "—".to_string() } else { items.join("；") }]
        })
        .collect()
}

/// The section (and the comparison brief's body).
pub(crate) fn section(c: &Comparison, charts: &ChartSizes) -> CompareSection {
    let ConcernTables { tables: concerns, note: concerns_note, new: new_concerns, gone: gone_concerns } = concern_tables(c, charts);
    let (closed, closed_note, closed_figure) = closed_changes(c, charts);
    let (groups, groups_note) = group_changes(c);
    let (new_measures, kept_measures) = measure_lists(c);
    let unmatched = c
        .unmatched
        .iter()
        .map(|u| format!("{}（{}，{}）", u.title, u.population, if u.wave == "old" { "仅上一轮" } else { "仅本轮" }))
        .collect();
    let date = |p: &str| p.split('—').map(super::date_cn).collect::<Vec<_>>().join("至");
    let waves = [("上一轮", &c.old, &c.old_period), ("本轮", &c.new, &c.new_period)]
        .iter()
        .map(|(w, name, period)| if period.is_empty() { format!("{w}：{name}") } else { format!("{w}：{name}（{}）", date(period)) })
        .collect();
    let method = format!(
        "方法：比例之差的 95% 置信区间用 Newcombe 方法，检验用两比例 z 检验（期望频数小于 5 时用 Fisher 精确检验）；整道题的分布用卡方检验，均分用 Welch t 检验，推荐度（NPS）用 z 检验；全部 {} 项检验一并做 Benjamini–Hochberg 校正（错误发现率 {:.0}%），校正后仍显著的 {} 项称为“确有变化”；两轮任一轮不足 30 人的分组不作检验。",
        c.tests,
        c.fdr * 100.0,
        c.significant
    );
    CompareSection {
        old: c.old.clone(),
        new: c.new.clone(),
        waves,
        intro: intro(c),
        any_change: c.significant > 0,
        digest: digest(c),
        concerns,
        concerns_note,
        new_concerns,
        gone_concerns,
        new_measures,
        kept_measures,
        closed,
        closed_note,
        closed_figure,
        groups,
        groups_note,
        tracking: tracking_rows(c),
        unmatched,
        method,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ConcernSeen, PartChange};

    fn change(old: f64, new: f64, significant: bool) -> Change {
        Change { old, new, diff: new - old, ci_low: new - old - 2.0, ci_high: new - old + 2.0, p: 0.001, q: 0.01, significant }
    }

    fn concern(question: &str, label: &str, share: Change, groups: Vec<(&str, Change)>) -> ConcernChange {
        ConcernChange {
            old_question: question.into(),
            new_question: question.into(),
            title: "存在哪些问题".into(),
            old_key: "k1".into(),
            new_key: "k1".into(),
            old_label: label.into(),
            label: label.into(),
            department: String::new(),
            similarity: 1.0,
            configured: false,
            asks_suggestions: false,
            share,
            old_ci: [0.0, 0.0],
            new_ci: [0.0, 0.0],
            by_population: Vec::new(),
            by_group: groups
                .into_iter()
                .map(|(g, change)| PartChange { population: "市民".into(), dimension: "居住的区".into(), group: g.into(), change })
                .collect(),
        }
    }

    /// The digest names the significant changes, largest first, in plain words with the
    /// numbers written out; a change within sampling noise and a "其他" text are not named.
    #[test]
    fn digest_says_what_changed_and_nothing_else() {
        let c = Comparison {
            old: "2024年".into(),
            new: "2025年".into(),
            concerns: vec![
                concern(
                    "q11",
                    "工厂排放异味",
                    change(25.5, 18.7, true),
                    vec![("北山区", change(51.0, 12.0, true)), ("东湖区", change(20.0, 19.0, false))],
                ),
                concern("q11", "噪声扰民", change(23.4, 25.3, false), vec![]),
                concern("q9#other", "夜市油烟", change(4.2, 52.6, true), vec![]),
            ],
            new_concerns: vec![ConcernSeen {
                question: "q11".into(),
                key: "k7".into(),
                label: "餐饮油烟扰民".into(),
                respondents: 461,
                share: 14.6,
            }],
            ..Default::default()
        };
        assert_eq!(
            digest(&c),
            vec![
                "新出现、上一轮没有的：“餐饮油烟扰民”（461 人，占 14.6%）。".to_string(),
                "北山区（市民）：反映“工厂排放异味”的比例由 51.0% 降至 12.0%（下降 39.0 个百分点）；全体市民由 25.5% 降至 18.7%（下降 6.8 个百分点）。"
                    .to_string(),
            ]
        );
        assert_eq!((signed(-6.8, 1), signed(0.04, 1), range(-9.04, -4.6, 1)), ("-6.8".into(), "0.0".into(), "-9.0～-4.6".into()));
        assert_eq!(signed(f64::NAN, 1), "—");
        // The difference is the one a reader gets from the two numbers shown.
        assert_eq!(change(25.14, 17.06, true).shown_diff(), 17.1 - 25.1);
    }
}
