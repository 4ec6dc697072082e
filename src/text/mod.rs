//! Open answers: normalization, non-answers and clauses ([`normalize`]), segmentation
//! with the domain dictionary ([`segment`]), concern discovery ([`concerns`]), keywords
//! and the co-occurrence network ([`keywords`]); every text that leaves this stage is
//! redacted (`util::redact`).
//!
//! [`analyse`] runs all of it on every open question of a survey (and on the "其他"
//! texts of choice questions when there are enough of them): the stage's typed output
//! is a [`TextResults`].

pub mod cluster;
pub mod concerns;
pub mod corrections;
pub mod departments;
mod describe;
pub mod keywords;
mod measures;
pub mod metrics;
mod naming;
pub mod normalize;
pub mod segment;
pub mod intent;
pub mod stance;
mod unit;
pub mod vectorize;

use crate::model::{
    AnswerRow, ConcernOut, Department, Intent, GroupShare, Keyword, Kind, OpenQuestion, PopulationShare, QuoteOut, Role, Screening, Share, Survey,
    TextOptions, TextResults, TextSource,
};
use crate::util::redact::redact;
use concerns::{ConcernOpts, Found, Status};
use polars::prelude::PolarsResult;
use rayon::prelude::*;

/// The texts of one question across the populations that asked it.
struct Job {
    question: String,
    title: String,
    source: TextSource,
    /// (population index, question id in that population, frame column)
    parts: Vec<(usize, String, String)>,
    /// The intent survey.toml gives the question (in the first population that does).
    given: Option<crate::model::Intent>,
}

/// The intent of every open question of every population, and why (for `inspect`, which
/// shows it before a run): decided as a run decides it, from each population's own answers.
pub fn intents(survey: &Survey, non_answers: &[String]) -> PolarsResult<Vec<crate::model::QuestionIntent>> {
    let mut out = Vec::new();
    for p in &survey.populations {
        for q in p.questions.iter().filter(|q| q.kind == Kind::Text && q.role == Role::Opinion) {
            let Some(f) = q.fields.first() else { continue };
            let texts = p.texts(&f.column)?;
            let answers: Vec<&str> = texts.iter().map(|t| t.unwrap_or("")).collect();
            let (intent, reason) = intent::decide(q.title.trim(), q.intent, &answers, non_answers);
            out.push(crate::model::QuestionIntent { population: p.name.clone(), question: q.id.clone(), intent, reason });
        }
    }
    Ok(out)
}

/// "其他" texts analysed as a question of their own from this many answers.
const MIN_OTHER_TEXTS: usize = 20;

fn jobs(survey: &Survey) -> PolarsResult<Vec<Job>> {
    let mut out: Vec<Job> = Vec::new();
    for (pi, p) in survey.populations.iter().enumerate() {
        for q in &p.questions {
            // Only opinions are read for concerns (names, fill-ins and placeholders never),
            // and the "其他" texts of closed questions.
            let (source, column) = match (q.kind, q.role, &q.other_text, q.fields.first()) {
                (Kind::Text, Role::Opinion, _, Some(f)) => (TextSource::Open, f.column.clone()),
                (Kind::Text, _, _, _) => continue,
                // "其他" of a question about the respondent (外卖骑手, 自由职业) describes
                // them, not a concern: listed with the other texts, not analysed.
                (_, Role::Answer, Some(col), _) if !crate::model::about_respondent(q) => (TextSource::Other, col.clone()),
                _ => continue,
            };
            if source == TextSource::Other {
                let n = p.texts(&column)?.iter().filter(|v| v.is_some_and(|v| !v.trim().is_empty())).count();
                if n < MIN_OTHER_TEXTS {
                    continue;
                }
            }
            let title = q.title.trim().to_string();
            // The same question asked of several populations is analysed once, pooled.
            match out.iter_mut().find(|j| j.source == source && j.title == title && !j.parts.iter().any(|x| x.0 == pi)) {
                Some(j) => {
                    j.parts.push((pi, q.id.clone(), column));
                    j.given = j.given.or(q.intent);
                }
                None => out.push(Job {
                    question: if source == TextSource::Open { q.id.clone() } else { crate::model::naming::other(&q.id) },
                    title,
                    source,
                    parts: vec![(pi, q.id.clone(), column)],
                    given: q.intent,
                }),
            }
        }
    }
    // Different questions with the same id in different populations: name them apart.
    let ids: Vec<String> = out.iter().map(|j| j.question.clone()).collect();
    for j in out.iter_mut() {
        if ids.iter().filter(|i| **i == j.question).count() > 1 {
            j.question = format!("{}-{}", survey.populations[j.parts[0].0].name, j.question);
        }
    }
    Ok(out)
}

/// Long messages (letters, message-board posts, hotline work orders) are about one matter
/// each, addressed to whoever handles it, and carry much that is not the matter (greetings,
/// places, dates, the writer's situation), which pulls a model fitted on their words
/// alone towards the writers' ways of writing. When a question's answers are that long
/// (median at least `LONG_ANSWER` characters), the top-level category the taxonomy files
/// an answer under, when sure (confidence ≥ `ANCHOR_CONFIDENCE`, not 其他), anchors it
/// in that category's cluster; discovery places the rest, and forms concerns of its own
/// from them. Short answers to one question share a theme and differ below the
/// departments' level: they are left to discovery alone (no anchors). See docs/text.md.
pub fn matter_hints(filed: &[Department], texts: &[&str]) -> Vec<Option<u32>> {
    let mut lengths: Vec<usize> = texts.iter().map(|t| t.trim().chars().count()).filter(|&n| n > 0).collect();
    lengths.sort_unstable();
    if lengths.is_empty() || lengths[lengths.len() / 2] < LONG_ANSWER {
        return Vec::new();
    }
    let mut categories: Vec<&str> = Vec::new();
    filed
        .iter()
        .map(|d| {
            if d.confidence < ANCHOR_CONFIDENCE || d.category == "其他" || d.category.is_empty() {
                return None;
            }
            let i = categories.iter().position(|x| *x == d.category).unwrap_or_else(|| {
                categories.push(&d.category);
                categories.len() - 1
            });
            Some(i as u32)
        })
        .collect()
}

/// See [`matter_hints`].
const LONG_ANSWER: usize = 100;
const ANCHOR_CONFIDENCE: f64 = 0.5;

/// Whether the survey has anything for the text stage to read.
pub fn has_open_answers(survey: &Survey) -> PolarsResult<bool> {
    Ok(!jobs(survey)?.is_empty())
}

/// One open question's answers as read: each text (redacted, simplified when asked),
/// where it came from (population index, row) and the response ids of each population.
struct Gathered {
    texts: Vec<Option<String>>,
    origin: Vec<(usize, usize)>,
    ids: Vec<Vec<String>>,
}

impl Gathered {
    fn read(survey: &Survey, job: &Job, opts: &TextOptions) -> PolarsResult<Gathered> {
        let mut g = Gathered { texts: Vec::new(), origin: Vec::new(), ids: Vec::new() };
        for (pi, _, column) in &job.parts {
            let p = &survey.populations[*pi];
            let col = p.texts(column)?;
            let mut raw: Vec<Option<&str>> = Vec::new();
            for (row, v) in col.iter().enumerate() {
                let v = v.filter(|v| !v.trim().is_empty());
                if job.source == TextSource::Other && v.is_none() {
                    continue; // only those who chose 其他 and typed something
                }
                raw.push(v);
                g.origin.push((*pi, row));
            }
            // Personal data out before anything is segmented (in simplified characters,
            // which the rules for names are written in: "我叫張偉").
            use rayon::prelude::*;
            g.texts.par_extend(raw.into_par_iter().map(|v| {
                v.map(|v| if opts.simplify { redact(&fast2s::convert(v)).into_owned() } else { redact(v).into_owned() })
            }));
            g.ids.push(p.ids()?);
        }
        Ok(g)
    }

    /// The response id of answer `i`.
    fn id(&self, job: &Job, i: usize) -> &str {
        let (pi, row) = self.origin[i];
        self.ids[job.slot(pi)][row].as_str()
    }
}

impl Job {
    /// The place of population `pi` among the question's parts.
    fn slot(&self, pi: usize) -> usize {
        self.parts.iter().position(|x| x.0 == pi).unwrap_or(0)
    }
}

/// The corrections of this question, with the answer each move names (by population and
/// response id).
fn fix_for(opts: &TextOptions, survey: &Survey, job: &Job, g: &Gathered) -> Option<corrections::Fix> {
    let c = opts.corrections.iter().find(|c| c.question == job.question)?;
    let index: std::collections::HashMap<(&str, &str), usize> =
        (0..g.origin.len()).map(|i| ((survey.populations[g.origin[i].0].name.as_str(), g.id(job, i)), i)).collect();
    let answers = c
        .steps
        .iter()
        .map(|s| match s {
            crate::model::Step::Move { population, response, .. } => index.get(&(population.as_str(), response.as_str())).copied(),
            _ => None,
        })
        .collect();
    Some(corrections::Fix { correction: c.clone(), answers })
}

/// The same question in an earlier wave (`--compare-with`), matched by title and source.
fn previous_for(opts: &TextOptions, job: &Job) -> Option<crate::model::PreviousQuestion> {
    let t = crate::util::similar::normalized_title(&job.title);
    opts.previous.iter().find(|p| p.source == job.source.name() && crate::util::similar::normalized_title(&p.title) == t).cloned()
}

/// What the stage reads besides the survey.
struct Reading<'a> {
    survey: &'a Survey,
    seg: &'a segment::Segmenter,
    taxonomy: &'a departments::Taxonomy,
    opts: &'a TextOptions,
    /// Per population, the responses screening flagged for a look (never quoted).
    flagged: Vec<std::collections::HashSet<&'a str>>,
}

/// Analyse every open question of the (screened) survey. Responses screening flagged for
/// a look are counted like any other but never quoted.
/// Answers and concerns are filed under `taxonomy` (see [`departments`]).
pub fn analyse(
    survey: &Survey,
    screening: &Screening,
    seg: &segment::Segmenter,
    taxonomy: &departments::Taxonomy,
    opts: &TextOptions,
) -> PolarsResult<TextResults> {
    let mut results = TextResults::default();
    let flagged = survey
        .populations
        .iter()
        .map(|p| {
            let account = screening.populations.iter().find(|a| a.population == p.name);
            account.map(|a| a.flagged.values().flatten().map(String::as_str).collect()).unwrap_or_default()
        })
        .collect();
    let r = Reading { survey, seg, taxonomy, opts, flagged };
    for job in jobs(survey)? {
        question(&r, &job, &mut results)?;
    }
    for c in &opts.corrections {
        if !results.questions.iter().any(|q| q.question == c.question) {
            let known: Vec<&str> = results.questions.iter().map(|q| q.question.as_str()).collect();
            results.warnings.push(format!(
                "更正记录中的问题 {} 不在本次分析的开放题中（开放题为：{}），这部分更正未应用",
                c.question,
                known.join("、")
            ));
        }
    }
    results.items = closed_items(survey, taxonomy);
    Ok(results)
}

/// One open question: its concerns found, filed and written into `results` (the question,
/// its concerns, every answer's row).
fn question(r: &Reading, job: &Job, results: &mut TextResults) -> PolarsResult<()> {
    let (survey, seg, opts) = (r.survey, r.seg, r.opts);
    let g = Gathered::read(survey, job, opts)?;
    let refs: Vec<Option<&str>> = g.texts.iter().map(|t| t.as_deref()).collect();
    // Never quoted: what screening flagged, and an answer telling a health, criminal or
    // family detail together with what points at its writer.
    let unquotable = (0..g.origin.len())
        .map(|i| r.flagged[g.origin[i].0].contains(g.id(job, i)) || g.texts[i].as_deref().is_some_and(crate::util::redact::exposes))
        .collect();
    // Every answer filed under the department taxonomy (before discovery, which the
    // filing anchors when the answers are long; see `matter_hints`).
    let all: Vec<&str> = g.texts.iter().map(|t| t.as_deref().unwrap_or("")).collect();
    // The texts typed after "其他" are read as they always were, as problems (a closed
    // question's options are what it asks about).
    let (intent, intent_reason) = match job.source {
        TextSource::Other => (Intent::Problem, "“其他”选项的填写内容，按问题处理".to_string()),
        TextSource::Open => intent::decide(&job.title, job.given, &all, &opts.non_answers),
    };
    let suggestions = intent == Intent::Suggestion;
    let filed = r.taxonomy.classify_all(&all, |x| seg.cut(x).into_iter().map(str::to_string).collect());
    let hints = matter_hints(&filed, &all);
    // (Long messages only: what names a concern no phrase of its answers covers.)
    let matters = if hints.is_empty() { Vec::new() } else { filed.iter().map(|d| (!d.sub.is_empty()).then(|| d.path())).collect() };
    let copts = ConcernOpts {
        k: opts.k,
        previous: previous_for(opts, job),
        k_max: crate::model::concern_limit(opts.max_concerns, job.source),
        seed: opts.seed,
        min_share: opts.min_share,
        non_answers: opts.non_answers.clone(),
        codebook: opts.codebook.clone(),
        suggestion_question: suggestions,
        // A description or praise question: every clause is what people report, and
        // nothing in it is a measure to propose.
        reads_stance: intent.carries_matters(),
        measures: intent.carries_matters(),
        unquotable,
        fix: fix_for(opts, survey, job, &g),
        // A long message is about one matter: its one concern is the whole message's.
        one_matter: !hints.is_empty(),
        hints,
        matters,
        ..Default::default()
    };
    let found = concerns::find_filed(&refs, seg, &copts, Some(r.taxonomy));
    if let Some(a) = &found.applied {
        results.corrections.extend(found.carried.clone());
        if !a.exact {
            results.warnings.push(format!(
                "问题 {} 的更正记录是在另一份数据（或另一组分析设置）上做的，无法逐条重现：已把更正后的类别按其关键词归类，并保留了移入这些类别的回答",
                job.question
            ));
        }
        for why in &a.skipped {
            results.warnings.push(format!("问题 {} 的一条更正未能应用：{why}", job.question));
        }
    }
    let (kw, tr) = seg.keywords(&keyword_text(&g.texts, &found, opts.seed), 50 + crate::util::words::words().names.display_stopwords.len());
    results.questions.push(OpenQuestion {
        question: job.question.clone(),
        title: job.title.clone(),
        source: job.source,
        populations: job.parts.iter().map(|x| survey.populations[x.0].name.clone()).collect(),
        answered: found.answered,
        no_problem: found.no_problem,
        praise: found.praise,
        non_answers: found.non_answers,
        empty: found.empty,
        discovered: found.discovered,
        named: found.concerns.iter().filter(|c| c.id > 0).count(),
        asks_suggestions: suggestions,
        intent,
        intent_reason,
        keywords: shown_keywords(kw, &job.title, 50),
        textrank: shown_keywords(tr, &job.title, 50),
        network: keywords::network(&found.terms, &found.words, 40, 60),
        fingerprint: found.fingerprint.clone(),
        corrections: found.applied.clone(),
        earlier_wave: copts.previous.as_ref().filter(|p| !p.answers.is_empty()).map(|p| p.report.clone()),
    });
    let pop_slot = |pi: usize| job.slot(pi);
    let (mut outs, dims) = concern_outputs(survey, job, &found, &g.origin, &g.ids, &pop_slot)?;
    for (slot, (pi, _, _)) in job.parts.iter().enumerate() {
        let name = &survey.populations[*pi].name;
        if !results.dimensions.iter().any(|d| &d.population == name) {
            let list = dims[slot].iter().map(|(id, title, _, options)| (id.clone(), title.clone(), options.clone())).collect();
            results.dimensions.push(crate::model::Dimensions { population: name.clone(), dims: list });
        }
    }
    // A concern is filed under what most of the answers whose main concern it is were
    // filed under.
    for o in &mut outs {
        let id = o.concern.id;
        let own = found.assignments.iter().zip(&filed).filter(|(a, _)| a.primary == Some(id)).map(|(_, d)| d);
        o.department = r.taxonomy.combine(own);
    }
    results.concerns.extend(outs);
    let label_of = |id: usize| found.concerns.iter().find(|c| c.id == id).map_or(String::new(), |c| c.label.clone());
    for (i, a) in found.assignments.iter().enumerate() {
        let pi = g.origin[i].0;
        results.answers.push(AnswerRow {
            population: survey.populations[pi].name.clone(),
            response_id: g.id(job, i).to_string(),
            question: job.question.clone(),
            status: a.status.name(),
            concern_id: a.primary,
            concern_label: a.primary.map(label_of).unwrap_or_default(),
            all_concern_ids: a.all.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(";"),
            order: a.order.clone(),
            department: if a.status == Status::Answer { filed[i].path() } else { String::new() },
            // Already redacted when gathered.
            text: g.texts[i].clone().unwrap_or_default(),
            groups: dims[job.slot(pi)].iter().map(|d| d.2[i].map_or(u16::MAX, |gr| gr.min(u16::MAX as usize - 1) as u16)).collect(),
        });
    }
    Ok(())
}

/// Every closed item that states a matter (scale questions, matrix rows, options of
/// choice questions that do not ask about the respondent), filed under the taxonomy.
fn closed_items(survey: &Survey, taxonomy: &departments::Taxonomy) -> Vec<crate::model::ItemDepartment> {
    let mut out = Vec::new();
    for p in &survey.populations {
        for q in p.questions.iter().filter(|q| q.role == crate::model::Role::Answer && !crate::model::about_respondent(q)) {
            let labels: Vec<String> = match q.kind {
                Kind::Likert => vec![q.title.clone()],
                Kind::Matrix => q.fields.iter().filter_map(|f| f.label.clone()).collect(),
                Kind::Multi | Kind::Single => q.options.iter().filter(|c| !c.other).map(|c| c.label.clone()).collect(),
                _ => Vec::new(),
            };
            for label in labels {
                let department = taxonomy.classify(&label);
                out.push(crate::model::ItemDepartment { population: p.name.clone(), question: q.id.clone(), label, department });
            }
        }
    }
    out
}

/// Keywords worth showing: not a word of the question itself ("突出" of "存在哪些突出
/// 问题"), not a word that says how rather than what (`[names] display_stopwords`: kept
/// for clustering, where in other texts they can carry meaning).
fn shown_keywords(kw: Vec<Keyword>, title: &str, top: usize) -> Vec<Keyword> {
    kw.into_iter()
        .filter(|k| !title.contains(k.word.as_str()) && !crate::util::words::words().names.display_stopwords.contains(&k.word.as_str()))
        .take(top)
        .collect()
}

/// The text keywords are extracted from: answers (not non-answers), at most ~2 MB, chosen
/// and ordered by a hash of their text so the input order does not matter.
fn keyword_text(texts: &[Option<String>], found: &Found, seed: u64) -> String {
    let mut v: Vec<(u64, &str)> = texts
        .iter()
        .zip(&found.assignments)
        .filter(|(_, a)| a.status == Status::Answer)
        .filter_map(|(t, _)| t.as_deref())
        .map(|t| (unit::stable_hash(seed, t), t))
        .collect();
    v.par_sort_unstable();
    let mut out = String::new();
    for (_, t) in v {
        if out.len() > 2_000_000 {
            break;
        }
        out.push_str(&crate::util::redact::without_placeholders(&normalize::normalize(t)));
        out.push('\n');
    }
    out
}

/// A grouping dimension of one population within a job: question id, title, the group
/// (option index) of every answer of the job, the group labels.
type Dim = (String, String, Vec<Option<usize>>, Vec<String>);

fn concern_outputs(
    survey: &Survey,
    job: &Job,
    found: &Found,
    origin: &[(usize, usize)],
    ids: &[Vec<String>],
    pop_slot: &dyn Fn(usize) -> usize,
) -> PolarsResult<(Vec<ConcernOut>, Vec<Vec<Dim>>)> {
    // Per population and grouping question: the group (option index) of every answer
    // of this job that belongs to the population and was answered.
    let mut dims: Vec<Vec<Dim>> = Vec::new();
    for (pi, _, _) in &job.parts {
        let p = &survey.populations[*pi];
        let mut v = Vec::new();
        for d in crate::model::dimensions(p) {
            let Some(q) = p.question(&d) else { continue };
            let Some(f) = q.fields.first() else { continue };
            let Ok(col) = p.texts(&f.column) else { continue };
            let options: Vec<String> = q.option_labels().iter().map(|s| s.to_string()).collect();
            let labels: Vec<Option<&str>> = col.iter().collect();
            let group_of: Vec<Option<usize>> = origin
                .iter()
                .zip(&found.assignments)
                .map(|(&(p, row), a)| {
                    if p != *pi || !a.status.said_something() {
                        return None;
                    }
                    let l = labels.get(row).copied().flatten()?;
                    options.iter().position(|o| o == l)
                })
                .collect();
            v.push((q.id.clone(), q.title.clone(), group_of, options));
        }
        dims.push(v);
    }
    let answered_in = |pi: usize| found.assignments.iter().zip(origin).filter(|(a, o)| o.0 == pi && a.status.said_something()).count();
    let mut out = Vec::new();
    for c in &found.concerns {
        let raised = |i: usize| found.assignments[i].all.contains(&c.id);
        let by_population: Vec<PopulationShare> = job
            .parts
            .iter()
            .map(|(pi, _, _)| {
                let x = (0..origin.len()).filter(|&i| origin[i].0 == *pi && raised(i)).count();
                PopulationShare { population: survey.populations[*pi].name.clone(), share: Share::new(x, answered_in(*pi)) }
            })
            .collect();
        let mut by_group = Vec::new();
        for (slot, (pi, _, _)) in job.parts.iter().enumerate() {
            for (dim, title, group_of, options) in &dims[slot] {
                let mut n = vec![0usize; options.len()];
                let mut x = vec![0usize; options.len()];
                for (i, g) in group_of.iter().enumerate() {
                    if let Some(g) = g {
                        n[*g] += 1;
                        x[*g] += usize::from(raised(i));
                    }
                }
                for (g, label) in options.iter().enumerate().filter(|(g, _)| n[*g] > 0) {
                    by_group.push(GroupShare {
                        population: survey.populations[*pi].name.clone(),
                        dimension: dim.clone(),
                        dimension_title: title.clone(),
                        group: label.clone(),
                        share: Share::new(x[g], n[g]),
                    });
                }
            }
        }
        out.push(ConcernOut {
            question: job.question.clone(),
            source: job.source,
            department: Department::default(),
            concern: c.clone(),
            by_population,
            by_group,
            quotes: c
                .quotes
                .iter()
                .map(|q| {
                    let (pi, row) = origin[q.answer];
                    QuoteOut {
                        population: survey.populations[pi].name.clone(),
                        response_id: ids[pop_slot(pi)][row].clone(),
                        text: q.text.clone(),
                    }
                })
                .collect(),
        });
    }
    Ok((out, dims))
}

/// `concerns.csv`: one row per answer (texts redacted).
pub fn concerns_csv(rows: &[AnswerRow]) -> csv::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "population",
        "response_id",
        "question",
        "status",
        "concern_id",
        "concern_label",
        "all_concern_ids",
        "department",
        "text",
    ])?;
    for r in rows {
        w.write_record([
            r.population.as_str(),
            &r.response_id,
            &r.question,
            r.status,
            &r.concern_id.map(|c| c.to_string()).unwrap_or_default(),
            &r.concern_label,
            &r.all_concern_ids,
            &r.department,
            &r.text,
        ])?;
    }
    w.into_inner().map_err(|e| csv::Error::from(std::io::Error::other(e.to_string())))
}
