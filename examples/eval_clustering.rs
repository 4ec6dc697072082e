//! Measure the clustering candidates on labelled short texts (NMI / ARI against a label
//! column). Reads `../shared/data/online_shopping_dev.csv` (columns id, cat, label,
//! review) when present; the data is for measuring only and never copied here.
//!
//! `cargo run --release --example eval_clustering -- ../shared/data/online_shopping_dev.csv`
use minyi::text::{cluster, concerns, metrics, normalize, segment::Segmenter, vectorize::Corpus};
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
    let only = std::env::args().nth(2).unwrap_or_default();
    if only.is_empty() || only == "raw" {
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
            let (mut g, mut dmm) = cluster::gsdmm_fit(&corpus.counts, corpus.vocab.len(), cluster::Gsdmm::default(), seed);
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
