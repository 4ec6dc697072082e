//! Clustering of short texts, seeded and deterministic: GSDMM, the Gibbs-sampling
//! Dirichlet multinomial mixture for short texts (Yin & Wang, KDD 2014), which finds the
//! number of clusters itself up to `k_max`, and the merging of its clusters to a readable
//! number.
//!
//! Written here because no maintained crate implements GSDMM; it is short and its steps
//! follow the paper. (The spherical k-means baseline it was chosen against lives in
//! `examples/eval_clustering.rs`.)

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// GSDMM parameters.
#[derive(Debug, Clone, Copy)]
pub struct Gsdmm {
    pub k_max: usize,
    pub alpha: f64,
    pub beta: f64,
    pub iterations: usize,
}

impl Default for Gsdmm {
    fn default() -> Self {
        Gsdmm { k_max: 30, alpha: 0.1, beta: 0.1, iterations: 30 }
    }
}

/// A fitted Dirichlet multinomial mixture: per cluster, its number of documents, of
/// words, and of each term. Enough to place new documents and to merge clusters.
#[derive(Debug, Clone)]
pub struct Dmm {
    pub alpha: f64,
    pub beta: f64,
    pub vocab: usize,
    pub docs: Vec<f64>,
    pub words: Vec<f64>,
    /// Dense term counts, one row of `vocab` per cluster.
    pub counts: Vec<Vec<f64>>,
}

impl Dmm {
    pub fn k(&self) -> usize {
        self.docs.len()
    }

    /// Log of each cluster's unnormalised posterior for a document.
    pub(crate) fn log_posterior(&self, doc: &[(u32, u32)]) -> Vec<f64> {
        let total: f64 = self.docs.iter().sum();
        let vb = self.vocab as f64 * self.beta;
        let nd: u32 = doc.iter().map(|&(_, c)| c).sum();
        (0..self.k())
            .map(|c| {
                let mut s = ((self.docs[c] + self.alpha) / (total + self.k() as f64 * self.alpha)).ln();
                for &(w, cnt) in doc {
                    let base = self.counts[c].get(w as usize).copied().unwrap_or(0.0) + self.beta;
                    for j in 0..cnt {
                        s += (base + j as f64).ln();
                    }
                }
                for i in 0..nd {
                    s -= (self.words[c] + vb + i as f64).ln();
                }
                s
            })
            .collect()
    }

    /// The most probable cluster of a document and its posterior probability; `None`
    /// for a document without known terms.
    pub(crate) fn best(&self, doc: &[(u32, u32)]) -> Option<(usize, f64)> {
        if doc.is_empty() || self.k() == 0 {
            return None;
        }
        let lp = self.log_posterior(doc);
        let max = lp.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let total: f64 = lp.iter().map(|l| (l - max).exp()).sum();
        let best = lp.iter().position(|&l| l == max)?;
        Some((best, 1.0 / total))
    }

    /// Class-based TF-IDF of every cluster (L2-normalised, sparse): a term's share of
    /// the cluster's words × ln(1 + mean words per cluster / the term's total).
    pub(crate) fn ctfidf(&self) -> Vec<Vec<(u32, f64)>> {
        let k = self.k().max(1) as f64;
        let mean = self.words.iter().sum::<f64>() / k;
        let mut term_total = vec![0f64; self.vocab];
        for row in &self.counts {
            for (t, &n) in term_total.iter_mut().zip(row) {
                *t += n;
            }
        }
        (0..self.k())
            .map(|c| {
                let mut v: Vec<(u32, f64)> = self.counts[c]
                    .iter()
                    .enumerate()
                    .filter(|(_, &n)| n > 0.0)
                    .map(|(w, &n)| (w as u32, n / self.words[c].max(1.0) * (1.0 + mean / term_total[w]).ln()))
                    .collect();
                let norm = v.iter().map(|(_, x)| x * x).sum::<f64>().sqrt();
                if norm > 0.0 {
                    v.iter_mut().for_each(|(_, x)| *x /= norm);
                }
                v
            })
            .collect()
    }

    /// Fold cluster `b` into `a` (`a < b`) and remove `b` (clusters after it shift down by one).
    fn merge(&mut self, a: usize, b: usize) {
        self.docs[a] += self.docs[b];
        self.words[a] += self.words[b];
        let row = self.counts.remove(b);
        for (x, y) in self.counts[a].iter_mut().zip(row) {
            *x += y;
        }
        self.docs.remove(b);
        self.words.remove(b);
    }
}

/// Pseudo-words of the corpus-wide distribution added to each cluster before its
/// characteristic words are chosen.
const SHRINK: f64 = 50.0;

/// Jensen–Shannon divergence (nats) between two clusters' word distributions (term
/// counts `a`, `b` summing to `na`, `nb`) with weights `wa` and `1 − wa`.
fn js(a: &[f64], na: f64, b: &[f64], nb: f64, wa: f64) -> f64 {
    let h = |p: f64| if p > 0.0 { -p * p.ln() } else { 0.0 };
    let wb = 1.0 - wa;
    let mut s = 0.0;
    for (x, y) in a.iter().zip(b) {
        if *x == 0.0 && *y == 0.0 {
            continue;
        }
        let (p, q) = (x / na.max(1.0), y / nb.max(1.0));
        s += h(wa * p + wb * q) - wa * h(p) - wb * h(q);
    }
    s.max(0.0)
}

/// How far to merge the clusters of a fitted model.
#[derive(Debug, Clone, Copy)]
pub struct Reduce {
    /// Merge while more clusters than this remain.
    pub k_max: usize,
    /// Then go on merging pairs that share at least this many of their
    /// [`TOP_WORDS`] most characteristic words (`usize::MAX`: stop at `k_max`).
    pub min_shared: usize,
}

/// Words that characterise a cluster when deciding whether two say the same thing.
pub(crate) const TOP_WORDS: usize = 10;

/// A cluster's most characteristic words: those more frequent in it than in the corpus,
/// by their contribution to its divergence from the corpus (counts shrunk towards the
/// corpus, so that a few uses in a small cluster do not count for much).
fn characteristic(counts: &[f64], n: f64, global: &[f64], top: usize) -> Vec<usize> {
    let mut s: Vec<(f64, usize)> = counts
        .iter()
        .zip(global)
        .enumerate()
        .filter(|(_, (_, &g))| g > 0.0)
        .filter_map(|(w, (&x, &g))| {
            let p = (x + SHRINK * g) / (n + SHRINK);
            (p > g).then(|| (p * (p / g).ln(), w))
        })
        .collect();
    s.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    s.into_iter().take(top).map(|x| x.1).collect()
}

/// Agglomerate clusters as the agglomerative information bottleneck does (Slonim &
/// Tishby 1999): merge the pair losing the least information about the words — the
/// size-weighted Jensen–Shannon divergence of their word distributions — while more than
/// `k_max` remain. Then merge the two clusters sharing most of their characteristic words
/// while they share at least `min_shared` (two fragments of one concern are told by the
/// same words; two concerns named together in many answers are not — a divergence
/// threshold could not tell these apart: on the samples, fragments of one concern and
/// distinct concerns overlapped between 0.26 and 0.28 nats). Finally order clusters by
/// size. Updates `labels` (cluster per fitted document, `usize::MAX` for none).
pub fn reduce(dmm: &mut Dmm, labels: &mut [usize], r: Reduce) {
    reduce_apart(dmm, labels, r, &[]);
}

/// [`reduce`], never merging two clusters marked in `apart` (an earlier wave's concerns:
/// each keeps its own cluster, so none is silently absorbed by another). Stops short of
/// `k_max` when only such pairs are left.
pub fn reduce_apart(dmm: &mut Dmm, labels: &mut [usize], r: Reduce, apart: &[bool]) {
    let mut apart: Vec<bool> = (0..dmm.k()).map(|c| apart.get(c).copied().unwrap_or(false)).collect();
    let mut members: Vec<Vec<usize>> = (0..dmm.k()).map(|c| vec![c]).collect();
    let total_words: f64 = dmm.words.iter().sum::<f64>().max(1.0);
    let mut global = vec![0f64; dmm.vocab];
    for row in &dmm.counts {
        for (g, x) in global.iter_mut().zip(row) {
            *g += x / total_words;
        }
    }
    let loss = |d: &Dmm, apart: &[bool], a: usize, b: usize| {
        if apart[a] && apart[b] {
            return f64::INFINITY;
        }
        let (na, nb) = (d.words[a], d.words[b]);
        let w = (na + nb).max(1.0);
        w / total_words * js(&d.counts[a], na, &d.counts[b], nb, na / w)
    };
    // Pairwise losses, kept up to date: only the merged cluster's row changes.
    let k0 = dmm.k();
    let mut losses: Vec<Vec<f64>> = (0..k0).map(|a| (0..k0).map(|b| if a < b { loss(dmm, &apart, a, b) } else { 0.0 }).collect()).collect();
    while dmm.k() > 1 {
        let k = dmm.k();
        let (a, b) = if k > r.k_max.max(1) {
            let mut best = (f64::INFINITY, 0, 0);
            for (a, row) in losses.iter().enumerate() {
                for (b, &l) in row.iter().enumerate().skip(a + 1) {
                    if l < best.0 {
                        best = (l, a, b);
                    }
                }
            }
            if !best.0.is_finite() {
                break;
            }
            (best.1, best.2)
        } else {
            if r.min_shared > TOP_WORDS {
                break;
            }
            let tops: Vec<Vec<usize>> = (0..k).map(|c| characteristic(&dmm.counts[c], dmm.words[c], &global, TOP_WORDS)).collect();
            // Most shared words first; ties by the smaller information loss.
            // (A pair kept apart has an infinite loss and is never a candidate.)
            let mut most: Option<(usize, f64, usize, usize)> = None;
            for x in 0..k {
                for y in x + 1..k {
                    if !losses[x][y].is_finite() {
                        continue;
                    }
                    let shared = tops[x].iter().filter(|w| tops[y].contains(w)).count();
                    if most.is_none_or(|m| shared > m.0 || (shared == m.0 && losses[x][y] < m.1)) {
                        most = Some((shared, losses[x][y], x, y));
                    }
                }
            }
            match most {
                Some(m) if m.0 >= r.min_shared => (m.2, m.3),
                _ => break,
            }
        };
        dmm.merge(a, b);
        let moved = members.remove(b);
        members[a].extend(moved);
        apart[a] |= apart.remove(b);
        losses.remove(b);
        for row in losses.iter_mut() {
            row.remove(b);
        }
        for x in 0..dmm.k() {
            if x != a {
                let (lo, hi) = (x.min(a), x.max(a));
                losses[lo][hi] = loss(dmm, &apart, lo, hi);
            }
        }
    }
    // Order by documents, largest first (ties by the smallest original cluster).
    let mut order: Vec<usize> = (0..dmm.k()).collect();
    order.sort_by(|&a, &b| dmm.docs[b].total_cmp(&dmm.docs[a]).then(members[a].iter().min().cmp(&members[b].iter().min())));
    let old_k = members.iter().map(|m| m.iter().max().map_or(0, |x| x + 1)).max().unwrap_or(0);
    let mut map = vec![usize::MAX; old_k];
    for (new, &c) in order.iter().enumerate() {
        for &o in &members[c] {
            map[o] = new;
        }
    }
    *dmm = Dmm {
        alpha: dmm.alpha,
        beta: dmm.beta,
        vocab: dmm.vocab,
        docs: order.iter().map(|&c| dmm.docs[c]).collect(),
        words: order.iter().map(|&c| dmm.words[c]).collect(),
        counts: order.iter().map(|&c| std::mem::take(&mut dmm.counts[c])).collect(),
    };
    for l in labels.iter_mut() {
        if *l != usize::MAX {
            *l = map[*l];
        }
    }
}

/// Hard reassignment after the clusters are merged (classification EM): every free
/// document moves to the cluster most probable for it under the others' words (its own
/// words taken out of its current cluster first), then the clusters' counts are rebuilt;
/// again until nothing moves, at most `rounds` times (all documents move at once each
/// round, so two groups could swap back and forth: the bound ends that). Returns how
/// many moves were made. The sampler's last state leaves some
/// documents where a draw put them, and a merge joins whole clusters: a cluster holding a
/// few documents of another matter keeps their words and attracts more of them. Documents
/// with `fixed[d]` (anchored) stay; no cluster is emptied. Deterministic: each round
/// scores every document against the same counts.
pub fn refine(dmm: &mut Dmm, docs: &[Vec<(u32, u32)>], labels: &mut [usize], fixed: &[bool], rounds: usize) -> usize {
    use rayon::prelude::*;
    let k = dmm.k();
    let mut moved_total = 0;
    if k < 2 {
        return 0;
    }
    for _ in 0..rounds {
        let total: f64 = dmm.docs.iter().sum();
        let vb = dmm.vocab as f64 * dmm.beta;
        let want: Vec<usize> = docs
            .par_iter()
            .zip(labels.par_iter())
            .enumerate()
            .map(|(d, (doc, &own))| {
                if own >= k || doc.is_empty() || fixed.get(d).copied().unwrap_or(false) {
                    return own;
                }
                let nd: u32 = doc.iter().map(|&(_, c)| c).sum();
                // (On an exact tie the document stays.)
                let mut best = (f64::NEG_INFINITY, own);
                for c in 0..k {
                    let mine = if c == own { 1.0 } else { 0.0 };
                    let mut s = (dmm.docs[c] - mine + dmm.alpha).max(dmm.alpha).ln() - (total - 1.0 + k as f64 * dmm.alpha).ln();
                    for &(w, cnt) in doc {
                        let base = (dmm.counts[c].get(w as usize).copied().unwrap_or(0.0) - mine * cnt as f64).max(0.0) + dmm.beta;
                        for j in 0..cnt {
                            s += (base + j as f64).ln();
                        }
                    }
                    let words = (dmm.words[c] - mine * nd as f64).max(0.0);
                    for i in 0..nd {
                        s -= (words + vb + i as f64).ln();
                    }
                    if s > best.0 || (s == best.0 && c == own) {
                        best = (s, c);
                    }
                }
                best.1
            })
            .collect();
        // Keep every cluster: a cluster all of whose documents would leave keeps them.
        let mut left = dmm.docs.clone();
        for (d, (&w, &own)) in want.iter().zip(labels.iter()).enumerate() {
            if w != own && own < k && !docs[d].is_empty() {
                left[own] -= 1.0;
            }
        }
        let mut moved = 0;
        for (d, &w) in want.iter().enumerate() {
            let own = labels[d];
            if w == own || own >= k || left[own] < 0.5 {
                continue;
            }
            for &(t, c) in &docs[d] {
                dmm.counts[own][t as usize] -= c as f64;
                dmm.counts[w][t as usize] += c as f64;
            }
            let n: f64 = docs[d].iter().map(|&(_, c)| c as f64).sum();
            dmm.words[own] -= n;
            dmm.words[w] += n;
            dmm.docs[own] -= 1.0;
            dmm.docs[w] += 1.0;
            labels[d] = w;
            moved += 1;
        }
        moved_total += moved;
        if moved == 0 {
            break;
        }
    }
    moved_total
}

/// GSDMM on documents given as sorted (term, count) lists over a vocabulary of `v`
/// terms: the cluster of each document and the fitted model (non-empty clusters only,
/// ordered by size).
pub fn gsdmm_fit(docs: &[Vec<(u32, u32)>], v: usize, p: Gsdmm, seed: u64) -> (Vec<usize>, Dmm) {
    gsdmm_fit_from(docs, v, p, seed, &[])
}

/// GSDMM with anchors: a document given a cluster (`anchors[d]`, where it is `Some` and
/// below `k_max`) starts there and stays; the others start in random clusters and are
/// sampled as usual (joining an anchored cluster or one of the free ones).
pub fn gsdmm_fit_from(docs: &[Vec<(u32, u32)>], v: usize, p: Gsdmm, seed: u64, anchors: &[Option<usize>]) -> (Vec<usize>, Dmm) {
    let k = p.k_max.max(1);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut s = Sampler { docs, k, m_z: vec![0; k], n_z: vec![0; k], n_wz: vec![0; v * k], z: vec![usize::MAX; docs.len()] };
    for d in 0..docs.len() {
        if !docs[d].is_empty() {
            let c = match anchors.get(d).copied().flatten() {
                Some(c) if c < k => c,
                _ => rng.random_range(0..k),
            };
            s.add(d, c);
        }
    }
    let ln = LnTables::new(docs, v, k, p);
    let mut logp = vec![0f64; k];
    for _ in 0..p.iterations {
        let mut moved = 0usize;
        for d in 0..docs.len() {
            let c = s.z[d];
            if c == usize::MAX || anchors.get(d).copied().flatten().is_some_and(|x| x < k) {
                continue;
            }
            s.remove(d, c);
            s.log_scores(d, &ln, &mut logp);
            let nc = draw(&logp, &mut rng);
            moved += usize::from(nc != c);
            s.add(d, nc);
        }
        if moved == 0 {
            break;
        }
    }
    s.into_model(v, p)
}

/// The collapsed Gibbs sampler's counts: documents per cluster (`m_z`), words per
/// cluster (`n_z`), each term's count per cluster (`n_wz`, term-major), and each
/// document's cluster (`z`, `usize::MAX` for an empty document).
struct Sampler<'a> {
    docs: &'a [Vec<(u32, u32)>],
    k: usize,
    m_z: Vec<u32>,
    n_z: Vec<u32>,
    n_wz: Vec<u32>,
    z: Vec<usize>,
}

/// Logarithms of every count that can occur, computed once: the sampler's inner loop
/// then only adds table entries (the same values `ln` would give, so results are equal).
struct LnTables {
    beta: Vec<f64>,
    vb: Vec<f64>,
    alpha: Vec<f64>,
    norm: f64,
}

impl LnTables {
    fn new(docs: &[Vec<(u32, u32)>], v: usize, k: usize, p: Gsdmm) -> LnTables {
        let live = docs.iter().filter(|c| !c.is_empty()).count() as f64;
        let vb = v as f64 * p.beta;
        let total: usize = docs.iter().map(|d| d.iter().map(|&(_, c)| c as usize).sum::<usize>()).sum();
        let longest = docs.iter().map(|d| d.iter().map(|&(_, c)| c as usize).sum::<usize>()).max().unwrap_or(0);
        LnTables {
            beta: (0..=total + longest).map(|x| (x as f64 + p.beta).ln()).collect(),
            vb: (0..=total + longest).map(|x| (x as f64 + vb).ln()).collect(),
            alpha: (0..=docs.len()).map(|x| (x as f64 + p.alpha).ln()).collect(),
            norm: (live - 1.0 + k as f64 * p.alpha).ln(),
        }
    }
}

impl Sampler<'_> {
    fn len(&self, d: usize) -> u32 {
        self.docs[d].iter().map(|&(_, c)| c).sum::<u32>()
    }

    fn add(&mut self, d: usize, c: usize) {
        self.z[d] = c;
        self.m_z[c] += 1;
        self.n_z[c] += self.len(d);
        for &(w, cnt) in &self.docs[d] {
            self.n_wz[w as usize * self.k + c] += cnt;
        }
    }

    fn remove(&mut self, d: usize, c: usize) {
        self.m_z[c] -= 1;
        self.n_z[c] -= self.len(d);
        for &(w, cnt) in &self.docs[d] {
            self.n_wz[w as usize * self.k + c] -= cnt;
        }
    }

    /// The log of each cluster's (unnormalized) probability for document `d`. Term-major
    /// counts: each term's clusters are adjacent, so the clusters' sums run side by side
    /// (each cluster still adds its terms in the same order).
    fn log_scores(&self, d: usize, ln: &LnTables, logp: &mut [f64]) {
        let k = self.k;
        for (ci, lp) in logp.iter_mut().enumerate() {
            *lp = ln.alpha[self.m_z[ci] as usize] - ln.norm;
        }
        for &(w, cnt) in &self.docs[d] {
            let row = &self.n_wz[w as usize * k..(w as usize + 1) * k];
            for j in 0..cnt as usize {
                for (lp, &x) in logp.iter_mut().zip(row) {
                    *lp += ln.beta[x as usize + j];
                }
            }
        }
        let nd = self.len(d) as usize;
        for (lp, &nz) in logp.iter_mut().zip(&self.n_z) {
            for i in 0..nd {
                *lp -= ln.vb[nz as usize + i];
            }
        }
    }

    /// The fitted model, clusters renumbered by size, largest first (ties by old number:
    /// deterministic), and each document's cluster in the new numbering.
    fn into_model(self, v: usize, p: Gsdmm) -> (Vec<usize>, Dmm) {
        let k = self.k;
        let mut order: Vec<usize> = (0..k).filter(|&c| self.m_z[c] > 0).collect();
        order.sort_by(|a, b| self.m_z[*b].cmp(&self.m_z[*a]).then(a.cmp(b)));
        let mut map = vec![usize::MAX; k];
        for (new, &old) in order.iter().enumerate() {
            map[old] = new;
        }
        let dmm = Dmm {
            alpha: p.alpha,
            beta: p.beta,
            vocab: v,
            docs: order.iter().map(|&c| self.m_z[c] as f64).collect(),
            words: order.iter().map(|&c| self.n_z[c] as f64).collect(),
            counts: order.iter().map(|&c| (0..v).map(|w| self.n_wz[w * k + c] as f64).collect()).collect(),
        };
        (self.z.into_iter().map(|c| if c == usize::MAX { c } else { map[c] }).collect(), dmm)
    }
}

/// A cluster drawn with probability proportional to `exp(logp)`.
fn draw(logp: &[f64], rng: &mut ChaCha8Rng) -> usize {
    let max = logp.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let total: f64 = logp.iter().map(|l| (l - max).exp()).sum();
    let mut x = rng.random::<f64>() * total;
    let mut nc = logp.len() - 1;
    for (ci, l) in logp.iter().enumerate() {
        x -= (l - max).exp();
        if x <= 0.0 {
            nc = ci;
            break;
        }
    }
    nc
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sixty two-word documents from three disjoint groups of words (ids 0–8).
    fn toy() -> (Vec<Vec<(u32, u32)>>, Vec<usize>) {
        let mut docs = Vec::new();
        let mut truth = Vec::new();
        for i in 0..60u32 {
            let g = i % 3;
            let mut d = vec![(g * 3 + i % 3, 1), (g * 3 + (i + 1) % 3, 1)];
            d.sort_unstable();
            docs.push(d);
            truth.push(g as usize);
        }
        (docs, truth)
    }

    #[test]
    fn gsdmm_recovers_separated_groups_and_is_deterministic() {
        let (docs, truth) = toy();
        let g = gsdmm_fit(&docs, 9, Gsdmm { k_max: 10, ..Default::default() }, 7).0;
        assert!(super::super::metrics::nmi(&g, &truth) > 0.99, "{g:?}");
        assert_eq!(g, gsdmm_fit(&docs, 9, Gsdmm { k_max: 10, ..Default::default() }, 7).0);
        assert_eq!(g.iter().max(), Some(&2), "three clusters found among ten allowed");
    }

    /// A document the sampler left in the wrong cluster moves to where its words are; an
    /// anchored one stays, and no cluster is emptied.
    #[test]
    fn refine_moves_stray_documents_home() {
        let (docs, truth) = toy();
        // Documents 1 and 4 (group 1) and 2 (group 2) put in cluster 0.
        let mut wrong = truth.clone();
        for d in [1, 4, 2] {
            wrong[d] = 0;
        }
        let all: Vec<Option<usize>> = wrong.iter().map(|&c| Some(c)).collect();
        let (mut labels, mut dmm) = gsdmm_fit_from(&docs, 9, Gsdmm { k_max: 3, iterations: 1, ..Default::default() }, 1, &all);
        // (The fit numbers clusters by size: documents 0, 7 and 5 stand for groups 0–2.)
        let of = [labels[0], labels[7], labels[5]];
        assert_eq!(labels, wrong.iter().map(|&g| of[g]).collect::<Vec<_>>());
        let mut fixed = vec![false; docs.len()];
        fixed[4] = true;
        let moved = refine(&mut dmm, &docs, &mut labels, &fixed, 10);
        assert_eq!(moved, 2);
        let mut expect: Vec<usize> = truth.iter().map(|&g| of[g]).collect();
        expect[4] = of[0];
        assert_eq!(labels, expect);
        // The model's counts follow the labels.
        assert_eq!((dmm.docs[of[0]], dmm.docs[of[1]], dmm.docs[of[2]]), (21.0, 19.0, 20.0));
        assert_eq!(dmm.counts[of[2]].iter().sum::<f64>(), 40.0);
        // A cluster whose every document would leave keeps them.
        let lone: Vec<Option<usize>> = (0..docs.len()).map(|d| Some(if d == 0 { 2 } else { truth[d] % 2 })).collect();
        let (mut labels, mut dmm) = gsdmm_fit_from(&docs, 9, Gsdmm { k_max: 3, iterations: 1, ..Default::default() }, 1, &lone);
        let before = labels.clone();
        refine(&mut dmm, &docs, &mut labels, &[], 10);
        assert_eq!(dmm.k(), 3);
        assert!(dmm.docs.iter().all(|&n| n >= 1.0), "{:?}", dmm.docs);
        assert_eq!(labels.iter().filter(|&&l| l == labels[0]).count(), before.iter().filter(|&&l| l == before[0]).count());
    }

    /// Clusters kept apart are never merged with each other, even when asked for fewer
    /// clusters than they are; a free one still merges into one of them.
    #[test]
    fn clusters_kept_apart_stay_apart() {
        let (docs, _) = toy();
        // Group 0 anchored in cluster 0, group 1 in cluster 1, group 2 free.
        let anchors: Vec<Option<usize>> = (0..docs.len())
            .map(|i| match i % 3 {
                0 => Some(0),
                1 => Some(1),
                _ => None,
            })
            .collect();
        let (mut labels, mut dmm) = gsdmm_fit_from(&docs, 9, Gsdmm { k_max: 6, ..Default::default() }, 3, &anchors);
        let mut apart = vec![false; dmm.k()];
        for (i, &l) in labels.iter().enumerate() {
            if anchors[i].is_some() {
                apart[l] = true;
            }
        }
        reduce_apart(&mut dmm, &mut labels, Reduce { k_max: 1, min_shared: usize::MAX }, &apart);
        assert_eq!(dmm.k(), 2, "the two kept apart remain, the free one merged into one of them");
        assert_ne!(labels[0], labels[1]);
        let (mut l2, mut d2) = gsdmm_fit_from(&docs, 9, Gsdmm { k_max: 6, ..Default::default() }, 3, &anchors);
        reduce(&mut d2, &mut l2, Reduce { k_max: 1, min_shared: usize::MAX });
        assert_eq!(d2.k(), 1, "without the mark everything merges");
    }
}
