//! Concerns across the waves: open questions matched by title, their named concerns by
//! similarity; shares then and now overall, by population and by group; concerns and
//! measures of one wave only.

use super::change::{group_change, share_change};
use crate::model::{
    CompareConfig, Comparison, ConcernChange, ConcernOut, ConcernSeen, MeasureSeen, OpenQuestion, PartChange, Results, Unmatched,
};
use crate::util::similar;
use crate::util::similar::normalized_title as normalized;

/// Concerns of the same question at least this similar (see [`concern_similarity`]) are
/// the same concern.
const SAME_CONCERN: f64 = 0.35;

/// How alike two concerns are: 1 for the same name; else the overlap of their ten first
/// keywords (Jaccard, weight 0.6), the same department subcategory (0.25) and the
/// overlap of their names' character bigrams (0.15).
fn concern_similarity(a: &ConcernOut, b: &ConcernOut) -> f64 {
    let (la, lb) = (&a.concern.label, &b.concern.label);
    if la == lb {
        return 1.0;
    }
    let kw = |c: &ConcernOut| -> std::collections::BTreeSet<String> { c.concern.keywords.iter().take(10).cloned().collect() };
    let (x, y) = (kw(a), kw(b));
    let words = if x.is_empty() || y.is_empty() { 0.0 } else { x.intersection(&y).count() as f64 / x.union(&y).count() as f64 };
    let same_dept = f64::from(u8::from(
        a.department.category == b.department.category && a.department.sub == b.department.sub && !a.department.sub.is_empty(),
    ));
    0.6 * words + 0.25 * same_dept + 0.15 * similar::text_jaccard(la, lb)
}

/// Concerns across the waves: open questions matched by title, their named concerns by
/// similarity (best pairs first, at least `SAME_CONCERN`); shares then and now overall,
/// by population and by group; concerns of one wave only; measures.
pub(super) fn concerns(old: &Results, new: &Results, config_pairs: &CompareConfig, c: &mut Comparison) {
    // Measured the same way when every open question asked again was placed with this
    // earlier report's concerns.
    let mut asked_again = 0usize;
    let mut placed = 0usize;
    let (oq, nq) = (&old.open_questions[..], &new.open_questions[..]);
    one_wave_only(old, new, c);
    for q in oq {
        let Some(q2) = nq.iter().find(|x| same_question(x, q)) else {
            continue;
        };
        asked_again += 1;
        placed += usize::from(q2.earlier_wave.as_deref() == Some(c.old.as_str()));
        let a: Vec<&ConcernOut> = old.named_concerns(&q.question).collect();
        let b: Vec<&ConcernOut> = new.named_concerns(&q2.question).collect();
        let (mut ua, ub, pairs) = pair(&a, &b, q2, config_pairs, c);
        let kept_out: Vec<usize> = (0..a.len()).filter(|&i| ua[i] && !pairs.iter().any(|p| p.0 == i)).collect();
        for &i in &kept_out {
            ua[i] = false;
        }
        for &(i, j, sim, configured) in &pairs {
            c.concerns.push(concern_change(q, q2, a[i], b[j], sim, configured));
        }
        c.gone_concerns.extend(a.iter().zip(&ua).filter(|(_, m)| !**m).map(|(v, _)| seen(v, q)));
        c.new_concerns.extend(b.iter().zip(&ub).filter(|(_, m)| !**m).map(|(v, _)| seen(v, q2)));
        c.measures.extend(measures_seen(old, new, q, q2));
    }
    c.same_concerns = asked_again > 0 && placed == asked_again;
    let compared: Vec<&str> = oq.iter().filter_map(|q| nq.iter().find(|x| same_question(x, q)).map(|x| x.question.as_str())).collect();
    for p in config_pairs.concerns.iter().filter(|p| !compared.iter().any(|q| *q == p.question.trim())) {
        c.warnings.push(format!("[compare] 中的题目 {} 不是两轮都有的填写题（应写本轮的题号），“{}”的对应未采用", p.question, p.old));
    }
}

/// The same open question in both waves: the same title (numbering aside) and source.
fn same_question(x: &OpenQuestion, q: &OpenQuestion) -> bool {
    normalized(&x.title) == normalized(&q.title) && x.source == q.source
}

/// A concern as listed among those of one wave only.
fn seen(v: &ConcernOut, q: &OpenQuestion) -> ConcernSeen {
    ConcernSeen {
        question: q.question.clone(),
        key: v.concern.key.clone(),
        label: v.concern.label.clone(),
        respondents: v.concern.share.respondents as u64,
        share: v.concern.share.share,
    }
}

/// Open questions of one wave only: listed, their concerns new or gone.
fn one_wave_only(old: &Results, new: &Results, c: &mut Comparison) {
    let (oq, nq) = (&old.open_questions[..], &new.open_questions[..]);
    for (qs, others, wave, results) in [(oq, nq, "old", old), (nq, oq, "new", new)] {
        for q in qs.iter().filter(|q| !others.iter().any(|x| same_question(x, q))) {
            c.unmatched.push(Unmatched { population: q.populations.join("、"), wave, id: q.question.clone(), title: q.title.clone() });
            let list: Vec<ConcernSeen> = results.named_concerns(&q.question).map(|v| seen(v, q)).collect();
            if wave == "old" {
                c.gone_concerns.extend(list);
            } else {
                c.new_concerns.extend(list);
            }
        }
    }
}

/// The concerns of one question paired across the waves: by hand first (by name; `new =
/// ""` keeps the earlier concern unmatched), then the most similar pairs. Returns which of
/// each wave are taken and the pairs (old, new, similarity, by hand).
#[allow(clippy::type_complexity)]
fn pair(
    a: &[&ConcernOut],
    b: &[&ConcernOut],
    q2: &OpenQuestion,
    config_pairs: &CompareConfig,
    c: &mut Comparison,
) -> (Vec<bool>, Vec<bool>, Vec<(usize, usize, f64, bool)>) {
    let (mut ua, mut ub) = (vec![false; a.len()], vec![false; b.len()]);
    let mut pairs: Vec<(usize, usize, f64, bool)> = Vec::new();
    for p in config_pairs.concerns.iter().filter(|p| p.question.trim() == q2.question) {
        let Some(i) = a.iter().position(|x| x.concern.label == p.old.trim()).filter(|&i| !ua[i]) else {
            c.warnings.push(format!("[compare] 中 {} 上一轮没有名为“{}”的问题类别（或已对应），这一对应未采用", p.question, p.old));
            continue;
        };
        if p.new.trim().is_empty() {
            ua[i] = true;
            continue;
        }
        match b.iter().position(|y| y.concern.label == p.new.trim()) {
            Some(j) if !ub[j] => {
                ua[i] = true;
                ub[j] = true;
                pairs.push((i, j, concern_similarity(a[i], b[j]), true));
            }
            _ => c.warnings.push(format!("[compare] 中 {} 本轮没有名为“{}”的问题类别（或已对应），这一对应未采用", p.question, p.new)),
        }
    }
    let mut close: Vec<(usize, usize, f64)> =
        (0..a.len()).flat_map(|i| (0..b.len()).map(move |j| (i, j))).map(|(i, j)| (i, j, concern_similarity(a[i], b[j]))).collect();
    close.sort_by(|x, y| y.2.total_cmp(&x.2).then(x.0.cmp(&y.0)).then(x.1.cmp(&y.1)));
    for (i, j, sim) in close {
        if sim < SAME_CONCERN || ua[i] || ub[j] {
            continue;
        }
        ua[i] = true;
        ub[j] = true;
        pairs.push((i, j, sim, false));
    }
    (ua, ub, pairs)
}

/// One concern then and now: its share overall, by population and by group.
fn concern_change(q: &OpenQuestion, q2: &OpenQuestion, x: &ConcernOut, y: &ConcernOut, sim: f64, configured: bool) -> ConcernChange {
    let counts = |s: &crate::model::Share| (s.respondents as u64, s.answered as u64);
    // The same population in both waves; for groups, the same dimension (by title)
    // and group too.
    let by_population: Vec<PartChange> = x
        .by_population
        .iter()
        .filter_map(|p| {
            let o = y.by_population.iter().find(|o| o.population == p.population)?;
            let ((x1, n1), (x2, n2)) = (counts(&p.share), counts(&o.share));
            Some(PartChange {
                population: p.population.clone(),
                dimension: String::new(),
                group: String::new(),
                change: share_change(x1, n1, x2, n2),
            })
        })
        .collect();
    let by_group: Vec<PartChange> = x
        .by_group
        .iter()
        .filter_map(|p| {
            let o = y.by_group.iter().find(|o| {
                o.population == p.population && normalized(&o.dimension_title) == normalized(&p.dimension_title) && o.group == p.group
            })?;
            let ((x1, n1), (x2, n2)) = (counts(&p.share), counts(&o.share));
            Some(PartChange {
                population: p.population.clone(),
                dimension: o.dimension_title.clone(),
                group: o.group.clone(),
                change: group_change(x1, n1, x2, n2),
            })
        })
        .collect();
    let ((x1, n1), (x2, n2)) = (counts(&x.concern.share), counts(&y.concern.share));
    ConcernChange {
        old_question: q.question.clone(),
        new_question: q2.question.clone(),
        title: q2.title.clone(),
        old_key: x.concern.key.clone(),
        new_key: y.concern.key.clone(),
        old_label: x.concern.label.clone(),
        label: y.concern.label.clone(),
        department: format!("{}/{}", y.department.category, y.department.sub).trim_end_matches('/').to_string(),
        similarity: sim,
        configured,
        asks_suggestions: q2.asks_suggestions,
        share: share_change(x1, n1, x2, n2),
        old_ci: [x.concern.share.ci_low, x.concern.share.ci_high],
        new_ci: [y.concern.share.ci_low, y.concern.share.ci_high],
        by_population: if x.by_population.len() > 1 { by_population } else { Vec::new() },
        by_group,
    }
}

/// The measures of one question in both waves: the same text, or most of the same
/// character bigrams; each of one wave only too.
fn measures_seen(old: &Results, new: &Results, q: &OpenQuestion, q2: &OpenQuestion) -> Vec<MeasureSeen> {
    let mut out = Vec::new();
    // Every measure of the question (the remainder's too); the same text first.
    let measures = |r: &Results, id: &str| -> Vec<(String, u64)> {
        r.concerns
            .iter()
            .filter(|x| x.question == id)
            .flat_map(|x| x.concern.measures.iter())
            .map(|m| (m.text.clone(), m.respondents as u64))
            .collect()
    };
    let (ma, mb) = (measures(old, &q.question), measures(new, &q2.question));
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
        out.push(MeasureSeen {
            question: q2.question.clone(),
            text: hit.map_or_else(|| t.clone(), |j| mb[j].0.clone()),
            old_respondents: Some(*n),
            new_respondents: hit.map(|j| mb[j].1),
        });
    }
    out.extend(mb.iter().zip(&taken).filter(|(_, t)| !**t).map(|((t, n), _)| MeasureSeen {
        question: q2.question.clone(),
        text: t.clone(),
        old_respondents: None,
        new_respondents: Some(*n),
    }));
    out
}
