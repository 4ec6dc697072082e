//! One visual theme for every chart: the embedded CJK font, a colour-blind-safe
//! palette, sizes, and drawing helpers (wrapped text, bars) over any plotters backend.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::sync::Once;

pub(crate) const FONT: &str = "minyi-sans";

/// Chart width in pixels: 1600 px is 8 inches at 200 dpi, print resolution.
pub(crate) const WIDTH: u32 = 1600;
pub(crate) const DPI: f64 = 200.0;
pub(crate) const MARGIN: i32 = 48;
pub(crate) const TITLE_SIZE: f64 = 40.0;
pub(crate) const TEXT_SIZE: f64 = 30.0;
pub(crate) const SMALL_SIZE: f64 = 28.0;

/// Okabe–Ito colours (safe for the common forms of colour blindness).
pub(crate) const PALETTE: [RGBColor; 7] = [
    RGBColor(0x00, 0x72, 0xB2),
    RGBColor(0xE6, 0x9F, 0x00),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0x56, 0xB4, 0xE9),
    RGBColor(0xD5, 0x5E, 0x00),
    RGBColor(0xF0, 0xE4, 0x42),
];
pub(crate) const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
pub(crate) const GREY: RGBColor = RGBColor(0x6B, 0x6B, 0x6B);
pub(crate) const GRID: RGBColor = RGBColor(0xE3, 0xE3, 0xE3);
pub(crate) const NEUTRAL: RGBColor = RGBColor(0xBD, 0xBD, 0xBD);

/// A diverging red–blue ramp (ColorBrewer RdBu): negative → red, positive → blue.
pub(crate) fn diverging(t: f64) -> RGBColor {
    let stops = [(0xB2, 0x18, 0x2B), (0xEF, 0x8A, 0x62), (0xF7, 0xF7, 0xF7), (0x67, 0xA9, 0xCF), (0x21, 0x66, 0xAC)];
    let t = t.clamp(-1.0, 1.0);
    let x = (t + 1.0) / 2.0 * 4.0;
    let i = (x.floor() as usize).min(3);
    let f = x - i as f64;
    let mix = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * f).round() as u8;
    let (a, b) = (stops[i], stops[i + 1]);
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// Colours for the points of an ordered scale, most negative first.
pub(crate) fn scale_colors(n: usize) -> Vec<RGBColor> {
    (0..n)
        .map(|i| {
            let t = if n <= 1 { 0.0 } else { i as f64 / (n - 1) as f64 * 2.0 - 1.0 };
            if t.abs() < 1e-9 {
                NEUTRAL
            } else {
                diverging(t * 0.95)
            }
        })
        .collect()
}

thread_local! {
    /// The first drawing failure of the chart being drawn on this thread.
    static FAILED: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Keep the first drawing failure of the chart being drawn (reported by [`take_failure`]).
pub fn check<T, E: std::fmt::Display>(r: Result<T, E>) {
    if let Err(e) = r {
        FAILED.with(|f| {
            f.borrow_mut().get_or_insert_with(|| e.to_string());
        });
    }
}

/// The first drawing failure since the last call, if any.
pub(crate) fn take_failure() -> Option<String> {
    FAILED.with(|f| f.borrow_mut().take())
}

pub(crate) fn register_fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The bytes are compiled in; they parse.
        let _ = plotters::style::register_font(FONT, FontStyle::Normal, crate::util::media::FONT_REGULAR);
        let _ = plotters::style::register_font(FONT, FontStyle::Bold, crate::util::media::FONT_BOLD);
    });
}

/// Full-width brackets and quotes carry side bearings that plotters' glyph drawing
/// ignores; their half-width forms read the same in a chart.
pub(crate) fn chart_text(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '“' | '”' => '"',
            '‘' | '’' => '\'',
            '：' => ':',
            c => c,
        })
        .collect()
}

pub fn style(size: f64, color: RGBColor, bold: bool) -> TextStyle<'static> {
    let font = FontDesc::new(FontFamily::Name(FONT), size, if bold { FontStyle::Bold } else { FontStyle::Normal });
    font.color(&color)
}

pub(crate) type Area<DB> = DrawingArea<DB, Shift>;

pub(crate) fn text_width<DB: DrawingBackend>(area: &Area<DB>, s: &str, st: &TextStyle) -> i32 {
    area.estimate_text_size(s, st).map(|(w, _)| w as i32).unwrap_or((s.chars().count() as f64 * st.font.get_size()) as i32)
}

/// Break a text into lines no wider than `max` pixels (CJK may break anywhere; a run
/// of Latin letters or digits is kept together).
pub(crate) fn wrap<DB: DrawingBackend>(area: &Area<DB>, s: &str, st: &TextStyle, max: i32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut word = String::new();
    let flush_word = |line: &mut String, word: &mut String, lines: &mut Vec<String>| {
        if word.is_empty() {
            return;
        }
        let candidate = format!("{line}{word}");
        if text_width(area, &candidate, st) > max && !line.is_empty() {
            lines.push(std::mem::take(line));
        }
        line.push_str(word);
        word.clear();
    };
    for c in chart_text(s).chars() {
        if c.is_ascii_alphanumeric() || c == '.' || c == '%' {
            word.push(c);
            continue;
        }
        flush_word(&mut line, &mut word, &mut lines);
        let candidate = format!("{line}{c}");
        if text_width(area, &candidate, st) > max && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        line.push(c);
    }
    flush_word(&mut line, &mut word, &mut lines);
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

pub(crate) fn draw_text<DB: DrawingBackend>(area: &Area<DB>, s: &str, st: &TextStyle, x: i32, y: i32, h: HPos, v: VPos) {
    let st = st.pos(Pos::new(h, v));
    check(area.draw_text(s, &st, (x, y)));
}

/// Height of `n` label lines.
pub(crate) fn lines_height(n: usize) -> i32 {
    (n as f64 * TEXT_SIZE * 1.25) as i32
}

/// Wrapped category labels, right-aligned at `right`, centred vertically on `mid`.
pub(crate) fn row_label<DB: DrawingBackend>(area: &Area<DB>, lines: &[String], right: i32, mid: i32) {
    let st = style(TEXT_SIZE, INK, false);
    let top = mid - lines_height(lines.len()) / 2;
    for (k, line) in lines.iter().enumerate() {
        draw_text(area, line, &st, right, top + lines_height(k) + (TEXT_SIZE * 0.625) as i32, HPos::Right, VPos::Center);
    }
}

pub(crate) fn rect<DB: DrawingBackend>(area: &Area<DB>, x0: i32, y0: i32, x1: i32, y1: i32, color: RGBColor) {
    check(area.draw(&Rectangle::new([(x0, y0), (x1, y1)], color.filled())));
}

/// Title (wrapped, bold) and a grey subtitle; returns the y where the plot starts.
pub fn header<DB: DrawingBackend>(area: &Area<DB>, title: &str, subtitle: &str) -> i32 {
    let mut y = MARGIN;
    let ts = style(TITLE_SIZE, INK, true);
    for line in wrap(area, title, &ts, WIDTH as i32 - 2 * MARGIN) {
        draw_text(area, &line, &ts, MARGIN, y, HPos::Left, VPos::Top);
        y += (TITLE_SIZE * 1.3) as i32;
    }
    let ss = style(SMALL_SIZE, GREY, false);
    for line in wrap(area, subtitle, &ss, WIDTH as i32 - 2 * MARGIN) {
        draw_text(area, &line, &ss, MARGIN, y + 4, HPos::Left, VPos::Top);
        y += (SMALL_SIZE * 1.4) as i32;
    }
    y + 24
}

/// Lines a header will take (for computing the chart height before drawing).
pub(crate) fn header_height(title_lines: usize, subtitle_lines: usize) -> i32 {
    MARGIN + (title_lines as f64 * TITLE_SIZE * 1.3) as i32 + (subtitle_lines as f64 * SMALL_SIZE * 1.4) as i32 + 24
}

/// A horizontal 95% interval from `x0` to `x1` at `y`, with end ticks `tick` px each way.
pub(crate) fn whisker<DB: DrawingBackend>(area: &Area<DB>, (x0, x1, y): (i32, i32, i32), color: RGBColor, width: u32, tick: i32) {
    check(area.draw(&PathElement::new(vec![(x0, y), (x1, y)], color.stroke_width(width))));
    for x in [x0, x1] {
        check(area.draw(&PathElement::new(vec![(x, y - tick), (x, y + tick)], color.stroke_width(width))));
    }
}

/// Vertical grid lines of a percent axis from 0 to `max` (every 5, 10 or 20 points) between
/// `top` and `bottom`, each with its value under it; `xs` maps a percent to x.
pub(crate) fn percent_grid<DB: DrawingBackend>(area: &Area<DB>, max: f64, top: i32, bottom: i32, xs: impl Fn(f64) -> i32) {
    let step = if max <= 20.0 {
        5.0
    } else if max <= 50.0 {
        10.0
    } else {
        20.0
    };
    let mut g = 0.0;
    while g <= max + 1e-9 {
        let x = xs(g);
        check(area.draw(&PathElement::new(vec![(x, top), (x, bottom)], GRID.stroke_width(2))));
        draw_text(area, &format!("{g:.0}%"), &style(SMALL_SIZE, GREY, false), x, bottom + 10, HPos::Center, VPos::Top);
        g += step;
    }
}

pub(crate) fn pct_label(v: f64) -> String {
    format!("{v:.1}%")
}
