//! Near-duplicate short texts (quotes, suggestions, draft items): character-bigram
//! Jaccard similarity.

/// The distinct character bigrams of a text (letters and digits only), sorted.
pub(crate) fn bigrams(s: &str) -> Vec<(char, char)> {
    let c: Vec<char> = s.chars().filter(|c| c.is_alphanumeric()).collect();
    let mut v: Vec<(char, char)> = c.windows(2).map(|w| (w[0], w[1])).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Jaccard similarity of two sorted bigram sets (1 for two empty ones, 0 for one).
pub(crate) fn jaccard(x: &[(char, char)], y: &[(char, char)]) -> f64 {
    if x.is_empty() || y.is_empty() {
        return f64::from(u8::from(x == y));
    }
    let inter = x.iter().filter(|p| y.binary_search(p).is_ok()).count();
    inter as f64 / (x.len() + y.len() - inter) as f64
}

/// Jaccard similarity of two texts' character bigrams.
pub(crate) fn text_jaccard(a: &str, b: &str) -> f64 {
    jaccard(&bigrams(a), &bigrams(b))
}

/// Near-duplicates: character-bigram Jaccard similarity over one half.
pub(crate) fn similar(x: &[(char, char)], y: &[(char, char)]) -> bool {
    jaccard(x, y) > 0.5
}

/// A question's title as matched across waves: without its numbering ("Q5.", "5、",
/// "第5题"), spaces and punctuation.
pub(crate) fn normalized_title(title: &str) -> String {
    static NUMBERING: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = NUMBERING.get_or_init(|| regex::Regex::new(r"^\s*(?:[Qq]?\d+\s*[.、．:：)）]|第\s*\d+\s*题)\s*").expect("a valid pattern"));
    let t = re.replace(title.trim(), "");
    t.chars().filter(|c| c.is_alphanumeric()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigram_jaccard_over_one_half() {
        // 加强巡查 / 加强巡查力度: {加强,强巡,巡查} ⊂ 5 bigrams → 3/5 = 0.6 > 0.5.
        assert!(similar(&bigrams("加强巡查"), &bigrams("加强巡查力度")));
        // 加强巡查 / 加强管理: 1 shared of 5 → 0.2.
        assert!(!similar(&bigrams("加强巡查"), &bigrams("加强管理")));
        assert!(similar(&bigrams(""), &bigrams("")));
        assert!(!similar(&bigrams(""), &bigrams("加强")));
    }
}
