//! Screening: which responses are analysed. Rows with nothing answered and exact
//! duplicate submissions are excluded by default; speeders (far below the median
//! duration) and straight-liners (one answer down a whole matrix) are flagged.
//! Nothing is lost silently: every excluded or flagged response id is listed by
//! reason, and for every population `read = analysed + excluded`.

use crate::model::{Kind, MetaKind, Population, Reason, RowAccount, ScreenOptions, Screening, Survey};
use polars::prelude::*;
use std::collections::{BTreeMap, HashSet};

/// Characters of free content (text, numbers) that make identical submissions duplicates.
const FREE_CHARS: usize = 15;

/// Every answer field of a row as text, for comparing submissions, with the IP address
/// when the export has one. Also: whether the row answered anything, and whether it can
/// be told apart from a stranger's identical answers at all — it has an IP address or
/// enough free content (text, numbers: [`FREE_CHARS`]); identical ticks on a short
/// closed questionnaire, or one identical short text, are common among different people
/// and are not duplicates.
fn answer_keys(p: &Population) -> PolarsResult<(Vec<String>, Vec<bool>, Vec<bool>)> {
    let n = p.height();
    let mut keys = vec![String::new(); n];
    let mut answered = vec![false; n];
    let mut distinctive = vec![false; n];
    if let Some(q) = p.questions.iter().find(|q| q.kind == Kind::Meta(MetaKind::Ip)) {
        for (i, v) in p.frame.column(&q.fields[0].column)?.str()?.iter().enumerate() {
            if let Some(v) = v.filter(|v| !v.is_empty()) {
                keys[i].push_str(v);
                distinctive[i] = true;
            }
            keys[i].push('\u{1e}');
        }
    }
    // Free content: its length in characters (a number counts as 3). Identical short
    // texts ("垃圾太多") are common among strangers; identical long ones, or several
    // identical free answers, are not.
    let mut free = vec![0usize; n];
    for q in p.questions.iter().filter(|q| matches!(q.kind, Kind::Text | Kind::Numeric)) {
        let status: Vec<Option<u8>> = p.frame.column(&q.fields[0].status)?.u8()?.iter().collect();
        let col = p.frame.column(&q.fields[0].column)?.cast(&DataType::String)?;
        for (i, v) in col.str()?.iter().enumerate() {
            if status[i] == Some(0) {
                free[i] += if q.kind == Kind::Text { v.map_or(0, |v| v.chars().count()) } else { 3 };
            }
        }
    }
    for (d, f) in distinctive.iter_mut().zip(&free) {
        *d |= *f >= FREE_CHARS;
    }
    for q in p.questions.iter().filter(|q| !q.kind.is_meta()) {
        let mut names: Vec<&str> = Vec::new();
        for f in &q.fields {
            names.push(&f.column);
            names.push(&f.status);
        }
        names.extend(q.other_text.as_deref());
        names.dedup();
        for name in names {
            let col = p.frame.column(name)?.cast(&DataType::String)?;
            for (i, v) in col.str()?.iter().enumerate() {
                keys[i].push_str(v.unwrap_or("\u{1}"));
                keys[i].push('\u{1f}');
            }
        }
        for f in &q.fields {
            for (i, s) in p.frame.column(&f.status)?.u8()?.iter().enumerate() {
                answered[i] |= s == Some(0);
            }
        }
    }
    Ok((keys, answered, distinctive))
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    Some(if v.len() % 2 == 1 { v[m] } else { (v[m - 1] + v[m]) / 2.0 })
}

fn screen_population(p: &Population, opts: &ScreenOptions) -> PolarsResult<(Population, RowAccount)> {
    let n = p.height();
    let ids = p.ids()?;
    let (keys, answered, distinctive) = answer_keys(p)?;
    let mut reasons: Vec<Vec<Reason>> = vec![Vec::new(); n];
    let mut seen = HashSet::with_capacity(n);
    for i in 0..n {
        if !answered[i] {
            reasons[i].push(Reason::Empty);
        } else if distinctive[i] && !seen.insert(keys[i].as_str()) {
            reasons[i].push(Reason::Duplicate);
        }
    }
    let mut threshold = None;
    if let Some(q) = p.questions.iter().find(|q| q.kind == Kind::Meta(MetaKind::Duration)) {
        let d: Vec<Option<f64>> = p.frame.column(&q.fields[0].column)?.f64()?.iter().collect();
        let valid: Vec<f64> = d.iter().zip(&answered).filter(|(_, a)| **a).filter_map(|(v, _)| *v).collect();
        if let Some(m) = median(valid) {
            let t = m * opts.speeder_ratio;
            threshold = Some(t);
            for (i, v) in d.iter().enumerate() {
                if v.is_some_and(|v| v < t) {
                    reasons[i].push(Reason::Speeder);
                }
            }
        }
    }
    for q in p.questions.iter().filter(|q| q.kind == Kind::Matrix && q.fields.len() >= opts.straight_min_rows) {
        let cols: Vec<StringChunked> = q.fields.iter().map(|f| p.texts(&f.column)).collect::<PolarsResult<_>>()?;
        for (i, r) in reasons.iter_mut().enumerate() {
            let first = cols[0].get(i);
            if first.is_some() && cols.iter().all(|c| c.get(i) == first) && !r.contains(&Reason::StraightLine) {
                r.push(Reason::StraightLine);
            }
        }
    }
    let mut excluded: BTreeMap<Reason, Vec<String>> = BTreeMap::new();
    let mut flagged: BTreeMap<Reason, Vec<String>> = BTreeMap::new();
    let mut keep = Vec::with_capacity(n);
    for (i, rs) in reasons.iter().enumerate() {
        match rs.iter().find(|r| opts.exclude.contains(r)) {
            Some(r) => {
                excluded.entry(*r).or_default().push(ids[i].clone());
                keep.push(false);
            }
            None => {
                for r in rs {
                    flagged.entry(*r).or_default().push(ids[i].clone());
                }
                keep.push(true);
            }
        }
    }
    let mask = BooleanChunked::from_slice("keep".into(), &keep);
    let frame = p.frame.filter(&mask)?;
    let account =
        RowAccount { population: p.name.clone(), read: n, analysed: frame.height(), excluded, flagged, speeder_threshold: threshold };
    Ok((Population { frame, ..p.clone() }, account))
}

/// Screen every population. Returns the survey of analysed responses and the accounting.
pub fn screen(survey: &Survey, opts: &ScreenOptions) -> PolarsResult<(Survey, Screening)> {
    let mut populations = Vec::new();
    let mut screening = Screening::default();
    for p in &survey.populations {
        let (kept, account) = screen_population(p, opts)?;
        populations.push(kept);
        screening.populations.push(account);
    }
    Ok((Survey { populations }, screening))
}
