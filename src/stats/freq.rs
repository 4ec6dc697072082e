//! Frequencies and summaries of one question.

use crate::model::{Choice, Kind, Population, Question, Role, StatusCounts, ValueCount};
use crate::model::{NumericSummary, OptionStat, OtherText, QuestionStats, RowStats};
use crate::util::math::{pct, percent_ci};
use polars::prelude::*;

pub(crate) fn option_stat(label: &str, count: u64, n: u64, score: Option<f64>) -> OptionStat {
    let (percent, ci_low, ci_high) = percent_ci(count, n);
    OptionStat { label: label.to_string(), count, percent, ci_low, ci_high, percent_of_mentions: None, score }
}

/// Counts of each option among the labels of one field.
fn label_counts(p: &Population, column: &str, options: &[Choice]) -> PolarsResult<Vec<u64>> {
    let mut counts = vec![0u64; options.len()];
    let index: crate::util::FastMap<&str, usize> = options.iter().enumerate().map(|(i, c)| (c.label.as_str(), i)).collect();
    for v in p.frame.column(column)?.str()?.iter().flatten() {
        if let Some(&i) = index.get(v) {
            counts[i] += 1;
        }
    }
    Ok(counts)
}

/// Mean, sd, top-2-box and 0–100 index of a scored distribution.
fn scale_summary(options: &[Choice], counts: &[u64]) -> (Option<f64>, Option<f64>, Option<f64>, Option<f64>) {
    let scored: Vec<(f64, u64)> = options.iter().zip(counts).filter_map(|(c, &k)| c.score.map(|s| (s, k))).collect();
    let Some(m) = crate::util::math::scored_moments(scored.iter().copied()) else { return (None, None, None, None) };
    let (lo, hi) = crate::model::scale_bounds(options.iter().filter_map(|c| c.score));
    let top: u64 = scored.iter().filter(|(s, _)| crate::model::favourable(*s, hi)).map(|(_, k)| k).sum();
    let index = if hi > lo { Some((m.mean - lo) / (hi - lo) * 100.0) } else { None };
    (Some(m.mean), m.sd, Some(pct(top, m.n)), index)
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    // Linear interpolation between order statistics (Excel's QUARTILE.INC, R type 7).
    let h = (sorted.len() - 1) as f64 * q;
    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

fn numeric_summary(values: &mut [f64]) -> Option<NumericSummary> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let sd = (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0).max(1.0)).sqrt();
    Some(NumericSummary {
        min: values[0],
        q1: quantile(values, 0.25),
        median: quantile(values, 0.5),
        q3: quantile(values, 0.75),
        max: values[values.len() - 1],
        mean,
        sd,
    })
}

fn base(p: &Population, q: &Question, t: &StatusCounts) -> QuestionStats {
    QuestionStats {
        population: p.name.clone(),
        id: q.id.clone(),
        number: q.number,
        title: q.title.clone(),
        kind: q.kind,
        role: q.role,
        n_valid: t.n_valid,
        n_missing: t.missing(),
        n_skipped: t.n_skipped,
        n_empty: t.n_empty,
        n_not_shown: t.n_not_shown,
        n_invalid: t.n_invalid,
        options: Vec::new(),
        mean: None,
        sd: None,
        top2: None,
        index: None,
        n_mentions: None,
        nps: None,
        promoters: None,
        detractors: None,
        summary: None,
        rows: Vec::new(),
        values: Vec::new(),
        distinct: None,
        unit: None,
    }
}

/// Values shown for a fill-in.
const TOP_VALUES: usize = 15;

/// Case, spaces, full-width forms and traditional characters folded: the key under
/// which variants of one value are counted together.
fn value_key(v: &str) -> String {
    fast2s::convert(&crate::util::fold(v.trim().trim_end_matches(['。', '.', '！', '!'])))
}

/// A number at the start of a fact and the unit after it ("1.2km" → 1.2, "km";
/// "30多天" → 30, "天"; "500元" → 500, "元"). `None` when it does not start with one.
fn leading_number(v: &str) -> Option<(f64, String)> {
    let v = v.trim();
    let end = v.char_indices().find(|(_, c)| !(c.is_ascii_digit() || *c == '.')).map_or(v.len(), |(i, _)| i);
    let x: f64 = v[..end].parse().ok()?;
    let unit = v[end..].trim().trim_start_matches(['多', '余', '几']).trim_end_matches("左右").trim().to_string();
    Some((x, unit))
}

/// A fill-in's values (categorical and factual): the most frequent, variants merged and
/// shown as most people wrote them; for facts written as numbers with one unit, the
/// numbers' summary.
fn fill_in(p: &Population, q: &Question, s: &mut QuestionStats) -> PolarsResult<()> {
    let col = p.texts(&q.fields[0].column)?;
    let mut by_key: crate::util::FastMap<String, (u64, crate::util::FastMap<String, u64>)> = Default::default();
    let mut numbers: Vec<(f64, String)> = Vec::new();
    for v in col.iter().flatten().map(str::trim).filter(|v| !v.is_empty()) {
        let e = by_key.entry(value_key(v)).or_default();
        e.0 += 1;
        *e.1.entry(v.to_string()).or_default() += 1;
        if q.role == Role::Factual {
            numbers.extend(leading_number(v));
        }
    }
    let n = s.n_valid;
    let mut values: Vec<ValueCount> = by_key
        .into_values()
        .map(|(count, forms)| {
            // As most wrote it; between equals, the tidier form (fewer spaces), then the first.
            let spaces = |s: &str| s.chars().filter(|c| c.is_whitespace()).count();
            let shown = forms
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(spaces(&b.0).cmp(&spaces(&a.0))).then(b.0.cmp(&a.0)))
                .map(|f| f.0)
                .unwrap_or_default();
            ValueCount { value: shown, count, percent: pct(count, n) }
        })
        .collect();
    s.distinct = Some(values.len());
    values.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
    values.truncate(TOP_VALUES);
    s.values = values;
    // A unit most numeric facts share: summarise those numbers.
    let mut units: crate::util::FastMap<&str, usize> = Default::default();
    for (_, u) in &numbers {
        *units.entry(u.as_str()).or_default() += 1;
    }
    if let Some((unit, k)) = units.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) {
        if *k as f64 >= 0.6 * n as f64 && *k >= 5 {
            let mut xs: Vec<f64> = numbers.iter().filter(|(_, u)| u == unit).map(|(x, _)| *x).collect();
            s.unit = Some(unit.to_string());
            s.summary = numeric_summary(&mut xs);
        }
    }
    Ok(())
}

/// The statistics of one (non-meta) question.
pub fn question(p: &Population, q: &Question) -> PolarsResult<QuestionStats> {
    // Names and contacts, placeholders and metadata: how many answered, nothing more.
    if matches!(q.role, Role::Identity | Role::Placeholder | Role::Metadata) {
        let t = p.question_status_counts(q)?;
        return Ok(base(p, q, &t));
    }
    match q.kind {
        Kind::Single | Kind::Likert => {
            let t = p.status_counts(&q.fields[0])?;
            let counts = label_counts(p, &q.fields[0].column, &q.options)?;
            let mut s = base(p, q, &t);
            s.options = q.options.iter().zip(&counts).map(|(c, &k)| option_stat(&c.label, k, t.n_valid, c.score)).collect();
            if q.kind == Kind::Likert {
                (s.mean, s.sd, s.top2, s.index) = scale_summary(&q.options, &counts);
            }
            Ok(s)
        }
        Kind::Multi => {
            let t = p.status_counts(&q.fields[0])?;
            let counts: Vec<u64> =
                q.fields.iter().map(|f| Ok(p.frame.column(&f.column)?.bool()?.sum().unwrap_or(0) as u64)).collect::<PolarsResult<_>>()?;
            let mentions: u64 = counts.iter().sum();
            let mut s = base(p, q, &t);
            s.n_mentions = Some(mentions);
            s.options = q
                .options
                .iter()
                .zip(&counts)
                .map(|(c, &k)| OptionStat { percent_of_mentions: Some(pct(k, mentions)), ..option_stat(&c.label, k, t.n_valid, None) })
                .collect();
            Ok(s)
        }
        Kind::Matrix => {
            let mut rows = Vec::new();
            let mut pooled = vec![0u64; q.options.len()];
            for f in &q.fields {
                let t = p.status_counts(f)?;
                let counts = label_counts(p, &f.column, &q.options)?;
                for (a, b) in pooled.iter_mut().zip(&counts) {
                    *a += b;
                }
                let (mean, _, top2, index) = scale_summary(&q.options, &counts);
                rows.push(RowStats {
                    label: f.label.clone().unwrap_or_default(),
                    n_valid: t.n_valid,
                    n_missing: t.missing(),
                    options: q.options.iter().zip(&counts).map(|(c, &k)| option_stat(&c.label, k, t.n_valid, c.score)).collect(),
                    mean,
                    top2,
                    index,
                });
            }
            let t = p.question_status_counts(q)?;
            let mut s = base(p, q, &t);
            (s.mean, s.sd, s.top2, s.index) = scale_summary(&q.options, &pooled);
            s.rows = rows;
            Ok(s)
        }
        Kind::Rating | Kind::Numeric => {
            let t = p.status_counts(&q.fields[0])?;
            let mut values: Vec<f64> = p.frame.column(&q.fields[0].column)?.f64()?.iter().flatten().collect();
            let mut s = base(p, q, &t);
            if q.kind == Kind::Rating {
                let ints = !values.is_empty() && values.iter().all(|v| v.fract() == 0.0 && v.abs() <= 100.0);
                if ints {
                    let (min, max) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(*v), b.max(*v)));
                    // The scale the answers come from: 1–5 stars, 0–10, or what was seen.
                    let (lo, hi): (i64, i64) = match (min, max) {
                        (a, b) if a >= 1.0 && b <= 5.0 => (1, 5),
                        (a, b) if a >= 0.0 && b <= 10.0 => (0, 10),
                        (a, b) => (a as i64, b as i64),
                    };
                    s.options = (lo..=hi)
                        .map(|k| {
                            let c = values.iter().filter(|v| **v == k as f64).count() as u64;
                            option_stat(&k.to_string(), c, t.n_valid, Some(k as f64))
                        })
                        .collect();
                    if hi == 10 && lo == 0 && t.n_valid > 0 {
                        let prom = values.iter().filter(|v| **v >= 9.0).count() as u64;
                        let det = values.iter().filter(|v| **v <= 6.0).count() as u64;
                        s.nps = Some(pct(prom, t.n_valid) - pct(det, t.n_valid));
                        (s.promoters, s.detractors) = (Some(pct(prom, t.n_valid)), Some(pct(det, t.n_valid)));
                    }
                }
            }
            s.summary = numeric_summary(&mut values);
            if let Some(sm) = &s.summary {
                s.mean = Some(sm.mean);
                s.sd = Some(sm.sd);
            }
            Ok(s)
        }
        Kind::Text | Kind::Meta(_) => {
            let t = p.status_counts(&q.fields[0])?;
            let mut s = base(p, q, &t);
            if matches!(q.role, Role::Categorical | Role::Factual) {
                fill_in(p, q, &mut s)?;
            }
            Ok(s)
        }
    }
}

/// Every "其他" text with the response it came from.
pub fn other_texts(p: &Population) -> PolarsResult<Vec<OtherText>> {
    let ids = p.ids()?;
    let mut out = Vec::new();
    for q in p.questions.iter().filter(|q| q.role == Role::Answer) {
        if let Some(col) = &q.other_text {
            for (i, v) in p.frame.column(col)?.str()?.iter().enumerate() {
                if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
                    out.push(OtherText {
                        population: p.name.clone(),
                        question: q.id.clone(),
                        response_id: ids[i].clone(),
                        text: v.to_string(),
                    });
                }
            }
        }
    }
    Ok(out)
}
