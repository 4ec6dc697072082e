//! Helpers every stage may use: fast deterministic hash maps, the interval and test
//! formulas behind every number ([`math`]), redaction of personal data ([`redact`], persons and addresses in [`persons`]) and
//! the near-duplicate test for short texts ([`similar`]). Nothing here knows a stage.

pub mod math;
pub(crate) mod media;
pub mod persons;
pub mod redact;
pub(crate) mod similar;
pub(crate) mod words;

/// A short answer folded for comparison: spaces removed, full-width forms made
/// half-width, lower case ("Ｗ 大学" and "w大学" fold alike).
pub(crate) fn fold(v: &str) -> String {
    v.chars().filter(|c| !c.is_whitespace()).map(half_width).flat_map(char::to_lowercase).collect()
}

/// A full-width form (`Ａ`, `１`, `＠`, `，`) as its ASCII character; others unchanged.
pub(crate) fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        c => c,
    }
}

/// A change as a reader writes it: "+2.4", "-0.6", and "0.0" (no sign) when it rounds to
/// nothing; "—" when it is not a number.
pub(crate) fn signed(d: f64, digits: usize) -> String {
    if !d.is_finite() {
        return "—".into();
    }
    let s = format!("{:.*}", digits, d.abs());
    if s.chars().all(|c| c == '0' || c == '.') {
        s
    } else if d > 0.0 {
        format!("+{s}")
    } else {
        format!("-{s}")
    }
}

/// Chinese text with full-width punctuation: a title typed as "您的意见?" or "满意度(1-5):"
/// reads "您的意见？", "满意度（1-5）：". A comma between digits ("1,000") and text
/// without any Chinese character stay as they are.
pub fn full_width_punctuation(s: &str) -> String {
    let cjk = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c);
    if !s.chars().any(cjk) {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let between_digits = i > 0 && i + 1 < chars.len() && chars[i - 1].is_ascii_digit() && chars[i + 1].is_ascii_digit();
        out.push(match c {
            ':' if !between_digits => '：',
            '?' => '？',
            '!' => '！',
            ';' => '；',
            ',' if !between_digits => '，',
            '(' => '（',
            ')' => '）',
            c => c,
        });
    }
    // A space left after the converted mark ("意见? 请") is not needed in Chinese.
    for m in ['：', '？', '！', '；', '，'] {
        out = out.replace(&format!("{m} "), &m.to_string());
    }
    out
}

/// A hash map with a fast, fixed (deterministic) hasher for per-cell lookups.
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

thread_local! {
    /// Set while [`catch_panic`] runs a reader on this thread.
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Run `f`, turning a panic inside it (a third-party reader's bug on a malformed file)
/// into `Err` with the panic's message. While it runs, [`panic_is_caught`] is true on
/// this thread, so the program's panic hook stays quiet about a panic that is handled.
pub(crate) fn catch_panic<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    let was = GUARDED.with(|g| g.replace(true));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(was));
    r.map_err(|p| p.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| p.downcast_ref::<String>().cloned()).unwrap_or_default())
}

/// Whether a panic on this thread will be caught by [`catch_panic`].
pub fn panic_is_caught() -> bool {
    GUARDED.with(|g| g.get())
}

#[cfg(test)]
mod tests {
    #[test]
    fn chinese_titles_get_full_width_punctuation() {
        use super::full_width_punctuation as f;
        assert_eq!(f("您的意见?"), "您的意见？");
        assert_eq!(f("满意度(1-5): 总体"), "满意度（1-5）：总体");
        assert_eq!(f("年收入1,000元以上;其他"), "年收入1,000元以上；其他");
        assert_eq!(f("10:30 到达"), "10:30 到达");
        assert_eq!(f("NPS (0-10): all"), "NPS (0-10): all");
    }

    #[test]
    fn a_caught_panic_is_an_error_and_flagged_while_running() {
        assert!(!super::panic_is_caught());
        let r: Result<(), String> = super::catch_panic(|| {
            assert!(super::panic_is_caught());
            panic!("boom")
        });
        assert_eq!(r, Err("boom".to_string()));
        assert!(!super::panic_is_caught());
        assert_eq!(super::catch_panic(|| 3), Ok(3));
    }
}
