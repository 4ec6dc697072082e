//! Measure the clustering candidates on labelled short texts (NMI / ARI against a label
//! column). Reads `../shared/data/online_shopping_dev.csv` (columns id, cat, label,
//! review) when present; the data is for measuring only and never copied here.
//!
//! `cargo run --release --example eval_clustering -- ../shared/data/online_shopping_dev.csv`
use minyi::text::{cluster, metrics, normalize, segment::Segmenter, vectorize::Corpus};
use rayon::prelude::*;
use std::time::Instant;

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
    let corpus = Corpus::build(&docs, 3, 0.5);
    eprintln!("vocabulary: {}", corpus.vocab.len());
    let keep: Vec<usize> = (0..docs.len()).filter(|&d| !corpus.counts[d].is_empty()).collect();
    let score = |labels: &[usize]| {
        let a: Vec<usize> = keep.iter().map(|&d| labels[d]).collect();
        let b: Vec<usize> = keep.iter().map(|&d| truth[d]).collect();
        (metrics::nmi(&a, &b), metrics::ari(&a, &b))
    };
    for k_max in [12usize, 15, 20] {
        for seed in [1u64, 2] {
            let g = cluster::gsdmm(&corpus, cluster::Gsdmm { k_max, ..Default::default() }, seed);
            let k = g.iter().filter(|&&c| c != usize::MAX).max().map_or(0, |m| m + 1);
            let (n, a) = score(&g);
            println!("GSDMM K≤{k_max} seed {seed}: K={k} NMI {n:.3} ARI {a:.3}");
        }
    }
    for seed in [1u64, 2] {
        let t = Instant::now();
        let km = cluster::spherical_kmeans(&corpus, 10, seed, 30);
        let (n, a) = score(&km);
        println!("spherical k-means K=10 seed {seed}: NMI {n:.3} ARI {a:.3} ({:.1} s)", t.elapsed().as_secs_f64());
        let t = Instant::now();
        let g = cluster::gsdmm(&corpus, cluster::Gsdmm { k_max: 10, ..Default::default() }, seed);
        let (n, a) = score(&g);
        println!("GSDMM K≤10 seed {seed}: NMI {n:.3} ARI {a:.3} ({:.1} s)", t.elapsed().as_secs_f64());
        let t = Instant::now();
        let g = cluster::gsdmm(&corpus, cluster::Gsdmm::default(), seed);
        let k = g.iter().filter(|&&c| c != usize::MAX).max().map_or(0, |m| m + 1);
        let (n, a) = score(&g);
        println!("GSDMM K≤30 (auto) seed {seed}: K={k} NMI {n:.3} ARI {a:.3} ({:.1} s)", t.elapsed().as_secs_f64());
    }
    Ok(())
}
