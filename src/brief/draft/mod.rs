//! Proposal drafts: one per leading concern (一事一案), as Markdown and as a docx laid out
//! per GB/T 9704 (A4, top margin 37 mm, binding margin 28 mm, title 2号 方正小标宋简体,
//! body 3号 仿宋_GB2312, headings 黑体 / 楷体_GB2312, fixed 28 pt line spacing; fonts
//! named, not embedded). `DraftKind::Sqmy` writes the shorter 社情民意信息 form instead.
//!
//! A draft is written in the genre of a 提案 (one matter, 800–1,500 characters): 案由 (the
//! matter and its scale), 现状与问题 (the closed items on the same matter, the group
//! contrast, two short quotes), 原因分析 (the cause clauses of the answers), 具体建议 (the
//! counted measures, verb first, after the body that should lead them; head counts in one
//! note) and 附件 (the one chart carrying the case). It states nothing that is not in the
//! results: every number comes from `results.json`, quotes are redacted and never from
//! flagged responses. Its first line says it is machine-drafted.

mod docx;
mod evidence;
mod matter;

use super::wording::{group_contrasts, pct_text, period};
use crate::model::{Chart, ChartId, ConcernOut, DraftKind, Screening, Stats, TextResults};
use evidence::{case, causes, contrasts, figure, proposals, quotes, related_closed, related_items, symptoms, Proposal};
use matter::{matters, question_of, Context, Matter};

/// The first line of every draft.
pub(crate) const MACHINE_NOTE: &str =
    "【机器起草，须经审核】本稿根据问卷调查数据自动起草，所引数字和原话均来自调查结果，可凭答卷编号逐条核对；提交前须逐项核实、修改和补充。";

/// Length bounds in characters (without spaces). Drafts are shortened to fit the
/// maximum. A 提案 written by hand runs 800–1,500 characters; a draft carries only what
/// the survey says and is never padded, so it may be shorter — the member adds the local
/// facts a questionnaire cannot give. The floor is what the samples' drafts must reach.
pub const MIN_CHARS: usize = 500;
pub const MAX_CHARS: usize = 1500;

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub heading: String,
    pub paragraphs: Vec<String>,
}

/// The chart a draft ends with (附件), as drawn for the brief.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftFigure {
    /// "附图　……"
    pub caption: String,
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// The chart's file name in the report's `charts/` folder.
    pub file: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// File name without extension: `01-<concern>`.
    pub stem: String,
    pub title: String,
    pub sections: Vec<Section>,
    pub figure: Option<DraftFigure>,
}

/// The heading of the part that holds the chart.
pub const ATTACHMENT: &str = "附件";

/// The drafts, numbered in the order chosen, each with its record for `results.json`.
pub fn drafts(
    stats: &Stats,
    screening: &Screening,
    texts: &TextResults,
    charts: &[Chart],
    kind: DraftKind,
    max: usize,
) -> Vec<(Draft, crate::model::DraftRecord)> {
    use crate::model::{ConcernRef, DraftRecord};
    let ctx = Context { stats, screening, texts, charts, period: period(stats) };
    matters(texts, max)
        .into_iter()
        .enumerate()
        .map(|(i, m)| {
            let mut d = match kind {
                DraftKind::Proposal => proposal(&ctx, &m),
                DraftKind::Sqmy => sqmy(&ctx, &m),
            };
            d.stem = format!("{:02}-{}", i + 1, file_safe(&m.main.concern.label));
            let cref =
                |c: &ConcernOut| ConcernRef { question: c.question.clone(), key: c.concern.key.clone(), label: c.concern.label.clone() };
            let record = DraftRecord {
                stem: d.stem.clone(),
                title: d.title.clone(),
                question: m.main.question.clone(),
                key: m.main.concern.key.clone(),
                label: m.main.concern.label.clone(),
                companions: m.companions.iter().map(|c| cref(c)).collect(),
                measures: std::iter::once(m.main)
                    .chain(m.companions.iter().copied())
                    .flat_map(|c| c.concern.measures.iter().map(|x| x.text.clone()))
                    .take(6)
                    .collect(),
                items: related_items(&ctx, m.main, 3).into_iter().map(|(_, _, r)| r).collect(),
            };
            (d, record)
        })
        .collect()
}

fn file_safe(s: &str) -> String {
    s.chars().filter(|c| !"/\\:*?\"<>|".contains(*c)).map(|c| if c == '、' { '-' } else { c }).take(24).collect()
}

/// "关于解决工厂排放异味问题的提案"; a suggestion's matter: "关于完成雨污分流改造的提案".
fn title(ctx: &Context, c: &ConcernOut) -> String {
    let label = c.concern.label.trim_end_matches("问题");
    if question_of(ctx, c).asks_suggestions {
        format!("关于{label}的提案")
    } else {
        format!("关于解决{label}问题的提案")
    }
}

/// What the respondents raised, as the 案由 says it: the concern's name, or for a concern
/// named by the department taxonomy (long messages: "劳动和社会保障"), which is a field
/// rather than a matter, "劳动和社会保障方面的问题".
pub(super) fn matter_phrase(label: &str, d: &crate::model::Department) -> String {
    if label == d.category || label == d.sub {
        format!("{label}方面的问题")
    } else {
        label.to_string()
    }
}

/// The body that handles the matter, as a proposal addresses it: "市生态环境局", or
/// "有关部门" when nothing points anywhere.
pub(super) fn addressee(c: &ConcernOut) -> String {
    let d = c.department.department.trim();
    if d.is_empty() || c.department.category == "其他" {
        "有关部门".into()
    } else if d.starts_with(['市', '区', '县', '省']) {
        d.to_string()
    } else {
        format!("市{d}")
    }
}

const CN: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// Shorten a draft to the length bounds by taking fewer quotes, closed items and measures.
fn shrink_to_length(build: impl Fn(usize, usize, usize) -> Draft) -> Draft {
    // (quotes, closed items, measures), from the fullest to the barest.
    let plans = [(2, 3, 6), (2, 2, 6), (2, 2, 5), (2, 1, 5), (1, 1, 5), (1, 1, 4), (1, 1, 3), (0, 1, 3), (0, 0, 3)];
    let mut last = None;
    for &(q, x, s) in &plans {
        let d = build(q, x, s);
        if d.chars() <= MAX_CHARS {
            return d;
        }
        last = Some(d);
    }
    last.unwrap_or_else(|| build(0, 0, 3))
}

/// 现状与问题: the closed items on the matter, the group contrast, two short quotes.
fn situation(ctx: &Context, c: &ConcernOut, closed: &[(String, ChartId)], seen: &[String], nq: usize, nx: usize) -> Vec<String> {
    let q = question_of(ctx, c);
    let who = ctx.stats.who(&q.populations);
    let mut out = Vec::new();
    // How it shows, in the respondents' words (a suggestion question's answers propose
    // rather than describe).
    if !q.asks_suggestions {
        let seen = &seen[..seen.len().min(3 + nx)];
        if !seen.is_empty() {
            out.push(format!("从{who}的描述看，问题具体表现为：{}等。", seen.join("；")));
        }
    }
    let cs = contrasts(ctx, c, nx.max(1));
    if !cs.is_empty() {
        out.push(format!("{}，差别明显。", cs.join("；")));
    }
    if !closed.is_empty() {
        let items: Vec<&str> = closed.iter().map(|x| x.0.as_str()).collect();
        out.push(format!("问卷选择题的结果也印证了这一点：{}。", items.join("；")));
    }
    let qs = quotes(c, nq, ctx.stats.populations.len() > 1);
    if !qs.is_empty() {
        out.push(format!("有{}写道：{}。", if who == "受访企业" { "企业" } else { who.as_str() }, qs.join("；")));
    }
    out
}

fn cause_paragraph(ctx: &Context, c: &ConcernOut) -> String {
    let q = question_of(ctx, c);
    let who = ctx.stats.who(&q.populations);
    let found = causes(ctx, c, 3);
    if found.is_empty() {
        return match group_contrasts(c).first() {
            Some((hi, lo)) => format!(
                "问卷回答很少直接说明原因。从分布看，{}{}的比例（{}）明显高于{}（{}），成因可能与当地的具体情况有关，建议结合实地调研核实。",
                hi.group,
                if question_of(ctx, c).asks_suggestions { "提出这方面建议" } else { "提到这一问题" },
                pct_text(hi.share.share),
                lo.group,
                pct_text(lo.share.share)
            ),
            None => format!("【待补充】{who}的回答很少直接说明原因，请结合实地调研和部门情况补写。"),
        };
    }
    if let [one] = found.as_slice() {
        return format!("从{who}的回答看，主要原因是{one}。");
    }
    let items: Vec<String> = found.iter().enumerate().map(|(i, t)| format!("{}是{t}", CN[i])).collect();
    format!("从{who}的回答看，原因主要有以下几个方面：{}。", items.join("；"))
}

/// 具体建议: the measures as items, verb first, after the body that should lead; the
/// head counts in one closing note.
fn advice(c: &ConcernOut, props: &[Proposal], n: usize, sqmy: bool) -> Vec<String> {
    let body = addressee(c);
    if props.is_empty() {
        return vec![format!("建议{body}结合实地调研，研究提出解决这一问题的具体措施。")];
    }
    let shown: Vec<&Proposal> = props.iter().take(n).collect();
    let mut out = vec![if body == "有关部门" {
        "建议有关部门重点做好以下工作：".to_string()
    } else {
        format!("建议{body}牵头，会同有关部门和属地政府，重点做好以下工作：")
    }];
    for (i, p) in shown.iter().enumerate() {
        out.push(if sqmy { format!("{}是{}。", CN[i], p.text) } else { format!("（{}）{}。", CN[i], p.text) });
    }
    let counts: Vec<String> = shown.iter().map(|p| p.respondents.to_string()).collect();
    out.push(if shown.iter().all(|p| p.respondents <= 1) {
        "（以上建议均为个别答卷人提出，供参考。）".to_string()
    } else {
        format!("（以上建议依次有 {} 人在问卷中提出。）", counts.join("、"))
    });
    out
}

fn proposal(ctx: &Context, m: &Matter) -> Draft {
    let c = m.main;
    // What the answers say is read once; the plans below only take less of it.
    let closed_all = related_closed(ctx, c, 3);
    let cause = cause_paragraph(ctx, c);
    let seen = symptoms(ctx, c, 6);
    let props = proposals(ctx, m);
    let figure = figure(ctx, c, &closed_all[..closed_all.len().min(1)]);
    shrink_to_length(|nq, nx, ns| {
        let closed = &closed_all[..closed_all.len().min(nx)];
        Draft {
            stem: String::new(),
            title: title(ctx, c),
            sections: vec![
                Section { heading: "一、案由".into(), paragraphs: vec![case(ctx, c)] },
                Section { heading: "二、现状与问题".into(), paragraphs: situation(ctx, c, closed, &seen, nq, nx) },
                Section { heading: "三、原因分析".into(), paragraphs: vec![cause.clone()] },
                Section { heading: "四、具体建议".into(), paragraphs: advice(c, &props, ns, false) },
            ],
            figure: figure.clone(),
        }
    })
}

fn sqmy(ctx: &Context, m: &Matter) -> Draft {
    let c = m.main;
    let q = question_of(ctx, c);
    let closed_all = related_closed(ctx, c, 3);
    let cause = cause_paragraph(ctx, c);
    let seen = symptoms(ctx, c, 6);
    let props = proposals(ctx, m);
    shrink_to_length(|nq, nx, ns| {
        let closed = &closed_all[..closed_all.len().min(nx)];
        let mut problem = vec![case(ctx, c)];
        problem.extend(situation(ctx, c, closed, &seen, nq, nx));
        Draft {
            stem: String::new(),
            title: format!("{}反映{}问题的情况及建议", ctx.stats.who(&q.populations), c.concern.label.trim_end_matches("问题")),
            sections: vec![
                Section { heading: "一、反映的问题".into(), paragraphs: problem },
                Section { heading: "二、原因分析".into(), paragraphs: vec![cause.clone()] },
                Section { heading: "三、意见建议".into(), paragraphs: advice(c, &props, ns.min(5), true) },
            ],
            figure: None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::super::wording::actionable;
    use super::docx::{mm_twips, A4_TWIPS};
    use super::evidence::overlaps;
    use super::*;

    #[test]
    fn gb_t_9704_units() {
        // 37 mm = 2098 twips, 28 mm = 1587.4 → 1587, A4 = 210 × 297 mm.
        assert_eq!(mm_twips(37.0), 2098);
        assert_eq!(mm_twips(28.0), 1587);
        assert_eq!((mm_twips(210.0), mm_twips(297.0)), (A4_TWIPS.0 as i32, A4_TWIPS.1 as i32));
    }

    #[test]
    fn a_field_is_said_as_its_problems() {
        let d = crate::model::Department { category: "卫生计生".into(), sub: "医疗服务".into(), ..Default::default() };
        assert_eq!(matter_phrase("卫生计生", &d), "卫生计生方面的问题");
        assert_eq!(matter_phrase("医疗服务", &d), "医疗服务方面的问题");
        assert_eq!(matter_phrase("看病排队时间长", &d), "看病排队时间长");
    }

    #[test]
    fn items_sharing_most_words_are_one() {
        assert!(overlaps("加大对偷排企业的处罚", "加大对偷排企业的处罚力度，建立举报奖励"));
        assert!(!overlaps("加强对工厂排放的监管", "多建几个口袋公园"));
    }

    #[test]
    fn a_measure_becomes_an_item_that_opens_with_a_verb() {
        assert_eq!(actionable("化工企业逐步搬离居民区"), "推动化工企业逐步搬离居民区");
        assert_eq!(actionable("建议加大秸秆禁烧巡查"), "加大秸秆禁烧巡查");
        assert_eq!(actionable("要完善异味投诉快速响应机制"), "完善异味投诉快速响应机制");
        assert_eq!(actionable("能源结构调整"), "推动能源结构调整");
        assert_eq!(actionable("要求企业安装在线监测"), "推动要求企业安装在线监测");
        assert_eq!(actionable("希望能加大巡查"), "加大巡查");
    }
}
