//! Which clusters are named concerns, with which id, and by what name: the taxonomy's
//! matter for a broad concern of long messages, the first phrase no concern before took,
//! else its keywords.

use super::super::unit::Assignment;
use super::ConcernOpts;
use crate::model::Concern;

/// The share of a concern's answers its best phrase must be in to name it when a
/// taxonomy subcategory could (long messages; see `ConcernOpts::matters`).
pub(super) const NARROW: f64 = 0.15;

/// A taxonomy subcategory naming concern `id` (see `ConcernOpts::matters`): when its
/// best phrase is in fewer than `NARROW` of the answers whose concern it is, and at least
/// half of them were filed under one subcategory (else one category).
pub(super) fn matter_name(
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
pub(super) fn keyword_name(keywords: &[String]) -> String {
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
pub(super) fn name(
    respondents: &[usize],
    discovered: usize,
    answered: usize,
    earlier: &[bool],
    opts: &ConcernOpts,
) -> (Vec<usize>, Vec<usize>) {
    let min = ((answered as f64) * opts.min_share).ceil().max(2.0) as usize;
    let always = |c: usize| c >= discovered || earlier.get(c).copied().unwrap_or(false);
    let named: Vec<usize> = (0..respondents.len()).filter(|&c| respondents[c] >= min || (always(c) && respondents[c] > 0)).collect();
    ids(respondents, named, opts.k_max.max(1))
}

/// The named clusters by respondents (at most `max`) and each cluster's concern id.
pub(super) fn ids(respondents: &[usize], mut named: Vec<usize>, max: usize) -> (Vec<usize>, Vec<usize>) {
    named.sort_by(|a, b| respondents[*b].cmp(&respondents[*a]).then(a.cmp(b)));
    named.truncate(max);
    let mut id_of = vec![0usize; respondents.len()];
    for (i, &c) in named.iter().enumerate() {
        id_of[c] = i + 1;
    }
    (named, id_of)
}

/// Name each discovered concern by the first phrase of its answers no concern before it
/// (by share) took; names the user gave (`None`: the codebook's, a correction's) and the
/// remainder's stay; with no phrase left, the keywords.
pub(super) fn unique_names(described: Vec<(Concern, Option<Vec<String>>)>) -> Vec<Concern> {
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
