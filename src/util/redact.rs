//! Personal data out of free text: mobile and landline numbers, ID card numbers, bank
//! card and payment accounts, e-mail addresses, web addresses, QQ and WeChat ids and
//! licence plates, then persons' names and fine addresses ([`super::persons`]) become
//! bracketed placeholders. The text stage redacts every answer before it is normalised
//! or segmented, and leaves the placeholders out of segmentation
//! ([`without_placeholders`]), so no piece of personal data — nor the placeholder —
//! can become a keyword, a concern's name or a word in a chart.

use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

const PROVINCES: &str = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

static PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    let plate = format!("[{PROVINCES}][A-HJ-NP-Za-hj-np-z][·•・ ]?[A-HJ-NP-Za-hj-np-z0-9]{{4}}[A-HJ-NP-Za-hj-np-z0-9挂学警港澳]{{1,2}}");
    let email = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:[.．][A-Za-z0-9\-]+)+";
    let url = r"(?i:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+";
    let qq = r"(?i:qq)\s*(?:号|号码)?\s*[:：]?\s*[1-9][0-9]{4,10}";
    let wechat = r"(?:微信|vx|VX|wx|WX)\s*(?:号)?\s*[:：]?\s*[A-Za-z][-_A-Za-z0-9]{5,19}";
    let pay = r"(?:支付宝|微信支付|银行卡|银行账号|卡号|账号|账户)\s*(?:号|号码)?\s*[:：是为]?\s*[A-Za-z0-9@._\-]{5,40}";
    let number = r"\+?[0-9０-９][0-9０-９\- －]{5,}[0-9０-９XxＸｘ]";
    Regex::new(&format!("(?P<pay>{pay})|(?P<email>{email})|(?P<url>{url})|(?P<qq>{qq})|(?P<wechat>{wechat})|(?P<plate>{plate})|(?P<num>{number})"))
        .expect("redaction pattern")
});

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
        // Bank cards: 16 to 19 digits.
        16 | 17 | 19 if all_digits => Some("[账号]"),
        11 if all_digits && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]) => Some("[电话]"),
        10..=12 if all_digits && b[0] == b'0' => Some("[电话]"),
        7 | 8 if all_digits && context => Some("[电话]"),
        _ => None,
    }
}

/// A run of digits that is no one thing, its pieces (between spaces and dashes) masked
/// where one is personal data; empty when none is.
fn split_run(run: &str, context: bool) -> String {
    let mut out = String::new();
    let mut any = false;
    let mut piece = String::new();
    let mut flush = |piece: &mut String, out: &mut String| {
        match classify(piece, context) {
            Some(t) if piece.len() >= 7 => {
                any = true;
                out.push_str(t);
            }
            _ => out.push_str(piece),
        }
        piece.clear();
    };
    for c in run.chars() {
        if matches!(c, ' ' | '-' | '－') {
            flush(&mut piece, &mut out);
            out.push(c);
        } else {
            piece.push(c);
        }
    }
    flush(&mut piece, &mut out);
    if any {
        out
    } else {
        String::new()
    }
}

/// The placeholders [`redact`] writes.
pub const PLACEHOLDERS: [&str; 10] = ["[电话]", "[身份证号]", "[账号]", "[邮箱]", "[网址]", "[QQ号]", "[微信号]", "[车牌]", "[姓名]", "[地址]"];

/// The placeholders that point at one person: a name, an address, a phone, an ID number.
pub fn identifying() -> impl Iterator<Item = &'static str> {
    PLACEHOLDERS.into_iter().filter(|p| matches!(*p, "[姓名]" | "[地址]" | "[电话]" | "[身份证号]"))
}

/// The placeholders of ways to reach a person: a piece holding one offers contact, it
/// proposes nothing (a name or an address alone does not).
pub fn contacts() -> impl Iterator<Item = &'static str> {
    PLACEHOLDERS.into_iter().filter(|p| !matches!(*p, "[姓名]" | "[地址]"))
}

/// `text` with the placeholders removed (each becomes a space), for segmentation.
pub fn without_placeholders(text: &str) -> Cow<'_, str> {
    if !text.contains('[') {
        return Cow::Borrowed(text);
    }
    let mut out = text.to_string();
    for p in PLACEHOLDERS {
        out = out.replace(p, " ");
    }
    Cow::Owned(out)
}

/// Replace personal data in `text` with placeholders ([电话] [身份证号] [账号] [邮箱]
/// [网址] [QQ号] [微信号] [车牌] [姓名] [地址]).
pub fn redact(text: &str) -> Cow<'_, str> {
    match numbers_and_accounts(text) {
        Cow::Borrowed(t) => super::persons::mask(t),
        Cow::Owned(t) => Cow::Owned(super::persons::mask(&t).into_owned()),
    }
}

fn numbers_and_accounts(text: &str) -> Cow<'_, str> {
    if !text.bytes().any(|b| b.is_ascii_alphanumeric() || b == b'@' || b >= 0xE0) {
        return Cow::Borrowed(text);
    }
    // Full-width letters, digits, @ and _ (a Chinese input method in full-width mode:
    // "ＱＱ１２３４５６７８", "ｘｘ＠ｑｑ．ｃｏｍ") are matched as their ASCII forms; when something
    // is redacted, those characters stay in ASCII form (full-width punctuation is kept).
    if text.chars().any(|c| matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '＠' | '＿')) {
        let folded: String = text
            .chars()
            .map(|c| if matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '＠' | '＿') { super::half_width(c) } else { c })
            .collect();
        return match redact_ascii(&folded) {
            Cow::Owned(s) => Cow::Owned(s),
            Cow::Borrowed(_) => Cow::Borrowed(text),
        };
    }
    redact_ascii(text)
}

fn redact_ascii(text: &str) -> Cow<'_, str> {
    // Words that make a bare 7–8 digit number a telephone number.
    let context = super::words::words().answers.phone_context_words.iter().any(|w| text.contains(w));
    let mut out = String::new();
    let mut last = 0;
    for caps in PATTERN.captures_iter(text) {
        let (m, token) = if let Some(m) = caps.name("pay") {
            (m, Some("[账号]"))
        } else if let Some(m) = caps.name("email") {
            (m, Some("[邮箱]"))
        } else if let Some(m) = caps.name("url") {
            (m, Some("[网址]"))
        } else if let Some(m) = caps.name("qq") {
            (m, Some("[QQ号]"))
        } else if let Some(m) = caps.name("wechat") {
            (m, Some("[微信号]"))
        } else if let Some(m) = caps.name("plate") {
            (m, Some("[车牌]"))
        } else if let Some(m) = caps.name("num") {
            let run = m.as_str().trim_end_matches([' ', '-', '－']);
            match classify(run, context) {
                Some(t) => (m, Some(t)),
                // A number run into another ("13812345678 12点后打"): each piece between
                // spaces and dashes on its own.
                None => {
                    let pieces = split_run(run, context);
                    if pieces.is_empty() {
                        continue;
                    }
                    out.push_str(&text[last..m.start()]);
                    out.push_str(&pieces);
                    out.push_str(&m.as_str()[run.len()..]);
                    last = m.end();
                    continue;
                }
            }
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

/// Whether a (redacted) text tells a health, criminal or family detail
/// (`[persons] sensitive_words`) together with what points at its writer: one's own age
/// (not a group's: "80岁以上老人看病"), a masked name, address, phone or ID number, or one's
/// sex written as in a self-introduction ("女，"). Such an answer is
/// never quoted (it is still counted, and listed where every answer is).
pub fn exposes(text: &str) -> bool {
    let w = super::words::words();
    if !w.persons.sensitive_words.iter().any(|s| text.contains(s)) {
        return false;
    }
    let marked = identifying().any(|p| text.contains(p));
    let sex = text.contains("男，") || text.contains("女，");
    marked || sex || AGE.is_match(text)
}

/// One's own age: "现年27岁", "今年六十五岁", "年仅8岁", "27周岁" — not a group's ("80岁以上老人").
static AGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:现年|今年|年仅|年满|已经|我|本人|孩子|儿子|女儿|父亲|母亲|老人)\s*[0-9０-９一二三四五六七八九十百]+\s*岁|[0-9０-９]+\s*(?:周岁|虚岁)|现年").expect("age pattern")
});

#[cfg(test)]
mod tests {
    use super::{exposes, redact, without_placeholders};

    /// The subsets name placeholders that exist: a placeholder renamed in one place fails here.
    #[test]
    fn placeholder_subsets_are_placeholders() {
        assert_eq!(super::identifying().count(), 4);
        assert_eq!(super::contacts().count(), super::PLACEHOLDERS.len() - 2);
        let masked = redact("我叫王小明，住3栋2单元501室");
        assert_eq!(super::identifying().filter(|p| masked.contains(p)).count(), 2, "{masked}");
    }

    #[test]
    fn details_that_point_at_the_writer() {
        assert!(exposes("我叫[姓名]，1999年得了精神分裂症"));
        assert!(exposes("女，现年27岁，丈夫坐牢"));
        assert!(exposes("住[地址]，母亲瘫痪在床"));
        assert!(!exposes("希望医院多开夜间门诊，看病太难"));
        assert!(!exposes("我叫[姓名]，小区停车太难"));
        assert!(!exposes("建议80岁以上老人看病免费"));
        assert!(exposes("我今年六十五岁，患有癌症"));
    }


    #[test]
    fn mobile_numbers() {
        assert_eq!(redact("有情况可以联系我13812345678"), "有情况可以联系我[电话]");
        assert_eq!(redact("电话 138-1234-5678 随时打"), "电话 [电话] 随时打");
        assert_eq!(redact("手机：+86 139 1234 5678"), "手机：[电话]");
        assert_eq!(redact("全角１３８１２３４５６７８也算"), "全角[电话]也算");
        assert_eq!(redact("13812345678 12点后打"), "[电话] 12点后打");
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
    fn urls_qq_and_wechat() {
        assert_eq!(redact("详见https://example.com/a?b=1，谢谢"), "详见[网址]，谢谢");
        assert_eq!(redact("见 www.example.cn/x 页面"), "见 [网址] 页面");
        assert_eq!(redact("加我QQ：12345678"), "加我[QQ号]");
        assert_eq!(redact("微信号 zhang_san88 联系"), "[微信号] 联系");
        assert_eq!(without_placeholders("发到[邮箱]谢谢"), "发到 谢谢");
        // Full-width forms typed by a Chinese input method.
        assert_eq!(redact("微信ｚｈａｎｇｓａｎ８８，谢谢"), "[微信号]，谢谢");
        assert_eq!(redact("ＱＱ１２３４５６７８"), "[QQ号]");
        assert_eq!(redact("发到ｘｘ＠ｑｑ．ｃｏｍ。"), "发到[邮箱]。");
        assert_eq!(redact("VX: lily_abc"), "[微信号]");
    }

    #[test]
    fn ordinary_text_and_numbers_stay() {
        assert_eq!(redact("2024年5月，PM2.5超标3次"), "2024年5月，PM2.5超标3次");
        assert_eq!(redact("希望增加垃圾桶"), "希望增加垃圾桶");
    }
}
