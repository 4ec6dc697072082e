//! Text before analysis: NFKC (full-width letters, digits and punctuation become
//! half-width), unified punctuation and spaces; non-answers recognised ("无", "挺好的",
//! "同上", digits only …) so they are counted, not clustered; answers split into
//! clauses, since one answer often raises several concerns.

use unicode_normalization::UnicodeNormalization;

/// NFKC, then one form for repeated punctuation and whitespace.
pub fn normalize(s: &str) -> String {
    // Circled numbers (①②…) mark the points of a list; NFKC would turn them into plain
    // digits glued to the text ("1通勤…"), so each becomes a clause break and "1." first.
    let listed: String;
    let s = if s.chars().any(|c| ('①'..='⑳').contains(&c)) {
        listed = s
            .chars()
            .flat_map(|c| {
                if ('①'..='⑳').contains(&c) {
                    let n = c as u32 - '①' as u32 + 1;
                    format!("；{n}.").chars().collect::<Vec<_>>()
                } else {
                    vec![c]
                }
            })
            .collect();
        listed.as_str()
    } else {
        s
    };
    let nfkc = nfkc(s);
    let mut out = String::with_capacity(nfkc.len());
    let mut last: Option<char> = None;
    for c in nfkc.chars() {
        let c = match c {
            '\u{3000}' | '\t' | '\r' => ' ',
            '…' | '⋯' => '…',
            '“' | '”' | '「' | '」' => '"',
            '‘' | '’' => '\'',
            c => c,
        };
        // Collapse runs of the same punctuation or space ("!!!", "。。", "  ").
        if Some(c) == last && (c.is_whitespace() || c.is_ascii_punctuation() || "。，、；！？…~～".contains(c)) {
            continue;
        }
        out.push(c);
        last = Some(c);
    }
    out.trim().to_string()
}

/// NFKC of one character that is its own NFKC whatever surrounds it, or has a fixed
/// one: ASCII, the CJK unified ideographs, the full-width forms of ASCII, the ideographic
/// space and common Chinese punctuation (none of them composes with a neighbour).
fn nfkc_alone(c: char) -> Option<char> {
    match c {
        c if c.is_ascii() => Some(c),
        '\u{4E00}'..='\u{9FFF}' => Some(c),
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '\u{3000}' => Some(' '),
        '、' | '。' | '《' | '》' | '「' | '」' | '『' | '』' | '【' | '】' | '“' | '”' | '‘' | '’' | '·' | '—' => Some(c),
        _ => None,
    }
}

/// NFKC. Most answers hold only characters whose NFKC is known one by one
/// ([`nfkc_alone`]); those skip the general algorithm, a sixth of the text stage's time.
fn nfkc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match nfkc_alone(c) {
            Some(n) => out.push(n),
            None => return s.nfkc().collect(),
        }
    }
    out
}

/// Whether a (normalized) answer is a non-answer: empty after punctuation, only
/// digits or symbols, or one of `[answers] non_answers` (data/dict/words.toml) and the
/// user's own list.
pub(crate) fn is_non_answer(s: &str, extra: &[String]) -> bool {
    // More letters than the longest listed non-answer: an answer (the common case, decided
    // without building the core string).
    let lists = crate::util::words::words();
    let longest = extra.iter().map(|w| w.chars().count()).fold(lists.longest_non_answer, usize::max);
    // Up to eight letters ("没有什么看法的了") when it opens with a negation: a "no view".
    let negated = s.starts_with(['没', '无', '暂']);
    if s.chars().filter(|c| c.is_alphabetic()).nth(if negated { longest.max(8) } else { longest }).is_some() {
        return false;
    }
    let core: String =
        s.chars().filter(|c| !(c.is_whitespace() || c.is_ascii_punctuation() || "。，、；：！？…~～·\"'（）()【】".contains(*c))).collect();
    if core.is_empty() || core.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    let lower = core.to_lowercase();
    lists.answers.non_answers.contains(&lower.as_str()) || extra.iter().any(|e| e == &lower || e == &core) || no_opinion(&core)
}

/// "No view" in any of its wordings — a negation and an opinion word only, "没有看法",
/// "暂无想法", "没什么意见的": the village cadres' export wrote it 77 ways and it became
/// a concern.
fn no_opinion(core: &str) -> bool {
    let a = &crate::util::words::words().answers;
    let core = core.trim_end_matches(['的', '了']);
    a.no_opinion_negations.iter().filter_map(|n| core.strip_prefix(n)).any(|rest| a.no_opinion_objects.contains(&rest))
}

/// Split an answer into clauses at sentence punctuation, enumerations (1. 2、 ①),
/// connectives (另外, 其次, 还有 …) and spaces between Chinese characters. Clauses keep
/// their text (connectives and enumeration marks are dropped); empty ones are skipped.
pub fn clauses(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let lists = crate::util::words::words();
    let mut out = Vec::new();
    let mut cur = String::new();
    let cjk = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c);
    let mut i = 0;
    let push = |cur: &mut String, out: &mut Vec<String>| {
        let t = cur.trim_matches(|c: char| c.is_whitespace() || ",，、:：".contains(c)).to_string();
        if t.chars().any(|c| c.is_alphanumeric()) {
            out.push(t);
        }
        cur.clear();
    };
    while i < chars.len() {
        let c = chars[i];
        // Enumeration marks: ①…⑩, "1." "2、" "(3)" at the start of a point.
        if ('①'..='⑩').contains(&c) {
            push(&mut cur, &mut out);
            i += 1;
            continue;
        }
        let at_start = || i == 0 || matches!(chars[i - 1], '。' | '；' | ';' | '!' | '?' | '！' | '？' | ',' | '，' | '\n' | ' ') || cur.trim().is_empty();
        if c.is_ascii_digit() && at_start() {
            let mut j = i;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            if j < chars.len() && j - i <= 2 && ".、)）".contains(chars[j]) && chars.get(j + 1).is_some_and(|n| !n.is_ascii_digit()) {
                push(&mut cur, &mut out);
                i = j + 1;
                continue;
            }
        }
        if matches!(c, '。' | '；' | ';' | '!' | '?' | '！' | '？' | '\n') {
            push(&mut cur, &mut out);
            i += 1;
            continue;
        }
        if c == ' ' && i > 0 && cjk(chars[i - 1]) && chars.get(i + 1).is_some_and(|n| cjk(*n)) {
            push(&mut cur, &mut out);
            i += 1;
            continue;
        }
        // (A connective can only start at one of their first characters: test that first.)
        let candidate = lists.connective_starts.binary_search(&c).is_ok();
        if let Some(w) = lists
            .answers
            .clause_connectives
            .iter()
            .filter(|_| candidate)
            .find(|w| chars[i..].iter().take(w.chars().count()).copied().eq(w.chars()))
        {
            // Only where a new point can start: after punctuation or at the beginning.
            let before = cur.trim_end();
            if before.is_empty() || before.ends_with(|c: char| ",，、".contains(c)) {
                push(&mut cur, &mut out);
                i += w.chars().count();
                continue;
            }
        }
        cur.push(c);
        i += 1;
    }
    push(&mut cur, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The characters read one by one are read as NFKC reads them, alone and in any
    /// company (random strings of them, and each beside a combining mark, which sends the
    /// whole text to the general algorithm).
    #[test]
    fn nfkc_one_by_one_is_nfkc() {
        let alone: Vec<char> = (0u32..0x10000).filter_map(char::from_u32).filter(|&c| nfkc_alone(c).is_some()).collect();
        for &c in &alone {
            let s = c.to_string();
            assert_eq!(nfkc(&s), s.nfkc().collect::<String>(), "U+{:04X}", c as u32);
            let marked = format!("{c}\u{0301}\u{3099}");
            assert_eq!(nfkc(&marked), marked.nfkc().collect::<String>(), "U+{:04X} marked", c as u32);
        }
        let mut x: u64 = 7;
        for _ in 0..2000 {
            let s: String = (0..12)
                .map(|_| {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    alone[(x >> 33) as usize % alone.len()]
                })
                .collect();
            assert_eq!(nfkc(&s), s.nfkc().collect::<String>(), "{s}");
        }
    }

    #[test]
    fn nfkc_and_punctuation() {
        assert_eq!(normalize("ＰＭ２．５超标！！！"), "PM2.5超标!");
        assert_eq!(normalize("  垃圾　分类。。 "), "垃圾 分类。");
    }

    #[test]
    fn non_answers() {
        for s in ["无", "无。", "没有", "挺好的！", "同上", "……", "123", "N/A", " "] {
            assert!(is_non_answer(&normalize(s), &[]), "{s}");
        }
        for s in ["没有看法", "无看法。", "没什么看法", "暂无想法", "没有什么意见的", "没啥建议"] {
            assert!(is_non_answer(&normalize(s), &[]), "{s}");
        }
        for s in ["无人管理的垃圾站", "没有公园", "噪声", "没有看法，收获很多", "没有压力"] {
            assert!(!is_non_answer(&normalize(s), &[]), "{s}");
        }
        assert!(is_non_answer("暂不填写", &["暂不填写".to_string()]));
    }

    #[test]
    fn clause_splitting() {
        assert_eq!(clauses("工地扬尘太大，出门一身灰。另外河道发臭"), ["工地扬尘太大，出门一身灰", "河道发臭"]);
        assert_eq!(clauses("1.垃圾分类不到位；2.噪声扰民；"), ["垃圾分类不到位", "噪声扰民"]);
        assert_eq!(clauses("①公园太少②停车难"), ["公园太少", "停车难"]);
        // As the text stage sees them: normalized first (NFKC alone would leave "1公园太少").
        assert_eq!(clauses(&normalize("①公园太少，②停车难；")), ["公园太少", "停车难"]);
        assert_eq!(clauses(&normalize("①公园太少②停车难")), ["公园太少", "停车难"]);
        assert_eq!(clauses("河道发臭 垃圾没人清"), ["河道发臭", "垃圾没人清"]);
        assert_eq!(clauses("空气不好，还有噪音大"), ["空气不好", "噪音大"]);
        // A number inside a clause is not an enumeration.
        assert_eq!(clauses("PM2.5经常超标"), ["PM2.5经常超标"]);
        assert_eq!(clauses("每周1次清运太少"), ["每周1次清运太少"]);
    }
}
