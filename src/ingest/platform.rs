//! Column headers: question numbers ("7、", "Q7.", "第7题", "7(空气)"), metadata
//! columns of 问卷星 and 腾讯问卷, which platform made the export, and which
//! neighbouring columns belong to one question (matrix rows, options of a multi choice).

use super::cells::{classify, parse_number, Cell};
use super::grid::Grid;
use crate::model::{MetaKind, Platform};

/// A header split into its parts.
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    pub number: Option<u32>,
    pub title: String,
    /// Text in brackets directly after the number ("8(空气污染)"), as 问卷星's numeric
    /// export names matrix rows and options.
    pub sub: Option<String>,
}

const NUMBER_SEPS: [char; 9] = ['、', '.', '．', ':', '：', ' ', ')', '）', '　'];

/// Split "7、您的年龄段：" into number 7 and title "您的年龄段".
pub fn parse_header(h: &str) -> Head {
    let s = h.trim();
    let body = s.strip_prefix('Q').or_else(|| s.strip_prefix('q')).or_else(|| s.strip_prefix('第')).unwrap_or(s);
    let digits: String = body.chars().take_while(|c| c.is_ascii_digit()).collect();
    let plain = Head { number: None, title: clean_title(s), sub: None };
    if digits.is_empty() || digits.len() > 4 {
        return plain;
    }
    let Ok(number) = digits.parse::<u32>() else { return plain };
    let rest = &body[digits.len()..];
    // 问卷网's coded headers: "Q2|A1" is option (or row) A1 of question 2, "Q2|A3|open"
    // the text typed for option A3.
    if let Some(code) = rest.strip_prefix('|').filter(|c| !c.is_empty()) {
        return Head { number: Some(number), title: String::new(), sub: Some(code.to_string()) };
    }
    let rest = rest.strip_prefix('题').unwrap_or(rest);
    let mut chars = rest.chars();
    match chars.next() {
        Some(c @ ('(' | '（')) => {
            let close = if c == '(' { ')' } else { '）' };
            let inner = chars.as_str();
            let inner = inner.strip_suffix(close).unwrap_or(inner);
            Head { number: Some(number), title: String::new(), sub: Some(inner.trim().to_string()) }
        }
        Some(c) if NUMBER_SEPS.contains(&c) => {
            let after = chars.as_str();
            // "1.5公里" is a title that starts with a number, not question 1.
            if c == '.' && after.starts_with(|x: char| x.is_ascii_digit()) {
                return plain;
            }
            Head { number: Some(number), title: clean_title(after), sub: None }
        }
        None => Head { number: Some(number), title: String::new(), sub: None },
        _ => plain,
    }
}

/// Trim spaces and a trailing colon from a title.
pub(crate) fn clean_title(s: &str) -> String {
    s.trim().trim_end_matches([':', '：']).trim().to_string()
}

/// Metadata columns recognised by their header (only for headers without a number).
pub(crate) fn meta_kind(header: &str) -> Option<MetaKind> {
    let h = header.trim();
    let lower = h.to_ascii_lowercase();
    Some(match h {
        // 测试编号 / 测评编号: psychological test platforms (the village-cadres export).
        "序号" | "编号" | "答卷编号" | "答卷序号" | "答卷ID" | "答卷id" | "ID" | "id" | "Id" | "回答编号" | "问卷编号" | "测试编号"
        | "测评编号" => MetaKind::Id,
        "提交答卷时间" | "提交时间" | "结束答题时间" | "结束时间" | "填写时间" | "完成时间" | "答题时间" | "填答时间" => {
            MetaKind::SubmitTime
        }
        "开始答题时间" | "开始时间" => MetaKind::StartTime,
        "所用时间" | "答题时长" | "填写用时" | "用时" | "答题用时" | "作答时长" | "测试用时" | "测评用时" | "测试时长" => {
            MetaKind::Duration
        }
        "来源" | "来源渠道" | "渠道" | "填写渠道" | "答题渠道" => MetaKind::Source,
        "来源详情" | "渠道详情" => MetaKind::SourceDetail,
        "来自IP" | "IP" | "IP地址" | "填写IP" | "IP属地" | "来源IP" => MetaKind::Ip,
        "用户ID" | "微信昵称" | "昵称" | "总分" | "答卷状态" | "地理位置" | "设备" | "浏览器" | "操作系统" | "自定义字段" => {
            MetaKind::Other
        }
        _ if lower == "ip" || lower == "user id" || lower == "userid" => MetaKind::Ip,
        _ => return english_or_coded_meta(&lower),
    })
}

/// Metadata headers of 问卷网 (Chinese and coded: `seq`, `start`, `finish`, `time_used`,
/// `ip_province` …), 金数据 (提交人, 填写设备, 更新时间 …), 腾讯文档 收集表 (提交者),
/// Microsoft Forms and Google Forms.
fn english_or_coded_meta(lower: &str) -> Option<MetaKind> {
    Some(match lower {
        "答题序号" | "序列号" | "填写序号" | "seq" | "serial" | "respondent id" | "response id" | "responseid" | "序号（自动）" => {
            MetaKind::Id
        }
        "finish" | "end" | "completion time" | "timestamp" | "submitted at" | "submit time" | "end time" | "时间戳" | "填写时间戳" => {
            MetaKind::SubmitTime
        }
        "start" | "start time" | "started at" | "开始填写时间" => MetaKind::StartTime,
        "time_used" | "time taken" | "duration" | "duration (seconds)" | "填写时长" => MetaKind::Duration,
        "source" | "channel" | "来源类型" => MetaKind::Source,
        "ip address" | "ip_address" | "ip地址（ipv4）" => MetaKind::Ip,
        "ip省份"
        | "ip城市"
        | "ip_province"
        | "ip_city"
        | "ip_country"
        | "browser"
        | "os"
        | "浏览器类型"
        | "操作系统类型"
        | "device"
        | "last modified time"
        | "email"
        | "email address"
        | "name"
        | "respondent"
        | "提交人"
        | "提交者"
        | "填写人"
        | "填写者"
        | "更新时间"
        | "修改时间"
        | "填写设备"
        | "微信openid"
        | "微信头像"
        | "填写地区"
        | "微信昵称（金数据）"
        | "score"
        | "总得分" => MetaKind::Other,
        _ => return None,
    })
}

/// Which platform exported the sheet, from its metadata headers and (for 问卷星)
/// whether the choice columns hold codes or option texts.
pub fn detect(grid: &Grid, heads: &[Head]) -> Platform {
    let has = |names: &[&str]| grid.headers.iter().any(|h| names.contains(&h.trim()));
    if has(&["开始答题时间"]) && has(&["结束答题时间", "答题时长"]) {
        return Platform::Tencent;
    }
    if !(has(&["提交答卷时间"]) || has(&["所用时间"]) || has(&["来自IP"])) {
        return Platform::Plain;
    }
    // 问卷星: codes when most numbered columns with few distinct values are integers.
    let (mut coded, mut texted) = (0, 0);
    for (col, head) in grid.columns.iter().zip(heads) {
        if head.number.is_none() {
            continue;
        }
        let mut ints = true;
        let mut any = false;
        let mut joined = false;
        for v in col.iter().take(2000) {
            if let Cell::Value(v) = classify(v, true) {
                any = true;
                joined |= v.contains('┋');
                if parse_number(super::cells::split_other(v).0).is_none_or(|n| n.fract() != 0.0) {
                    ints = false;
                }
            }
        }
        if joined {
            texted += 1;
        } else if any && ints {
            coded += 1;
        } else if any {
            texted += 1;
        }
    }
    if coded > texted {
        Platform::WjxCode
    } else {
        Platform::WjxText
    }
}

/// Separators between a question and its row/option in one header ("满意度—空气").
const SUB_SEPS: [&str; 6] = ["—", "－", "--", "_", "：", ":"];

/// A run of neighbouring columns that belong to one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub number: Option<u32>,
    pub title: String,
    /// Grid column indices, in order.
    pub members: Vec<usize>,
    /// The row/option label of each member (only for groups of two or more).
    pub subs: Vec<String>,
}

/// Group columns: the same question number, or (without numbers) the same text
/// before a separator or a bracketed suffix.
pub fn group(heads: &[Head], skip: &[bool]) -> Vec<Group> {
    let key = |h: &Head| -> Option<(Option<u32>, String)> {
        if let Some(n) = h.number {
            return Some((Some(n), String::new()));
        }
        split_sub(&h.title).map(|(p, _)| (None, p.to_string()))
    };
    let mut groups: Vec<Group> = Vec::new();
    let mut i = 0;
    while i < heads.len() {
        if skip[i] {
            i += 1;
            continue;
        }
        let k = key(&heads[i]);
        let mut j = i + 1;
        if k.is_some() {
            while j < heads.len() && !skip[j] && key(&heads[j]) == k {
                j += 1;
            }
        }
        let members: Vec<usize> = (i..j).collect();
        groups.push(make_group(heads, members));
        i = j;
    }
    groups
}

fn make_group(heads: &[Head], members: Vec<usize>) -> Group {
    let first = &heads[members[0]];
    if members.len() == 1 {
        let title = match (&first.sub, first.title.is_empty()) {
            (Some(s), true) => s.clone(),
            _ => first.title.clone(),
        };
        return Group { number: first.number, title, members, subs: Vec::new() };
    }
    let titles: Vec<&str> = members.iter().map(|&m| heads[m].title.as_str()).collect();
    let (title, subs) = if titles.iter().all(|t| t.is_empty()) {
        (String::new(), members.iter().map(|&m| heads[m].sub.clone().unwrap_or_default()).collect())
    } else if first.number.is_none() {
        let p = split_sub(titles[0]).map(|(p, _)| p.to_string()).unwrap_or_default();
        (p, titles.iter().map(|t| split_sub(t).map(|(_, s)| s.to_string()).unwrap_or_default()).collect())
    } else {
        common_prefix_split(&titles)
    };
    let mut subs: Vec<String> = subs;
    // 问卷网's coded headers: "A3|open" holds the text typed for option A3, so A3 is
    // that question's "其他" and the text column its typed text.
    if let Some(k) = subs.iter().position(|s| s.ends_with("|open")) {
        let option = subs[k].trim_end_matches("|open").to_string();
        for s in subs.iter_mut().filter(|s| **s == option || s.ends_with("|open")) {
            *s = "其他".into();
        }
    }
    Group { number: first.number, title, members, subs }
}

/// "满意度—空气" → ("满意度", "空气"); "满意度(空气)" → ("满意度", "空气").
fn split_sub(t: &str) -> Option<(&str, &str)> {
    for sep in SUB_SEPS {
        if let Some(i) = t.rfind(sep) {
            let (p, s) = (t[..i].trim(), t[i + sep.len()..].trim());
            if !p.is_empty() && !s.is_empty() {
                return Some((p, s));
            }
        }
    }
    for (open, close) in [('(', ')'), ('（', '）'), ('[', ']'), ('【', '】')] {
        if let Some(body) = t.strip_suffix(close) {
            if let Some(i) = body.rfind(open) {
                let (p, s) = (body[..i].trim(), body[i + open.len_utf8()..].trim());
                if !p.is_empty() && !s.is_empty() {
                    return Some((p, s));
                }
            }
        }
    }
    None
}

/// The shared beginning of several headers is the question; what follows is the row.
fn common_prefix_split(titles: &[&str]) -> (String, Vec<String>) {
    let first: Vec<char> = titles[0].chars().collect();
    let mut n = first.len();
    for t in &titles[1..] {
        n = n.min(t.chars().zip(&first).take_while(|(a, b)| a == *b).count());
    }
    // Do not cut inside the row label: back up to a separator or bracket.
    let is_sep = |c: char| "—－-_：:(（[【 ".contains(c);
    while n > 0 && !is_sep(first[n - 1]) && titles.iter().any(|t| t.chars().count() > n) {
        n -= 1;
    }
    let prefix: String = first[..n].iter().collect();
    let title = prefix.trim_end_matches(|c: char| is_sep(c)).trim().to_string();
    let subs = titles
        .iter()
        .map(|t| {
            let s: String = t.chars().skip(n).collect();
            s.trim().trim_end_matches([')', '）', ']', '】']).trim().to_string()
        })
        .collect();
    (title, subs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_titles() {
        assert_eq!(parse_header("7、您的年龄段："), Head { number: Some(7), title: "您的年龄段".into(), sub: None });
        assert_eq!(parse_header("Q12. 您的建议"), Head { number: Some(12), title: "您的建议".into(), sub: None });
        assert_eq!(parse_header("第3题 性别"), Head { number: Some(3), title: "性别".into(), sub: None });
        assert_eq!(parse_header("8(空气污染)"), Head { number: Some(8), title: String::new(), sub: Some("空气污染".into()) });
        assert_eq!(parse_header("Q2|A1"), Head { number: Some(2), title: String::new(), sub: Some("A1".into()) });
        assert_eq!(parse_header("Q2|A3|open").sub.as_deref(), Some("A3|open"));
        assert_eq!(parse_header("1.5公里内有公园吗").number, None);
        assert_eq!(parse_header("3号楼").number, None);
        assert_eq!(parse_header("序号").number, None);
    }

    /// A psychological test platform's export (完成时间, 测试编号, 测试用时, 第90题 …): its
    /// id and duration are metadata, not numbers to summarise.
    #[test]
    fn test_platform_metadata() {
        assert_eq!(meta_kind("测试编号"), Some(MetaKind::Id));
        assert_eq!(meta_kind("测试用时"), Some(MetaKind::Duration));
        assert_eq!(meta_kind("完成时间"), Some(MetaKind::SubmitTime));
    }

    #[test]
    fn groups_by_number_and_by_separator() {
        let heads: Vec<Head> = ["序号", "6、满意度—空气质量", "6、满意度—水环境", "7、性别", "满意度:噪声", "满意度:绿化"]
            .iter()
            .map(|h| parse_header(h))
            .collect();
        let skip = [true, false, false, false, false, false];
        let g = group(&heads, &skip);
        assert_eq!(g.len(), 3);
        assert_eq!(g[0].title, "满意度");
        assert_eq!(g[0].subs, ["空气质量", "水环境"]);
        assert_eq!(g[1].members, [3]);
        assert_eq!(g[2].subs, ["噪声", "绿化"]);
    }

    #[test]
    fn tencent_option_columns() {
        let titles = ["您最关心的问题（多选）:空气污染", "您最关心的问题（多选）:水体污染"];
        let (t, s) = common_prefix_split(&titles);
        assert_eq!(t, "您最关心的问题（多选）");
        assert_eq!(s, ["空气污染", "水体污染"]);
    }
}
