//! The generated answers laid out as a platform exports them: 问卷星 按选项文本 / 按选项序号
//! or 腾讯问卷, written as xlsx or CSV.

use super::spec::{self, QKind};
use super::{Answer, Generated};
use std::path::Path;

/// How the table is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    WjxText,
    WjxCode,
    Tencent,
}

fn time_text(start_day: (i32, u32, u32), secs: i64) -> String {
    let day = secs / 86_400;
    let s = secs % 86_400;
    let date = chrono::NaiveDate::from_ymd_opt(start_day.0, start_day.1, start_day.2).unwrap_or_default() + chrono::Duration::days(day);
    format!(
        "{}/{}/{} {}:{:02}:{:02}",
        chrono::Datelike::year(&date),
        chrono::Datelike::month(&date),
        chrono::Datelike::day(&date),
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

/// A cell of the exported table: text, or a number (written as a number in xlsx).
#[derive(Debug, Clone, PartialEq)]
pub enum Out {
    Text(String),
    Num(f64),
}

impl Out {
    pub fn text(&self) -> String {
        match self {
            Out::Text(s) => s.clone(),
            Out::Num(v) if v.fract() == 0.0 => format!("{}", *v as i64),
            Out::Num(v) => v.to_string(),
        }
    }
}

fn t(s: impl Into<String>) -> Out {
    Out::Text(s.into())
}

/// The exported table (header row first) in a platform's layout.
pub fn table(g: &Generated, layout: Layout) -> Vec<Vec<Out>> {
    let s = g.survey;
    let mut header: Vec<Out> = match layout {
        Layout::Tencent => ["编号", "开始答题时间", "结束答题时间", "答题时长", "IP"].map(t).to_vec(),
        _ => ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"].map(t).to_vec(),
    };
    let sep = if layout == Layout::Tencent { "." } else { "、" };
    for q in s.questions {
        let qn = |rest: &str| match layout {
            Layout::WjxCode => t(format!("{}({rest})", q.number)),
            Layout::Tencent => t(format!("{}.{}:{rest}", q.number, q.title)),
            Layout::WjxText => t(format!("{}、{}—{rest}", q.number, q.title)),
        };
        match &q.kind {
            QKind::Matrix { rows, .. } => header.extend(rows.iter().map(|r| qn(r))),
            QKind::Multi { options, .. } if layout != Layout::WjxText => header.extend(options.iter().map(|o| qn(o))),
            _ => header.push(t(format!("{}{sep}{}", q.number, q.title))),
        }
    }
    let mut rows = vec![header];
    for r in &g.responses {
        let mut row: Vec<Out> = match layout {
            Layout::Tencent => vec![
                Out::Num(r.id as f64),
                t(time_text(g.start, r.submitted - r.seconds as i64)),
                t(time_text(g.start, r.submitted)),
                t(format!("{}分{}秒", r.seconds / 60, r.seconds % 60)),
                t(r.ip.split('(').next().unwrap_or("")),
            ],
            _ => vec![
                Out::Num(r.id as f64),
                t(time_text(g.start, r.submitted)),
                t(format!("{}秒", r.seconds)),
                t(r.source),
                t("直接访问"),
                t(r.ip.clone()),
            ],
        };
        let (skip, empty) = match layout {
            Layout::WjxText => (t("(跳过)"), t("(空)")),
            Layout::WjxCode => (Out::Num(-3.0), t("(空)")),
            Layout::Tencent => (t(""), t("")),
        };
        for (q, a) in s.questions.iter().zip(&r.answers) {
            let opts = q.kind.options();
            let label = |i: usize, other: &Option<String>| match other {
                Some(o) => format!("{}〖{o}〗", opts[i]),
                None => opts[i].to_string(),
            };
            match (&q.kind, a) {
                (QKind::Matrix { rows: mr, .. }, Answer::Matrix(v)) => {
                    for i in v.iter().take(mr.len()) {
                        row.push(if layout == Layout::WjxCode { Out::Num(*i as f64 + 1.0) } else { t(spec::SATISFACTION[*i]) });
                    }
                }
                (QKind::Multi { options, .. }, a) if layout != Layout::WjxText => {
                    for (i, o) in options.iter().enumerate() {
                        row.push(match a {
                            Answer::Multi(v, other) if v.contains(&i) => match (layout, other) {
                                (Layout::WjxCode, Some(x)) if i == options.len() - 1 => t(format!("1〖{x}〗")),
                                (Layout::WjxCode, _) => Out::Num(1.0),
                                (_, Some(x)) if i == options.len() - 1 => t(x.clone()),
                                _ => t(*o),
                            },
                            Answer::Multi(..) => {
                                if layout == Layout::WjxCode {
                                    Out::Num(0.0)
                                } else {
                                    t("")
                                }
                            }
                            _ => skip.clone(),
                        });
                    }
                }
                (_, Answer::Skipped) => match &q.kind {
                    QKind::Matrix { rows: mr, .. } => row.extend(std::iter::repeat_n(skip.clone(), mr.len())),
                    _ => row.push(skip.clone()),
                },
                (_, Answer::Empty) => row.push(empty.clone()),
                (_, Answer::Choice(i, other)) => row.push(if layout == Layout::WjxCode {
                    match other {
                        Some(o) => t(format!("{}〖{o}〗", i + 1)),
                        None => Out::Num(*i as f64 + 1.0),
                    }
                } else {
                    t(label(*i, other))
                }),
                (_, Answer::Multi(v, other)) => {
                    let parts: Vec<String> = v.iter().map(|&i| label(i, if i == opts.len() - 1 { other } else { &None })).collect();
                    row.push(t(parts.join("┋")));
                }
                (_, Answer::Number(v)) => row.push(Out::Num(*v)),
                (_, Answer::Text(x)) => row.push(t(x.clone())),
                (_, Answer::Matrix(_)) => {}
            }
        }
        rows.push(row);
    }
    rows
}

/// Write a table as an xlsx sheet named "Sheet1" (fixed document date: byte-stable).
pub fn write_xlsx(path: &Path, rows: &[Vec<Out>]) -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let created = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 6, 1)?;
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    let ws = wb.add_worksheet();
    ws.set_name("Sheet1")?;
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            match v {
                Out::Text(s) if s.is_empty() => {}
                Out::Text(s) => {
                    ws.write_string(r as u32, c as u16, s)?;
                }
                Out::Num(x) => {
                    ws.write_number(r as u32, c as u16, *x)?;
                }
            }
        }
    }
    wb.save(path)
}

/// The table as CSV text.
pub fn csv_text(rows: &[Vec<Out>]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in rows {
        let _ = w.write_record(row.iter().map(Out::text));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
