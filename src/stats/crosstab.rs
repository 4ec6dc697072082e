//! Cross-tabulations: every closed question by every group dimension (demographics
//! found by title, those named in the config) and, when several populations answered
//! the same question, by population.

use crate::model::Crosstab;
use crate::model::{naming, GroupBy, Kind, Part, Population, Question, Role, Survey, ALL_POPULATIONS, CHOSEN, NOT_CHOSEN};
use crate::util::math::chi_square;
use polars::prelude::*;

/// One variable of a cross-tab: a frame column of labels in a fixed order.
struct Var {
    id: String,
    part: Part,
    title: String,
    /// A string column (option labels) or a boolean column (multi-choice option).
    column: String,
    labels: Vec<String>,
    boolean: bool,
}

/// The closed-question variables of a population: single/Likert questions, each matrix
/// row and each multi-choice option (chosen / not chosen).
fn variables(p: &Population) -> Vec<Var> {
    let mut out = Vec::new();
    for q in p.questions.iter().filter(|q| q.role == Role::Answer) {
        match q.kind {
            Kind::Single | Kind::Likert => out.push(Var {
                id: q.id.clone(),
                part: Part::Whole,
                title: q.title.clone(),
                column: q.fields[0].column.clone(),
                labels: q.option_labels().iter().map(|s| s.to_string()).collect(),
                boolean: false,
            }),
            // A matrix row, or a multi-choice option (chosen / not chosen), is one variable.
            Kind::Matrix | Kind::Multi => {
                let boolean = q.kind == Kind::Multi;
                let labels: Vec<String> = if boolean {
                    vec![CHOSEN.into(), NOT_CHOSEN.into()]
                } else {
                    q.option_labels().iter().map(|s| s.to_string()).collect()
                };
                for (k, f) in q.fields.iter().enumerate() {
                    out.push(Var {
                        id: naming::part(&q.id, k),
                        part: if boolean { Part::Choice(k) } else { Part::MatrixRow(k) },
                        title: format!("{}—{}", q.title, f.label.as_deref().unwrap_or("")),
                        column: f.column.clone(),
                        labels: labels.clone(),
                        boolean,
                    })
                }
            }
            _ => {}
        }
    }
    out
}

/// Each cell's place among `labels` (`None` for a missing answer or a value not among
/// them). A boolean column (a multi-choice option) is 选择 / 未选择.
///
/// Reads the column's chunks directly: this runs inside rayon tasks, where a polars
/// operation that enters polars' own pool (a lazy `collect`, a parallel group-by) must not
/// run (docs/architecture.md, "Parallelism").
fn codes(c: &Column, labels: &[String], boolean: bool) -> PolarsResult<Vec<Option<u32>>> {
    let place = |l: &str| labels.iter().position(|x| x == l).map(|i| i as u32);
    let s = c.cast(&DataType::String)?;
    if boolean {
        let (chosen, not_chosen) = (place(CHOSEN), place(NOT_CHOSEN));
        return Ok(s.str()?.iter().map(|v| v.and_then(|v| if v == "true" { chosen } else { not_chosen })).collect());
    }
    let mut index: crate::util::FastMap<&str, u32> = Default::default();
    for (i, l) in labels.iter().enumerate() {
        index.entry(l.as_str()).or_insert(i as u32);
    }
    Ok(s.str()?.iter().map(|v| v.and_then(|v| index.get(v).copied())).collect())
}

/// Count (row, column) pairs of two frame columns and lay them out in label order
/// (rows without both answers are left out).
fn table(rows: &Column, cols: &Column, v: &Var, col_labels: &[String]) -> PolarsResult<Vec<Vec<u64>>> {
    let mut t = vec![vec![0u64; col_labels.len()]; v.labels.len()];
    let r = codes(rows, &v.labels, v.boolean)?;
    let c = codes(cols, col_labels, false)?;
    for (r, c) in r.into_iter().zip(c) {
        if let (Some(i), Some(j)) = (r, c) {
            t[i as usize][j as usize] += 1;
        }
    }
    Ok(t)
}

fn make(population: &str, v: &Var, by: GroupBy, by_title: &str, col_labels: Vec<String>, counts: Vec<Vec<u64>>) -> Crosstab {
    let n = counts.iter().flatten().sum();
    let test = chi_square(&counts);
    Crosstab {
        population: population.to_string(),
        question: v.id.clone(),
        part: v.part,
        question_title: v.title.clone(),
        by,
        by_title: by_title.to_string(),
        row_labels: v.labels.clone(),
        col_labels,
        residuals: test.as_ref().map(|t| t.residuals.clone()).unwrap_or_default(),
        chi2: test.as_ref().map(|t| t.chi2),
        df: test.as_ref().map(|t| t.df),
        p_value: test.as_ref().map(|t| t.p_value),
        cramers_v: test.as_ref().map(|t| t.cramers_v),
        min_expected: test.as_ref().map(|t| t.min_expected),
        reliable: test.as_ref().is_some_and(|t| t.reliable),
        counts,
        n,
    }
}

/// Every closed question by every group dimension of one population.
pub(crate) fn by_groups(p: &Population, dims: &[String]) -> PolarsResult<Vec<Crosstab>> {
    use rayon::prelude::*;
    let vars = variables(p);
    let mut jobs = Vec::new();
    for d in dims {
        let Some(g) = p.question(d) else { continue };
        for v in &vars {
            if v.id == g.id {
                continue;
            }
            jobs.push((g, v));
        }
    }
    let out: Vec<PolarsResult<Crosstab>> = jobs
        .par_iter()
        .map(|(g, v): &(&Question, &Var)| {
            let by_labels: Vec<String> = g.option_labels().iter().map(|s| s.to_string()).collect();
            let counts = table(p.frame.column(&v.column)?, p.frame.column(&g.fields[0].column)?, v, &by_labels)?;
            Ok(make(&p.name, v, GroupBy::Question(g.id.clone()), &g.title, by_labels, counts))
        })
        .collect();
    out.into_iter().collect()
}

/// Questions that several populations answered (same title and options), by population.
pub(crate) fn between_populations(s: &Survey) -> PolarsResult<Vec<Crosstab>> {
    let mut out = Vec::new();
    if s.populations.len() < 2 {
        return Ok(out);
    }
    let vars: Vec<Vec<Var>> = s.populations.iter().map(variables).collect();
    let sorted = |l: &[String]| {
        let mut l = l.to_vec();
        l.sort();
        l
    };
    for v in &vars[0] {
        let mut counts = vec![vec![0u64; 0]; v.labels.len()];
        let mut names = Vec::new();
        for (p, pv) in s.populations.iter().zip(&vars) {
            let Some(w) = pv.iter().find(|w| w.title == v.title && sorted(&w.labels) == sorted(&v.labels)) else { continue };
            // One population is one column: count its answers against a constant.
            let here =
                Column::new_scalar("c".into(), Scalar::new(DataType::String, AnyValue::StringOwned(p.name.as_str().into())), p.height());
            let t = table(p.frame.column(&w.column)?, &here, v, std::slice::from_ref(&p.name))?;
            for (row, c) in counts.iter_mut().zip(t) {
                row.extend(c);
            }
            names.push(p.name.clone());
        }
        if names.len() < 2 {
            continue;
        }
        out.push(make(ALL_POPULATIONS, v, GroupBy::Population, "调查群体", names, counts));
    }
    Ok(out)
}
