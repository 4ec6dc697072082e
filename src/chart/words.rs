//! Charts of open answers: a word cloud and a keyword co-occurrence network.
//!
//! Both layouts are written here: the word-cloud crates for Rust render to their own
//! image types with system fonts, and no graph crate lays out labelled nodes. Both are
//! deterministic (no randomness at all) and checked for overlaps in the tests.

use super::theme::*;
use crate::model::chart::{Cloud, Graph};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// A placed word: text, font size, centre and half extents.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Placed {
    pub word: String,
    pub size: f64,
    pub x: i32,
    pub y: i32,
    pub half_w: i32,
    pub half_h: i32,
    pub color: usize,
}

pub(crate) const CLOUD_H: i32 = 900;
const CLOUD_MIN: f64 = 26.0;
const CLOUD_MAX: f64 = 110.0;

fn overlaps(a: &Placed, b: &Placed) -> bool {
    (a.x - b.x).abs() < a.half_w + b.half_w + 6 && (a.y - b.y).abs() < a.half_h + b.half_h + 4
}

/// Place words largest first along an Archimedean spiral from the centre of the plot
/// area (`top` to `top + CLOUD_H`); a word that finds no free spot is left out.
pub(crate) fn cloud_layout<DB: DrawingBackend>(a: &Area<DB>, c: &Cloud, top: i32) -> Vec<Placed> {
    let mut words: Vec<&(String, f64)> = c.words.iter().filter(|(_, w)| w.is_finite() && *w > 0.0).collect();
    words.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    let max = words.first().map_or(1.0, |w| w.1);
    let min = words.last().map_or(1.0, |w| w.1);
    let (cx, cy) = (WIDTH as i32 / 2, top + CLOUD_H / 2);
    let (left, right, bottom) = (MARGIN, WIDTH as i32 - MARGIN, top + CLOUD_H);
    let mut placed: Vec<Placed> = Vec::new();
    for (rank, (word, w)) in words.iter().enumerate() {
        let t = if max > min { ((w - min) / (max - min)).sqrt() } else { 1.0 };
        let size = CLOUD_MIN + (CLOUD_MAX - CLOUD_MIN) * t;
        let st = style(size, INK, rank < 5);
        let text = chart_text(word);
        let half_w = text_width(a, &text, &st) / 2 + 2;
        let half_h = (size * 0.55) as i32;
        let mut p = Placed { word: text, size, x: cx, y: cy, half_w, half_h, color: rank % PALETTE.len() };
        let mut ok = false;
        let mut theta = 0.0f64;
        while theta < 400.0 {
            // The spiral is wider than tall, like the plot area.
            let r = 3.0 * theta;
            p.x = cx + (r * theta.cos() * 1.6) as i32;
            p.y = cy + (r * theta.sin()) as i32;
            if p.x - half_w >= left
                && p.x + half_w <= right
                && p.y - half_h >= top
                && p.y + half_h <= bottom
                && !placed.iter().any(|q| overlaps(q, &p))
            {
                ok = true;
                break;
            }
            theta += 0.05;
        }
        if ok {
            placed.push(p);
        }
    }
    placed
}

pub(crate) fn cloud_height<DB: DrawingBackend>(a: &Area<DB>, c: &Cloud) -> u32 {
    let t = wrap(a, &c.title, &style(TITLE_SIZE, INK, true), WIDTH as i32 - 2 * MARGIN).len();
    let s = wrap(a, &c.subtitle, &style(SMALL_SIZE, GREY, false), WIDTH as i32 - 2 * MARGIN).len();
    (header_height(t, s) + CLOUD_H + MARGIN) as u32
}

pub(crate) fn draw_cloud<DB: DrawingBackend>(a: &Area<DB>, c: &Cloud) {
    let top = header(a, &c.title, &c.subtitle);
    for p in cloud_layout(a, c, top) {
        let color = if p.color == 6 { INK } else { PALETTE[p.color] };
        let st = style(p.size, color, p.size > 60.0);
        draw_text(a, &p.word, &st, p.x, p.y, HPos::Center, VPos::Center);
    }
}

pub(crate) const GRAPH_H: i32 = 1100;
const GRAVITY: f64 = 0.02;

/// Node positions in the plot area: a force-directed layout (Fruchterman–Reingold)
/// from a circle, scaled into the area, then label boxes pushed apart until none overlap.
pub(crate) fn graph_layout<DB: DrawingBackend>(a: &Area<DB>, g: &Graph, top: i32) -> Vec<Placed> {
    if g.nodes.is_empty() {
        return Vec::new();
    }
    let (w, h) = ((WIDTH as i32 - 2 * MARGIN) as f64, (GRAPH_H - 40) as f64);
    let pos = force_layout(g, w, h);
    let mut placed = fit_labels(a, g, &pos, top);
    separate(&mut placed, top);
    placed
}

/// Fruchterman–Reingold in a `w` × `h` box: 300 rounds, cooling, with gravity.
fn force_layout(g: &Graph, w: f64, h: f64) -> Vec<(f64, f64)> {
    let n = g.nodes.len();
    let k = (w * h / n as f64).sqrt() * 0.5;
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let t = i as f64 / n as f64 * std::f64::consts::TAU;
            (w / 2.0 + w / 3.0 * t.cos(), h / 2.0 + h / 3.0 * t.sin())
        })
        .collect();
    let mut temp = w / 10.0;
    for _ in 0..300 {
        let mut disp = vec![(0.0f64, 0.0f64); n];
        for i in 0..n {
            for j in 0..n {
                if i != j {
                    let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                    let d = (dx * dx + dy * dy).sqrt().max(1.0);
                    let f = k * k / d;
                    disp[i].0 += dx / d * f;
                    disp[i].1 += dy / d * f;
                }
            }
        }
        for &(i, j, wgt) in &g.edges {
            let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
            let d = (dx * dx + dy * dy).sqrt().max(1.0);
            let f = d * d / k * (0.5 + wgt);
            disp[i].0 -= dx / d * f;
            disp[i].1 -= dy / d * f;
            disp[j].0 += dx / d * f;
            disp[j].1 += dy / d * f;
        }
        for i in 0..n {
            // Gravity, growing with the number of nodes as the total repulsion does, keeps
            // separate components near the centre instead of in the corners.
            disp[i].0 += (w / 2.0 - pos[i].0) * GRAVITY * n as f64;
            disp[i].1 += (h / 2.0 - pos[i].1) * GRAVITY * n as f64;
            let d = (disp[i].0 * disp[i].0 + disp[i].1 * disp[i].1).sqrt().max(1e-9);
            pos[i].0 += disp[i].0 / d * d.min(temp);
            pos[i].1 += disp[i].1 / d * d.min(temp);
        }
        temp = (temp * 0.98).max(1.0);
    }
    pos
}

/// Label boxes sized by frequency, the layout scaled into the plot area leaving room
/// for the widest label.
fn fit_labels<DB: DrawingBackend>(a: &Area<DB>, g: &Graph, pos: &[(f64, f64)], top: i32) -> Vec<Placed> {
    let max_f = g.nodes.iter().map(|x| x.1).max().unwrap_or(1).max(1) as f64;
    let mut placed: Vec<Placed> = g
        .nodes
        .iter()
        .enumerate()
        .map(|(i, (word, f, c))| {
            let size = 24.0 + 16.0 * (*f as f64 / max_f).sqrt();
            let text = chart_text(word);
            let half_w = text_width(a, &text, &style(size, INK, false)) / 2 + 14;
            Placed { word: text, size, x: pos[i].0 as i32, y: pos[i].1 as i32, half_w, half_h: (size * 0.6) as i32 + 10, color: *c }
        })
        .collect();
    let (minx, maxx) = (pos.iter().map(|p| p.0).fold(f64::INFINITY, f64::min), pos.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max));
    let (miny, maxy) = (pos.iter().map(|p| p.1).fold(f64::INFINITY, f64::min), pos.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max));
    let wide = placed.iter().map(|p| p.half_w).max().unwrap_or(0);
    let (x0, x1) = (MARGIN + wide, WIDTH as i32 - MARGIN - wide);
    let (y0, y1) = (top + 40, top + GRAPH_H - 40);
    for (p, q) in placed.iter_mut().zip(pos) {
        p.x = x0 + ((q.0 - minx) / (maxx - minx).max(1.0) * (x1 - x0) as f64) as i32;
        p.y = y0 + ((q.1 - miny) / (maxy - miny).max(1.0) * (y1 - y0) as f64) as i32;
    }
    placed
}

/// Push overlapping label boxes apart along the axis of least overlap (at most 500
/// rounds), staying inside the area.
fn separate(placed: &mut [Placed], top: i32) {
    let n = placed.len();
    for _ in 0..500 {
        let mut moved = false;
        for i in 0..n {
            for j in i + 1..n {
                let (a, b) = (&placed[i], &placed[j]);
                let ox = a.half_w + b.half_w + 4 - (a.x - b.x).abs();
                let oy = a.half_h + b.half_h + 4 - (a.y - b.y).abs();
                if ox > 0 && oy > 0 {
                    moved = true;
                    if ox * 2 < oy * 3 {
                        let s = if a.x < b.x || (a.x == b.x && i < j) { -1 } else { 1 };
                        let d = ox / 2 + 1;
                        placed[i].x += s * d;
                        placed[j].x -= s * d;
                    } else {
                        let s = if a.y < b.y || (a.y == b.y && i < j) { -1 } else { 1 };
                        let d = oy / 2 + 1;
                        placed[i].y += s * d;
                        placed[j].y -= s * d;
                    }
                }
            }
        }
        for p in placed.iter_mut() {
            p.x = p.x.clamp(MARGIN + p.half_w, WIDTH as i32 - MARGIN - p.half_w);
            p.y = p.y.clamp(top + p.half_h, top + GRAPH_H - p.half_h);
        }
        if !moved {
            break;
        }
    }
}

pub(crate) fn graph_height<DB: DrawingBackend>(a: &Area<DB>, g: &Graph) -> u32 {
    let t = wrap(a, &g.title, &style(TITLE_SIZE, INK, true), WIDTH as i32 - 2 * MARGIN).len();
    let s = wrap(a, &g.subtitle, &style(SMALL_SIZE, GREY, false), WIDTH as i32 - 2 * MARGIN).len();
    (header_height(t, s) + GRAPH_H + MARGIN) as u32
}

/// A light tint of a palette colour for node backgrounds.
fn tint(c: RGBColor) -> RGBColor {
    let m = |x: u8| (x as f64 * 0.35 + 255.0 * 0.65) as u8;
    RGBColor(m(c.0), m(c.1), m(c.2))
}

pub(crate) fn draw_graph<DB: DrawingBackend>(a: &Area<DB>, g: &Graph) {
    let top = header(a, &g.title, &g.subtitle);
    let placed = graph_layout(a, g, top);
    let max_w = g.edges.iter().map(|e| e.2).fold(0.0, f64::max).max(1e-9);
    for &(i, j, w) in &g.edges {
        let width = (1.0 + 5.0 * w / max_w).round() as u32;
        check(a.draw(&PathElement::new(vec![(placed[i].x, placed[i].y), (placed[j].x, placed[j].y)], NEUTRAL.stroke_width(width))));
    }
    for p in &placed {
        let c = if p.color < PALETTE.len() - 1 { PALETTE[p.color] } else { NEUTRAL };
        let (x0, y0, x1, y1) = (p.x - p.half_w + 4, p.y - p.half_h + 4, p.x + p.half_w - 4, p.y + p.half_h - 4);
        check(a.draw(&Rectangle::new([(x0, y0), (x1, y1)], tint(c).filled())));
        check(a.draw(&Rectangle::new([(x0, y0), (x1, y1)], c.stroke_width(2))));
        draw_text(a, &p.word, &style(p.size, INK, false), p.x, p.y, HPos::Center, VPos::Center);
    }
}
