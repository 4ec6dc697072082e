//! Measures people propose, counted by people.
//!
//! An answer often proposes several things in one sentence ("建议化工企业逐步搬离居民区，
//! 建立异味投诉快速响应机制"), and the same measure is written in many combinations and
//! wordings. So the proposing part of every clause of a question is cut at commas and
//! semicolons into pieces; a piece's wish words and fillers are dropped ("建议", "希望",
//! "尽快" …); identical cores are counted once per answer; then cores are grouped, most
//! frequent first, with the closest earlier group whose leading core shares more than
//! half of its character bigrams (Jaccard > 0.5, found through an index of bigrams).
//! A measure's count is the number of distinct answers (respondents) with a piece in
//! its group; its text is its most frequent core, its examples the two most frequent
//! clauses it was written in.

use super::describe::{core, display, is_generic_wish, suggestion_text, without_fillers, without_list_mark};
use super::unit::Unit;
use crate::diag::truncate;
use crate::util::redact::redact;
use crate::util::similar::bigrams;
use crate::util::words::words;
use std::collections::HashMap;

/// A measure and who proposed it.
#[derive(Debug, Clone)]
pub(crate) struct Proposed {
    pub text: String,
    /// Two clauses proposing it as respondents wrote them (most frequent first).
    pub examples: Vec<String>,
    /// Distinct answers proposing it, ascending.
    pub answers: Vec<usize>,
}

/// Whether a measure's core is a whole proposal rather than a piece cut from one: it does
/// not end on 的, which needs what follows ("设置更多的"),
/// does not open on a comparison cut from its subject ("大于这个时间"), is not a negation
/// turned around ("不应该合理规划": only a prohibition of a problem proposes, "不应该乱收
/// 费"), and is not a report of what was done ("增加了路灯").
fn is_whole(c: &str) -> bool {
    let chars: Vec<char> = c.chars().collect();
    let n = chars.len();
    // (Only 的: most other particles and prepositions also end whole words — 绿地, 存在,
    // 参与, 普及, 针对.)
    let dangling = n >= 2 && chars[n - 1] == '的';
    let m = &words().measures;
    let cut_comparison = m.cut_comparisons.iter().any(|w| c.starts_with(w));
    let stance = &words().stance;
    let negated = m.negated_openings.iter().filter(|w| c.starts_with(**w)).max_by_key(|w| w.len());
    let turned = negated.is_some_and(|w| !stance.problem_words.iter().any(|p| c[w.len()..].contains(p)));
    let reported = chars.get(1) == Some(&'了') || chars.get(2) == Some(&'了');
    !(dangling || cut_comparison || turned || reported)
}

/// The cores of the pieces of one clause that propose something.
fn pieces(clause: &str, whole: bool) -> Vec<&str> {
    let Some(part) = suggestion_text(clause, whole) else { return Vec::new() };
    let mut out = Vec::new();
    // Commas, semicolons and the spaces people type between items.
    for (i, piece) in part.split(['，', ',', '；', ';', ' ', '　']).enumerate() {
        let c = core(piece);
        // A consequence ("影响生活") or a bare goal word says nothing to do; an offer to
        // be contacted ("有情况可以联系我[电话]") is no measure.
        let contact = c.contains("联系我") || crate::util::redact::contacts().any(|p| c.contains(p));
        if contact
            || c.chars().filter(|c| c.is_alphanumeric()).count() < 4
            || is_generic_wish(c)
            || c.starts_with("影响")
            || c.starts_with("严重影响")
        {
            continue;
        }
        // A measure is short and says what to do: not a narrative ("我们……", "因为……",
        // "目前……"), a greeting, a bare demand ("我们强烈要求") or a quoted document.
        let narrative = words().measures.narrative_openings.iter().any(|w| c.starts_with(w));
        let demand = words().measures.bare_demand_endings.iter().any(|w| c.ends_with(w));
        if narrative || demand || c.chars().count() > 30 || c.contains("尊敬") || c.contains("您好") || c.contains('《') {
            continue;
        }
        // In a problem answer only what proposes: a piece opening with a wish word (once
        // fillers are off) or an action verb ("……，建议加强巡查，河道太脏" keeps the second,
        // not the third; "当地最好的" in a review proposes nothing).
        let proposes = whole || {
            let bare = without_fillers(piece);
            words().measures.wishes.iter().any(|w| bare.starts_with(w))
        } || crate::util::words::opens_with_action(c);
        // What a measure is for ("……，让空气更干净", "……，保障居民健康") is not another measure.
        let purpose = i > 0 && words().measures.purpose_openings.iter().any(|p| c.starts_with(p));
        if proposes && !purpose && is_whole(c) {
            out.push(c);
        }
    }
    out
}

/// A clause as a respondent wrote it, for reading: list mark off, personal data
/// redacted, full-width punctuation.
fn as_written(clause: &str) -> String {
    truncate(&redact(&display(without_list_mark(clause.trim()))), 80)
}

/// A measure being gathered: its leading core, the core's bigrams, the answers, and the
/// clauses it was written in with their counts.
struct Group<'a> {
    text: &'a str,
    lead: Vec<(char, char)>,
    answers: Vec<usize>,
    /// Units (clauses) it was written in.
    clauses: Vec<usize>,
}

impl Group<'_> {
    fn absorb(&mut self, answers: Vec<usize>, clauses: Vec<usize>) {
        self.answers.extend(answers);
        self.clauses.extend(clauses);
    }
}

/// The group whose leading core is closest to `bg` (bigram Jaccard > 0.5), through the
/// index of the leads' bigrams; the earlier group on a tie.
fn closest(bg: &[(char, char)], index: &HashMap<(char, char), Vec<usize>>, groups: &[Group]) -> Option<usize> {
    let mut shared = vec![0u16; groups.len()];
    let mut touched: Vec<usize> = Vec::new();
    for b in bg {
        for &g in index.get(b).map(Vec::as_slice).unwrap_or(&[]) {
            if shared[g] == 0 {
                touched.push(g);
            }
            shared[g] += 1;
        }
    }
    touched
        .into_iter()
        .map(|g| {
            let s = shared[g] as usize;
            (s as f64 / (bg.len() + groups[g].lead.len() - s) as f64, g)
        })
        .filter(|(j, _)| *j > 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, g)| g)
}

/// Group the proposals of a question's clauses into measures, largest first.
/// `unquotable[answer]`: screening flagged it; it counts, but no example comes from it.
pub(crate) fn measures(units: &[Unit], whole: bool, unquotable: &[bool]) -> Vec<Proposed> {
    use rayon::prelude::*;
    let found: Vec<(&str, usize)> =
        units.par_iter().enumerate().flat_map_iter(|(ui, u)| pieces(&u.text, whole).into_iter().map(move |c| (c, ui))).collect();
    // core → (answers, the units it was written in)
    let mut cores: HashMap<&str, (Vec<usize>, Vec<usize>)> = HashMap::new();
    for (c, ui) in found {
        let u = &units[ui];
        let e = cores.entry(c).or_default();
        // Units come in answer order, so an answer's pieces are consecutive.
        if e.0.last() != Some(&u.answer) {
            e.0.push(u.answer);
        }
        e.1.push(ui);
    }
    let mut ordered: Vec<(&str, (Vec<usize>, Vec<usize>))> = cores.into_iter().collect();
    ordered.sort_by(|a, b| b.1 .0.len().cmp(&a.1 .0.len()).then_with(|| a.0.cmp(b.0)));
    let mut groups: Vec<Group> = Vec::new();
    let mut index: HashMap<(char, char), Vec<usize>> = HashMap::new();
    const MAX_GROUPS: usize = 400;
    // With many distinct cores, those written once only join the groups the others
    // opened, looked up in parallel (a million answers of free text have hundreds of
    // thousands of one-off cores).
    let split =
        if ordered.len() > 20_000 { ordered.iter().position(|(_, (a, _))| a.len() < 2).unwrap_or(ordered.len()) } else { ordered.len() };
    let once = ordered.split_off(split);
    for (c, (answers, clauses)) in ordered {
        let bg = bigrams(c);
        match closest(&bg, &index, &groups) {
            Some(g) => groups[g].absorb(answers, clauses),
            None if groups.len() < MAX_GROUPS && (answers.len() >= 2 || groups.len() < MAX_GROUPS / 2) => {
                for b in &bg {
                    index.entry(*b).or_default().push(groups.len());
                }
                groups.push(Group { text: c, lead: bg, answers, clauses });
            }
            None => {}
        }
    }
    let joins: Vec<Option<usize>> = once.par_iter().map(|(c, _)| closest(&bigrams(c), &index, &groups)).collect();
    for ((_, (answers, clauses)), g) in once.into_iter().zip(joins) {
        if let Some(g) = g {
            groups[g].absorb(answers, clauses);
        }
    }
    let mut out: Vec<Proposed> = groups
        .into_iter()
        .map(|mut g| {
            g.answers.sort_unstable();
            g.answers.dedup();
            let text = truncate(&redact(&display(g.text)), 60);
            let mut counts: HashMap<&str, usize> = HashMap::new();
            for ui in g.clauses.into_iter().filter(|&ui| unquotable.get(units[ui].answer) != Some(&true)) {
                *counts.entry(units[ui].text.as_str()).or_default() += 1;
            }
            let mut w: Vec<(&str, usize)> = counts.into_iter().collect();
            w.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
            let mut examples: Vec<String> = Vec::new();
            for (clause, _) in w {
                let e = as_written(clause);
                if e != text && !examples.contains(&e) {
                    examples.push(e);
                }
                if examples.len() == 2 {
                    break;
                }
            }
            Proposed { text, examples, answers: g.answers }
        })
        .collect();
    out.sort_by(|a, b| b.answers.len().cmp(&a.answers.len()).then_with(|| a.text.cmp(&b.text)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fragments a reader found among proposed measures are not measures; whole
    /// proposals and prohibitions of a problem are.
    #[test]
    fn a_measure_is_a_whole_proposal() {
        for fragment in ["大于这个时间", "不应该合理规划", "增加了路灯", "设置更多的"] {
            assert!(!is_whole(fragment), "{fragment}");
        }
        for measure in ["增设路灯", "不应该乱收费", "加大秸秆禁烧巡查力度", "在小区门口设置停车位", "利用边角地建小微绿地", "加强普及"]
        {
            assert!(is_whole(measure), "{measure}");
        }
    }

    fn unit(answer: usize, text: &str) -> Unit {
        Unit { answer, text: text.into(), doc: Vec::new(), cluster: None }
    }

    /// A measure written in five answers, inside different combinations and wordings, is
    /// counted five times; a second measure three times; a bare wish not at all.
    #[test]
    fn a_measure_is_counted_by_the_answers_that_propose_it() {
        let units = [
            unit(0, "建议化工企业逐步搬离居民区，建立异味投诉快速响应机制"),
            unit(1, "化工企业逐步搬离居民区"),
            unit(2, "希望尽快加大秸秆禁烧巡查，化工企业逐步搬离居民区。"),
            unit(3, "说实话，建立异味投诉快速响应机制，化工企业要逐步搬离居民区"),
            unit(4, "一是化工企业逐步搬离居民区"),
            unit(4, "二是化工企业逐步搬离居民区"),
            unit(5, "希望尽快解决"),
            unit(6, "加大秸秆禁烧巡查力度；异味投诉快速响应"),
            unit(7, "建议化工企业逐步搬离居民区"),
        ];
        let m = measures(&units, true, &[]);
        let counts: Vec<(&str, usize)> = m.iter().map(|p| (p.text.as_str(), p.answers.len())).collect();
        assert_eq!(counts[0], ("化工企业逐步搬离居民区", 6), "{counts:?}");
        let respond = m.iter().find(|p| p.text.contains("快速响应")).unwrap();
        assert_eq!(respond.answers, [0, 3, 6]);
        let straw = m.iter().find(|p| p.text.contains("秸秆")).unwrap();
        assert_eq!(straw.answers, [2, 6]);
        assert!(m.iter().all(|p| !p.text.contains("解决")));
    }

    #[test]
    fn words_that_begin_with_an_adverb_stay_whole() {
        assert_eq!(core("能源结构调整"), "能源结构调整");
        assert_eq!(core("建议把管网改造好"), "管网改造好");
        assert_eq!(as_written("3号楼前加装路灯"), "3号楼前加装路灯");
        assert_eq!(as_written("2、加装路灯"), "加装路灯");
    }

    #[test]
    fn a_problem_answer_keeps_only_what_proposes() {
        let p = pieces("河道发黑发臭，建议定期清淤，河道太脏", false);
        assert_eq!(p, ["定期清淤"]);
        // The purpose after a measure is not a second measure.
        let p = pieces("尽快完成雨污分流改造，让河道不再发臭", true);
        assert_eq!(p, ["完成雨污分流改造"]);
    }
}
