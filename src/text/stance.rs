//! What a clause says of the problem it names: that it is there (asserts), that it is not
//! (denies: "没有噪声问题", "不会吃出异物", "停车不难"), that things are good (praises: "垃圾清运
//!很及时"), or what to do (proposes). A clause that denies or praises is never a member of
//! the problem it names (docs/text.md, "Stance").
//!
//! A clause is read part by part (cut at its commas). A part opening with a contrast word
//! ("但是", "不过", "就是") takes over from what came before it ("虽然不错，但是噪声大"
//! asserts). A part denies when an existence negation ("没有", "不会", "无" …) or a bare
//! 不 stands before an object that ends with a problem word ("没有发现乱扔垃圾的现象");
//! a denial after "不是"/"并非" is an assertion again ("不是没有问题"); "没有人管" is nobody
//! doing something, a problem; "没有路灯" is a lack, a problem. A part praises when it ends
//! with a praise word not negated ("停车还可以"; "不太方便" asserts). The lists are
//! `[stance]` in data/dict/words.toml.

use crate::util::words::{words, List};

/// What a clause says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stance {
    /// A problem is there (or a fact, or anything not read otherwise).
    Asserts,
    /// The problem it names is not there.
    Denies,
    /// Things are good.
    Praises,
    /// What to do.
    Proposes,
    /// Neither a problem nor good ("一般").
    Neutral,
}

fn opens_with(t: &str, list: List) -> Option<&'static str> {
    list.iter().copied().filter(|w| t.starts_with(w)).max_by_key(|w| w.len())
}

/// The stance of one part (no commas in it).
fn part(p: &str) -> Stance {
    let s = &words().stance;
    let t = p.trim().trim_end_matches(['。', '！', '!', '.', '…', '~', '～']);
    if t.is_empty() {
        return Stance::Neutral;
    }
    let first = t.chars().next().unwrap_or(' ');
    if words().proposal_starts.binary_search(&first).is_ok()
        && (opens_with(t, s.proposal_openings).is_some()
            || opens_with(t, words().measures.wishes).is_some()
            || crate::util::words::opens_with_action(t))
    {
        return Stance::Proposes;
    }
    let bare = strip_endings(t, s.generic_endings);
    if s.neutral_parts.contains(&bare) {
        return Stance::Neutral;
    }
    if let Some(denial) = denial(t) {
        return denial;
    }
    if praises(bare) {
        return Stance::Praises;
    }
    Stance::Asserts
}

/// The text without trailing generic endings ("的现象", "了", "吧").
fn strip_endings<'a>(t: &'a str, endings: List) -> &'a str {
    let mut t = t;
    loop {
        let before = t;
        for e in endings {
            t = t.strip_suffix(e).unwrap_or(t);
        }
        if t == before {
            return t;
        }
    }
}

/// A negation before a problem word: `Denies`, or `Asserts` when the denial is itself
/// negated ("不是没有问题") or the negation is of a person ("没有人管"); `None` when the
/// part negates nothing that is a problem.
fn denial(t: &str) -> Option<Stance> {
    let s = &words().stance;
    let mut skip_to = 0;
    for (i, c) in t.char_indices() {
        // (A negation can only start at one of their first characters: test that first.)
        if i < skip_to || words().negation_starts.binary_search(&c).is_err() {
            continue;
        }
        let rest = &t[i..];
        // "不是" of "不是没有问题" is no negation of its own: the denial after it is.
        if let Some(d) = opens_with(rest, s.double_negations) {
            skip_to = i + d.len();
            continue;
        }
        let Some(neg) = opens_with(rest, s.existence_negations).or_else(|| rest.starts_with('不').then_some("不")) else { continue };
        let object = strip_endings(&rest[neg.len()..], s.generic_endings);
        if object.is_empty() {
            continue;
        }
        if neg != "不" && (s.nobody.iter().any(|w| object.starts_with(w)) || s.manner_words.iter().any(|w| object.contains(w))) {
            return Some(Stance::Asserts);
        }
        let is_problem = if neg == "不" {
            // A bare 不 negates only the word right after it: "不吵", "停车不难".
            s.problem_words.iter().any(|w| object == *w || object.strip_prefix("太").or(object.strip_prefix("怎么")) == Some(w))
        } else {
            s.problem_words.iter().any(|w| object.ends_with(w))
        };
        if !is_problem {
            return None;
        }
        let before = &t[..i];
        return Some(if s.double_negations.iter().any(|w| before.ends_with(w)) { Stance::Asserts } else { Stance::Denies });
    }
    None
}

/// Whether a part ends with a praise word that nothing negates ("还可以", not "不太方便").
fn praises(t: &str) -> bool {
    let s = &words().stance;
    let t = t.trim_end_matches(['的', '了', '啊', '吧', '呢']);
    if t.chars().next_back().is_none_or(|c| words().praise_ends.binary_search(&c).is_err()) {
        return false;
    }
    s.praise_predicates.iter().any(|w| t.strip_suffix(w).is_some_and(|head| !s.praise_negations.iter().any(|n| head.contains(n))))
}

/// The stance of a clause: of its parts from the last contrast on; a problem or a
/// proposal there keeps the clause, else a denial denies it, else praise praises it.
pub fn stance(clause: &str) -> Stance {
    let s = &words().stance;
    // Most clauses of most answers assert: nothing to read in them (no negation, contrast,
    // proposal, praise or neutral word) is decided without cutting them.
    if !clause.chars().any(|c| words().stance_starts.binary_search(&c).is_ok()) {
        return Stance::Asserts;
    }
    let parts: Vec<&str> = clause.split(['，', ',', '、', '；', ';']).map(str::trim).filter(|p| !p.is_empty()).collect();
    let contrast = |p: &str| {
        p.chars().next().is_some_and(|c| words().contrast_starts.binary_search(&c).is_ok()) && opens_with(p, s.contrast_openings).is_some()
    };
    let from = parts.iter().rposition(|p| contrast(p)).unwrap_or(0);
    let stances: Vec<Stance> = parts[from..]
        .iter()
        .map(|p| {
            let p = opens_with(p, s.contrast_openings).map_or(*p, |c| &p[c.len()..]);
            let p = p.strip_prefix("虽然").or_else(|| p.strip_prefix("尽管")).unwrap_or(p);
            part(p)
        })
        .collect();
    if stances.iter().any(|x| *x == Stance::Asserts) {
        Stance::Asserts
    } else if stances.iter().any(|x| *x == Stance::Proposes) {
        Stance::Proposes
    } else if stances.iter().any(|x| *x == Stance::Denies) {
        Stance::Denies
    } else if stances.iter().any(|x| *x == Stance::Praises) {
        Stance::Praises
    } else if stances.is_empty() {
        Stance::Asserts
    } else {
        Stance::Neutral
    }
}

/// Whether a clause that asserts says something is wrong: it names a problem ("太贵",
/// "噪声", "缺少座位"), negates praise ("不方便", "不及时"), or says a quantity goes the wrong
/// way (检查多, 收入低). A fact ("4 人间", "有空调")
/// asserts without complaining: what tells a description question from a problem question.
pub fn complains(clause: &str) -> bool {
    stance(clause) == Stance::Asserts && names_a_wrong(clause)
}

/// Whether a clause names something wrong (see [`complains`]), whatever its stance: for a
/// caller that has the stance already.
pub fn names_a_wrong(clause: &str) -> bool {
    let s = &words().stance;
    if s.problem_words.iter().chain(s.complaint_words.iter()).any(|w| clause.contains(w)) {
        return true;
    }
    clause.split(['，', ',', '、', '；', ';']).any(|p| {
        let p = p.trim_end_matches(['。', '！', '!', '的', '了', '啊', '吧', '呢']);
        s.praise_predicates.iter().any(|w| p.strip_suffix(w).is_some_and(|head| s.praise_negations.iter().any(|n| head.contains(n))))
            || says_amiss(p, s.burden_nouns, s.more_words)
            || says_amiss(p, s.benefit_nouns, s.less_words)
    })
}

/// Whether a part says a quantity goes the wrong way: a burden noun with more of it after
/// it (检查多, 任务太重), or a benefit noun with less (收入低, 假期少) — the direction a plain
/// adjective has only beside what it is said of (菜品多 is no complaint).
fn says_amiss(part: &str, nouns: List, direction: List) -> bool {
    nouns.iter().any(|n| part.match_indices(n).any(|(i, _)| direction.iter().any(|d| part[i + n.len()..].contains(d))))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hand-written clauses, each with the stance a reader gives it.
    #[test]
    fn clauses_read_as_a_reader_reads_them() {
        use Stance::*;
        let cases: &[(&str, Stance)] = &[
            // Denials.
            ("没有噪声问题", Denies),
            ("一般，不会吃出异物", Denies),
            ("不会吃出异物", Denies),
            ("没有异味", Denies),
            ("小区没有乱停车的现象", Denies),
            ("没有发现乱扔垃圾的现象", Denies),
            ("目前没什么问题", Denies),
            ("基本没有污染", Denies),
            ("不存在乱收费", Denies),
            ("晚上不吵", Denies),
            ("停车不难", Denies),
            ("河道没有臭味了", Denies),
            ("无安全隐患", Denies),
            ("没啥问题", Denies),
            ("路面没有积水", Denies),
            ("附近工厂没有排放废气", Denies),
            ("没有出现停水停电的情况", Denies),
            ("交通不堵", Denies),
            // Assertions, including negations that are problems.
            ("不是没有问题", Asserts),
            ("并非没有噪声", Asserts),
            ("没有人管垃圾", Asserts),
            ("没人清理河道", Asserts),
            ("没有路灯", Asserts),
            ("没有垃圾桶", Asserts),
            ("小区没有停车位", Asserts),
            ("噪声问题一直没有解决", Asserts),
            ("垃圾清运不及时", Asserts),
            ("停车太难", Asserts),
            ("工厂排放异味", Asserts),
            ("晚上施工噪声很大", Asserts),
            ("虽然不错，但是噪声大", Asserts),
            ("环境还行，就是停车难", Asserts),
            ("绿化挺好的，不过垃圾桶太少", Asserts),
            ("公交班次太少", Asserts),
            ("对服务不满意", Asserts),
            ("出行不太方便", Asserts),
            ("物业不作为", Asserts),
            ("道路坑洼不平", Asserts),
            ("河道发黑发臭", Asserts),
            ("吃出过异物", Asserts),
            ("食堂饭菜太贵", Asserts),
            ("没有健身场地", Asserts),
            ("没有及时发现问题", Asserts),
            ("保安态度不是很好", Asserts),
            ("扶梯标贴未处理干净", Asserts),
            ("没有发现问题", Denies),
            ("车厢干净", Praises),
            ("秩序良好", Praises),
            // Praise.
            ("停车还可以", Praises),
            ("垃圾清运很及时", Praises),
            ("小区环境挺好的", Praises),
            ("物业服务比较满意", Praises),
            ("交通很方便", Praises),
            ("街道干净整洁", Praises),
            ("虽然有点吵，但还可以", Praises),
            ("总体不错", Praises),
            ("治安良好", Praises),
            ("服务很到位", Praises),
            // Proposals, whatever they negate.
            ("不要再乱收费", Proposes),
            ("禁止货车夜间通行", Proposes),
            ("希望增加路灯", Proposes),
            ("建议多建停车场", Proposes),
            ("加强夜间巡查", Proposes),
            ("严禁乱倒建筑垃圾", Proposes),
            // Neither.
            ("一般", Neutral),
            ("还凑合", Neutral),
        ];
        assert!(cases.len() >= 60, "{} clauses", cases.len());
        let wrong: Vec<String> = cases
            .iter()
            .filter(|(c, want)| stance(c) != *want)
            .map(|(c, want)| format!("{c}: {:?}, expected {want:?}", stance(c)))
            .collect();
        assert!(wrong.is_empty(), "{} of {} read wrongly:\n{}", wrong.len(), cases.len(), wrong.join("\n"));
    }
}
