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

mod coverage;
mod fit;
mod homes;
mod label;
mod parse;
mod replay;

use super::corrections::{Fix, Space};
use super::describe::{keywords, Members};
use super::segment::Segmenter;
pub use super::unit::{Assignment, Status};
use super::vectorize::Corpus;
use crate::model::{Applied, Code, Concern, CorrectedConcern, Share, DEFAULT_MAX_CONCERNS, DEFAULT_MIN_SHARE};
use coverage::{by_coverage, name_coverage, Said, ANSWERS_WEIGHED};
use fit::{assign, centres, fit, members, raise};
use homes::place_measures;
use label::{ids, keyword_name, matter_name, name, unique_names};
use parse::{fit_documents, parse, Parsed, Units};
use rayon::prelude::*;
use replay::{fingerprint, seeded_moves, with_seeds};

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
    /// A question about problems: a clause that denies the problem it names or praises is
    /// in no concern. A description or praise question keeps every clause (`false`).
    pub reads_stance: bool,
    /// Measures are gathered (a question that carries matters; not a description).
    pub measures: bool,
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
            reads_stance: true,
            measures: true,
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

#[derive(Debug, Clone)]
pub struct Found {
    /// Named concerns by share, then the remainder (id 0) when anyone is in it.
    pub concerns: Vec<Concern>,
    pub assignments: Vec<Assignment>,
    /// Answers that said something (those below included).
    pub answered: usize,
    /// Answers that said there is no problem, or only praised.
    pub no_problem: usize,
    pub praise: usize,
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

/// Measures listed per concern.
const MAX_MEASURES: usize = 8;

/// The answers parsed with an earlier wave's (one vocabulary), and the earlier answers'
/// clauses set apart.
fn parse_with_earlier(texts: &[Option<&str>], seg: &Segmenter, opts: &ConcernOpts) -> (Parsed, Vec<Vec<(String, Vec<u32>)>>) {
    let earlier: &[(String, usize)] = opts.previous.as_ref().map_or(&[], |p| &p.answers);
    if earlier.is_empty() {
        return (parse(texts, seg, opts), Vec::new());
    }
    let all: Vec<Option<&str>> = texts.iter().copied().chain(earlier.iter().map(|(t, _)| Some(t.as_str()))).collect();
    let mut parsed = parse(&all, seg, opts);
    let tail = parsed.clauses.split_off(texts.len());
    parsed.status.truncate(texts.len());
    parsed.keys.truncate(texts.len());
    (parsed, tail)
}

/// The codebook in effect and whether the corrections replay exactly: made on these
/// answers with these options (and the seeds the correction carries), else its concerns
/// seed like a codebook.
fn codes_in_effect(parsed: &Parsed, opts: &ConcernOpts) -> (Vec<Code>, bool) {
    match &opts.fix {
        None => (opts.codebook.clone(), false),
        Some(f) => {
            let codes = with_seeds(&opts.codebook, f.correction.concerns.iter().filter(|c| c.seed));
            if fingerprint(parsed, opts, &codes) == f.correction.fingerprint {
                (codes, true)
            } else {
                (with_seeds(&opts.codebook, f.correction.concerns.iter()), false)
            }
        }
    }
}

/// The vocabulary (an earlier wave's answers join it for as long as it is built), every
/// answer's distinct terms (for the co-occurrence network), and each earlier answer placed
/// in a concern then as a document anchored in that concern's cluster (`concern id − 1`;
/// a concern the codebook names is the codebook's: its earlier answers anchor nothing).
fn vocabulary(
    parsed: &Parsed,
    earlier_clauses: &[Vec<(String, Vec<u32>)>],
    opts: &ConcernOpts,
    codes: &[Code],
) -> (Vec<Vec<u32>>, Corpus, Vec<(Vec<(u32, u32)>, usize)>) {
    let earlier: &[(String, usize)] = opts.previous.as_ref().map_or(&[], |p| &p.answers);
    let mut terms: Vec<Vec<u32>> = parsed.clauses.iter().map(|cl| cl.iter().flat_map(|(_, t)| t.iter().copied()).collect()).collect();
    let n_now = terms.len();
    terms.extend(earlier_clauses.iter().map(|cl| cl.iter().flat_map(|(_, t)| t.iter().copied()).collect::<Vec<u32>>()));
    let corpus = Corpus::vocabulary(&terms, &parsed.words, 2, 0.5);
    let earlier_terms = terms.split_off(n_now);
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
    (terms, corpus, reference)
}

/// The cluster each earlier concern's answers ended in (most of them), and its name.
fn earlier_names(
    opts: &ConcernOpts,
    reference: &[(Vec<(u32, u32)>, usize)],
    reference_labels: &[usize],
    discovered: usize,
) -> Vec<Option<String>> {
    let mut earlier_name: Vec<Option<String>> = vec![None; discovered];
    let Some(p) = &opts.previous else { return earlier_name };
    for (i, label) in p.concerns.iter().enumerate() {
        let mut n = vec![0usize; discovered];
        for (r, &l) in reference.iter().zip(reference_labels) {
            if r.1 == i && l < discovered {
                n[l] += 1;
            }
        }
        let best = (0..discovered).filter(|&c| n[c] > 0).max_by_key(|&c| (n[c], std::cmp::Reverse(c)));
        if let Some(c) = best.filter(|&c| earlier_name[c].is_none()) {
            earlier_name[c] = Some(label.clone());
        }
    }
    earlier_name
}

/// Per cluster, the answers that raised it.
fn count(raised: &[Vec<usize>], clusters: usize) -> Vec<usize> {
    let mut n = vec![0usize; clusters];
    for &c in raised.iter().flatten() {
        n[c] += 1;
    }
    n
}

/// Names the user gave, per cluster (the codebook's, an earlier wave's), and whether the
/// user also gave it words (a codebook entry).
fn given_names(codes: &[Code], discovered: usize, earlier_name: &[Option<String>], clusters: usize) -> (Vec<Option<String>>, Vec<bool>) {
    let mut given: Vec<Option<String>> = vec![None; clusters];
    let mut defined = vec![false; clusters];
    for (i, c) in codes.iter().enumerate() {
        given[discovered + i] = Some(c.name.clone());
        defined[discovered + i] = true;
    }
    for (c, n) in earlier_name.iter().enumerate() {
        if n.is_some() {
            given[c] = n.clone();
        }
    }
    (given, defined)
}

/// Which clusters are named and their ids once the corrections are applied, how they
/// were, and the correction the next ones build on.
struct Corrected {
    named: Vec<usize>,
    id_of: Vec<usize>,
    applied: Applied,
    carried: crate::model::Correction,
}

/// What a run needs to apply a correction: the clusters and where the codebook's seeded
/// concerns start, the answers (which live, which raised what), the names given so far.
struct Correcting<'a> {
    fix: &'a Fix,
    exact: bool,
    space: &'a Space,
    discovered: usize,
    seeded_from: usize,
    codes: &'a [Code],
    texts: &'a [Option<&'a str>],
    live: &'a [bool],
    fingerprint: &'a str,
}

/// Apply the corrections: replayed exactly when made on these answers, else only the moves
/// into the seeded concerns, as moves from where each answer is now (what the next run
/// replays exactly). `machine` are the clusters the machine named before.
fn apply_corrections(
    c: &Correcting,
    machine: &[usize],
    raised: &mut [Vec<usize>],
    units: &mut Units,
    given: &mut [Option<String>],
    defined: &mut [bool],
) -> Corrected {
    let (f, space) = (c.fix, c.space);
    let mut keep = vec![false; space.len()];
    machine.iter().for_each(|&x| keep[x] = true);
    let (moves, mut skipped) = if c.exact {
        (None, Vec::new())
    } else {
        let (m, s) = seeded_moves(f, space, c.discovered + c.seeded_from, &c.codes[c.seeded_from..], c.live, raised, &keep);
        (Some(m), s)
    };
    let replayed = moves.as_ref().unwrap_or(f);
    let mut applied = super::corrections::replay(replayed, space, c.texts, c.live, raised, &mut units.units, &units.first, &mut keep);
    applied.exact = c.exact;
    skipped.append(&mut applied.skipped);
    applied.skipped = skipped;
    if c.exact {
        for k in &f.correction.concerns {
            if let Some(x) = space.cluster(&k.key).filter(|&x| x != space.rest()) {
                given[x] = Some(k.name.trim().to_string());
                defined[x] |= !k.words.is_empty();
            }
        }
    }
    let after = count(raised, space.len());
    let (named, id_of) = ids(&after, (0..space.len()).filter(|&x| keep[x] && after[x] > 0).collect(), usize::MAX);
    // What the next corrections build on: this one, or the seeds and moves.
    let carried = match moves {
        None => f.correction.clone(),
        Some(m) => crate::model::Correction {
            fingerprint: c.fingerprint.to_string(),
            concerns: c.codes[c.seeded_from..]
                .iter()
                .enumerate()
                .map(|(j, code)| CorrectedConcern {
                    key: space.key(c.discovered + c.seeded_from + j),
                    name: code.name.clone(),
                    words: code.words.clone(),
                    seed: true,
                })
                .collect(),
            ..m.correction
        },
    };
    Corrected { named, id_of, applied, carried }
}

/// What describing a concern reads: the question's answers and where they went.
struct Described<'a> {
    seg: &'a Segmenter,
    opts: &'a ConcernOpts,
    texts: &'a [Option<&'a str>],
    units: &'a [super::unit::Unit],
    by_id: &'a [Vec<usize>],
    centres: &'a [Vec<(u32, f64)>],
    corpus: &'a Corpus,
    assignments: &'a [Assignment],
    respondents: &'a [usize],
    named: &'a [usize],
    given: &'a [Option<String>],
    defined: &'a [bool],
    space: &'a Space,
    answered: usize,
    /// Each answer's terms (ids into the words): what names are weighed by.
    terms: (&'a [Vec<u32>], &'a [String]),
}

impl Described<'_> {
    /// Concern `id` and the names its answers suggest for it (`None`: the user named it).
    fn concern(&self, id: usize) -> (Concern, Option<Vec<String>>) {
        let m =
            Members { units: self.units, members: &self.by_id[id], texts: self.texts, assignments: self.assignments, corpus: self.corpus };
        let keywords = keywords(&self.centres[id], self.corpus);
        let ranked = m.ranked(&self.centres[id]);
        let mut names = if id == 0 {
            Vec::new()
        } else {
            let names = super::naming::candidates(self.seg, ranked.iter().map(|&ui| self.units[ui].text.as_str()), &keywords);
            by_coverage(names, &Said::new(id, self.texts, self.assignments, self.terms, ANSWERS_WEIGHED), self.seg)
        };
        if id > 0 && !self.opts.matters.is_empty() {
            if let Some(m) = matter_name(&names, id, self.assignments, self.texts, &self.opts.matters) {
                names.insert(0, m);
            }
        }
        let quotes = m.quotes(id, &ranked, self.opts.quotes, &self.opts.unquotable);
        let n = if id == 0 { self.assignments.iter().filter(|a| a.all.contains(&0)).count() } else { self.respondents[self.named[id - 1]] };
        let cluster = id.checked_sub(1).map(|i| self.named[i]);
        let name = cluster.and_then(|c| self.given[c].clone());
        let given_name = name.is_some();
        let concern = Concern {
            id,
            key: cluster.map_or_else(|| "rest".to_string(), |c| self.space.key(c)),
            codebook: cluster.is_some_and(|c| self.defined[c]),
            label: match (id, name) {
                (0, _) => "其他（未归入以上各类）".to_string(),
                (_, Some(n)) => n,
                _ => keyword_name(&keywords),
            },
            keywords,
            share: Share::new(n, self.answered),
            rank: 0,
            tied_with: Vec::new(),
            quotes,
            measures: Vec::new(),
            name_coverage: None,
        };
        (concern, if given_name { None } else { Some(names) })
    }
}

/// Find the concerns in `texts` (`None` = no answer given).
pub fn find(texts: &[Option<&str>], seg: &Segmenter, opts: &ConcernOpts) -> Found {
    find_filed(texts, seg, opts, None)
}

/// [`find`], each measure listed with a concern its proposers raised that it is about by
/// `taxonomy`'s reading of the two (see `homes::place_measures`).
pub fn find_filed(texts: &[Option<&str>], seg: &Segmenter, opts: &ConcernOpts, taxonomy: Option<&super::departments::Taxonomy>) -> Found {
    let (parsed, earlier_clauses) = parse_with_earlier(texts, seg, opts);
    // Shares are of everyone who said something, those who said there is no problem too.
    let answered = parsed.status.iter().filter(|s| s.said_something()).count();
    let live: Vec<bool> = parsed.status.iter().map(|s| *s == Status::Answer).collect();
    let (codes, exact) = codes_in_effect(&parsed, opts);
    let seeded_from = opts.codebook.len();
    let fingerprint = fingerprint(&parsed, opts, &codes);
    let (terms, corpus, reference) = vocabulary(&parsed, &earlier_clauses, opts, &codes);
    drop(earlier_clauses);
    let Parsed { status, keys, clauses, words } = parsed;
    let mut units = Units::new(clauses, &corpus, &words, &codes);

    let (docs, doc_answers) = fit_documents(&units, &keys, opts);
    let (dmm, reference_labels) = fit(&docs, &doc_answers, &reference, corpus.vocab.len(), opts);
    drop(docs);
    let discovered = dmm.k();
    let earlier_name = earlier_names(opts, &reference, &reference_labels, discovered);
    let mut raised = raise(&mut units, &dmm, &status, opts);

    let empty = crate::model::Correction::default();
    let space = Space::new(discovered + codes.len(), opts.fix.as_ref().filter(|_| exact).map_or(&empty, |f| &f.correction));
    let before = count(&raised, space.len());
    // Names the user gave: the codebook's, then the corrections'; `defined` the concerns
    // the user also gave words (a codebook entry, a corrected concern with its words).
    let (mut given, mut defined) = given_names(&codes, discovered, &earlier_name, space.len());
    let earlier_kept: Vec<bool> = (0..space.len()).map(|c| earlier_name.get(c).is_some_and(Option::is_some)).collect();
    let (named, id_of, applied, carried) = match &opts.fix {
        Some(fix) => {
            let (machine, _) = name(&before, discovered, answered, &earlier_kept, opts);
            let c = Correcting {
                fix,
                exact,
                space: &space,
                discovered,
                seeded_from,
                codes: &codes,
                texts,
                live: &live,
                fingerprint: &fingerprint,
            };
            let done = apply_corrections(&c, &machine, &mut raised, &mut units, &mut given, &mut defined);
            (done.named, done.id_of, Some(done.applied), Some(done.carried))
        }
        None => {
            let (named, id_of) = name(&before, discovered, answered, &earlier_kept, opts);
            (named, id_of, None, None)
        }
    };
    let respondents = count(&raised, space.len());
    let assignments = assign(&status, &raised, &id_of);
    let n_ids = named.len() + 1;
    let centres = centres(&units.units, &id_of, n_ids, corpus.vocab.len());
    let by_id = members(&units.units, &id_of, n_ids, &assignments);
    let d = Described {
        seg,
        opts,
        texts,
        units: &units.units,
        by_id: &by_id,
        centres: &centres,
        corpus: &corpus,
        assignments: &assignments,
        respondents: &respondents,
        named: &named,
        given: &given,
        defined: &defined,
        space: &space,
        answered,
        terms: (&terms, &words),
    };
    let remainder = assignments.iter().any(|a| a.all.contains(&0));
    // Measures are counted over the whole question (alongside the concerns' keywords
    // and quotes), then listed with a concern their proposers raised or one they are about.
    let (proposed, concerns) = rayon::join(
        || if opts.measures { super::measures::measures(&units.units, opts.suggestion_question, &opts.unquotable) } else { Vec::new() },
        || (1..n_ids).chain(remainder.then_some(0)).collect::<Vec<_>>().into_par_iter().map(|id| d.concern(id)).collect::<Vec<_>>(),
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
    for c in concerns.iter_mut().filter(|c| c.id > 0) {
        c.name_coverage = name_coverage(seg, &c.label, c.id, texts, &assignments, (&terms, &words));
    }
    place_measures(&mut concerns, &proposed, &assignments, n_ids, taxonomy);
    crate::model::rank_with_ties(&mut concerns);
    let non_answers = status.iter().filter(|s| **s == Status::NonAnswer).count();
    let no_problem = status.iter().filter(|s| **s == Status::NoProblem).count();
    let praise = status.iter().filter(|s| **s == Status::Praise).count();
    let empty = status.iter().filter(|s| **s == Status::Empty).count();
    Found {
        concerns,
        assignments,
        answered,
        no_problem,
        praise,
        non_answers,
        empty,
        discovered,
        terms,
        words,
        fingerprint,
        applied,
        carried,
    }
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
