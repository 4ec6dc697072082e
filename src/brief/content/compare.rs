//! The comparison of two waves in words and tables: the section 与上一轮调查比较 of a
//! brief run with `--compare-with`, and the body of `comparison.pdf` (`minyi compare`).
//! Only changes that stay significant after the correction over all tests are called
//! changes; the rest are said to be within sampling noise.

use super::{chart, pct_text, ChartSizes, Figure};
use crate::model::{Change, ChartId, Comparison, ConcernChange, QuestionChange};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct CompareSection {
    pub old: String,
    pub new: String,
    /// What was compared and how a change is judged, in plain words.
    pub intro: Vec<String>,
    /// The largest significant changes (3–5), one sentence each.
    pub digest: Vec<String>,
    /// Concern changes: one table per open question.
    pub concerns: Vec<WavesTable>,
    pub new_concerns: Vec<String>,
    pub gone_concerns: Vec<String>,
    /// Closed questions: every significant change (rows: 群体, 题目, 选项或指标, 上一轮, 本轮, 变化, 95% 置信区间).
    pub closed: Vec<Vec<String>>,
    pub closed_note: String,
    /// The largest significant changes within groups (district …).
    pub groups: Vec<Vec<String>>,
    pub groups_note: String,
    /// Measures proposed now that were not listed then (the most proposed first), and those
    /// proposed in both waves: `“…”（上一轮 N 人，本轮 M 人）`.
    pub new_measures: Vec<String>,
    pub kept_measures: Vec<String>,
    /// One row per draft of the earlier report (后评估).
    pub tracking: Vec<Vec<String>>,
    /// Questions asked in one wave only.
    pub unmatched: Vec<String>,
    pub closed_figure: Option<Figure>,
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

/// `+6.8` / `-6.8` (percentage points or score points; the embedded font has no U+2212).
fn signed(d: f64, digits: usize) -> String {
    let s = format!("{:.*}", digits, d.abs());
    if s.chars().all(|c| c == '0' || c == '.') {
        s
    } else if d > 0.0 {
        format!("+{s}")
    } else {
        format!("-{s}")
    }
}

/// `4.6～9.0`
fn range(lo: f64, hi: f64, digits: usize) -> String {
    format!("{}～{}", signed(lo, digits), signed(hi, digits))
}

fn verdict(c: &Change) -> &'static str {
    match (c.significant, c.diff > 0.0) {
        (false, _) => "无明显变化",
        (true, true) => "显著上升",
        (true, false) => "显著下降",
    }
}

/// "由 25.5% 降至 18.7%（下降 6.8 个百分点）"
fn share_words(c: &Change) -> String {
    let dir = if c.diff > 0.0 { "升至" } else { "降至" };
    let by = if c.diff > 0.0 { "上升" } else { "下降" };
    format!("由 {} {dir} {}（{by} {:.1} 个百分点）", pct_text(c.old), pct_text(c.new), c.diff.abs())
}

/// "由 3.12 分升至 3.73 分（提高 0.61 分）"
fn mean_words(c: &Change) -> String {
    let dir = if c.diff > 0.0 { "升至" } else { "降至" };
    let by = if c.diff > 0.0 { "提高" } else { "降低" };
    format!("由 {:.2} 分{dir} {:.2} 分（{by} {:.2} 分）", c.old, c.new, c.diff.abs())
}

fn item_name(q: &QuestionChange) -> String {
    match &q.row {
        Some(r) => format!("“{}”中的“{r}”", q.title),
        None => format!("“{}”", q.title),
    }
}

/// The group of a concern that changed most, in the same direction as the whole.
fn strongest_group(k: &ConcernChange) -> Option<String> {
    let same_way = |d: f64| k.share.significant.then_some(d * k.share.diff > 0.0).unwrap_or(true);
    k.by_group
        .iter()
        .filter(|g| g.change.significant && same_way(g.change.diff))
        .max_by(|a, b| a.change.diff.abs().total_cmp(&b.change.diff.abs()))
        .map(|g| format!("{}{}{}", g.population, g.group, share_words(&g.change)))
}

/// The 3–5 largest significant changes, in plain words, largest first. A change of a
/// whole population weighs more than one within a group (groups are small, and their
/// changes large by chance more often); texts typed after "其他" are left out.
pub(crate) fn digest(c: &Comparison) -> Vec<String> {
    let mut found: Vec<(f64, String)> = Vec::new();
    for k in c.concerns.iter().filter(|k| !k.new_question.contains('#')) {
        if k.share.significant {
            let mut s = format!("反映“{}”的比例{}", k.label, share_words(&k.share));
            if let Some(g) = strongest_group(k) {
                s.push_str(&format!("，其中{g}"));
            }
            found.push((2.0 * k.share.diff.abs(), s + "。"));
        } else if let Some(g) = strongest_group(k) {
            let largest = k.by_group.iter().filter(|g| g.change.significant).map(|g| g.change.diff.abs()).fold(0.0, f64::max);
            found.push((largest / 3.0, format!("反映“{}”的比例总体变化不明显，但{g}。", k.label)));
        }
    }
    for x in c.new_concerns.iter().filter(|x| !x.question.contains('#') && x.share >= 5.0) {
        found.push((
            x.share,
            format!("新出现的问题：“{}”，本轮 {} 的回答者提到（{} 人），上一轮没有这一类。", x.label, pct_text(x.share), x.respondents),
        ));
    }
    for q in &c.questions {
        let Some(o) = q.options.iter().filter(|o| o.change.significant).max_by(|a, b| a.change.diff.abs().total_cmp(&b.change.diff.abs()))
        else {
            continue;
        };
        let s = match q.mean.as_ref().filter(|m| m.significant) {
            Some(m) => {
                format!("{}对{}的评价均分{}，选“{}”的比例{}。", q.population, item_name(q), mean_words(m), o.label, share_words(&o.change))
            }
            None => format!("{}在{}中选“{}”的比例{}。", q.population, item_name(q), o.label, share_words(&o.change)),
        };
        found.push((o.change.diff.abs(), s));
    }
    found.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    found.into_iter().take(5).map(|x| x.1).collect()
}

/// The section (and the comparison brief's body).
pub(crate) fn section(c: &Comparison, charts: &ChartSizes) -> CompareSection {
    let matched_items = c.questions.len();
    let mut intro = vec![format!(
        "本部分把本轮调查（{}）与上一轮（{}）逐项比较：两轮都有的调查群体为{}，两轮都问到的封闭题（矩阵题按行计）{} 项、两轮都归纳出的问题 {} 类；共比较 {} 处比例或均分，其中 {} 处有可以确认的变化。",
        c.new,
        c.old,
        if c.populations.is_empty() { "（无）".to_string() } else { c.populations.join("、") },
        matched_items,
        c.concerns.len(),
        c.tests,
        c.significant
    )];
    intro.push(
        "两轮都是抽样调查，比例相差一两个百分点往往只是抽样波动。本部分只把经过检验、在考虑了比较次数之后仍然成立的差异称为“变化”；表中其余差异不应解读为好转或变差。"
            .to_string(),
    );
    intro.push(if c.same_concerns {
        "本轮开放题的回答按上一轮归纳出的问题分类归类（以上一轮的回答为参照），两轮的提及比例按同一口径计算，可以直接比较；不属于上一轮任何一类的回答另行归纳，列为新出现的问题。".to_string()
    } else {
        "两轮开放题的问题分类是各自归纳后再按名称、关键词和主管部门对应的，比例变化中可能含有归类口径的差异；用 minyi run 分析本轮时加 --compare-with 上一轮报告文件夹，两轮即按同一分类比较。".to_string()
    });

    let mut concerns: Vec<WavesTable> = Vec::new();
    for k in &c.concerns {
        if !concerns.iter().any(|t| t.title == k.title) {
            let figure = chart(charts, ChartId::WavesConcerns { question: k.new_question.clone() }, format!("两轮比较：{}", k.title));
            concerns.push(WavesTable { title: k.title.clone(), figure, rows: Vec::new() });
        }
        let t = concerns.iter_mut().find(|t| t.title == k.title).expect("just added");
        let mut label =
            if k.old_label == k.label { k.label.clone() } else { format!("{}（上一轮称“{}”）", k.label, k.old_label) };
        if k.configured {
            label.push_str("（按配置对应）");
        }
        t.rows.push(vec![
            label,
            pct_text(k.share.old),
            pct_text(k.share.new),
            signed(k.share.diff, 1),
            range(k.share.ci_low, k.share.ci_high, 1),
            verdict(&k.share).to_string(),
        ]);
    }
    let title_of = |q: &str| c.concerns.iter().find(|k| k.new_question == q || k.old_question == q).map(|k| k.title.clone());
    let seen = |x: &crate::model::ConcernSeen| {
        let t = title_of(&x.question).map(|t| format!("（{t}）")).unwrap_or_default();
        format!("“{}”{t}：{} 人，占 {}", x.label, x.respondents, pct_text(x.share))
    };
    let new_concerns = c.new_concerns.iter().map(seen).collect();
    let gone_concerns = c.gone_concerns.iter().map(seen).collect();

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
                signed(o.change.diff, 1),
                range(o.change.ci_low, o.change.ci_high, 1),
            ]);
        }
    }
    let unchanged = c.questions.iter().filter(|q| !q.options.iter().any(|o| o.change.significant)).count();
    let closed_note = format!(
        "比例单位为 %，均分为各选项分值的平均；“变化”一列为本轮减上一轮（比例为百分点），区间为变化的 95% 置信区间。其余 {unchanged} 项的各选项比例两轮之间没有可以确认的变化（逐项数字见 tables.xlsx 的“比较”表）。"
    );

    let mut groups: Vec<(f64, Vec<String>)> = Vec::new();
    for k in &c.concerns {
        for g in k.by_group.iter().filter(|g| g.change.significant) {
            groups.push((
                g.change.diff.abs(),
                vec![
                    g.population.clone(),
                    g.group.clone(),
                    format!("反映“{}”", k.label),
                    pct_text(g.change.old),
                    pct_text(g.change.new),
                    signed(g.change.diff, 1),
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
                    q.population.clone(),
                    g.group.clone(),
                    format!("{item}——{}", g.option),
                    pct_text(g.change.old),
                    pct_text(g.change.new),
                    signed(g.change.diff, 1),
                ],
            ));
        }
    }
    groups.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let all_groups = groups.len();
    groups.truncate(15);
    let groups_note = if all_groups > groups.len() {
        format!("按变化大小列出前 {} 处，共 {all_groups} 处（全部见 tables.xlsx 的“比较”表）。", groups.len())
    } else {
        "分组内的比较只在两轮都有该分组时进行。".to_string()
    };

    let mut fresh: Vec<&crate::model::MeasureSeen> = c.measures.iter().filter(|m| m.old_respondents.is_none()).collect();
    fresh.sort_by_key(|m| (std::cmp::Reverse(m.new_respondents.unwrap_or(0)), m.text.clone()));
    let new_measures = fresh.iter().take(8).map(|m| format!("“{}”（{} 人）", m.text, m.new_respondents.unwrap_or(0))).collect();
    let mut both: Vec<&crate::model::MeasureSeen> =
        c.measures.iter().filter(|m| m.old_respondents.is_some() && m.new_respondents.is_some()).collect();
    both.sort_by_key(|m| (std::cmp::Reverse(m.new_respondents.unwrap_or(0)), m.text.clone()));
    let kept_measures = both
        .iter()
        .take(8)
        .map(|m| format!("“{}”（上一轮 {} 人，本轮 {} 人）", m.text, m.old_respondents.unwrap_or(0), m.new_respondents.unwrap_or(0)))
        .collect();
    let tracking = c
        .tracking
        .iter()
        .map(|t| {
            let concern = match &t.concern {
                Some(k) => {
                    let mut s = format!("{} → {}（{}）", pct_text(k.old), pct_text(k.new), verdict(k));
                    // Where it changed most within a group, when that is a change.
                    if let Some(g) = c.concerns.iter().find(|x| x.old_label == t.label).and_then(strongest_group) {
                        s.push_str(&format!("，其中{g}"));
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
                    (title, i)
                })
                .map(|(title, i)| match &i.change {
                    Some(ch) if i.measure == "mean" => format!("{title}：{:.2} → {:.2} 分（{}）", ch.old, ch.new, verdict(ch)),
                    Some(ch) => format!("{title}：{} → {}（{}）", pct_text(ch.old), pct_text(ch.new), verdict(ch)),
                    None => format!("{title}：本轮未问"),
                })
                .collect();
            vec![t.title.clone(), format!("“{}”：{concern}", t.label), if items.is_empty() { "—".to_string() } else { items.join("；") }]
        })
        .collect();

    let unmatched = c
        .unmatched
        .iter()
        .map(|u| format!("{}（{}，{}）", u.title, u.population, if u.wave == "old" { "仅上一轮" } else { "仅本轮" }))
        .collect();

    let closed_figure = c
        .questions
        .iter()
        .any(|q| q.options.iter().any(|o| o.change.significant))
        .then(|| chart(charts, ChartId::WavesClosed, "两轮比较：封闭题中变化显著的选项".to_string()))
        .flatten();
    let method = format!(
        "方法：比例之差的 95% 置信区间用 Newcombe 方法，检验用两比例 z 检验；整道题的分布用卡方检验，均分用 Welch t 检验，推荐度（NPS）用 z 检验；全部 {} 项检验一并做 Benjamini–Hochberg 校正（错误发现率 {:.0}%），校正后仍显著的 {} 项称为变化。",
        c.tests,
        c.fdr * 100.0,
        c.significant
    );
    CompareSection {
        old: c.old.clone(),
        new: c.new.clone(),
        intro,
        digest: digest(c),
        concerns,
        new_concerns,
        gone_concerns,
        closed,
        closed_note,
        groups: groups.into_iter().map(|x| x.1).collect(),
        groups_note,
        new_measures,
        kept_measures,
        tracking,
        unmatched,
        closed_figure,
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
                "新出现的问题：“餐饮油烟扰民”，本轮 14.6% 的回答者提到（461 人），上一轮没有这一类。".to_string(),
                "反映“工厂排放异味”的比例由 25.5% 降至 18.7%（下降 6.8 个百分点），其中市民北山区由 51.0% 降至 12.0%（下降 39.0 个百分点）。"
                    .to_string(),
            ]
        );
        assert_eq!((signed(-6.8, 1), signed(0.04, 1), range(-9.04, -4.6, 1)), ("-6.8".into(), "0.0".into(), "-9.0～-4.6".into()));
    }
}
