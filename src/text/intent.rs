//! What an open question asks for — problems, suggestions, a description (a fact or an
//! experience), praise, or a mix — from its title and its answers (docs/text.md, "Intent").
//!
//! The title decides first, by the `[questions]` lists of data/dict/words.toml: suggestion
//! words without 问题, then problem words, then praise words, then description words. The
//! answers then say what people actually wrote: each answer that said something is read
//! clause by clause — it complains when a clause asserts something wrong ("太贵", "没有人
//! 管", "不方便"), proposes when a clause proposes, praises when every clause praises, and
//! otherwise states a fact ("4 人间", "一般，不会吃出异物"). A title that asks for a
//! description or praise but whose answers mostly complain is mixed; a title that says
//! nothing (a coded export's "Q6", "text") is decided by the answers alone.

use super::normalize::{clauses, is_non_answer, normalize};
use super::stance::{names_a_wrong, stance, Stance};
use super::unit::stable_hash;
use crate::model::{worded_title, Intent};
use crate::util::words::words;

/// Answers read at most: the shares are stable long before, and the decision stays cheap
/// on 100,000 answers.
const READ_AT_MOST: usize = 3_000;

/// What the answers that said something do, as shares of them.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Reading {
    pub answers: usize,
    /// Some clause says something is wrong.
    pub complain: f64,
    /// Some clause proposes (and none complains).
    pub propose: f64,
    /// Every clause praises.
    pub praise: f64,
}

/// Each answer's clauses read for what they do: every answer, or of many the
/// `READ_AT_MOST` with the lowest hash of their text (the same whatever the file's order).
pub fn read(answers: &[&str], non_answers: &[String]) -> Reading {
    let (mut n, mut complain, mut propose, mut praise) = (0usize, 0usize, 0usize, 0usize);
    let mut given: Vec<&str> = answers.iter().copied().filter(|a| !a.trim().is_empty()).collect();
    if given.len() > READ_AT_MOST {
        given.sort_by_cached_key(|a| (stable_hash(0, a), *a));
        given.truncate(READ_AT_MOST);
    }
    for a in given {
        let t = normalize(a);
        if t.trim().is_empty() || is_non_answer(&t, non_answers) {
            continue;
        }
        n += 1;
        let cl = clauses(&t);
        // Each clause's stance once: a complaint is an assertion that names a wrong.
        let stances: Vec<Stance> = cl.iter().map(|c| stance(c)).collect();
        if cl.iter().zip(&stances).any(|(c, s)| *s == Stance::Asserts && names_a_wrong(c)) {
            complain += 1;
        } else if stances.contains(&Stance::Proposes) {
            propose += 1;
        } else if !stances.is_empty() && stances.iter().all(|s| *s == Stance::Praises) {
            praise += 1;
        }
    }
    let share = |x: usize| x as f64 / n.max(1) as f64;
    Reading { answers: n, complain: share(complain), propose: share(propose), praise: share(praise) }
}

/// The intent the title asks for, if its words say one.
pub fn from_title(title: &str) -> Option<Intent> {
    let q = &words().questions;
    let has = |list: &[&str]| list.iter().any(|w| title.contains(w));
    if has(q.suggestion_title_words) && !title.contains("问题") {
        Some(Intent::Suggestion)
    } else if has(q.problem_title_words) {
        Some(Intent::Problem)
    } else if q.praise_title_words.iter().any(|w| title.match_indices(w).any(|(i, _)| !title[..i].ends_with(['不', '没']) && !title[..i].ends_with("不太"))) {
        Some(Intent::Praise)
    } else if has(q.description_title_words) {
        Some(Intent::Description)
    } else {
        None
    }
}

/// Shares at which the answers decide: most complain (a problem question), half propose
/// (a suggestion question), most praise; few complain (a description).
const MOST: f64 = 0.5;
const FEW: f64 = 0.25;

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// The intent of a question and why (in Chinese, for `inspect`): `given` (survey.toml)
/// wins; else the title, checked against the answers; else the answers.
pub fn decide(title: &str, given: Option<Intent>, answers: &[&str], non_answers: &[String]) -> (Intent, String) {
    if let Some(i) = given {
        return (i, "配置文件指定".into());
    }
    let titled = if worded_title(title) { from_title(title) } else { None };
    let r = read(answers, non_answers);
    let read_as = format!("{} 条回答中反映问题的占 {}、提建议的占 {}、表示满意的占 {}", r.answers, pct(r.complain), pct(r.propose), pct(r.praise));
    match titled {
        Some(i @ (Intent::Problem | Intent::Suggestion)) => (i, format!("题目询问{}", i.label())),
        Some(i @ (Intent::Description | Intent::Praise)) if r.answers > 0 && r.propose >= MOST && r.propose >= r.complain => {
            (Intent::Suggestion, format!("题目询问{}，但{read_as}", i.label()))
        }
        Some(i @ (Intent::Description | Intent::Praise)) if r.answers > 0 && r.complain >= MOST => {
            (Intent::Mixed, format!("题目询问{}，但{read_as}", i.label()))
        }
        Some(i) => (i, format!("题目询问{}", i.label())),
        None if r.answers == 0 => (Intent::Problem, "没有有效回答，按问题题处理".into()),
        None => {
            let i = if r.propose >= MOST && r.propose >= r.complain {
                Intent::Suggestion
            } else if r.complain >= MOST {
                Intent::Problem
            } else if r.praise >= MOST {
                Intent::Praise
            } else if r.complain + r.propose < FEW {
                Intent::Description
            } else {
                Intent::Mixed
            };
            let why = if worded_title(title) { "题目用词未说明所问" } else { "题目未说明" };
            (i, format!("{why}，按回答判断：{read_as}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::stance::complains;

    fn intent(title: &str, answers: &[&str]) -> Intent {
        decide(title, None, answers, &[]).0
    }

    #[test]
    fn the_title_decides_when_it_says() {
        assert_eq!(from_title("您认为当前本市生态环境方面存在哪些突出问题？"), Some(Intent::Problem));
        assert_eq!(from_title("您对改善本市生态环境有哪些意见和建议？"), Some(Intent::Suggestion));
        assert_eq!(from_title("您对园区有什么问题和建议？"), Some(Intent::Problem));
        assert_eq!(from_title("您最满意的地方是什么？"), Some(Intent::Praise));
        assert_eq!(from_title("您最不满意的地方是什么？"), Some(Intent::Problem));
        assert_eq!(from_title("请描述您宿舍的情况"), Some(Intent::Description));
        assert_eq!(from_title("您觉得食堂怎么样？"), Some(Intent::Description));
        assert_eq!(from_title("您认为应如何改善食堂？"), Some(Intent::Suggestion));
        assert_eq!(from_title("review"), None);
        // A praise word negated is a complaint: 不太满意的地方, 不好的地方, 做得不够好的方面.
        assert_eq!(from_title("您有哪些不太满意的地方？"), Some(Intent::Problem));
        assert_eq!(from_title("园区有哪些不好的地方？"), Some(Intent::Problem));
        assert_eq!(from_title("还有哪些做得不够好的方面？"), Some(Intent::Problem));
        assert_eq!(from_title("您觉得园区有哪些缺点？"), Some(Intent::Problem));
    }

    #[test]
    fn untitled_questions_are_read_from_their_answers() {
        // A campus survey's untitled description: facts, a denial, praise, one complaint.
        let facts = ["4人间", "6人间，有空调", "一般，不会吃出异物", "交通便利", "晚上11点熄灯", "有独立卫生间", "食堂价格太贵", "宿舍4人间"];
        assert_eq!(intent("Q5", &facts), Intent::Description);
        let complaints = ["噪声太大", "垃圾没人清理", "停车难", "路灯坏了很久", "4人间"];
        assert_eq!(intent("Q6", &complaints), Intent::Problem);
        let proposals = ["建议增加公交线路", "希望多建公园", "加强垃圾分类宣传", "噪声太大"];
        assert_eq!(intent("text", &proposals), Intent::Suggestion);
        let praise = ["环境很好", "服务很好", "干净整洁", "物流很快，质量不错"];
        assert_eq!(intent("Q7", &praise), Intent::Praise);
        // Complaints said with a plain adjective, beside what it is said of.
        let burdens = ["督查检查多", "经济收入低", "工作任务重", "假期少", "菜品多"];
        assert_eq!(intent("第91题", &burdens), Intent::Problem);
        assert!(complains("检查多") && complains("收入低") && complains("任务太重") && !complains("菜品多") && !complains("价格便宜"));
        let mixed = ["环境很好", "服务很好", "停车太难", "噪声大", "4人间", "有空调"];
        assert_eq!(intent("Q8", &mixed), Intent::Mixed);
    }

    #[test]
    fn a_description_title_whose_answers_complain_is_mixed_and_the_config_wins() {
        let complaints = ["饭菜太贵", "卫生太差", "排队时间长，太慢", "还可以"];
        assert_eq!(intent("您觉得食堂怎么样？", &complaints), Intent::Mixed);
        assert_eq!(intent("您觉得食堂怎么样？", &["还可以", "一般", "菜品多"]), Intent::Description);
        assert_eq!(decide("Q5", Some(Intent::Praise), &complaints, &[]).0, Intent::Praise);
        // A description title answered with proposals asks for them.
        let proposals = ["建议增加公交线路", "希望多建公园", "加强垃圾分类宣传"];
        assert_eq!(intent("请描述您对园区的看法", &proposals), Intent::Suggestion);
        // Untitled: few complain, but many propose: not a description.
        let some = ["建议增加公交线路", "希望多建公园", "4人间", "有空调", "6人间", "离教学楼近"];
        assert_eq!(intent("Q9", &some), Intent::Mixed);
        // The same answers in another order read the same.
        let many: Vec<String> = (0..4000).map(|i| if i % 3 == 0 { format!("噪声太大{i}") } else { format!("{}人间", i) }).collect();
        let mut refs: Vec<&str> = many.iter().map(String::as_str).collect();
        let a = read(&refs, &[]);
        refs.reverse();
        assert_eq!(read(&refs, &[]), a);
        // Non-answers are not read; none left decides nothing.
        assert_eq!(read(&["无", "没有", ""], &[]).answers, 0);
    }
}
