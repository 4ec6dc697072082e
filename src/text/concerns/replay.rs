//! Corrections made in explorer.html, brought to this run: the fingerprint that tells
//! whether they were made on these same answers, the codebook their concerns seed, and
//! (made on other answers) their moves as moves from where each answer is now.

use super::super::corrections::{Fix, Space};
use super::super::unit::Status;
use super::parse::Parsed;
use super::{ConcernOpts, Primary};
use crate::model::{Code, CorrectedConcern, Step};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

/// What decides the machine's clusters, as a fingerprint: the answers' clauses and terms,
/// the options and the codebook's words in effect (the user's and any seeds) — not the
/// corrections. Every option is written out by name, so the fingerprint stays the same
/// across builds.
pub(super) fn fingerprint(parsed: &Parsed, opts: &ConcernOpts, codes: &[Code]) -> String {
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
            super::super::corrections::digest(parts.chain(anchor.as_deref().map(|x| vec![x.as_bytes()])))
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
    // (Only when not the default, so that earlier fingerprints hold.)
    if !o.reads_stance || !o.measures {
        options.push(format!("reads_stance {} measures {}", o.reads_stance, o.measures));
    }
    // A code's words decide where clauses go; its name does not (renaming keeps the keys).
    options.extend(codes.iter().map(|c| format!("code {}", c.words.join("|"))));
    if let Some(p) = &o.previous {
        let mut h = Sha256::new();
        for (t, id) in &p.answers {
            h.update(format!("{id}\u{1}{t}\u{2}").as_bytes());
        }
        options.push(format!("earlier {} {:x}", p.concerns.join("|"), h.finalize()));
    }
    super::super::corrections::fingerprint(answers, &options)
}

/// The codebook with the concerns of a correction added as seeds (those with words, and
/// with a name not in it yet).
pub(super) fn with_seeds<'a>(codebook: &[Code], seeds: impl Iterator<Item = &'a CorrectedConcern>) -> Vec<Code> {
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
pub(super) fn seeded_moves(
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
            (None, _) => skipped.push(super::super::corrections::no_answer(population, response)),
            (_, None) if to == "rest" => skipped.push(format!("移动答卷 {population}/{response}：移到“其他”只能在原来的数据上重现")),
            (_, None) => skipped.push(format!("移动答卷 {population}/{response}：目标类别 {to} 没有关键词，无法在新数据中识别")),
        }
    }
    (out, skipped)
}
