//! Measure the clustering candidates on labelled short texts (NMI / ARI against a label
//! column). Reads `../shared/data/online_shopping_dev.csv` (columns id, cat, label,
//! review) when present; the data is for measuring only and never copied here.
//!
//! `cargo run --release --example eval_clustering -- ../shared/data/online_shopping_dev.csv`
use minyi::text::vectorize::{Corpus, Interner};
use minyi::text::{cluster, concerns, metrics, normalize, segment::Segmenter};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use std::time::Instant;

/// The corpus of documents given as lists of terms, and each document's term counts.
fn build(docs: &[Vec<String>], min_df: usize, max_df_share: f64) -> (Corpus, Vec<Vec<(u32, u32)>>) {
    let mut interner = Interner::default();
    let ids: Vec<Vec<u32>> = docs.iter().map(|d| d.iter().map(|w| interner.id(w)).collect()).collect();
    let corpus = Corpus::vocabulary(&ids, &interner.words, min_df, max_df_share);
    let counts = ids.iter().map(|d| corpus.encode(d)).collect();
    (corpus, counts)
}

/// L2-normalized TF-IDF vector of a document's counts (sublinear tf).
fn tfidf(corpus: &Corpus, counts: &[(u32, u32)]) -> Vec<(u32, f32)> {
    let mut v: Vec<(u32, f32)> = counts.iter().map(|&(i, c)| (i, (1.0 + (c as f32).ln()) * corpus.idf[i as usize])).collect();
    let norm = v.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, x) in &mut v {
            *x /= norm;
        }
    }
    v
}

/// Spherical k-means: returns a cluster per document (empty documents get `usize::MAX`).
fn spherical_kmeans(corpus: &Corpus, counts: &[Vec<(u32, u32)>], k: usize, seed: u64, iterations: usize) -> Vec<usize> {
    let n = counts.len();
    let dim = corpus.vocab.len();
    let vecs: Vec<Vec<(u32, f32)>> = counts.iter().map(|d| tfidf(corpus, d)).collect();
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

fn main() -> anyhow::Result<()> {
    let path = std::env::args().nth(1).unwrap_or_else(|| "../shared/data/online_shopping_dev.csv".into());
    let mut rdr = csv::Reader::from_path(&path)?;
    let mut cats: Vec<String> = Vec::new();
    let mut texts = Vec::new();
    let mut truth = Vec::new();
    for r in rdr.records() {
        let r = r?;
        let cat = r.get(1).unwrap_or("").to_string();
        let i = cats.iter().position(|c| *c == cat).unwrap_or_else(|| {
            cats.push(cat.clone());
            cats.len() - 1
        });
        texts.push(normalize::normalize(r.get(3).unwrap_or("")));
        truth.push(i);
    }
    eprintln!("{} texts, {} categories", texts.len(), cats.len());
    let t = Instant::now();
    let seg = Segmenter::new();
    eprintln!("segmenter: {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let docs: Vec<Vec<String>> = texts.par_iter().map(|s| seg.terms(s)).collect();
    eprintln!("terms: {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
    let (corpus, counts) = build(&docs, 3, 0.5);
    eprintln!("vocabulary: {}", corpus.vocab.len());
    let keep: Vec<usize> = (0..docs.len()).filter(|&d| !counts[d].is_empty()).collect();
    let score = |labels: &[usize]| {
        let a: Vec<usize> = keep.iter().map(|&d| labels[d]).collect();
        let b: Vec<usize> = keep.iter().map(|&d| truth[d]).collect();
        (metrics::nmi(&a, &b), metrics::ari(&a, &b))
    };
    let only = std::env::args().nth(2).unwrap_or_default();
    if only.is_empty() || only == "raw" {
        for seed in [1u64, 2] {
            let t = Instant::now();
            let km = spherical_kmeans(&corpus, &counts, 10, seed, 30);
            let (n, a) = score(&km);
            println!("spherical k-means K=10 seed {seed}: NMI {n:.3} ARI {a:.3} ({:.1} s)", t.elapsed().as_secs_f64());
            let t = Instant::now();
            let g = cluster::gsdmm_fit(&counts, corpus.vocab.len(), cluster::Gsdmm { k_max: 10, ..Default::default() }, seed).0;
            let (n, a) = score(&g);
            println!("GSDMM K≤10 seed {seed}: NMI {n:.3} ARI {a:.3} ({:.1} s)", t.elapsed().as_secs_f64());
            let t = Instant::now();
            let (mut g, mut dmm) = cluster::gsdmm_fit(&counts, corpus.vocab.len(), cluster::Gsdmm::default(), seed);
            let (n, a) = score(&g);
            println!("GSDMM K≤30 seed {seed}: K={} NMI {n:.3} ARI {a:.3} ({:.1} s)", dmm.k(), t.elapsed().as_secs_f64());
            for shared in [1usize, 2, 3, 4, usize::MAX] {
                let (mut g2, mut d2) = (g.clone(), dmm.clone());
                cluster::reduce(&mut d2, &mut g2, cluster::Reduce { k_max: 15, min_shared: shared });
                let (n, a) = score(&g2);
                let rule = if shared == usize::MAX {
                    "stop at 15".to_string()
                } else {
                    format!("then while {shared} of 10 characteristic words shared")
                };
                println!("  merged (≤ 15, {rule}): K={} NMI {n:.3} ARI {a:.3}", d2.k());
            }
            cluster::reduce(&mut dmm, &mut g, cluster::Reduce { k_max: 10, min_shared: usize::MAX });
            let (n, a) = score(&g);
            println!("  merged to K=10: NMI {n:.3} ARI {a:.3}");
        }
    }
    // The whole concern pipeline (clauses, multi-label, primary = first concern raised).
    let refs: Vec<Option<&str>> = texts.iter().map(|t| Some(t.as_str())).collect();
    let variants: Vec<(&str, bool, concerns::Primary)> = if only == "variants" {
        vec![
            ("fit answers, whole answer", true, concerns::Primary::WholeAnswer),
            ("fit answers, first confident 0.9", true, concerns::Primary::FirstConfident(0.9)),
            ("fit answers, first confident 0.5", true, concerns::Primary::FirstConfident(0.5)),
            ("fit answers, first clause", true, concerns::Primary::FirstClause),
            ("fit clauses, first clause", false, concerns::Primary::FirstClause),
            ("fit clauses, whole answer", false, concerns::Primary::WholeAnswer),
        ]
    } else {
        vec![("default", concerns::ConcernOpts::default().fit_answers, concerns::ConcernOpts::default().primary)]
    };
    for (name, k) in [("K=10", Some(10usize)), ("K automatic", None)] {
        for seed in [1u64, 2] {
            for &(vname, fit_answers, primary) in &variants {
                let t = Instant::now();
                let opts = concerns::ConcernOpts { k, seed, fit_answers, primary, ..Default::default() };
                let found = concerns::find(&refs, &seg, &opts);
                let idx: Vec<usize> = (0..texts.len()).filter(|&i| found.assignments[i].primary.is_some()).collect();
                let a: Vec<usize> = idx.iter().map(|&i| found.assignments[i].primary.unwrap_or(0)).collect();
                let b: Vec<usize> = idx.iter().map(|&i| truth[i]).collect();
                let named = found.concerns.iter().filter(|c| c.id > 0).count();
                println!(
                "minyi concerns [{vname}] {name} seed {seed}: {} discovered, {named} named, NMI {:.3} ARI {:.3} over {} answers ({:.1} s)",
                found.discovered,
                metrics::nmi(&a, &b),
                metrics::ari(&a, &b),
                idx.len(),
                t.elapsed().as_secs_f64()
            );
            }
        }
    }
    Ok(())
}
