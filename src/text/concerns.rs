//! Concerns of one open question: answers → clauses → terms → GSDMM clusters → named
//! concerns with their share of respondents, keywords (class-based TF-IDF), quotes and
//! suggestions. Small clusters go to a counted remainder, never hidden.
//!
//! Not yet wired into `minyi run` (its outputs come with the rest of the open-answers
//! issue); tested on the samples' planted concerns.

use super::cluster::{gsdmm, Gsdmm};
use super::normalize::{clauses, is_non_answer, normalize};
use super::segment::Segmenter;
use super::vectorize::Corpus;
use crate::stats::math::wilson;
use rayon::prelude::*;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Answer,
    NonAnswer,
    Empty,
}

#[derive(Debug, Clone)]
pub struct ConcernOpts {
    /// Force the number of clusters.
    pub k: Option<usize>,
    /// At most this many clusters when K is automatic.
    pub k_max: usize,
    pub seed: u64,
    /// Clusters raised by fewer than this share of answering respondents join the remainder.
    pub min_share: f64,
    pub non_answers: Vec<String>,
}

impl Default for ConcernOpts {
    fn default() -> Self {
        ConcernOpts { k: None, k_max: 12, seed: crate::config::DEFAULT_SEED, min_share: 0.02, non_answers: Vec::new() }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Concern {
    /// 1-based; the remainder has id 0.
    pub id: usize,
    pub label: String,
    pub keywords: Vec<String>,
    pub respondents: usize,
    /// 0–100 of answering respondents, with the Wilson 95% interval.
    pub share: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    /// (answer index, redacted text)
    pub quotes: Vec<(usize, String)>,
    pub suggestions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub status: Status,
    /// Primary concern id (0 = remainder), `None` for non-answers and blanks.
    pub primary: Option<usize>,
    pub all: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Found {
    pub concerns: Vec<Concern>,
    pub assignments: Vec<Assignment>,
    pub answered: usize,
}

const SUGGESTION_MARKS: [&str; 12] = ["建议", "希望", "应该", "应当", "加强", "增加", "完善", "呼吁", "尽快", "加大", "请", "要求"];

fn bigrams(s: &str) -> Vec<(char, char)> {
    let c: Vec<char> = s.chars().filter(|c| c.is_alphanumeric()).collect();
    let mut v: Vec<(char, char)> = c.windows(2).map(|w| (w[0], w[1])).collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn similar(a: &str, b: &str) -> bool {
    let (x, y) = (bigrams(a), bigrams(b));
    if x.is_empty() || y.is_empty() {
        return a == b;
    }
    let inter = x.iter().filter(|p| y.binary_search(p).is_ok()).count();
    inter as f64 / (x.len() + y.len() - inter) as f64 > 0.5
}

/// Find the concerns in `texts` (`None` = no answer given).
pub fn find(texts: &[Option<&str>], seg: &Segmenter, opts: &ConcernOpts) -> Found {
    let norm: Vec<Option<String>> = texts.iter().map(|t| t.map(normalize)).collect();
    let status: Vec<Status> = norm
        .iter()
        .map(|t| match t {
            None => Status::Empty,
            Some(s) if s.is_empty() => Status::Empty,
            Some(s) if is_non_answer(s, &opts.non_answers) => Status::NonAnswer,
            Some(_) => Status::Answer,
        })
        .collect();
    // Clauses of every answer, with their terms.
    let mut owner = Vec::new();
    let mut clause_text = Vec::new();
    for (i, t) in norm.iter().enumerate() {
        if status[i] == Status::Answer {
            for c in clauses(t.as_deref().unwrap_or("")) {
                owner.push(i);
                clause_text.push(c);
            }
        }
    }
    let terms: Vec<Vec<String>> = clause_text.par_iter().map(|c| seg.terms(c)).collect();
    let corpus = Corpus::build(&terms, 2, 0.5);
    let k = opts.k.unwrap_or(opts.k_max).max(1);
    let labels = gsdmm(&corpus, Gsdmm { k_max: k, ..Default::default() }, opts.seed);
    let answered = status.iter().filter(|s| **s == Status::Answer).count();

    // Per answer: its clusters in order of clauses.
    let mut per_answer: Vec<Vec<usize>> = vec![Vec::new(); texts.len()];
    for (ci, &a) in owner.iter().enumerate() {
        if labels[ci] != usize::MAX {
            per_answer[a].push(labels[ci]);
        }
    }
    let mut respondents = vec![0usize; k];
    for v in &per_answer {
        let mut d = v.clone();
        d.sort_unstable();
        d.dedup();
        for c in d {
            respondents[c] += 1;
        }
    }
    let min = ((answered as f64) * opts.min_share).ceil() as usize;
    let mut named: Vec<usize> = (0..k).filter(|&c| respondents[c] >= min.max(1)).collect();
    named.sort_by(|a, b| respondents[*b].cmp(&respondents[*a]).then(a.cmp(b)));
    let id_of: HashMap<usize, usize> = named.iter().enumerate().map(|(i, &c)| (c, i + 1)).collect();

    let assignments: Vec<Assignment> = (0..texts.len())
        .map(|i| {
            if status[i] != Status::Answer {
                return Assignment { status: status[i], primary: None, all: Vec::new() };
            }
            let ids: Vec<usize> = per_answer[i].iter().map(|c| id_of.get(c).copied().unwrap_or(0)).collect();
            // Primary: the concern most of the answer's clauses raise, the first on a tie.
            let mut best = (0usize, 0usize);
            for (pos, id) in ids.iter().enumerate() {
                let n = ids.iter().filter(|x| *x == id).count();
                if n > best.0 || (n == best.0 && pos == 0) {
                    best = (n, *id);
                }
            }
            let mut all = ids.clone();
            all.sort_unstable();
            all.dedup();
            if all.is_empty() {
                all.push(0);
            }
            Assignment { status: Status::Answer, primary: Some(if ids.is_empty() { 0 } else { best.1 }), all }
        })
        .collect();

    // Class-based TF-IDF: a term's share in the cluster × log(1 + mean cluster size / term total).
    let mut tf: Vec<HashMap<u32, f64>> = vec![HashMap::new(); k];
    let mut total = vec![0f64; k];
    let mut term_total: HashMap<u32, f64> = HashMap::new();
    for (ci, doc) in corpus.counts.iter().enumerate() {
        if labels[ci] == usize::MAX {
            continue;
        }
        for &(w, c) in doc {
            *tf[labels[ci]].entry(w).or_insert(0.0) += c as f64;
            total[labels[ci]] += c as f64;
            *term_total.entry(w).or_insert(0.0) += c as f64;
        }
    }
    let mean = total.iter().sum::<f64>() / k as f64;
    let keywords = |c: usize| -> Vec<(u32, f64)> {
        let mut v: Vec<(u32, f64)> = tf[c].iter().map(|(&w, &n)| (w, n / total[c].max(1.0) * (1.0 + mean / term_total[&w]).ln())).collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    };

    let mut concerns = Vec::new();
    for (rank, &c) in named.iter().enumerate() {
        let id = rank + 1;
        let kw = keywords(c);
        let words: Vec<String> = kw.iter().take(5).map(|(w, _)| corpus.vocab[*w as usize].clone()).collect();
        let weight: HashMap<u32, f64> = kw.iter().take(30).copied().collect();
        // Quotes: answers whose primary concern this is, closest to the concern's words.
        let mut cands: Vec<(f64, usize)> = (0..texts.len())
            .filter(|&i| assignments[i].primary == Some(id))
            .map(|i| {
                let mine: Vec<usize> = owner.iter().enumerate().filter(|(ci, &a)| a == i && labels[*ci] == c).map(|(ci, _)| ci).collect();
                let (s, n) = mine
                    .iter()
                    .flat_map(|&ci| corpus.counts[ci].iter())
                    .fold((0.0, 0usize), |(s, n), &(w, _)| (s + weight.get(&w).copied().unwrap_or(0.0), n + 1));
                (if n == 0 { 0.0 } else { s / (n as f64).sqrt() }, i)
            })
            .collect();
        cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut quotes: Vec<(usize, String)> = Vec::new();
        for (_, i) in cands {
            let t = super::redact(norm[i].as_deref().unwrap_or("")).into_owned();
            if quotes.iter().all(|(_, q)| !similar(q, &t)) {
                quotes.push((i, t));
            }
            if quotes.len() == 3 {
                break;
            }
        }
        let mut suggestions: Vec<String> = Vec::new();
        for (ci, text) in clause_text.iter().enumerate() {
            if labels[ci] == c && SUGGESTION_MARKS.iter().any(|m| text.contains(m)) {
                let t = super::redact(text).into_owned();
                if suggestions.iter().all(|s| !similar(s, &t)) && suggestions.len() < 8 {
                    suggestions.push(t);
                }
            }
        }
        let n = respondents[c];
        let (lo, hi) = wilson(n as u64, answered as u64);
        concerns.push(Concern {
            id,
            label: words.iter().take(3).cloned().collect::<Vec<_>>().join("、"),
            keywords: words,
            respondents: n,
            share: n as f64 * 100.0 / answered.max(1) as f64,
            ci_low: lo * 100.0,
            ci_high: hi * 100.0,
            quotes,
            suggestions,
        });
    }
    let rest = assignments.iter().filter(|a| a.all.contains(&0)).count();
    if rest > 0 {
        let (lo, hi) = wilson(rest as u64, answered as u64);
        concerns.push(Concern {
            id: 0,
            label: "其他问题".into(),
            keywords: Vec::new(),
            respondents: rest,
            share: rest as f64 * 100.0 / answered.max(1) as f64,
            ci_low: lo * 100.0,
            ci_high: hi * 100.0,
            quotes: Vec::new(),
            suggestions: Vec::new(),
        });
    }
    Found { concerns, assignments, answered }
}
