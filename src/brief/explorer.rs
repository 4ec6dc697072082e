//! `explorer.html`: one self-contained page (no network, no server; scripts, styles and
//! data inline) to open every number of the brief and read the answers behind it. The
//! page is `explorer.html` (embedded with `include_str!`) with the data put in as JSON.
//!
//! Data are compact: answers are arrays `[population, response id, concern id (0 the
//! remainder, -1 no substance), concern ids in the order raised, text, group per dimension]`, the same
//! redacted texts as `concerns.csv`. Plain JavaScript renders the views; long lists draw only the rows in
//! view. See `docs/explorer.md`.

use crate::model::{Kind, Screening, Stats, TextResults, TextSource};
use serde::Serialize;

const PAGE: &str = include_str!("explorer.html");

#[derive(Serialize)]
struct Data<'a> {
    title: String,
    populations: Vec<Pop<'a>>,
    closed: Vec<Closed<'a>>,
    questions: Vec<Question<'a>>,
}

#[derive(Serialize)]
struct Pop<'a> {
    name: &'a str,
    read: usize,
    analysed: usize,
    excluded: usize,
    /// Grouping dimensions: `[title, [groups]]`, in the order of an answer's groups.
    dims: Vec<(&'a str, &'a [String])>,
}

#[derive(Serialize)]
struct Closed<'a> {
    population: &'a str,
    id: &'a str,
    title: &'a str,
    multi: bool,
    n: u64,
    /// `[label, count, percent]`
    options: Vec<(&'a str, u64, f64)>,
    rows: Vec<(&'a str, Vec<(&'a str, u64, f64)>)>,
}

#[derive(Serialize)]
struct Question<'a> {
    id: &'a str,
    title: &'a str,
    populations: &'a [String],
    answered: usize,
    /// What one of its groups is called: 问题, 建议, 情况, 方面.
    noun: &'static str,
    /// Its groups are matters (problems, suggestions) with a department and a rank; a
    /// description's are what people report (no department, no rank).
    matters: bool,
    other: bool,
    concerns: Vec<Concern<'a>>,
    /// See `OpenQuestion::fingerprint`: the corrections the page exports carry it.
    fingerprint: &'a str,
    /// The corrections this run replayed (or the seeds it took from corrections made on
    /// other answers), which the page's own continue.
    fix: Option<Fix<'a>>,
    /// `[population, response id, concern, concerns in the order raised (primary first),
    /// text, [group per dimension, -1 unknown]]`
    answers: Vec<(usize, &'a str, i64, String, &'a str, Vec<i32>)>,
}

#[derive(Serialize)]
struct Fix<'a> {
    concerns: &'a [crate::model::CorrectedConcern],
    steps: &'a [crate::model::Step],
}

#[derive(Serialize)]
struct Concern<'a> {
    id: usize,
    key: &'a str,
    label: &'a str,
    rank: usize,
    tied: &'a [usize],
    respondents: usize,
    share: f64,
    lo: f64,
    hi: f64,
    department: String,
    keywords: &'a [String],
    /// `[text, respondents]`
    measures: Vec<(&'a str, usize)>,
    /// `[population, dimension title, group, share, respondents, answered]`
    groups: Vec<(&'a str, &'a str, &'a str, f64, usize, usize)>,
    /// `[population, share, respondents, answered]`
    by_population: Vec<(&'a str, f64, usize, usize)>,
}

/// The page with its data.
pub fn html(title: &str, stats: &Stats, screening: &Screening, texts: &TextResults) -> serde_json::Result<String> {
    let pops: Vec<&str> = screening.populations.iter().map(|a| a.population.as_str()).collect();
    let data = Data {
        title: title.to_string(),
        populations: screening
            .populations
            .iter()
            .map(|a| Pop {
                name: &a.population,
                read: a.read,
                analysed: a.analysed,
                excluded: a.read - a.analysed.min(a.read),
                dims: texts
                    .dimensions
                    .iter()
                    .find(|d| d.population == a.population)
                    .map(|d| d.dims.iter().map(|(_, title, groups)| (title.as_str(), groups.as_slice())).collect())
                    .unwrap_or_default(),
            })
            .collect(),
        closed: stats
            .questions
            .iter()
            .filter(|q| q.is_closed() && (!q.options.is_empty() || !q.rows.is_empty()))
            .map(|q| Closed {
                population: &q.population,
                id: &q.id,
                title: &q.title,
                multi: q.kind == Kind::Multi,
                n: q.n_valid,
                options: q.options.iter().map(|o| (o.label.as_str(), o.count, round1(o.percent))).collect(),
                rows: q
                    .rows
                    .iter()
                    .map(|r| (r.label.as_str(), r.options.iter().map(|o| (o.label.as_str(), o.count, round1(o.percent))).collect()))
                    .collect(),
            })
            .collect(),
        questions: texts
            .questions
            .iter()
            .map(|q| Question {
                id: &q.question,
                title: &q.title,
                populations: &q.populations,
                answered: q.answered,
                noun: q.intent.group_word(),
                matters: q.carries_matters(),
                other: q.source == TextSource::Other,
                fingerprint: &q.fingerprint,
                fix: texts.corrections.iter().find(|c| c.question == q.question).map(|c| Fix { concerns: &c.concerns, steps: &c.steps }),
                concerns: texts
                    .concerns
                    .iter()
                    .filter(|c| c.question == q.question)
                    .map(|c| Concern {
                        id: c.concern.id,
                        key: &c.concern.key,
                        label: &c.concern.label,
                        rank: c.concern.rank,
                        tied: &c.concern.tied_with,
                        respondents: c.concern.share.respondents,
                        share: round1(c.concern.share.share),
                        lo: round1(c.concern.share.ci_low),
                        hi: round1(c.concern.share.ci_high),
                        department: c.department.path(),
                        keywords: &c.concern.keywords,
                        measures: c.concern.measures.iter().map(|m| (m.text.as_str(), m.respondents)).collect(),
                        groups: c
                            .by_group
                            .iter()
                            .map(|g| {
                                (
                                    g.population.as_str(),
                                    g.dimension_title.as_str(),
                                    g.group.as_str(),
                                    round1(g.share.share),
                                    g.share.respondents,
                                    g.share.answered,
                                )
                            })
                            .collect(),
                        by_population: c
                            .by_population
                            .iter()
                            .map(|b| (b.population.as_str(), round1(b.share.share), b.share.respondents, b.share.answered))
                            .collect(),
                    })
                    .collect(),
                answers: texts
                    .answers
                    .iter()
                    .filter(|a| a.question == q.question && a.status != "empty")
                    .map(|a| {
                        let p = pops.iter().position(|p| *p == a.population).unwrap_or(0);
                        let concern = if a.status == "answer" { a.concern_id.map_or(0, |c| c as i64) } else { -1 };
                        let groups = a.groups.iter().map(|&g| if g == u16::MAX { -1 } else { i32::from(g) }).collect();
                        let order = a.order.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(";");
                        (p, a.response_id.as_str(), concern, order, a.text.as_str(), groups)
                    })
                    .collect(),
            })
            .collect(),
    };
    let json = script_safe(&serde_json::to_string(&data)?);
    Ok(PAGE.replacen("/*DATA*/null", &json, 1))
}

/// JSON that cannot end or confuse the `<script>` element holding it: every `<`, `>`, `&`
/// and the two JavaScript line separators written as `\u` escapes (the same JSON string).
fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn data_cannot_end_its_script_element() {
        let text = "<!--<script></script>&\u{2028}";
        let s = super::script_safe(&serde_json::json!({ "t": text }).to_string());
        assert!(!s.contains(['<', '>', '&', '\u{2028}']));
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["t"], text);
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
