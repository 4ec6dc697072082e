//! Candidate clusterings of short texts, both seeded and deterministic:
//! spherical k-means on TF-IDF (k-means++ seeding, cosine similarity) and GSDMM, the
//! Gibbs-sampling Dirichlet multinomial mixture for short texts (Yin & Wang, KDD 2014),
//! which finds the number of clusters itself up to `k_max`.
//!
//! Written here because no maintained crate clusters sparse vectors on the sphere or
//! implements GSDMM; both are short and their steps follow the papers.

use super::vectorize::Corpus;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Spherical k-means: returns a cluster per document (empty documents get `usize::MAX`).
pub fn spherical_kmeans(corpus: &Corpus, k: usize, seed: u64, iterations: usize) -> Vec<usize> {
    let n = corpus.counts.len();
    let dim = corpus.vocab.len();
    let vecs: Vec<Vec<(u32, f32)>> = (0..n).map(|d| corpus.tfidf(d)).collect();
    let live: Vec<usize> = (0..n).filter(|&d| !vecs[d].is_empty()).collect();
    let mut labels = vec![usize::MAX; n];
    if live.is_empty() || k == 0 || dim == 0 {
        return labels;
    }
    let k = k.min(live.len());
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let dot = |v: &[(u32, f32)], c: &[f32]| v.iter().map(|&(i, x)| x * c[i as usize]).sum::<f32>();
    // k-means++ on cosine distance.
    let mut centres: Vec<Vec<f32>> = Vec::with_capacity(k);
    let to_dense = |v: &[(u32, f32)]| {
        let mut c = vec![0f32; dim];
        for &(i, x) in v {
            c[i as usize] = x;
        }
        c
    };
    centres.push(to_dense(&vecs[live[rng.random_range(0..live.len())]]));
    let mut best: Vec<f32> = live.iter().map(|&d| 1.0 - dot(&vecs[d], &centres[0])).collect();
    while centres.len() < k {
        let total: f32 = best.iter().map(|x| x.max(0.0)).sum();
        let mut pick = rng.random::<f32>() * total;
        let mut chosen = live.len() - 1;
        for (j, b) in best.iter().enumerate() {
            pick -= b.max(0.0);
            if pick <= 0.0 {
                chosen = j;
                break;
            }
        }
        let c = to_dense(&vecs[live[chosen]]);
        for (j, &d) in live.iter().enumerate() {
            best[j] = best[j].min(1.0 - dot(&vecs[d], &c));
        }
        centres.push(c);
    }
    for _ in 0..iterations {
        let mut changed = false;
        for &d in &live {
            let (mut bi, mut bs) = (0, f32::NEG_INFINITY);
            for (ci, c) in centres.iter().enumerate() {
                let s = dot(&vecs[d], c);
                if s > bs {
                    bs = s;
                    bi = ci;
                }
            }
            changed |= labels[d] != bi;
            labels[d] = bi;
        }
        let mut sums = vec![vec![0f32; dim]; k];
        for &d in &live {
            for &(i, x) in &vecs[d] {
                sums[labels[d]][i as usize] += x;
            }
        }
        for (ci, s) in sums.into_iter().enumerate() {
            let norm = s.iter().map(|x| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                centres[ci] = s.into_iter().map(|x| x / norm).collect();
            }
        }
        if !changed {
            break;
        }
    }
    labels
}

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

/// GSDMM: a cluster per document (empty documents get `usize::MAX`). Clusters that end
/// empty are dropped and the rest renumbered 0.. by size (largest first).
pub fn gsdmm(corpus: &Corpus, p: Gsdmm, seed: u64) -> Vec<usize> {
    let n = corpus.counts.len();
    let v = corpus.vocab.len();
    let k = p.k_max.max(1);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut m_z = vec![0u32; k];
    let mut n_z = vec![0u32; k];
    let mut n_zw = vec![0u32; k * v];
    let mut z = vec![usize::MAX; n];
    let len = |d: usize| corpus.counts[d].iter().map(|&(_, c)| c).sum::<u32>();
    for d in 0..n {
        if corpus.counts[d].is_empty() {
            continue;
        }
        let c = rng.random_range(0..k);
        z[d] = c;
        m_z[c] += 1;
        n_z[c] += len(d);
        for &(w, cnt) in &corpus.counts[d] {
            n_zw[c * v + w as usize] += cnt;
        }
    }
    let docs = corpus.counts.iter().filter(|c| !c.is_empty()).count() as f64;
    let vb = v as f64 * p.beta;
    let mut logp = vec![0f64; k];
    for _ in 0..p.iterations {
        for d in 0..n {
            let c = z[d];
            if c == usize::MAX {
                continue;
            }
            let nd = len(d);
            m_z[c] -= 1;
            n_z[c] -= nd;
            for &(w, cnt) in &corpus.counts[d] {
                n_zw[c * v + w as usize] -= cnt;
            }
            for (ci, lp) in logp.iter_mut().enumerate() {
                let mut s = ((m_z[ci] as f64 + p.alpha) / (docs - 1.0 + k as f64 * p.alpha)).ln();
                for &(w, cnt) in &corpus.counts[d] {
                    let base = n_zw[ci * v + w as usize] as f64 + p.beta;
                    for j in 0..cnt {
                        s += (base + j as f64).ln();
                    }
                }
                for i in 0..nd {
                    s -= (n_z[ci] as f64 + vb + i as f64).ln();
                }
                *lp = s;
            }
            let max = logp.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let total: f64 = logp.iter().map(|l| (l - max).exp()).sum();
            let mut x = rng.random::<f64>() * total;
            let mut nc = k - 1;
            for (ci, l) in logp.iter().enumerate() {
                x -= (l - max).exp();
                if x <= 0.0 {
                    nc = ci;
                    break;
                }
            }
            z[d] = nc;
            m_z[nc] += 1;
            n_z[nc] += nd;
            for &(w, cnt) in &corpus.counts[d] {
                n_zw[nc * v + w as usize] += cnt;
            }
        }
    }
    // Renumber by size, largest first (ties by old number: deterministic).
    let mut order: Vec<usize> = (0..k).filter(|&c| m_z[c] > 0).collect();
    order.sort_by(|a, b| m_z[*b].cmp(&m_z[*a]).then(a.cmp(b)));
    let mut map = vec![usize::MAX; k];
    for (new, &old) in order.iter().enumerate() {
        map[old] = new;
    }
    z.into_iter().map(|c| if c == usize::MAX { c } else { map[c] }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> (Corpus, Vec<usize>) {
        let groups = [["垃圾", "分类", "清运"], ["噪声", "施工", "夜间"], ["河道", "发臭", "污水"]];
        let mut docs = Vec::new();
        let mut truth = Vec::new();
        for i in 0..60 {
            let g = i % 3;
            let w = groups[g];
            docs.push(vec![w[i % 3].to_string(), w[(i + 1) % 3].to_string()]);
            truth.push(g);
        }
        (Corpus::build(&docs, 1, 1.0), truth)
    }

    #[test]
    fn both_recover_separated_groups_and_are_deterministic() {
        let (c, truth) = toy();
        let km = spherical_kmeans(&c, 3, 7, 20);
        assert!(super::super::metrics::nmi(&km, &truth) > 0.99);
        assert_eq!(km, spherical_kmeans(&c, 3, 7, 20));
        let g = gsdmm(&c, Gsdmm { k_max: 10, ..Default::default() }, 7);
        assert!(super::super::metrics::nmi(&g, &truth) > 0.99, "{g:?}");
        assert_eq!(g, gsdmm(&c, Gsdmm { k_max: 10, ..Default::default() }, 7));
        assert_eq!(g.iter().max(), Some(&2), "three clusters found among ten allowed");
    }
}
