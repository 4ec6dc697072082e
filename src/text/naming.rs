//! Names a person would write for a concern: a phrase its answers actually contain
//! ("污水出水超标", "通勤不方便"), not a list of keywords.
//!
//! The clauses closest to the concern's centre are cut into words (jieba); every run of
//! one to five words that holds one of the concern's three most characteristic words,
//! is 4–12 characters (at most seven words) long, has no punctuation, digits-only or redaction placeholder,
//! neither starts nor ends with a function word, filler, wish word or negation, and names
//! neither a place nor only who is involved (an organisation, people) is a candidate.
//! A candidate's support is the number of these clauses that contain it; a candidate
//! that is mostly cut from a longer phrase — it goes on with a word of content, or would
//! pass 12 characters with the next word, or begins after a preposition or a noun, verb or
//! adjective it continues — is dropped (docs/text.md, "Names that hold"); so is one of
//! nouns only ending with who is involved, or ending with a localizer (a place). Among the candidates supported by at least three clauses and by
//! at least half as many as the best-supported one, those with the most characteristic
//! word come first, then the longest (a more specific phrase), the better supported, the
//! first seen. The caller takes the first candidate not
//! already a name of the same question; with none, the three keywords remain.

use super::segment::Segmenter;
use std::collections::HashMap;

/// Clauses read per concern.
const SAMPLE: usize = 800;

/// Whether a phrase names a place (a province, an anonymised "A市", "K4县", "D12区", or
/// what ends with a localizer, `[names] place_endings`: "厂区周边"):
/// a concern is a matter, not where it happened.
fn names_a_place(t: &str) -> bool {
    let c: Vec<char> = t.chars().collect();
    // (A phrase starting with 市 or 县 is what is left of "A市…" once the letter is cut.)
    t.contains('省')
        || crate::util::words::words().names.place_endings.iter().any(|w| t.ends_with(w))
        || c.windows(2).any(|w| w[0].is_ascii_alphanumeric() && "市县区镇乡村".contains(w[1]))
        || (c.len() > 2 && "市县".contains(c[0]) && !"场民政容区内级城委".contains(c[1]))
}

/// Whether a phrase only names who is involved — an organisation ("人民医院", "某某有限公司",
/// "业主委员会") or people ("学生家长", "工作人员") — rather than what is wrong: long messages
/// name both, and a concern is the matter.
fn names_an_actor(t: &str) -> bool {
    crate::util::words::words().names.actor_endings.iter().any(|w| t.ends_with(w))
}

/// Candidate names, most preferred first.
pub(crate) fn candidates<'a>(seg: &Segmenter, clauses: impl Iterator<Item = &'a str>, keywords: &[String]) -> Vec<String> {
    let keys: Vec<&str> = keywords.iter().take(3).map(String::as_str).filter(|k| k.chars().count() >= 2).collect();
    if keys.is_empty() {
        return Vec::new();
    }
    let lists = crate::util::words::words();
    let edge = |w: &str| {
        lists.names.name_edge_words.contains(&w)
            || lists.measures.wishes.contains(&w)
            || lists.answers.fillers.contains(&w)
            || w.chars().count() == 0
    };
    // phrase → (clauses containing it, clauses where it stops only because a name may
    // not be longer, first seen)
    let mut support: HashMap<String, (usize, usize, usize)> = HashMap::new();
    let mut order = 0usize;
    for clause in clauses.take(SAMPLE) {
        let tagged = seg.tagged(clause);
        let words: Vec<&str> = tagged.iter().map(|t| t.0).collect();
        let word = |j: usize| words.get(j).copied().filter(|w| w.chars().all(|c| c.is_alphanumeric()));
        let mut seen: Vec<(String, bool)> = Vec::new();
        for i in 0..words.len() {
            let mut text = String::new();
            for j in i..words.len().min(i + 7) {
                let Some(w) = word(j) else { break };
                text.push_str(w);
                let n = text.chars().count();
                if n > 12 {
                    break;
                }
                if n < 4
                    || edge(words[i])
                    || edge(w)
                    || text.chars().all(|c| c.is_ascii_alphanumeric())
                    || names_a_place(&text)
                    || names_an_actor(&text)
                    || (lists.names.actor_nouns.iter().any(|w| text.ends_with(w))
                        && !tagged[i..=j].iter().any(|t| t.1.starts_with('v') || t.1.starts_with('a')))
                {
                    continue;
                }
                // Cut short: the phrase goes on with a word of content (开展污水管网|排查,
                // 化工企业逐步|搬迁) — too long with it, or a shorter part of what was said.
                // Or it begins inside a phrase: after a preposition, a verb, a noun or an
                // adjective that the phrase goes on from (有|资质的固废处置企业, 偷排|企业的处罚,
                // 工厂|排放异味); a time, a place or a pronoun before it is not the matter
                // (晚上|噪声扰民, 门口|…).
                let cut = word(j + 1).is_some_and(|next| n + next.chars().count() > 12 || !edge(next))
                    || i.checked_sub(1).is_some_and(|p| {
                        word(p).is_some_and(|prev| {
                            lists.names.prepositions.contains(&prev)
                                || (!edge(prev) && ["n", "v", "a", "vn", "an", "nz", "j", "l", "b"].contains(&tagged[p].1))
                        })
                    });
                if keys.iter().any(|k| text.contains(k)) && !seen.iter().any(|(t, _)| *t == text) {
                    seen.push((text.clone(), cut));
                }
            }
        }
        for (t, cut) in seen {
            let e = support.entry(t).or_insert((0, 0, order));
            e.0 += 1;
            e.1 += cut as usize;
            order += 1;
        }
    }
    let best = support.values().map(|s| s.0).max().unwrap_or(0);
    let top = keys[0];
    let mut kept: Vec<(String, usize, usize)> = support
        .into_iter()
        .filter(|(_, (n, cut, _))| *n >= 3 && *n * 2 >= best && *cut * 2 <= *n)
        .map(|(t, (n, _, first))| (t, n, first))
        .collect();
    // The most characteristic word first, then the longer phrase, the better supported.
    kept.sort_by(|a, b| {
        b.0.contains(top)
            .cmp(&a.0.contains(top))
            .then(b.0.chars().count().cmp(&a.0.chars().count()))
            .then(b.1.cmp(&a.1))
            .then(a.2.cmp(&b.2))
    });
    kept.into_iter().map(|(t, _, _)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_well_supported_phrase_with_a_keyword() {
        let seg = Segmenter::new();
        let clauses = ["污水出水超标", "污水出水超标，很臭", "主要是污水出水超标", "园区污水经常超标", "出水超标", "污水管网老化"];
        let keywords = ["超标".to_string(), "污水".to_string(), "出水".to_string()];
        let c = candidates(&seg, clauses.into_iter(), &keywords);
        assert_eq!(c.first().map(String::as_str), Some("污水出水超标"), "{c:?}");
        // Every candidate is a phrase of the answers.
        assert!(c.iter().all(|n| clauses.iter().any(|cl| cl.contains(n.as_str()))));
        // Too little support: no candidate.
        assert!(candidates(&seg, ["噪声扰民严重"].into_iter(), &["噪声".to_string()]).is_empty());
        // Where, not what: a phrase ending with a localizer (厂区周边, 小区门口).
        assert!(names_a_place("厂区周边") && names_a_place("小区门口附近") && !names_a_place("周边交通拥堵"));
        assert!(names_a_place("西地省人事考试网") && names_a_place("A市公交") && names_a_place("K4县医院") && !names_a_place("公交线路"));
        // Who is involved is not the matter: an organisation or people are not names, and
        // a name does not end on a negation ("学校没有").
        assert!(names_an_actor("人民医院") && names_an_actor("学生家长") && names_an_actor("某某科技有限公司"));
        assert!(names_an_actor("威润格环境科技") && names_a_place("市威润格环境科技") && !names_a_place("区域供热不足"));
        assert!(!names_a_place("市场监管不到位") && !names_a_place("市民反映强烈") && !names_a_place("县城公交太少"));
        assert!(!names_an_actor("拖欠职工工资") && !names_an_actor("优化园区周边交通组织") && !names_an_actor("退休工资"));
        let clauses = ["人民医院乱收费", "人民医院乱收费，还态度差", "人民医院看病乱收费", "人民医院乱收费严重"];
        let c = candidates(&seg, clauses.into_iter(), &["人民医院".to_string(), "乱收费".to_string()]);
        assert_eq!(c.first().map(String::as_str), Some("人民医院乱收费"), "{c:?}");
        assert!(!c.iter().any(|n| n == "人民医院"));
    }
}
