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

use super::concerns::Unit;
use crate::model::{Applied, Correction, Step};

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
pub(super) fn fingerprint(answers: impl Iterator<Item = Vec<String>>, options: &[String]) -> String {
    use sha2::{Digest, Sha256};
    let mut per: Vec<[u8; 32]> = answers
        .map(|parts| {
            let mut h = Sha256::new();
            for p in parts {
                h.update(p.as_bytes());
                h.update([0]);
            }
            h.finalize().into()
        })
        .collect();
    per.sort_unstable();
    let mut h = Sha256::new();
    for o in options {
        h.update(o.as_bytes());
        h.update([0]);
    }
    for x in per {
        h.update(x);
    }
    h.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Clusters during a replay: the machine's `0..base`, the new ones after them, and one
/// more standing for the remainder (never named).
pub(super) struct Space {
    pub base: usize,
    /// Keys of the concerns corrections made (`n1` …), at `base + i`.
    pub new: Vec<String>,
}

impl Space {
    pub fn new(base: usize, c: &Correction) -> Space {
        let mut new: Vec<String> = Vec::new();
        for s in &c.steps {
            if let Step::Split { new: n, .. } = s {
                if !new.contains(n) {
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
        if key == "rest" {
            return Some(self.rest());
        }
        if let Some(i) = self.new.iter().position(|n| n == key) {
            return Some(self.base + i);
        }
        key.strip_prefix('k').and_then(|d| d.parse::<usize>().ok()).filter(|&c| c < self.base)
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

/// Replay the steps on every answer's clusters (`raised`, primary first) and on the
/// clauses (`units`, whose clusters give the keywords and quotes). `named` (by cluster,
/// `space.len()` long) is the machine's choice of named clusters and becomes the
/// corrected one.
pub(super) fn replay(
    fix: &Fix,
    space: &Space,
    texts: &[Option<&str>],
    raised: &mut [Vec<usize>],
    units: &mut [Unit],
    named: &mut [bool],
) -> Applied {
    let rest = space.rest();
    let mut applied = Applied { exact: true, steps: 0, skipped: Vec::new() };
    // Each answer's clauses, for the moves.
    let mut first = vec![usize::MAX; raised.len()];
    for (u, unit) in units.iter().enumerate().rev() {
        first[unit.answer] = u;
    }
    let unknown = |k: &str| format!("类别 {k} 在本次结果中不存在");
    for (i, step) in fix.correction.steps.iter().enumerate() {
        let key = |k: &str| space.cluster(k).filter(|&c| c == rest || named[c] || (c >= space.base && matches!(step, Step::Split { .. })));
        match step {
            Step::Merge { from, into } => {
                let (Some(f), Some(t)) = (key(from), key(into)) else {
                    applied.skipped.push(format!("合并 {from} → {into}：{}", unknown(if key(from).is_none() { from } else { into })));
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
                let (Some(f), Some(n)) = (key(from), key(new)) else {
                    applied.skipped.push(format!("拆分 {from}：{}", unknown(from)));
                    continue;
                };
                if f == rest || n < space.base || n == rest {
                    applied.skipped.push(format!("拆分 {from}：只能从已命名的类拆出新类"));
                    continue;
                }
                for (a, r) in raised.iter_mut().enumerate() {
                    if r.contains(&f) && texts[a].is_some_and(|t| t.contains(word.as_str())) {
                        replace(r, |c| c == f, n);
                        let start = first[a];
                        if start != usize::MAX {
                            units[start..].iter_mut().take_while(|u| u.answer == a).filter(|u| u.cluster == Some(f)).for_each(|u| {
                                u.cluster = Some(n);
                            });
                        }
                    }
                }
                named[n] = true;
            }
            Step::Drop { concern } => {
                let Some(f) = key(concern).filter(|&c| c != rest) else {
                    applied.skipped.push(format!("标记 {concern} 为“不是关注问题”：{}", unknown(concern)));
                    continue;
                };
                raised.iter_mut().for_each(|r| r.retain(|&c| c != f));
                units.iter_mut().filter(|u| u.cluster == Some(f)).for_each(|u| u.cluster = None);
                named[f] = false;
            }
            Step::Move { population, response, from, to } => {
                let Some(a) = fix.answers.get(i).copied().flatten() else {
                    applied.skipped.push(format!("移动答卷 {population}/{response}：数据中没有这份答卷的回答"));
                    continue;
                };
                let (Some(f), Some(t)) = (key(from), key(to)) else {
                    applied
                        .skipped
                        .push(format!("移动答卷 {population}/{response}：{}", unknown(if key(from).is_none() { from } else { to })));
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
                let start = first[a];
                if start != usize::MAX {
                    let target = (t != rest).then_some(t);
                    units[start..].iter_mut().take_while(|u| u.answer == a).filter(|u| u.cluster.is_some_and(is_from)).for_each(|u| {
                        u.cluster = target;
                    });
                }
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
        let a = || vec![vec!["异味".to_string()], vec!["噪声".to_string(), "广场舞".to_string()]];
        let opts = vec!["seed=1".to_string()];
        let f = fingerprint(a().into_iter(), &opts);
        assert_eq!(f, fingerprint(a().into_iter().rev(), &opts));
        assert_ne!(f, fingerprint(a().into_iter().take(1), &opts));
        assert_ne!(f, fingerprint(a().into_iter(), &["seed=2".to_string()]));
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
