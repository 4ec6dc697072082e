//! From a planned question and its raw columns to typed polars columns: option labels,
//! one Boolean per option, numbers, date-times, with a missing-status column beside each.

use super::cells::{classify, is_other_label, parse_datetime, parse_duration, parse_number, split_ip, split_other, Cell};
use super::grid::Grid;
use super::infer::is_selected_mark;
use crate::diag::{column_letter, truncate, Location, Warning};
use crate::model::{naming, Choice, Field, Kind, MetaKind, Missing, Question, Role};
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
    /// The role the config sets (else decided from title and answers).
    pub role: Option<Role>,
    /// The intent the config sets for an open question (else decided by the text stage).
    pub intent: Option<crate::model::Intent>,
    /// What joins several choices in one cell (问卷星's "┋", or a hand-typed "、").
    pub separator: char,
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

/// Option label (and 问卷星 numeric code) → option index.
fn option_index(options: &[Choice]) -> FastMap<String, usize> {
    let mut index: FastMap<String, usize> = options.iter().enumerate().map(|(i, c)| (c.label.clone(), i)).collect();
    for c in options {
        if let Some(code) = c.code {
            index.insert(code.to_string(), index[&c.label]);
        }
    }
    index
}

/// The columns of one question as they are built.
struct Builder<'g> {
    plan: &'g Plan,
    grid: &'g Grid,
    codes: bool,
    loc: &'g Location,
    warnings: &'g mut Vec<Warning>,
    cols: Vec<Column>,
    fields: Vec<Field>,
    /// Text typed after "其他", per row (empty until a kind with "其他" fills it).
    others: Vec<Option<String>>,
    region: Option<String>,
}

impl<'g> Builder<'g> {
    /// Read grid column `m` cell by cell: a missing cell gets its status code; a value is
    /// `parse`d, and one that does not parse is an invalid answer (status
    /// [`Missing::Invalid`]), counted and reported once as "not `what`". `codes`: the
    /// cells may hold 问卷星's numeric codes.
    fn read<T>(
        &mut self,
        m: usize,
        codes: bool,
        what: &str,
        mut parse: impl FnMut(usize, &'g str) -> Option<T>,
    ) -> (Vec<Option<T>>, Vec<u8>) {
        let grid = self.grid;
        let mut bad = Invalid::new(grid);
        let mut status = Vec::with_capacity(grid.height());
        let values = grid.columns[m]
            .iter()
            .enumerate()
            .map(|(r, raw)| {
                let cell = classify(raw, codes);
                let mut st = code(cell.clone());
                let mut out = None;
                if let Cell::Value(v) = cell {
                    out = parse(r, v);
                    if out.is_none() {
                        bad.add(r, v);
                        st = Missing::Invalid.code();
                    }
                }
                status.push(st);
                out
            })
            .collect();
        bad.report(self.loc, m, what, self.warnings);
        (values, status)
    }

    /// A field of the question: frame column `name` from grid column `member`, with its
    /// own status column unless `status` names the question's.
    fn field(&mut self, name: String, member: usize, label: Option<String>, status: Option<String>) {
        self.fields.push(Field {
            status: status.unwrap_or_else(|| naming::status(&name)),
            column: name,
            label,
            source_col: self.grid.source_cols[member],
            header: self.grid.headers[member].clone(),
        });
    }

    /// A value column, its status column and its field (one column per question).
    fn whole(&mut self, values: Column, status: Vec<u8>) {
        let id = self.plan.id.clone();
        self.cols.push(values);
        self.cols.push(status_col(&naming::status(&id), status));
        self.field(id, self.plan.members[0], None, None);
    }

    /// One Boolean column per option (sharing the question's status column).
    fn options(&mut self, selected: Vec<Vec<Option<bool>>>, labels: &[String], members: &[usize], status: Vec<u8>) {
        let id = self.plan.id.clone();
        for (k, s) in selected.into_iter().enumerate() {
            let name = naming::part(&id, k);
            self.cols.push(Column::new(name.as_str().into(), s));
            self.field(name, members[k], Some(labels[k].clone()), Some(naming::status(&id)));
        }
        self.cols.push(status_col(&naming::status(&id), status));
    }

    /// A single-choice or Likert question: the option labels, and the text after "其他".
    fn single(&mut self, options: &[Choice]) {
        let index = option_index(options);
        let mut others = vec![None; self.grid.height()];
        let (values, status) = self.read(self.plan.members[0], self.codes, "本题的选项", |r, v| {
            let (label, text) = split_other(v);
            if let Some(t) = text.filter(|t| !t.is_empty()) {
                others[r] = Some(t.to_string());
            }
            index.get(label).copied()
        });
        self.others = others;
        let labels: StringChunked =
            values.iter().map(|v| v.map(|i| options[i].label.as_str())).collect::<StringChunked>().with_name(self.plan.id.as_str().into());
        self.whole(labels.into_column(), status);
    }

    /// A multi-choice question in one column (问卷星's "A┋B┋其他〖…〗"): one Boolean per
    /// option. A cell naming an unknown option is invalid as a whole.
    fn multi_in_one(&mut self, options: &[Choice]) {
        let index: FastMap<&str, usize> = options.iter().enumerate().map(|(i, c)| (c.label.as_str(), i)).collect();
        let mut others = vec![None; self.grid.height()];
        let m = self.plan.members[0];
        let (rows, status) = self.read(m, self.codes, "本题的选项", |r, v| {
            let mut row = vec![false; options.len()];
            let mut known = true;
            for part in v.split(self.plan.separator).map(str::trim).filter(|s| !s.is_empty()) {
                let (label, text) = split_other(part);
                match index.get(label) {
                    Some(&i) => row[i] = true,
                    None => known = false,
                }
                if let Some(t) = text.filter(|t| !t.is_empty()) {
                    others[r] = Some(t.to_string());
                }
            }
            known.then_some(row)
        });
        self.others = others;
        let selected: Vec<Vec<Option<bool>>> =
            (0..options.len()).map(|i| rows.iter().map(|row| row.as_ref().map(|row| row[i])).collect()).collect();
        let labels: Vec<String> = options.iter().map(|c| c.label.clone()).collect();
        self.options(selected, &labels, &vec![m; options.len()], status);
    }

    /// A multi-choice question with one column per option: the row is missing only when
    /// every column is; a filled cell is a choice unless it reads as "not selected".
    fn multi_in_columns(&mut self) {
        let (plan, grid, codes, n) = (self.plan, self.grid, self.codes, self.grid.height());
        let mut status = vec![0u8; n];
        for (r, st) in status.iter_mut().enumerate() {
            let cells: Vec<Cell> = plan.members.iter().map(|&m| classify(grid.columns[m].get(r), codes)).collect();
            if cells.iter().all(|c| matches!(c, Cell::Missing(_))) {
                *st = code(cells[0].clone());
            }
        }
        let mut others = vec![None; n];
        let mut selected = Vec::new();
        for (k, &m) in plan.members.iter().enumerate() {
            let label = plan.subs.get(k).cloned().unwrap_or_default();
            let is_other = is_other_label(&label);
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
                            }
                        }
                        Some(selected.unwrap_or(true))
                    }
                })
                .collect();
            selected.push(v);
        }
        self.others = others;
        self.options(selected, &plan.subs, &plan.members, status);
    }

    /// A matrix: one label column (and status column) per row, on the shared scale.
    fn matrix(&mut self, options: &[Choice]) {
        let index = option_index(options);
        let plan = self.plan;
        for (k, &m) in plan.members.iter().enumerate() {
            let name = naming::part(&plan.id, k);
            let (values, status) = self.read(m, self.codes, "本题量表的选项", |_, v| index.get(split_other(v).0).copied());
            let labels: StringChunked =
                values.iter().map(|v| v.map(|i| options[i].label.as_str())).collect::<StringChunked>().with_name(name.as_str().into());
            self.cols.push(labels.into_column());
            self.cols.push(status_col(&naming::status(&name), status));
            self.field(name, m, plan.subs.get(k).cloned(), None);
        }
    }

    /// A number (numeric, rating) or a duration in seconds.
    fn numeric(&mut self, duration: bool) {
        let id = self.plan.id.as_str();
        let (values, status) = if duration {
            self.read(self.plan.members[0], false, "时长", |_, v| parse_duration(v))
        } else {
            self.read(self.plan.members[0], self.codes, "数字", |_, v| parse_number(v))
        };
        self.whole(Column::new(id.into(), values), status);
    }

    /// A date-time (submit or start time), as milliseconds.
    fn datetime(&mut self) {
        let (ms, status) = self.read(self.plan.members[0], false, "日期时间", |_, v| parse_datetime(v));
        let c = Int64Chunked::from_iter_options(self.plan.id.as_str().into(), ms.into_iter())
            .into_datetime(TimeUnit::Milliseconds, None)
            .into_column();
        self.whole(c, status);
    }

    /// An IP address, and the region some platforms write after it.
    fn ip(&mut self) {
        let mut regions: Vec<Option<&str>> = vec![None; self.grid.height()];
        let (ips, status) = self.read(self.plan.members[0], false, "IP 地址", |r, v| {
            let (ip, region) = split_ip(v);
            regions[r] = region;
            Some(ip)
        });
        let id = self.plan.id.clone();
        self.whole(StringChunked::from_iter_options(id.as_str().into(), ips.into_iter()).into_column(), status);
        if regions.iter().any(Option::is_some) {
            let name = naming::region(&id);
            self.cols.push(StringChunked::from_iter_options(name.as_str().into(), regions.into_iter()).into_column());
            self.region = Some(name);
        }
    }

    /// Text as written (open questions and the other metadata).
    fn text(&mut self) {
        let (texts, status) = self.read(self.plan.members[0], false, "文字", |_, v| Some(v));
        self.whole(StringChunked::from_iter_options(self.plan.id.as_str().into(), texts.into_iter()).into_column(), status);
    }

    /// The "其他" texts from a column of their own, when the export gives one.
    fn other_column(&mut self, col: usize) {
        self.others = self.grid.columns[col]
            .iter()
            .map(|raw| match classify(raw, false) {
                Cell::Value(v) if parse_number(v).is_none() => Some(v.to_string()),
                _ => None,
            })
            .collect();
    }
}

/// Build the columns of one question. `codes`: the export uses 问卷星's numeric codes.
pub fn build(plan: &Plan, grid: &Grid, codes: bool, loc: &Location, warnings: &mut Vec<Warning>) -> (Question, Vec<Column>) {
    let mut options = plan.options.clone();
    let mut b = Builder { plan, grid, codes, loc, warnings, cols: Vec::new(), fields: Vec::new(), others: Vec::new(), region: None };
    match plan.kind {
        Kind::Single | Kind::Likert => b.single(&options),
        Kind::Matrix => b.matrix(&options),
        Kind::Multi if plan.members.len() == 1 => b.multi_in_one(&options),
        Kind::Multi => b.multi_in_columns(),
        Kind::Numeric | Kind::Rating => b.numeric(false),
        Kind::Meta(MetaKind::Duration) => b.numeric(true),
        Kind::Meta(MetaKind::SubmitTime | MetaKind::StartTime) => b.datetime(),
        Kind::Meta(MetaKind::Ip) => b.ip(),
        Kind::Text | Kind::Meta(_) => b.text(),
    }
    if let Some(col) = plan.other_col {
        b.other_column(col);
    }
    let Builder { mut cols, fields, others, region, .. } = b;
    let mut other_text = None;
    if others.iter().any(Option::is_some) {
        let name = naming::other(&plan.id);
        cols.push(StringChunked::from_iter_options(name.as_str().into(), others.iter().map(|o| o.as_deref())).into_column());
        other_text = Some(name);
        if !options.iter().any(|c| c.other) {
            if let Some(c) = options.iter_mut().find(|c| is_other_label(&c.label)) {
                c.other = true;
            }
        }
    }
    let mut q = Question {
        role: Role::Answer,
        role_reason: String::new(),
        intent: plan.intent,
        id: plan.id.clone(),
        number: plan.number,
        title: plan.title.clone(),
        kind: plan.kind,
        options,
        fields,
        other_text,
        region,
    };
    (q.role, q.role_reason) = match plan.role {
        Some(role) => (role, "配置文件指定".to_string()),
        None => {
            // Only fill-ins are read for their content; a closed question's role is its title's.
            let filled = match (plan.kind, plan.members.as_slice()) {
                (Kind::Text | Kind::Numeric, [m]) => super::roles::sample(&grid.columns[*m]),
                _ => Vec::new(),
            };
            super::roles::decide(&q, &filled)
        }
    };
    (q, cols)
}

/// "第 5 列" style letter list for messages about a plan.
pub(crate) fn letters(plan: &Plan, grid: &Grid) -> String {
    plan.members.iter().map(|&m| column_letter(grid.source_cols[m])).collect::<Vec<_>>().join("、")
}
