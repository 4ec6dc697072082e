//! Comparing two waves of a survey (`minyi compare OLD NEW`): the reports of both runs are
//! the input (their `results.json`; the exports are not read again). Populations are
//! matched by name, closed questions by title (normalized: numbering, spaces and
//! punctuation do not count; a reworded title is matched when close enough and shown as
//! such), options by label. Every option's share, every distribution, mean and net
//! promoter score is compared, with its 95% interval and test; a change is called a change
//! when it stays significant after a Benjamini–Hochberg correction over all tests of the
//! comparison (docs/compare.md).

use crate::model::{
    Change, CompareConfig, Comparison, ConcernChange, ConcernSeen, DistributionTest, GroupOptionChange, ItemRef, MeasureSeen, OptionChange,
    PartChange, QuestionChange, TrackedItem, Tracking, Unmatched, COMPARE_FDR,
};
use crate::util::similar::normalized_title as normalized;
use crate::util::{math, similar};
use serde_json::Value;

/// Titles at least this similar (Jaccard of their character bigrams) are the same
/// question reworded.
const REWORDED: f64 = 0.7;

/// Concerns of the same question at least this similar (see [`concern_similarity`]) are
/// the same concern.
const SAME_CONCERN: f64 = 0.35;

/// One closed question (or matrix row) of one wave, as results.json has it.
struct Item<'a> {
    id: &'a str,
    row: Option<&'a str>,
    title: &'a str,
    kind: &'a str,
    n: u64,
    /// (label, count, score)
    options: Vec<(&'a str, u64, Option<f64>)>,
    /// Mean, standard deviation and the number they are over (a scale's scored answers).
    mean_sd: Option<(f64, f64, u64)>,
    /// (promoters %, detractors %)
    nps: Option<(f64, f64)>,
}

fn items<'a>(results: &'a Value, population: &str) -> Vec<Item<'a>> {
    let mut out = Vec::new();
    let Some(qs) = results["questions"].as_array() else { return out };
    for q in qs.iter().filter(|q| q["population"] == population && q["role"] == "answer") {
        let kind = q["kind"].as_str().unwrap_or("");
        let (id, title) = (q["id"].as_str().unwrap_or(""), q["title"].as_str().unwrap_or(""));
        let options = |v: &'a Value| -> Vec<(&'a str, u64, Option<f64>)> {
            v.as_array()
                .map(|o| {
                    o.iter().map(|o| (o["label"].as_str().unwrap_or(""), o["count"].as_u64().unwrap_or(0), o["score"].as_f64())).collect()
                })
                .unwrap_or_default()
        };
        match kind {
            "single" | "multi" | "likert" | "rating" | "numeric" => out.push(Item {
                id,
                row: None,
                title,
                kind,
                n: q["n_valid"].as_u64().unwrap_or(0),
                options: if kind == "numeric" { Vec::new() } else { options(&q["options"]) },
                mean_sd: match kind {
                    "numeric" => q["mean"].as_f64().zip(q["sd"].as_f64()).map(|(m, s)| (m, s, q["n_valid"].as_u64().unwrap_or(0))),
                    "likert" | "rating" => scored_mean_sd(&options(&q["options"])),
                    _ => None,
                },
                nps: q["promoters"].as_f64().zip(q["detractors"].as_f64()),
            }),
            "matrix" => {
                for r in q["rows"].as_array().into_iter().flatten() {
                    let options = options(&r["options"]);
                    out.push(Item {
                        id,
                        row: r["label"].as_str(),
                        title,
                        kind: "matrix",
                        n: r["n_valid"].as_u64().unwrap_or(0),
                        mean_sd: scored_mean_sd(&options),
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

/// Mean, standard deviation (n − 1) and n of a scale from its options' scores and counts
/// (options without a score, such as 不了解, left out).
fn scored_mean_sd(options: &[(&str, u64, Option<f64>)]) -> Option<(f64, f64, u64)> {
    let scored: Vec<(f64, f64)> = options.iter().filter_map(|&(_, c, s)| s.map(|s| (s, c as f64))).collect();
    let n: f64 = scored.iter().map(|x| x.1).sum();
    if n < 2.0 {
        return None;
    }
    let mean = scored.iter().map(|(s, c)| s * c).sum::<f64>() / n;
    let var = scored.iter().map(|(s, c)| c * (s - mean).powi(2)).sum::<f64>() / (n - 1.0);
    Some((mean, var.sqrt(), n as u64))
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
pub fn compare(old_name: &str, old: &Value, new_name: &str, new: &Value, config_pairs: &CompareConfig) -> Comparison {
    let names = |r: &Value| -> Vec<String> {
        r["populations"].as_array().map(|p| p.iter().filter_map(|p| p["name"].as_str().map(str::to_string)).collect()).unwrap_or_default()
    };
    let (po, pn) = (names(old), names(new));
    // When each wave was surveyed: its first to its last response.
    let period = |r: &Value| -> String {
        let dates = |k: &str| -> Vec<String> {
            r["populations"].as_array().into_iter().flatten().filter_map(|p| p[k].as_str().map(str::to_string)).collect()
        };
        match (dates("first_response").into_iter().min(), dates("last_response").into_iter().max()) {
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
    concerns(old, new, config_pairs, &mut c);
    correct(&mut c);
    track(old, &mut c);
    c
}

/// Each draft of the earlier report (its `drafts` in results.json): its concern's share
/// then → now and its closed items then → now, as the comparison found them.
fn track(old: &Value, c: &mut Comparison) {
    let s = |v: &Value| v.as_str().unwrap_or("").to_string();
    for d in old["drafts"].as_array().into_iter().flatten() {
        let concern = c.concerns.iter().find(|k| k.old_question == s(&d["question"]) && k.old_key == s(&d["key"])).map(|k| k.share.clone());
        let items = d["items"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|i| {
                let item = ItemRef {
                    population: s(&i["population"]),
                    question: s(&i["question"]),
                    row: i["row"].as_str().map(str::to_string),
                    option: i["option"].as_str().map(str::to_string),
                };
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
                TrackedItem { item, title, measure, change }
            })
            .collect();
        c.tracking.push(Tracking {
            stem: s(&d["stem"]),
            title: s(&d["title"]),
            question: s(&d["question"]),
            key: s(&d["key"]),
            label: s(&d["label"]),
            concern,
            items,
        });
    }
}

/// How alike two concerns are: 1 for the same name; else the overlap of their ten first
/// keywords (Jaccard, weight 0.6), the same department subcategory (0.25) and the
/// overlap of their names' character bigrams (0.15).
fn concern_similarity(a: &Value, b: &Value) -> f64 {
    let label = |c: &Value| c["label"].as_str().unwrap_or("").to_string();
    if label(a) == label(b) {
        return 1.0;
    }
    let kw = |c: &Value| -> std::collections::BTreeSet<String> {
        c["keywords"].as_array().into_iter().flatten().take(10).filter_map(|w| w.as_str().map(str::to_string)).collect()
    };
    let (x, y) = (kw(a), kw(b));
    let words = if x.is_empty() || y.is_empty() { 0.0 } else { x.intersection(&y).count() as f64 / x.union(&y).count() as f64 };
    let dept =
        |c: &Value| format!("{}/{}", c["department"]["category"].as_str().unwrap_or(""), c["department"]["sub"].as_str().unwrap_or(""));
    let same_dept = f64::from(u8::from(dept(a) == dept(b) && !a["department"]["sub"].as_str().unwrap_or("").is_empty()));
    0.6 * words + 0.25 * same_dept + 0.15 * similar::text_jaccard(&label(a), &label(b))
}

/// A group with fewer respondents than this in either wave is shown but not tested: its
/// shares swing by chance (one answer of 20 is five points), and the brief would lead
/// with such swings.
const MIN_GROUP: u64 = 30;

/// The change of a share within a group: as [`share_change`], untested (p NaN, never a
/// change) when the group is small in either wave.
fn group_change(x1: u64, n1: u64, x2: u64, n2: u64) -> Change {
    let mut c = share_change(x1, n1, x2, n2);
    if n1 < MIN_GROUP || n2 < MIN_GROUP {
        c.p = f64::NAN;
    }
    c
}

fn share_change(x1: u64, n1: u64, x2: u64, n2: u64) -> Change {
    let (d, lo, hi) = math::newcombe(x2, n2, x1, n1);
    pending(math::pct(x1, n1), math::pct(x2, n2), d * 100.0, lo * 100.0, hi * 100.0, math::two_proportions_p(x2, n2, x1, n1))
}

/// Concerns across the waves: open questions matched by title, their named concerns by
/// similarity (best pairs first, at least `SAME_CONCERN`); shares then and now overall,
/// by population and by group; concerns of one wave only; measures.
fn concerns(old: &Value, new: &Value, config_pairs: &CompareConfig, c: &mut Comparison) {
    // Measured the same way when every open question asked again was placed with this
    // earlier report's concerns.
    let mut asked_again = 0usize;
    let mut placed = 0usize;
    let list = |r: &Value, key: &str| r[key].as_array().cloned().unwrap_or_default();
    let (oq, nq) = (list(old, "open_questions"), list(new, "open_questions"));
    let (oc, nc) = (list(old, "concerns"), list(new, "concerns"));
    let u = |v: &Value| v.as_u64().unwrap_or(0);
    let s = |v: &Value| v.as_str().unwrap_or("").to_string();
    let title = |q: &Value| normalized(q["title"].as_str().unwrap_or(""));
    let pops = |q: &Value| q["populations"].as_array().into_iter().flatten().filter_map(|p| p.as_str()).collect::<Vec<_>>().join("、");
    let seen = |v: &Value, q: &Value| ConcernSeen {
        question: s(&q["question"]),
        key: s(&v["key"]),
        label: s(&v["label"]),
        respondents: u(&v["respondents"]),
        share: v["share"].as_f64().unwrap_or(f64::NAN),
    };
    // Open questions of one wave only: listed, their concerns new or gone.
    for (qs, others, wave, cs) in [(&oq, &nq, "old", &oc), (&nq, &oq, "new", &nc)] {
        for q in qs.iter().filter(|q| !others.iter().any(|x| title(x) == title(q) && x["source"] == q["source"])) {
            c.unmatched.push(Unmatched { population: pops(q), wave, id: s(&q["question"]), title: s(&q["title"]) });
            let list: Vec<ConcernSeen> =
                cs.iter().filter(|x| x["question"] == q["question"] && u(&x["id"]) > 0).map(|v| seen(v, q)).collect();
            if wave == "old" {
                c.gone_concerns.extend(list);
            } else {
                c.new_concerns.extend(list);
            }
        }
    }
    for q in &oq {
        let Some(q2) = nq.iter().find(|x| title(x) == title(q) && x["source"] == q["source"]) else {
            continue;
        };
        asked_again += 1;
        placed += usize::from(q2["earlier_wave"].as_str() == Some(c.old.as_str()));
        let named =
            |all: &[Value], id: &Value| -> Vec<Value> { all.iter().filter(|x| x["question"] == *id && u(&x["id"]) > 0).cloned().collect() };
        let (a, b) = (named(&oc, &q["question"]), named(&nc, &q2["question"]));
        // Paired by hand (by name; `new = ""` keeps the earlier concern unmatched) before
        // the most similar pairs.
        let (mut ua, mut ub) = (vec![false; a.len()], vec![false; b.len()]);
        let mut pairs: Vec<(usize, usize, f64, bool)> = Vec::new();
        for p in config_pairs.concerns.iter().filter(|p| p.question.trim() == s(&q2["question"])) {
            let Some(i) = a.iter().position(|x| s(&x["label"]) == p.old.trim()).filter(|&i| !ua[i]) else {
                c.warnings.push(format!("[compare] 中 {} 上一轮没有名为“{}”的问题类别（或已对应），这一对应未采用", p.question, p.old));
                continue;
            };
            if p.new.trim().is_empty() {
                ua[i] = true;
                continue;
            }
            match b.iter().position(|y| s(&y["label"]) == p.new.trim()) {
                Some(j) if !ub[j] => {
                    ua[i] = true;
                    ub[j] = true;
                    pairs.push((i, j, concern_similarity(&a[i], &b[j]), true));
                }
                _ => c.warnings.push(format!("[compare] 中 {} 本轮没有名为“{}”的问题类别（或已对应），这一对应未采用", p.question, p.new)),
            }
        }
        let mut close: Vec<(usize, usize, f64)> =
            (0..a.len()).flat_map(|i| (0..b.len()).map(move |j| (i, j))).map(|(i, j)| (i, j, concern_similarity(&a[i], &b[j]))).collect();
        close.sort_by(|x, y| y.2.total_cmp(&x.2).then(x.0.cmp(&y.0)).then(x.1.cmp(&y.1)));
        for (i, j, sim) in close {
            if sim < SAME_CONCERN || ua[i] || ub[j] {
                continue;
            }
            ua[i] = true;
            ub[j] = true;
            pairs.push((i, j, sim, false));
        }
        let kept_out: Vec<usize> = (0..a.len()).filter(|&i| ua[i] && !pairs.iter().any(|p| p.0 == i)).collect();
        for &i in &kept_out {
            ua[i] = false;
        }
        for (i, j, sim, configured) in pairs {
            let (x, y) = (&a[i], &b[j]);
            let parts = |key: &str, with_group: bool| -> Vec<PartChange> {
                let (px, py) = (list(x, key), list(y, key));
                px.iter()
                    .filter_map(|p| {
                        let same = |o: &&Value| {
                            o["population"] == p["population"]
                                && (!with_group
                                    || (normalized(o["dimension_title"].as_str().unwrap_or(""))
                                        == normalized(p["dimension_title"].as_str().unwrap_or(""))
                                        && o["group"] == p["group"]))
                        };
                        let o = py.iter().find(same)?;
                        Some(PartChange {
                            population: s(&p["population"]),
                            dimension: if with_group { s(&o["dimension_title"]) } else { String::new() },
                            group: if with_group { s(&o["group"]) } else { String::new() },
                            change: if with_group {
                                group_change(u(&p["respondents"]), u(&p["answered"]), u(&o["respondents"]), u(&o["answered"]))
                            } else {
                                share_change(u(&p["respondents"]), u(&p["answered"]), u(&o["respondents"]), u(&o["answered"]))
                            },
                        })
                    })
                    .collect()
            };
            c.concerns.push(ConcernChange {
                old_question: s(&q["question"]),
                new_question: s(&q2["question"]),
                title: s(&q2["title"]),
                old_key: s(&x["key"]),
                new_key: s(&y["key"]),
                old_label: s(&x["label"]),
                label: s(&y["label"]),
                department: format!("{}/{}", s(&y["department"]["category"]), s(&y["department"]["sub"])).trim_end_matches('/').to_string(),
                similarity: sim,
                configured,
                asks_suggestions: q2["asks_suggestions"] == true,
                share: share_change(u(&x["respondents"]), u(&x["answered"]), u(&y["respondents"]), u(&y["answered"])),
                old_ci: [x["ci_low"].as_f64().unwrap_or(f64::NAN), x["ci_high"].as_f64().unwrap_or(f64::NAN)],
                new_ci: [y["ci_low"].as_f64().unwrap_or(f64::NAN), y["ci_high"].as_f64().unwrap_or(f64::NAN)],
                by_population: if list(x, "by_population").len() > 1 { parts("by_population", false) } else { Vec::new() },
                by_group: parts("by_group", true),
            });
        }
        c.gone_concerns.extend(a.iter().zip(&ua).filter(|(_, m)| !**m).map(|(v, _)| seen(v, q)));
        c.new_concerns.extend(b.iter().zip(&ub).filter(|(_, m)| !**m).map(|(v, _)| seen(v, q2)));
        // Measures: the same text, or most of the same character bigrams.
        // Every measure of the question (the remainder's too); the same text first.
        let measures = |all: &[Value], id: &Value| -> Vec<(String, u64)> {
            all.iter()
                .filter(|x| x["question"] == *id)
                .flat_map(|x| list(x, "measures"))
                .map(|m| (s(&m["text"]), u(&m["respondents"])))
                .collect()
        };
        let (ma, mb) = (measures(&oc, &q["question"]), measures(&nc, &q2["question"]));
        let mut taken = vec![false; mb.len()];
        for (t, n) in &ma {
            let free = |j: &usize| !taken[*j];
            let hit = (0..mb.len())
                .filter(free)
                .find(|&j| mb[j].0 == *t)
                .or_else(|| (0..mb.len()).filter(free).find(|&j| similar::similar(&similar::bigrams(&mb[j].0), &similar::bigrams(t))));
            if let Some(j) = hit {
                taken[j] = true;
            }
            c.measures.push(MeasureSeen {
                question: s(&q2["question"]),
                text: hit.map_or_else(|| t.clone(), |j| mb[j].0.clone()),
                old_respondents: Some(*n),
                new_respondents: hit.map(|j| mb[j].1),
            });
        }
        c.measures.extend(mb.iter().zip(&taken).filter(|(_, t)| !**t).map(|((t, n), _)| MeasureSeen {
            question: s(&q2["question"]),
            text: t.clone(),
            old_respondents: None,
            new_respondents: Some(*n),
        }));
    }
    c.same_concerns = asked_again > 0 && placed == asked_again;
    let compared: Vec<String> = oq
        .iter()
        .filter_map(|q| nq.iter().find(|x| title(x) == title(q) && x["source"] == q["source"]).map(|x| s(&x["question"])))
        .collect();
    for p in config_pairs.concerns.iter().filter(|p| !compared.iter().any(|q| *q == p.question.trim())) {
        c.warnings.push(format!("[compare] 中的题目 {} 不是两轮都有的填写题（应写本轮的题号），“{}”的对应未采用", p.question, p.old));
    }
}

fn title_of(i: &Item) -> String {
    match i.row {
        Some(r) => format!("{}：{r}", i.title),
        None => i.title.to_string(),
    }
}

fn pending(old: f64, new: f64, diff: f64, ci_low: f64, ci_high: f64, p: f64) -> Change {
    Change { old, new, diff, ci_low, ci_high, p, q: f64::NAN, significant: false }
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
    let distribution = (a.kind != "multi" && options.len() >= 2)
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
        kind: b.kind.to_string(),
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
fn by_group(old: &Value, new: &Value, pop: &str, a: &Item, b: &Item) -> Vec<GroupOptionChange> {
    // The cross-tabs of a question, or of its part (a row or an option) with that label.
    let tabs = |r: &Value, id: &str, part: Option<&str>| -> Vec<Value> {
        let prefix = format!("{id}.");
        r["crosstabs"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|t| t["population"] == pop)
            .filter(|t| {
                let q = t["question"].as_str().unwrap_or("");
                match part {
                    None => q == id,
                    Some(label) => {
                        q.starts_with(&prefix)
                            && t["question_title"]
                                .as_str()
                                .unwrap_or("")
                                .rsplit('—')
                                .next()
                                .is_some_and(|l| label_key(l) == label_key(label))
                    }
                }
            })
            .cloned()
            .collect()
    };
    let mut out = Vec::new();
    match (a.kind, a.row) {
        (_, Some(row)) => pair_tabs(&tabs(old, a.id, Some(row)), &tabs(new, b.id, b.row), None, &mut out),
        ("multi", None) => {
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
fn pair_tabs(older: &[Value], newer: &[Value], chosen: Option<&str>, out: &mut Vec<GroupOptionChange>) {
    let labels = |t: &Value, k: &str| -> Vec<String> {
        t[k].as_array().into_iter().flatten().map(|x| x.as_str().unwrap_or("").to_string()).collect()
    };
    let cell = |t: &Value, r: usize, c: usize| t["counts"][r][c].as_u64().unwrap_or(0);
    let column = |t: &Value, c: usize| (0..labels(t, "row_labels").len()).map(|r| cell(t, r, c)).sum::<u64>();
    for a in older {
        let Some(b) =
            newer.iter().find(|b| normalized(b["by_title"].as_str().unwrap_or("")) == normalized(a["by_title"].as_str().unwrap_or("")))
        else {
            continue;
        };
        let (ra, rb, ca, cb) = (labels(a, "row_labels"), labels(b, "row_labels"), labels(a, "col_labels"), labels(b, "col_labels"));
        for (gb, group) in cb.iter().enumerate() {
            let Some(ga) = ca.iter().position(|g| g == group) else { continue };
            let (na, nb) = (column(a, ga), column(b, gb));
            for (ob, option) in rb.iter().enumerate() {
                if chosen.is_some() && option != "选择" {
                    continue;
                }
                // An option in one wave's cross-tab only is not compared (see `change`).
                let Some(oa) = ra.iter().position(|o| label_key(o) == label_key(option)) else { continue };
                out.push(GroupOptionChange {
                    dimension: b["by_title"].as_str().unwrap_or("").to_string(),
                    group: group.clone(),
                    option: chosen.unwrap_or(option).to_string(),
                    change: group_change(cell(a, oa, ga), na, cell(b, ob, gb), nb),
                });
            }
        }
    }
}

/// The change of a net promoter score (points) from each wave's shares of promoters and
/// detractors (percent): its variance per wave is (P + D − (P − D)²) / n in fractions.
fn nps_change((p1, d1): (f64, f64), n1: u64, (p2, d2): (f64, f64), n2: u64) -> Option<Change> {
    if n1 == 0 || n2 == 0 {
        return None;
    }
    let f = |p: f64, d: f64, n: u64| {
        let (p, d) = (p / 100.0, d / 100.0);
        (p - d, (p + d - (p - d).powi(2)).max(0.0) / n as f64)
    };
    let ((a, va), (b, vb)) = (f(p1, d1, n1), f(p2, d2, n2));
    let se = (va + vb).sqrt();
    let diff = b - a;
    // No spread in either wave: any difference is certain.
    let p = if se > 0.0 {
        math::normal_two_sided(diff / se)
    } else if diff == 0.0 {
        1.0
    } else {
        0.0
    };
    Some(pending(a * 100.0, b * 100.0, diff * 100.0, (diff - math::Z95 * se) * 100.0, (diff + math::Z95 * se) * 100.0, p))
}

/// Benjamini–Hochberg over every test of the comparison.
fn correct(c: &mut Comparison) {
    let mut ps: Vec<f64> = Vec::new();
    for q in &c.questions {
        ps.extend(q.options.iter().map(|o| o.change.p));
        ps.extend(q.distribution.iter().map(|t| t.p));
        ps.extend(q.mean.iter().map(|m| m.p));
        ps.extend(q.nps.iter().map(|m| m.p));
        ps.extend(q.by_group.iter().map(|g| g.change.p));
    }
    for k in &c.concerns {
        ps.push(k.share.p);
        ps.extend(k.by_population.iter().chain(&k.by_group).map(|x| x.change.p));
    }
    let adjusted = math::benjamini_hochberg(&ps);
    let mut k = 0usize;
    let mut next = || {
        let q = adjusted[k];
        k += 1;
        (q, q <= COMPARE_FDR)
    };
    for q in &mut c.questions {
        for o in &mut q.options {
            (o.change.q, o.change.significant) = next();
        }
        for t in q.distribution.iter_mut() {
            (t.q, t.significant) = next();
        }
        for m in q.mean.iter_mut().chain(q.nps.iter_mut()) {
            (m.q, m.significant) = next();
        }
        for g in &mut q.by_group {
            (g.change.q, g.change.significant) = next();
        }
    }
    for k in &mut c.concerns {
        (k.share.q, k.share.significant) = next();
        for x in k.by_population.iter_mut().chain(k.by_group.iter_mut()) {
            (x.change.q, x.change.significant) = next();
        }
    }
    c.tests = ps.iter().filter(|p| p.is_finite()).count();
    c.significant = adjusted.iter().filter(|q| **q <= COMPARE_FDR).count();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A results.json of one population with the given closed questions
    /// (id, title, kind, [(option, count)]).
    fn results(questions: &[(&str, &str, &str, &[(&str, u64)])]) -> Value {
        let qs: Vec<Value> = questions
            .iter()
            .map(|(id, title, kind, opts)| {
                let n: u64 = opts.iter().map(|o| o.1).sum();
                serde_json::json!({
                    "population": "市民", "id": id, "title": title, "kind": kind, "role": "answer", "n_valid": n,
                    "options": opts.iter().map(|(l, c)| serde_json::json!({ "label": l, "count": c })).collect::<Vec<_>>(),
                })
            })
            .collect();
        serde_json::json!({ "tool": "minyi", "populations": [{ "name": "市民" }], "questions": qs })
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
        let pop = old["populations"][0]["name"].as_str().unwrap().to_string();
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
