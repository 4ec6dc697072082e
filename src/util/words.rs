//! The word lists minyi reads meaning with, as data: `data/dict/words.toml` (embedded),
//! each list with a comment on what it decides, extended by a committee's own words
//! (`[dict]` in survey.toml: the same sections and keys, added to the built-in lists).
//!
//! The lists are process-wide: [`words`] returns the ones installed last (the built-in
//! lists until a run installs its own with [`install`], which `minyi::run` does at its
//! start). Reading them is one atomic load; a run that installs new lists leaks the
//! few kilobytes of the previous ones rather than free lists another thread may read.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::OnceLock;

/// The built-in lists.
pub(crate) const BUILTIN: &str = include_str!("../../data/dict/words.toml");

/// One list: its words in the file's order.
pub(crate) type List = &'static [&'static str];

fn leak(v: Vec<String>) -> List {
    Vec::leak(v.into_iter().map(|s| &*String::leak(s)).collect())
}

/// Why a `[dict]` table could not be read (for the config file's error message).
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum WordsError {
    #[error("没有名为 [{0}] 的词表分组（可用：questions、answers、measures、names、departments、brief、stance、persons）")]
    Section(String),
    #[error("[dict.{0}] 应是一个分组（写成 [dict.{0}]，其下每行一个词表），不是单个值")]
    NotSection(String),
    #[error("[{0}] 中没有名为 {1} 的词表（可用的名称见 data/dict/words.toml）")]
    Key(String, String),
    #[error("[{0}] 的 {1} 应是一列用引号括起的词，例如 {1} = [\"词一\", \"词二\"]")]
    NotWords(String, String),
    #[error("[measures] suggestion_marks 词表过大，无法使用（{0}）；请删减后重试")]
    Matcher(String),
    #[error("[questions] 的 likert_scales 应是量表列表：每个量表有 name 和 5 个按从负到正排列的 points")]
    Scales,
}

macro_rules! section {
    ($(#[$doc:meta])* $Name:ident $key:literal { $($(#[$fdoc:meta])* $field:ident),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub(crate) struct $Name { $($(#[$fdoc])* pub(crate) $field: List,)* }
        impl $Name {
            const NAME: &'static str = $key;
            const KEYS: &'static [&'static str] = &[$(stringify!($field)),*];
            fn build(lists: &mut BTreeMap<String, Vec<String>>) -> $Name {
                $Name { $($field: leak(lists.remove(stringify!($field)).unwrap_or_default()),)* }
            }
        }
    };
}

section!(
    /// Reading a questionnaire: what a title or a population name says.
    Questions "questions" {
        population_file_suffixes, resident_population_words, enterprise_population_words, resident_title_words,
        enterprise_title_words, demographic_title_words, place_question_title_words, place_name_endings,
        about_you_title_words, identity_title_words, own_address_title_words, address_title_words,
        numbered_contact_title_words, account_meta_title_words, metadata_title_prefixes, opinion_title_words,
        problem_title_words, suggestion_title_words, praise_title_words, description_title_words, problem_choice_title_words, rating_title_hints, text_title_hints,
        numeric_title_hints, range_below_words, range_above_words, zero_frequency_options, message_title_words,
        reply_title_words,
    }
);
section!(
    /// Reading an answer: what says nothing, what opens a point.
    Answers "answers" {
        non_answers, no_opinion_negations, no_opinion_objects, yes_no_answers, placeholder_answers, fillers,
        clause_connectives, phone_context_words,
    }
);
section!(
    /// Keeping persons out of what is written: what introduces a name, what names a person
    /// beside a name, and the details never quoted with who wrote them.
    Persons "persons" { introductions, titles, words_before_titles, address_units, sensitive_words }
);
section!(
    /// Reading what people propose.
    Measures "measures" {
        wishes, wish_adverbs, actions, purpose_openings, narrative_openings, bare_demand_endings, suggestion_marks,
        generic_wishes, cut_comparisons, negated_openings,
    }
);
section!(
    /// Naming a concern.
    Names "names" { name_edge_words, prepositions, actor_endings, actor_nouns, place_endings, display_stopwords }
);
section!(
    /// Filing a matter with a department.
    Departments "departments" { salutations, landmark_words }
);
section!(
    /// Reading a clause's stance: asserting, denying or praising, or proposing.
    Stance "stance" {
        existence_negations, double_negations, nobody, manner_words, problem_words, generic_endings, praise_predicates, praise_negations,
        neutral_parts, contrast_openings, proposal_openings, complaint_words, burden_nouns, benefit_nouns, more_words, less_words,
    }
);
section!(
    /// Writing the brief and the drafts.
    Brief "brief" {
        cause_marks, proposal_marks, item_openings, dependent_connectives, not_aims, appeal_words, satisfaction_title_suffixes,
        not_units,
    }
);

/// An ordered answer scale: five points, most negative first, each with its wordings
/// (the usual one first).
#[derive(Debug)]
pub(crate) struct Scale {
    pub(crate) points: Vec<List>,
}

/// Every list.
#[derive(Debug)]
pub(crate) struct Words {
    pub(crate) questions: Questions,
    pub(crate) answers: Answers,
    pub(crate) measures: Measures,
    pub(crate) names: Names,
    pub(crate) departments: Departments,
    pub(crate) brief: Brief,
    pub(crate) stance: Stance,
    pub(crate) persons: Persons,
    pub(crate) likert_scales: Vec<Scale>,
    /// Derived: the longest non-answer in characters (answers longer than that are
    /// answers), and the first characters of the clause connectives.
    pub(crate) longest_non_answer: usize,
    pub(crate) connective_starts: Vec<char>,
    /// Derived: the first characters of the negations (and 不), and every character that
    /// begins a word of the stance lists, a wish or an action (a clause with none of them
    /// asserts).
    pub(crate) negation_starts: Vec<char>,
    pub(crate) stance_starts: Vec<char>,
    /// Derived: the first characters of the proposal openings, wishes and actions, and of
    /// the contrast openings; the last characters of the praise predicates (a part whose
    /// first or last character is not among them cannot open or end with one).
    pub(crate) proposal_starts: Vec<char>,
    pub(crate) contrast_starts: Vec<char>,
    pub(crate) praise_ends: Vec<char>,
    /// Derived: the first characters of the fillers, of the fillers, wishes and wish
    /// adverbs, and the suggestion marks as one automaton (what proposes is looked for in
    /// every clause).
    pub(crate) filler_starts: Vec<char>,
    pub(crate) core_starts: Vec<char>,
    /// Derived: the first characters of the introductions and of the titles.
    pub(crate) person_word_starts: Vec<char>,
    pub(crate) suggestion_mark_finder: aho_corasick::AhoCorasick,
}

/// Lists compared with lower-cased text.
const LOWER_CASED: [&str; 9] = [
    "non_answers",
    "yes_no_answers",
    "identity_title_words",
    "metadata_title_prefixes",
    "opinion_title_words",
    "own_address_title_words",
    "account_meta_title_words",
    "numbered_contact_title_words",
    "address_title_words",
];

/// Suffix lists whose first fitting word wins: the longer first.
const LONGEST_FIRST: [&str; 2] = ["population_file_suffixes", "satisfaction_title_suffixes"];

/// A scale as written: its name (for the reader of the file) and its points.
#[derive(Deserialize)]
struct RawScale {
    #[allow(dead_code)]
    name: String,
    points: Vec<Vec<String>>,
}

/// The lists of `text` (a words.toml, or a `[dict]` table), section by section, added to
/// `lists` (a word already there is not repeated) and `scales`.
fn read_into(
    text: &toml::Table,
    lists: &mut BTreeMap<(String, String), Vec<String>>,
    scales: &mut Vec<RawScale>,
) -> Result<(), WordsError> {
    let sections: [(&str, &[&str]); 8] = [
        (Questions::NAME, Questions::KEYS),
        (Answers::NAME, Answers::KEYS),
        (Measures::NAME, Measures::KEYS),
        (Names::NAME, Names::KEYS),
        (Departments::NAME, Departments::KEYS),
        (Brief::NAME, Brief::KEYS),
        (Stance::NAME, Stance::KEYS),
        (Persons::NAME, Persons::KEYS),
    ];
    for (section, value) in text {
        let Some((_, keys)) = sections.iter().find(|(n, _)| n == section) else { return Err(WordsError::Section(section.clone())) };
        let Some(table) = value.as_table() else { return Err(WordsError::NotSection(section.clone())) };
        for (key, value) in table {
            if section == "questions" && key == "likert_scales" {
                let more: Vec<RawScale> = value.clone().try_into().map_err(|_| WordsError::Scales)?;
                if more.iter().any(|s| s.points.len() != 5 || s.points.iter().any(Vec::is_empty)) {
                    return Err(WordsError::Scales);
                }
                scales.extend(more);
                continue;
            }
            if !keys.contains(&key.as_str()) {
                return Err(WordsError::Key(section.clone(), key.clone()));
            }
            let words: Vec<String> = value.clone().try_into().map_err(|_| WordsError::NotWords(section.clone(), key.clone()))?;
            let list = lists.entry((section.clone(), key.clone())).or_default();
            // Lists compared with lower-cased text take their words lower-cased ("N/A").
            let lower = LOWER_CASED.contains(&key.as_str());
            for w in words.into_iter().map(|w| w.trim().to_string()).filter(|w| !w.is_empty()) {
                let w = if lower { w.to_lowercase() } else { w };
                if !list.contains(&w) {
                    list.push(w);
                }
            }
            // Suffix lists try the longer words first, the committee's among them.
            if LONGEST_FIRST.contains(&key.as_str()) {
                list.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
            }
        }
    }
    Ok(())
}

impl Words {
    /// The built-in lists with a committee's own added (`extra`: a `[dict]` table).
    pub(crate) fn with(extra: Option<&toml::Table>) -> Result<Words, WordsError> {
        let builtin: toml::Table = toml::from_str(BUILTIN).expect("data/dict/words.toml is valid TOML (tested)");
        let mut lists = BTreeMap::new();
        let mut scales = Vec::new();
        read_into(&builtin, &mut lists, &mut scales).expect("data/dict/words.toml names known lists (tested)");
        if let Some(extra) = extra {
            read_into(extra, &mut lists, &mut scales)?;
        }
        let mut by_section = |name: &str| -> BTreeMap<String, Vec<String>> {
            let keys: Vec<(String, String)> = lists.keys().filter(|(s, _)| s == name).cloned().collect();
            keys.into_iter().map(|k| (k.1.clone(), lists.remove(&k).unwrap_or_default())).collect()
        };
        let questions = Questions::build(&mut by_section(Questions::NAME));
        let answers = Answers::build(&mut by_section(Answers::NAME));
        let measures = Measures::build(&mut by_section(Measures::NAME));
        let names = Names::build(&mut by_section(Names::NAME));
        let departments = Departments::build(&mut by_section(Departments::NAME));
        let brief = Brief::build(&mut by_section(Brief::NAME));
        let stance = Stance::build(&mut by_section(Stance::NAME));
        let persons = Persons::build(&mut by_section(Persons::NAME));
        let likert_scales = scales.into_iter().map(|s| Scale { points: s.points.into_iter().map(leak).collect() }).collect();
        let longest_non_answer = answers.non_answers.iter().map(|w| w.chars().count()).max().unwrap_or(0);
        let mut connective_starts: Vec<char> = answers.clause_connectives.iter().filter_map(|w| w.chars().next()).collect();
        connective_starts.sort_unstable();
        connective_starts.dedup();
        let firsts = |lists: &[List]| -> Vec<char> {
            let mut v: Vec<char> = lists.iter().flat_map(|l| l.iter()).filter_map(|w| w.chars().next()).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let mut negation_starts = firsts(&[stance.existence_negations, stance.double_negations]);
        negation_starts.push('不');
        negation_starts.sort_unstable();
        negation_starts.dedup();
        // Praise and neutral words can end a part anywhere: every one of their characters
        // counts, not only the first.
        let mut stance_starts = firsts(&[
            stance.existence_negations,
            stance.double_negations,
            stance.contrast_openings,
            stance.proposal_openings,
            measures.wishes,
            measures.actions,
        ]);
        stance_starts.extend(stance.praise_predicates.iter().chain(stance.neutral_parts.iter()).flat_map(|w| w.chars()));
        stance_starts.push('不');
        stance_starts.sort_unstable();
        stance_starts.dedup();
        let proposal_starts = firsts(&[stance.proposal_openings, measures.wishes, measures.actions]);
        let contrast_starts = firsts(&[stance.contrast_openings]);
        let mut praise_ends: Vec<char> = stance.praise_predicates.iter().filter_map(|w| w.chars().last()).collect();
        praise_ends.sort_unstable();
        praise_ends.dedup();
        let filler_starts = firsts(&[answers.fillers]);
        let core_starts = firsts(&[answers.fillers, measures.wishes, measures.wish_adverbs]);
        let person_word_starts = firsts(&[persons.introductions, persons.titles]);
        let suggestion_mark_finder = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(measures.suggestion_marks.iter().filter(|w| !w.is_empty()))
            .map_err(|e| WordsError::Matcher(e.to_string()))?;
        Ok(Words {
            questions,
            answers,
            measures,
            names,
            departments,
            brief,
            stance,
            persons,
            likert_scales,
            longest_non_answer,
            connective_starts,
            negation_starts,
            stance_starts,
            proposal_starts,
            contrast_starts,
            praise_ends,
            filler_starts,
            core_starts,
            person_word_starts,
            suggestion_mark_finder,
        })
    }
}

static BUILT_IN: OnceLock<&'static Words> = OnceLock::new();
static CURRENT: AtomicPtr<Words> = AtomicPtr::new(std::ptr::null_mut());

/// The lists in force: the last installed, else the built-in ones.
pub(crate) fn words() -> &'static Words {
    let p = CURRENT.load(Ordering::Acquire);
    if p.is_null() {
        return built_in();
    }
    // SAFETY: every pointer stored in CURRENT comes from a `&'static Words` (leaked,
    // never freed, never written through).
    unsafe { &*p }
}

/// Put `w` in force for every later [`words`] until the returned guard is dropped, which
/// puts back the lists in force before (a run holds one for its length, so a library
/// user's later `ingest` reads the built-in lists again, not the last run's `[dict]`).
#[must_use = "the lists are put back when the guard is dropped"]
pub(crate) fn install(w: &'static Words) -> Installed {
    let previous = CURRENT.swap(std::ptr::from_ref(w).cast_mut(), Ordering::AcqRel);
    Installed { previous }
}

/// The lists in force before an [`install`], put back on drop.
pub(crate) struct Installed {
    previous: *mut Words,
}

impl Drop for Installed {
    fn drop(&mut self) {
        CURRENT.store(self.previous, Ordering::Release);
    }
}

/// The built-in lists with a committee's own added, made to last the process (a run's
/// lists: [`install`] them).
pub(crate) fn lasting(extra: Option<&toml::Table>) -> Result<&'static Words, WordsError> {
    match extra {
        None => Ok(built_in()),
        Some(_) => Ok(Box::leak(Box::new(Words::with(extra)?))),
    }
}

fn built_in() -> &'static Words {
    BUILT_IN.get_or_init(|| Box::leak(Box::new(Words::with(None).expect("built-in word lists"))))
}

/// Whether a text opens with one of the actions (a verb that opens a measure).
pub(crate) fn opens_with_action(t: &str) -> bool {
    words().measures.actions.iter().any(|v| t.starts_with(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in file reads, every key of the file is a list the code knows, and no
    /// list is empty: a list renamed in the file or in the code fails here.
    #[test]
    fn the_built_in_lists_are_all_there() {
        let w = Words::with(None).unwrap();
        let all: Vec<(&str, List)> = vec![
            ("non_answers", w.answers.non_answers),
            ("actions", w.measures.actions),
            ("identity_title_words", w.questions.identity_title_words),
            ("cause_marks", w.brief.cause_marks),
            ("salutations", w.departments.salutations),
            ("actor_endings", w.names.actor_endings),
        ];
        for (name, list) in all {
            assert!(list.len() >= 4, "{name}: {list:?}");
        }
        let file: toml::Table = toml::from_str(BUILTIN).unwrap();
        let counted: usize = file.values().map(|s| s.as_table().unwrap().len()).sum();
        let known = Questions::KEYS.len()
            + 1
            + Answers::KEYS.len()
            + Measures::KEYS.len()
            + Names::KEYS.len()
            + Departments::KEYS.len()
            + Brief::KEYS.len()
            + Stance::KEYS.len()
            + Persons::KEYS.len();
        assert_eq!(counted, known, "every list of the file is known to the code and the other way round");
        for (section, keys) in
            [("questions", Questions::KEYS), ("answers", Answers::KEYS), ("brief", Brief::KEYS), ("stance", Stance::KEYS), ("persons", Persons::KEYS)]
        {
            for k in keys {
                let list = file[section][*k].as_array().unwrap_or_else(|| panic!("{section}.{k} missing from words.toml"));
                assert!(!list.is_empty(), "{section}.{k} is empty");
            }
        }
        assert_eq!(w.likert_scales.len(), 7);
        assert_eq!(w.likert_scales[0].points[0][0], "非常不满意");
        assert_eq!(w.longest_non_answer, 4);
        assert!(w.connective_starts.contains(&'另') && w.connective_starts.contains(&'最'));
    }

    /// A committee's words are added after the built-in ones, once; an unknown list or a
    /// value that is not a list of words is refused in Chinese.
    #[test]
    fn a_committee_extends_a_list_and_is_told_what_it_got_wrong() {
        let extra: toml::Table =
            toml::from_str("[answers]\nnon_answers = [\"无可奉告\", \"没有\"]\n[brief]\nnot_units = [\"次数\"]").unwrap();
        let w = Words::with(Some(&extra)).unwrap();
        let builtin = Words::with(None).unwrap();
        assert_eq!(w.answers.non_answers.len(), builtin.answers.non_answers.len() + 1);
        assert_eq!(w.answers.non_answers.last(), Some(&"无可奉告"));
        assert_eq!(w.longest_non_answer, 4);
        assert!(w.brief.not_units.contains(&"次数"));
        let bad: toml::Table = toml::from_str("[answers]\nnon_answer = [\"无\"]").unwrap();
        assert_eq!(Words::with(Some(&bad)).unwrap_err(), WordsError::Key("answers".into(), "non_answer".into()));
        let bad: toml::Table = toml::from_str("[answer]\nnon_answers = [\"无\"]").unwrap();
        assert_eq!(Words::with(Some(&bad)).unwrap_err(), WordsError::Section("answer".into()));
        let bad: toml::Table = toml::from_str("[answers]\nnon_answers = \"无\"").unwrap();
        assert!(Words::with(Some(&bad)).unwrap_err().to_string().contains("应是一列用引号括起的词"));
    }
}
