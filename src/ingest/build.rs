//! From a planned question and its raw columns to typed polars columns: option labels,
//! one Boolean per option, numbers, date-times, with a missing-status column beside each.

use super::cells::{classify, parse_datetime, parse_duration, parse_number, split_ip, split_other, Cell};
use super::grid::Grid;
use super::infer::is_selected_mark;
use crate::diag::{column_letter, truncate, Location, Warning};
use crate::model::{Choice, Field, Kind, MetaKind, Missing, Question};
use crate::util::FastMap;
use polars::prelude::*;

/// A question as planned from the headers and answers, before its columns are built.
#[derive(Debug, Clone)]
pub struct Plan {
    pub id: String,
    pub number: Option<u32>,
    pub title: String,
    pub kind: Kind,
    pub options: Vec<Choice>,
    /// Grid column indices.
    pub members: Vec<usize>,
    /// Row labels (matrix) or option labels (multi in columns); empty otherwise.
    pub subs: Vec<String>,
    /// Grid column with the "其他" text, for exports that give it a column of its own.
    pub other_col: Option<usize>,
}

/// Collects answers that do not fit the question's type, for one warning per column.
struct Invalid<'a> {
    count: usize,
    first: Option<(usize, String)>,
    grid: &'a Grid,
}

impl<'a> Invalid<'a> {
    fn new(grid: &'a Grid) -> Self {
        Invalid { count: 0, first: None, grid }
    }
    fn add(&mut self, row: usize, v: &str) {
        self.count += 1;
        if self.first.is_none() {
            self.first = Some((self.grid.rows[row] as usize, truncate(v, 20)));
        }
    }
    fn report(&self, loc: &Location, col: usize, what: &str, out: &mut Vec<Warning>) {
        if let Some((row, v)) = &self.first {
            let l = loc.clone().col(self.grid.source_cols[col], Some(&self.grid.headers[col]));
            out.push(Warning::new(&l, format!("{} 个答案不是{what}（例如第 {row} 行的“{v}”），已计为无效答案并在统计中单列", self.count)));
        }
    }
}

fn status_col(name: &str, s: Vec<u8>) -> Column {
    UInt8Chunked::from_vec(name.into(), s).into_column()
}

fn code(c: Cell<'_>) -> u8 {
    match c {
        Cell::Missing(m) => m.code(),
        Cell::Value(_) => 0,
    }
}

/// Build the columns of one question. `codes`: the export uses 问卷星's numeric codes.
pub fn build(plan: &Plan, grid: &Grid, codes: bool, loc: &Location, warnings: &mut Vec<Warning>) -> (Question, Vec<Column>) {
    let n = grid.height();
    let mut cols: Vec<Column> = Vec::new();
    let mut fields: Vec<Field> = Vec::new();
    let mut options = plan.options.clone();
    let mut other_text: Option<String> = None;
    let mut region = None;
    let field = |name: String, member: usize, label: Option<String>| Field {
        status: format!("{name}#status"),
        column: name,
        label,
        source_col: grid.source_cols[member],
        header: grid.headers[member].clone(),
    };
    let other_name = format!("{}#other", plan.id);
    let mut others: Vec<Option<String>> = Vec::new();
    let mut any_other = false;

    match plan.kind {
        Kind::Single | Kind::Likert => {
            let m = plan.members[0];
            let col = &grid.columns[m];
            let mut bad = Invalid::new(grid);
            let mut index: FastMap<String, usize> = options.iter().enumerate().map(|(i, c)| (c.label.clone(), i)).collect();
            for c in &options {
                if let Some(code) = c.code {
                    index.insert(code.to_string(), index[&c.label]);
                }
            }
            let mut values: Vec<Option<u32>> = Vec::with_capacity(n);
            let mut status = Vec::with_capacity(n);
            others.reserve(n);
            for (r, raw) in col.iter().enumerate() {
                let cell = classify(raw, codes);
                let mut st = code(cell.clone());
                let mut val = None;
                let mut other = None;
                if let Cell::Value(v) = cell {
                    let (label, text) = split_other(v);
                    match index.get(label) {
                        Some(&i) => val = Some(i as u32),
                        None => {
                            bad.add(r, v);
                            st = Missing::Invalid.code();
                        }
                    }
                    if let Some(t) = text.filter(|t| !t.is_empty()) {
                        other = Some(t.to_string());
                        any_other = true;
                    }
                }
                values.push(val);
                status.push(st);
                others.push(other);
            }
            bad.report(loc, m, "本题的选项", warnings);
            let labels: StringChunked = values
                .iter()
                .map(|v| v.map(|i| options[i as usize].label.as_str()))
                .collect::<StringChunked>()
                .with_name(plan.id.as_str().into());
            cols.push(labels.into_column());
            cols.push(status_col(&format!("{}#status", plan.id), status));
            fields.push(field(plan.id.clone(), m, None));
        }
        Kind::Multi if plan.members.len() == 1 => {
            let m = plan.members[0];
            let col = &grid.columns[m];
            let index: FastMap<&str, usize> = options.iter().enumerate().map(|(i, c)| (c.label.as_str(), i)).collect();
            let mut sel: Vec<Vec<Option<bool>>> = vec![Vec::with_capacity(n); options.len()];
            let mut status = Vec::with_capacity(n);
            let mut bad = Invalid::new(grid);
            for (r, raw) in col.iter().enumerate() {
                let cell = classify(raw, codes);
                let mut st = code(cell.clone());
                let mut row = vec![false; options.len()];
                let mut other = None;
                if let Cell::Value(v) = cell {
                    for part in v.split('┋').map(str::trim).filter(|s| !s.is_empty()) {
                        let (label, text) = split_other(part);
                        match index.get(label) {
                            Some(&i) => row[i] = true,
                            None => {
                                bad.add(r, part);
                                st = Missing::Invalid.code();
                            }
                        }
                        if let Some(t) = text.filter(|t| !t.is_empty()) {
                            other = Some(t.to_string());
                            any_other = true;
                        }
                    }
                }
                for (i, s) in sel.iter_mut().enumerate() {
                    s.push((st == 0).then_some(row[i]));
                }
                status.push(st);
                others.push(other);
            }
            bad.report(loc, m, "本题的选项", warnings);
            for (i, s) in sel.into_iter().enumerate() {
                let name = format!("{}.{}", plan.id, i + 1);
                cols.push(Column::new(name.as_str().into(), s));
                fields.push(Field { status: format!("{}#status", plan.id), ..field(name, m, Some(options[i].label.clone())) });
            }
            cols.push(status_col(&format!("{}#status", plan.id), status));
        }
        Kind::Multi => {
            // One column per option: the row is missing only when every column is.
            let mut status = vec![0u8; n];
            let mut sel: Vec<Vec<Option<bool>>> = Vec::new();
            for r in 0..n {
                let cells: Vec<Cell> = plan.members.iter().map(|&m| classify(grid.columns[m].get(r), codes)).collect();
                if cells.iter().all(|c| matches!(c, Cell::Missing(_))) {
                    status[r] = code(cells[0].clone());
                }
            }
            others = vec![None; n];
            for (k, &m) in plan.members.iter().enumerate() {
                let label = plan.subs.get(k).cloned().unwrap_or_default();
                let is_other = crate::ingest::cells::is_other_label(&label);
                let v: Vec<Option<bool>> = (0..n)
                    .map(|r| match classify(grid.columns[m].get(r), codes) {
                        _ if status[r] != 0 => None,
                        Cell::Missing(_) => Some(false),
                        Cell::Value(v) => {
                            let (mark, text) = split_other(v);
                            let selected = is_selected_mark(mark, &label);
                            if is_other {
                                // The typed text, either inside 〖〗 or as the whole cell.
                                let typed = text.or(if selected.is_none() { Some(v) } else { None });
                                if let Some(t) = typed.filter(|t| !t.is_empty()) {
                                    others[r] = Some(t.to_string());
                                    any_other = true;
                                }
                            }
                            Some(selected.unwrap_or(true))
                        }
                    })
                    .collect();
                sel.push(v);
            }
            for (k, s) in sel.into_iter().enumerate() {
                let name = format!("{}.{}", plan.id, k + 1);
                cols.push(Column::new(name.as_str().into(), s));
                fields.push(Field { status: format!("{}#status", plan.id), ..field(name, plan.members[k], Some(plan.subs[k].clone())) });
            }
            cols.push(status_col(&format!("{}#status", plan.id), status));
        }
        Kind::Matrix => {
            let mut index: FastMap<String, usize> = options.iter().enumerate().map(|(i, c)| (c.label.clone(), i)).collect();
            for (i, c) in options.iter().enumerate() {
                if let Some(code) = c.code {
                    index.insert(code.to_string(), i);
                }
            }
            for (k, &m) in plan.members.iter().enumerate() {
                let name = format!("{}.{}", plan.id, k + 1);
                let mut bad = Invalid::new(grid);
                let mut status = Vec::with_capacity(n);
                let labels: StringChunked = grid.columns[m]
                    .iter()
                    .enumerate()
                    .map(|(r, raw)| {
                        let cell = classify(raw, codes);
                        let mut st = code(cell.clone());
                        let mut out = None;
                        if let Cell::Value(v) = cell {
                            match index.get(split_other(v).0) {
                                Some(&i) => out = Some(options[i].label.as_str()),
                                None => {
                                    bad.add(r, v);
                                    st = Missing::Invalid.code();
                                }
                            }
                        }
                        status.push(st);
                        out
                    })
                    .collect::<StringChunked>()
                    .with_name(name.as_str().into());
                bad.report(loc, m, "本题量表的选项", warnings);
                cols.push(labels.into_column());
                cols.push(status_col(&format!("{name}#status"), status));
                fields.push(field(name, m, plan.subs.get(k).cloned()));
            }
        }
        Kind::Numeric | Kind::Rating | Kind::Meta(MetaKind::Duration) => {
            let m = plan.members[0];
            let dur = plan.kind == Kind::Meta(MetaKind::Duration);
            let mut bad = Invalid::new(grid);
            let mut status = Vec::with_capacity(n);
            let vals: Vec<Option<f64>> = grid.columns[m]
                .iter()
                .enumerate()
                .map(|(r, raw)| {
                    let cell = classify(raw, codes && !dur);
                    let mut st = code(cell.clone());
                    let mut out = None;
                    if let Cell::Value(v) = cell {
                        out = if dur { parse_duration(v) } else { parse_number(v) };
                        if out.is_none() {
                            bad.add(r, v);
                            st = Missing::Invalid.code();
                        }
                    }
                    status.push(st);
                    out
                })
                .collect();
            bad.report(loc, m, if dur { "时长" } else { "数字" }, warnings);
            cols.push(Column::new(plan.id.as_str().into(), vals));
            cols.push(status_col(&format!("{}#status", plan.id), status));
            fields.push(field(plan.id.clone(), m, None));
        }
        Kind::Meta(MetaKind::SubmitTime | MetaKind::StartTime) => {
            let m = plan.members[0];
            let mut bad = Invalid::new(grid);
            let mut status = Vec::with_capacity(n);
            let ms: Vec<Option<i64>> = grid.columns[m]
                .iter()
                .enumerate()
                .map(|(r, raw)| {
                    let cell = classify(raw, false);
                    let mut st = code(cell.clone());
                    let mut out = None;
                    if let Cell::Value(v) = cell {
                        out = parse_datetime(v);
                        if out.is_none() {
                            bad.add(r, v);
                            st = Missing::Invalid.code();
                        }
                    }
                    status.push(st);
                    out
                })
                .collect();
            bad.report(loc, m, "日期时间", warnings);
            let c = Int64Chunked::from_iter_options(plan.id.as_str().into(), ms.into_iter())
                .into_datetime(TimeUnit::Milliseconds, None)
                .into_column();
            cols.push(c);
            cols.push(status_col(&format!("{}#status", plan.id), status));
            fields.push(field(plan.id.clone(), m, None));
        }
        Kind::Meta(MetaKind::Ip) => {
            let m = plan.members[0];
            let mut status = Vec::with_capacity(n);
            let mut regions: Vec<Option<&str>> = Vec::with_capacity(n);
            let ips: StringChunked = grid.columns[m]
                .iter()
                .map(|raw| {
                    let cell = classify(raw, false);
                    status.push(code(cell.clone()));
                    match cell {
                        Cell::Value(v) => {
                            let (ip, reg) = split_ip(v);
                            regions.push(reg);
                            Some(ip)
                        }
                        Cell::Missing(_) => {
                            regions.push(None);
                            None
                        }
                    }
                })
                .collect::<StringChunked>()
                .with_name(plan.id.as_str().into());
            cols.push(ips.into_column());
            cols.push(status_col(&format!("{}#status", plan.id), status));
            if regions.iter().any(Option::is_some) {
                let name = format!("{}#region", plan.id);
                cols.push(StringChunked::from_iter_options(name.as_str().into(), regions.into_iter()).into_column());
                region = Some(name);
            }
            fields.push(field(plan.id.clone(), m, None));
        }
        Kind::Text | Kind::Meta(_) => {
            let m = plan.members[0];
            let mut status = Vec::with_capacity(n);
            let texts: StringChunked = grid.columns[m]
                .iter()
                .map(|raw| {
                    let cell = classify(raw, false);
                    status.push(code(cell.clone()));
                    match cell {
                        Cell::Value(v) => Some(v),
                        Cell::Missing(_) => None,
                    }
                })
                .collect::<StringChunked>()
                .with_name(plan.id.as_str().into());
            cols.push(texts.into_column());
            cols.push(status_col(&format!("{}#status", plan.id), status));
            fields.push(field(plan.id.clone(), m, None));
        }
    }

    if let Some(oc) = plan.other_col {
        others = grid.columns[oc]
            .iter()
            .map(|raw| match classify(raw, false) {
                Cell::Value(v) if parse_number(v).is_none() => Some(v.to_string()),
                _ => None,
            })
            .collect();
        any_other = others.iter().any(Option::is_some);
    }
    if any_other {
        cols.push(StringChunked::from_iter_options(other_name.as_str().into(), others.iter().map(|o| o.as_deref())).into_column());
        other_text = Some(other_name);
        if !options.iter().any(|c| c.other) {
            if let Some(c) = options.iter_mut().find(|c| crate::ingest::cells::is_other_label(&c.label)) {
                c.other = true;
            }
        }
    }
    let q = Question {
        id: plan.id.clone(),
        number: plan.number,
        title: plan.title.clone(),
        kind: plan.kind,
        options,
        fields,
        other_text,
        region,
    };
    (q, cols)
}

/// "第 5 列" style letter list for messages about a plan.
pub fn letters(plan: &Plan, grid: &Grid) -> String {
    plan.members.iter().map(|&m| column_letter(grid.source_cols[m])).collect::<Vec<_>>().join("、")
}
