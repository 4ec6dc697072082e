//! Charts: `Stats` → PNG (print resolution, 1600 px wide) and SVG bytes, in one theme
//! with the embedded CJK font. Sorted horizontal bars for choices, bars for multi
//! choice, diverging stacked bars for Likert and matrix questions, grouped bars
//! comparing populations, and heat maps of significant cross-tabs. Rendered in parallel.

pub mod bars;
pub(crate) mod dumbbell;
pub(crate) mod heatmap;
pub mod likert;
pub(crate) mod theme;
pub mod words;

use crate::model::chart::{Bars, Cloud, Diverging, Graph, Heat};
use crate::model::{
    Chart, ChartFailure, ChartId, Crosstab, Drawn, GroupBy, Kind, OptionStat, Part, QuestionStats, Spec, Stats, TextResults, TextSource,
};
use plotters::prelude::*;
use rayon::prelude::*;
use theme::WIDTH;

fn height(spec: &Spec) -> u32 {
    let mut px = [255u8; 3];
    let m = BitMapBackend::with_buffer(&mut px, (1, 1)).into_drawing_area();
    match spec {
        Spec::Bars(b) => bars::height(&m, b),
        Spec::Diverging(d) => likert::height(&m, d),
        Spec::Heat(h) => heatmap::height(&m, h),
        Spec::Cloud(c) => words::cloud_height(&m, c),
        Spec::Graph(g) => words::graph_height(&m, g),
        Spec::Dumbbell(d) => dumbbell::height(&m, d),
    }
}

fn draw<DB: DrawingBackend>(a: &theme::Area<DB>, spec: &Spec) {
    theme::check(a.fill(&WHITE));
    match spec {
        Spec::Bars(b) => bars::draw(a, b),
        Spec::Diverging(d) => likert::draw(a, d),
        Spec::Heat(h) => heatmap::draw(a, h),
        Spec::Cloud(c) => words::draw_cloud(a, c),
        Spec::Graph(g) => words::draw_graph(a, g),
        Spec::Dumbbell(d) => dumbbell::draw(a, d),
    }
    theme::check(a.present());
}

/// Draw one chart as PNG and SVG. A drawing or encoding failure is returned, never
/// dropped: the chart is then left out and the run says which and why.
pub fn render(id: ChartId, mut spec: Spec) -> Result<Chart, ChartFailure> {
    let title = crate::util::full_width_punctuation(spec.title());
    *spec.title_mut() = title;
    theme::register_fonts();
    theme::take_failure();
    let h = height(&spec);
    let mut buf = vec![255u8; (WIDTH * h * 3) as usize];
    {
        let a = BitMapBackend::with_buffer(&mut buf, (WIDTH, h)).into_drawing_area();
        draw(&a, &spec);
    }
    let png_bytes = crate::util::media::png_rgb(WIDTH, h, &buf, theme::DPI).unwrap_or_else(|e| {
        theme::check::<(), _>(Err(e));
        Vec::new()
    });
    let mut svg = String::new();
    {
        let a = SVGBackend::with_string(&mut svg, (WIDTH, h)).into_drawing_area();
        draw(&a, &spec);
    }
    // The SVG names its font: offer the common CJK fonts after the embedded one.
    let svg = svg.replace(
        &format!("font-family=\"{}\"", theme::FONT),
        "font-family=\"Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif\"",
    );
    if let Some(detail) = theme::take_failure() {
        return Err(ChartFailure { id, detail });
    }
    Ok(Chart { id, spec, png: png_bytes, svg, width: WIDTH, height: h })
}

/// Draw charts in parallel (in a stable order).
fn render_all(specs: Vec<(ChartId, Spec)>) -> Drawn {
    let mut drawn = Drawn::default();
    for r in specs.into_par_iter().map(|(id, spec)| render(id, spec)).collect::<Vec<_>>() {
        match r {
            Ok(c) => drawn.charts.push(c),
            Err(f) => drawn.failed.push(f),
        }
    }
    drawn
}

fn subtitle(q: &QuestionStats, what: &str) -> String {
    format!(
        "{} | {what} | 有效回答 n = {}{}",
        q.population,
        q.n_valid,
        if q.n_missing > 0 { format!("（未答或跳过 {}）", q.n_missing) } else { String::new() }
    )
}

/// A chart's title: the question as worded (its number differs between populations and
/// is no help to a reader).
fn title(q: &QuestionStats) -> String {
    q.title.clone()
}

/// Whether options have an order of their own (numbers in them, or a scale).
fn ordinal(q: &QuestionStats) -> bool {
    q.options.iter().filter(|o| !o.label.starts_with("其他")).all(|o| o.label.chars().any(|c| c.is_ascii_digit()) || o.label == "从不")
}

/// The chart of one question, if it has one.
pub fn question_spec(q: &QuestionStats) -> Option<Spec> {
    match q.kind {
        Kind::Single | Kind::Multi | Kind::Rating if !q.options.is_empty() && q.n_valid > 0 => {
            let mut opts: Vec<&OptionStat> = q.options.iter().collect();
            if !ordinal(q) && q.kind != Kind::Rating {
                // Largest first; "其他" stays last.
                opts.sort_by(|a, b| a.label.starts_with("其他").cmp(&b.label.starts_with("其他")).then(b.percent.total_cmp(&a.percent)));
            }
            let what = match q.kind {
                Kind::Multi => "多选，百分比为选择该项的人数占答题人数",
                Kind::Rating => "评分分布",
                _ => "单选",
            };
            Some(Spec::Bars(Bars {
                title: title(q),
                subtitle: subtitle(q, what),
                labels: opts.iter().map(|o| o.label.clone()).collect(),
                series: vec![(q.population.clone(), opts.iter().map(|o| o.percent).collect())],
                intervals: Vec::new(),
            }))
        }
        Kind::Likert if q.n_valid > 0 => Some(Spec::Diverging(Diverging {
            title: title(q),
            subtitle: subtitle(q, "量表"),
            points: q.options.iter().map(|o| o.label.clone()).collect(),
            rows: vec![("全部".to_string(), q.options.iter().map(|o| o.percent).collect(), q.mean)],
        })),
        Kind::Matrix if q.n_valid > 0 => Some(Spec::Diverging(Diverging {
            title: title(q),
            subtitle: subtitle(q, "矩阵量表，按均分从低到高排列"),
            points: q.rows.first().map(|r| r.options.iter().map(|o| o.label.clone()).collect()).unwrap_or_default(),
            rows: {
                let mut rows: Vec<(String, Vec<f64>, Option<f64>)> =
                    q.rows.iter().map(|r| (r.label.clone(), r.options.iter().map(|o| o.percent).collect(), r.mean)).collect();
                rows.sort_by(|a, b| a.2.unwrap_or(0.0).total_cmp(&b.2.unwrap_or(0.0)));
                rows
            },
        })),
        _ => None,
    }
}

/// Grouped bars for a question several populations answered.
pub(crate) fn comparison_spec(c: &Crosstab) -> Spec {
    let pct = c.column_percents();
    Spec::Bars(Bars {
        title: format!("{}：各调查群体比较", c.question_title),
        subtitle: c.test_line(),
        labels: c.row_labels.clone(),
        series: c.col_labels.iter().enumerate().map(|(j, name)| (name.clone(), pct.iter().map(|r| r[j]).collect())).collect(),
        intervals: Vec::new(),
    })
}

/// The meaning of each row of a cross-tab of a scale: favourable (+1), unfavourable (−1)
/// or neither (0), from the scores of the question's options (a matrix row's scale).
fn valence(stats: &Stats, c: &Crosstab) -> Vec<i8> {
    let q = stats.questions.iter().find(|q| q.population == c.population && c.is_of(&q.id));
    let options: &[OptionStat] = match (q, &c.part) {
        (Some(q), Part::MatrixRow(r)) => q.rows.get(*r).map_or(&[], |row| row.options.as_slice()),
        (Some(q), Part::Whole) if matches!(q.kind, Kind::Likert | Kind::Rating) => &q.options,
        _ => &[],
    };
    let (lo, hi) = crate::model::scale_bounds(options.iter().filter_map(|o| o.score));
    // The mirror of `favourable` for the low end; the middle of a 3-point scale is neither.
    c.row_labels
        .iter()
        .map(|l| match options.iter().find(|o| &o.label == l).and_then(|o| o.score) {
            Some(s) if hi - lo >= 2.0 && crate::model::favourable(s, hi) && s > (lo + hi) / 2.0 => 1,
            Some(s) if hi - lo >= 2.0 && crate::model::favourable(-s, -lo) && s < (lo + hi) / 2.0 => -1,
            _ => 0,
        })
        .collect()
}

pub(crate) fn heat_spec(stats: &Stats, c: &Crosstab) -> Spec {
    let overall = c.counts.iter().map(|r| if c.n == 0 { f64::NAN } else { r.iter().sum::<u64>() as f64 * 100.0 / c.n as f64 }).collect();
    Spec::Heat(Heat {
        valence: valence(stats, c),
        overall,
        title: format!("{} × {}", c.question_title, c.by_title),
        subtitle: format!("{} | 列百分比 | {}", c.population, c.test_line()),
        row_labels: c.row_labels.clone(),
        col_labels: c.col_labels.clone(),
        percents: c.column_percents(),
        residuals: c.residuals.clone(),
    })
}

/// Every chart of a run: one per closed question, one per cross-population comparison,
/// a heat map per significant and reliable cross-tab (strongest first, at most `max_heat`).
pub fn all(stats: &Stats, max_heat: usize) -> Drawn {
    let mut specs: Vec<(ChartId, Spec)> = Vec::new();
    for q in stats.questions.iter().filter(|q| q.is_closed()) {
        if let Some(s) = question_spec(q) {
            specs.push((ChartId::Question { population: q.population.clone(), question: q.id.clone() }, s));
        }
    }
    for c in stats.crosstabs.iter().filter(|c| c.by == GroupBy::Population && c.part == Part::Whole) {
        specs.push((ChartId::Comparison { question: c.question.clone() }, comparison_spec(c)));
    }
    for c in stats.heat_maps(max_heat) {
        specs.push((ChartId::heat(c), heat_spec(stats, c)));
    }
    render_all(specs)
}

/// Charts of the open answers, per question: concern shares (with 95% intervals, by
/// population when several answered), a word cloud and the co-occurrence network.
pub fn text_charts(stats: &Stats, texts: &TextResults) -> Drawn {
    let mut specs: Vec<(ChartId, Spec)> = Vec::new();
    for q in &texts.questions {
        let concerns: Vec<&crate::model::ConcernOut> = texts.concerns.iter().filter(|c| c.question == q.question).collect();
        let who = q.populations.join("、");
        let base = format!("{who} | 有效回答 n = {}", q.answered);
        let what = if q.source == TextSource::Other { "“其他”选项中填写的内容" } else { "开放题" };
        if !concerns.is_empty() {
            let labels: Vec<String> = concerns.iter().map(|c| c.concern.label.clone()).collect();
            let (series, intervals) = if q.populations.len() > 1 {
                let s = q
                    .populations
                    .iter()
                    .map(|p| {
                        let v = concerns
                            .iter()
                            .map(|c| c.by_population.iter().find(|b| &b.population == p).map_or(0.0, |b| b.share.share))
                            .collect();
                        (p.clone(), v)
                    })
                    .collect();
                (s, Vec::new())
            } else {
                (
                    vec![(who.clone(), concerns.iter().map(|c| c.concern.share.share).collect())],
                    vec![concerns.iter().map(|c| (c.concern.share.ci_low, c.concern.share.ci_high)).collect()],
                )
            };
            specs.push((
                ChartId::Concerns { question: q.question.clone() },
                Spec::Bars(Bars {
                    title: if q.source == TextSource::Other {
                        format!("“其他”选项填写的内容：{}", q.title)
                    } else if q.asks_suggestions {
                        format!("{}提出的建议（按内容归类）：{}", stats.who(&q.populations), q.title)
                    } else if q.carries_matters() {
                        format!("{}反映的主要问题：{}", stats.who(&q.populations), q.title)
                    } else {
                        format!("{}回答的{}（按内容归类）：{}", stats.who(&q.populations), q.intent.group_word(), q.title)
                    },
                    subtitle: format!(
                        "{base} | {what} | 百分比为提到该{w}的人数占有效回答人数（可提到多个{w}），线段为 95% 置信区间",
                        w = q.intent.group_word()
                    ),
                    labels,
                    series,
                    intervals,
                }),
            ));
        }
        if q.keywords.len() >= 5 {
            specs.push((
                ChartId::WordCloud { question: q.question.clone() },
                Spec::Cloud(Cloud {
                    title: format!("高频关键词：{}", q.title),
                    subtitle: format!("{base} | 字号表示 TF-IDF 权重"),
                    words: q.keywords.iter().map(|k| (k.word.clone(), k.weight)).collect(),
                }),
            ));
        }
        let linked: Vec<usize> = (0..q.network.nodes.len()).filter(|&i| q.network.edges.iter().any(|e| e.a == i || e.b == i)).collect();
        if q.network.edges.len() >= 3 {
            specs.push((
                ChartId::Network { question: q.question.clone() },
                Spec::Graph(Graph {
                    title: format!("关键词共现网络：{}", q.title),
                    subtitle: format!("{base} | 节点越大出现越多，连线越粗共现越强（Jaccard 系数），颜色为词语社群"),
                    // Words without a strong association are left out of the drawing.
                    nodes: linked
                        .iter()
                        .map(|&i| (q.network.nodes[i].word.clone(), q.network.nodes[i].frequency, q.network.nodes[i].community))
                        .collect(),
                    edges: q
                        .network
                        .edges
                        .iter()
                        .filter_map(|e| Some((linked.iter().position(|&i| i == e.a)?, linked.iter().position(|&i| i == e.b)?, e.jaccard)))
                        .collect(),
                }),
            ));
        }
    }
    render_all(specs)
}

/// The charts of a comparison of two waves: each open question's concerns then and now
/// (those of both waves, then the new and the gone), and the closed-question shares that
/// changed significantly (the largest 14 changes, one option per question and group).
pub fn comparison_charts(c: &crate::model::Comparison) -> Drawn {
    use crate::model::chart::{Dumbbell, DumbbellRow};
    let waves = [format!("上一轮（{}）", c.old), format!("本轮（{}）", c.new)];
    let points = |c: &crate::model::Change| crate::util::signed(c.shown_diff(), 1);
    let mut specs = Vec::new();
    for (q, title) in c.open_questions() {
        let mut rows: Vec<DumbbellRow> = c
            .concerns
            .iter()
            .filter(|k| k.new_question == q)
            .map(|k| DumbbellRow {
                label: k.label.clone(),
                old: Some(k.share.old),
                new: Some(k.share.new),
                old_ci: Some((k.old_ci[0], k.old_ci[1])),
                new_ci: Some((k.new_ci[0], k.new_ci[1])),
                change: points(&k.share),
                significant: k.share.significant,
            })
            .collect();
        rows.sort_by(|a, b| b.new.unwrap_or(0.0).total_cmp(&a.new.unwrap_or(0.0)));
        rows.extend(c.new_concerns.iter().filter(|x| x.question == q).map(|x| DumbbellRow {
            label: format!("{}（新出现）", x.label),
            old: None,
            new: Some(x.share),
            old_ci: None,
            new_ci: None,
            change: "新出现".to_string(),
            significant: false,
        }));
        rows.extend(c.gone_concerns.iter().filter(|x| x.question == q).map(|x| DumbbellRow {
            label: format!("{}（本轮未成类）", x.label),
            old: Some(x.share),
            new: None,
            old_ci: None,
            new_ci: None,
            change: "—".to_string(),
            significant: false,
        }));
        if rows.is_empty() {
            continue;
        }
        specs.push((
            ChartId::WavesConcerns { question: q.to_string() },
            Spec::Dumbbell(Dumbbell {
                title: format!("两轮调查比较：{title}"),
                subtitle: "提及比例（占有效回答者），线段为 95% 置信区间；右侧为变化（百分点），蓝色粗体为考虑了比较次数后仍可确认的变化"
                    .to_string(),
                waves: waves.clone(),
                rows,
            }),
        ));
    }
    // Closed questions: the largest significant change of each question (overall).
    let mut closed: Vec<(f64, DumbbellRow)> = c
        .questions
        .iter()
        .filter_map(|q| {
            let o = q.options.iter().filter(|o| o.change.significant).max_by(|a, b| a.change.diff.abs().total_cmp(&b.change.diff.abs()))?;
            let item = match &q.row {
                Some(r) => format!("{}：{r}", q.title),
                None => q.title.clone(),
            };
            Some((
                o.change.diff.abs(),
                DumbbellRow {
                    label: format!("【{}】{item}——{}", q.population, o.label),
                    old: Some(o.change.old),
                    new: Some(o.change.new),
                    old_ci: None,
                    new_ci: None,
                    change: points(&o.change),
                    significant: true,
                },
            ))
        })
        .collect();
    closed.sort_by(|a, b| b.0.total_cmp(&a.0));
    closed.truncate(14);
    if !closed.is_empty() {
        specs.push((
            ChartId::WavesClosed,
            Spec::Dumbbell(Dumbbell {
                title: "两轮调查比较：选择题中确有变化的选项".to_string(),
                subtitle: "每道题取变化最大的一个选项；比例占该题有效回答者；右侧为变化（百分点）".to_string(),
                waves,
                rows: closed.into_iter().map(|x| x.1).collect(),
            }),
        ));
    }
    render_all(specs)
}
