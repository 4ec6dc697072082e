//! Whether a concern's name holds for its members: the share of its own answers that say
//! the name (`name_coverage` in results.json), and the candidate names ordered by it
//! (docs/text.md, "Names that hold").

use super::super::segment::Segmenter;
use super::super::unit::{stable_hash, Assignment};

/// Words with each four-character word as its two halves ("噪声扰民": 噪声, 扰民), so that an
/// answer saying one of them says a name made of it.
pub(super) fn halves(words: Vec<String>) -> Vec<String> {
    let mut out = Vec::new();
    for w in words {
        let chars: Vec<char> = w.chars().collect();
        if chars.len() == 4 {
            out.push(chars[..2].iter().collect());
            out.push(chars[2..].iter().collect());
        } else {
            out.push(w);
        }
    }
    out
}

/// The share of the answers whose main concern is `id` that say its name `label`: at least
/// half of the name's words (as the segmenter cuts them, synonyms merged, see [`halves`])
/// in the answer. `None` when the name has no word or the concern no answer of its own.
/// An answer's words are those discovery already segmented (`terms`, ids into `words`).
pub(super) fn name_coverage(
    seg: &Segmenter,
    label: &str,
    id: usize,
    texts: &[Option<&str>],
    assignments: &[Assignment],
    terms_words: (&[Vec<u32>], &[String]),
) -> Option<f64> {
    Said::new(id, texts, assignments, terms_words, usize::MAX).share(seg, label)
}

/// A concern's own answers (those whose main concern it is; at most `max` of them, the
/// same whatever the order of the file) with the words each says (synonyms merged,
/// four-character words halved).
pub(super) struct Said<'a> {
    answers: Vec<(Vec<String>, &'a str)>,
}

impl<'a> Said<'a> {
    pub(super) fn new(id: usize, texts: &[Option<&'a str>], assignments: &[Assignment], (terms_of, words): (&[Vec<u32>], &[String]), max: usize) -> Self {
        let mut own: Vec<(u64, usize, &str)> = (0..assignments.len())
            .filter(|&a| assignments[a].primary == Some(id))
            .filter_map(|a| texts[a].map(|t| (stable_hash(0, t), a, t)))
            .collect();
        if own.len() > max {
            own.sort_unstable();
            own.truncate(max);
        }
        let answers = own
            .into_iter()
            .map(|(_, a, t)| (halves(terms_of.get(a).into_iter().flatten().map(|&w| words[w as usize].clone()).collect()), t))
            .collect();
        Said { answers }
    }

    /// The share of them that say `label` (see [`name_coverage`]).
    pub(super) fn share(&self, seg: &Segmenter, label: &str) -> Option<f64> {
        let mut terms = halves(seg.terms(label));
        terms.sort();
        terms.dedup();
        if terms.is_empty() || self.answers.is_empty() {
            return None;
        }
        // An answer's words as the segmenter gives them (synonyms merged: "噪音" says 噪声),
        // or the name's word written inside a longer one.
        let need = terms.len().div_ceil(2);
        let says = |(said, t): &(Vec<String>, &str)| terms.iter().filter(|w| said.contains(w) || t.contains(w.as_str())).count() >= need;
        Some(self.answers.iter().filter(|x| says(x)).count() as f64 / self.answers.len() as f64)
    }
}

/// Candidate names read for how many of the concern's answers say them.
const NAMES_WEIGHED: usize = 20;
/// Answers of a concern read to weigh its names.
pub(super) const ANSWERS_WEIGHED: usize = 400;
/// The share of a concern's answers its name should be said by (most of them).
const HOLDS: f64 = 0.6;

/// The candidate names in the order to hand them out: those said by most (`HOLDS`) of the
/// concern's answers first, in the order `naming` gave (the most characteristic word, the
/// longer phrase); then the rest, the more said first. A name holds for its members, not
/// for the few whose sentence gave it.
pub(super) fn by_coverage(names: Vec<String>, said: &Said, seg: &Segmenter) -> Vec<String> {
    if names.len() < 2 {
        return names;
    }
    let cover: Vec<f64> = names.iter().take(NAMES_WEIGHED).map(|n| said.share(seg, n).unwrap_or(0.0)).collect();
    let cover_of = |i: usize| cover.get(i).copied().unwrap_or(0.0);
    let mut order: Vec<usize> = (0..names.len()).collect();
    // Holding names keep their order; the others go by how many say them (stable sort).
    order.sort_by(|&a, &b| {
        let (ca, cb) = (cover_of(a), cover_of(b));
        (ca < HOLDS).cmp(&(cb < HOLDS)).then(if ca < HOLDS { cb.total_cmp(&ca) } else { std::cmp::Ordering::Equal })
    });
    let mut names: Vec<Option<String>> = names.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| names[i].take()).collect()
}


#[cfg(test)]
mod tests {
    use super::super::Status;
    use super::*;

    fn a(id: usize) -> Assignment {
        Assignment { status: Status::Answer, primary: Some(id), all: vec![id], order: vec![id] }
    }

    /// Each answer's words as discovery holds them: ids into one list.
    fn terms_of(seg: &Segmenter, texts: &[Option<&str>]) -> (Vec<Vec<u32>>, Vec<String>) {
        let mut words: Vec<String> = Vec::new();
        let terms = texts
            .iter()
            .map(|t| {
                seg.terms(t.unwrap())
                    .into_iter()
                    .map(|w| match words.iter().position(|x| *x == w) {
                        Some(i) => i as u32,
                        None => {
                            words.push(w);
                            words.len() as u32 - 1
                        }
                    })
                    .collect()
            })
            .collect();
        (terms, words)
    }

    /// A concern's name coverage: the share of its own answers that say its name.
    #[test]
    fn a_name_is_said_by_the_answers_that_use_its_words_or_their_synonyms() {
        let seg = Segmenter::new();
        // Concern 1: "噪声扰民" said by the first (a synonym, 噪音) and the third (the name
        // itself), not by the second; the fourth answer is another concern's.
        let texts = [Some("晚上工地噪音太大"), Some("垃圾清运不及时"), Some("噪声扰民很严重"), Some("停车难")];
        let assignments = vec![a(1), a(1), a(1), a(2)];
        let (terms, words) = terms_of(&seg, &texts);
        let got = name_coverage(&seg, "噪声扰民", 1, &texts, &assignments, (&terms, &words)).unwrap();
        assert!((got - 2.0 / 3.0).abs() < 1e-9, "{got}");
        assert_eq!(name_coverage(&seg, "噪声扰民", 3, &texts, &assignments, (&terms, &words)), None, "no answer of its own");
    }


    /// A name most answers say comes before a more specific one only a few say; among
    /// names that hold, the given order (the more specific first) stays.
    #[test]
    fn names_said_by_most_answers_come_first() {
        let seg = Segmenter::new();
        let texts = [Some("自建锅炉能耗高"), Some("光伏电价太高"), Some("电价太高，用能成本高"), Some("电价高"), Some("能源价格高，电价贵")];
        let assignments = vec![a(1); 5];
        let (terms, words) = terms_of(&seg, &texts);
        let said = Said::new(1, &texts, &assignments, (&terms, &words), usize::MAX);
        let names = vec!["自建锅炉能耗高".to_string(), "电价太高".to_string(), "电价高".to_string()];
        let ordered = by_coverage(names, &said, &seg);
        assert_eq!(ordered, ["电价太高", "电价高", "自建锅炉能耗高"], "{ordered:?}");
        // The sample read is the same whatever the order of the answers.
        let mut rev = texts;
        rev.reverse();
        let (t2, w2) = terms_of(&seg, &rev);
        let few = Said::new(1, &rev, &assignments, (&t2, &w2), 3);
        let same = Said::new(1, &texts, &assignments, (&terms, &words), 3);
        assert_eq!(few.share(&seg, "电价太高"), same.share(&seg, "电价太高"));
    }
}
