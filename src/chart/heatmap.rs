//! A cross-tab as a heat map: cells show column percentages, coloured by the adjusted
//! standardized residual (blue: more than expected, red: fewer; pale: as expected).

use super::theme::*;
use crate::model::chart::Heat;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

const LABEL_W: i32 = 360;
const CELL_H: i32 = 64;

fn col_w(h: &Heat) -> i32 {
    ((WIDTH as i32 - 2 * MARGIN - LABEL_W - 16) / h.col_labels.len().max(1) as i32).min(260)
}

fn head_lines<DB: DrawingBackend>(a: &Area<DB>, h: &Heat) -> usize {
    let st = style(SMALL_SIZE, INK, false);
    h.col_labels.iter().map(|c| wrap(a, c, &st, col_w(h) - 8).len()).max().unwrap_or(1)
}

pub fn height<DB: DrawingBackend>(a: &Area<DB>, h: &Heat) -> u32 {
    let t = wrap(a, &h.title, &style(TITLE_SIZE, INK, true), WIDTH as i32 - 2 * MARGIN).len();
    let s = wrap(a, &h.subtitle, &style(SMALL_SIZE, GREY, false), WIDTH as i32 - 2 * MARGIN).len();
    (header_height(t, s) + head_lines(a, h) as i32 * 32 + 16 + h.row_labels.len() as i32 * CELL_H + 80 + MARGIN) as u32
}

pub(crate) fn draw<DB: DrawingBackend>(a: &Area<DB>, h: &Heat) {
    let mut y = header(a, &h.title, &h.subtitle);
    let cw = col_w(h);
    let x0 = MARGIN + LABEL_W + 16;
    let st = style(SMALL_SIZE, INK, false);
    let hl = head_lines(a, h) as i32;
    for (j, c) in h.col_labels.iter().enumerate() {
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
            let color = diverging(res / 4.0);
            let cx = x0 + j as i32 * cw;
            rect(a, cx + 2, ry + 2, cx + cw - 2, ry + CELL_H - 2, color);
            let pct = h.percents.get(i).and_then(|r| r.get(j)).copied().unwrap_or(f64::NAN);
            let ink = if res.abs() > 2.6 { WHITE } else { INK };
            let text = if pct.is_finite() { format!("{pct:.1}%") } else { "—".into() };
            draw_text(a, &text, &style(SMALL_SIZE, ink, res.abs() > 1.96), cx + cw / 2, ry + CELL_H / 2, HPos::Center, VPos::Center);
        }
    }
    let ly = y + h.row_labels.len() as i32 * CELL_H + 20;
    let note = "颜色：调整后标准化残差，蓝色表示高于期望、红色表示低于期望，粗体为 |残差| > 1.96（5% 水平显著）";
    for (k, line) in wrap(a, note, &style(SMALL_SIZE, GREY, false), WIDTH as i32 - 2 * MARGIN).iter().enumerate() {
        draw_text(a, line, &style(SMALL_SIZE, GREY, false), MARGIN, ly + k as i32 * 32, HPos::Left, VPos::Top);
    }
}
