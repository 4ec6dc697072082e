//! Horizontal bars (single and multi choice, ratings) and grouped bars comparing
//! populations. Long option texts wrap in the label column; the value sits at the bar's end.

use super::theme::*;
use crate::model::chart::Bars;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

const LABEL_W: i32 = 460;
const BAR_X: i32 = MARGIN + LABEL_W + 24;
const BAR_END: i32 = WIDTH as i32 - MARGIN - 130;
const BAR_H: i32 = 34;

fn scale_max(b: &Bars) -> f64 {
    let m = b.series.iter().flat_map(|(_, v)| v.iter().copied()).filter(|v| v.is_finite()).fold(0.0, f64::max);
    let m = b.intervals.iter().flat_map(|v| v.iter().map(|x| x.1)).filter(|v| v.is_finite()).fold(m, f64::max);
    ((m / 10.0).ceil() * 10.0).clamp(10.0, 100.0)
}

fn row_height<DB: DrawingBackend>(a: &Area<DB>, b: &Bars, label: &str) -> (Vec<String>, i32) {
    let lines = wrap(a, label, &style(TEXT_SIZE, INK, false), LABEL_W);
    let text_h = lines_height(lines.len());
    let bars_h = b.series.len() as i32 * BAR_H + (b.series.len() as i32 - 1) * 4;
    (lines, text_h.max(bars_h) + 22)
}

fn legend_height(b: &Bars) -> i32 {
    if b.series.len() > 1 {
        50
    } else {
        0
    }
}

pub fn height<DB: DrawingBackend>(a: &Area<DB>, b: &Bars) -> u32 {
    let t = wrap(a, &b.title, &style(TITLE_SIZE, INK, true), WIDTH as i32 - 2 * MARGIN).len();
    let s = wrap(a, &b.subtitle, &style(SMALL_SIZE, GREY, false), WIDTH as i32 - 2 * MARGIN).len();
    let rows: i32 = b.labels.iter().map(|l| row_height(a, b, l).1).sum();
    (header_height(t, s) + legend_height(b) + rows + 70 + MARGIN) as u32
}

pub(crate) fn draw<DB: DrawingBackend>(a: &Area<DB>, b: &Bars) {
    let mut y = header(a, &b.title, &b.subtitle);
    if b.series.len() > 1 {
        let mut x = BAR_X;
        let st = style(SMALL_SIZE, INK, false);
        for (k, (name, _)) in b.series.iter().enumerate() {
            rect(a, x, y + 6, x + 26, y + 32, PALETTE[k % PALETTE.len()]);
            draw_text(a, name, &st, x + 34, y + 19, HPos::Left, VPos::Center);
            x += 60 + text_width(a, name, &st);
        }
        y += legend_height(b);
    }
    let max = scale_max(b);
    let xs = |v: f64| BAR_X + ((BAR_END - BAR_X) as f64 * v / max).round() as i32;
    let top = y;
    let rows: Vec<(Vec<String>, i32)> = b.labels.iter().map(|l| row_height(a, b, l)).collect();
    let bottom = top + rows.iter().map(|r| r.1).sum::<i32>();
    percent_grid(a, max, top, bottom, xs);
    let value_st = style(SMALL_SIZE, INK, false);
    for (i, (lines, h)) in rows.iter().enumerate() {
        let mid = y + h / 2;
        row_label(a, lines, MARGIN + LABEL_W, mid);
        let n = b.series.len() as i32;
        let block = n * BAR_H + (n - 1) * 4;
        for (k, (_, values)) in b.series.iter().enumerate() {
            let v = values.get(i).copied().filter(|v| v.is_finite()).unwrap_or(0.0);
            let by = mid - block / 2 + k as i32 * (BAR_H + 4);
            rect(a, BAR_X, by, xs(v).max(BAR_X + 2), by + BAR_H, PALETTE[k % PALETTE.len()]);
            let mut label_x = xs(v) + 10;
            if let Some(&(lo, hi)) = b.intervals.get(k).and_then(|iv| iv.get(i)) {
                whisker(a, (xs(lo), xs(hi), by + BAR_H / 2), INK, 2, 8);
                label_x = label_x.max(xs(hi) + 10);
            }
            draw_text(a, &pct_label(v), &value_st, label_x, by + BAR_H / 2, HPos::Left, VPos::Center);
        }
        y += h;
    }
    check(a.draw(&PathElement::new(vec![(BAR_X, top), (BAR_X, bottom)], GREY.stroke_width(2))));
}
