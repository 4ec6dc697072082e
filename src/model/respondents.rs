//! Who answered: the questions that describe the respondents (and so group them in the
//! brief's comparisons), and the audience a population is (residents, enterprises), which
//! decides how the brief speaks of them.

use super::{Choice, Kind, Population, Question, Role};
use crate::util::words::words;
use serde::{Deserialize, Serialize};

/// Whether a question asks about the person answering (age, occupation, industry, where
/// they live …) rather than for their view: what they type after "其他" there describes
/// them and is listed, never read for concerns.
pub fn about_respondent(q: &Question) -> bool {
    let w = &words().questions;
    dimension_reason(q).is_some()
        || (of_you(&q.title) && w.demographic_title_words.iter().chain(w.place_question_title_words).any(|x| q.title.contains(x)))
}

/// Whether a title asks about the person answering: "您的职业", "您所在企业的行业", or a
/// bare short title ("行业", "年龄段"); not "您认为哪个行业的污染最突出".
fn of_you(t: &str) -> bool {
    words().questions.about_you_title_words.iter().any(|w| t.contains(w)) || t.chars().count() <= 6
}

/// Why a closed question is a grouping dimension, if it is one: it asks who answered
/// (by title), asks where they live or work, or its options are place names.
pub fn dimension_reason(q: &Question) -> Option<&'static str> {
    if q.kind != Kind::Single || q.role != Role::Answer || !(2..=15).contains(&q.options.len()) {
        return None;
    }
    let w = &words().questions;
    if of_you(&q.title) && w.demographic_title_words.iter().any(|x| q.title.contains(x)) {
        return Some("标题询问答卷人的基本情况");
    }
    if w.place_question_title_words.iter().any(|x| q.title.contains(x)) {
        return Some("标题询问所在地区");
    }
    let named: Vec<&Choice> = q.options.iter().filter(|c| !c.other).collect();
    if named.len() >= 2 && named.iter().all(|c| w.place_name_endings.iter().any(|e| c.label.trim().ends_with(e))) {
        return Some("选项都是地名（区、县、街道、镇……）");
    }
    None
}

/// Question ids to break a population down by: the config's, else those
/// [`dimension_reason`] finds.
pub fn dimensions(p: &Population) -> Vec<String> {
    if !p.group_by.is_empty() {
        return p.group_by.clone();
    }
    p.questions.iter().filter(|q| dimension_reason(q).is_some()).map(|q| q.id.clone()).collect()
}

/// Who a population's respondents are, which decides how the brief speaks of them
/// ("市民反映", "受访企业反映"): never 群众 for enterprises. Set by `audience` in a
/// population of `survey.toml`, else read from the population's name and titles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    /// Residents, villagers, the public.
    Residents,
    /// Enterprises (answered by their staff or managers).
    Enterprises,
    /// Anyone else (students, patients, members …).
    #[default]
    Respondents,
    /// The writers of a collection of messages (letters, hotline work orders, message-board
    /// posts): they chose to write, nobody asked them (`kind = "messages"`).
    Writers,
}

impl Audience {
    /// How the brief names the people of this population in a sentence.
    pub fn noun(self) -> &'static str {
        match self {
            Audience::Residents => "市民",
            Audience::Enterprises => "受访企业",
            Audience::Respondents => "受访者",
            Audience::Writers => "来信人",
        }
    }

    /// Whether the population is a collection of messages rather than a questionnaire's
    /// answers.
    pub fn writes(self) -> bool {
        self == Audience::Writers
    }

    /// Guess from the population's name, then from its questions: an enterprise survey
    /// asks about "您所在企业/单位"; a resident survey about where "您居住".
    pub fn infer(name: &str, titles: &[&str]) -> Audience {
        let q = &words().questions;
        // People first: "工厂周边居民" are residents.
        if q.resident_population_words.iter().any(|w| name.contains(w)) {
            return Audience::Residents;
        }
        if q.enterprise_population_words.iter().any(|w| name.contains(w)) {
            return Audience::Enterprises;
        }
        let firm = titles.iter().filter(|t| q.enterprise_title_words.iter().any(|w| t.contains(w))).count();
        let home = titles.iter().filter(|t| q.resident_title_words.iter().any(|w| t.contains(w))).count();
        if firm > home {
            Audience::Enterprises
        } else if home > 0 {
            Audience::Residents
        } else {
            Audience::Respondents
        }
    }
}

#[cfg(test)]
mod audience_tests {
    use super::Audience;

    #[test]
    fn who_answered_is_read_from_the_name_then_the_titles() {
        assert_eq!(Audience::infer("园区", &[]), Audience::Enterprises);
        assert_eq!(Audience::infer("市民", &[]), Audience::Residents);
        assert_eq!(Audience::infer("工厂周边居民", &[]), Audience::Residents);
        assert_eq!(Audience::infer("问卷A", &["您所在企业的行业", "您的性别"]), Audience::Enterprises);
        assert_eq!(Audience::infer("问卷A", &["您居住的区"]), Audience::Residents);
        assert_eq!(Audience::infer("学生问卷", &["您的年级"]), Audience::Respondents);
    }
}
