//! `tables.xlsx`: one sheet per table, frozen header, percentages as numbers formatted
//! as percent. Every text is written as a string cell (never a formula, whatever it
//! starts with) and free text is redacted first.

use crate::model::Kind;
use crate::model::TextResults;
use crate::model::{Crosstab, QuestionStats, Stats, TextSource};
use crate::model::{Reason, Screening};
use crate::util::redact::redact;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

struct Styles {
    head: Format,
    title: Format,
    pct: Format,
    num: Format,
    one: Format,
    p: Format,
}

fn styles() -> Styles {
    Styles {
        head: Format::new().set_bold().set_background_color("#DCE6F1").set_text_wrap(),
        title: Format::new().set_bold().set_font_size(12),
        pct: Format::new().set_num_format("0.0%"),
        num: Format::new().set_num_format("0.00"),
        one: Format::new().set_num_format("0.0"),
        p: Format::new().set_num_format("0.0000"),
    }
}

/// A sheet name Excel accepts: at most 31 characters, none of []:*?/\ , unique.
fn sheet_name(wanted: &str, used: &mut Vec<String>) -> String {
    let clean: String = wanted.chars().map(|c| if "[]:*?/\\".contains(c) { '_' } else { c }).take(28).collect();
    let mut name = clean.clone();
    let mut k = 2;
    while used.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
        name = format!("{clean}~{k}");
        k += 1;
    }
    used.push(name.clone());
    name
}

fn text(ws: &mut Worksheet, r: u32, c: u16, s: &str, f: Option<&Format>) -> Result<(), XlsxError> {
    // write_string stores a string: "=1+1" stays the text "=1+1".
    match f {
        Some(f) => ws.write_string_with_format(r, c, s, f)?,
        None => ws.write_string(r, c, s)?,
    };
    Ok(())
}

fn header(ws: &mut Worksheet, row: u32, cols: &[&str], st: &Styles) -> Result<(), XlsxError> {
    for (i, h) in cols.iter().enumerate() {
        text(ws, row, i as u16, h, Some(&st.head))?;
    }
    ws.set_freeze_panes(row + 1, 0)?;
    Ok(())
}

fn finite(ws: &mut Worksheet, r: u32, c: u16, v: Option<f64>, f: &Format) -> Result<(), XlsxError> {
    if let Some(v) = v.filter(|v| v.is_finite()) {
        ws.write_number_with_format(r, c, v, f)?;
    }
    Ok(())
}

fn question_sheet(ws: &mut Worksheet, q: &QuestionStats, st: &Styles) -> Result<(), XlsxError> {
    let title = format!("{}{}（{}）", q.number.map(|n| format!("{n}. ")).unwrap_or_default(), q.title, q.kind.label());
    text(ws, 0, 0, &title, Some(&st.title))?;
    text(
        ws,
        1,
        0,
        &format!(
            "{}：有效 {} 人，缺失 {} 人（跳过 {}，未答 {}，无效 {}）",
            q.population, q.n_valid, q.n_missing, q.n_skipped, q.n_empty, q.n_invalid
        ),
        None,
    )?;
    ws.set_column_width(0, 28)?;
    match q.kind {
        Kind::Matrix => {
            let labels: Vec<String> = q.rows.first().map(|r| r.options.iter().map(|o| o.label.clone()).collect()).unwrap_or_default();
            let mut cols: Vec<&str> = vec!["行"];
            cols.extend(labels.iter().map(String::as_str));
            cols.extend(["平均分", "前两项占比", "指数(0-100)", "有效人数"]);
            header(ws, 3, &cols, st)?;
            for (i, r) in q.rows.iter().enumerate() {
                let row = 4 + i as u32;
                text(ws, row, 0, &r.label, None)?;
                for (j, o) in r.options.iter().enumerate() {
                    finite(ws, row, 1 + j as u16, Some(o.percent / 100.0), &st.pct)?;
                }
                let c = 1 + labels.len() as u16;
                finite(ws, row, c, r.mean, &st.num)?;
                finite(ws, row, c + 1, r.top2.map(|v| v / 100.0), &st.pct)?;
                finite(ws, row, c + 2, r.index, &st.num)?;
                ws.write_number(row, c + 3, r.n_valid as f64)?;
            }
        }
        _ if !q.options.is_empty() => {
            let multi = q.kind == Kind::Multi;
            let mut cols = vec!["选项", "人数", "百分比", "95%置信下限", "95%置信上限"];
            if multi {
                cols.push("占全部选择");
            }
            header(ws, 3, &cols, st)?;
            for (i, o) in q.options.iter().enumerate() {
                let row = 4 + i as u32;
                text(ws, row, 0, &o.label, None)?;
                ws.write_number(row, 1, o.count as f64)?;
                finite(ws, row, 2, Some(o.percent / 100.0), &st.pct)?;
                finite(ws, row, 3, Some(o.ci_low / 100.0), &st.pct)?;
                finite(ws, row, 4, Some(o.ci_high / 100.0), &st.pct)?;
                if multi {
                    finite(ws, row, 5, o.percent_of_mentions.map(|v| v / 100.0), &st.pct)?;
                }
            }
            let mut row = 5 + q.options.len() as u32;
            for (label, v, f) in [
                ("平均分", q.mean, &st.num),
                ("前两项占比", q.top2.map(|v| v / 100.0), &st.pct),
                ("指数(0-100)", q.index, &st.num),
                ("NPS", q.nps, &st.num),
            ] {
                if v.is_some_and(f64::is_finite) {
                    text(ws, row, 0, label, None)?;
                    finite(ws, row, 1, v, f)?;
                    row += 1;
                }
            }
        }
        _ => {
            if let Some(s) = &q.summary {
                header(ws, 3, &["统计量", "数值"], st)?;
                for (i, (k, v)) in [
                    ("最小值", s.min),
                    ("下四分位数", s.q1),
                    ("中位数", s.median),
                    ("上四分位数", s.q3),
                    ("最大值", s.max),
                    ("平均值", s.mean),
                    ("标准差", s.sd),
                ]
                .iter()
                .enumerate()
                {
                    text(ws, 4 + i as u32, 0, k, None)?;
                    finite(ws, 4 + i as u32, 1, Some(*v), &st.num)?;
                }
            }
        }
    }
    Ok(())
}

fn crosstab_sheet(ws: &mut Worksheet, c: &Crosstab, st: &Styles) -> Result<(), XlsxError> {
    text(ws, 0, 0, &format!("{} × {}（{}）", c.question_title, c.by_title, c.population), Some(&st.title))?;
    let test = match (c.chi2, c.df, c.p_value, c.cramers_v) {
        (Some(x), Some(df), Some(p), Some(v)) => {
            format!(
                "χ² = {x:.2}，自由度 {df}，p = {p:.4}，Cramér's V = {v:.3}{}",
                if c.reliable { "" } else { "（期望频数过小，检验结果仅供参考）" }
            )
        }
        _ => "无法检验".to_string(),
    };
    text(ws, 1, 0, &test, None)?;
    ws.set_column_width(0, 24)?;
    let mut cols: Vec<&str> = vec![""];
    cols.extend(c.col_labels.iter().map(String::as_str));
    header(ws, 3, &cols, st)?;
    let col_tot: Vec<u64> = (0..c.col_labels.len()).map(|j| c.counts.iter().map(|r| r[j]).sum()).collect();
    for (i, label) in c.row_labels.iter().enumerate() {
        text(ws, 4 + i as u32, 0, label, None)?;
        for j in 0..c.col_labels.len() {
            ws.write_number(4 + i as u32, 1 + j as u16, c.counts[i][j] as f64)?;
        }
    }
    // Column percentages below the counts.
    let base = 5 + c.row_labels.len() as u32;
    text(ws, base, 0, "列百分比", Some(&st.head))?;
    for (i, label) in c.row_labels.iter().enumerate() {
        text(ws, base + 1 + i as u32, 0, label, None)?;
        for j in 0..c.col_labels.len() {
            if col_tot[j] > 0 {
                ws.write_number_with_format(base + 1 + i as u32, 1 + j as u16, c.counts[i][j] as f64 / col_tot[j] as f64, &st.pct)?;
            }
        }
    }
    Ok(())
}

/// The concerns of the open answers, and their suggestions.
fn concern_sheets(wb: &mut Workbook, texts: &TextResults, used: &mut Vec<String>, st: &Styles) -> Result<(), XlsxError> {
    let title = |q: &str| texts.questions.iter().find(|x| x.question == q).map_or(String::new(), |x| x.title.clone());
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name("关注问题", used))?;
    header(
        ws,
        0,
        &[
            "题号",
            "题目",
            "来源",
            "编号",
            "类别（问题、建议或情况，关键词）",
            "全部关键词",
            "提及人数",
            "有效回答",
            "占比",
            "95%置信下限",
            "95%置信上限",
            "分群体占比",
        ],
        st,
    )?;
    ws.set_column_width(1, 36)?;
    ws.set_column_width(4, 24)?;
    ws.set_column_width(5, 36)?;
    ws.set_column_width(11, 30)?;
    for (i, c) in texts.concerns.iter().enumerate() {
        let r = 1 + i as u32;
        let k = &c.concern;
        text(ws, r, 0, &c.question, None)?;
        text(ws, r, 1, &title(&c.question), None)?;
        text(ws, r, 2, if c.source == TextSource::Other { "“其他”填写" } else { "开放题" }, None)?;
        ws.write_number(r, 3, k.id as f64)?;
        text(ws, r, 4, &k.label, None)?;
        text(ws, r, 5, &k.keywords.join("、"), None)?;
        ws.write_number(r, 6, k.share.respondents as f64)?;
        ws.write_number(r, 7, k.share.answered as f64)?;
        finite(ws, r, 8, Some(k.share.share / 100.0), &st.pct)?;
        finite(ws, r, 9, Some(k.share.ci_low / 100.0), &st.pct)?;
        finite(ws, r, 10, Some(k.share.ci_high / 100.0), &st.pct)?;
        let by: Vec<String> = c.by_population.iter().map(|b| format!("{} {:.1}%", b.population, b.share.share)).collect();
        text(ws, r, 11, &by.join("；"), None)?;
    }
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name("意见建议", used))?;
    header(ws, 0, &["题号", "题目", "问题编号", "问题（关键词）", "建议（已隐去个人信息）", "提出类似建议的人数"], st)?;
    ws.set_column_width(1, 36)?;
    ws.set_column_width(3, 24)?;
    ws.set_column_width(4, 70)?;
    let mut r = 1u32;
    for c in &texts.concerns {
        for s in &c.concern.measures {
            text(ws, r, 0, &c.question, None)?;
            text(ws, r, 1, &title(&c.question), None)?;
            ws.write_number(r, 2, c.concern.id as f64)?;
            text(ws, r, 3, &c.concern.label, None)?;
            // Suggestions leave the text stage redacted.
            text(ws, r, 4, &s.text, None)?;
            ws.write_number(r, 5, s.respondents as f64)?;
            r += 1;
        }
    }
    Ok(())
}

/// Fill-ins (names, facts): per question its most frequent values with counts and
/// shares, and the numbers' summary when they share a unit.
fn fill_in_sheet(ws: &mut Worksheet, qs: &[&QuestionStats], st: &Styles) -> Result<(), XlsxError> {
    header(ws, 0, &["调查群体", "题目", "回答", "人数", "占比"], st)?;
    ws.set_column_width(1, 40)?;
    ws.set_column_width(2, 30)?;
    let mut r = 1u32;
    for q in qs {
        let title = format!("{}（{} 人填写，{} 种不同回答）", q.title, q.n_valid, q.distinct.unwrap_or(q.values.len()));
        for v in &q.values {
            text(ws, r, 0, &q.population, None)?;
            text(ws, r, 1, &title, None)?;
            text(ws, r, 2, &redact(&v.value), None)?;
            ws.write_number(r, 3, v.count as f64)?;
            ws.write_number_with_format(r, 4, v.percent / 100.0, &st.pct)?;
            r += 1;
        }
        if let (Some(unit), Some(s)) = (&q.unit, &q.summary) {
            text(ws, r, 0, &q.population, None)?;
            text(ws, r, 1, &title, None)?;
            let line = format!("以{unit}计：中位数 {}，四分位 {}–{}，平均 {:.1}", s.median, s.q1, s.q3, s.mean);
            text(ws, r, 2, &line, None)?;
            r += 1;
        }
        r += 1;
    }
    Ok(())
}

/// A workbook with a fixed document date (the file is byte-identical between runs).
fn new_workbook() -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let created = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 1, 1)?;
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    Ok(wb)
}

/// The sheet 比较: every test of a comparison of two waves, one row each (then, now,
/// change, its 95% interval, p, the corrected q, and whether it counts as a change).
fn comparison_sheet(ws: &mut Worksheet, c: &crate::model::Comparison, st: &Styles) -> Result<(), XlsxError> {
    use crate::model::Change;
    header(
        ws,
        0,
        &[
            "类别",
            "调查群体",
            "题目",
            "行或分组",
            "选项或指标",
            "上一轮",
            "本轮",
            "变化",
            "95% 下限",
            "95% 上限",
            "p 值",
            "校正后 q 值",
            "是否变化",
        ],
        st,
    )?;
    ws.set_column_width(2, 40)?;
    ws.set_column_width(4, 24)?;
    let mut r = 1u32;
    let mut row = |ws: &mut Worksheet, what: [&str; 5], ch: &Change, unit_pct: bool| -> Result<(), XlsxError> {
        for (i, s) in what.iter().enumerate() {
            text(ws, r, i as u16, s, None)?;
        }
        // Shares and their changes are in percent (points); means in score points.
        let f = if unit_pct { &st.one } else { &st.num };
        for (i, v) in [ch.old, ch.new, ch.diff, ch.ci_low, ch.ci_high].into_iter().enumerate() {
            finite(ws, r, 5 + i as u16, Some(v), f)?;
        }
        finite(ws, r, 10, Some(ch.p), &st.p)?;
        finite(ws, r, 11, Some(ch.q), &st.p)?;
        text(ws, r, 12, if ch.significant { "是" } else { "否" }, None)?;
        r += 1;
        Ok(())
    };
    for q in &c.questions {
        let row_label = q.row.clone().unwrap_or_default();
        for o in &q.options {
            row(ws, ["封闭题（%）", &q.population, &q.title, &row_label, &o.label], &o.change, true)?;
        }
        if let Some(m) = &q.mean {
            row(ws, ["封闭题（均分）", &q.population, &q.title, &row_label, "均分"], m, false)?;
        }
        if let Some(n) = &q.nps {
            row(ws, ["封闭题（推荐度）", &q.population, &q.title, &row_label, "NPS"], n, false)?;
        }
        for g in &q.by_group {
            let group = format!("{}：{}", g.dimension, g.group);
            row(ws, ["封闭题分组（%）", &q.population, &q.title, &group, &g.option], &g.change, true)?;
        }
    }
    for k in &c.concerns {
        row(ws, ["反映的问题（%）", "全体", &k.title, "", &k.label], &k.share, true)?;
        for p in &k.by_population {
            row(ws, ["反映的问题（%）", &p.population, &k.title, "", &k.label], &p.change, true)?;
        }
        for g in &k.by_group {
            let group = format!("{}：{}", g.dimension, g.group);
            row(ws, ["反映的问题分组（%）", &g.population, &k.title, &group, &k.label], &g.change, true)?;
        }
    }
    Ok(())
}

/// The workbook of a comparison of two waves (`minyi compare`): the sheet 比较.
pub fn comparison_workbook(c: &crate::model::Comparison) -> Result<Vec<u8>, XlsxError> {
    let st = styles();
    let mut wb = new_workbook()?;
    let ws = wb.add_worksheet();
    ws.set_name("比较")?;
    comparison_sheet(ws, c, &st)?;
    wb.save_to_buffer()
}

/// The workbook as bytes.
pub fn workbook(stats: &Stats, screening: &Screening, texts: &TextResults) -> Result<Vec<u8>, XlsxError> {
    workbook_with(stats, screening, texts, None)
}

/// The workbook, with the sheet 比较 of a comparison with an earlier wave.
pub fn workbook_with(
    stats: &Stats,
    screening: &Screening,
    texts: &TextResults,
    comparison: Option<&crate::model::Comparison>,
) -> Result<Vec<u8>, XlsxError> {
    let st = styles();
    let mut wb = new_workbook()?;
    let mut used = Vec::new();

    let ws = wb.add_worksheet();
    ws.set_name(sheet_name("样本情况", &mut used))?;
    header(
        ws,
        0,
        &[
            "调查群体",
            "读取",
            "纳入分析",
            "排除：未作答",
            "排除：重复提交",
            "排除：用时过短",
            "排除：矩阵同选",
            "标记：用时过短",
            "标记：矩阵同选",
        ],
        &st,
    )?;
    ws.set_column_width(0, 16)?;
    for (i, a) in screening.populations.iter().enumerate() {
        let r = 1 + i as u32;
        text(ws, r, 0, &a.population, None)?;
        ws.write_number(r, 1, a.read as f64)?;
        ws.write_number(r, 2, a.analysed as f64)?;
        for (k, reason) in Reason::ALL.iter().enumerate() {
            ws.write_number(r, 3 + k as u16, a.excluded.get(reason).map_or(0, Vec::len) as f64)?;
        }
        for (k, reason) in [Reason::Speeder, Reason::StraightLine].iter().enumerate() {
            ws.write_number(r, 7 + k as u16, a.flagged.get(reason).map_or(0, Vec::len) as f64)?;
        }
    }

    for q in stats.questions.iter().filter(|q| q.is_closed()) {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(&format!("{}-{}", q.population, q.id), &mut used))?;
        question_sheet(ws, q, &st)?;
    }

    let ws = wb.add_worksheet();
    ws.set_name(sheet_name("交叉检验汇总", &mut used))?;
    header(ws, 0, &["调查群体", "题目", "分组", "人数", "χ²", "自由度", "p 值", "Cramér's V", "检验可靠", "明细工作表"], &st)?;
    ws.set_column_width(1, 40)?;
    let mut detail = Vec::new();
    for (i, c) in stats.crosstabs.iter().enumerate() {
        let r = 1 + i as u32;
        text(ws, r, 0, &c.population, None)?;
        text(ws, r, 1, &c.question_title, None)?;
        text(ws, r, 2, &c.by_title, None)?;
        ws.write_number(r, 3, c.n as f64)?;
        finite(ws, r, 4, c.chi2, &st.num)?;
        if let Some(df) = c.df {
            ws.write_number(r, 5, df as f64)?;
        }
        finite(ws, r, 6, c.p_value, &st.p)?;
        finite(ws, r, 7, c.cramers_v, &st.num)?;
        text(ws, r, 8, if c.reliable { "是" } else { "否" }, None)?;
        if c.reliable && c.significant() && detail.len() < 60 {
            let name = sheet_name(&format!("交叉{}", detail.len() + 1), &mut used);
            text(ws, r, 9, &name, None)?;
            detail.push((name, c));
        }
    }
    for (name, c) in detail {
        let ws = wb.add_worksheet();
        ws.set_name(name)?;
        crosstab_sheet(ws, c, &st)?;
    }

    let fill_ins: Vec<&QuestionStats> = stats.questions.iter().filter(|q| !q.values.is_empty()).collect();
    if !fill_ins.is_empty() {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name("填空题", &mut used))?;
        fill_in_sheet(ws, &fill_ins, &st)?;
    }

    if !stats.other_texts.is_empty() {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name("其他填写", &mut used))?;
        header(ws, 0, &["调查群体", "题目", "答卷编号", "填写内容（已隐去个人信息）"], &st)?;
        ws.set_column_width(3, 60)?;
        for (i, o) in stats.other_texts.iter().enumerate() {
            let r = 1 + i as u32;
            text(ws, r, 0, &o.population, None)?;
            text(ws, r, 1, &o.question, None)?;
            text(ws, r, 2, &o.response_id, None)?;
            text(ws, r, 3, &redact(&o.text), None)?;
        }
    }
    if !texts.concerns.is_empty() {
        concern_sheets(&mut wb, texts, &mut used, &st)?;
    }
    if let Some(c) = comparison {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name("比较", &mut used))?;
        comparison_sheet(ws, c, &st)?;
    }
    wb.save_to_buffer()
}
