//! A cross-tab as a heat map: cells show column percentages, coloured by what the
//! adjusted standardized residual means. For a scale, red where the group answers worse
//! than all (an unfavourable answer more frequent, or a favourable one less), blue where
//! better; for other questions, blue where an answer is more frequent than expected.
//! A last grey column gives the percentage of all (全体).

use super::theme::*;
use crate::model::chart::Heat;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

const LABEL_W: i32 = 360;
const CELL_H: i32 = 64;

/// Columns: the groups, then 全体.
fn col_w(h: &Heat) -> i32 {
    ((WIDTH as i32 - 2 * MARGIN - LABEL_W - 16) / (h.col_labels.len() + 1) as i32).min(260)
}

/// The cell's colour: by meaning for a scale, by frequency otherwise.
fn cell_color(res: f64, valence: i8, scale: bool) -> RGBColor {
    match valence {
        // The middle of a scale ("一般") is neither better nor worse.
        0 if scale => diverging(0.0),
        0 => diverging((res / 4.0).max(0.0)),
        v => diverging(res * f64::from(v) / 4.0),
    }
}

fn head_lines<DB: DrawingBackend>(a: &Area<DB>, h: &Heat) -> usize {
    let st = style(SMALL_SIZE, INK, false);
    h.col_labels.iter().map(|c| wrap(a, c, &st, col_w(h) - 8).len()).max().unwrap_or(1)
}

/// What the colours mean, under the map.
fn note(h: &Heat) -> &'static str {
    if h.valence.iter().any(|&v| v != 0) {
        "颜色按含义：红色表示该组的评价比全体差（不满意等不利回答明显偏多，或满意等有利回答明显偏少），蓝色表示比全体好；中间一档（如“一般”）不着色；粗体为差异显著（5% 水平）；灰色一列为全体。"
    } else {
        "颜色：蓝色表示该组选择这一项的比例明显高于全体，颜色越深差距越大；粗体为差异显著（5% 水平）；灰色一列为全体。"
    }
}

pub fn height<DB: DrawingBackend>(a: &Area<DB>, h: &Heat) -> u32 {
    let t = wrap(a, &h.title, &style(TITLE_SIZE, INK, true), WIDTH as i32 - 2 * MARGIN).len();
    let s = wrap(a, &h.subtitle, &style(SMALL_SIZE, GREY, false), WIDTH as i32 - 2 * MARGIN).len();
    let n = wrap(a, note(h), &style(SMALL_SIZE, GREY, false), WIDTH as i32 - 2 * MARGIN).len() as i32;
    (header_height(t, s) + head_lines(a, h) as i32 * 32 + 16 + h.row_labels.len() as i32 * CELL_H + 20 + n * 36 + MARGIN) as u32
}

pub(crate) fn draw<DB: DrawingBackend>(a: &Area<DB>, h: &Heat) {
    let mut y = header(a, &h.title, &h.subtitle);
    let cw = col_w(h);
    let x0 = MARGIN + LABEL_W + 16;
    let st = style(SMALL_SIZE, INK, false);
    let hl = head_lines(a, h) as i32;
    for (j, c) in h.col_labels.iter().chain(std::iter::once(&"全体".to_string())).enumerate() {
        for (k, line) in wrap(a, c, &st, cw - 8).iter().enumerate() {
            draw_text(a, line, &st, x0 + j as i32 * cw + cw / 2, y + k as i32 * 32, HPos::Center, VPos::Top);
        }
    }
    y += hl * 32 + 16;
    let label_st = style(TEXT_SIZE, INK, false);
    for (i, r) in h.row_labels.iter().enumerate() {
        let ry = y + i as i32 * CELL_H;
        let lines = wrap(a, r, &label_st, LABEL_W);
        let first = lines.first().cloned().unwrap_or_default();
        let shown = if lines.len() > 1 { format!("{first}…") } else { first };
        draw_text(a, &shown, &label_st, MARGIN + LABEL_W, ry + CELL_H / 2, HPos::Right, VPos::Center);
        for j in 0..h.col_labels.len() {
            let res = h.residuals.get(i).and_then(|r| r.get(j)).copied().unwrap_or(0.0);
            let v = h.valence.get(i).copied().unwrap_or(0);
            let scale = h.valence.iter().any(|&x| x != 0);
            let color = cell_color(res, v, scale);
            let cx = x0 + j as i32 * cw;
            rect(a, cx + 2, ry + 2, cx + cw - 2, ry + CELL_H - 2, color);
            let pct = h.percents.get(i).and_then(|r| r.get(j)).copied().unwrap_or(f64::NAN);
            let strong = if v == 0 { res > 2.6 && !scale } else { res.abs() > 2.6 };
            let ink = if strong { WHITE } else { INK };
            let text = if pct.is_finite() { format!("{pct:.1}%") } else { "—".into() };
            let bold = if v == 0 { res > 1.96 } else { res.abs() > 1.96 };
            draw_text(a, &text, &style(SMALL_SIZE, ink, bold), cx + cw / 2, ry + CELL_H / 2, HPos::Center, VPos::Center);
        }
        // 全体
        let cx = x0 + h.col_labels.len() as i32 * cw;
        rect(a, cx + 2, ry + 2, cx + cw - 2, ry + CELL_H - 2, GRID);
        let all = h.overall.get(i).copied().unwrap_or(f64::NAN);
        let text = if all.is_finite() { format!("{all:.1}%") } else { "—".into() };
        draw_text(a, &text, &style(SMALL_SIZE, INK, false), cx + cw / 2, ry + CELL_H / 2, HPos::Center, VPos::Center);
    }
    let ly = y + h.row_labels.len() as i32 * CELL_H + 20;
    let note = note(h);
    for (k, line) in wrap(a, note, &style(SMALL_SIZE, GREY, false), WIDTH as i32 - 2 * MARGIN).iter().enumerate() {
        draw_text(a, line, &style(SMALL_SIZE, GREY, false), MARGIN, ly + k as i32 * 36, HPos::Left, VPos::Top);
    }
}
