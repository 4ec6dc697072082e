//! Two waves compared: for each row (a concern, an option), the share then (grey) and
//! now (blue) as dots joined by a line, each with its 95% interval, and the change in
//! percentage points at the right — bold and coloured when significant, grey when not.

use super::theme::*;
use crate::model::chart::Dumbbell;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

const LABEL_W: i32 = 440;
const PLOT_X: i32 = MARGIN + LABEL_W + 28;
const PLOT_END: i32 = WIDTH as i32 - MARGIN - 250;
const THEN: RGBColor = RGBColor(0x9A, 0x9A, 0x9A);
const DOT: i32 = 11;

fn scale_max(d: &Dumbbell) -> f64 {
    let m = d
        .rows
        .iter()
        .flat_map(|r| [r.old, r.new, r.old_ci.map(|c| c.1), r.new_ci.map(|c| c.1)])
        .flatten()
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    ((m / 10.0).ceil() * 10.0).clamp(10.0, 100.0)
}

fn row_height<DB: DrawingBackend>(a: &Area<DB>, label: &str) -> (Vec<String>, i32) {
    let lines = wrap(a, label, &style(TEXT_SIZE, INK, false), LABEL_W);
    let h = lines_height(lines.len()).max(56);
    (lines, h + 20)
}

const LEGEND_H: i32 = 56;

pub fn height<DB: DrawingBackend>(a: &Area<DB>, d: &Dumbbell) -> u32 {
    let t = wrap(a, &d.title, &style(TITLE_SIZE, INK, true), WIDTH as i32 - 2 * MARGIN).len();
    let s = wrap(a, &d.subtitle, &style(SMALL_SIZE, GREY, false), WIDTH as i32 - 2 * MARGIN).len();
    let rows: i32 = d.rows.iter().map(|r| row_height(a, &r.label).1).sum();
    (header_height(t, s) + LEGEND_H + rows + 70 + MARGIN) as u32
}

pub(crate) fn draw<DB: DrawingBackend>(a: &Area<DB>, d: &Dumbbell) {
    let mut y = header(a, &d.title, &d.subtitle);
    let now = PALETTE[0];
    // Legend: then, now.
    let st = style(SMALL_SIZE, INK, false);
    let mut x = PLOT_X;
    for (name, color) in [(&d.waves[0], THEN), (&d.waves[1], now)] {
        check(a.draw(&Circle::new((x + DOT, y + 22), DOT, color.filled())));
        draw_text(a, name, &st, x + 2 * DOT + 10, y + 22, HPos::Left, VPos::Center);
        x += 2 * DOT + 50 + text_width(a, name, &st);
    }
    draw_text(a, "变化（百分点）", &style(SMALL_SIZE, GREY, false), WIDTH as i32 - MARGIN, y + 22, HPos::Right, VPos::Center);
    y += LEGEND_H;
    let max = scale_max(d);
    let xs = |v: f64| PLOT_X + ((PLOT_END - PLOT_X) as f64 * v.clamp(0.0, max) / max).round() as i32;
    let rows: Vec<(Vec<String>, i32)> = d.rows.iter().map(|r| row_height(a, &r.label)).collect();
    let top = y;
    let bottom = top + rows.iter().map(|r| r.1).sum::<i32>();
    percent_grid(a, max, top, bottom, xs);
    for (r, (lines, h)) in d.rows.iter().zip(&rows) {
        let mid = y + h / 2;
        row_label(a, lines, MARGIN + LABEL_W, mid);
        if let (Some(o), Some(n)) = (r.old, r.new) {
            check(a.draw(&PathElement::new(vec![(xs(o), mid), (xs(n), mid)], NEUTRAL.stroke_width(6))));
        }
        if let Some((lo, hi)) = r.old_ci {
            whisker(a, (xs(lo), xs(hi), mid - 16), THEN, 3, 7);
        }
        if let Some((lo, hi)) = r.new_ci {
            whisker(a, (xs(lo), xs(hi), mid + 16), now, 3, 7);
        }
        if let Some(o) = r.old {
            check(a.draw(&Circle::new((xs(o), mid), DOT, THEN.filled())));
        }
        if let Some(n) = r.new {
            check(a.draw(&Circle::new((xs(n), mid), DOT, now.filled())));
        }
        let cs = if r.significant { style(TEXT_SIZE, now, true) } else { style(TEXT_SIZE, GREY, false) };
        draw_text(a, &r.change, &cs, WIDTH as i32 - MARGIN, mid, HPos::Right, VPos::Center);
        y += h;
    }
    check(a.draw(&PathElement::new(vec![(PLOT_X, top), (PLOT_X, bottom)], GREY.stroke_width(2))));
}
