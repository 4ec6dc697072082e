//! Reading single cells: the special markers of survey exports, "其他〖…〗",
//! numbers stored as text, durations ("125秒", "2分5秒") and date-times.

use crate::model::Missing;

/// A cell after the platform's special values are recognised.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell<'a> {
    Missing(Missing),
    Value(&'a str),
}

/// Recognise `(跳过)`, `(空)`, `(未显示)` and blanks; `codes` also maps the numeric
/// export's −3 (skipped) and −2 (not answered). The missing-value literals that exports,
/// databases and spreadsheets write for "nothing here" (`NULL`, `N/A`, `NaN`, `#N/A`,
/// `-`, `—` …) are not answered either: an IP address of `NULL` is no address.
pub(crate) fn classify(raw: &str, codes: bool) -> Cell<'_> {
    // Cells come trimmed from the grid; only a cheap ASCII trim here.
    let s = raw.trim_ascii();
    // No marker is longer than 15 bytes ("（未显示）"): most answers skip the comparisons.
    if s.len() > 15 {
        return Cell::Value(s);
    }
    match s {
        "" | "(空)" | "（空）" | "空" => Cell::Missing(Missing::Empty),
        "NULL" | "null" | "Null" | "N/A" | "n/a" | "NaN" | "nan" | "#N/A" | "-" | "--" | "—" | "——" => Cell::Missing(Missing::Empty),
        s if s.trim().is_empty() => Cell::Missing(Missing::Empty),
        "(跳过)" | "（跳过）" | "跳过" => Cell::Missing(Missing::Skipped),
        "(未显示)" | "（未显示）" | "(不显示)" | "（不显示）" => Cell::Missing(Missing::NotShown),
        "-3" if codes => Cell::Missing(Missing::Skipped),
        "-2" if codes => Cell::Missing(Missing::Empty),
        _ => Cell::Value(s),
    }
}

/// Split "其他〖在河边钓鱼〗" into ("其他", Some("在河边钓鱼")). Also accepts 【】 and a
/// closing bracket that is missing.
pub(crate) fn split_other(s: &str) -> (&str, Option<&str>) {
    // Both brackets are encoded E3 80 xx: one memchr pass rules most cells out.
    if !memchr::memchr_iter(0xE3, s.as_bytes())
        .any(|i| s.as_bytes().get(i + 1) == Some(&0x80) && matches!(s.as_bytes().get(i + 2), Some(0x96 | 0x90)))
    {
        return (s, None);
    }
    for (open, close) in [('〖', '〗'), ('【', '】')] {
        if let Some(i) = s.find(open) {
            let label = s[..i].trim();
            if label.is_empty() {
                continue;
            }
            let rest = &s[i + open.len_utf8()..];
            let text = rest.strip_suffix(close).unwrap_or(rest).trim();
            return (label, Some(text));
        }
    }
    (s, None)
}

/// Whether an option label reads as "other, please specify".
pub(crate) fn is_other_label(label: &str) -> bool {
    let l = label.trim();
    l.starts_with("其他") || l.starts_with("其它") || l == "other" || l == "Other"
}

/// A number written as text, tolerating thousands separators, full-width digits
/// and a trailing percent sign. Returns `None` for anything else.
pub(crate) fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() || s.len() > 40 {
        return None;
    }
    // Fast paths: plain ASCII numbers, and text that cannot be a number at all.
    if s.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+')) {
        return s.parse::<f64>().ok().filter(|v| v.is_finite());
    }
    if s.chars().any(|c| !(c.is_ascii_digit() || "０１２３４５６７８９．－,%+-.eE".contains(c))) {
        return None;
    }
    let mut t = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '０'..='９' => t.push(char::from_u32(ch as u32 - '０' as u32 + '0' as u32)?),
            '．' => t.push('.'),
            '－' => t.push('-'),
            ',' => {}
            c => t.push(c),
        }
    }
    let t = t.strip_suffix('%').unwrap_or(&t);
    if t.chars().any(|c| c.is_alphabetic()) {
        return None; // "inf", "nan", "1e5x" are not answers
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Seconds from "125秒", "2分5秒", "1小时2分3秒", "00:02:05", "2:05" or a bare number.
pub(crate) fn parse_duration(s: &str) -> Option<f64> {
    let s = s.trim();
    if let Some(v) = parse_number(s) {
        return Some(v);
    }
    if s.contains(':') {
        let parts: Vec<f64> = s.split(':').map(|p| p.trim().parse::<f64>()).collect::<Result<_, _>>().ok()?;
        return match parts.as_slice() {
            [m, sec] => Some(m * 60.0 + sec),
            [h, m, sec] => Some(h * 3600.0 + m * 60.0 + sec),
            _ => None,
        };
    }
    let mut total = 0.0;
    let mut num = String::new();
    let mut any = false;
    for ch in s.chars() {
        if ch.is_ascii_digit() || ch == '.' {
            num.push(ch);
            continue;
        }
        let unit = match ch {
            '时' | '天' => continue,
            '小' => 3600.0,
            '分' => 60.0,
            '秒' => 1.0,
            ' ' | '钟' => continue,
            _ => return None,
        };
        let v: f64 = num.parse().ok()?;
        total += v * unit;
        num.clear();
        any = true;
    }
    if !num.is_empty() {
        return None;
    }
    any.then_some(total)
}

/// Milliseconds since 1970-01-01 (local time as written, no time zone) from
/// "2024/5/3 10:22:31", "2024-05-03 10:22", "2024年5月3日 10:22:31", "2024-05-03",
/// "2024-05-03T10:22:31.5". Written by hand (no allocation) because it runs on every
/// cell of a time column: the numbers are read between any separators, and chrono
/// checks that they form a real date and time.
pub(crate) fn parse_datetime(s: &str) -> Option<i64> {
    numeric_datetime(s).or_else(|| month_name_datetime(s))
}

/// "02-Sep-2020 07:44:08" (腾讯问卷's older CSV exports) and "5/1/2024 10:00:00 AM"
/// (Microsoft and Google Forms): only tried when the year-first numeric form fails.
fn month_name_datetime(s: &str) -> Option<i64> {
    use chrono::{NaiveDate, NaiveDateTime};
    let s = s.trim();
    // Microsoft and Google Forms: month first, year last ("5/1/2024 10:00:00 AM").
    for f in ["%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M %p"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Some(t.and_utc().timestamp_millis());
        }
    }
    if !s.bytes().any(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    for f in ["%d-%b-%Y %H:%M:%S", "%d-%b-%Y %H:%M", "%d %b %Y %H:%M:%S"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Some(t.and_utc().timestamp_millis());
        }
    }
    NaiveDate::parse_from_str(s, "%d-%b-%Y").ok().and_then(|d| d.and_hms_opt(0, 0, 0)).map(|t| t.and_utc().timestamp_millis())
}

/// Year, month, day and optional time as numbers with any of the usual separators.
fn numeric_datetime(s: &str) -> Option<i64> {
    use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
    let mut parts = [0u32; 6];
    let mut n = 0;
    let mut in_num = false;
    let mut frac_ms: u32 = 0;
    let mut frac_digits = 0;
    let mut in_frac = false;
    for ch in s.trim().chars() {
        if let Some(d) = ch.to_digit(10) {
            if in_frac {
                if frac_digits < 3 {
                    frac_ms = frac_ms * 10 + d;
                    frac_digits += 1;
                }
                continue;
            }
            if !in_num {
                if n == 6 {
                    return None;
                }
                n += 1;
                in_num = true;
            }
            parts[n - 1] = parts[n - 1].checked_mul(10)?.checked_add(d)?;
        } else {
            in_num = false;
            if ch == '.' && n == 6 {
                in_frac = true;
            } else if in_frac || !matches!(ch, '-' | '/' | '年' | '月' | '日' | ' ' | 'T' | ':' | '.') {
                return None;
            }
        }
    }
    while frac_digits > 0 && frac_digits < 3 {
        frac_ms *= 10;
        frac_digits += 1;
    }
    if !(n == 3 || n == 5 || n == 6) || parts[0] < 1000 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(parts[0] as i32, parts[1], parts[2])?;
    let time = NaiveTime::from_hms_milli_opt(parts[3], parts[4], parts[5], frac_ms)?;
    Some(NaiveDateTime::new(date, time).and_utc().timestamp_millis())
}

/// "1.2.3.4(上海-上海)" → ("1.2.3.4", Some("上海-上海")).
pub(crate) fn split_ip(s: &str) -> (&str, Option<&str>) {
    for open in ['(', '（'] {
        if let Some(i) = s.find(open) {
            let rest = &s[i + open.len_utf8()..];
            let region = rest.trim_end_matches([')', '）']).trim();
            return (s[..i].trim(), (!region.is_empty()).then_some(region));
        }
    }
    (s.trim(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        assert_eq!(classify("(跳过)", false), Cell::Missing(Missing::Skipped));
        assert_eq!(classify("  (空) ", false), Cell::Missing(Missing::Empty));
        assert_eq!(classify("", false), Cell::Missing(Missing::Empty));
        assert_eq!(classify("-3", true), Cell::Missing(Missing::Skipped));
        assert_eq!(classify("-3", false), Cell::Value("-3"));
        assert_eq!(classify("满意", false), Cell::Value("满意"));
        for literal in ["NULL", "null", "N/A", "n/a", "NaN", "#N/A", "-", "--", "—", "（空）", "\u{3000}"] {
            assert_eq!(classify(literal, false), Cell::Missing(Missing::Empty), "{literal}");
        }
        assert_eq!(classify("-5", false), Cell::Value("-5"));
        assert_eq!(classify("NULL的", false), Cell::Value("NULL的"));
        // 无效 is an answer of its own (非常有效 … 无效), not a missing value.
        assert_eq!(classify("无效", false), Cell::Value("无效"));
    }

    #[test]
    fn other_text() {
        assert_eq!(split_other("其他〖河边钓鱼〗"), ("其他", Some("河边钓鱼")));
        assert_eq!(split_other("其他〖〗"), ("其他", Some("")));
        assert_eq!(split_other("其他(请注明)〖没写完"), ("其他(请注明)", Some("没写完")));
        assert_eq!(split_other("空气污染"), ("空气污染", None));
    }

    #[test]
    fn numbers_durations_dates() {
        assert_eq!(parse_number("1,234.5"), Some(1234.5));
        assert_eq!(parse_number("３５"), Some(35.0));
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("3岁"), None);
        assert_eq!(parse_duration("125秒"), Some(125.0));
        assert_eq!(parse_duration("2分5秒"), Some(125.0));
        assert_eq!(parse_duration("1小时0分1秒"), Some(3601.0));
        assert_eq!(parse_duration("00:02:05"), Some(125.0));
        assert_eq!(parse_duration("很久"), None);
        let a = parse_datetime("2024/5/3 10:22:31").unwrap();
        assert_eq!(parse_datetime("2024-05-03 10:22:31"), Some(a));
        assert_eq!(parse_datetime("2024年5月3日 10:22:31"), Some(a));
        // 2024-05-03 is 19846 days after 1970-01-01.
        assert_eq!(parse_datetime("2024-05-03"), Some(19846 * 86_400_000));
        assert_eq!(parse_datetime("2024-05-03T10:22:31.5"), Some(a + 500));
        assert_eq!(parse_datetime("03-May-2024 10:22:31"), Some(a));
        assert_eq!(parse_datetime("03-May-2024"), Some(19846 * 86_400_000));
        assert_eq!(parse_datetime("May"), None);
        assert_eq!(parse_datetime("5/3/2024 10:22:31 AM"), Some(a));
        assert_eq!(parse_datetime("5/3/2024 22:22:31"), Some(a + 12 * 3_600_000));
        assert_eq!(parse_datetime("2024/2/30 10:00:00"), None);
        assert_eq!(parse_datetime("125秒"), None);
        assert_eq!(parse_datetime("3"), None);
        assert_eq!(split_ip("1.2.3.4(上海-上海)"), ("1.2.3.4", Some("上海-上海")));
    }
}
