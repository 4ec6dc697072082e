//! Concerns of one open question: answers → clauses → terms → clusters (GSDMM, merged
//! to a readable number) → named concerns with their share of respondents, keywords
//! (class-based TF-IDF), representative quotes and grouped suggestions.
//!
//! How an answer is placed:
//! - It is split into clauses; each clause with a known term goes to one concern (the
//!   codebook's when a seed word occurs, else the most probable discovered cluster).
//! - The answer raises every concern one of its clauses went to (multi-label); its
//!   primary concern is the first one it raised.
//! - Answers no clause of which could be placed, and concerns too small to name, form
//!   the remainder (id 0), counted and quoted like any other concern — never hidden.
//!
//! Deterministic: the model is fitted on clauses in an order that depends only on
//! their text and the seed, so the same answers in any order give the same concerns.

use super::cluster::{Dmm, Gsdmm, Reduce};
use super::corrections::{Fix, Space};
use super::describe::{keywords, Members};
use super::normalize::{clauses, is_non_answer, normalize};
use super::segment::Segmenter;
use super::vectorize::{Corpus, Interner};
use crate::model::{Applied, Code, Concern, CorrectedConcern, Share, Step, Suggestion, DEFAULT_MAX_CONCERNS, DEFAULT_MIN_SHARE};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::hash::BuildHasher;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Answer,
    NonAnswer,
    Empty,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Answer => "answer",
            Status::NonAnswer => "non_answer",
            Status::Empty => "empty",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ConcernOpts {
    /// Force the number of discovered concerns.
    pub k: Option<usize>,
    /// At most this many named concerns (codebook included); the rest is the remainder.
    pub k_max: usize,
    /// Clusters fitted before merging when K is automatic.
    pub k_init: usize,
    /// Then clusters sharing at least this many of their ten most characteristic words
    /// are merged too (see [`super::cluster::reduce`]).
    pub min_shared: usize,
    /// Fit the model on whole answers (else on clauses).
    pub fit_answers: bool,
    /// How an answer's primary concern is chosen.
    pub primary: Primary,
    pub seed: u64,
    /// Concerns raised by fewer than this share of answering respondents join the remainder.
    pub min_share: f64,
    pub non_answers: Vec<String>,
    pub codebook: Vec<Code>,
    /// Quotes kept per concern.
    pub quotes: usize,
    /// Answers never quoted (by index; those screening flagged for a look). Empty: all
    /// may be quoted.
    pub unquotable: Vec<bool>,
    /// Every clause is a suggestion (the question asks for them).
    pub suggestion_question: bool,
    /// At most this many answers (or clauses) fit the model, and at most `fit_max_terms`
    /// term occurrences among them; the rest are placed by it.
    pub fit_max: usize,
    pub fit_max_terms: usize,
    /// Corrections made in explorer.html on this question.
    pub fix: Option<Fix>,
    /// Per answer, the matter the department taxonomy filed it under, when sure: an
    /// anchor of the model (see [`fit`]). Empty (short answers): discovery alone.
    pub hints: Vec<Option<u32>>,
    /// Per answer (long messages only, else empty), where the taxonomy filed it
    /// ("category/subcategory"): a concern whose best phrase is in fewer than `NARROW` of
    /// its answers but most of whose answers share one subcategory (else one category) is
    /// named by it — the
    /// taxonomy is the codebook of long messages, and a phrase of a few of them would name
    /// the whole by a part ("医院妇产科" for 129 messages about medical care).
    pub matters: Vec<Option<String>>,
    /// Each answer is about one matter (long messages): it raises one concern, the whole
    /// answer's (whatever `primary` says).
    pub one_matter: bool,
    /// The same question in an earlier wave: its answers anchor one cluster per concern of
    /// then, which keeps that concern's name and is named whenever anyone raises it now.
    pub previous: Option<crate::model::PreviousQuestion>,
}

impl Default for ConcernOpts {
    fn default() -> Self {
        ConcernOpts {
            k: None,
            k_max: DEFAULT_MAX_CONCERNS,
            k_init: 30,
            min_shared: 2,
            fit_answers: true,
            primary: Primary::FirstConfident(0.7),
            seed: crate::model::DEFAULT_SEED,
            min_share: DEFAULT_MIN_SHARE,
            non_answers: Vec::new(),
            codebook: Vec::new(),
            quotes: 5,
            unquotable: Vec::new(),
            suggestion_question: false,
            fit_max: 30_000,
            fit_max_terms: 300_000,
            fix: None,
            hints: Vec::new(),
            matters: Vec::new(),
            one_matter: false,
            previous: None,
        }
    }
}

/// The rule for an answer's primary concern.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Primary {
    /// The concern of its first placed clause.
    FirstClause,
    /// The most probable concern of the whole answer.
    WholeAnswer,
    /// The first clause placed with at least this posterior probability, else the whole answer's.
    FirstConfident(f64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub status: Status,
    /// Primary concern id (0 = remainder), `None` for non-answers and blanks.
    pub primary: Option<usize>,
    /// Every concern raised, ascending; empty for non-answers and blanks.
    pub all: Vec<usize>,
    /// The concerns in the order raised (the primary first, 0 the remainder).
    pub order: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Found {
    /// Named concerns by share, then the remainder (id 0) when anyone is in it.
    pub concerns: Vec<Concern>,
    pub assignments: Vec<Assignment>,
    pub answered: usize,
    pub non_answers: usize,
    pub empty: usize,
    /// Clusters discovered after merging (before small ones joined the remainder).
    pub discovered: usize,
    /// Per answer, its distinct terms as ids into `words` (for the co-occurrence network).
    pub terms: Vec<Vec<u32>>,
    pub words: Vec<String>,
    /// See [`crate::model::OpenQuestion::fingerprint`].
    pub fingerprint: String,
    /// How the corrections were applied, if there were any.
    pub applied: Option<Applied>,
    /// The correction the next ones build on: the one replayed, or (made on other
    /// answers) its concerns as the seeds of this run, with this run's fingerprint.
    pub carried: Option<crate::model::Correction>,
}

/// Answers segmented at a time before their terms are interned.
const CHUNK: usize = 16_384;

/// The share of a concern's answers its best phrase must be in to name it when a
/// taxonomy subcategory could (long messages; see `ConcernOpts::matters`).
const NARROW: f64 = 0.15;

/// Rounds of hard reassignment after the merge (`cluster::refine`); it settles in fewer
/// on the samples and the dev sets. Misplacement on the samples over four seeds fell from
/// 1,511 to 1,184 answers (docs/text.md).
const REFINE_ROUNDS: usize = 10;

/// A document of this wave is placed in an earlier wave's concern when that concern is
/// at least this probable for it (see [`fit`]).
const EARLIER_SURE: f64 = 0.9;

/// Measures listed per concern.
const MAX_MEASURES: usize = 8;

/// A hash of a text that depends only on the text and the seed: orders and samples
/// answers independently of the input order.
pub(crate) fn stable_hash(seed: u64, s: &str) -> u64 {
    // foldhash with a fixed seed is stable across runs and platforms of the same build.
    foldhash::fast::FixedState::with_seed(seed).hash_one(s)
}

/// One clause of an answer, placed.
pub(super) struct Unit {
    pub answer: usize,
    pub text: String,
    pub doc: Vec<(u32, u32)>,
    /// Internal cluster: discovered 0..d, codebook d..d+codes; `None` = not placed.
    pub cluster: Option<usize>,
}

/// Answers normalized, judged and split into clauses, with their terms as ids.
struct Parsed {
    status: Vec<Status>,
    /// A hash of each normalized answer: the order answers fit the model in.
    keys: Vec<u64>,
    clauses: Vec<Vec<(String, Vec<u32>)>>,
    words: Vec<String>,
}

/// A chunk of answers at a time: normalized and judged, split into clauses and segmented
/// in parallel, then the terms interned as ids — so that memory holds neither the
/// normalized texts nor a copy of each word per use.
fn parse(texts: &[Option<&str>], seg: &Segmenter, opts: &ConcernOpts) -> Parsed {
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
                    let cl = clauses(&t)
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
struct Units {
    units: Vec<Unit>,
    code: Vec<Option<usize>>,
    first: Vec<usize>,
}

impl Units {
    fn new(per_answer: Vec<Vec<(String, Vec<u32>)>>, corpus: &Corpus, words: &[String], codes: &[Code]) -> Units {
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
    fn open(&self, u: usize) -> bool {
        self.code[u].is_none() && !self.units[u].doc.is_empty()
    }

    /// The terms of an answer's uncoded clauses, as one document.
    fn answer_doc(&self, a: usize) -> Vec<(u32, u32)> {
        let mut v: Vec<(u32, u32)> = Vec::new();
        for (u, unit) in self.units.iter().enumerate().skip(self.first[a]).take_while(|(_, x)| x.answer == a) {
            if self.code[u].is_none() {
                v.extend(unit.doc.iter().copied());
            }
        }
        super::vectorize::merge_counts(&mut v);
        v
    }
}

/// The documents the model is fitted on (answers or clauses left to discovery), in an
/// order set by the text and the seed, at most `fit_max` of them and about
/// `fit_max_terms` term occurrences (the sampler's cost grows with them).
fn fit_documents(u: &Units, keys: &[u64], opts: &ConcernOpts) -> (Vec<Vec<(u32, u32)>>, Vec<usize>) {
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

/// GSDMM on the documents, then clusters merged to a readable number (`--k` exactly).
fn fit(
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
        let (earlier_labels, then) = super::cluster::gsdmm_fit_from(
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
        super::cluster::gsdmm_fit_from(fitted, vocab, Gsdmm { k_max: k_fit, ..Default::default() }, opts.seed, &anchors);
    // The earlier concerns' clusters are never merged with each other.
    let mut apart = vec![false; dmm.k()];
    for &l in &labels[docs.len()..] {
        if let Some(a) = apart.get_mut(l) {
            *a = true;
        }
    }
    super::cluster::reduce_apart(&mut dmm, &mut labels, r, &apart);
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
    super::cluster::refine(&mut dmm, fitted, &mut labels, &fixed, REFINE_ROUNDS);
    let reference_labels = labels.split_off(docs.len());
    (dmm, reference_labels)
}

/// Place every clause (codebook first, else the most probable discovered cluster) and
/// list each answer's clusters in the order raised, its primary one first.
fn raise(u: &mut Units, dmm: &Dmm, status: &[Status], opts: &ConcernOpts) -> Vec<Vec<usize>> {
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

/// A taxonomy subcategory naming concern `id` (see `ConcernOpts::matters`): when its
/// best phrase is in fewer than `NARROW` of the answers whose concern it is, and at least
/// half of them were filed under one subcategory (else one category).
fn matter_name(
    names: &[String],
    id: usize,
    assignments: &[Assignment],
    texts: &[Option<&str>],
    matters: &[Option<String>],
) -> Option<String> {
    let own: Vec<usize> = (0..assignments.len()).filter(|&a| assignments[a].primary == Some(id)).collect();
    if own.is_empty() {
        return None;
    }
    let covered = |name: &str| own.iter().filter(|&&a| texts.get(a).copied().flatten().is_some_and(|t| t.contains(name))).count();
    if names.first().is_some_and(|n| covered(n) as f64 >= NARROW * own.len() as f64) {
        return None;
    }
    // The subcategory most of them share, else their category ("卫生计生/医疗服务": the
    // part before the slash).
    let majority = |level: &dyn Fn(&str) -> &str| {
        let mut votes: Vec<(&str, usize)> = Vec::new();
        for m in own.iter().filter_map(|&a| matters.get(a).and_then(Option::as_deref)).map(level) {
            match votes.iter_mut().find(|v| v.0 == m) {
                Some(v) => v.1 += 1,
                None => votes.push((m, 1)),
            }
        }
        let (best, n) = votes.into_iter().fold(None, |b: Option<(&str, usize)>, v| match b {
            Some(x) if x.1 >= v.1 => Some(x),
            _ => Some(v),
        })?;
        (n * 2 >= own.len() && !best.is_empty()).then(|| best.to_string())
    };
    majority(&|m| m.split_once('/').map_or("", |x| x.1)).or_else(|| majority(&|m| m.split_once('/').map_or(m, |x| x.0)))
}

/// The name of a concern no phrase of its answers names: its first three keywords that
/// are neither a lone character ("室", "码") nor an anonymised place code such as "D11"
/// (which says where, not what); the keywords as they are when that leaves none.
fn keyword_name(keywords: &[String]) -> String {
    let code = |k: &str| {
        let mut c = k.chars();
        c.next().is_some_and(|x| x.is_ascii_uppercase()) && c.clone().count() > 0 && c.all(|x| x.is_ascii_digit())
    };
    let kept: Vec<&str> = keywords.iter().map(String::as_str).filter(|k| k.chars().count() >= 2 && !code(k)).take(3).collect();
    // (Never empty: with only such keywords, they are the name.)
    if kept.is_empty() {
        keywords.iter().take(3).cloned().collect::<Vec<_>>().join("、")
    } else {
        kept.join("、")
    }
}

/// Which clusters are named: the largest above the minimum share, codebook ones and an
/// earlier wave's whenever raised, at most `k_max`. Returns the named clusters (by respondents) and each
/// cluster's concern id (0 = remainder).
fn name(respondents: &[usize], discovered: usize, answered: usize, earlier: &[bool], opts: &ConcernOpts) -> (Vec<usize>, Vec<usize>) {
    let min = ((answered as f64) * opts.min_share).ceil().max(2.0) as usize;
    let always = |c: usize| c >= discovered || earlier.get(c).copied().unwrap_or(false);
    let named: Vec<usize> = (0..respondents.len()).filter(|&c| respondents[c] >= min || (always(c) && respondents[c] > 0)).collect();
    ids(respondents, named, opts.k_max.max(1))
}

/// The named clusters by respondents (at most `max`) and each cluster's concern id.
fn ids(respondents: &[usize], mut named: Vec<usize>, max: usize) -> (Vec<usize>, Vec<usize>) {
    named.sort_by(|a, b| respondents[*b].cmp(&respondents[*a]).then(a.cmp(b)));
    named.truncate(max);
    let mut id_of = vec![0usize; respondents.len()];
    for (i, &c) in named.iter().enumerate() {
        id_of[c] = i + 1;
    }
    (named, id_of)
}

/// Each answer's concern ids: primary first raised, all ascending; the remainder when
/// nothing named was raised.
fn assign(status: &[Status], raised: &[Vec<usize>], id_of: &[usize]) -> Vec<Assignment> {
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
fn centres(units: &[Unit], id_of: &[usize], n_ids: usize, vocab: usize) -> Vec<Vec<(u32, f64)>> {
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
fn members(units: &[Unit], id_of: &[usize], n_ids: usize, assignments: &[Assignment]) -> Vec<Vec<usize>> {
    let mut by_id: Vec<Vec<usize>> = vec![Vec::new(); n_ids];
    for (ui, u) in units.iter().enumerate() {
        by_id[u.cluster.map_or(0, |c| id_of[c])].push(ui);
    }
    by_id[0] = (0..units.len()).filter(|&ui| assignments[units[ui].answer].primary == Some(0)).collect();
    by_id
}

/// Name each discovered concern by the first phrase of its answers no concern before it
/// (by share) took; names the user gave (`None`: the codebook's, a correction's) and the
/// remainder's stay; with no phrase left, the keywords.
fn unique_names(described: Vec<(Concern, Option<Vec<String>>)>) -> Vec<Concern> {
    let mut taken: Vec<String> = described.iter().filter(|(c, n)| n.is_none() || c.id == 0).map(|(c, _)| c.label.clone()).collect();
    let mut out = Vec::with_capacity(described.len());
    for (mut c, names) in described {
        if let (Some(names), true) = (names, c.id > 0) {
            if let Some(n) = names.into_iter().find(|n| !taken.contains(n)) {
                c.label = n;
            }
            taken.push(c.label.clone());
        }
        out.push(c);
    }
    out
}

/// What decides the machine's clusters, as a fingerprint: the answers' clauses and terms,
/// the options and the codebook's words in effect (the user's and any seeds) — not the
/// corrections. Every option is written out by name, so the fingerprint stays the same
/// across builds.
fn fingerprint(parsed: &Parsed, opts: &ConcernOpts, codes: &[Code]) -> String {
    // Per answer, in parallel, its clauses and terms hashed where they lie.
    let answers: Vec<[u8; 32]> = (0..parsed.status.len())
        .into_par_iter()
        .filter(|&a| parsed.status[a] == Status::Answer)
        .map(|a| {
            let anchor = opts.hints.get(a).copied().flatten().map(|h| format!("anchor {h}"));
            let parts = parsed.clauses[a].iter().flat_map(|(text, terms)| {
                let mut spaced: Vec<&[u8]> = Vec::with_capacity(terms.len() * 2);
                for (i, &t) in terms.iter().enumerate() {
                    if i > 0 {
                        spaced.push(b" ");
                    }
                    spaced.push(parsed.words[t as usize].as_bytes());
                }
                [vec![text.as_bytes()], spaced]
            });
            super::corrections::digest(parts.chain(anchor.as_deref().map(|x| vec![x.as_bytes()])))
        })
        .collect();
    let o = opts;
    let primary = match o.primary {
        Primary::FirstClause => "first-clause".to_string(),
        Primary::WholeAnswer => "whole-answer".to_string(),
        Primary::FirstConfident(p) => format!("first-confident {p}"),
    };
    let mut options = vec![
        format!("seed {}", o.seed),
        format!("k {}", o.k.map_or("auto".to_string(), |k| k.to_string())),
        format!("k_max {} k_init {} min_shared {}", o.k_max, o.k_init, o.min_shared),
        format!("fit_answers {} fit_max {} fit_max_terms {}", o.fit_answers, o.fit_max, o.fit_max_terms),
        format!("primary {primary} min_share {} suggestions {}", o.min_share, o.suggestion_question),
    ];
    // A code's words decide where clauses go; its name does not (renaming keeps the keys).
    options.extend(codes.iter().map(|c| format!("code {}", c.words.join("|"))));
    if let Some(p) = &o.previous {
        let mut h = Sha256::new();
        for (t, id) in &p.answers {
            h.update(format!("{id}\u{1}{t}\u{2}").as_bytes());
        }
        options.push(format!("earlier {} {:x}", p.concerns.join("|"), h.finalize()));
    }
    super::corrections::fingerprint(answers, &options)
}

/// The codebook with the concerns of a correction added as seeds (those with words, and
/// with a name not in it yet).
fn with_seeds<'a>(codebook: &[Code], seeds: impl Iterator<Item = &'a CorrectedConcern>) -> Vec<Code> {
    let mut codes = codebook.to_vec();
    for c in seeds {
        if c.key != "rest" && c.words.iter().any(|w| !w.trim().is_empty()) && !codes.iter().any(|x| x.name == c.name) {
            codes.push(Code { name: c.name.clone(), words: c.words.clone() });
        }
    }
    codes
}

/// Corrections made on other answers: the moves into the concerns they named (which
/// seed like a codebook, from cluster `first` on), as moves from the answer's main concern
/// now (`rest` when that is not named) — steps the replay then applies, and the next run
/// on these answers replays exactly. With the moves that cannot apply here.
fn seeded_moves(
    fix: &Fix,
    space: &Space,
    first: usize,
    seeded: &[Code],
    live: &[bool],
    raised: &[Vec<usize>],
    named: &[bool],
) -> (Fix, Vec<String>) {
    let mut out = Fix {
        correction: crate::model::Correction {
            question: fix.correction.question.clone(),
            title: fix.correction.title.clone(),
            ..Default::default()
        },
        answers: Vec::new(),
    };
    let mut skipped = Vec::new();
    for (i, step) in fix.correction.steps.iter().enumerate() {
        let Step::Move { population, response, to, .. } = step else { continue };
        let name = fix.correction.concerns.iter().find(|c| &c.key == to).map(|c| c.name.as_str());
        let cluster = name.and_then(|n| seeded.iter().position(|c| c.name == n)).map(|j| first + j);
        match (fix.answers.get(i).copied().flatten().filter(|&a| live[a]), cluster) {
            (Some(a), Some(c)) => {
                let from = raised[a].first().copied().filter(|&p| named[p]).map_or_else(|| "rest".to_string(), |p| space.key(p));
                if from != space.key(c) {
                    out.correction.steps.push(Step::Move {
                        population: population.clone(),
                        response: response.clone(),
                        from,
                        to: space.key(c),
                    });
                    out.answers.push(Some(a));
                }
            }
            (None, _) => skipped.push(super::corrections::no_answer(population, response)),
            (_, None) if to == "rest" => skipped.push(format!("移动答卷 {population}/{response}：移到“其他”只能在原来的数据上重现")),
            (_, None) => skipped.push(format!("移动答卷 {population}/{response}：目标类别 {to} 没有关键词，无法在新数据中识别")),
        }
    }
    (out, skipped)
}

/// Find the concerns in `texts` (`None` = no answer given).
pub fn find(texts: &[Option<&str>], seg: &Segmenter, opts: &ConcernOpts) -> Found {
    // An earlier wave's answers are parsed with these (one vocabulary), then set apart.
    let earlier: &[(String, usize)] = opts.previous.as_ref().map_or(&[], |p| &p.answers);
    let (parsed, earlier_clauses) = if earlier.is_empty() {
        (parse(texts, seg, opts), Vec::new())
    } else {
        let all: Vec<Option<&str>> = texts.iter().copied().chain(earlier.iter().map(|(t, _)| Some(t.as_str()))).collect();
        let mut parsed = parse(&all, seg, opts);
        let tail = parsed.clauses.split_off(texts.len());
        parsed.status.truncate(texts.len());
        parsed.keys.truncate(texts.len());
        (parsed, tail)
    };
    let answered = parsed.status.iter().filter(|s| **s == Status::Answer).count();
    let live: Vec<bool> = parsed.status.iter().map(|s| *s == Status::Answer).collect();
    let fix = opts.fix.as_ref();
    // Replayed exactly when made on these answers with these options (and the seeds the
    // correction carries); else its concerns seed like a codebook.
    let (codes, exact) = match fix {
        None => (opts.codebook.clone(), false),
        Some(f) => {
            let codes = with_seeds(&opts.codebook, f.correction.concerns.iter().filter(|c| c.seed));
            if fingerprint(&parsed, opts, &codes) == f.correction.fingerprint {
                (codes, true)
            } else {
                (with_seeds(&opts.codebook, f.correction.concerns.iter()), false)
            }
        }
    };
    let seeded_from = opts.codebook.len();
    let fingerprint = fingerprint(&parsed, opts, &codes);
    // Every answer's terms: with repeats for the vocabulary, then distinct (kept for the
    // co-occurrence network).
    let mut terms: Vec<Vec<u32>> = parsed.clauses.iter().map(|cl| cl.iter().flat_map(|(_, t)| t.iter().copied()).collect()).collect();
    // (An earlier wave's answers join the vocabulary for as long as it is built.)
    let n_now = terms.len();
    terms.extend(earlier_clauses.iter().map(|cl| cl.iter().flat_map(|(_, t)| t.iter().copied()).collect::<Vec<u32>>()));
    let corpus = Corpus::vocabulary(&terms, &parsed.words, 2, 0.5);
    let earlier_terms = terms.split_off(n_now);
    // Each earlier answer placed in a concern then: a document anchored in that concern's
    // cluster (`concern id − 1`).
    // (A concern the codebook names is the codebook's: its earlier answers anchor nothing.)
    let coded = |id: usize| opts.previous.as_ref().and_then(|p| p.concerns.get(id - 1)).is_some_and(|l| codes.iter().any(|c| c.name == *l));
    let reference: Vec<(Vec<(u32, u32)>, usize)> = earlier_terms
        .iter()
        .zip(earlier)
        .filter(|(_, (_, id))| *id >= 1 && !coded(*id))
        .map(|(t, (_, id))| (corpus.encode(t), id - 1))
        .filter(|(d, _)| !d.is_empty())
        .collect();
    terms.par_iter_mut().for_each(|v| {
        v.sort_unstable();
        v.dedup();
    });
    let mut units = Units::new(parsed.clauses, &corpus, &parsed.words, &codes);

    let (docs, doc_answers) = fit_documents(&units, &parsed.keys, opts);
    let (dmm, reference_labels) = fit(&docs, &doc_answers, &reference, corpus.vocab.len(), opts);
    drop(docs);
    let discovered = dmm.k();
    // The cluster each earlier concern's answers ended in (most of them), and its name.
    let mut earlier_name: Vec<Option<String>> = vec![None; discovered];
    if let Some(p) = &opts.previous {
        for (i, label) in p.concerns.iter().enumerate() {
            let mut n = vec![0usize; discovered];
            for (r, &l) in reference.iter().zip(&reference_labels) {
                if r.1 == i && l < discovered {
                    n[l] += 1;
                }
            }
            let best = (0..discovered).filter(|&c| n[c] > 0).max_by_key(|&c| (n[c], std::cmp::Reverse(c)));
            if let Some(c) = best.filter(|&c| earlier_name[c].is_none()) {
                earlier_name[c] = Some(label.clone());
            }
        }
    }
    let mut raised = raise(&mut units, &dmm, &parsed.status, opts);

    let empty = crate::model::Correction::default();
    let space = Space::new(discovered + codes.len(), fix.filter(|_| exact).map_or(&empty, |f| &f.correction));
    let count = |raised: &[Vec<usize>]| {
        let mut n = vec![0usize; space.len()];
        for &c in raised.iter().flatten() {
            n[c] += 1;
        }
        n
    };
    let before = count(&raised);
    // Names the user gave: the codebook's, then the corrections'; `defined` the concerns
    // the user also gave words (a codebook entry, a corrected concern with its words).
    let mut given: Vec<Option<String>> = vec![None; space.len()];
    let mut defined = vec![false; space.len()];
    for (i, c) in codes.iter().enumerate() {
        given[discovered + i] = Some(c.name.clone());
        defined[discovered + i] = true;
    }
    for (c, n) in earlier_name.iter().enumerate() {
        if n.is_some() {
            given[c] = n.clone();
        }
    }
    let earlier_kept: Vec<bool> = (0..space.len()).map(|c| earlier_name.get(c).is_some_and(Option::is_some)).collect();
    let (named, id_of, applied, carried) = match fix {
        Some(f) => {
            let (machine, _) = name(&before, discovered, answered, &earlier_kept, opts);
            let mut keep = vec![false; space.len()];
            machine.iter().for_each(|&c| keep[c] = true);
            // Made on other answers: only the moves into the seeded concerns, as moves
            // from where the answer is now (what the next run replays exactly).
            let (moves, mut skipped) = if exact {
                (None, Vec::new())
            } else {
                let (m, s) = seeded_moves(f, &space, discovered + seeded_from, &codes[seeded_from..], &live, &raised, &keep);
                (Some(m), s)
            };
            let replayed = moves.as_ref().unwrap_or(f);
            let mut applied =
                super::corrections::replay(replayed, &space, texts, &live, &mut raised, &mut units.units, &units.first, &mut keep);
            applied.exact = exact;
            skipped.append(&mut applied.skipped);
            applied.skipped = skipped;
            if exact {
                for c in &f.correction.concerns {
                    if let Some(x) = space.cluster(&c.key).filter(|&x| x != space.rest()) {
                        given[x] = Some(c.name.trim().to_string());
                        defined[x] |= !c.words.is_empty();
                    }
                }
            }
            let after = count(&raised);
            let (named, id_of) = ids(&after, (0..space.len()).filter(|&c| keep[c] && after[c] > 0).collect(), usize::MAX);
            // What the next corrections build on: this one, or the seeds and moves.
            let carried = match moves {
                None => f.correction.clone(),
                Some(m) => crate::model::Correction {
                    fingerprint: fingerprint.clone(),
                    concerns: codes[seeded_from..]
                        .iter()
                        .enumerate()
                        .map(|(j, c)| CorrectedConcern {
                            key: space.key(discovered + seeded_from + j),
                            name: c.name.clone(),
                            words: c.words.clone(),
                            seed: true,
                        })
                        .collect(),
                    ..m.correction
                },
            };
            (named, id_of, Some(applied), Some(carried))
        }
        None => {
            let (named, id_of) = name(&before, discovered, answered, &earlier_kept, opts);
            (named, id_of, None, None)
        }
    };
    let respondents = count(&raised);
    let assignments = assign(&parsed.status, &raised, &id_of);
    let n_ids = named.len() + 1;
    let centres = centres(&units.units, &id_of, n_ids, corpus.vocab.len());
    let by_id = members(&units.units, &id_of, n_ids, &assignments);

    // A concern and the names its answers suggest for it.
    let describe = |id: usize| -> (Concern, Option<Vec<String>>) {
        let m = Members { units: &units.units, members: &by_id[id], texts, assignments: &assignments, corpus: &corpus };
        let keywords = keywords(&centres[id], &corpus);
        let ranked = m.ranked(&centres[id]);
        let mut names = if id == 0 {
            Vec::new()
        } else {
            super::naming::candidates(seg, ranked.iter().map(|&ui| units.units[ui].text.as_str()), &keywords)
        };
        if id > 0 && !opts.matters.is_empty() {
            if let Some(m) = matter_name(&names, id, &assignments, texts, &opts.matters) {
                names.insert(0, m);
            }
        }
        let quotes = m.quotes(id, &ranked, opts.quotes, &opts.unquotable);
        let n = if id == 0 { assignments.iter().filter(|a| a.all.contains(&0)).count() } else { respondents[named[id - 1]] };
        let cluster = id.checked_sub(1).map(|i| named[i]);
        let name = cluster.and_then(|c| given[c].clone());
        let given_name = name.is_some();
        let concern = Concern {
            id,
            key: cluster.map_or_else(|| "rest".to_string(), |c| space.key(c)),
            codebook: cluster.is_some_and(|c| defined[c]),
            label: match (id, name) {
                (0, _) => "其他（未归入以上各类）".to_string(),
                (_, Some(n)) => n,
                _ => keyword_name(&keywords),
            },
            keywords,
            share: Share::new(n, answered),
            rank: 0,
            tied_with: Vec::new(),
            quotes,
            measures: Vec::new(),
        };
        (concern, if given_name { None } else { Some(names) })
    };
    let remainder = assignments.iter().any(|a| a.all.contains(&0));
    // Measures are counted over the whole question (alongside the concerns' keywords
    // and quotes), then listed with the concern most of their proposers raised first.
    let (proposed, concerns) = rayon::join(
        || super::measures::measures(&units.units, opts.suggestion_question, &opts.unquotable),
        || (1..n_ids).chain(remainder.then_some(0)).collect::<Vec<_>>().into_par_iter().map(describe).collect::<Vec<_>>(),
    );
    // Names are handed out in the machine's order (before any correction), so that a
    // concern no correction touched keeps its name.
    let mut concerns = concerns;
    concerns.sort_by_key(|(c, _)| match space.cluster(&c.key) {
        Some(x) if c.id > 0 => (std::cmp::Reverse(before[x]), x),
        _ => (std::cmp::Reverse(0), usize::MAX),
    });
    let mut concerns = unique_names(concerns);
    concerns.sort_by_key(|c| (c.id == 0, c.id));
    for p in &proposed {
        let mut n = vec![0usize; n_ids];
        for &a in &p.answers {
            if let Some(c) = assignments[a].primary {
                n[c] += 1;
            }
        }
        // The concern most of its proposers raised first (a named one before the
        // remainder, then the lower id); the next one when that list is full.
        let mut homes: Vec<usize> = (0..n_ids).filter(|&c| n[c] > 0).collect();
        homes.sort_by_key(|&c| (std::cmp::Reverse(n[c]), c == 0, c));
        let home = homes.into_iter().find_map(|h| concerns.iter().position(|c| c.id == h && c.measures.len() < MAX_MEASURES));
        if let Some(i) = home {
            concerns[i].measures.push(Suggestion { text: p.text.clone(), respondents: p.answers.len(), examples: p.examples.clone() });
        }
    }
    crate::model::rank_with_ties(&mut concerns);
    let non_answers = parsed.status.iter().filter(|s| **s == Status::NonAnswer).count();
    let empty = parsed.status.iter().filter(|s| **s == Status::Empty).count();
    Found { concerns, assignments, answered, non_answers, empty, discovered, terms, words: parsed.words, fingerprint, applied, carried }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keyword name leaves out lone characters and place codes (the metro inspection
    /// export's "室、遮挡、乘客" became "遮挡、乘客、原因"), and takes at most three.
    #[test]
    fn a_keyword_name_has_no_lone_character_or_place_code() {
        let k = |w: &[&str]| w.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(keyword_name(&k(&["室", "遮挡", "乘客", "原因", "卡机"])), "遮挡、乘客、原因");
        assert_eq!(keyword_name(&k(&["D11", "古镇", "A3", "桃花源", "文化", "科技"])), "古镇、桃花源、文化");
        // A code is a capital letter and digits only: words with letters stay.
        assert_eq!(keyword_name(&k(&["APP", "填表", "表册"])), "APP、填表、表册");
        assert_eq!(keyword_name(&k(&["码", "D1"])), "码、D1");
    }

    /// Long messages: a phrase of a few of a concern's answers does not name it when most
    /// of them share a taxonomy subcategory (else a category); a phrase in enough of them
    /// still does.
    #[test]
    fn a_broad_concern_of_long_messages_is_named_by_its_filing() {
        let a = |id: usize| Assignment { status: Status::Answer, primary: Some(id), all: vec![id], order: vec![id] };
        // Ten answers of concern 1, one of concern 2; "医院妇产科" in one of the ten.
        let assignments: Vec<Assignment> = (0..11).map(|i| a(if i == 10 { 2 } else { 1 })).collect();
        let texts: Vec<Option<&str>> = (0..11).map(|i| Some(if i == 0 { "医院妇产科不负责任" } else { "看病难，医生态度差" })).collect();
        let filed = |subs: &[&str]| -> Vec<Option<String>> { subs.iter().map(|s| Some(s.to_string())).collect() };
        let names = vec!["医院妇产科".to_string()];
        let mostly = filed(&[["卫生计生/医疗服务"; 6].as_slice(), ["卫生计生/计划生育"; 5].as_slice()].concat());
        assert_eq!(matter_name(&names, 1, &assignments, &texts, &mostly).as_deref(), Some("医疗服务"));
        let split = filed(
            &[["卫生计生/医疗服务"; 4].as_slice(), ["卫生计生/计划生育"; 3].as_slice(), ["劳动和社会保障/医疗保障"; 4].as_slice()].concat(),
        );
        assert_eq!(matter_name(&names, 1, &assignments, &texts, &split).as_deref(), Some("卫生计生"));
        // A phrase in two of the ten (20 % ≥ 15 %) names the concern itself.
        let mut texts2 = texts.clone();
        texts2[1] = Some("又是医院妇产科");
        assert_eq!(matter_name(&names, 1, &assignments, &texts2, &mostly), None);
        // Nothing shared by half: no taxonomy name.
        let scattered = filed(&[
            "卫生计生/医疗服务",
            "城乡建设/住房与物业",
            "交通运输/公共交通",
            "教育文体/学校教育",
            "环境保护/噪声",
            "民政/殡葬",
            "公安政法/治安",
            "农业农村/农业",
            "水务/河湖",
            "科技工信/信号",
            "卫生计生/医疗服务",
        ]);
        assert_eq!(matter_name(&names, 1, &assignments, &texts, &scattered), None);
    }
}
