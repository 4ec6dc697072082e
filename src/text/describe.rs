//! What is said of a concern once its clauses are known: keywords (class-based TF-IDF),
//! representative quotes (the clauses closest to its centre, redacted, near-duplicates
//! skipped) and grouped suggestions (the proposing part of each clause).

use super::unit::{Assignment, Unit};
use super::vectorize::Corpus;
use crate::diag::truncate;
use crate::model::Quote;
use crate::util::redact::redact;
use crate::util::similar::{bigrams, similar};
use std::collections::HashMap;

/// Clauses ranked per concern for its quotes and suggestions.
const RANKED: usize = 5000;

use crate::util::words::words;

/// A proposal without its list mark, fillers, wish words and adverbs: what it asks
/// to be done. A one-character adverb (能, 要, 把) goes only after a wish word or filler
/// went: "建议把管网改造好" → "管网改造好", but "能源结构调整" and "把关食品安全" stay whole.
pub(super) fn core(piece: &str) -> &str {
    let mut t = without_list_mark(piece.trim_matches(|c: char| c.is_whitespace() || "。，；,;.!！、".contains(c)));
    let mut after_wish = false;
    let (fillers, wishes, adverbs) = (words().answers.fillers, words().measures.wishes, words().measures.wish_adverbs);
    loop {
        if t.chars().next().is_none_or(|c| words().core_starts.binary_search(&c).is_err()) {
            return t;
        }
        let before = t;
        for w in fillers.iter().chain(wishes).chain(adverbs) {
            if w.chars().count() == 1 && adverbs.contains(w) && !after_wish {
                continue;
            }
            if let Some(rest) = t.strip_prefix(w) {
                t = rest.trim_start_matches(['，', ',', ' ', '：', ':']);
                after_wish = true;
            }
        }
        if before == t {
            return t;
        }
    }
}

/// A text without the fillers that open a spoken clause and say nothing ("就是", "主要
/// 是", "我觉得" …).
pub(super) fn without_fillers(s: &str) -> &str {
    let mut t = without_list_mark(s.trim());
    loop {
        if t.chars().next().is_none_or(|c| words().filler_starts.binary_search(&c).is_err()) {
            return t;
        }
        let before = t;
        for f in words().answers.fillers {
            t = t.strip_prefix(f).unwrap_or(t).trim_start_matches(['，', ',', ' ']);
        }
        if before == t {
            return t;
        }
    }
}

/// A text without its leading list mark ("①", "2、", "3." "1）"); "3号楼" keeps its digit.
pub(super) fn without_list_mark(s: &str) -> &str {
    let t = s.trim_start_matches(|c: char| c.is_whitespace() || "①②③④⑤⑥⑦⑧⑨⑩".contains(c));
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    match t[digits..].chars().next() {
        Some(c) if digits > 0 && ("、.．)）".contains(c) || c.is_whitespace()) => t[digits + c.len_utf8()..].trim_start(),
        _ => t,
    }
}

/// What a clause proposes: in an answer to a suggestion question the whole clause; else
/// the part from the first phrase with a suggestion word on ("……，希望加强巡查" → "希望加强
/// 巡查"). Leading list numbers ("1 ", "2、", "①") are dropped. `None` when what remains
/// says nothing concrete (a bare "希望尽快解决").
pub(crate) fn suggestion_text(clause: &str, whole: bool) -> Option<&str> {
    let start = if whole {
        0
    } else {
        // The phrase (between commas, semicolons and colons) holding the first mark;
        // no mark holds one of them.
        let first = words().suggestion_mark_finder.find(clause)?.start();
        clause[..first].rfind(['，', ',', '；', ';', '：', ':']).map_or(0, |i| i + clause[i..].chars().next().map_or(1, char::len_utf8))
    };
    let text = without_list_mark(&clause[start..]).trim_end_matches(['。', '，', '；', ',', ';', '.', ' ']);
    let text = without_fillers(text);
    // What follows a wish word ("希望", "建议" …) must say what to do.
    let rest = core(text);
    let concrete =
        rest.chars().filter(|c| c.is_alphanumeric()).count() >= 4 && !is_generic_wish(rest.trim_start_matches(['能', '要', '把']));
    (concrete && !text.is_empty()).then_some(text)
}

/// What a wish may ask for without saying what to do ("解决", "加强管理").
pub(super) fn is_generic_wish(core: &str) -> bool {
    words().measures.generic_wishes.contains(&core)
}

/// Normalized text for reading: half-width punctuation next to Chinese back to full width.
pub(super) fn display(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let cjk = |c: Option<&char>| c.is_some_and(|c| ('\u{4E00}'..='\u{9FFF}').contains(c));
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let near = cjk(i.checked_sub(1).and_then(|j| chars.get(j))) || cjk(chars.get(i + 1));
        out.push(match c {
            ',' if near => '，',
            ';' if near => '；',
            ':' if near => '：',
            '!' if near => '！',
            '?' if near => '？',
            '(' if near => '（',
            ')' if near => '）',
            c => c,
        });
    }
    out
}

/// The units of one concern, and what ranks and quotes them.
pub(super) struct Members<'a> {
    pub units: &'a [Unit],
    /// Indices into `units` of this concern's clauses, in input order.
    pub members: &'a [usize],
    pub texts: &'a [Option<&'a str>],
    pub assignments: &'a [Assignment],
    pub corpus: &'a Corpus,
}

/// The concern's eight most characteristic words, from its class-based TF-IDF centre.
pub(super) fn keywords(centre: &[(u32, f64)], corpus: &Corpus) -> Vec<String> {
    let mut kw: Vec<(u32, f64)> = centre.to_vec();
    kw.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    kw.iter().take(8).map(|(w, _)| corpus.vocab[*w as usize].clone()).collect()
}

impl Members<'_> {
    /// A clause's TF-IDF vector (sublinear counts, unit length).
    fn vector(&self, ui: usize) -> Vec<(u32, f64)> {
        let doc = &self.units[ui].doc;
        let mut v: Vec<(u32, f64)> = doc.iter().map(|&(w, n)| (w, (1.0 + (n as f64).ln()) * self.corpus.idf[w as usize] as f64)).collect();
        let norm = v.iter().map(|(_, x)| x * x).sum::<f64>().sqrt();
        v.iter_mut().for_each(|(_, x)| *x /= norm.max(1e-12));
        v
    }

    /// Clauses by closeness to the centre. Quotes and suggestions come from the closest,
    /// so only the first [`RANKED`] are put in order.
    pub(crate) fn ranked(&self, centre: &[(u32, f64)]) -> Vec<usize> {
        let centre: HashMap<u32, f64> = centre.iter().copied().collect();
        let dot = |a: &[(u32, f64)]| a.iter().map(|(w, x)| x * centre.get(w).copied().unwrap_or(0.0)).sum::<f64>();
        let mut ranked: Vec<(f64, usize)> = self.members.iter().map(|&ui| (dot(&self.vector(ui)), ui)).collect();
        let units = self.units;
        let original = |ui: usize| self.texts[units[ui].answer].unwrap_or("");
        let closer = |a: &(f64, usize), b: &(f64, usize)| {
            b.0.total_cmp(&a.0).then(units[a.1].text.cmp(&units[b.1].text)).then(original(a.1).cmp(original(b.1))).then(a.1.cmp(&b.1))
        };
        if ranked.len() > RANKED {
            ranked.select_nth_unstable_by(RANKED, closer);
            ranked.truncate(RANKED);
        }
        ranked.sort_by(closer);
        ranked.into_iter().map(|(_, ui)| ui).collect()
    }

    /// The clauses to quote first, so that quotes cover the concern's different
    /// sub-matters (maximal marginal relevance): among the 60 closest clauses of answers
    /// whose primary concern this is, the closest first, then each time the one that
    /// best balances closeness (its place in the ranking) against the words it shares
    /// with those already chosen (term Jaccard, weight 0.8); the rest of the ranking after.
    fn diverse(&self, id: usize, ranked: &[usize], unquotable: &[bool]) -> Vec<usize> {
        const POOL: usize = 60;
        let eligible = |ui: usize| {
            let a = self.units[ui].answer;
            self.assignments[a].primary == Some(id) && unquotable.get(a) != Some(&true)
        };
        let pool: Vec<usize> = ranked.iter().copied().filter(|&ui| eligible(ui)).take(POOL).collect();
        let terms = |ui: usize| -> Vec<u32> { self.units[ui].doc.iter().map(|(t, _)| *t).collect() };
        let jaccard = |a: &[u32], b: &[u32]| {
            let inter = a.iter().filter(|t| b.contains(t)).count();
            let union = a.len() + b.len() - inter;
            if union == 0 {
                0.0
            } else {
                inter as f64 / union as f64
            }
        };
        let pool_terms: Vec<Vec<u32>> = pool.iter().map(|&ui| terms(ui)).collect();
        let mut chosen: Vec<usize> = Vec::new();
        let mut left: Vec<usize> = (0..pool.len()).collect();
        while !left.is_empty() && chosen.len() < 10 {
            let score = |i: usize| {
                let overlap = chosen.iter().map(|&c| jaccard(&pool_terms[i], &pool_terms[c])).fold(0.0, f64::max);
                (1.0 - i as f64 / POOL as f64) - 0.8 * overlap
            };
            let (k, _) = left.iter().enumerate().map(|(k, &i)| (k, score(i))).fold((0, f64::MIN), |b, x| if x.1 > b.1 { x } else { b });
            chosen.push(left.remove(k));
        }
        let first: Vec<usize> = chosen.iter().map(|&i| pool[i]).collect();
        first.iter().copied().chain(ranked.iter().copied().filter(|ui| !first.contains(ui))).collect()
    }

    /// Quotes: clauses close to the centre and unlike each other ([`Self::diverse`]),
    /// first from answers whose primary concern this is, then (if fewer than three) from
    /// answers raising it beside another; the whole answer when it raises nothing else.
    /// Near-duplicates and answers screening flagged are skipped.
    pub fn quotes(&self, id: usize, ranked: &[usize], max: usize, unquotable: &[bool]) -> Vec<Quote> {
        let ranked = &self.diverse(id, ranked, unquotable);
        let mut quotes: Vec<Quote> = Vec::new();
        let mut seen: Vec<Vec<(char, char)>> = Vec::new();
        let mut used_answers: Vec<usize> = Vec::new();
        for pass in 0..2 {
            for &ui in ranked {
                if quotes.len() >= max || (pass == 1 && quotes.len() >= 3) {
                    break;
                }
                let a = self.units[ui].answer;
                if (pass == 0) != (self.assignments[a].primary == Some(id)) || used_answers.contains(&a) || unquotable.get(a) == Some(&true)
                {
                    continue;
                }
                let whole = self.assignments[a].all == [id];
                let text = if whole { self.texts[a].unwrap_or("").trim().to_string() } else { display(&self.units[ui].text) };
                let text = truncate(&redact(&text), 120);
                let bg = bigrams(&text);
                if seen.iter().any(|s| similar(s, &bg)) {
                    continue;
                }
                seen.push(bg);
                used_answers.push(a);
                quotes.push(Quote { answer: a, text });
            }
        }
        quotes
    }
}

#[cfg(test)]
mod tests {
    use super::suggestion_text;

    #[test]
    fn a_suggestion_is_the_part_that_proposes() {
        assert_eq!(suggestion_text("污水管网老化，出水经常超标，建议加快管网改造", false), Some("建议加快管网改造"));
        // A bare wish says nothing concrete.
        assert_eq!(suggestion_text("污水管网老化，出水经常超标，希望尽快解决", false), None);
        assert_eq!(suggestion_text("噪声太大，希望相关部门重视", false), None);
        // No wish word at all: not a suggestion of a problem answer.
        assert_eq!(suggestion_text("河水发黑发臭", false), None);
        // Answers to a suggestion question count whole; list numbers go.
        assert_eq!(suggestion_text("2、对企业开展夜间突击检查。", true), Some("对企业开展夜间突击检查"));
        assert_eq!(suggestion_text("① 加强巡查", true), Some("加强巡查"));
        assert_eq!(suggestion_text("问题很多，主要是希望扩建污水处理厂", false), Some("希望扩建污水处理厂"));
        assert_eq!(suggestion_text("就是建议减免污水处理费", true), Some("建议减免污水处理费"));
    }
}
