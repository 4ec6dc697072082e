//! How the brief says things, shared by its sections, the card and the drafts: numbers
//! and dates in words, a question's title inside a sentence, a scale's favourable answers,
//! a group contrast, the cells of a cross-tab that stand out, a measure as a proposal item.
//! A leaf of the brief stage: it imports only the model and the utilities, so that the
//! content's sections and the drafts use it without importing one another.

use crate::model::{ConcernOut, Crosstab, GroupShare, OptionStat, Stats};

/// `44.1%` (one decimal, as everywhere in the brief).
pub(crate) fn pct_text(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.1}%")
    } else {
        "—".into()
    }
}

/// A title without its closing question mark, for use inside a sentence or before "：".
pub(crate) fn plain(t: &str) -> &str {
    t.trim().trim_end_matches(['？', '?', '。', '：', ':'])
}

/// `2024-03-01` → `2024年3月1日`
pub(crate) fn date_cn(d: &str) -> String {
    let parts: Vec<&str> = d.split('-').collect();
    match parts.as_slice() {
        [y, m, day] => format!("{y}年{}月{}日", m.trim_start_matches('0'), day.trim_start_matches('0')),
        _ => d.to_string(),
    }
}

/// `2024年5月6日至2024年5月13日`: from the first to the last response of all populations.
pub(crate) fn period(stats: &Stats) -> Option<String> {
    let first = stats.populations.iter().filter_map(|p| p.first_response.as_deref()).min();
    let last = stats.populations.iter().filter_map(|p| p.last_response.as_deref()).max();
    match (first, last) {
        (Some(a), Some(b)) if a == b => Some(date_cn(a)),
        (Some(a), Some(b)) => Some(format!("{}至{}", date_cn(a), date_cn(b))),
        _ => None,
    }
}

/// "所在区" from "您所在的区（县）？": a grouping question as a short noun for "按……看".
pub(crate) fn dimension_word(title: &str) -> String {
    let t = plain(title);
    let t = t.strip_prefix("您的").or_else(|| t.strip_prefix("您")).unwrap_or(t);
    let t = t.replace("所在的", "所在");
    let t = t.split(['（', '(']).next().unwrap_or(&t).trim().to_string();
    if t.chars().count() <= 8 {
        format!("“{t}”")
    } else {
        format!("“{}”", plain(title))
    }
}

/// The labels counted as a favourable answer (the two highest scores), said as
/// "“满意”或“非常满意”" rather than by their place on the scale.
pub(crate) fn favourable(options: &[OptionStat]) -> Option<String> {
    let (_, hi) = crate::model::scale_bounds(options.iter().filter_map(|o| o.score));
    let labels: Vec<String> =
        options.iter().filter(|o| o.score.is_some_and(|s| crate::model::favourable(s, hi))).map(|o| format!("“{}”", o.label)).collect();
    match labels.as_slice() {
        [] => None,
        [one] => Some(one.clone()),
        [init @ .., last] => Some(format!("{}或{last}", init.join("、"))),
    }
}

/// What a satisfaction question asks about, as a noun phrase: "您对本市生态环境的总体满意度"
/// → 本市生态环境; none when the title does not have that shape.
pub(crate) fn satisfaction_object(title: &str) -> Option<String> {
    let t = plain(title).trim();
    let t = t.strip_prefix("您对").or_else(|| t.strip_prefix("你对")).or_else(|| t.strip_prefix("对"))?;
    let t = t.split(['（', '(']).next().unwrap_or(t);
    let x = crate::util::words::words().brief.satisfaction_title_suffixes.iter().find_map(|s| t.strip_suffix(s))?;
    (!x.is_empty() && x.chars().count() <= 20).then(|| x.to_string())
}

/// Within one grouping question, the group raising a concern most and the one raising
/// it least, when their 95% intervals do not overlap (groups of fewer than 30 answers
/// left out); the widest gaps first.
pub(crate) fn group_contrasts(c: &ConcernOut) -> Vec<(&GroupShare, &GroupShare)> {
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

/// "按“居住的区”看，滨海新区最高（50.9%），南江区最低（22.4%）"
pub(crate) fn contrast_phrase(hi: &GroupShare, lo: &GroupShare) -> String {
    format!(
        "按{}看，{}最高（{}），{}最低（{}）",
        dimension_word(&hi.dimension_title),
        hi.group,
        pct_text(hi.share.share),
        lo.group,
        pct_text(lo.share.share)
    )
}

/// The cells of a cross-tab that stand out most (adjusted residuals beyond ±1.96), said
/// against the share of all: "“东区”中选择“满意”的占 75.0%，高于全体的 50.0%".
pub(crate) fn standouts(c: &Crosstab) -> (Option<String>, Option<String>) {
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
    let say = |(_, i, j): (f64, usize, usize), dir: &str| {
        format!("“{}”中选择“{}”的占 {}，{dir}全体的 {}", c.col_labels[j], c.row_labels[i], pct_text(pcts[i][j]), pct_text(overall(i)))
    };
    (hi.map(|x| say(x, "高于")), lo.map(|x| say(x, "低于")))
}

/// Whether an item opens as a proposal: with an action, or (`[brief] item_openings`) a
/// preposition that leads to its verb ("对渣土车密闭运输加强执法") or a verb of public services.
fn opens_item(t: &str) -> bool {
    crate::util::words::opens_with_action(t) || crate::util::words::words().brief.item_openings.iter().any(|v| t.starts_with(v))
}

/// A measure as a proposal item, verb first: "化工企业逐步搬离居民区" → "推动化工企业逐步搬离居民区".
pub(crate) fn actionable(t: &str) -> String {
    // A wish word or adverb is dropped only whole and only when an action follows it:
    // "要完善……" → "完善……", but "要求企业……" and "能源结构调整" stay whole.
    let m = &crate::util::words::words().measures;
    let wish = || m.wishes.iter().chain(m.wish_adverbs);
    let mut t = t;
    while let Some(rest) = wish().find_map(|w| t.strip_prefix(w).filter(|r| opens_item(r) || wish().any(|x| r.starts_with(x)))) {
        t = rest;
    }
    if opens_item(t) {
        t.to_string()
    } else {
        format!("推动{t}")
    }
}
