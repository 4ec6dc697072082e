//! `minyi sample`: a deterministic generator of the two bundled surveys — 455
//! industrial-park and 4,112 resident questionnaires — laid out exactly as 问卷星
//! exports them ("按选项文本"; also "按选项序号" and a 腾讯问卷 layout for tests),
//! with planted concerns in the open answers and the ground truth written beside them.

mod export;
pub mod phrases;
pub mod spec;

pub use export::{csv_text, table, write_xlsx, Layout, Out};

use phrases::Concern;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
use spec::{QDef, QKind};
use std::path::{Path, PathBuf};

pub const SAMPLE_SEED: u64 = 2024;

/// One respondent's answer to one question.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Skipped,
    Empty,
    /// Option index, with the text typed after "其他" when that option was chosen.
    Choice(usize, Option<String>),
    Multi(Vec<usize>, Option<String>),
    Matrix(Vec<usize>),
    Number(f64),
    Text(String),
}

#[derive(Debug, Clone)]
pub struct Response {
    pub id: u32,
    /// Seconds after the survey opened.
    pub submitted: i64,
    pub seconds: u32,
    pub source: &'static str,
    pub ip: String,
    pub answers: Vec<Answer>,
}

/// What an open answer was built from.
#[derive(Debug, Clone, Serialize)]
pub struct OpenTruth {
    pub response_id: u32,
    pub question: u32,
    /// Planted concern ids, primary first; empty for non-answers and blanks.
    pub concerns: Vec<String>,
    pub status: &'static str,
}

/// A generated survey: its questionnaire, the responses and the truth of open answers.
pub struct Generated {
    pub survey: &'static spec::SurveySpec,
    /// The day the survey opened.
    pub start: (i32, u32, u32),
    pub responses: Vec<Response>,
    pub truth: Vec<OpenTruth>,
    /// Response ids planted as duplicates / speeders / straight-liners.
    pub planted: Vec<(u32, &'static str)>,
}

fn pick_weighted(rng: &mut ChaCha8Rng, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().sum();
    let mut x = rng.random::<f64>() * total;
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    // Rounding left a little over: the last option that can be drawn.
    weights.iter().rposition(|&w| w > 0.0).unwrap_or(weights.len() - 1)
}

/// A 1–5 scale point around a mean, as an option index 0–4.
fn scale_point(rng: &mut ChaCha8Rng, mean: f64) -> usize {
    let noise: f64 = (0..3).map(|_| rng.random::<f64>() - 0.5).sum::<f64>() * 1.6;
    ((mean + noise).round().clamp(1.0, 5.0) as usize) - 1
}

/// Generate one survey with its planned number of responses.
pub fn generate(survey: &'static spec::SurveySpec, seed: u64) -> Generated {
    generate_n(survey, seed, survey.n)
}

/// Generate `n` responses of a survey (benchmarks use large `n`).
pub fn generate_n(survey: &'static spec::SurveySpec, seed: u64, n: usize) -> Generated {
    generate_wave_n(survey, None, seed, n)
}

/// Generate a later wave of a survey with its planned number of responses.
pub fn generate_wave(wave: &'static spec::WaveSpec, seed: u64) -> Generated {
    generate_wave_n(wave.base, Some(wave), seed, wave.n)
}

fn generate_wave_n(survey: &'static spec::SurveySpec, wave: Option<&'static spec::WaveSpec>, seed: u64, n: usize) -> Generated {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ wave.map_or(survey.salt, |w| w.salt));
    let start = wave.map_or(survey.start, |w| w.start);
    let mut g = Generated { survey, start, responses: Vec::with_capacity(n), truth: Vec::new(), planted: Vec::new() };
    let mut clock: i64 = 8 * 3600;
    let mut id = 0u32;
    while g.responses.len() < n {
        id += 1;
        clock += rng.random_range(5..(survey.gap_seconds * 2));
        // A planted exact duplicate: the same person submitting twice.
        if g.responses.len() > 10 && rng.random_bool(0.008) {
            plant_duplicate(&mut g, &mut rng, id, clock);
            continue;
        }
        let speeder = rng.random_bool(0.02);
        let straight = !speeder && rng.random_bool(0.01);
        let seconds =
            if speeder { rng.random_range(18..45) } else { (rng.random_range(150.0..400.0f64) * (1.0 + rng.random::<f64>())) as u32 };
        if speeder {
            g.planted.push((id, "speeder"));
        }
        if straight {
            g.planted.push((id, "straight_line"));
        }
        let mut r = Respondent { id, straight, group: 0, mood: 3.4, answers: Vec::with_capacity(survey.questions.len()) };
        for (qi, q) in survey.questions.iter().enumerate() {
            let a = answer(&mut rng, survey, wave, &mut r, qi, q, &mut g.truth);
            r.answers.push(a);
        }
        let ip = format!(
            "{}.{}.{}.{}({})",
            rng.random_range(36..223),
            rng.random_range(0..255),
            rng.random_range(0..255),
            rng.random_range(1..254),
            spec::REGIONS.choose(&mut rng).unwrap_or(&"")
        );
        let source = *["手机提交", "微信", "链接"].choose(&mut rng).unwrap_or(&"微信");
        g.responses.push(Response { id, submitted: clock, seconds, source, ip, answers: r.answers });
    }
    g
}

/// A copy of one of the last five responses under a new id and time, with its truth.
fn plant_duplicate(g: &mut Generated, rng: &mut ChaCha8Rng, id: u32, clock: i64) {
    let prev: &Response = &g.responses[g.responses.len() - 1 - rng.random_range(0..5)];
    let mut dup = prev.clone();
    dup.id = id;
    dup.submitted = clock;
    g.planted.push((id, "duplicate"));
    // The copied response is among the last few: look only at the tail of the truth.
    let open = g.survey.questions.iter().filter(|q| matches!(q.kind, QKind::Open { .. })).count();
    let tail = g.truth.len().saturating_sub(6 * open);
    let copied: Vec<OpenTruth> =
        g.truth[tail..].iter().filter(|t| t.response_id == prev.id).map(|t| OpenTruth { response_id: id, ..t.clone() }).collect();
    g.truth.extend(copied);
    g.responses.push(dup);
}

/// The respondent being generated: the district or park (`group`) and the `mood` it sets
/// drive satisfaction and concerns.
struct Respondent {
    id: u32,
    straight: bool,
    group: usize,
    mood: f64,
    answers: Vec<Answer>,
}

/// One question's answer.
fn answer(
    rng: &mut ChaCha8Rng,
    survey: &spec::SurveySpec,
    wave: Option<&spec::WaveSpec>,
    r: &mut Respondent,
    qi: usize,
    q: &spec::QDef,
    truth: &mut Vec<OpenTruth>,
) -> Answer {
    match &q.kind {
        QKind::Single { options, weights, other } => {
            let i = pick_weighted(rng, weights);
            if q.group {
                r.group = i;
                r.mood = survey.mood[i];
            }
            let text = (*other && i == options.len() - 1).then(|| q.others.choose(rng).unwrap_or(&"").to_string());
            Answer::Choice(i, text.filter(|t| !t.is_empty()))
        }
        QKind::Likert => Answer::Choice(if r.straight { 4 } else { scale_point(rng, r.mood) }, None),
        QKind::LikertIf { question, option } => match &r.answers[*question] {
            Answer::Choice(i, _) if i == option => Answer::Skipped,
            _ => Answer::Choice(scale_point(rng, r.mood + 0.2), None),
        },
        QKind::Matrix { rows, .. } => {
            if r.straight {
                Answer::Matrix(vec![4; rows.len()])
            } else {
                let rise = |row: usize| wave.map_or(0.0, |w| w.rise(qi, row));
                Answer::Matrix(
                    (0..rows.len()).map(|row| scale_point(rng, r.mood + survey.row_shift(qi, row, r.group) + rise(row))).collect(),
                )
            }
        }
        QKind::Multi { options, weights, other } => {
            let mut chosen: Vec<usize> = (0..options.len()).filter(|&i| rng.random_bool(weights[i])).collect();
            if let Some(&excl) = q.exclusive.as_ref() {
                if chosen.contains(&excl) {
                    chosen = vec![excl];
                }
            }
            if chosen.is_empty() {
                chosen.push(rng.random_range(0..options.len() - usize::from(*other)));
            }
            let text = (*other && chosen.contains(&(options.len() - 1))).then(|| q.others.choose(rng).unwrap_or(&"").to_string());
            if rng.random_bool(0.01) {
                Answer::Skipped
            } else {
                Answer::Multi(chosen, text.filter(|t| !t.is_empty()))
            }
        }
        QKind::Rating => Answer::Number(((r.mood - 1.0) * 2.2 + rng.random_range(-2.0..2.5f64)).round().clamp(0.0, 10.0)),
        QKind::Numeric { min, max } => {
            if rng.random_bool(0.05) {
                Answer::Empty
            } else {
                Answer::Number((rng.random_range(*min..*max) * rng.random::<f64>()).round().max(*min))
            }
        }
        QKind::Open { suggestion } => open_answer(rng, survey, wave, r, q.number, *suggestion, truth),
    }
}

/// An open answer (empty, a non-answer, or one to three concerns composed into text),
/// with its truth recorded.
fn open_answer(
    rng: &mut ChaCha8Rng,
    survey: &spec::SurveySpec,
    wave: Option<&spec::WaveSpec>,
    r: &Respondent,
    question: u32,
    suggestion: bool,
    truth: &mut Vec<OpenTruth>,
) -> Answer {
    let bank: &[Concern] = survey.concerns;
    let x: f64 = rng.random();
    let status;
    let mut concerns: Vec<usize> = Vec::new();
    let mut raised: Vec<&Concern> = Vec::new();
    let a = if x < 0.08 {
        status = "empty";
        Answer::Empty
    } else if x < 0.20 {
        status = "non_answer";
        Answer::Text(phrases::NON_ANSWERS.choose(rng).unwrap_or(&"无").to_string())
    } else {
        status = "answer";
        let k = pick_weighted(rng, &[0.6, 0.3, 0.1]) + 1;
        let w = survey.concern_weights(r.group);
        let w_group = &w;
        while concerns.len() < k {
            let c = pick_weighted(rng, &w);
            if !concerns.contains(&c) {
                concerns.push(c);
            }
        }
        raised = concerns.iter().map(|&c| &bank[c]).collect();
        if let Some(w) = wave {
            // After a measure, some of a group's mentions of a concern are no longer made;
            // a new concern joins some answers.
            // A respondent who raised only that concern raises another instead (drawn as
            // the others are), so that nobody stops answering and every other concern's
            // share stays about what it was.
            let fall = |c: &Concern| bank.iter().position(|b| b.id == c.id).map_or(0.0, |i| w.fall(i, r.group));
            let only = raised.len() == 1;
            let dropped: Vec<bool> = raised.iter().map(|c| fall(c) > 0.0 && rng.random_bool(fall(c))).collect();
            if only && dropped[0] {
                let others: Vec<f64> = (0..bank.len()).map(|i| if bank[i].id == raised[0].id { 0.0 } else { w_group[i] }).collect();
                raised[0] = &bank[pick_weighted(rng, &others)];
            } else {
                let mut i = 0;
                raised.retain(|_| {
                    i += 1;
                    !dropped[i - 1]
                });
            }
            if let Some((c, p)) = w.new_concern {
                if rng.random_bool(p) {
                    raised.push(c);
                }
            }
        }
        Answer::Text(phrases::compose(rng, &raised, suggestion))
    };
    truth.push(OpenTruth { response_id: r.id, question, concerns: raised.iter().map(|c| c.id.to_string()).collect(), status });
    a
}

/// The questionnaire as the generator knows it, for tests of ingest.
#[derive(Debug, Serialize)]
pub struct QuestionRecord {
    pub number: u32,
    pub title: String,
    pub kind: String,
    pub options: Vec<String>,
    pub rows: Vec<String>,
}

pub fn questionnaire(s: &spec::SurveySpec) -> Vec<QuestionRecord> {
    s.questions
        .iter()
        .map(|q: &QDef| QuestionRecord {
            number: q.number,
            title: q.title.to_string(),
            kind: q.kind.kind_name().to_string(),
            options: q.kind.options().iter().map(|s| s.to_string()).collect(),
            rows: match &q.kind {
                QKind::Matrix { rows, .. } => rows.iter().map(|s| s.to_string()).collect(),
                _ => Vec::new(),
            },
        })
        .collect()
}

/// What a later wave planted, as written to `truth/changes.json`.
#[derive(Debug, Serialize)]
pub struct PlantedChanges {
    pub population: String,
    /// Concerns raised less in one group (and therefore overall).
    pub falls: Vec<PlantedFall>,
    /// Concerns new in this wave.
    pub new_concerns: Vec<PlantedConcern>,
    /// Satisfaction raised on a matrix row.
    pub rises: Vec<PlantedRise>,
}

#[derive(Debug, Serialize)]
pub struct PlantedFall {
    pub concern: String,
    pub name: String,
    /// The open questions it was planted in (their numbers).
    pub questions: Vec<u32>,
    pub group_question: u32,
    pub group: String,
    /// Share of the group's mentions no longer made.
    pub dropped: f64,
}

#[derive(Debug, Serialize)]
pub struct PlantedConcern {
    pub concern: String,
    pub name: String,
    pub questions: Vec<u32>,
    /// Probability that an answer also raises it.
    pub added_to_answers: f64,
}

#[derive(Debug, Serialize)]
pub struct PlantedRise {
    pub question: u32,
    pub title: String,
    pub row: String,
    /// Shift of the mean, in scale points, before rounding to the scale.
    pub shift: f64,
}

/// The truth of a later wave's planted changes.
pub fn planted(w: &spec::WaveSpec) -> PlantedChanges {
    let s = w.base;
    let open: Vec<u32> = s.questions.iter().filter(|q| matches!(q.kind, QKind::Open { .. })).map(|q| q.number).collect();
    let group_q = s.questions.iter().find(|q| q.group);
    PlantedChanges {
        population: crate::model::naming::population(Path::new(&format!("{}.xlsx", s.file))),
        falls: w
            .falls
            .iter()
            .map(|&(c, g, dropped)| PlantedFall {
                concern: s.concerns[c].id.to_string(),
                name: s.concerns[c].name.to_string(),
                questions: open.clone(),
                group_question: group_q.map_or(0, |q| q.number),
                group: group_q.and_then(|q| q.kind.options().get(g)).unwrap_or(&"").to_string(),
                dropped,
            })
            .collect(),
        new_concerns: w
            .new_concern
            .iter()
            .map(|&(c, p)| PlantedConcern {
                concern: c.id.to_string(),
                name: c.name.to_string(),
                questions: open.clone(),
                added_to_answers: p,
            })
            .collect(),
        rises: w
            .rises
            .iter()
            .map(|&(q, row, shift)| {
                let def = &s.questions[q];
                let rows: &[&str] = match &def.kind {
                    QKind::Matrix { rows } => rows,
                    _ => &[],
                };
                PlantedRise { question: def.number, title: def.title.to_string(), row: rows.get(row).unwrap_or(&"").to_string(), shift }
            })
            .collect(),
    }
}

/// One generated survey written into `dir` (as 问卷星 exports it) with its truth in
/// `dir/truth` (its concerns list with the concern new in a later wave, if any).
fn write_one(dir: &Path, g: &Generated, new_concern: Option<&Concern>) -> anyhow::Result<Vec<PathBuf>> {
    let s = g.survey;
    let truth_dir = dir.join("truth");
    std::fs::create_dir_all(&truth_dir)?;
    let path = dir.join(format!("{}.xlsx", s.file));
    write_xlsx(&path, &table(g, Layout::WjxText))?;
    let q = truth_dir.join(format!("{}.questionnaire.json", s.file));
    std::fs::write(&q, serde_json::to_string_pretty(&questionnaire(s))? + "\n")?;
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["response_id", "question", "status", "concerns"])?;
    for t in &g.truth {
        w.write_record([t.response_id.to_string(), t.question.to_string(), t.status.to_string(), t.concerns.join(";")])?;
    }
    let a = truth_dir.join(format!("{}.open-answers.csv", s.file));
    std::fs::write(&a, w.into_inner()?)?;
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["response_id", "planted"])?;
    for (id, what) in &g.planted {
        w.write_record([id.to_string(), what.to_string()])?;
    }
    let p = truth_dir.join(format!("{}.screening.csv", s.file));
    std::fs::write(&p, w.into_inner()?)?;
    let c = truth_dir.join(format!("{}.concerns.csv", s.file));
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["id", "name"])?;
    for k in s.concerns.iter().chain(new_concern) {
        w.write_record([k.id, k.name])?;
    }
    std::fs::write(&c, w.into_inner()?)?;
    Ok(vec![path, q, a, p, c])
}

/// `minyi sample`: write both surveys and their truth into `dir`, and their second waves
/// (a year later, with planted changes and `truth/changes.json`) into `dir/第二轮`.
pub fn write_samples(dir: &Path, seed: u64) -> anyhow::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for s in [&spec::PARK, &spec::RESIDENT] {
        written.extend(write_one(dir, &generate(s, seed), None)?);
    }
    let mut changes = Vec::new();
    for w in spec::WAVES {
        let sub = dir.join(w.folder);
        written.extend(write_one(&sub, &generate_wave(w, seed), w.new_concern.map(|c| c.0))?);
        changes.push(planted(w));
    }
    let path = dir.join(spec::WAVE2_FOLDER).join("truth").join("changes.json");
    std::fs::write(&path, serde_json::to_string_pretty(&changes)? + "\n")?;
    written.push(path);
    Ok(written)
}
