//! Screening: which responses are analysed. Rows with nothing answered and exact
//! duplicate submissions are excluded by default; speeders (far below the median
//! duration) and straight-liners (one answer down a whole matrix) are flagged.
//! Nothing is lost silently: every excluded or flagged response id is listed by
//! reason, and for every population `read = analysed + excluded`.
//!
//! No rule may destroy a survey: a duplicate needs real evidence (a valid IP address
//! few respondents share, or identical substantial free content — never a constant or
//! placeholder column) and a submission less than a day after the identical one, and a
//! rule that would exclude more than
//! `max_excluded_share` of a population is held back (its rows flagged, the run says so).

use crate::model::{Guarded, Kind, MetaKind, Population, Reason, RowAccount, ScreenOptions, Screening, Survey, Unavailable};
use polars::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// Characters of free content (text, numbers) that make identical submissions duplicates.
const FREE_CHARS: usize = 15;

/// An IP address is evidence of one person only when at most this many respondents (or
/// this share of them, if more) share it: a campus or company network is not a person.
const SHARED_IP_MAX: usize = 5;
const SHARED_IP_SHARE: f64 = 0.005;

/// The IP address of each row when it is evidence of who submitted: it parses as IPv4
/// or IPv6 and few respondents share it.
fn ip_evidence(p: &Population) -> PolarsResult<Option<(String, Vec<Option<String>>)>> {
    let Some(q) = p.questions.iter().find(|q| q.kind == Kind::Meta(MetaKind::Ip)) else { return Ok(None) };
    let col = p.frame.column(&q.fields[0].column)?.str()?.clone();
    let valid: Vec<Option<&str>> = col.iter().map(|v| v.map(str::trim).filter(|v| v.parse::<std::net::IpAddr>().is_ok())).collect();
    let mut shared: HashMap<&str, usize> = HashMap::new();
    for v in valid.iter().flatten() {
        *shared.entry(v).or_default() += 1;
    }
    let limit = SHARED_IP_MAX.max((p.height() as f64 * SHARED_IP_SHARE).ceil() as usize);
    // One address on every row is a placeholder, however few the rows.
    let constant = shared.len() == 1 && valid.iter().all(Option::is_some) && valid.len() > 1;
    let limit = if constant { 0 } else { limit };
    let evidence = valid.iter().map(|v| v.filter(|v| shared[v] <= limit).map(str::to_string)).collect();
    Ok(Some((q.title.clone(), evidence)))
}

/// Every answer field of a row as text, for comparing submissions, with the IP address
/// when it is evidence ([`ip_evidence`]). Also: whether the row answered anything, and
/// whether it can be told apart from a stranger's identical answers at all — it has such
/// an IP address or enough free content (text, numbers: [`FREE_CHARS`]); identical ticks
/// on a short closed questionnaire, or one identical short text, are common among
/// different people and are not duplicates.
fn answer_keys(p: &Population, ips: Option<&[Option<String>]>) -> PolarsResult<(Vec<String>, Vec<bool>, Vec<bool>)> {
    let n = p.height();
    let mut keys = vec![String::new(); n];
    let mut answered = vec![false; n];
    let mut distinctive = vec![false; n];
    if let Some(ips) = ips {
        for (i, v) in ips.iter().enumerate() {
            if let Some(v) = v {
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

/// Identical submissions count as one person's resubmission only this close in time.
const RESUBMIT_WINDOW_MS: i64 = 24 * 3600 * 1000;

/// Whether two submissions are close enough to be one resubmitted (either time unknown:
/// nothing tells them apart).
fn within(a: Option<i64>, b: Option<i64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() < RESUBMIT_WINDOW_MS,
        _ => true,
    }
}

/// Each row's submit time (ms), when the export has one.
fn submit_times(p: &Population) -> PolarsResult<Vec<Option<i64>>> {
    Ok(p.times(MetaKind::SubmitTime)?.map(|ms| ms.iter().collect()).unwrap_or_default())
}

/// Speeders: responses faster than `speeder_ratio` × the median duration of those who
/// answered. Returns the threshold, or why the rule could not be applied.
fn speeders(
    p: &Population,
    answered: &[bool],
    opts: &ScreenOptions,
    reasons: &mut [Vec<Reason>],
) -> PolarsResult<Result<Option<f64>, Unavailable>> {
    let Some(q) = p.questions.iter().find(|q| q.kind == Kind::Meta(MetaKind::Duration)) else { return Ok(Ok(None)) };
    let d: Vec<Option<f64>> = p.frame.column(&q.fields[0].column)?.f64()?.iter().collect();
    let valid: Vec<f64> = d.iter().zip(answered).filter(|(_, a)| **a).filter_map(|(v, _)| *v).collect();
    let constant = valid.windows(2).all(|w| w[0] == w[1]);
    let Some(m) = median(valid.clone()).filter(|_| !constant || valid.len() < 2) else {
        let why = if valid.is_empty() {
            format!("“{}”一列没有可用的时长（全部为空或 NULL），无法判断答题用时过短", q.title)
        } else {
            format!("“{}”一列全部相同，不是真实的答题时长，无法判断答题用时过短", q.title)
        };
        return Ok(Err(Unavailable { reason: Reason::Speeder, column: q.title.clone(), why }));
    };
    let t = m * opts.speeder_ratio;
    for (i, v) in d.iter().enumerate() {
        if v.is_some_and(|v| v < t) {
            reasons[i].push(Reason::Speeder);
        }
    }
    Ok(Ok(Some(t)))
}

/// Straight-liners: the same answer on every row of a matrix of at least
/// `straight_min_rows` rows.
fn straight_liners(p: &Population, opts: &ScreenOptions, reasons: &mut [Vec<Reason>]) -> PolarsResult<()> {
    for q in p.questions.iter().filter(|q| q.kind == Kind::Matrix && q.fields.len() >= opts.straight_min_rows) {
        let cols: Vec<StringChunked> = q.fields.iter().map(|f| p.texts(&f.column)).collect::<PolarsResult<_>>()?;
        for (i, r) in reasons.iter_mut().enumerate() {
            let first = cols[0].get(i);
            if first.is_some() && cols.iter().all(|c| c.get(i) == first) && !r.contains(&Reason::StraightLine) {
                r.push(Reason::StraightLine);
            }
        }
    }
    Ok(())
}

/// The exclusion rules applied to this population: the configured ones, less any that
/// would exclude more than `max_excluded_share` of it (rows with nothing answered are
/// always excluded).
fn guard(reasons: &[Vec<Reason>], opts: &ScreenOptions) -> (Vec<Reason>, Vec<Guarded>) {
    let n = reasons.len().max(1);
    let mut applied = Vec::new();
    let mut guarded = Vec::new();
    for &r in &opts.exclude {
        let count = reasons.iter().filter(|rs| rs.contains(&r)).count();
        let share = count as f64 / n as f64;
        if r != Reason::Empty && share > opts.max_excluded_share {
            guarded.push(Guarded { reason: r, would_exclude: count, share, limit: opts.max_excluded_share });
        } else {
            applied.push(r);
        }
    }
    (applied, guarded)
}

fn screen_population(p: &Population, opts: &ScreenOptions) -> PolarsResult<(Population, RowAccount)> {
    let n = p.height();
    let ids = p.ids()?;
    let mut unavailable = Vec::new();
    let ips = ip_evidence(p)?;
    if let Some((title, ips)) = &ips {
        if ips.iter().all(Option::is_none) {
            let why = format!("“{title}”一列没有可作凭据的 IP 地址（为空、NULL、不是 IP，或为许多人共用），重复提交只按相同的较长文字判断");
            unavailable.push(Unavailable { reason: Reason::Duplicate, column: title.clone(), why });
        }
    }
    let (keys, answered, distinctive) = answer_keys(p, ips.as_ref().map(|x| x.1.as_slice()))?;
    let times = submit_times(p)?;
    let mut reasons: Vec<Vec<Reason>> = vec![Vec::new(); n];
    // Key → when it was last submitted. The same answers a day or more apart are a form
    // filled again (an inspector's daily round), not a resubmission.
    let mut seen: HashMap<&str, Option<i64>> = HashMap::with_capacity(n);
    for i in 0..n {
        if !answered[i] {
            reasons[i].push(Reason::Empty);
        } else if distinctive[i] {
            let t = times.get(i).copied().flatten();
            match seen.insert(keys[i].as_str(), t) {
                Some(before) if within(before, t) => reasons[i].push(Reason::Duplicate),
                _ => {}
            }
        }
    }
    let threshold = match speeders(p, &answered, opts, &mut reasons)? {
        Ok(t) => t,
        Err(u) => {
            unavailable.push(u);
            None
        }
    };
    straight_liners(p, opts, &mut reasons)?;
    let (applied, guarded) = guard(&reasons, opts);
    let mut excluded: BTreeMap<Reason, Vec<String>> = BTreeMap::new();
    let mut flagged: BTreeMap<Reason, Vec<String>> = BTreeMap::new();
    let mut keep = Vec::with_capacity(n);
    for (i, rs) in reasons.iter().enumerate() {
        match rs.iter().find(|r| applied.contains(r)) {
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
    let account = RowAccount {
        population: p.name.clone(),
        read: n,
        analysed: frame.height(),
        excluded,
        flagged,
        speeder_threshold: threshold,
        guarded,
        unavailable,
    };
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
