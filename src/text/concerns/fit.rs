//! The model fitted and every clause placed: GSDMM on the documents (an earlier wave's
//! concerns and the taxonomy's matters anchored), clusters merged to a readable number and
//! documents reassigned; then each clause to its most probable cluster, each answer's
//! concerns in the order raised, and the concerns' centres and members.

use super::super::cluster::{Dmm, Gsdmm, Reduce};
use super::super::unit::{Assignment, Status, Unit};
use super::parse::Units;
use super::{ConcernOpts, Primary};
use rayon::prelude::*;

/// Rounds of hard reassignment after the merge (`cluster::refine`); it settles in fewer
/// on the samples and the dev sets. Misplacement on the samples over four seeds fell from
/// 1,511 to 1,184 answers (docs/text.md).
pub(super) const REFINE_ROUNDS: usize = 10;

/// A document of this wave is placed in an earlier wave's concern when that concern is
/// at least this probable for it (see [`fit`]).
pub(super) const EARLIER_SURE: f64 = 0.9;

/// GSDMM on the documents, then clusters merged to a readable number (`--k` exactly).
pub(super) fn fit(
    docs: &[Vec<(u32, u32)>],
    answers: &[usize],
    reference: &[(Vec<(u32, u32)>, usize)],
    vocab: usize,
    opts: &ConcernOpts,
) -> (Dmm, Vec<usize>) {
    // An earlier wave's concerns take the first clusters (its answers anchored there).
    let earlier = reference.iter().map(|r| r.1 + 1).max().unwrap_or(0);
    let (k_fit, r) = match opts.k {
        Some(k) => (k.max(1), Reduce { k_max: k.max(1), min_shared: usize::MAX }),
        // Small questions start from fewer clusters: about 20 answers each at least.
        None => ((docs.len() / 20).clamp(8, opts.k_init.max(8)), Reduce { k_max: opts.k_max.max(1), min_shared: opts.min_shared }),
    };
    let k_fit = if earlier > 0 { k_fit.max(earlier + 8) } else { k_fit };
    if docs.is_empty() {
        return (Dmm { alpha: 0.1, beta: 0.1, vocab, docs: Vec::new(), words: Vec::new(), counts: Vec::new() }, Vec::new());
    }
    // The matters the taxonomy filed the documents under, most frequent first, each an
    // anchored cluster: its documents stay in it, the others are sampled (up to `k_fit`
    // clusters in all; a matter beyond them anchors nothing).
    let hint = |d: usize| opts.hints.get(answers[d]).copied().flatten();
    let mut freq: Vec<(u32, usize)> = Vec::new();
    for d in 0..docs.len() {
        if let Some(h) = hint(d) {
            match freq.iter_mut().find(|x| x.0 == h) {
                Some(x) => x.1 += 1,
                None => freq.push((h, 1)),
            }
        }
    }
    freq.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut anchors: Vec<Option<usize>> =
        (0..docs.len()).map(|d| hint(d).and_then(|h| freq.iter().position(|x| x.0 == h)).map(|a| a + earlier)).collect();
    if !reference.is_empty() {
        // A document the earlier wave's concerns already describe (every term known to
        // them, one of them clearly the most probable) is placed there and stays; the
        // rest are sampled, joining an earlier concern or forming a new one. (Sampled
        // freely, a part of an earlier concern's answers can split off as a "new" one.)
        let earlier_docs: Vec<Vec<(u32, u32)>> = reference.iter().map(|r| r.0.clone()).collect();
        let fixed: Vec<Option<usize>> = reference.iter().map(|r| Some(r.1)).collect();
        let (earlier_labels, then) = super::super::cluster::gsdmm_fit_from(
            &earlier_docs,
            vocab,
            Gsdmm { k_max: earlier, iterations: 1, ..Default::default() },
            opts.seed,
            &fixed,
        );
        let mut anchor_of = vec![usize::MAX; then.k()];
        for (r, &l) in reference.iter().zip(&earlier_labels) {
            if l < anchor_of.len() {
                anchor_of[l] = r.1;
            }
        }
        let mut known = vec![false; vocab];
        for row in &then.counts {
            for (t, &n) in row.iter().enumerate() {
                known[t] |= n > 0.0;
            }
        }
        // (Before a long message's filing: the earlier concern it already belongs to wins.)
        for (d, doc) in docs.iter().enumerate() {
            let all_known = doc.iter().all(|&(t, _)| known.get(t as usize).copied().unwrap_or(false));
            if all_known {
                if let Some(a) = then.best(doc).filter(|&(_, p)| p >= EARLIER_SURE).and_then(|(c, _)| anchor_of.get(c).copied()) {
                    if a != usize::MAX {
                        anchors[d] = Some(a);
                    }
                }
            }
        }
    }
    let all: Vec<Vec<(u32, u32)>>;
    let fitted: &[Vec<(u32, u32)>] = if reference.is_empty() {
        docs
    } else {
        all = docs.iter().cloned().chain(reference.iter().map(|r| r.0.clone())).collect();
        anchors.extend(reference.iter().map(|r| Some(r.1)));
        &all
    };
    let (mut labels, mut dmm) =
        super::super::cluster::gsdmm_fit_from(fitted, vocab, Gsdmm { k_max: k_fit, ..Default::default() }, opts.seed, &anchors);
    // The earlier concerns' clusters are never merged with each other.
    let mut apart = vec![false; dmm.k()];
    for &l in &labels[docs.len()..] {
        if let Some(a) = apart.get_mut(l) {
            *a = true;
        }
    }
    super::super::cluster::reduce_apart(&mut dmm, &mut labels, r, &apart);
    // The earlier answers shape the concerns' words, not how likely a concern is now: their
    // documents leave each cluster's size (else an ambiguous answer leans to the earlier mix
    // and a change looks smaller than it is).
    for &l in &labels[docs.len()..] {
        if let Some(d) = dmm.docs.get_mut(l) {
            *d = (*d - 1.0).max(0.0);
        }
    }
    // Each free document then goes where the merged clusters' words say it belongs; what
    // the sampler held (an anchor below `k_fit`, every earlier answer) stays.
    let fixed: Vec<bool> = anchors.iter().map(|a| a.is_some_and(|c| c < k_fit)).collect();
    super::super::cluster::refine(&mut dmm, fitted, &mut labels, &fixed, REFINE_ROUNDS);
    let reference_labels = labels.split_off(docs.len());
    (dmm, reference_labels)
}

/// Place every clause (codebook first, else the most probable discovered cluster) and
/// list each answer's clusters in the order raised, its primary one first.
pub(super) fn raise(u: &mut Units, dmm: &Dmm, status: &[Status], opts: &ConcernOpts) -> Vec<Vec<usize>> {
    let rule = if opts.one_matter { Primary::WholeAnswer } else { opts.primary };
    let (n, discovered) = (status.len(), dmm.k());
    let placed: Vec<Option<(usize, f64)>> = u
        .units
        .par_iter()
        .zip(u.code.par_iter())
        .map(|(unit, code)| match code {
            Some(c) => Some((discovered + c, 1.0)),
            None => dmm.best(&unit.doc),
        })
        .collect();
    let mut first_confident: Vec<Option<usize>> = vec![None; n];
    if let Primary::FirstConfident(min) = rule {
        for (unit, p) in u.units.iter().zip(&placed) {
            if let Some((c, conf)) = p {
                if *conf >= min && first_confident[unit.answer].is_none() {
                    first_confident[unit.answer] = Some(*c);
                }
            }
        }
    }
    // The whole answer's concern, where the rule needs it.
    let whole: Vec<Option<usize>> = (0..n)
        .into_par_iter()
        .map(|a| match rule {
            _ if status[a] != Status::Answer => None,
            Primary::FirstClause => None,
            Primary::FirstConfident(_) if first_confident[a].is_some() => None,
            _ => dmm.best(&u.answer_doc(a)).map(|x| x.0),
        })
        .collect();
    for (unit, p) in u.units.iter_mut().zip(&placed) {
        unit.cluster = p.map(|x| x.0);
    }
    let mut raised: Vec<Vec<usize>> = vec![Vec::new(); n];
    for unit in &u.units {
        if let Some(c) = unit.cluster {
            if !raised[unit.answer].contains(&c) {
                raised[unit.answer].push(c);
            }
        }
    }
    for (a, r) in raised.iter_mut().enumerate() {
        let p = match rule {
            Primary::FirstClause => None,
            Primary::WholeAnswer => whole[a],
            Primary::FirstConfident(_) => first_confident[a].or(whole[a]),
        };
        if let Some(p) = p {
            r.retain(|&c| c != p);
            r.insert(0, p);
        }
        if opts.one_matter {
            r.truncate(1);
        }
    }
    if opts.one_matter {
        // Every placed clause of an answer goes with the answer's one concern.
        for unit in u.units.iter_mut() {
            if unit.cluster.is_some() {
                unit.cluster = raised[unit.answer].first().copied();
            }
        }
    }
    raised
}

/// Each answer's concern ids: primary first raised, all ascending; the remainder when
/// nothing named was raised.
pub(super) fn assign(status: &[Status], raised: &[Vec<usize>], id_of: &[usize]) -> Vec<Assignment> {
    (0..status.len())
        .map(|i| {
            if status[i] != Status::Answer {
                return Assignment { status: status[i], primary: None, all: Vec::new(), order: Vec::new() };
            }
            let mut order: Vec<usize> = Vec::with_capacity(raised[i].len());
            for &c in &raised[i] {
                if !order.contains(&id_of[c]) {
                    order.push(id_of[c]);
                }
            }
            if order.is_empty() {
                order.push(0);
            }
            let mut all = order.clone();
            all.sort_unstable();
            Assignment { status: Status::Answer, primary: Some(order[0]), all, order }
        })
        .collect()
}

/// Class-based TF-IDF centres over the final concern ids (0 = remainder).
pub(super) fn centres(units: &[Unit], id_of: &[usize], n_ids: usize, vocab: usize) -> Vec<Vec<(u32, f64)>> {
    let mut model =
        Dmm { alpha: 0.1, beta: 0.1, vocab, docs: vec![0.0; n_ids], words: vec![0.0; n_ids], counts: vec![vec![0.0; vocab]; n_ids] };
    for u in units {
        let id = u.cluster.map_or(0, |c| id_of[c]);
        model.docs[id] += 1.0;
        for &(w, n) in &u.doc {
            model.counts[id][w as usize] += n as f64;
            model.words[id] += n as f64;
        }
    }
    model.ctfidf()
}

/// Units by concern id, in input order. The remainder quotes answers no clause of which
/// was placed, or whose concern was too small.
pub(super) fn members(units: &[Unit], id_of: &[usize], n_ids: usize, assignments: &[Assignment]) -> Vec<Vec<usize>> {
    let mut by_id: Vec<Vec<usize>> = vec![Vec::new(); n_ids];
    for (ui, u) in units.iter().enumerate() {
        by_id[u.cluster.map_or(0, |c| id_of[c])].push(ui);
    }
    by_id[0] = (0..units.len()).filter(|&ui| assignments[units[ui].answer].primary == Some(0)).collect();
    by_id
}
