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

use super::content::pct_text;
use crate::model::{Chart, ChartId, ConcernOut, DraftKind, Kind, OpenQuestion, Screening, Stats, Suggestion, TextResults, TextSource};
use crate::util::words::words;
use docx_rs::{
    AlignmentType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin, PageNum, Paragraph, Pic, Run, RunFonts, SpecialIndentType,
};

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

impl Draft {
    /// Characters of the draft's text (note, title and body), spaces not counted.
    pub fn chars(&self) -> usize {
        let mut n = MACHINE_NOTE.chars().count() + self.title.chars().count();
        for s in &self.sections {
            n += s.heading.chars().count();
            n += s.paragraphs.iter().map(|p| p.chars().filter(|c| !c.is_whitespace()).count()).sum::<usize>();
        }
        if let Some(f) = &self.figure {
            n += ATTACHMENT.chars().count() + f.caption.chars().filter(|c| !c.is_whitespace()).count();
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
        if let Some(f) = &self.figure {
            s.push_str(&format!("## {ATTACHMENT}\n\n![附图](../charts/{})\n\n{}\n", f.file, f.caption));
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
        if let Some(f) = &self.figure {
            doc = doc.add_paragraph(
                Paragraph::new()
                    .line_spacing(exact())
                    .indent(None, Some(SpecialIndentType::FirstLine(INDENT_TWIPS)), None, None)
                    .add_run(run(ATTACHMENT, HEADING_FONT, BODY_SIZE)),
            );
            // The text width (156 mm), no taller than 170 mm; a fixed id keeps reruns identical.
            let emu = |mm: f64| (mm / 25.4 * 914_400.0).round() as u32;
            let mut w = 156.0;
            let mut h = w * f64::from(f.height) / f64::from(f.width.max(1));
            if h > 170.0 {
                w *= 170.0 / h;
                h = 170.0;
            }
            let pic = Pic::new_with_dimensions(f.png.clone(), f.width, f.height).id("rIdImage1").size(emu(w), emu(h));
            doc = doc.add_paragraph(Paragraph::new().align(AlignmentType::Center).add_run(Run::new().add_image(pic)));
            doc = doc.add_paragraph(
                Paragraph::new().align(AlignmentType::Center).line_spacing(exact()).add_run(run(&f.caption, KAI_FONT, NOTE_SIZE)),
            );
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

/// What a draft may draw on besides its matter.
struct Context<'a> {
    stats: &'a Stats,
    screening: &'a Screening,
    texts: &'a TextResults,
    charts: &'a [Chart],
    period: Option<String>,
}

/// One matter a draft is written on (一事一案): a concern, and the concerns of a
/// suggestion question on the same matter, whose measures it carries.
pub(crate) struct Matter<'a> {
    pub main: &'a ConcernOut,
    pub companions: Vec<&'a ConcernOut>,
}

/// A concern is a candidate when at least this share of those answering raised it.
const MIN_SHARE: f64 = 10.0;

/// Whether two concerns (of different questions) are on the same matter: filed under the
/// same subcategory of the taxonomy and sharing a characteristic word, or sharing two.
fn same_matter(a: &ConcernOut, b: &ConcernOut) -> bool {
    let ka: Vec<&str> = a.concern.keywords.iter().take(6).map(String::as_str).collect();
    let shared = b.concern.keywords.iter().take(6).filter(|k| ka.contains(&k.as_str())).count();
    let sub = !a.department.sub.is_empty() && a.department.sub == b.department.sub;
    (sub && shared >= 1) || shared >= 2
}

/// The matters drafts are written on. Candidates are the named concerns of every
/// free-text question (problems and suggestions) raised by at least 10% of those who
/// answered; a suggestion question's concern on the same matter as a problem concern of
/// the same population joins that one's draft. Then populations take turns, each in the
/// order of its respondents, the population with the largest matter first.
pub(crate) fn matters(texts: &TextResults, max: usize) -> Vec<Matter<'_>> {
    let asks = |c: &ConcernOut| texts.questions.iter().any(|q| q.question == c.question && q.asks_suggestions);
    let pops_of = |c: &ConcernOut| -> Vec<String> {
        texts.questions.iter().find(|q| q.question == c.question).map(|q| q.populations.clone()).unwrap_or_default()
    };
    // A worded question asking for neither problems nor suggestions carries no matter to
    // propose on.
    let open = |c: &&ConcernOut| {
        c.concern.id > 0
            && c.concern.share.share >= MIN_SHARE
            && texts.questions.iter().any(|q| q.question == c.question && q.source == TextSource::Open && q.carries_matters())
    };
    let mut candidates: Vec<&ConcernOut> = texts.concerns.iter().filter(open).collect();
    candidates.sort_by(|a, b| b.concern.share.respondents.cmp(&a.concern.share.respondents).then(a.question.cmp(&b.question)));
    let mut all: Vec<Matter> = candidates.iter().filter(|c| !asks(c)).map(|&c| Matter { main: c, companions: Vec::new() }).collect();
    for &s in candidates.iter().filter(|c| asks(c)) {
        let home =
            all.iter_mut().find(|m| !asks(m.main) && pops_of(m.main).iter().any(|p| pops_of(s).contains(p)) && same_matter(m.main, s));
        match home {
            Some(m) => m.companions.push(s),
            None => all.push(Matter { main: s, companions: Vec::new() }),
        }
    }
    all.sort_by(|a, b| b.main.concern.share.respondents.cmp(&a.main.concern.share.respondents));
    // Populations take turns.
    let mut queues: Vec<(String, Vec<Matter>)> = Vec::new();
    for m in all {
        let p = pops_of(m.main).first().cloned().unwrap_or_default();
        match queues.iter_mut().find(|(q, _)| *q == p) {
            Some((_, v)) => v.push(m),
            None => queues.push((p, vec![m])),
        }
    }
    let mut out = Vec::new();
    let mut iters: Vec<std::vec::IntoIter<Matter>> = queues.into_iter().map(|(_, v)| v.into_iter()).collect();
    while out.len() < max {
        let before = out.len();
        for it in iters.iter_mut() {
            if out.len() < max {
                out.extend(it.next());
            }
        }
        if out.len() == before {
            break;
        }
    }
    out
}

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
    let ctx = Context { stats, screening, texts, charts, period: super::content::period(stats) };
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

fn question_of<'a>(ctx: &Context<'a>, c: &ConcernOut) -> &'a OpenQuestion {
    ctx.texts.questions.iter().find(|q| q.question == c.question).expect("a concern belongs to a question of the same results")
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
fn matter_phrase(label: &str, d: &crate::model::Department) -> String {
    if label == d.category || label == d.sub {
        format!("{label}方面的问题")
    } else {
        label.to_string()
    }
}

/// The body that handles the matter, as a proposal addresses it: "市生态环境局", or
/// "有关部门" when nothing points anywhere.
fn addressee(c: &ConcernOut) -> String {
    let d = c.department.department.trim();
    if d.is_empty() || c.department.category == "其他" {
        "有关部门".into()
    } else if d.starts_with(['市', '区', '县', '省']) {
        d.to_string()
    } else {
        format!("市{d}")
    }
}

/// A clause fit to be repeated in a draft: no Latin letters (anonymised places, codes),
/// no law titles, not opening with a connective that needs the sentence before it.
fn clean_clause(t: &str) -> bool {
    !t.chars().any(|c| c.is_ascii_alphabetic())
        && !t.contains(['《', '》'])
        && !words().brief.dependent_connectives.iter().any(|w| t.starts_with(w))
}

/// 案由: the matter in one paragraph, with its scale and the body it belongs to.
fn case(ctx: &Context, c: &ConcernOut) -> String {
    let q = question_of(ctx, c);
    let who = ctx.stats.who(&q.populations);
    let pops: Vec<String> = ctx
        .screening
        .populations
        .iter()
        .filter(|a| q.populations.contains(&a.population))
        .map(|a| {
            if ctx.stats.populations.len() == 1 {
                format!("问卷 {} 份", a.analysed)
            } else {
                format!("{}问卷 {} 份", a.population, a.analysed)
            }
        })
        .collect();
    let s = &c.concern.share;
    // "在回答“…”时", unless the question has no wording of its own ("第 90 题", a column name).
    let asked = if q.worded() { format!("在回答“{}”时", super::content::plain(&q.title)) } else { String::new() };
    let enterprises = q.populations.first().is_some_and(|p| ctx.stats.audience(p) == crate::model::Audience::Enterprises);
    let unit = if enterprises { "家" } else { "名" };
    let tied: Vec<String> = ctx
        .texts
        .concerns
        .iter()
        .filter(|o| o.question == c.question && c.concern.tied_with.contains(&o.concern.id))
        .take(3)
        .map(|o| format!("“{}”", o.concern.label))
        .collect();
    let mut p = if q.asks_suggestions {
        // A suggestion concern groups several measures: its total is the people who
        // proposed something on this matter; the measure that names it is counted alone.
        let own = c.concern.measures.iter().find(|m| overlaps(&m.text, &c.concern.label)).map(|m| m.respondents);
        format!(
            "{}的问卷调查（有效{}）中，{} {unit}{who}{asked}提出了这方面的建议，占回答该题{who}的 {}{}。",
            ctx.period.as_ref().map(|p| format!("{p}开展")).unwrap_or_else(|| "本次".into()),
            pops.join("、"),
            s.respondents,
            pct_text(s.share),
            own.map(|n| format!("，其中明确建议{}的有 {n} {unit}", c.concern.label)).unwrap_or_default(),
        )
    } else {
        let place = if c.concern.rank == 1 && tied.is_empty() {
            "，是反映最多的问题".to_string()
        } else if c.concern.rank == 1 {
            format!("，与{}并列反映最多（相差在抽样误差范围内）", tied.join("、"))
        } else {
            String::new()
        };
        format!(
            "{}的问卷调查（有效{}）中，{} {unit}{who}{asked}反映{}，占回答该题{who}的 {}{place}。",
            ctx.period.as_ref().map(|p| format!("{p}开展")).unwrap_or_else(|| "本次".into()),
            pops.join("、"),
            s.respondents,
            matter_phrase(&c.concern.label, &c.department),
            pct_text(s.share),
        )
    };
    let body = addressee(c);
    if body != "有关部门" {
        p.push_str(&format!("此事主要涉及{}的职责。", body.trim_start_matches('市')));
    }
    p
}

/// Closed items on the same matter: in the same population, filed under the same
/// subcategory of the taxonomy, or sharing a two-character word with the concern's name.
/// Satisfaction items (with their place among the aspects) and options of questions
/// about problems.
fn related_closed(ctx: &Context, c: &ConcernOut, max: usize) -> Vec<(String, ChartId)> {
    related_items(ctx, c, max).into_iter().map(|(t, id, _)| (t, id)).collect()
}

/// [`related_closed`] with each item's reference (for `results.json`'s drafts).
fn related_items(ctx: &Context, c: &ConcernOut, max: usize) -> Vec<(String, ChartId, crate::model::ItemRef)> {
    use crate::model::ItemRef;
    let q = question_of(ctx, c);
    let who = ctx.stats.who(&q.populations);
    // The concern's words: its name and its first keywords.
    let words: Vec<String> = std::iter::once(c.concern.label.clone()).chain(c.concern.keywords.iter().take(4).cloned()).collect();
    let shares_word = |label: &str| {
        words.iter().any(|w| {
            let ch: Vec<char> = w.chars().collect();
            ch.windows(2).any(|p| p.iter().all(|x| x.is_alphanumeric()) && label.contains(&p.iter().collect::<String>()))
        })
    };
    // Items of the same subcategory; only those that also share a word, when any does.
    let same_sub: Vec<&crate::model::ItemDepartment> = ctx
        .texts
        .items
        .iter()
        .filter(|i| q.populations.contains(&i.population) && !c.department.sub.is_empty() && i.department.sub == c.department.sub)
        .collect();
    let narrowed: Vec<&&crate::model::ItemDepartment> = same_sub.iter().filter(|i| shares_word(&i.label)).collect();
    let on_matter = |pop: &str, qid: &str, label: &str| {
        let hit = |i: &&crate::model::ItemDepartment| i.population == pop && i.question == qid && i.label == label;
        if narrowed.is_empty() {
            same_sub.iter().any(hit)
        } else {
            narrowed.iter().any(|i| hit(i))
        }
    };
    let mut out = Vec::new();
    for s in ctx.stats.questions.iter().filter(|s| s.is_closed() && q.populations.contains(&s.population)) {
        let id = ChartId::Question { population: s.population.clone(), question: s.id.clone() };
        match s.kind {
            Kind::Matrix => {
                let rated: Vec<&crate::model::RowStats> = s.rows.iter().filter(|r| r.top2.is_some()).collect();
                // A row supports the case only when it is rated in the lower half.
                for r in rated.iter().filter(|r| on_matter(&s.population, &s.id, &r.label)) {
                    let below = rated.iter().filter(|o| o.top2 < r.top2).count();
                    if below * 2 >= rated.len() {
                        continue;
                    }
                    let rank = if below == 0 && rated.len() >= 3 {
                        format!("，在所列 {} 个方面中最低", rated.len())
                    } else {
                        String::new()
                    };
                    let good = super::content::digest::favourable(&r.options).unwrap_or_default();
                    out.push((
                        format!("{who}对“{}”表示满意（选择{good}）的为 {}{rank}", r.label, pct_text(r.top2.unwrap_or(f64::NAN))),
                        id.clone(),
                        ItemRef { population: s.population.clone(), question: s.id.clone(), row: Some(r.label.clone()), option: None },
                    ));
                }
            }
            Kind::Likert if on_matter(&s.population, &s.id, &s.title) => {
                if let (Some(t), Some(good)) = (s.top2, super::content::digest::favourable(&s.options)) {
                    out.push((
                        format!("在“{}”一题中，选择{good}的占 {}", super::content::plain(&s.title), pct_text(t)),
                        id.clone(),
                        ItemRef { population: s.population.clone(), question: s.id.clone(), row: None, option: None },
                    ));
                }
            }
            Kind::Multi | Kind::Single
                if crate::util::words::words().questions.problem_choice_title_words.iter().any(|w| s.title.contains(w)) =>
            {
                for o in s.options.iter().filter(|o| on_matter(&s.population, &s.id, &o.label)) {
                    out.push((
                        format!("在“{}”一题中，有 {} 的{who}选择了“{}”", super::content::plain(&s.title), pct_text(o.percent), o.label),
                        id.clone(),
                        ItemRef { population: s.population.clone(), question: s.id.clone(), row: None, option: Some(o.label.clone()) },
                    ));
                }
            }
            _ => {}
        }
    }
    out.truncate(max);
    out
}

/// The group contrast, in plain words.
fn contrasts(ctx: &Context, c: &ConcernOut, max: usize) -> Vec<String> {
    let q = question_of(ctx, c);
    let raised = if q.asks_suggestions { "提出这方面建议" } else { "提到这一问题" };
    super::content::group_contrasts(c)
        .into_iter()
        .take(max)
        .map(|(hi, lo)| {
            format!(
                "分{}看，{}有 {} 的{}{raised}，{}只有 {}",
                super::content::digest::dimension_word(&hi.dimension_title).trim_matches(['“', '”']),
                hi.group,
                pct_text(hi.share.share),
                ctx.stats.who(std::slice::from_ref(&hi.population)),
                lo.group,
                pct_text(lo.share.share)
            )
        })
        .collect::<Vec<_>>()
        .into_iter()
        .chain((q.populations.len() > 1).then(|| {
            let by: Vec<String> = c
                .by_population
                .iter()
                .map(|b| format!("{}中有 {}", ctx.stats.who(std::slice::from_ref(&b.population)), pct_text(b.share.share)))
                .collect();
            format!("分群体看，{}{raised}", by.join("，"))
        }))
        .collect()
}

/// At most `n` short quotes (the shortest of the concern's, which screening never flagged).
fn quotes(c: &ConcernOut, n: usize, several: bool) -> Vec<String> {
    let mut qs: Vec<&crate::model::QuoteOut> = c.quotes.iter().filter(|q| q.text.chars().count() <= 60).collect();
    qs.sort_by_key(|q| q.text.chars().count());
    qs.into_iter()
        .take(n)
        .map(|q| format!("“{}”（{}答卷 {}）", q.text.trim(), if several { q.population.as_str() } else { "" }, q.response_id))
        .collect()
}

/// Openings that carry no content, besides the shared fillers ("觉得", "其实").
const OPENINGS: [&str; 2] = ["觉得", "其实"];

/// The clauses of a concern's answers that `keep` accepts, grouped when they say nearly
/// the same thing, the groups said by most people (at least two) first, none sharing most
/// of its words with the concern's name or with a group before it. Answers screening
/// flagged are left out; at most the first 3,000 answers are read.
fn clauses(ctx: &Context, c: &ConcernOut, keep: impl Fn(&str) -> bool, max: usize) -> Vec<String> {
    let flagged: std::collections::HashSet<(&str, &str)> = ctx
        .screening
        .populations
        .iter()
        .flat_map(|a| a.flagged.values().flatten().map(move |id| (a.population.as_str(), id.as_str())))
        .collect();
    let mut groups: Vec<(Vec<(char, char)>, String, std::collections::BTreeSet<(&str, &str)>)> = Vec::new();
    let answers = ctx.texts.answers.iter().filter(|a| {
        a.question == c.question
            && a.concern_id == Some(c.concern.id)
            && !flagged.contains(&(a.population.as_str(), a.response_id.as_str()))
    });
    for a in answers.take(3000) {
        for clause in a.text.split(['，', '。', '；', '！', '？', ',', ';', '!', '?', '、', '\n']) {
            let mut t = clause.trim();
            for o in words().answers.fillers.iter().chain(&OPENINGS) {
                t = t.strip_prefix(o).unwrap_or(t).trim_start_matches(['，', ' ']);
            }
            let n = t.chars().count();
            // A clause restating the concern itself ("缺少公园和绿地") says nothing more.
            if !(4..=24).contains(&n) || t.contains(['*', '＊']) || overlaps(t, &c.concern.label) || !clean_clause(t) || !keep(t) {
                continue;
            }
            let b = crate::util::similar::bigrams(t);
            let who = (a.population.as_str(), a.response_id.as_str());
            // At most 2,000 groups are kept apart (bounded work on a huge concern).
            let full = groups.len() >= 2000;
            match groups.iter_mut().find(|g| crate::util::similar::similar(&g.0, &b)) {
                None if full => {}
                Some(g) => {
                    g.2.insert(who);
                    // The shortest wording names the group.
                    if n < g.1.chars().count() {
                        g.1 = t.to_string();
                    }
                }
                None => groups.push((b, t.to_string(), std::iter::once(who).collect())),
            }
        }
    }
    groups.retain(|g| g.2.len() >= 2);
    groups.sort_by(|a, b| b.2.len().cmp(&a.2.len()).then(a.1.cmp(&b.1)));
    let mut out: Vec<String> = Vec::new();
    for g in groups {
        if out.len() == max {
            break;
        }
        if !out.iter().any(|o| overlaps(o, &g.1)) {
            out.push(g.1);
        }
    }
    out
}

fn is_cause(t: &str) -> bool {
    words().brief.cause_marks.iter().any(|m| t.contains(m))
}

/// A clause that proposes rather than describes ("建议……", "加强……").
fn is_proposal(t: &str) -> bool {
    words().brief.proposal_marks.iter().any(|w| t.contains(w))
        || t.starts_with(['请', '望', '盼'])
        || crate::util::words::opens_with_action(t)
        || words().measures.purpose_openings.iter().any(|v| v.chars().count() > 1 && t.starts_with(v))
}

/// Whether a clause is on the concern's matter: it shares a two-character word with the
/// concern's name or first keywords, and says more than that word alone.
fn on_matter(c: &ConcernOut, t: &str) -> bool {
    let words: Vec<&str> = std::iter::once(c.concern.label.as_str()).chain(c.concern.keywords.iter().take(5).map(String::as_str)).collect();
    let shared = words.iter().any(|w| {
        let ch: Vec<char> = w.chars().collect();
        ch.windows(2).any(|p| t.contains(&p.iter().collect::<String>()))
    });
    let rest = words.iter().skip(1).fold(t.to_string(), |acc, w| acc.replace(w, ""));
    // A bare noun ("附近工厂") says nothing about the matter.
    shared && rest.chars().count() >= 2 && (rest.chars().count() >= 3 || t.chars().count() >= 6)
}

/// 原因分析 from the answers themselves: the clauses on the matter that state a cause.
fn causes(ctx: &Context, c: &ConcernOut, max: usize) -> Vec<String> {
    clauses(ctx, c, |t| is_cause(t) && !is_proposal(t) && on_matter(c, t), max)
}

/// How the matter shows, from the answers: clauses on the matter that describe (no
/// cause, no proposal).
fn symptoms(ctx: &Context, c: &ConcernOut, max: usize) -> Vec<String> {
    clauses(ctx, c, |t| !is_cause(t) && !is_proposal(t) && on_matter(c, t), max)
}

/// Whether two items share most of their words (character bigrams, over the shorter).
pub(crate) fn overlaps(a: &str, b: &str) -> bool {
    let (x, y) = (crate::util::similar::bigrams(a), crate::util::similar::bigrams(b));
    if x.is_empty() || y.is_empty() {
        return false;
    }
    let inter = x.iter().filter(|p| y.binary_search(p).is_ok()).count();
    inter as f64 / x.len().min(y.len()) as f64 > 0.5
}

/// A measure for a draft: its text and how many proposed it.
struct Proposal {
    text: String,
    respondents: usize,
}

/// Whether an item opens as a proposal: with an action, or (`[brief] item_openings`) a
/// preposition that leads to its verb ("对渣土车密闭运输加强执法") or a verb of public services.
fn opens_item(t: &str) -> bool {
    crate::util::words::opens_with_action(t) || words().brief.item_openings.iter().any(|v| t.starts_with(v))
}

/// A measure as a proposal item, verb first: "化工企业逐步搬离居民区" → "推动化工企业逐步搬离居民区".
pub(crate) fn actionable(t: &str) -> String {
    // A wish word or adverb is dropped only whole and only when an action follows it:
    // "要完善……" → "完善……", but "要求企业……" and "能源结构调整" stay whole.
    let m = &words().measures;
    let wish = || m.wishes.iter().chain(m.wish_adverbs);
    let mut t = t;
    while let Some(rest) = wish().find_map(|w| t.strip_prefix(w).filter(|r| opens_item(r) || wish().any(|x| r.starts_with(x)))) {
        t = rest;
    }
    if opens_item(t) {
        t.to_string()
    } else {
        format!("推动{t}")
    }
}

/// In a wording of a measure, the clause right after it when that clause states a purpose.
fn purpose_of(example: &str, measure: &str) -> Option<String> {
    let parts: Vec<&str> = example.split(['，', ',', '；', ';']).map(str::trim).collect();
    let at = parts.iter().position(|p| overlaps(p, measure))?;
    let next = parts.get(at + 1)?.trim_end_matches(['。', '！', '!', '.']);
    let n = next.chars().count();
    (words().measures.purpose_openings.iter().any(|w| next.starts_with(w)) && (4..=16).contains(&n) && !next.contains(['*', '＊']))
        .then(|| next.to_string())
}

/// The measures proposed on this matter: the concern's own, its companions', then those
/// of the same populations' suggestion concerns that name one of its words; by the
/// number of respondents, none sharing most of its words with one before it.
fn proposals(ctx: &Context, m: &Matter) -> Vec<Proposal> {
    let c = m.main;
    let q = question_of(ctx, c);
    let kws: Vec<&str> = c.concern.keywords.iter().take(5).map(String::as_str).filter(|k| k.chars().count() >= 2).collect();
    let mut all: Vec<&Suggestion> = c.concern.measures.iter().chain(m.companions.iter().flat_map(|o| o.concern.measures.iter())).collect();
    for other in ctx.texts.concerns.iter().filter(|o| {
        o.question != q.question
            && !m.companions.iter().any(|x| std::ptr::eq(*x, *o))
            && ctx
                .texts
                .questions
                .iter()
                .any(|x| x.question == o.question && x.asks_suggestions && x.populations.iter().any(|p| q.populations.contains(p)))
    }) {
        all.extend(other.concern.measures.iter().filter(|s| kws.iter().any(|k| s.text.contains(k))));
    }
    all.sort_by(|a, b| b.respondents.cmp(&a.respondents).then(a.text.cmp(&b.text)));
    let mut out: Vec<Proposal> = Vec::new();
    for s in all {
        let raw = s.text.trim_end_matches(['。', '；', '，', '！', '.', ';', ',']);
        let t = actionable(raw);
        // An appeal ("领导重视一下") or a report of what was done ("增加了") proposes nothing.
        let appeal = words().brief.appeal_words.iter().any(|w| raw.contains(w))
            || raw.chars().nth(2) == Some('了')
            || raw.chars().nth(1) == Some('了');
        if raw.chars().count() >= 6 && !appeal && clean_clause(raw) && !out.iter().any(|u| overlaps(&u.text, &t)) {
            // The purpose a respondent gave with it ("……，提高污水处理能力"), when one did.
            let purpose = s.examples.iter().chain([&s.text]).find_map(|e| purpose_of(e, &s.text));
            let text = match purpose {
                Some(p) if !out.iter().any(|u| overlaps(&u.text, &p)) => format!("{t}，{p}"),
                _ => t,
            };
            out.push(Proposal { text, respondents: s.respondents });
        }
    }
    // What one person alone proposed is left out when enough were proposed by several.
    if out.iter().filter(|p| p.respondents >= 2).count() >= 3 {
        out.retain(|p| p.respondents >= 2);
    }
    out
}

/// The one chart that carries the draft's case: the closed item it relies on, else the
/// question's concerns.
fn figure(ctx: &Context, c: &ConcernOut, closed: &[(String, ChartId)]) -> Option<DraftFigure> {
    let q = question_of(ctx, c);
    let wanted = closed.first().map(|x| x.1.clone()).into_iter().chain([ChartId::Concerns { question: c.question.clone() }]);
    for id in wanted {
        if let Some(ch) = ctx.charts.iter().find(|ch| ch.id == id) {
            let caption = match &id {
                ChartId::Question { population, .. } => {
                    let t = ctx
                        .stats
                        .questions
                        .iter()
                        .find(|s| ChartId::Question { population: s.population.clone(), question: s.id.clone() } == id);
                    format!("附图　{population}问卷“{}”的回答分布", t.map(|s| super::content::plain(&s.title)).unwrap_or_default())
                }
                _ => format!(
                    "附图　“{}”的回答中各类{}的提及比例",
                    super::content::plain(&q.title),
                    if q.asks_suggestions { "建议" } else { "问题" }
                ),
            };
            return Some(DraftFigure {
                caption,
                png: ch.png.clone(),
                width: ch.width,
                height: ch.height,
                file: format!("{}.png", ch.name()),
            });
        }
    }
    None
}

const CN: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// Fit a draft into the length bounds by taking fewer quotes, closed items and measures.
fn fit(build: impl Fn(usize, usize, usize) -> Draft) -> Draft {
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
        return match super::content::group_contrasts(c).first() {
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
    fit(|nq, nx, ns| {
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
    fit(|nq, nx, ns| {
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
