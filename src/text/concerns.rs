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

use super::cluster::{gsdmm_fit, reduce, Dmm, Gsdmm, Reduce};
use super::normalize::{clauses, is_non_answer, normalize};
use super::segment::Segmenter;
use super::vectorize::{Corpus, Interner};
use crate::model::{Code, Concern, Quote, Share, Suggestion, DEFAULT_MAX_CONCERNS, DEFAULT_MIN_SHARE};
use crate::util::similar::{bigrams, similar};
use rayon::prelude::*;
use std::collections::HashMap;
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
    /// Every clause is a suggestion (the question asks for them).
    pub suggestion_question: bool,
    /// At most this many answers (or clauses) fit the model, and at most `fit_max_terms`
    /// term occurrences among them; the rest are placed by it.
    pub fit_max: usize,
    pub fit_max_terms: usize,
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
            suggestion_question: false,
            fit_max: 30_000,
            fit_max_terms: 300_000,
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
}

const SUGGESTION_MARKS: [&str; 16] =
    ["建议", "希望", "应该", "应当", "加强", "增加", "完善", "呼吁", "尽快", "加大", "要求", "最好", "需要", "应尽快", "能否", "可以考虑"];

/// Answers segmented at a time before their terms are interned.
const CHUNK: usize = 16_384;

/// Clauses ranked per concern for its quotes and suggestions.
const RANKED: usize = 5000;

const FILLERS: [&str; 16] = [
    "就是",
    "主要是",
    "我觉得",
    "我认为",
    "个人认为",
    "个人觉得",
    "说实话",
    "总之",
    "另外",
    "还有",
    "同时",
    "其次",
    "然后",
    "而且",
    "并且",
    "总的来说",
];

/// What a clause proposes: in an answer to a suggestion question the whole clause; else
/// the part from the first phrase with a suggestion word on ("……，希望加强巡查" → "希望加强
/// 巡查"). Leading list numbers ("1 ", "2、", "①") are dropped. `None` when what remains
/// says nothing concrete (a bare "希望尽快解决").
pub fn suggestion_text(clause: &str, whole: bool) -> Option<&str> {
    let start = if whole {
        0
    } else {
        let mut at = None;
        let mut begin = 0;
        for (i, c) in clause.char_indices().chain(std::iter::once((clause.len(), '，'))) {
            if matches!(c, '，' | ',' | '；' | ';' | '：' | ':') {
                if SUGGESTION_MARKS.iter().any(|m| clause[begin..i].contains(m)) {
                    at = Some(begin);
                    break;
                }
                begin = i + c.len_utf8();
            }
        }
        at?
    };
    let mut text = clause[start..]
        .trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace() || "、.．)）①②③④⑤⑥⑦⑧⑨⑩".contains(c))
        .trim_end_matches(['。', '，', '；', ',', ';', '.', ' ']);
    // Fillers that open a spoken clause say nothing ("就是", "主要是", "我觉得" …).
    loop {
        let before = text;
        for f in FILLERS {
            text = text.strip_prefix(f).unwrap_or(text).trim_start_matches(['，', ',', ' ']);
        }
        if before == text {
            break;
        }
    }
    // What follows a wish word ("希望", "建议" …) must say what to do.
    let generic = ["解决", "重视", "改善", "处理", "整改", "改进", "关注", "管管", "管理一下", "解决一下", "落实"];
    let mut rest = text;
    for m in ["建议", "希望", "应该", "应当", "呼吁", "要求", "最好", "需要", "应尽快", "能否", "可以考虑"] {
        if let Some(r) = rest.strip_prefix(m) {
            rest = r;
            break;
        }
    }
    loop {
        let before = rest;
        for p in ["能", "要", "把", "尽快", "早日", "赶紧", "可以", "政府", "相关部门", "有关部门"] {
            rest = rest.strip_prefix(p).unwrap_or(rest);
        }
        if before == rest {
            break;
        }
    }
    let concrete = rest.chars().filter(|c| c.is_alphanumeric()).count() >= 4 && !generic.contains(&rest);
    (concrete && !text.is_empty()).then_some(text)
}

/// A hash of a text that depends only on the text and the seed: orders and samples
/// answers independently of the input order.
pub(crate) fn stable_hash(seed: u64, s: &str) -> u64 {
    // foldhash with a fixed seed is stable across runs and platforms of the same build.
    foldhash::fast::FixedState::with_seed(seed).hash_one(s)
}

fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        s.chars().take(max).collect::<String>() + "……"
    }
}

/// Normalized text for reading: half-width punctuation next to Chinese back to full width.
fn display(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let cjk = |c: Option<&char>| c.is_some_and(|c| ('\u{4E00}'..='\u{9FFF}').contains(c));
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let near = cjk(i.checked_sub(1).and_then(|j| chars.get(j))) || cjk(chars.get(i + 1));
        out.push(match c {
            ',' if near => '，',
            ';' if near => '；',
            ':' if near => '：',
            '!' if near => '！',
            '?' if near => '？',
            '(' if near => '（',
            ')' if near => '）',
            c => c,
        });
    }
    out
}

/// One clause of an answer, placed.
struct Unit {
    answer: usize,
    text: String,
    doc: Vec<(u32, u32)>,
    /// Internal cluster: discovered 0..d, codebook d..d+codes; `None` = not placed.
    cluster: Option<usize>,
}

/// Find the concerns in `texts` (`None` = no answer given).
pub fn find(texts: &[Option<&str>], seg: &Segmenter, opts: &ConcernOpts) -> Found {
    // A chunk of answers at a time: normalized and judged, split into clauses and
    // segmented in parallel, then the terms interned as ids — so that memory holds neither
    // the normalized texts nor a copy of each word per use.
    let mut status: Vec<Status> = Vec::with_capacity(texts.len());
    // A hash of each normalized answer: the order answers fit the model in.
    let mut answer_keys: Vec<u64> = Vec::with_capacity(texts.len());
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
                            let terms = seg.terms(&c);
                            (c, terms)
                        })
                        .collect();
                    (Status::Answer, stable_hash(opts.seed, &t), cl)
                }
            })
            .collect();
        for (st, key, cl) in segmented {
            status.push(st);
            answer_keys.push(key);
            per_answer.push(cl.into_iter().map(|(c, t)| (c, t.iter().map(|w| interner.id(w)).collect())).collect());
        }
    }
    let answered = status.iter().filter(|s| **s == Status::Answer).count();
    let words = interner.words;
    // Every answer's terms: with repeats for the vocabulary, then distinct (kept for the
    // co-occurrence network).
    let mut terms: Vec<Vec<u32>> = per_answer.iter().map(|cl| cl.iter().flat_map(|(_, t)| t.iter().copied()).collect()).collect();
    let corpus = Corpus::vocabulary(&terms, &words, 2, 0.5);
    terms.par_iter_mut().for_each(|v| {
        v.sort_unstable();
        v.dedup();
    });

    // Codebook first: a clause containing a seed word (in its text or its terms) is coded.
    let codes = &opts.codebook;
    let coded = |text: &str, t: &[u32]| -> Option<usize> {
        codes.iter().position(|c| {
            c.words.iter().any(|w| !w.is_empty() && (text.contains(w.as_str()) || t.iter().any(|&x| words[x as usize] == *w)))
        })
    };
    let mut units: Vec<Unit> = Vec::new();
    let mut unit_code: Vec<Option<usize>> = Vec::new();
    for (a, cl) in per_answer.into_iter().enumerate() {
        for (text, t) in cl {
            unit_code.push(coded(&text, &t));
            units.push(Unit { answer: a, doc: corpus.encode(&t), text, cluster: None });
        }
    }

    let mut first_unit = vec![usize::MAX; texts.len()];
    for (u, unit) in units.iter().enumerate().rev() {
        first_unit[unit.answer] = u;
    }
    // Fit on what is left to discovery (clauses neither coded nor empty), in an order set
    // by the text and the seed.
    let open = |u: usize| unit_code[u].is_none() && !units[u].doc.is_empty();
    let answer_doc = |a: usize| -> Vec<(u32, u32)> {
        let mut v: Vec<(u32, u32)> = Vec::new();
        for (u, unit) in units.iter().enumerate().skip(first_unit[a]).take_while(|(_, x)| x.answer == a) {
            if unit_code[u].is_none() {
                v.extend(unit.doc.iter().copied());
            }
        }
        super::vectorize::merge_counts(&mut v);
        v
    };
    let docs: Vec<Vec<(u32, u32)>> = if opts.fit_answers {
        // One document per answer. (Equal keys are equal normalized answers, whose
        // documents are equal too, so the order among them does not matter.)
        let mut answers: Vec<usize> = (0..units.len()).filter(|&u| open(u)).map(|u| units[u].answer).collect();
        answers.dedup();
        answers.sort_by_key(|&a| answer_keys[a]);
        answers.into_iter().map(answer_doc).take(opts.fit_max.max(1)).collect()
    } else {
        let mut fit: Vec<usize> = (0..units.len()).filter(|&u| open(u)).collect();
        let keys: Vec<u64> = fit.iter().map(|&u| stable_hash(opts.seed, &units[u].text)).collect();
        let mut order: Vec<usize> = (0..fit.len()).collect();
        order.sort_by(|&a, &b| keys[a].cmp(&keys[b]).then_with(|| units[fit[a]].text.cmp(&units[fit[b]].text)));
        fit = order.into_iter().map(|i| fit[i]).collect();
        fit.iter().take(opts.fit_max.max(1)).map(|&u| units[u].doc.clone()).collect()
    };
    // The sampler's cost grows with term occurrences: long answers fit on fewer of them.
    let mut occurrences = 0usize;
    let docs: Vec<Vec<(u32, u32)>> = docs
        .into_iter()
        .take_while(|d| {
            let before = occurrences;
            occurrences += d.iter().map(|&(_, c)| c as usize).sum::<usize>();
            before < opts.fit_max_terms.max(1)
        })
        .collect();
    let (k_fit, r) = match opts.k {
        Some(k) => (k.max(1), Reduce { k_max: k.max(1), min_shared: usize::MAX }),
        // Small questions start from fewer clusters: about 20 answers each at least.
        None => ((docs.len() / 20).clamp(8, opts.k_init.max(8)), Reduce { k_max: opts.k_max.max(1), min_shared: opts.min_shared }),
    };
    let dmm: Dmm = if docs.is_empty() {
        Dmm { alpha: 0.1, beta: 0.1, vocab: corpus.vocab.len(), docs: Vec::new(), words: Vec::new(), counts: Vec::new() }
    } else {
        let (mut labels, mut dmm) = gsdmm_fit(&docs, corpus.vocab.len(), Gsdmm { k_max: k_fit, ..Default::default() }, opts.seed);
        reduce(&mut dmm, &mut labels, r);
        dmm
    };
    drop(docs);
    let discovered = dmm.k();
    let placed: Vec<Option<(usize, f64)>> = units
        .par_iter()
        .zip(unit_code.par_iter())
        .map(|(u, code)| match code {
            Some(c) => Some((discovered + c, 1.0)),
            None => dmm.best(&u.doc),
        })
        .collect();
    let mut first_confident: Vec<Option<usize>> = vec![None; texts.len()];
    if let Primary::FirstConfident(min) = opts.primary {
        for (u, p) in units.iter().zip(&placed) {
            if let Some((c, conf)) = p {
                if *conf >= min && first_confident[u.answer].is_none() {
                    first_confident[u.answer] = Some(*c);
                }
            }
        }
    }
    // The whole answer's concern, where the rule needs it.
    let whole: Vec<Option<usize>> = (0..texts.len())
        .into_par_iter()
        .map(|a| match opts.primary {
            _ if status[a] != Status::Answer => None,
            Primary::FirstClause => None,
            Primary::FirstConfident(_) if first_confident[a].is_some() => None,
            _ => dmm.best(&answer_doc(a)).map(|x| x.0),
        })
        .collect();
    for (u, p) in units.iter_mut().zip(&placed) {
        u.cluster = p.map(|x| x.0);
    }
    let n_clusters = discovered + codes.len();

    // Concerns raised per answer, in the order raised.
    let mut raised: Vec<Vec<usize>> = vec![Vec::new(); texts.len()];
    for u in &units {
        if let Some(c) = u.cluster {
            if !raised[u.answer].contains(&c) {
                raised[u.answer].push(c);
            }
        }
    }
    // The primary concern goes first.
    for (a, r) in raised.iter_mut().enumerate() {
        let p = match opts.primary {
            Primary::FirstClause => None,
            Primary::WholeAnswer => whole[a],
            Primary::FirstConfident(_) => first_confident[a].or(whole[a]),
        };
        if let Some(p) = p {
            r.retain(|&c| c != p);
            r.insert(0, p);
        }
    }
    let mut respondents = vec![0usize; n_clusters];
    for r in &raised {
        for &c in r {
            respondents[c] += 1;
        }
    }
    // Named: the largest clusters above the minimum share, codebook ones whenever raised.
    let min = ((answered as f64) * opts.min_share).ceil().max(2.0) as usize;
    let mut named: Vec<usize> = (0..n_clusters).filter(|&c| respondents[c] >= min || (c >= discovered && respondents[c] > 0)).collect();
    named.sort_by(|a, b| respondents[*b].cmp(&respondents[*a]).then(a.cmp(b)));
    named.truncate(opts.k_max.max(1));
    let mut id_of = vec![0usize; n_clusters];
    for (i, &c) in named.iter().enumerate() {
        id_of[c] = i + 1;
    }

    let assignments: Vec<Assignment> = (0..texts.len())
        .map(|i| {
            if status[i] != Status::Answer {
                return Assignment { status: status[i], primary: None, all: Vec::new() };
            }
            let ids: Vec<usize> = raised[i].iter().map(|&c| id_of[c]).collect();
            let mut all = ids.clone();
            all.sort_unstable();
            all.dedup();
            if all.is_empty() {
                all.push(0);
            }
            Assignment { status: Status::Answer, primary: Some(ids.first().copied().unwrap_or(0)), all }
        })
        .collect();

    // Class-based TF-IDF over final concern ids (0 = remainder) for keywords and centres.
    let n_ids = named.len() + 1;
    let mut model = Dmm {
        alpha: 0.1,
        beta: 0.1,
        vocab: corpus.vocab.len(),
        docs: vec![0.0; n_ids],
        words: vec![0.0; n_ids],
        counts: vec![vec![0.0; corpus.vocab.len()]; n_ids],
    };
    for u in &units {
        let id = u.cluster.map_or(0, |c| id_of[c]);
        model.docs[id] += 1.0;
        for &(w, n) in &u.doc {
            model.counts[id][w as usize] += n as f64;
            model.words[id] += n as f64;
        }
    }
    let centres = model.ctfidf();
    let unit_vec = |u: &Unit| -> Vec<(u32, f64)> {
        let mut v: Vec<(u32, f64)> = u.doc.iter().map(|&(w, n)| (w, (1.0 + (n as f64).ln()) * corpus.idf[w as usize] as f64)).collect();
        let norm = v.iter().map(|(_, x)| x * x).sum::<f64>().sqrt();
        v.iter_mut().for_each(|(_, x)| *x /= norm.max(1e-12));
        v
    };
    let dot = |a: &[(u32, f64)], c: &HashMap<u32, f64>| a.iter().map(|(w, x)| x * c.get(w).copied().unwrap_or(0.0)).sum::<f64>();

    // Units by concern id, in input order.
    let mut by_id: Vec<Vec<usize>> = vec![Vec::new(); n_ids];
    for (ui, u) in units.iter().enumerate() {
        by_id[u.cluster.map_or(0, |c| id_of[c])].push(ui);
    }
    let mut remainder_units = Vec::new();
    // The remainder quotes answers no clause of which was placed, or whose concern was too small.
    for (ui, u) in units.iter().enumerate() {
        if assignments[u.answer].primary == Some(0) {
            remainder_units.push(ui);
        }
    }
    by_id[0] = remainder_units;

    let build = |id: usize| -> Concern {
        let centre: HashMap<u32, f64> = centres[id].iter().copied().collect();
        let mut kw: Vec<(u32, f64)> = centres[id].clone();
        kw.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let keywords: Vec<String> = kw.iter().take(8).map(|(w, _)| corpus.vocab[*w as usize].clone()).collect();
        // Clauses by closeness to the centre. Quotes and suggestions come from the closest,
        // so only the first RANKED are put in order.
        let mut ranked: Vec<(f64, usize)> = by_id[id].iter().map(|&ui| (dot(&unit_vec(&units[ui]), &centre), ui)).collect();
        let original = |ui: usize| texts[units[ui].answer].unwrap_or("");
        let closer = |a: &(f64, usize), b: &(f64, usize)| {
            b.0.total_cmp(&a.0).then(units[a.1].text.cmp(&units[b.1].text)).then(original(a.1).cmp(original(b.1))).then(a.1.cmp(&b.1))
        };
        if ranked.len() > RANKED {
            ranked.select_nth_unstable_by(RANKED, closer);
            ranked.truncate(RANKED);
        }
        ranked.sort_by(closer);
        // Quotes: the clauses closest to the centre from answers whose primary concern this
        // is; the whole answer when it raises nothing else. Near-duplicates skipped.
        let mut quotes: Vec<Quote> = Vec::new();
        let mut seen: Vec<Vec<(char, char)>> = Vec::new();
        let mut used_answers: Vec<usize> = Vec::new();
        // First from answers whose primary concern this is, then (if fewer than three)
        // from answers raising it beside another.
        for pass in 0..2 {
            for &(_, ui) in &ranked {
                if quotes.len() >= opts.quotes || (pass == 1 && quotes.len() >= 3) {
                    break;
                }
                let a = units[ui].answer;
                if (pass == 0) != (assignments[a].primary == Some(id)) || used_answers.contains(&a) {
                    continue;
                }
                let whole = assignments[a].all == [id];
                let text = if whole { texts[a].unwrap_or("").trim().to_string() } else { display(&units[ui].text) };
                let text = short(&crate::util::redact::redact(&text), 120);
                let bg = bigrams(&text);
                if seen.iter().any(|s| similar(s, &bg)) {
                    continue;
                }
                seen.push(bg);
                used_answers.push(a);
                quotes.push(Quote { answer: a, text });
            }
        }
        // Suggestions: proposing clauses, near-duplicates grouped, by respondents.
        let mut groups: Vec<(Vec<(char, char)>, String, Vec<usize>)> = Vec::new();
        for (ui, part) in
            ranked.iter().filter_map(|&(_, ui)| suggestion_text(&units[ui].text, opts.suggestion_question).map(|t| (ui, t))).take(600)
        {
            let text = short(&crate::util::redact::redact(&display(part)), 100);
            let bg = bigrams(&text);
            match groups.iter().position(|g| similar(&g.0, &bg)) {
                Some(g) => {
                    if !groups[g].2.contains(&units[ui].answer) {
                        groups[g].2.push(units[ui].answer);
                    }
                }
                None if groups.len() < 60 => groups.push((bg, text, vec![units[ui].answer])),
                None => {}
            }
        }
        let mut suggestions: Vec<Suggestion> = groups.into_iter().map(|(_, text, a)| Suggestion { text, respondents: a.len() }).collect();
        // Stable: by respondents, then by closeness (the order groups were opened in).
        suggestions.sort_by(|a, b| b.respondents.cmp(&a.respondents));
        suggestions.truncate(8);

        let n = if id == 0 { assignments.iter().filter(|a| a.all.contains(&0)).count() } else { respondents[named[id - 1]] };
        let code = if id == 0 { None } else { named[id - 1].checked_sub(discovered) };
        let label = match (id, code) {
            (0, _) => "其他（未归入以上各类）".to_string(),
            (_, Some(c)) => codes[c].name.clone(),
            _ => keywords.iter().take(3).cloned().collect::<Vec<_>>().join("、"),
        };
        Concern { id, label, keywords, codebook: code.is_some(), share: Share::new(n, answered), quotes, suggestions }
    };
    let mut concerns: Vec<Concern> = (1..n_ids).into_par_iter().map(build).collect();
    if assignments.iter().any(|a| a.all.contains(&0)) {
        concerns.push(build(0));
    }
    let non_answers = status.iter().filter(|s| **s == Status::NonAnswer).count();
    let empty = status.iter().filter(|s| **s == Status::Empty).count();
    Found { concerns, assignments, answered, non_answers, empty, discovered, terms, words }
}

#[cfg(test)]
mod tests {
    use super::suggestion_text;

    #[test]
    fn a_suggestion_is_the_part_that_proposes() {
        assert_eq!(suggestion_text("污水管网老化，出水经常超标，建议加快管网改造", false), Some("建议加快管网改造"));
        // A bare wish says nothing concrete.
        assert_eq!(suggestion_text("污水管网老化，出水经常超标，希望尽快解决", false), None);
        assert_eq!(suggestion_text("噪声太大，希望相关部门重视", false), None);
        // No wish word at all: not a suggestion of a problem answer.
        assert_eq!(suggestion_text("河水发黑发臭", false), None);
        // Answers to a suggestion question count whole; list numbers go.
        assert_eq!(suggestion_text("2、对企业开展夜间突击检查。", true), Some("对企业开展夜间突击检查"));
        assert_eq!(suggestion_text("① 加强巡查", true), Some("加强巡查"));
        assert_eq!(suggestion_text("问题很多，主要是希望扩建污水处理厂", false), Some("希望扩建污水处理厂"));
        assert_eq!(suggestion_text("就是建议减免污水处理费", true), Some("建议减免污水处理费"));
    }
}
