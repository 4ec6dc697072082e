//! A role for every column beyond its kind (`docs/roles.md`): identity and contact
//! columns are never analysed or written out; placeholder columns and metadata are
//! reported, not analysed; short free entries are tables of values (categorical) or
//! summaries of facts (factual); only opinions get concern discovery.
//!
//! The rules read the title and a sample of the answers; they are checked in this order
//! and the first that holds decides:
//! 1. metadata by title (IP province/city, browser, OS, 地理位置, 用户类型 …) or by content
//!    (links and uploaded files); a text column holding the reply to a letter (答复意见,
//!    回复内容, 办理结果 … and no 您 in the title) is metadata too, never an opinion;
//! 2. identity by title (姓名, 电话, 手机, 邮箱, 身份证, 学号, 工号, 微信, QQ, 账号, 住址 …),
//!    for fill-in questions (text and number); or by content (most answers are phone
//!    numbers, e-mail addresses, ID numbers, QQ numbers, opaque account ids, or personal
//!    names; or contacts and the platform's placeholders together, as when a platform
//!    hid some of them);
//! 3. placeholder: every filled cell is the same text, or a placeholder (`[DESENSITIZED]`,
//!    `***`, 已脱敏 …);
//! 4. for text: factual when most answers are short facts (yes/no words, numbers with
//!    units, times, dates, ranges); categorical when short entries repeat and the title
//!    asks for no opinion; else opinion.

use super::cells::{classify, Cell};
use super::grid::RawColumn;
use crate::model::{Kind, Question, Role};
use crate::util::words::words;

/// At most this many rows are read per column (evenly spread).
const SAMPLE: usize = 16_000;

use crate::util::persons::SURNAMES;

fn lower(s: &str) -> String {
    s.to_lowercase()
}

fn title_has(title: &str, words: &[&str]) -> bool {
    let t = lower(title);
    words.iter().any(|w| t.contains(w))
}

/// A metadata header: short, no question mark, and beginning with one of the words
/// ("IP城市", "地理位置省", "操作系统"), not a question that mentions them ("学校的地理位置是否
/// 便利", "手机系统（iOS/安卓）").
fn metadata_title(title: &str) -> bool {
    let t = lower(title.trim());
    t.chars().count() <= 12 && !t.contains(['?', '？']) && words().questions.metadata_title_prefixes.iter().any(|w| t.starts_with(w))
}

/// Identity asked by title. "编号" alone is not identity (a station number is not a
/// person); "编号或姓名" is.
fn identity_title(title: &str) -> bool {
    let t = lower(title);
    // Choice-like wordings that mention a phone without asking for one.
    if t.contains("热线") || t.contains("满意") || t.contains("是否") {
        return false;
    }
    // An address asked of the respondent (家庭地址, 详细地址, 常住地址, 收货地址, or a short
    // title "地址"); "最需要整治的路段地址" asks about a place, not a person.
    let own_address =
        t.contains("地址") && (words().questions.own_address_title_words.iter().any(|w| t.contains(w)) || t.chars().count() <= 6);
    own_address || words().questions.identity_title_words.iter().any(|w| t.contains(w))
}

fn is_phone(v: &str) -> bool {
    let d: String = v.chars().filter(|c| !matches!(c, ' ' | '-' | '+')).collect();
    let d = d.strip_prefix("86").filter(|d| d.len() == 11).unwrap_or(&d);
    (d.len() == 11 && d.starts_with('1') && d.chars().all(|c| c.is_ascii_digit()))
        || (d.len() >= 7 && d.len() <= 12 && d.starts_with('0') && d.chars().all(|c| c.is_ascii_digit()))
}

fn is_email(v: &str) -> bool {
    let Some((user, host)) = v.split_once('@') else { return false };
    !user.is_empty() && host.contains('.') && !v.contains(char::is_whitespace)
}

fn is_id_number(v: &str) -> bool {
    v.len() == 18
        && v.is_ascii()
        && v[..17].chars().all(|c| c.is_ascii_digit())
        && v[17..].chars().all(|c| c.is_ascii_digit() || c == 'X' || c == 'x')
}

/// A QQ number or an opaque account id ("u8ae8d6e1c474"): one token of ASCII letters and
/// digits, at least 6 long, with digits in it.
fn is_account(v: &str) -> bool {
    v.len() >= 6 && v.len() <= 40 && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && v.chars().any(|c| c.is_ascii_digit())
}

fn is_person_name(v: &str) -> bool {
    let n = v.chars().count();
    (2..=4).contains(&n)
        && v.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        && v.chars().next().is_some_and(|c| SURNAMES.contains(c))
}

fn is_link(v: &str) -> bool {
    let l = lower(v);
    l.starts_with("http://") || l.starts_with("https://") || l.starts_with("=hyperlink(") || l.starts_with("www.")
}

fn is_placeholder(v: &str) -> bool {
    let t = v.trim();
    let bracketed = (t.starts_with('[') && t.ends_with(']')) || (t.starts_with('【') && t.ends_with('】'));
    let inner = t.trim_matches(|c| matches!(c, '[' | ']' | '【' | '】'));
    (bracketed && !inner.is_empty() && inner.chars().all(|c| c.is_ascii_uppercase() || c == '_' || c == ' '))
        || (!t.is_empty() && t.chars().all(|c| c == '*' || c == '＊'))
        || words().answers.placeholder_answers.contains(&t)
}

/// A short fact: a yes/no word, or a short entry with a digit (a number with a unit, a
/// time, a date, a range).
fn is_fact(v: &str) -> bool {
    let t = lower(v.trim().trim_end_matches(['。', '.', '！', '!']));
    words().answers.yes_no_answers.contains(&t.as_str())
        || (t.chars().count() <= 14
            && t.chars().any(|c| c.is_ascii_digit() || "０１２３４５６７８９一二三四五六七八九十百半两".contains(c))
            && !t.contains(['，', '。', '；']))
}

/// The share of `values` for which `f` holds.
fn share(values: &[&str], f: impl Fn(&str) -> bool) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.iter().filter(|v| f(v)).count() as f64 / values.len() as f64
}

/// Decide the role of one question from its title and (a sample of) its filled answers.
pub(crate) fn decide(q: &Question, values: &[&str]) -> (Role, String) {
    if q.kind.is_meta() {
        // The account the platform recorded (Email, Name, 昵称, 提交人) is a person's.
        let account = words().questions.account_meta_title_words;
        if q.kind == Kind::Meta(crate::model::MetaKind::Other) && (identity_title(&q.title) || title_has(&q.title, account)) {
            return (Role::Identity, "平台记录的填写人账号或姓名".into());
        }
        return (Role::Metadata, "平台导出的答卷信息".into());
    }
    if metadata_title(&q.title) || (!values.is_empty() && share(values, is_link) >= 0.8) {
        let why = if metadata_title(&q.title) { "标题是平台导出的答卷信息" } else { "内容是链接或上传的文件" };
        return (Role::Metadata, why.into());
    }
    // The answer a government or its office gave to a letter: never an opinion of the
    // people (a column header, not a question put to them: no 您).
    if q.kind == Kind::Text && !q.title.contains('您') && title_has(&q.title, words().questions.reply_title_words) {
        return (Role::Metadata, "答复或办理结果（政府一方的回复，不作为群众意见分析）".into());
    }
    let fill_in = matches!(q.kind, Kind::Text | Kind::Numeric);
    // A title asking for opinions that also asks for a contact ("如需回复请留下联系方式")
    // is decided by its answers; a number is identity only when the title asks for one.
    let q_words = &words().questions;
    let by_title = match q.kind {
        Kind::Text => identity_title(&q.title) && !title_has(&q.title, q_words.opinion_title_words),
        Kind::Numeric => identity_title(&q.title) && title_has(&q.title, q_words.numbered_contact_title_words),
        // A typed address repeats (the same estates), so it can look like a choice; an
        // area question a committee groups by has a handful of options, not dozens.
        Kind::Single => identity_title(&q.title) && title_has(&q.title, q_words.address_title_words) && q.options.len() > 12,
        _ => false,
    };
    if by_title {
        return (Role::Identity, "标题询问姓名、联系方式、住址或账号".into());
    }
    // How many different answers (folded), counted once.
    let kinds = if fill_in { distinct(values) } else { 0 };
    if fill_in && values.len() >= 5 {
        // A number column holds phone or ID numbers; an account-like token is only
        // telling in text (a column of large amounts is not a column of QQ numbers).
        let text = q.kind == Kind::Text;
        let checks: [(&str, fn(&str) -> bool, bool); 5] = [
            ("手机或电话号码", is_phone, true),
            ("电子邮箱", is_email, text),
            ("身份证号", is_id_number, true),
            ("QQ 号或账号", is_account, text),
            ("人名", is_person_name, text),
        ];
        for (what, f, _) in checks.into_iter().filter(|c| c.2) {
            if share(values, f) >= 0.8 {
                // Names need variety: many different people, not one repeated word.
                if what == "人名" && kinds * 2 < values.len() {
                    continue;
                }
                return (Role::Identity, format!("多数回答是{what}"));
            }
        }
        // Contacts the platform partly hid: "[DESENSITIZED]" in most cells, real addresses
        // in the rest — a contact column all the same.
        let contact = |v: &str| is_phone(v) || is_email(v) || is_id_number(v) || (text && is_account(v));
        if share(values, |v| contact(v) || is_placeholder(v)) >= 0.8 && share(values, contact) >= 0.05 {
            return (Role::Identity, "多数回答是联系方式，其余是平台隐去信息的占位符".into());
        }
    }
    // A "choice" whose every option is a placeholder ([DESENSITIZED] in every row).
    if !q.options.is_empty() && q.options.iter().all(|c| is_placeholder(&c.label)) {
        return (Role::Placeholder, "所有填写内容都是占位符".into());
    }
    if q.kind != Kind::Text {
        return (Role::Answer, String::new());
    }
    if values.len() >= 3 && (kinds == 1 || share(values, is_placeholder) >= 0.9) {
        return (Role::Placeholder, "所有填写内容相同或为占位符".into());
    }
    if values.is_empty() {
        return (Role::Opinion, String::new());
    }
    let opinion_title = title_has(&q.title, words().questions.opinion_title_words);
    let mean_len = values.iter().map(|v| v.chars().count()).sum::<usize>() as f64 / values.len() as f64;
    if !opinion_title && share(values, is_fact) >= 0.7 {
        return (Role::Factual, "多数回答是简短的事实（有/无、数字、时间）".into());
    }
    let sentences = share(values, |v| v.contains(['，', '。', '；', '！', ',']));
    let repeats = kinds * 2 <= values.len();
    if !opinion_title && mean_len <= 12.0 && sentences < 0.1 && repeats {
        return (Role::Categorical, "回答是反复出现的简短名称".into());
    }
    (Role::Opinion, String::new())
}

/// Distinct values after the light normalisation a reader would apply (case, spaces,
/// full/half width).
fn distinct(values: &[&str]) -> usize {
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for v in values {
        seen.insert(crate::util::fold(v));
    }
    seen.len()
}

/// The filled answers of a column: all of them up to [`SAMPLE`] rows, else those of
/// [`SAMPLE`] rows evenly spread over it.
pub(crate) fn sample(col: &RawColumn) -> Vec<&str> {
    let n = col.len();
    let rows: Box<dyn Iterator<Item = usize>> =
        if n <= SAMPLE { Box::new(0..n) } else { Box::new((0..SAMPLE).map(move |i| (i as f64 * n as f64 / SAMPLE as f64) as usize)) };
    rows.filter_map(|r| match classify(col.get(r), false) {
        Cell::Value(v) => Some(v),
        Cell::Missing(_) => None,
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Question;

    fn q(title: &str, kind: Kind) -> Question {
        Question {
            id: "q1".into(),
            number: Some(1),
            title: title.into(),
            kind,
            options: Vec::new(),
            fields: Vec::new(),
            other_text: None,
            region: None,
            role: Role::Answer,
            role_reason: String::new(),
            intent: None,
        }
    }

    fn role(title: &str, kind: Kind, values: &[&str]) -> Role {
        decide(&q(title, kind), values).0
    }

    #[test]
    fn identity_by_title_and_by_content() {
        assert_eq!(role("您的姓名", Kind::Text, &["李明", "王芳"]), Role::Identity);
        assert_eq!(role("服务监督员编号或姓名", Kind::Text, &["014", "高艳刚"]), Role::Identity);
        assert_eq!(role("QQ号", Kind::Numeric, &[]), Role::Identity);
        assert_eq!(role("Q7", Kind::Text, &["13812345678", "13987654321", "13700001111", "15011112222", "18600001234"]), Role::Identity);
        assert_eq!(role("Q8", Kind::Text, &["a@b.com", "x.y@qq.com", "m@n.cn", "q@w.org", "z@z.net"]), Role::Identity);
        assert_eq!(role("Q9", Kind::Text, &["王小明", "李娜", "张伟", "刘洋", "陈静", "杨帆"]), Role::Identity);
        assert_eq!(role("用户标识", Kind::Text, &["u8ae8d6e1c474"]), Role::Identity);
        // Two thirds hidden by the platform, the rest real addresses: still contacts.
        let mut mixed = vec!["[DESENSITIZED]"; 14];
        mixed.extend(["a@b.com", "x.y@qq.com", "m@n.cn", "q@w.org", "z@z.net", "k@k.cn", "p@p.com"]);
        assert_eq!(role("Q12", Kind::Text, &mixed), Role::Identity);
        // Choice questions that mention a phone are questions, not contacts.
        assert_eq!(role("您是否拨打过12345热线电话", Kind::Single, &[]), Role::Answer);
        // Addresses and coordinates, even when repeated estates make them look like a choice.
        assert_eq!(role("经纬度", Kind::Text, &["118.220,32.607"]), Role::Identity);
        let mut address = q("家庭常住地址(定位到小区即可)", Kind::Single);
        address.options = (1..=20).map(|i| crate::model::Choice::new(format!("阳光小区{i}栋"))).collect();
        assert_eq!(decide(&address, &[]).0, Role::Identity);
        let mut area = q("您的居住地址在哪个区", Kind::Single);
        area.options = ["东城区", "西城区", "南湖区"].map(crate::model::Choice::new).to_vec();
        assert_eq!(decide(&area, &[]).0, Role::Answer);
        // A place asked about, not the respondent's address.
        let opinions = ["解放路口", "学院路中段", "火车站广场", "解放路口"];
        assert_eq!(role("您认为最需要整治的路段地址", Kind::Text, &opinions), role("您认为最需要整治的路段", Kind::Text, &opinions));
    }

    #[test]
    fn placeholder_metadata_fill_ins_and_opinions() {
        let masked = ["[DESENSITIZED]"; 6];
        assert_eq!(role("Q3", Kind::Text, &masked), Role::Placeholder);
        assert_eq!(role("IP城市", Kind::Text, &["西安", "北京"]), Role::Metadata);
        assert_eq!(role("附件", Kind::Text, &["=Hyperlink(\"https://wj.qq.com/a\")", "https://x.cn/b"]), Role::Metadata);
        let schools = ["北京大学", "武汉大学", "东南大学", "北京大学", "武汉大学", "北京大学", "东南大学", "北京大学"];
        assert_eq!(role("Q5", Kind::Text, &schools), Role::Categorical);
        let facts = ["有", "无", "1.2km，骑车可操作", "30多天", "11:30", "500元", "有", "无"];
        assert_eq!(role("Q6", Kind::Text, &facts), Role::Factual);
        let opinions = ["垃圾分类点太远，希望增加", "晚上施工噪声太大", "河道有异味，建议清淤", "停车难"];
        assert_eq!(role("您对小区环境有什么意见", Kind::Text, &opinions), Role::Opinion);
        // Short repeated answers under a title asking for problems stay opinions.
        let short = ["停车难", "噪声", "停车难", "噪声", "异味", "停车难"];
        assert_eq!(role("您最关心的问题", Kind::Text, &short), Role::Opinion);
    }
}
