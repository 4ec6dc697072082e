//! Proposal drafts: one per leading concern (一事一案), as Markdown and as a docx laid out
//! per GB/T 9704 (A4, top margin 37 mm, binding margin 28 mm, title 2号 方正小标宋简体,
//! body 3号 仿宋_GB2312, headings 黑体 / 楷体_GB2312, fixed 28 pt line spacing; fonts
//! named, not embedded). `DraftKind::Sqmy` writes the shorter 社情民意信息 form instead.
//!
//! A draft states nothing that is not in the results: every number comes from
//! `results.json`, quotes are the redacted quotes of the concern, suggestions are the
//! respondents' own (deduplicated). Its first line says it is machine-drafted.

use super::content::pct_text;
use crate::model::Screening;
use crate::model::Stats;
use crate::model::{ConcernOut, OpenQuestion, Suggestion, TextResults, TextSource};
use crate::model::{DraftKind, Kind};
use docx_rs::{
    AlignmentType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin, PageNum, Paragraph, Run, RunFonts, SpecialIndentType,
};

/// The first line of every draft.
pub(crate) const MACHINE_NOTE: &str =
    "【机器起草，须经审核】本稿由 minyi 根据问卷调查数据自动起草，所引数字和原话均来自调查结果，提交前须逐项核实、修改和补充。";

/// Length bounds in characters (without spaces). Drafts are shortened to fit the
/// maximum; they reach the minimum when the results have enough to say (never padded).
pub const MIN_CHARS: usize = 800;
pub const MAX_CHARS: usize = 1500;

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub heading: String,
    pub paragraphs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// File name without extension: `01-<concern>`.
    pub stem: String,
    pub title: String,
    pub sections: Vec<Section>,
}

impl Draft {
    /// Characters of the draft's text (note, title and body), spaces not counted.
    pub fn chars(&self) -> usize {
        let mut n = MACHINE_NOTE.chars().count() + self.title.chars().count();
        for s in &self.sections {
            n += s.heading.chars().count();
            n += s.paragraphs.iter().map(|p| p.chars().filter(|c| !c.is_whitespace()).count()).sum::<usize>();
        }
        n
    }

    pub(crate) fn markdown(&self) -> String {
        let mut s = format!("> {MACHINE_NOTE}\n\n# {}\n\n", self.title);
        for sec in &self.sections {
            s.push_str(&format!("## {}\n\n", sec.heading));
            for p in &sec.paragraphs {
                s.push_str(p);
                s.push_str("\n\n");
            }
        }
        s.trim_end().to_string() + "\n"
    }

    /// The docx, laid out per GB/T 9704.
    pub fn docx(&self) -> Result<Vec<u8>, docx_rs::DocxError> {
        let exact = || LineSpacing::new().line_rule(LineSpacingType::Exact).line(LINE_TWIPS);
        let fonts = |f: &str| RunFonts::new().east_asia(f).ascii(f).hi_ansi(f).cs(f);
        let run = |text: &str, font: &str, size: usize| Run::new().add_text(text).fonts(fonts(font)).size(size);
        let mut doc = Docx::new()
            .page_size(A4_TWIPS.0, A4_TWIPS.1)
            .page_margin(
                PageMargin::new()
                    .top(mm_twips(37.0))
                    .bottom(mm_twips(35.0))
                    .left(mm_twips(28.0))
                    .right(mm_twips(26.0))
                    .header(mm_twips(15.0))
                    .footer(mm_twips(28.0))
                    .gutter(0),
            )
            .default_fonts(fonts(BODY_FONT))
            .default_size(BODY_SIZE)
            .footer(
                Footer::new().add_paragraph(
                    Paragraph::new()
                        .align(AlignmentType::Center)
                        .add_run(run("— ", PAGE_FONT, PAGE_SIZE))
                        .add_page_num(PageNum::new())
                        .add_run(run(" —", PAGE_FONT, PAGE_SIZE)),
                ),
            );
        doc = doc.add_paragraph(Paragraph::new().line_spacing(exact()).add_run(run(MACHINE_NOTE, KAI_FONT, NOTE_SIZE)));
        doc = doc.add_paragraph(Paragraph::new().line_spacing(exact()));
        doc = doc.add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .line_spacing(LineSpacing::new().line_rule(LineSpacingType::Exact).line(TITLE_LINE_TWIPS))
                .add_run(run(&self.title, TITLE_FONT, TITLE_SIZE)),
        );
        doc = doc.add_paragraph(Paragraph::new().line_spacing(exact()));
        for sec in &self.sections {
            doc = doc.add_paragraph(
                Paragraph::new()
                    .line_spacing(exact())
                    .indent(None, Some(SpecialIndentType::FirstLine(INDENT_TWIPS)), None, None)
                    .add_run(run(&sec.heading, HEADING_FONT, BODY_SIZE)),
            );
            for p in &sec.paragraphs {
                doc = doc.add_paragraph(
                    Paragraph::new()
                        .align(AlignmentType::Both)
                        .line_spacing(exact())
                        .indent(None, Some(SpecialIndentType::FirstLine(INDENT_TWIPS)), None, None)
                        .add_run(run(p, BODY_FONT, BODY_SIZE)),
                );
            }
        }
        let mut buf = std::io::Cursor::new(Vec::new());
        doc.build().pack(&mut buf)?;
        Ok(buf.into_inner())
    }
}

/// GB/T 9704 in Word units (twips = 1/20 pt; sizes in half-points).
pub(crate) const A4_TWIPS: (u32, u32) = (11906, 16838);
pub(crate) const LINE_TWIPS: i32 = 560; // 28 pt
/// First-line indent of two 3号 characters (2 × 16 pt).
pub(crate) const INDENT_TWIPS: i32 = 640;
const TITLE_LINE_TWIPS: i32 = 700; // 35 pt: a 2号 title needs more than 28 pt
pub(crate) const TITLE_FONT: &str = "方正小标宋简体";
pub(crate) const TITLE_SIZE: usize = 44; // 2号 = 22 pt
pub(crate) const BODY_FONT: &str = "仿宋_GB2312";
pub(crate) const BODY_SIZE: usize = 32; // 3号 = 16 pt
pub(crate) const HEADING_FONT: &str = "黑体";
pub(crate) const KAI_FONT: &str = "楷体_GB2312";
const NOTE_SIZE: usize = 28; // 4号
const PAGE_FONT: &str = "宋体";
const PAGE_SIZE: usize = 28; // 4号

pub(crate) fn mm_twips(mm: f64) -> i32 {
    (mm / 25.4 * 1440.0).round() as i32
}

/// What a draft may draw on besides the concern itself.
struct Context<'a> {
    stats: &'a Stats,
    screening: &'a Screening,
    texts: &'a TextResults,
    period: Option<String>,
}

/// The concerns a draft is written for: per problem question (an open question that does
/// not ask for suggestions), its named concerns raised by at least 10% of those who
/// answered, at most three per question, taken in turn across questions.
pub(crate) fn leading(texts: &TextResults, max: usize) -> Vec<&ConcernOut> {
    let per_q: Vec<Vec<&ConcernOut>> = texts
        .questions
        .iter()
        .filter(|q| q.source == TextSource::Open && !q.asks_suggestions)
        .map(|q| {
            texts
                .concerns
                .iter()
                .filter(|c| c.question == q.question && c.concern.id > 0 && c.concern.share.share >= 10.0)
                .take(3)
                .collect()
        })
        .collect();
    let mut out = Vec::new();
    for rank in 0..3 {
        for cs in &per_q {
            if let Some(c) = cs.get(rank) {
                out.push(*c);
            }
        }
    }
    out.truncate(max);
    out
}

/// The drafts, numbered by rank.
pub fn drafts(stats: &Stats, screening: &Screening, texts: &TextResults, kind: DraftKind, max: usize) -> Vec<Draft> {
    let ctx = Context { stats, screening, texts, period: super::content::period(stats) };
    leading(texts, max)
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let mut d = match kind {
                DraftKind::Proposal => proposal(&ctx, c),
                DraftKind::Sqmy => sqmy(&ctx, c),
            };
            d.stem = format!("{:02}-{}", i + 1, file_safe(&c.concern.label));
            d
        })
        .collect()
}

fn file_safe(s: &str) -> String {
    s.chars().filter(|c| !"/\\:*?\"<>|".contains(*c)).map(|c| if c == '、' { '-' } else { c }).take(24).collect()
}

/// What a draft is about: the concern's name.
fn topic(c: &ConcernOut) -> String {
    c.concern.label.clone()
}

/// Who was asked, how many answered, what share raised the concern.
fn background(ctx: &Context, q: &OpenQuestion, c: &ConcernOut) -> String {
    let pops: Vec<String> = ctx
        .screening
        .populations
        .iter()
        .filter(|a| q.populations.contains(&a.population))
        .map(|a| format!("{}问卷 {} 份（纳入分析 {} 份）", a.population, a.read, a.analysed))
        .collect();
    let named = q.named;
    let s = &c.concern.share;
    let place = match c.concern.tied_with.len() {
        0 => format!("居第 {} 位", c.concern.rank),
        n => format!("与另外 {n} 类问题提及比例相当（差异在抽样误差范围内），并列第 {} 位", c.concern.rank),
    };
    format!(
        "本次问卷调查{}共读取{}。在开放题“{}”的 {} 条有效回答中，有 {} 人提到与“{}”有关的问题，占 {}（95% 置信区间 {}），在归纳出的 {} 类问题中{place}。",
        ctx.period.as_ref().map(|p| format!("于{p}开展，")).unwrap_or_default(),
        pops.join("、"),
        q.title,
        q.answered,
        s.respondents,
        c.concern.label,
        pct_text(s.share),
        super::content::interval(s.ci_low, s.ci_high),
        named,
    )
}

/// Closed-question results about the same matter: matrix rows, Likert questions and
/// multi-choice options whose label contains one of the concern's keywords.
fn related_closed(ctx: &Context, q: &OpenQuestion, c: &ConcernOut, max: usize) -> Vec<String> {
    let kws: Vec<&str> = c.concern.keywords.iter().take(6).map(String::as_str).filter(|k| k.chars().count() >= 2).collect();
    let hit = |label: &str| kws.iter().any(|k| label.contains(k));
    let mut out = Vec::new();
    for s in ctx.stats.questions.iter().filter(|s| s.is_closed() && q.populations.contains(&s.population)) {
        match s.kind {
            Kind::Matrix => {
                for r in s.rows.iter().filter(|r| hit(&r.label)) {
                    if let (Some(t), Some(ix)) = (r.top2, r.index) {
                        out.push(format!("{}对“{}”的正面评价为 {}（满意度指数 {:.1}）", s.population, r.label, pct_text(t), ix));
                    }
                }
            }
            Kind::Likert if hit(&s.title) => {
                if let (Some(t), Some(ix)) = (s.top2, s.index) {
                    out.push(format!("{}对“{}”的正面评价为 {}（满意度指数 {:.1}）", s.population, s.title, pct_text(t), ix));
                }
            }
            Kind::Multi => {
                for o in s.options.iter().filter(|o| hit(&o.label)) {
                    out.push(format!("{}在“{}”中选择“{}”的占 {}", s.population, s.title, o.label, pct_text(o.percent)));
                }
            }
            _ => {}
        }
    }
    out.truncate(max);
    out
}

fn group_sentences(c: &ConcernOut, max: usize) -> Vec<String> {
    super::content::group_contrasts(c)
        .into_iter()
        .take(max)
        .map(|(hi, lo)| {
            format!(
                "按“{}”分组，{}提及的比例最高（{}），{}最低（{}）",
                super::content::plain(&hi.dimension_title),
                hi.group,
                pct_text(hi.share.share),
                lo.group,
                pct_text(lo.share.share)
            )
        })
        .collect()
}

fn similar(a: &str, b: &str) -> bool {
    use crate::util::similar::{bigrams, similar as near};
    near(&bigrams(a), &bigrams(b))
}

/// A measure for a draft: its text, how many proposed it, and one clause as a
/// respondent wrote it (one that says more than the measure alone, when there is one).
struct Proposal {
    text: String,
    respondents: usize,
    example: Option<String>,
}

/// The respondents' measures on this matter: the concern's own, then those given to a
/// suggestion question (same populations) that mention one of its keywords; by the
/// number of respondents, near-duplicates dropped.
fn suggestions_for(ctx: &Context, q: &OpenQuestion, c: &ConcernOut) -> Vec<Proposal> {
    let kws: Vec<&str> = c.concern.keywords.iter().take(5).map(String::as_str).filter(|k| k.chars().count() >= 2).collect();
    let mut all: Vec<&Suggestion> = c.concern.measures.iter().collect();
    for other in ctx.texts.concerns.iter().filter(|o| {
        o.question != q.question
            && ctx
                .texts
                .questions
                .iter()
                .any(|x| x.question == o.question && x.asks_suggestions && x.populations.iter().any(|p| q.populations.contains(p)))
    }) {
        // A concern of the suggestion question about the same matter (sharing one of
        // the first keywords) brings all its measures; any other, those naming the matter.
        let okws: Vec<&str> = other.concern.keywords.iter().take(5).map(String::as_str).collect();
        let same = kws.iter().any(|k| okws.contains(k));
        all.extend(other.concern.measures.iter().filter(|s| same || kws.iter().any(|k| s.text.contains(k))));
    }
    all.sort_by(|a, b| b.respondents.cmp(&a.respondents).then(a.text.cmp(&b.text)));
    let mut out: Vec<Proposal> = Vec::new();
    for s in all {
        let t = s.text.trim_end_matches(['。', '；', '，', '！', '.', ';', ',']).to_string();
        if t.chars().count() >= 6 && !out.iter().any(|u| similar(&u.text, &t)) {
            // The shortest clause that puts the measure in context (a purpose after a comma).
            let example = s.examples.iter().filter(|e| e.contains('，')).min_by_key(|e| e.chars().count()).cloned();
            out.push(Proposal { text: t, respondents: s.respondents, example });
        }
    }
    // What one person alone proposed is left out when enough were proposed by several.
    if out.iter().filter(|p| p.respondents >= 2).count() >= 3 {
        out.retain(|p| p.respondents >= 2);
    }
    out
}

fn question_of<'a>(ctx: &Context<'a>, c: &ConcernOut) -> &'a OpenQuestion {
    ctx.texts.questions.iter().find(|q| q.question == c.question).expect("a concern belongs to a question of the same results")
}

fn quotes(c: &ConcernOut, n: usize) -> Vec<String> {
    c.quotes.iter().take(n).map(|q| format!("“{}”（{}，答卷 {}）", q.text.trim(), q.population, q.response_id)).collect()
}

const CN: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// Fit a draft into the length bounds by taking more or fewer quotes and suggestions.
fn fit(build: impl Fn(usize, usize, usize) -> Draft) -> Draft {
    // (quotes, suggestions, extra detail), from the fullest to the barest.
    let plans = [(5, 8, 3), (4, 7, 3), (3, 6, 2), (3, 5, 2), (3, 4, 1), (2, 4, 1), (2, 3, 1), (1, 3, 0), (1, 2, 0)];
    let mut last = None;
    for &(q, s, x) in &plans {
        let d = build(q, s, x);
        if d.chars() <= MAX_CHARS {
            return d;
        }
        last = Some(d);
    }
    last.unwrap_or_else(|| build(1, 2, 0))
}

fn proposal(ctx: &Context, c: &ConcernOut) -> Draft {
    let q = question_of(ctx, c);
    let sugg = suggestions_for(ctx, q, c);
    fit(|nq, ns, extra| {
        let mut analysis = Vec::new();
        let kw: Vec<&str> = c.concern.keywords.iter().take(6).map(String::as_str).collect();
        let mut p = format!("从回答内容看，{}反映集中在{}等方面。", ctx.stats.who(&q.populations), kw.join("、"));
        if q.populations.len() > 1 {
            let by: Vec<String> = c.by_population.iter().map(|b| format!("{} {}", b.population, pct_text(b.share.share))).collect();
            p.push_str(&format!("分群体看，提及比例为{}。", by.join("、")));
        }
        let groups = group_sentences(c, extra.max(1));
        if !groups.is_empty() {
            p.push_str(&format!("{}，差异明显（两者的 95% 置信区间不重叠）。", groups.join("；")));
        }
        analysis.push(p);
        let closed = related_closed(ctx, q, c, extra.max(1) + 1);
        if !closed.is_empty() {
            analysis.push(format!("封闭题的结果与此相互印证：{}。", closed.join("；")));
        }
        let qs = quotes(c, nq);
        if !qs.is_empty() {
            analysis.push(format!("受访者的原话（已隐去个人信息）如：{}", qs.join("；")) + "。");
        }
        let shown = sugg.len().min(ns);
        let several = sugg.iter().take(ns).filter(|p| p.respondents >= 2).count();
        let mut advice = vec![if several >= 1 {
            let count = if shown == 2 { "两" } else { CN.get(shown.saturating_sub(1)).unwrap_or(&"几") };
            format!("受访者提出的建议经归并整理，主要有以下{count}条：")
        } else {
            "受访者提出的建议较为分散，多为个别意见，摘录如下：".to_string()
        }];
        for (i, p) in sugg.iter().take(ns).enumerate() {
            let like = p.example.as_ref().map(|e| format!("，如“{e}”")).unwrap_or_default();
            advice.push(format!("（{}）{}。（{} 人提出类似建议{like}）", CN.get(i).unwrap_or(&"十"), p.text, p.respondents));
        }
        if sugg.is_empty() {
            advice = vec!["受访者的回答中没有归纳出针对这一问题的具体建议，建议结合调研走访补充。".into()];
        }
        Draft {
            stem: String::new(),
            title: format!("关于{}的提案", topic(c)),
            sections: vec![
                Section { heading: "一、案由".into(), paragraphs: vec![background(ctx, q, c)] },
                Section { heading: "二、问题分析".into(), paragraphs: analysis },
                Section { heading: "三、具体建议".into(), paragraphs: advice },
                Section { heading: "四、数据来源".into(), paragraphs: vec![source_line(ctx, q)] },
            ],
        }
    })
}

fn source_line(ctx: &Context, q: &OpenQuestion) -> String {
    format!(
        "{}问卷调查{}。开放题回答经分词和归类统计，占比的置信区间用 Wilson 法计算；全部数字见分析结果文件 results.json 和 tables.xlsx，每条原话可凭答卷编号在 concerns.csv 中查到。",
        q.populations.join("、"),
        ctx.period.as_ref().map(|p| format!("（{p}）")).unwrap_or_default()
    )
}

fn sqmy(ctx: &Context, c: &ConcernOut) -> Draft {
    let q = question_of(ctx, c);
    let sugg = suggestions_for(ctx, q, c);
    fit(|nq, ns, extra| {
        let mut problem = vec![background(ctx, q, c)];
        let groups = group_sentences(c, extra.max(1));
        if !groups.is_empty() {
            problem.push(format!("{}。", groups.join("；")));
        }
        let kw: Vec<&str> = c.concern.keywords.iter().take(6).map(String::as_str).collect();
        let mut causes = vec![format!("从回答用词看，{}把这一问题主要与{}联系在一起。", ctx.stats.who(&q.populations), kw.join("、"))];
        let closed = related_closed(ctx, q, c, extra.max(1));
        if !closed.is_empty() {
            causes.push(format!("封闭题中，{}。", closed.join("；")));
        }
        let qs = quotes(c, nq);
        if !qs.is_empty() {
            causes.push(format!("{}原话（已隐去个人信息）：{}。", ctx.stats.who(&q.populations), qs.join("；")));
        }
        let mut advice = Vec::new();
        for (i, p) in sugg.iter().take(ns.min(5)).enumerate() {
            advice.push(format!("{}是{}（{} 人提出类似建议）。", CN.get(i).unwrap_or(&"十"), p.text, p.respondents));
        }
        if advice.is_empty() {
            advice.push("回答中没有归纳出具体建议，建议结合调研走访补充。".into());
        }
        Draft {
            stem: String::new(),
            title: format!("{}反映“{}”问题较为集中的情况及建议", ctx.stats.who(&q.populations), topic(c)),
            sections: vec![
                Section { heading: "一、反映的问题".into(), paragraphs: problem },
                Section { heading: "二、原因分析".into(), paragraphs: causes },
                Section { heading: "三、意见建议".into(), paragraphs: advice },
            ],
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb_t_9704_units() {
        // 37 mm = 2098 twips, 28 mm = 1587.4 → 1587, A4 = 210 × 297 mm.
        assert_eq!(mm_twips(37.0), 2098);
        assert_eq!(mm_twips(28.0), 1587);
        assert_eq!((mm_twips(210.0), mm_twips(297.0)), (A4_TWIPS.0 as i32, A4_TWIPS.1 as i32));
    }

    #[test]
    fn near_duplicate_suggestions_are_one() {
        assert!(similar("建议加强对工厂排放的监管", "建议加强对工厂排放的监管力度"));
        assert!(!similar("建议加强对工厂排放的监管", "希望多建几个口袋公园"));
    }
}
