//! Personal data out of free text: mobile and landline numbers, ID card numbers,
//! e-mail addresses and licence plates become bracketed placeholders.

use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

const PROVINCES: &str = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

static PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    let plate = format!("[{PROVINCES}][A-HJ-NP-Za-hj-np-z][·•・ ]?[A-HJ-NP-Za-hj-np-z0-9]{{4}}[A-HJ-NP-Za-hj-np-z0-9挂学警港澳]{{1,2}}");
    let email = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+";
    let number = r"\+?[0-9０-９][0-9０-９\- －]{5,}[0-9０-９XxＸｘ]";
    Regex::new(&format!("(?P<email>{email})|(?P<plate>{plate})|(?P<num>{number})")).expect("redaction pattern")
});

/// Words that make a bare 7–8 digit number a telephone number.
const PHONE_CONTEXT: [&str; 6] = ["电话", "座机", "联系", "热线", "拨打", "手机"];

fn digits(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            'X' | 'x' | 'Ｘ' | 'ｘ' => Some('X'),
            _ => None,
        })
        .collect()
}

/// What a run of digits is, if it is personal data.
fn classify(run: &str, context: bool) -> Option<&'static str> {
    let d = digits(run);
    let d = d.strip_prefix("86").filter(|r| r.len() == 11 && r.starts_with('1')).unwrap_or(&d);
    let all_digits = d.bytes().all(|b| b.is_ascii_digit());
    let b = d.as_bytes();
    match d.len() {
        18 if b[..17].iter().all(u8::is_ascii_digit) => Some("[身份证号]"),
        15 if all_digits => Some("[身份证号]"),
        11 if all_digits && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]) => Some("[电话]"),
        10..=12 if all_digits && b[0] == b'0' => Some("[电话]"),
        7 | 8 if all_digits && context => Some("[电话]"),
        _ => None,
    }
}

/// Replace personal data in `text` with placeholders ([电话] [身份证号] [邮箱] [车牌]).
pub fn redact(text: &str) -> Cow<'_, str> {
    if !text.bytes().any(|b| b.is_ascii_digit() || b == b'@' || b >= 0xE0) {
        return Cow::Borrowed(text);
    }
    let context = PHONE_CONTEXT.iter().any(|w| text.contains(w));
    let mut out = String::new();
    let mut last = 0;
    for caps in PATTERN.captures_iter(text) {
        let (m, token) = if let Some(m) = caps.name("email") {
            (m, Some("[邮箱]"))
        } else if let Some(m) = caps.name("plate") {
            (m, Some("[车牌]"))
        } else if let Some(m) = caps.name("num") {
            let run = m.as_str().trim_end_matches([' ', '-', '－']);
            (m, classify(run, context))
        } else {
            continue;
        };
        if let Some(token) = token {
            out.push_str(&text[last..m.start()]);
            out.push_str(token);
            last = m.end();
        }
    }
    if last == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn mobile_numbers() {
        assert_eq!(redact("有情况可以联系我13812345678"), "有情况可以联系我[电话]");
        assert_eq!(redact("电话 138-1234-5678 随时打"), "电话 [电话] 随时打");
        assert_eq!(redact("手机：+86 139 1234 5678"), "手机：[电话]");
        assert_eq!(redact("全角１３８１２３４５６７８也算"), "全角[电话]也算");
    }

    #[test]
    fn landlines() {
        assert_eq!(redact("热线0755-86001234"), "热线[电话]");
        assert_eq!(redact("座机 87654321"), "座机 [电话]");
        // A bare 8-digit number without a telephone word is not a phone (an amount).
        assert_eq!(redact("投资了12000000元"), "投资了12000000元");
    }

    #[test]
    fn id_numbers() {
        assert_eq!(redact("身份证110105199001011234"), "身份证[身份证号]");
        assert_eq!(redact("号码11010519900101123X请核实"), "号码[身份证号]请核实");
    }

    #[test]
    fn emails_and_plates() {
        assert_eq!(redact("发到 zhang.san@example.com.cn 谢谢"), "发到 [邮箱] 谢谢");
        assert_eq!(redact("粤B12345天天乱停"), "[车牌]天天乱停");
        assert_eq!(redact("沪A·D12345新能源"), "[车牌]新能源");
    }

    #[test]
    fn ordinary_text_and_numbers_stay() {
        assert_eq!(redact("2024年5月，PM2.5超标3次"), "2024年5月，PM2.5超标3次");
        assert_eq!(redact("希望增加垃圾桶"), "希望增加垃圾桶");
    }
}
