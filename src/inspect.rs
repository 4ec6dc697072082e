//! `minyi inspect`: what was understood of each input — platform, encoding, header
//! row, and for every question its columns, type, valid and missing counts, options
//! (or a sample answer). As text for people and as JSON for scripts and tests.

use crate::diag::{truncate, Warning};
use crate::model::{Intent, Kind, Population, QuestionIntent, Role, SourceInfo, StatusCounts, Survey};
use polars::prelude::*;
use serde::Serialize;
use std::fmt::Write;

#[derive(Debug, Serialize)]
pub struct InspectReport {
    pub populations: Vec<PopulationReport>,
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Serialize)]
pub struct PopulationReport {
    pub name: String,
    pub source: SourceInfo,
    pub platform_label: String,
    /// Why the file is read as a collection of messages (empty: a questionnaire).
    pub kind_reason: String,
    pub questions: Vec<QuestionReport>,
    /// The questions results are broken down by, and why each was chosen.
    pub group_by: Vec<GroupReport>,
}

#[derive(Debug, Serialize)]
pub struct GroupReport {
    pub id: String,
    pub title: String,
    pub reason: String,
}

#[derive(Debug, Serialize)]
pub struct RowReport {
    pub label: String,
    pub column: String,
    #[serde(flatten)]
    pub counts: StatusCounts,
}

#[derive(Debug, Serialize)]
pub struct QuestionReport {
    pub id: String,
    pub number: Option<u32>,
    pub title: String,
    pub kind: Kind,
    pub kind_label: String,
    pub role: Role,
    pub role_label: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub role_reason: String,
    /// An open question's intent (problem, suggestion, description, praise, mixed) and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intent: Option<Intent>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub intent_reason: String,
    pub columns: Vec<String>,
    pub headers: Vec<String>,
    #[serde(flatten)]
    pub counts: StatusCounts,
    pub options: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<RowReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sample: Option<String>,
    pub has_other_text: bool,
}

fn population_report(p: &Population, intents: &[QuestionIntent]) -> PolarsResult<PopulationReport> {
    let mut questions = Vec::new();
    for q in &p.questions {
        let rows = if q.kind == Kind::Matrix {
            q.fields
                .iter()
                .map(|f| {
                    Ok(RowReport {
                        label: f.label.clone().unwrap_or_default(),
                        column: crate::diag::column_letter(f.source_col),
                        counts: p.status_counts(f)?,
                    })
                })
                .collect::<PolarsResult<Vec<_>>>()?
        } else {
            Vec::new()
        };
        let counts = p.question_status_counts(q)?;
        // Identity answers are never shown, not even as an example.
        let sample = match q.kind {
            _ if !q.role.is_written() => None,
            Kind::Text | Kind::Numeric | Kind::Rating | Kind::Meta(_) => {
                let c = p.frame.column(&q.fields[0].column)?;
                let first = match c.dtype() {
                    DataType::Float64 => {
                        c.f64()?.iter().flatten().next().map(|v| if v.fract() == 0.0 { format!("{}", v as i64) } else { v.to_string() })
                    }
                    DataType::Datetime(..) => {
                        let s = c.cast(&DataType::String)?;
                        let v = s.str()?.iter().flatten().next().map(|v| v.trim_end_matches(".000").to_string());
                        v
                    }
                    _ => c.str()?.iter().flatten().next().map(str::to_string),
                };
                first.map(|v| truncate(&crate::util::redact::redact(&v), 30))
            }
            _ => None,
        };
        let intent = intents.iter().find(|i| i.population == p.name && i.question == q.id);
        questions.push(QuestionReport {
            intent: intent.map(|i| i.intent),
            intent_reason: intent.map(|i| i.reason.clone()).unwrap_or_default(),
            id: q.id.clone(),
            number: q.number,
            title: q.title.clone(),
            kind: q.kind,
            kind_label: q.kind.label().to_string(),
            role: q.role,
            role_label: q.role.label().to_string(),
            role_reason: q.role_reason.clone(),
            columns: q.letters(),
            headers: q.fields.iter().map(|f| f.header.clone()).collect(),
            counts,
            options: q.shown_options(),
            rows,
            sample,
            has_other_text: q.other_text.is_some(),
        });
    }
    let group_by = crate::model::dimensions(p)
        .into_iter()
        .filter_map(|id| p.question(&id))
        .map(|q| GroupReport {
            id: q.id.clone(),
            title: q.title.clone(),
            reason: if p.group_by.is_empty() {
                crate::model::dimension_reason(q).unwrap_or_default().to_string()
            } else {
                "配置文件指定".into()
            },
        })
        .collect();
    Ok(PopulationReport {
        name: p.name.clone(),
        source: p.source.clone(),
        platform_label: p.source.platform.label().into(),
        kind_reason: p.kind_reason.clone(),
        questions,
        group_by,
    })
}

/// `intents`: the open questions' intents, decided by the text stage (`text::intents`).
pub fn report(survey: &Survey, warnings: &[Warning], intents: &[QuestionIntent]) -> PolarsResult<InspectReport> {
    let populations = survey.populations.iter().map(|p| population_report(p, intents)).collect::<PolarsResult<_>>()?;
    Ok(InspectReport { populations, warnings: warnings.to_vec() })
}

/// Terminal columns a text takes (CJK characters take two).
fn width(s: &str) -> usize {
    s.chars().map(|c| if (c as u32) >= 0x2E80 { 2 } else { 1 }).sum()
}

fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

fn rpad(s: &str, w: usize) -> String {
    format!("{}{s}", " ".repeat(w.saturating_sub(width(s))))
}

/// The report as text for a terminal.
pub fn render_text(r: &InspectReport) -> String {
    let mut s = String::new();
    for p in &r.populations {
        let src = &p.source;
        let _ = writeln!(s, "【{}】{}{}", p.name, src.path, src.sheet.as_ref().map(|x| format!(" 工作表「{x}」")).unwrap_or_default());
        let header = src.header_rows.iter().map(|r| r.to_string()).collect::<Vec<_>>().join("–");
        let _ = writeln!(
            s,
            "  平台：{}　编码：{}　表头：第 {} 行　{}{}",
            p.platform_label,
            src.encoding.as_deref().unwrap_or("（工作簿）"),
            header,
            if p.kind_reason.is_empty() { format!("答卷：{} 份", src.rows_read) } else { format!("来信：{} 件", src.rows_read) },
            if src.blank_rows > 0 { format!("（另有 {} 个空行已略过）", src.blank_rows) } else { String::new() }
        );
        if !p.kind_reason.is_empty() {
            let _ = writeln!(
                s,
                "  类型：来信、留言或工单集合，每行一件（{}；若是问卷答卷，可在配置文件中写 kind = \"survey\"）",
                p.kind_reason
            );
        }
        let _ = writeln!(
            s,
            "  {} {} {} {} {} {} {}  题目 / 选项",
            pad("列", 7),
            pad("编号", 14),
            pad("类型", 8),
            pad("角色", 12),
            rpad("有效", 6),
            rpad("跳过", 6),
            rpad("空", 6)
        );
        for q in &p.questions {
            let cols =
                if q.columns.len() > 2 { format!("{}–{}", q.columns[0], q.columns[q.columns.len() - 1]) } else { q.columns.join(",") };
            let _ = writeln!(
                s,
                "  {} {} {} {} {} {} {}  {}",
                pad(&cols, 7),
                pad(&q.id, 14),
                pad(&q.kind_label, 8),
                pad(&q.role_label, 12),
                rpad(&q.counts.n_valid.to_string(), 6),
                rpad(&q.counts.n_skipped.to_string(), 6),
                rpad(&q.counts.n_empty.to_string(), 6),
                truncate(&q.title, 40)
            );
            if !q.rows.is_empty() {
                let labels: Vec<&str> = q.rows.iter().map(|r| r.label.as_str()).collect();
                let _ = writeln!(s, "  {:<67}行：{}", "", labels.join(" | "));
            }
            if !q.options.is_empty() {
                let _ = writeln!(
                    s,
                    "  {:<67}选项：{}{}",
                    "",
                    q.options.join(" | "),
                    if q.has_other_text { "（含“其他”填写内容）" } else { "" }
                );
            } else if let Some(x) = &q.sample {
                let _ = writeln!(s, "  {:<67}示例：{}", "", x);
            }
            if q.kind.is_meta() && q.counts.n_valid == 0 && q.counts.missing() > 0 {
                let _ = writeln!(s, "  {:<67}全部为空（或 NULL 等占位），视为没有这一列", "");
            }
            if !q.role_reason.is_empty() && !matches!(q.role, Role::Answer | Role::Metadata) {
                let _ = writeln!(s, "  {:<67}角色：{}（{}）", "", q.role_label, q.role_reason);
            }
            if let Some(i) = q.intent {
                let _ = writeln!(s, "  {:<67}意图：{}（{}；可在配置文件中用 intent 修改）", "", i.label(), q.intent_reason);
            }
            if q.counts.n_invalid > 0 {
                let _ = writeln!(s, "  {:<67}无效答案：{} 个", "", q.counts.n_invalid);
            }
        }
        if p.group_by.is_empty() {
            let _ = writeln!(s, "  分组比较：未找到性别、年龄、所在区等分组题（可在配置文件中用 group_by 指定）");
        } else {
            let groups: Vec<String> = p.group_by.iter().map(|g| format!("{}“{}”（{}）", g.id, truncate(&g.title, 20), g.reason)).collect();
            let _ = writeln!(s, "  分组比较：按 {}", groups.join("；"));
        }
        s.push('\n');
    }
    for w in &r.warnings {
        let _ = writeln!(s, "{w}");
    }
    s
}
