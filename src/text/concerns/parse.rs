//! Answers read into units: normalized, judged (answer, non-answer, blank), split into
//! clauses and segmented, the terms interned; each clause a unit with the codebook's concern
//! when a seed word occurs; and the documents the model is fitted on.

use super::super::normalize::{clauses, is_non_answer, normalize};
use super::super::segment::Segmenter;
use super::super::stance::{stance, Stance};
use super::super::unit::{stable_hash, Status, Unit};
use super::super::vectorize::{Corpus, Interner};
use super::ConcernOpts;
use crate::model::Code;
use rayon::prelude::*;

/// Answers segmented at a time before their terms are interned.
pub(super) const CHUNK: usize = 16_384;

/// Answers normalized, judged and split into clauses, with their terms as ids.
pub(super) struct Parsed {
    pub(super) status: Vec<Status>,
    /// A hash of each normalized answer: the order answers fit the model in.
    pub(super) keys: Vec<u64>,
    pub(super) clauses: Vec<Vec<(String, Vec<u32>)>>,
    pub(super) words: Vec<String>,
}

/// A chunk of answers at a time: normalized and judged, split into clauses and segmented
/// in parallel, then the terms interned as ids — so that memory holds neither the
/// normalized texts nor a copy of each word per use.
pub(super) fn parse(texts: &[Option<&str>], seg: &Segmenter, opts: &ConcernOpts) -> Parsed {
    let mut status: Vec<Status> = Vec::with_capacity(texts.len());
    let mut keys: Vec<u64> = Vec::with_capacity(texts.len());
    let mut interner = Interner::default();
    let mut per_answer: Vec<Vec<(String, Vec<u32>)>> = Vec::with_capacity(texts.len());
    for chunk in texts.chunks(CHUNK) {
        let segmented: Vec<(Status, u64, Vec<(String, Vec<String>)>)> = chunk
            .par_iter()
            .map(|t| {
                let Some(t) = t.map(normalize) else { return (Status::Empty, 0, Vec::new()) };
                if t.is_empty() {
                    (Status::Empty, 0, Vec::new())
                } else if is_non_answer(&t, &opts.non_answers) {
                    (Status::NonAnswer, 0, Vec::new())
                } else {
                    // A clause that denies the problem it names or praises is in no
                    // concern; an answer of only such clauses raised no problem. (A long
                    // message is about one matter as a whole: its clauses all stay.)
                    let all = clauses(&t);
                    let stances: Vec<Stance> = all.iter().map(|c| stance(c)).collect();
                    let off = |s: &Stance| opts.reads_stance && matches!(s, Stance::Denies | Stance::Praises);
                    let kept: Vec<String> = if opts.one_matter && !stances.iter().all(off) {
                        all
                    } else {
                        all.into_iter().zip(&stances).filter(|(_, s)| !off(s)).map(|x| x.0).collect()
                    };
                    if kept.is_empty() && !stances.is_empty() {
                        let status = if stances.contains(&Stance::Denies) { Status::NoProblem } else { Status::Praise };
                        return (status, 0, Vec::new());
                    }
                    let cl = kept
                        .into_iter()
                        .map(|c| {
                            let terms = seg.terms(&crate::util::redact::without_placeholders(&c));
                            (c, terms)
                        })
                        .collect();
                    (Status::Answer, stable_hash(opts.seed, &t), cl)
                }
            })
            .collect();
        for (st, key, cl) in segmented {
            status.push(st);
            keys.push(key);
            per_answer.push(cl.into_iter().map(|(c, t)| (c, t.iter().map(|w| interner.id(w)).collect())).collect());
        }
    }
    Parsed { status, keys, clauses: per_answer, words: interner.words }
}

/// Every clause as a unit, the codebook's concern of each (if a seed word occurs), and
/// where each answer's units begin.
pub(super) struct Units {
    pub(super) units: Vec<Unit>,
    pub(super) code: Vec<Option<usize>>,
    pub(super) first: Vec<usize>,
}

impl Units {
    pub(super) fn new(per_answer: Vec<Vec<(String, Vec<u32>)>>, corpus: &Corpus, words: &[String], codes: &[Code]) -> Units {
        // A clause containing a seed word (in its text or its terms) is coded.
        let coded = |text: &str, t: &[u32]| -> Option<usize> {
            codes.iter().position(|c| {
                c.words.iter().any(|w| !w.is_empty() && (text.contains(w.as_str()) || t.iter().any(|&x| words[x as usize] == *w)))
            })
        };
        let n = per_answer.len();
        let mut units: Vec<Unit> = Vec::new();
        let mut code: Vec<Option<usize>> = Vec::new();
        for (a, cl) in per_answer.into_iter().enumerate() {
            for (text, t) in cl {
                code.push(coded(&text, &t));
                units.push(Unit { answer: a, doc: corpus.encode(&t), text, cluster: None });
            }
        }
        let mut first = vec![usize::MAX; n];
        for (u, unit) in units.iter().enumerate().rev() {
            first[unit.answer] = u;
        }
        Units { units, code, first }
    }

    /// Left to discovery: neither coded nor without known terms.
    pub(super) fn open(&self, u: usize) -> bool {
        self.code[u].is_none() && !self.units[u].doc.is_empty()
    }

    /// The terms of an answer's uncoded clauses, as one document.
    pub(super) fn answer_doc(&self, a: usize) -> Vec<(u32, u32)> {
        let mut v: Vec<(u32, u32)> = Vec::new();
        for (u, unit) in self.units.iter().enumerate().skip(self.first[a]).take_while(|(_, x)| x.answer == a) {
            if self.code[u].is_none() {
                v.extend(unit.doc.iter().copied());
            }
        }
        super::super::vectorize::merge_counts(&mut v);
        v
    }
}

/// The documents the model is fitted on (answers or clauses left to discovery), in an
/// order set by the text and the seed, at most `fit_max` of them and about
/// `fit_max_terms` term occurrences (the sampler's cost grows with them).
pub(super) fn fit_documents(u: &Units, keys: &[u64], opts: &ConcernOpts) -> (Vec<Vec<(u32, u32)>>, Vec<usize>) {
    let docs: Vec<(Vec<(u32, u32)>, usize)> = if opts.fit_answers {
        // One document per answer. (Equal keys are equal normalized answers, whose
        // documents are equal too, so the order among them does not matter.)
        let mut answers: Vec<usize> = (0..u.units.len()).filter(|&x| u.open(x)).map(|x| u.units[x].answer).collect();
        answers.dedup();
        answers.sort_by_key(|&a| keys[a]);
        answers.into_iter().map(|a| (u.answer_doc(a), a)).take(opts.fit_max.max(1)).collect()
    } else {
        let fit: Vec<usize> = (0..u.units.len()).filter(|&x| u.open(x)).collect();
        let hashes: Vec<u64> = fit.iter().map(|&x| stable_hash(opts.seed, &u.units[x].text)).collect();
        let mut order: Vec<usize> = (0..fit.len()).collect();
        order.sort_by(|&a, &b| hashes[a].cmp(&hashes[b]).then_with(|| u.units[fit[a]].text.cmp(&u.units[fit[b]].text)));
        order.into_iter().map(|i| fit[i]).take(opts.fit_max.max(1)).map(|x| (u.units[x].doc.clone(), u.units[x].answer)).collect()
    };
    let mut occurrences = 0usize;
    docs.into_iter()
        .take_while(|(d, _)| {
            let before = occurrences;
            occurrences += d.iter().map(|&(_, c)| c as usize).sum::<usize>();
            before < opts.fit_max_terms.max(1)
        })
        .unzip()
}
