//! Corrections made in `explorer.html` (`[[correction]]` in survey.toml), replayed on the
//! machine's placement of one question's answers.
//!
//! The machine's clusters are found first, exactly as without corrections, so that every
//! answer no correction touched keeps its concerns. The steps then act, in order, on each
//! answer's list of clusters (in the order it raised them, the primary first), the same
//! operations the page performed on its list of concern ids:
//! - merge: `from` becomes `into` (an answer raising both keeps one, at the first place);
//! - split: in answers whose text contains the word, `from` becomes the new concern;
//! - drop: `from` is removed (an answer left with nothing joins the remainder);
//! - move: in one answer, `from` becomes `to` (`rest`: the remainder; from `rest`: every
//!   cluster not named is replaced).
//!
//! Which clusters are named is decided before the steps (the machine's rule) and only
//! the steps change it, so no cluster the page did not show can become a concern.
//!
//! Keys (`k3`, `n1`, `rest`) are what the page and the config call concerns; they depend
//! only on the answers and the options, summed up in the question's fingerprint. A
//! correction made on other answers (its fingerprint differs) is not replayed: its
//! concerns seed like a codebook instead (see [`super::concerns::find`]).

use super::unit::Unit;
use crate::model::{Applied, ConcernKey, Correction, Step};

/// A question's correction with each step's answer (for moves: the answer's index among
/// the question's texts, `None` when no such response is in the data).
#[derive(Debug, Clone, Default)]
pub struct Fix {
    pub correction: Correction,
    pub answers: Vec<Option<usize>>,
}

/// The fingerprint of what decides the machine's clusters: every answer's clauses and
/// terms (in an order that does not depend on the input's), and the options. SHA-256
/// (the `sha2` crate the project already uses) because it is fixed by its definition: a
/// fingerprint written today must read the same after any upgrade, which the std and
/// foldhash hashers do not promise.
pub(super) fn fingerprint(mut answers: Vec<[u8; 32]>, options: &[String]) -> String {
    use sha2::{Digest, Sha256};
    answers.sort_unstable();
    let mut h = Sha256::new();
    for o in options {
        h.update(o.as_bytes());
        h.update([0]);
    }
    for x in answers {
        h.update(x);
    }
    h.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// One answer's part of the fingerprint: SHA-256 of its parts, each ended by a 0 byte;
/// a part is written in pieces (a clause's terms, spaced) without being put together.
pub(super) fn digest<'a>(parts: impl Iterator<Item = Vec<&'a [u8]>>) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for pieces in parts {
        for p in pieces {
            h.update(p);
        }
        h.update([0]);
    }
    h.finalize().into()
}

/// Clusters during a replay: the machine's `0..base`, the new ones after them, and one
/// more standing for the remainder (never named).
pub(super) struct Space {
    pub base: usize,
    /// Keys of the concerns splits make (`n1` …), at `base + i`.
    pub new: Vec<String>,
}

impl Space {
    pub fn new(base: usize, c: &Correction) -> Space {
        let mut new: Vec<String> = Vec::new();
        for s in &c.steps {
            if let Step::Split { new: n, .. } = s {
                if matches!(ConcernKey::parse(n), Some(ConcernKey::New(_))) && !new.contains(n) {
                    new.push(n.clone());
                }
            }
        }
        Space { base, new }
    }

    pub fn len(&self) -> usize {
        self.base + self.new.len() + 1
    }

    pub fn rest(&self) -> usize {
        self.base + self.new.len()
    }

    pub fn cluster(&self, key: &str) -> Option<usize> {
        match ConcernKey::parse(key)? {
            ConcernKey::Rest => Some(self.rest()),
            ConcernKey::New(_) => self.new.iter().position(|n| n == key).map(|i| self.base + i),
            ConcernKey::Machine(c) => (c < self.base).then_some(c),
        }
    }

    pub fn key(&self, c: usize) -> String {
        match c {
            c if c < self.base => format!("k{c}"),
            c if c < self.rest() => self.new[c - self.base].clone(),
            _ => "rest".into(),
        }
    }
}

/// Replace `from` by `to` in a list, keeping one of each at its first place.
fn replace(list: &mut Vec<usize>, from: impl Fn(usize) -> bool, to: usize) {
    let mut out: Vec<usize> = Vec::with_capacity(list.len());
    for &c in list.iter() {
        let c = if from(c) { to } else { c };
        if !out.contains(&c) {
            out.push(c);
        }
    }
    *list = out;
}

/// The clauses of one answer (from its first, `first`) placed in a cluster `from` accepts
/// go to `to` (`None`: placed nowhere, the remainder).
fn relabel(units: &mut [Unit], first: usize, answer: usize, from: impl Fn(usize) -> bool, to: Option<usize>) {
    if first == usize::MAX {
        return;
    }
    for u in units[first..].iter_mut().take_while(|u| u.answer == answer) {
        if u.cluster.is_some_and(&from) {
            u.cluster = to;
        }
    }
}

/// Why a move names no answer of the question.
pub(super) fn no_answer(population: &str, response: &str) -> String {
    format!("移动答卷 {population}/{response}：这份答卷在本题没有有效回答")
}

/// Replay the steps on every answer's clusters (`raised`, primary first) and on the
/// clauses (`units`, whose clusters give the keywords and quotes; `first[a]` is answer
/// `a`'s first clause). Only answers with substance (`live`) are moved. `named` (by
/// cluster, `space.len()` long) is the machine's choice of named clusters and becomes
/// the corrected one.
pub(super) fn replay(
    fix: &Fix,
    space: &Space,
    texts: &[Option<&str>],
    live: &[bool],
    raised: &mut [Vec<usize>],
    units: &mut [Unit],
    first: &[usize],
    named: &mut [bool],
) -> Applied {
    let rest = space.rest();
    let mut applied = Applied { exact: true, steps: 0, skipped: Vec::new() };
    // A key of a named concern (or the remainder) now.
    let shown = |k: &str, named: &[bool]| space.cluster(k).filter(|&c| c == rest || named[c]);
    let unknown = |k: &str| format!("类别 {k} 在本次结果中不存在");
    for (i, step) in fix.correction.steps.iter().enumerate() {
        match step {
            Step::Merge { from, into } => {
                let (Some(f), Some(t)) = (shown(from, named), shown(into, named)) else {
                    let bad = if shown(from, named).is_none() { from } else { into };
                    applied.skipped.push(format!("合并 {from} → {into}：{}", unknown(bad)));
                    continue;
                };
                if f == rest || t == rest || f == t {
                    applied.skipped.push(format!("合并 {from} → {into}：不能与“其他”或自身合并"));
                    continue;
                }
                raised.iter_mut().for_each(|r| replace(r, |c| c == f, t));
                units.iter_mut().filter(|u| u.cluster == Some(f)).for_each(|u| u.cluster = Some(t));
                named[f] = false;
            }
            Step::Split { from, word, new } => {
                let Some(f) = shown(from, named).filter(|&f| f != rest) else {
                    applied.skipped.push(format!("拆分 {from}：{}", unknown(from)));
                    continue;
                };
                let Some(n) = space.cluster(new).filter(|&n| n >= space.base && n != rest && !named[n]) else {
                    applied.skipped.push(format!("拆分 {from}：新类编号 {new} 无效或已用过"));
                    continue;
                };
                for (a, r) in raised.iter_mut().enumerate() {
                    if r.contains(&f) && texts[a].is_some_and(|t| t.contains(word.as_str())) {
                        replace(r, |c| c == f, n);
                        relabel(units, first[a], a, |c| c == f, Some(n));
                    }
                }
                named[n] = true;
            }
            Step::Drop { concern } => {
                let Some(f) = shown(concern, named).filter(|&c| c != rest) else {
                    applied.skipped.push(format!("标记 {concern} 为“不是关注问题”：{}", unknown(concern)));
                    continue;
                };
                raised.iter_mut().for_each(|r| r.retain(|&c| c != f));
                units.iter_mut().filter(|u| u.cluster == Some(f)).for_each(|u| u.cluster = None);
                named[f] = false;
            }
            Step::Move { population, response, from, to } => {
                let Some(a) = fix.answers.get(i).copied().flatten().filter(|&a| live[a]) else {
                    applied.skipped.push(no_answer(population, response));
                    continue;
                };
                let (Some(f), Some(t)) = (shown(from, named), shown(to, named)) else {
                    let bad = if shown(from, named).is_none() { from } else { to };
                    applied.skipped.push(format!("移动答卷 {population}/{response}：{}", unknown(bad)));
                    continue;
                };
                // From the remainder: every cluster that is not named stands for it.
                let is_from = |c: usize| if f == rest { c == rest || !named[c] } else { c == f };
                if raised[a].is_empty() && f == rest {
                    raised[a].push(rest);
                }
                if !raised[a].iter().any(|&c| is_from(c)) {
                    applied.skipped.push(format!("移动答卷 {population}/{response}：这份回答不在类别 {from} 中"));
                    continue;
                }
                replace(&mut raised[a], is_from, t);
                relabel(units, first[a], a, is_from, (t != rest).then_some(t));
            }
        }
        applied.steps += 1;
    }
    named[rest] = false;
    applied
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replace_keeps_one_of_each_at_its_first_place() {
        let mut v = vec![3, 1, 4, 1];
        replace(&mut v, |c| c == 4, 3);
        assert_eq!(v, [3, 1]);
        let mut v = vec![5, 2, 7];
        replace(&mut v, |c| c == 5, 7);
        assert_eq!(v, [7, 2]);
    }

    #[test]
    fn fingerprint_ignores_the_order_of_answers_but_not_their_words_or_options() {
        let one = |parts: &[&str]| digest(parts.iter().map(|p| vec![p.as_bytes()]));
        let a = || vec![one(&["异味"]), one(&["噪声", "广场舞"])];
        let opts = vec!["seed=1".to_string()];
        let f = fingerprint(a(), &opts);
        assert_eq!(f, fingerprint(a().into_iter().rev().collect(), &opts));
        assert_ne!(f, fingerprint(a().into_iter().take(1).collect(), &opts));
        assert_ne!(f, fingerprint(a(), &["seed=2".to_string()]));
        // A part written in pieces is the same part.
        assert_eq!(digest(std::iter::once(vec!["噪".as_bytes(), "声".as_bytes()])), one(&["噪声"]));
        assert_eq!(f.len(), 16);
    }

    #[test]
    fn keys_name_machine_new_and_rest_clusters() {
        let c =
            Correction { steps: vec![Step::Split { from: "k2".into(), word: "管网".into(), new: "n1".into() }], ..Default::default() };
        let s = Space::new(5, &c);
        assert_eq!((s.cluster("k4"), s.cluster("k5"), s.cluster("n1"), s.cluster("rest")), (Some(4), None, Some(5), Some(6)));
        assert_eq!((s.key(4), s.key(5), s.key(6)), ("k4".to_string(), "n1".to_string(), "rest".to_string()));
    }
}
