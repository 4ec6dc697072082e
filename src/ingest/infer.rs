//! Question types from the answers: choice, multi choice, Likert scales, ratings,
//! numbers, open text and matrices, with options in questionnaire order.

use super::cells::{classify, is_other_label, parse_number, split_other, Cell};
use super::grid::RawColumn;
use super::platform::Group;
use crate::model::{Choice, Kind, Platform};
use crate::util::FastMap;

/// What a column's answers look like.
#[derive(Debug, Default)]
pub(crate) struct Profile {
    pub n_valid: usize,
    pub numeric: bool,
    pub integer: bool,
    pub min: f64,
    pub max: f64,
    /// Distinct labels (other-text stripped) with counts, in order of first appearance;
    /// `None` once there are too many to be a choice question.
    pub labels: Option<Vec<(String, usize)>>,
    pub joined: usize,
    pub total_chars: usize,
    /// Mean relative position of each label inside "┋"-joined answers.
    pub positions: FastMap<String, (f64, usize)>,
    pub has_other_text: bool,
}

const MAX_LABELS: usize = 60;

pub(crate) fn profile(col: &RawColumn, codes: bool) -> Profile {
    let mut p = Profile { numeric: true, integer: true, min: f64::INFINITY, max: f64::NEG_INFINITY, ..Default::default() };
    let mut index: FastMap<String, usize> = FastMap::default();
    let mut labels: Vec<(String, usize)> = Vec::new();
    let mut overflow = false;
    for raw in col.iter() {
        let Cell::Value(v) = classify(raw, codes) else { continue };
        p.n_valid += 1;
        if !overflow {
            p.total_chars += v.chars().count();
        }
        match parse_number(split_other(v).0) {
            Some(x) if p.numeric => {
                p.integer &= x.fract() == 0.0;
                p.min = p.min.min(x);
                p.max = p.max.max(x);
            }
            _ => p.numeric = false,
        }
        // No allocation per cell: a plain answer is the one "part" of itself.
        let k = if memchr::memmem::find(v.as_bytes(), "┋".as_bytes()).is_some() {
            p.joined += 1;
            v.split('┋').filter(|s| !s.trim().is_empty()).count().max(1) as f64
        } else {
            1.0
        };
        for (i, part) in v.split('┋').map(str::trim).filter(|s| !s.is_empty()).enumerate() {
            let (label, other) = split_other(part);
            p.has_other_text |= other.is_some();
            if k > 1.0 {
                let x = i as f64 / (k - 1.0);
                match p.positions.get_mut(label) {
                    Some(e) => {
                        e.0 += x;
                        e.1 += 1;
                    }
                    None => {
                        p.positions.insert(label.to_string(), (x, 1));
                    }
                }
            }
            if overflow {
                continue;
            }
            match index.get(label) {
                Some(&i) => labels[i].1 += 1,
                None => {
                    if labels.len() >= MAX_LABELS {
                        overflow = true;
                        continue;
                    }
                    index.insert(label.to_string(), labels.len());
                    labels.push((label.to_string(), 1));
                }
            }
        }
    }
    if p.n_valid == 0 {
        p.numeric = false;
        p.integer = false;
    }
    p.labels = (!overflow).then_some(labels);
    p
}

fn has_any(title: &str, words: &[&str]) -> bool {
    words.iter().any(|w| title.contains(w))
}

fn rating_hint(title: &str) -> bool {
    has_any(title, crate::util::words::words().questions.rating_title_hints)
}

/// A title that asks for words ("您的意见", "有何建议", "请简述原因").
fn text_hint(title: &str) -> bool {
    has_any(title, crate::util::words::words().questions.text_title_hints)
}

fn numeric_hint(title: &str) -> bool {
    has_any(title, crate::util::words::words().questions.numeric_title_hints)
}

/// The Likert scale the labels belong to: options in scale order with scores 1…5.
pub fn likert(labels: &[&str]) -> Option<Vec<Choice>> {
    if labels.len() < 2 {
        return None;
    }
    'scales: for scale in &crate::util::words::words().likert_scales {
        let scale = &scale.points;
        let mut taken: Vec<Option<&str>> = vec![None; scale.len()];
        for l in labels {
            let Some(pos) = scale.iter().position(|alts| alts.contains(l)) else { continue 'scales };
            if taken[pos].is_some_and(|t| t != *l) {
                continue 'scales;
            }
            taken[pos] = Some(l);
        }
        return Some(
            scale
                .iter()
                .zip(taken)
                .enumerate()
                .map(|(i, (alts, t))| Choice { score: Some(i as f64 + 1.0), ..Choice::new(t.unwrap_or(alts[0])) })
                .collect(),
        );
    }
    None
}

/// Options of a single/multi choice in the order a questionnaire would list them.
pub(crate) fn order_options(p: &Profile, multi: bool) -> Vec<Choice> {
    let labels = p.labels.clone().unwrap_or_default();
    let mut ordered: Vec<(String, usize)> = labels.clone();
    let lead = |s: &str| -> Option<(f64, u8)> {
        let num: String = s.chars().skip_while(|c| !c.is_ascii_digit()).take_while(|c| c.is_ascii_digit() || *c == '.').collect();
        let n: f64 = num.parse().ok()?;
        let q = &crate::util::words::words().questions;
        let rank = if has_any(s, q.range_below_words) {
            0
        } else if has_any(s, q.range_above_words) {
            2
        } else {
            1
        };
        Some((n, rank))
    };
    let zero = |s: &str| crate::util::words::words().questions.zero_frequency_options.contains(&s);
    let plain: Vec<&(String, usize)> = labels.iter().filter(|(l, _)| !is_other_label(l) && !zero(l)).collect();
    if !plain.is_empty() && plain.iter().all(|(l, _)| lead(l).is_some()) {
        ordered.sort_by(|(a, _), (b, _)| {
            let key = |s: &str| (!zero(s), is_other_label(s), lead(s).unwrap_or((f64::MAX, 3)));
            let (ka, kb) = (key(a), key(b));
            ka.0.cmp(&kb.0).then(ka.1.cmp(&kb.1)).then(ka.2 .0.total_cmp(&kb.2 .0)).then(ka.2 .1.cmp(&kb.2 .1))
        });
    } else if multi && !p.positions.is_empty() {
        // Mean relative place inside joined answers follows questionnaire order. An
        // option never chosen with another ("尚未采取措施", "以上都没有") is an exclusive
        // one, which questionnaires put last (before "其他").
        let pos = |s: &str| p.positions.get(s).map_or(2.0, |(sum, n)| sum / *n as f64);
        ordered.sort_by(|(a, _), (b, _)| is_other_label(a).cmp(&is_other_label(b)).then(pos(a).total_cmp(&pos(b))));
    } else {
        ordered.sort_by_key(|(a, _)| is_other_label(a));
    }
    ordered.into_iter().map(|(l, _)| Choice { other: is_other_label(&l), ..Choice::new(l) }).collect()
}

/// Separators committees type between several choices in one cell.
const SEPARATORS: [char; 7] = ['、', '，', ',', ';', '；', '|', '/'];

/// A multi-choice question typed by hand, several choices in one cell joined by a
/// separator ("固废回收、交通通勤"): recognised when at least a fifth of the answers are
/// joined, the parts come from at most 30 short recurring atoms (95% of all parts are
/// atoms written at least three times, none a sentence), and at least 10 answered. The
/// options are the atoms, most frequent first. Returns the separator, the options, and
/// whether the answers show several choices: at least two atoms written both alone and
/// joined with others, or most atoms joined with two others or more.
/// (Rows beyond the sample may hold atoms the sample lacked: they count as invalid
/// answers of the question and are reported.)
pub(crate) fn delimited_multi(col: &RawColumn) -> Option<(char, Vec<Choice>, bool)> {
    // The answers of up to 16,000 rows spread over the column decide (as for roles).
    let values: Vec<&str> = super::roles::sample(col);
    if values.len() < 10 {
        return None;
    }
    let mut best: Option<(usize, char, Vec<Choice>, bool)> = None;
    for sep in SEPARATORS {
        let joined = values.iter().filter(|v| v.contains(sep)).count();
        if joined * 5 < values.len() || best.as_ref().is_some_and(|b| b.0 >= joined) {
            continue;
        }
        let mut atoms: Vec<(String, usize)> = Vec::new();
        let mut parts = 0usize;
        let mut too_many = false;
        for v in &values {
            for part in v.split(sep).map(str::trim).filter(|s| !s.is_empty()) {
                parts += 1;
                match atoms.iter().position(|(a, _)| a == part) {
                    Some(i) => atoms[i].1 += 1,
                    None if atoms.len() < 30 => atoms.push((part.to_string(), 1)),
                    None => too_many = true,
                }
            }
        }
        let recurring: usize = atoms.iter().filter(|(_, n)| *n >= 3).map(|(_, n)| n).sum();
        let short = atoms.iter().all(|(a, _)| a.chars().count() <= 20 && !a.contains(['。', '！', '？']));
        let mean_len = atoms.iter().map(|(a, n)| a.chars().count() * n).sum::<usize>() as f64 / parts.max(1) as f64;
        if too_many || !short || mean_len > 12.0 || (recurring as f64) < 0.95 * parts as f64 {
            continue;
        }
        atoms.sort_by(|a, b| b.1.cmp(&a.1));
        // Two choices or more written both alone and joined with others ("噪声" and
        // "噪声，停车"); one is not enough ("是" beside "是，但很少" is a single choice).
        let alone = atoms
            .iter()
            .filter(|(a, _)| values.iter().any(|v| v == a) && values.iter().any(|v| v.contains(sep) && v.split(sep).any(|p| p.trim() == a)))
            .count()
            >= 2;
        // Or choices combined freely ("pick three": nobody picks one alone): most atoms
        // are joined with two others or more. The halves of an option written whole with a
        // comma inside stay with one partner each ("我会参考AI的建议" / "但最终会用自己的话表达").
        let partners = |a: &str| -> usize {
            let mut with: Vec<&str> = Vec::new();
            for v in values.iter().filter(|v| v.split(sep).any(|p| p.trim() == a)) {
                for p in v.split(sep).map(str::trim).filter(|p| !p.is_empty() && *p != a) {
                    if !with.contains(&p) {
                        with.push(p);
                    }
                }
            }
            with.len()
        };
        let free = atoms.iter().filter(|(a, _)| partners(a) >= 2).count() * 5 >= atoms.len() * 4;
        let options = atoms.into_iter().map(|(a, _)| Choice { other: is_other_label(&a), ..Choice::new(a) }).collect();
        best = Some((joined, sep, options, alone || free));
    }
    best.map(|(_, sep, options, evident)| (sep, options, evident))
}

/// Codes of a numeric export as options "1", "2", … in code order.
fn code_options(p: &Profile) -> Vec<Choice> {
    let mut codes: Vec<i64> = p.labels.iter().flatten().filter_map(|(l, _)| parse_number(l)).map(|v| v as i64).collect();
    codes.sort_unstable();
    codes.dedup();
    codes.into_iter().map(|c| Choice { code: Some(c), ..Choice::new(c.to_string()) }).collect()
}

/// Kind and options of a one-column question.
pub(crate) fn infer_column(p: &Profile, title: &str, platform: Platform) -> (Kind, Vec<Choice>) {
    let n_labels = p.labels.as_ref().map(Vec::len);
    if p.n_valid == 0 {
        return (Kind::Text, Vec::new());
    }
    if p.joined > 0 && p.joined * 50 >= p.n_valid {
        return (Kind::Multi, order_options(p, true));
    }
    if p.numeric {
        let small_ints = p.integer && p.min >= 0.0 && p.max <= 10.0;
        if small_ints && rating_hint(title) {
            return (Kind::Rating, Vec::new());
        }
        // 问卷星's numeric export writes choices as codes 1…k: a short run of small
        // integers is a choice whatever the title says ("几次" has options too).
        let codes_like = p.integer && p.min >= 1.0 && p.max <= 15.0;
        if platform == Platform::WjxCode
            && p.integer
            && p.min >= 1.0
            && n_labels.is_some_and(|n| n <= 30)
            && (codes_like || !numeric_hint(title))
        {
            return (Kind::Single, code_options(p));
        }
        return (Kind::Numeric, Vec::new());
    }
    if let Some(labels) = &p.labels {
        let names: Vec<&str> = labels.iter().map(|(l, _)| l.as_str()).collect();
        if let Some(scale) = likert(&names) {
            return (Kind::Likert, scale);
        }
        let distinct = labels.len();
        // A few values, each chosen by many (at least 10 and a twentieth of the answers),
        // are options however long they read
        // ("我会参考AI的建议，但最终会用自己的话表达" among five, over a thousand answers).
        // Under a title that asks for words too once a hundred answers or more hold no
        // more than those few values: people writing freely never agree that often (unless
        // what they agree on is saying nothing, "无").
        let each_many = labels.iter().all(|(_, n)| *n >= 10 && *n * 20 >= p.n_valid);
        let says_nothing =
            labels.iter().any(|(l, _)| crate::util::words::words().answers.non_answers.contains(&l.trim().to_lowercase().as_str()));
        if distinct <= 12 && each_many && (!text_hint(title) || (p.n_valid >= 100 && !says_nothing)) {
            return (Kind::Single, order_options(p, false));
        }
        let mean_len = p.total_chars as f64 / p.n_valid as f64;
        let repeats = p.n_valid >= 2 * distinct || (distinct <= 3 && p.n_valid > distinct);
        // Repeated sentences under a title asking for words are answers people wrote
        // alike, not options (choice options are short).
        let sentences = names.iter().any(|l| l.contains(['，', '。', '；', '！']));
        let written = text_hint(title) && distinct > 3 && (mean_len >= 6.0 || sentences);
        if distinct <= 30 && repeats && mean_len <= 40.0 && !written {
            return (Kind::Single, order_options(p, false));
        }
    }
    (Kind::Text, Vec::new())
}

/// How a group of two or more columns is to be read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum GroupKind {
    /// One column per option: selected when the cell is 1, √, 是 or the option's text.
    MultiColumns,
    /// Rows of one shared scale.
    Matrix(Vec<Choice>),
    /// Columns that are separate questions after all.
    Separate,
}

pub(crate) fn is_selected_mark(v: &str, label: &str) -> Option<bool> {
    match v {
        "1" | "√" | "✓" | "是" | "选中" | "Y" | "y" | "TRUE" | "true" => Some(true),
        "0" | "否" | "未选中" | "N" | "n" | "FALSE" | "false" => Some(false),
        _ if v == label => Some(true),
        _ => None,
    }
}

pub(crate) fn infer_group(g: &Group, profiles: &[&Profile], columns: &[&RawColumn], platform: Platform) -> GroupKind {
    let codes = platform == Platform::WjxCode;
    // The "其他" column may hold the typed text itself instead of a mark.
    let marks = columns.iter().zip(&g.subs).all(|(col, sub)| {
        let other = is_other_label(sub);
        col.iter().all(|raw| match classify(raw, codes) {
            Cell::Missing(_) => true,
            Cell::Value(v) => other || is_selected_mark(split_other(v).0, sub).is_some(),
        })
    });
    if marks && profiles.iter().any(|p| p.n_valid > 0) {
        return GroupKind::MultiColumns;
    }
    // A shared Likert scale across the rows.
    let mut all: Vec<String> = Vec::new();
    for p in profiles {
        for (l, _) in p.labels.iter().flatten() {
            if !all.contains(l) {
                all.push(l.clone());
            }
        }
    }
    let names: Vec<&str> = all.iter().map(String::as_str).collect();
    if profiles.iter().all(|p| p.labels.is_some() && !p.numeric) {
        if let Some(scale) = likert(&names) {
            return GroupKind::Matrix(scale);
        }
        if all.len() <= 12 && profiles.iter().all(|p| p.n_valid >= p.labels.as_ref().map_or(0, Vec::len) * 2) {
            let merged = Profile { labels: Some(all.iter().map(|l| (l.clone(), 1)).collect()), ..Default::default() };
            return GroupKind::Matrix(order_options(&merged, false));
        }
    }
    if profiles.iter().all(|p| p.numeric && p.integer && p.n_valid > 0) && all.len() <= 11 {
        let merged = Profile { labels: Some(all.iter().map(|l| (l.clone(), 1)).collect()), ..Default::default() };
        let opts = code_options(&merged);
        if codes || profiles.iter().all(|p| p.min >= 0.0 && p.max <= 10.0) {
            return GroupKind::Matrix(opts);
        }
    }
    GroupKind::Separate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn likert_scales_are_ordered_negative_to_positive() {
        let s = likert(&["满意", "一般", "非常满意", "不满意"]).unwrap();
        let labels: Vec<&str> = s.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["非常不满意", "不满意", "一般", "满意", "非常满意"]);
        assert_eq!(s[4].score, Some(5.0));
        let s = likert(&["比较同意", "不太同意"]).unwrap();
        assert_eq!(s[3].label, "比较同意");
        assert!(likert(&["满意", "比较满意"]).is_none(), "two wordings of one point are not one scale");
        assert!(likert(&["男", "女"]).is_none());
    }

    #[test]
    fn few_long_values_chosen_by_many_are_a_choice() {
        let options = [
            "我会参考AI的建议，但最终会用自己的话表达",
            "我基本照搬AI的建议",
            "我完全不用AI",
            "我先自己写，再请AI修改",
            "看情况而定，没有固定做法",
        ];
        let labels: Vec<(String, usize)> = options.iter().map(|a| (a.to_string(), 208)).collect();
        let total_chars: usize = options.iter().map(|a| a.chars().count() * 208).sum();
        let p = Profile { n_valid: 1040, numeric: false, labels: Some(labels), total_chars, ..Default::default() };
        assert_eq!(infer_column(&p, "您在写作中会如何使用AI？", Platform::Plain).0, Kind::Single);
    }

    #[test]
    fn repeated_sentences_under_a_title_asking_for_words_are_text() {
        let answers = ["小区停车难，晚上没地方停", "垃圾分类点太远", "希望增加路灯", "噪音太大影响休息", "物业不作为"];
        let labels: Vec<(String, usize)> = answers.iter().map(|a| (a.to_string(), 8)).collect();
        let total_chars: usize = answers.iter().map(|a| a.chars().count() * 8).sum();
        let p = Profile { n_valid: 40, numeric: false, labels: Some(labels), total_chars, ..Default::default() };
        assert_eq!(infer_column(&p, "您对小区管理的意见", Platform::Plain).0, Kind::Text);
        // The same repetition under a plain title reads as a choice; short options stay one.
        assert_eq!(infer_column(&p, "第5题", Platform::Plain).0, Kind::Single);
        let short: Vec<(String, usize)> = ["停车难", "垃圾多", "噪音大", "绿化少"].iter().map(|a| (a.to_string(), 10)).collect();
        let p = Profile { n_valid: 40, numeric: false, labels: Some(short), total_chars: 120, ..Default::default() };
        assert_eq!(infer_column(&p, "您最希望解决的问题和意见", Platform::Plain).0, Kind::Single);
    }

    #[test]
    fn ordered_options_follow_their_numbers() {
        let p = Profile {
            labels: Some(vec![("4次及以上".into(), 1), ("从不".into(), 1), ("1次".into(), 1), ("2-3次".into(), 1)]),
            ..Default::default()
        };
        let o: Vec<String> = order_options(&p, false).into_iter().map(|c| c.label).collect();
        assert_eq!(o, ["从不", "1次", "2-3次", "4次及以上"]);
        let p = Profile {
            labels: Some(vec![("60岁及以上".into(), 1), ("18-29岁".into(), 1), ("18岁以下".into(), 1)]),
            ..Default::default()
        };
        let o: Vec<String> = order_options(&p, false).into_iter().map(|c| c.label).collect();
        assert_eq!(o, ["18岁以下", "18-29岁", "60岁及以上"]);
    }
}
