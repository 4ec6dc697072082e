//! Time the text stage on N unique open answers (segmentation alone, then the whole
//! concern discovery), as the open-answers issue asks:
//!
//! `/usr/bin/time -v cargo run --release --example text_timing -- 1000000`
//!
//! Answers are composed from the sample's phrase banks (one to three concerns, problem or
//! suggestion) and each gets two to four extra clauses of random domain terms and places,
//! redrawn until it is unlike any before it: no answer repeats, so nothing is saved by
//! caching repeated texts.
use minyi::sample::phrases;

// The allocator the `minyi` binary uses (the text stage allocates many small strings).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use minyi::text::{concerns, normalize, segment::Segmenter};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rayon::prelude::*;
use std::collections::HashSet;
use std::time::Instant;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let t = Instant::now();
    let terms: Vec<&str> = include_str!("../data/dict/domain.txt").lines().filter_map(|l| l.split_whitespace().next()).collect();
    let verbs = ["需要整治", "问题突出", "有待改善", "群众意见大", "要加快推进", "没人管", "反映多次", "亟需解决", "希望重视", "进展太慢"];
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    let mut seen: HashSet<String> = HashSet::with_capacity(n);
    let mut texts: Vec<String> = Vec::with_capacity(n);
    while texts.len() < n {
        let bank = if rng.random_bool(0.5) { phrases::RESIDENT } else { phrases::PARK };
        let k = rng.random_range(1..=3usize);
        let mut cs: Vec<usize> = Vec::new();
        while cs.len() < k.min(bank.len()) {
            let c = rng.random_range(0..bank.len());
            if !cs.contains(&c) {
                cs.push(c);
            }
        }
        let suggestion = rng.random_bool(0.4);
        let chosen: Vec<&phrases::Concern> = cs.iter().map(|&c| &bank[c]).collect();
        let mut s = phrases::compose(&mut rng, &chosen, suggestion);
        for _ in 0..rng.random_range(2..=4) {
            let a = terms.choose(&mut rng).unwrap_or(&"");
            let b = terms.choose(&mut rng).unwrap_or(&"");
            s.push_str(&format!("，{a}和{b}{}", verbs.choose(&mut rng).unwrap_or(&"")));
        }
        if seen.insert(s.clone()) {
            texts.push(s);
        }
    }
    drop(seen);
    let bytes: usize = texts.iter().map(String::len).sum();
    eprintln!("{n} unique answers, {:.1} MB, made in {:.1} s", bytes as f64 / 1e6, t.elapsed().as_secs_f64());

    let t = Instant::now();
    let seg = Segmenter::new();
    eprintln!("segmenter: {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let words: usize = texts.par_iter().map(|s| seg.cut(s).len()).sum();
    let s = t.elapsed().as_secs_f64();
    eprintln!(
        "segmentation alone (jieba cut, {} threads): {s:.2} s, {:.1} MB/s, {words} words",
        rayon::current_num_threads(),
        bytes as f64 / 1e6 / s
    );
    let t = Instant::now();
    let terms_n: usize = texts.par_iter().map(|s| seg.terms(&normalize::normalize(s)).len()).sum();
    eprintln!("normalize + terms (tagging, filters): {:.2} s, {terms_n} terms", t.elapsed().as_secs_f64());

    let t = Instant::now();
    let masked: usize = texts.par_iter().filter(|s| matches!(minyi::util::redact::redact(s), std::borrow::Cow::Owned(_))).count();
    eprintln!("redaction (numbers, accounts, names, addresses): {:.2} s, {masked} answers changed", t.elapsed().as_secs_f64());

    let t = Instant::now();
    let refs: Vec<Option<&str>> = texts.iter().map(|t| Some(t.as_str())).collect();
    let found = concerns::find(&refs, &seg, &concerns::ConcernOpts::default());
    eprintln!(
        "whole concern discovery: {:.2} s ({} answered, {} discovered, {} concerns named)",
        t.elapsed().as_secs_f64(),
        found.answered,
        found.discovered,
        found.concerns.iter().filter(|c| c.id > 0).count()
    );
    let t = Instant::now();
    let (kw, _) = seg.keywords(&texts.iter().take(20_000).map(String::as_str).collect::<Vec<_>>().join("\n"), 50);
    let net = minyi::text::keywords::network(&found.terms, &found.words, 40, 60);
    eprintln!("keywords + network: {:.2} s ({} keywords, {} edges)", t.elapsed().as_secs_f64(), kw.len(), net.edges.len());
}
