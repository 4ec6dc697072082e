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

/// The row label a counted key stands for (booleans count as 选择/未选择).
fn key_label(v: &Var, key: &str) -> String {
    match (v.boolean, key) {
        (true, "true") => CHOSEN.to_string(),
        (true, _) => NOT_CHOSEN.to_string(),
        (false, k) => k.to_string(),
    }
}

/// Count (row, column) pairs of two frame columns with polars (no copy of the cells)
/// and lay them out in label order.
fn table(rows: &Column, cols: &Column, v: &Var, col_labels: &[String]) -> PolarsResult<Vec<Vec<u64>>> {
    let df = DataFrame::new(rows.len(), vec![rows.clone().with_name("r".into()), cols.clone().with_name("c".into())])?;
    let counted = df.lazy().drop_nulls(None).group_by([col("r"), col("c")]).agg([len().alias("n")]).collect()?;
    let mut t = vec![vec![0u64; col_labels.len()]; v.labels.len()];
    let r = counted.column("r")?.cast(&DataType::String)?;
    let c = counted.column("c")?.cast(&DataType::String)?;
    let k = counted.column("n")?.cast(&DataType::UInt64)?;
    for ((r, c), k) in r.str()?.iter().zip(c.str()?.iter()).zip(k.u64()?.iter()) {
        let (Some(r), Some(c), Some(k)) = (r, c, k) else { continue };
        let r = key_label(v, r);
        if let (Some(i), Some(j)) = (v.labels.iter().position(|x| *x == r), col_labels.iter().position(|x| x == c)) {
            t[i][j] = k;
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
