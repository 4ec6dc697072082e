//! Comparing two waves of a survey (`minyi compare OLD NEW`): the reports of both runs are
//! the input (their `results.json`; the exports are not read again). Populations are
//! matched by name, closed questions by title (normalized: numbering, spaces and
//! punctuation do not count; a reworded title is matched when close enough and shown as
//! such), options by label. Every option's share, every distribution, mean and net
//! promoter score is compared, with its 95% interval and test; a change is called a change
//! when it stays significant after a Benjamini–Hochberg correction over all tests of the
//! comparison (docs/compare.md).

use crate::model::{
    CompareConfig, Comparison, Crosstab, DistributionTest, GroupOptionChange, ItemRef, Kind, OptionChange, OptionStat, QuestionChange,
    Results, Role, TrackedItem, Tracking, Unmatched, COMPARE_FDR,
};
mod change;
mod concerns;

use crate::util::similar::normalized_title as normalized;
use crate::util::{math, similar};
use change::{correct, group_change, nps_change, pending};

/// Titles at least this similar (Jaccard of their character bigrams) are the same
/// question reworded.
const REWORDED: f64 = 0.7;

/// One closed question (or matrix row) of one wave, as results.json has it.
struct Item<'a> {
    id: &'a str,
    row: Option<&'a str>,
    title: &'a str,
    kind: Kind,
    n: u64,
    /// (label, count, score)
    options: Vec<(&'a str, u64, Option<f64>)>,
    /// Mean, standard deviation and the number they are over (a scale's scored answers).
    mean_sd: Option<(f64, f64, u64)>,
    /// (promoters %, detractors %)
    nps: Option<(f64, f64)>,
}

/// A number that is there (results.json writes a missing one as null; in memory it may
/// be NaN).
fn finite(v: Option<f64>) -> Option<f64> {
    v.filter(|x| x.is_finite())
}

fn items<'a>(results: &'a Results, population: &str) -> Vec<Item<'a>> {
    let options = |o: &'a [OptionStat]| -> Vec<(&'a str, u64, Option<f64>)> {
        o.iter().map(|o| (o.label.as_str(), o.count, finite(o.score))).collect()
    };
    // The scale's mean and sd over its scored answers (math::scored_moments, as the
    // stats stage computes them), with the number they are over.
    let scored = |o: &[(&str, u64, Option<f64>)]| {
        math::scored_moments(o.iter().filter_map(|&(_, c, s)| s.map(|s| (s, c)))).and_then(|m| m.sd.map(|sd| (m.mean, sd, m.n)))
    };
    let mut out = Vec::new();
    for q in results.questions.iter().filter(|q| q.population == population && q.role == Role::Answer) {
        let (id, title) = (q.id.as_str(), q.title.as_str());
        match q.kind {
            Kind::Single | Kind::Multi | Kind::Likert | Kind::Rating | Kind::Numeric => {
                let opts = if q.kind == Kind::Numeric { Vec::new() } else { options(&q.options) };
                out.push(Item {
                    id,
                    row: None,
                    title,
                    kind: q.kind,
                    n: q.n_valid,
                    mean_sd: match q.kind {
                        Kind::Numeric => finite(q.mean).zip(finite(q.sd)).map(|(m, s)| (m, s, q.n_valid)),
                        Kind::Likert | Kind::Rating => scored(&opts),
                        _ => None,
                    },
                    options: opts,
                    nps: finite(q.promoters).zip(finite(q.detractors)),
                })
            }
            Kind::Matrix => {
                for r in &q.rows {
                    let options = options(&r.options);
                    out.push(Item {
                        id,
                        row: Some(r.label.as_str()),
                        title,
                        kind: Kind::Matrix,
                        n: r.n_valid,
                        mean_sd: scored(&options),
                        options,
                        nps: None,
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// An option label as compared: full-width forms folded, spaces trimmed.
fn label_key(label: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    label.nfkc().collect::<String>().trim().to_string()
}

fn key(i: &Item) -> String {
    format!("{}\u{1}{}", normalized(i.title), i.row.map(normalized).unwrap_or_default())
}

/// Compare the results of an earlier wave (`old`) with a later one (`new`); `pairs` are
/// the questions and concerns paired by hand (`[compare]`), matched before the rest.
pub fn compare(old_name: &str, old: &Results, new_name: &str, new: &Results, config_pairs: &CompareConfig) -> Comparison {
    let names = |r: &Results| -> Vec<String> { r.populations.iter().map(|p| p.name.clone()).collect() };
    let (po, pn) = (names(old), names(new));
    // When each wave was surveyed: its first to its last response.
    let period = |r: &Results| -> String {
        let first = r.populations.iter().filter_map(|p| p.first_response.clone()).min();
        let last = r.populations.iter().filter_map(|p| p.last_response.clone()).max();
        match (first, last) {
            (Some(a), Some(b)) if a == b => a,
            (Some(a), Some(b)) => format!("{a}—{b}"),
            _ => String::new(),
        }
    };
    let mut c = Comparison {
        old: old_name.to_string(),
        new: new_name.to_string(),
        populations: po.iter().filter(|p| pn.contains(p)).cloned().collect(),
        only_old: po.iter().filter(|p| !pn.contains(p)).cloned().collect(),
        only_new: pn.iter().filter(|p| !po.contains(p)).cloned().collect(),
        old_period: period(old),
        new_period: period(new),
        fdr: COMPARE_FDR,
        ..Default::default()
    };
    for p in config_pairs.questions.iter().filter(|p| !c.populations.contains(&p.population)) {
        c.warnings.push(format!("[compare] 中的群体“{}”不是两轮都有的调查群体，题目 {} 的对应未采用", p.population, p.old));
    }
    for pop in c.populations.clone() {
        let (a, b) = (items(old, &pop), items(new, &pop));
        let mut used = vec![false; b.len()];
        let mut pairs: Vec<(usize, usize, bool)> = Vec::new();
        // Paired by hand first (rows of a matrix by their label); `new = ""` keeps the
        // earlier question out.
        let mut kept_out = vec![false; a.len()];
        let mut by_hand: Vec<(usize, usize)> = Vec::new();
        for p in config_pairs.questions.iter().filter(|p| p.population == pop) {
            let olds: Vec<usize> =
                (0..a.len()).filter(|&i| a[i].id == p.old.trim() && !kept_out[i] && !by_hand.iter().any(|h| h.0 == i)).collect();
            if olds.is_empty() {
                c.warnings.push(format!(
                    "[compare] 中【{pop}】上一轮的选择题 {} 不存在（或已对应；填写题的类别请用 [[compare.concern]]），这一对应未采用",
                    p.old
                ));
                continue;
            }
            if p.new.trim().is_empty() {
                olds.iter().for_each(|&i| kept_out[i] = true);
                continue;
            }
            let mut found = false;
            for &i in &olds {
                let row = a[i].row.map(normalized);
                if let Some(j) = (0..b.len()).find(|&j| !used[j] && b[j].id == p.new.trim() && b[j].row.map(normalized) == row) {
                    used[j] = true;
                    by_hand.push((i, j));
                    found = true;
                }
            }
            if !found {
                c.warnings.push(format!("[compare] 中【{pop}】本轮的题目 {} 不存在或与 {} 无法逐行对应，这一对应未采用", p.new, p.old));
            }
        }
        let taken =
            |i: usize, pairs: &[(usize, usize, bool)]| kept_out[i] || by_hand.iter().any(|p| p.0 == i) || pairs.iter().any(|p| p.0 == i);
        // The same title first, then the closest reworded one of the same kind.
        for (i, x) in a.iter().enumerate().filter(|(i, _)| !kept_out[*i] && !by_hand.iter().any(|p| p.0 == *i)) {
            if let Some(j) = (0..b.len()).find(|&j| !used[j] && key(&b[j]) == key(x) && b[j].kind == x.kind) {
                used[j] = true;
                pairs.push((i, j, false));
            }
        }
        // Reworded: the same kind and row, at least half of the options shared, the
        // closest titles first.
        let mut close: Vec<(usize, usize, f64)> = Vec::new();
        for (i, x) in a.iter().enumerate().filter(|(i, _)| !taken(*i, &pairs)) {
            for j in (0..b.len()).filter(|&j| !used[j] && b[j].kind == x.kind && b[j].row.map(normalized) == x.row.map(normalized)) {
                let shared = x.options.iter().filter(|o| b[j].options.iter().any(|p| label_key(p.0) == label_key(o.0))).count();
                if shared * 2 < x.options.len().max(b[j].options.len()) {
                    continue;
                }
                let sim = similar::text_jaccard(&normalized(x.title), &normalized(b[j].title));
                if sim >= REWORDED {
                    close.push((i, j, sim));
                }
            }
        }
        close.sort_by(|p, q| q.2.total_cmp(&p.2).then(p.0.cmp(&q.0)).then(p.1.cmp(&q.1)));
        for (i, j, _) in close {
            if !used[j] && !pairs.iter().any(|p| p.0 == i) {
                used[j] = true;
                pairs.push((i, j, true));
            }
        }
        for x in a.iter().enumerate().filter(|(i, _)| !taken(*i, &pairs) || kept_out[*i]).map(|(_, x)| x) {
            c.unmatched.push(Unmatched { population: pop.clone(), wave: "old", id: x.id.to_string(), title: title_of(x) });
        }
        for (j, y) in b.iter().enumerate().filter(|(j, _)| !used[*j]) {
            let _ = j;
            c.unmatched.push(Unmatched { population: pop.clone(), wave: "new", id: y.id.to_string(), title: title_of(y) });
        }
        let mut pairs: Vec<(usize, usize, bool, bool)> = pairs
            .into_iter()
            .map(|(i, j, r)| (i, j, r, false))
            .chain(by_hand.iter().map(|&(i, j)| (i, j, key(&a[i]) != key(&b[j]), true)))
            .collect();
        pairs.sort_by_key(|p| p.1);
        for (i, j, reworded, configured) in pairs {
            let mut q = change(&pop, &a[i], &b[j], reworded);
            q.configured = configured;
            q.by_group = by_group(old, new, &pop, &a[i], &b[j]);
            c.questions.push(q);
        }
    }
    c.unmatched.dedup_by(|x, y| x.population == y.population && x.wave == y.wave && x.id == y.id && x.title == y.title);
    concerns::concerns(old, new, config_pairs, &mut c);
    correct(&mut c);
    track(old, &mut c);
    c
}

/// Each draft of the earlier report (its `drafts` in results.json): its concern's share
/// then → now and its closed items then → now, as the comparison found them.
fn track(old: &Results, c: &mut Comparison) {
    for d in old.drafts.iter() {
        let concern = c.concerns.iter().find(|k| k.old_question == d.question && k.old_key == d.key).map(|k| k.share.clone());
        let items = d
            .items
            .iter()
            .map(|item| {
                let q = c.questions.iter().find(|q| {
                    q.population == item.population
                        && q.old_id == item.question
                        && q.row.as_deref().map(normalized) == item.row.as_deref().map(normalized)
                });
                let (measure, change) = match (&item.option, q) {
                    (Some(o), Some(q)) => ("share", q.options.iter().find(|x| &x.label == o).map(|x| x.change.clone())),
                    (None, Some(q)) => ("mean", q.mean.clone()),
                    (o, None) => (if o.is_some() { "share" } else { "mean" }, None),
                };
                let title = q.map_or_else(String::new, |q| match &q.row {
                    Some(r) => format!("{}：{r}", q.title),
                    None => q.title.clone(),
                });
                TrackedItem { item: ItemRef::clone(item), title, measure, change }
            })
            .collect();
        c.tracking.push(Tracking {
            stem: d.stem.clone(),
            title: d.title.clone(),
            question: d.question.clone(),
            key: d.key.clone(),
            label: d.label.clone(),
            concern,
            items,
        });
    }
}

fn title_of(i: &Item) -> String {
    match i.row {
        Some(r) => format!("{}：{r}", i.title),
        None => i.title.to_string(),
    }
}

/// The changes of one question matched across the waves (tests not yet corrected).
fn change(pop: &str, a: &Item, b: &Item, reworded: bool) -> QuestionChange {
    let mut labels: Vec<&str> = b.options.iter().map(|o| o.0).collect();
    for o in &a.options {
        if !labels.iter().any(|l| label_key(l) == label_key(o.0)) {
            labels.push(o.0);
        }
    }
    let offered = |i: &Item, l: &str| i.options.iter().any(|o| label_key(o.0) == label_key(l));
    let count = |i: &Item, l: &str| i.options.iter().find(|o| label_key(o.0) == label_key(l)).map_or(0, |o| o.1);
    let options: Vec<OptionChange> = labels
        .iter()
        .map(|&l| {
            let (x1, x2) = (count(a, l), count(b, l));
            let (d, lo, hi) = math::newcombe(x2, b.n, x1, a.n);
            let (p1, p2) = (math::pct(x1, a.n), math::pct(x2, b.n));
            OptionChange {
                label: l.to_string(),
                old_count: x1,
                new_count: x2,
                // An option offered in one wave only is listed, not tested: its 0 in the
                // other wave says the questionnaire changed, not the answers.
                change: if offered(a, l) && offered(b, l) {
                    pending(p1, p2, d * 100.0, lo * 100.0, hi * 100.0, math::two_proportions_p(x2, b.n, x1, a.n))
                } else {
                    pending(p1, p2, d * 100.0, f64::NAN, f64::NAN, f64::NAN)
                },
            }
        })
        .collect();
    let distribution = (a.kind != Kind::Multi && options.len() >= 2)
        .then(|| {
            // Over the options offered in both waves.
            let both: Vec<&OptionChange> = options.iter().filter(|o| o.change.p.is_finite()).collect();
            let table: Vec<Vec<u64>> = vec![both.iter().map(|o| o.old_count).collect(), both.iter().map(|o| o.new_count).collect()];
            math::chi_square(&table).map(|t| DistributionTest { chi2: t.chi2, df: t.df, p: t.p_value, q: f64::NAN, significant: false })
        })
        .flatten();
    let mean = a
        .mean_sd
        .zip(b.mean_sd)
        .and_then(|((m1, s1, n1), (m2, s2, n2))| math::welch(m2, s2, n2, m1, s1, n1).map(|w| pending(m1, m2, w.diff, w.lo, w.hi, w.p)));
    let nps = a.nps.zip(b.nps).and_then(|(x, y)| nps_change(x, a.n, y, b.n));
    QuestionChange {
        population: pop.to_string(),
        old_id: a.id.to_string(),
        new_id: b.id.to_string(),
        row: b.row.map(str::to_string),
        title: b.title.to_string(),
        old_title: a.title.to_string(),
        reworded,
        configured: false,
        kind: b.kind.name().to_string(),
        old_n: a.n,
        new_n: b.n,
        options,
        distribution,
        mean,
        nps,
        by_group: Vec::new(),
    }
}

/// A question's options within each group of each grouping dimension both waves cross it
/// with (dimension matched by title, group and option by label), from the cross-tabs: a
/// question's own, a matrix row's (`q6.2`, titled "…—row"), or for multiple choice one per
/// option ("…—option", rows 选择 / 未选择: the option's share is the 选择 row's).
fn by_group(old: &Results, new: &Results, pop: &str, a: &Item, b: &Item) -> Vec<GroupOptionChange> {
    // The cross-tabs of a question, or of its part (a row or an option) with that label.
    let tabs = |r: &'_ Results, id: &str, part: Option<&str>| -> Vec<Crosstab> {
        let prefix = format!("{id}.");
        r.crosstabs
            .iter()
            .filter(|t| t.population == pop)
            .filter(|t| match part {
                None => t.question == id,
                Some(label) => {
                    t.question.starts_with(&prefix) && t.question_title.rsplit('—').next().is_some_and(|l| label_key(l) == label_key(label))
                }
            })
            .cloned()
            .collect()
    };
    let mut out = Vec::new();
    match (a.kind, a.row) {
        (_, Some(row)) => pair_tabs(&tabs(old, a.id, Some(row)), &tabs(new, b.id, b.row), None, &mut out),
        (Kind::Multi, None) => {
            for (label, _, _) in b.options.iter().filter(|o| a.options.iter().any(|p| label_key(p.0) == label_key(o.0))) {
                pair_tabs(&tabs(old, a.id, Some(label)), &tabs(new, b.id, Some(label)), Some(label), &mut out);
            }
        }
        _ => pair_tabs(&tabs(old, a.id, None), &tabs(new, b.id, None), None, &mut out),
    }
    out
}

/// The option-by-group changes between cross-tabs of two waves, paired by dimension title.
/// `chosen`: a multiple-choice option's cross-tab, whose 选择 row is the option (named so).
fn pair_tabs(older: &[Crosstab], newer: &[Crosstab], chosen: Option<&str>, out: &mut Vec<GroupOptionChange>) {
    let cell = |t: &Crosstab, r: usize, c: usize| t.counts.get(r).and_then(|row| row.get(c)).copied().unwrap_or(0);
    let column = |t: &Crosstab, c: usize| (0..t.row_labels.len()).map(|r| cell(t, r, c)).sum::<u64>();
    for a in older {
        let Some(b) = newer.iter().find(|b| normalized(&b.by_title) == normalized(&a.by_title)) else {
            continue;
        };
        for (gb, group) in b.col_labels.iter().enumerate() {
            let Some(ga) = a.col_labels.iter().position(|g| g == group) else { continue };
            let (na, nb) = (column(a, ga), column(b, gb));
            for (ob, option) in b.row_labels.iter().enumerate() {
                if chosen.is_some() && option != crate::model::CHOSEN {
                    continue;
                }
                // An option in one wave's cross-tab only is not compared (see `change`).
                let Some(oa) = a.row_labels.iter().position(|o| label_key(o) == label_key(option)) else { continue };
                out.push(GroupOptionChange {
                    dimension: b.by_title.clone(),
                    group: group.clone(),
                    option: chosen.unwrap_or(option).to_string(),
                    change: group_change(cell(a, oa, ga), na, cell(b, ob, gb), nb),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A results.json of one population with the given closed questions
    /// (id, title, kind, [(option, count)]).
    fn results(questions: &[(&str, &str, &str, &[(&str, u64)])]) -> Results<'static> {
        let qs: Vec<_> = questions
            .iter()
            .map(|(id, title, kind, opts)| {
                let n: u64 = opts.iter().map(|o| o.1).sum();
                let options: Vec<_> = opts
                    .iter()
                    .map(|(l, c)| serde_json::json!({ "label": l, "count": c, "percent": 0.0, "ci_low": 0.0, "ci_high": 0.0 }))
                    .collect();
                serde_json::json!({
                    "population": "市民", "id": id, "number": null, "title": title, "kind": kind, "role": "answer", "n_valid": n,
                    "n_missing": 0, "n_skipped": 0, "n_empty": 0, "n_not_shown": 0, "n_invalid": 0,
                    "options": options, "mean": null, "sd": null, "top2": null, "index": null,
                })
            })
            .collect();
        let results = serde_json::json!({
            "tool": "minyi", "version": "0", "seed": 1,
            "populations": [{ "name": "市民", "rows_read": 0, "rows_analysed": 0, "audience": "residents", "group_by": [] }],
            "rows": [], "questions": qs, "crosstabs": [], "other_texts": [], "open_questions": [], "concerns": [], "drafts": [],
        });
        serde_json::from_value(results).expect("a results.json of the current layout")
    }

    /// An option offered in one wave only is listed, not tested, and left out of the
    /// distribution's test; a question asked as another kind is not matched; bus and
    /// metro are not one question reworded.
    #[test]
    fn only_like_with_like_is_compared() {
        let old = results(&[
            ("q1", "您常用的出行方式", "single", &[("公交", 50), ("地铁", 50)]),
            ("q2", "您的年龄", "single", &[("30岁以下", 40), ("30岁及以上", 60)]),
            ("q3", "您对本市公交服务的总体满意度", "single", &[("满意", 60), ("不满意", 40)]),
        ]);
        let new = results(&[
            ("q1", "您常用的出行方式", "single", &[("公交", 50), ("地铁", 50), ("共享单车", 80)]),
            ("q2", "您的年龄", "numeric", &[]),
            ("q3", "您对本市地铁服务的总体满意度", "single", &[("满意", 60), ("不满意", 40)]),
        ]);
        let c = compare("a", &old, "b", &new, &CompareConfig::default());
        assert_eq!(c.questions.len(), 1, "{:?}", c.questions.iter().map(|q| &q.title).collect::<Vec<_>>());
        let q1 = &c.questions[0];
        let bike = q1.options.iter().find(|o| o.label == "共享单车").unwrap();
        assert!(bike.change.p.is_nan() && !bike.change.significant);
        // 公交 50/100 → 50/180 is a real fall of the share; the distribution over the two
        // options offered in both waves is unchanged.
        assert!(q1.options.iter().find(|o| o.label == "公交").unwrap().change.significant);
        assert!(!q1.distribution.as_ref().unwrap().significant && q1.distribution.as_ref().unwrap().p > 0.99);
        let unmatched: Vec<(&str, &str)> = c.unmatched.iter().map(|u| (u.wave, u.id.as_str())).collect();
        assert_eq!(unmatched, [("old", "q2"), ("old", "q3"), ("new", "q2"), ("new", "q3")]);
    }

    /// Pairs given in `[compare]` come before the automatic matching: bus and metro
    /// satisfaction compared because the user says they are one question; the same title
    /// kept apart; a pair naming a question that does not exist is reported.
    #[test]
    fn pairs_by_hand_come_first() {
        use crate::model::QuestionPair;
        let old = results(&[
            ("q1", "您常用的出行方式", "single", &[("公交", 50), ("地铁", 50)]),
            ("q3", "您对本市公交服务的总体满意度", "single", &[("满意", 60), ("不满意", 40)]),
        ]);
        let new = results(&[
            ("q1", "您常用的出行方式", "single", &[("公交", 50), ("地铁", 50)]),
            ("q4", "您对本市地铁服务的总体满意度", "single", &[("满意", 60), ("不满意", 40)]),
        ]);
        let pop = old.populations[0].name.clone();
        let pair = |o: &str, n: &str| QuestionPair { population: pop.clone(), old: o.into(), new: n.into() };
        let cfg = CompareConfig { questions: vec![pair("q3", "q4"), pair("q1", ""), pair("q9", "q4")], ..Default::default() };
        let c = compare("a", &old, "b", &new, &cfg);
        let matched: Vec<(&str, &str, bool, bool)> =
            c.questions.iter().map(|q| (q.old_id.as_str(), q.new_id.as_str(), q.configured, q.reworded)).collect();
        assert_eq!(matched, [("q3", "q4", true, true)]);
        let unmatched: Vec<(&str, &str)> = c.unmatched.iter().map(|u| (u.wave, u.id.as_str())).collect();
        assert_eq!(unmatched, [("old", "q1"), ("new", "q1")]);
        assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
        assert!(c.warnings[0].contains("q9"));
    }

    #[test]
    fn titles_match_whatever_their_numbering() {
        assert_eq!(normalized("Q5. 您对本市生态环境的总体满意度？"), normalized("5、您对本市生态环境的总体满意度"));
        assert_eq!(normalized("第12题 您的年龄"), "您的年龄");
        // A number that is part of the title stays.
        assert_ne!(normalized("5G网络覆盖是否满意"), normalized("4G网络覆盖是否满意"));
        assert_ne!(normalized("2024年您是否参加过听证"), normalized("2025年您是否参加过听证"));
        assert!(similar::text_jaccard(&normalized("您对本市生态环境的总体满意度"), &normalized("您对本市生态环境总体满意度")) >= REWORDED);
        assert!(similar::text_jaccard(&normalized("您的年龄段"), &normalized("您居住的区")) < REWORDED);
    }

    /// 2 × 2 promoters/detractors by hand: wave 1 P = 30 %, D = 40 % of 200 (NPS −10),
    /// wave 2 P = 40 %, D = 30 % of 200 (NPS +10): variances (0.7 − 0.01) / 200 each,
    /// se = 0.083066, z = 0.2 / se = 2.4077, p = 0.01605.
    #[test]
    fn nps_change_by_hand() {
        let c = nps_change((30.0, 40.0), 200, (40.0, 30.0), 200).unwrap();
        assert!((c.diff - 20.0).abs() < 1e-9 && (c.old + 10.0).abs() < 1e-9);
        assert!((c.p - 0.01605).abs() < 5e-5, "{c:?}");
        assert!((c.ci_low - (20.0 - 1.959964 * 8.3066)).abs() < 1e-2, "{c:?}");
    }
}
