//! Diverging stacked bars for Likert questions and matrix rows: negative points to the
//! left of the centre line, positive to the right, the neutral point split across it.

use super::theme::*;
use crate::model::chart::Diverging;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

const LABEL_W: i32 = 300;
const BAR_X: i32 = MARGIN + LABEL_W + 24;
const BAR_END: i32 = WIDTH as i32 - MARGIN - 150;
const ROW_H: i32 = 64;
const BAR_H: i32 = 44;

fn legend_lines<DB: DrawingBackend>(a: &Area<DB>, d: &Diverging) -> Vec<Vec<usize>> {
    let st = style(SMALL_SIZE, INK, false);
    let mut lines = vec![Vec::new()];
    let mut x = MARGIN;
    for (i, p) in d.points.iter().enumerate() {
        let w = 44 + text_width(a, &chart_text(p), &st) + 28;
        if x + w > WIDTH as i32 - MARGIN && !lines.last().is_some_and(Vec::is_empty) {
            lines.push(Vec::new());
            x = MARGIN;
        }
        lines.last_mut().map(|l| l.push(i));
        x += w;
    }
    lines
}

fn row_lines<DB: DrawingBackend>(a: &Area<DB>, label: &str) -> Vec<String> {
    wrap(a, label, &style(TEXT_SIZE, INK, false), LABEL_W)
}

fn row_h<DB: DrawingBackend>(a: &Area<DB>, label: &str) -> i32 {
    ROW_H.max(lines_height(row_lines(a, label).len()) + 16)
}

pub fn height<DB: DrawingBackend>(a: &Area<DB>, d: &Diverging) -> u32 {
    let t = wrap(a, &d.title, &style(TITLE_SIZE, INK, true), WIDTH as i32 - 2 * MARGIN).len();
    let s = wrap(a, &d.subtitle, &style(SMALL_SIZE, GREY, false), WIDTH as i32 - 2 * MARGIN).len();
    let rows: i32 = d.rows.iter().map(|r| row_h(a, &r.0)).sum();
    (header_height(t, s) + legend_lines(a, d).len() as i32 * 44 + 16 + rows + 60 + MARGIN) as u32
}

pub(crate) fn draw<DB: DrawingBackend>(a: &Area<DB>, d: &Diverging) {
    let mut y = header(a, &d.title, &d.subtitle);
    let colors = scale_colors(d.points.len());
    let st = style(SMALL_SIZE, INK, false);
    for line in legend_lines(a, d) {
        let mut x = MARGIN;
        for i in line {
            rect(a, x, y + 6, x + 30, y + 36, colors[i]);
            let label = chart_text(&d.points[i]);
            draw_text(a, &label, &st, x + 40, y + 21, HPos::Left, VPos::Center);
            x += 44 + text_width(a, &label, &st) + 28;
        }
        y += 44;
    }
    y += 16;
    let n = d.points.len();
    let neutral = (n % 2 == 1).then_some(n / 2);
    let neg_end = n / 2;
    let left = |v: &[f64]| v[..neg_end].iter().sum::<f64>() + neutral.map_or(0.0, |m| v[m] / 2.0);
    let right = |v: &[f64]| v[n - neg_end..].iter().sum::<f64>() + neutral.map_or(0.0, |m| v[m] / 2.0);
    let lmax = d.rows.iter().map(|r| left(&r.1)).fold(1.0, f64::max);
    let rmax = d.rows.iter().map(|r| right(&r.1)).fold(1.0, f64::max);
    let scale = (BAR_END - BAR_X) as f64 / (lmax + rmax);
    let centre = BAR_X + (lmax * scale).round() as i32;
    let top = y;
    let in_bar = style(SMALL_SIZE, INK, false);
    let in_bar_light = style(SMALL_SIZE, WHITE, false);
    let rows_h: i32 = d.rows.iter().map(|r| row_h(a, &r.0)).sum();
    // The centre line first, so that the labels on the bars stay readable.
    check(a.draw(&PathElement::new(vec![(centre, top - 6), (centre, top + rows_h + 6)], INK.stroke_width(2))));
    for (label, values, mean) in &d.rows {
        let h = row_h(a, label);
        let mid = y + h / 2;
        let lines = row_lines(a, label);
        row_label(a, &lines, MARGIN + LABEL_W, mid);
        let mut x = centre as f64 - left(values) * scale;
        for (i, v) in values.iter().enumerate() {
            let w = v * scale;
            let (x0, x1) = (x.round() as i32, (x + w).round() as i32);
            rect(a, x0, mid - BAR_H / 2, x1, mid + BAR_H / 2, colors[i]);
            if x1 - x0 >= 64 {
                let dark = {
                    let c = colors[i];
                    (c.0 as u32 * 299 + c.1 as u32 * 587 + c.2 as u32 * 114) / 1000 < 110
                };
                draw_text(
                    a,
                    &format!("{v:.0}%"),
                    if dark { &in_bar_light } else { &in_bar },
                    (x0 + x1) / 2,
                    mid,
                    HPos::Center,
                    VPos::Center,
                );
            }
            x += w;
        }
        if let Some(m) = mean {
            draw_text(a, &format!("均分 {m:.2}"), &style(SMALL_SIZE, GREY, false), BAR_END + 20, mid, HPos::Left, VPos::Center);
        }
        y += h;
    }
}
