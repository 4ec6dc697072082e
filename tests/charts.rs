//! Charts: the data behind each chart, and that every chart is a real image.

mod common;

use minyi::chart;
use minyi::clean;
use minyi::model::{ScreenOptions, Screening, Spec, Stats, Survey, TextOptions};
use minyi::stats;

fn sample_survey() -> (Survey, Screening) {
    let paths = minyi::ingest::collect_inputs(&[common::repo().join("data/samples")]).unwrap();
    let survey = minyi::ingest::ingest_paths(&paths).unwrap().survey;
    clean::screen(&survey, &ScreenOptions::default()).unwrap()
}

fn sample_stats() -> Stats {
    let (analysed, screening) = sample_survey();
    stats::compute(&analysed, &screening).unwrap()
}

/// The brief asks for figures by `ChartId`; every one it asks for must have been drawn
/// (the chart rules and the brief's are one rule, `Stats::heat_maps`).
#[test]
fn every_figure_the_brief_asks_for_was_drawn() {
    let (analysed, screening) = sample_survey();
    let s = stats::compute(&analysed, &screening).unwrap();
    let seg = minyi::text::segment::Segmenter::new();
    let texts =
        minyi::text::analyse(&analysed, &screening, &seg, &minyi::text::departments::Taxonomy::shipped(), &TextOptions::default()).unwrap();
    let mut drawn = chart::all(&s, 12);
    drawn.extend(chart::text_charts(&s, &texts));
    assert!(drawn.failed.is_empty(), "{:?}", drawn.failed);
    let charts = drawn.charts;
    let files = minyi::brief::render(&s, &screening, &texts, &charts, &minyi::model::BriefOptions::default()).unwrap();
    assert!(files.missing_figures.is_empty(), "figures asked for but not drawn: {:?}", files.missing_figures);
    // The phone card: one block per population (neither asks an open question the other
    // does), the people behind each share, no file names.
    let card = &files.data.summary;
    assert_eq!(card.blocks.len(), 2);
    assert!(card.blocks[0].heading.starts_with("市民") && card.blocks[1].heading.starts_with("园区"));
    for b in &card.blocks {
        for c in &b.concerns {
            let n = texts.concerns.iter().find(|k| k.concern.label == c.label).unwrap().concern.share.respondents;
            assert_eq!(c.people, format!("{n} 人"));
        }
        assert!(!b.measures.is_empty() && b.measures.iter().all(|m| m.ends_with("人提出）")));
    }
    let card_text = serde_json::to_string(card).unwrap();
    assert!(!card_text.contains(".json") && !card_text.contains(".csv") && !card_text.contains("群众"), "{card_text}");
    let json = serde_json::to_string(&files.data).unwrap();
    let shown = charts.iter().filter(|c| json.contains(&format!("charts/{}.png", c.name()))).count();
    assert!(shown >= 10, "the brief shows the charts ({shown})");

    // A chart the brief wants that is not drawn is reported, not silently left out.
    let without: Vec<_> = charts.iter().filter(|c| !c.name().starts_with("关注-")).cloned().collect();
    let files = minyi::brief::render(&s, &screening, &texts, &without, &minyi::model::BriefOptions::default()).unwrap();
    assert!(files.missing_figures.iter().any(|id| matches!(id, minyi::model::ChartId::Concerns { .. })));
}

/// A title typed with half-width marks ("…(多选):", "…?") is drawn with full-width ones.
#[test]
fn chinese_chart_titles_use_full_width_punctuation() {
    let mut s = sample_stats();
    let q = s.questions.iter_mut().find(|q| q.population == "市民" && q.id == "q9").unwrap();
    q.title = "您最关心的生态环境问题(多选): 哪些最突出?".into();
    let drawn = chart::all(&s, 2);
    let c = drawn.charts.iter().find(|c| c.name() == "市民-q9").unwrap();
    assert!(c.spec.title().ends_with("您最关心的生态环境问题（多选）：哪些最突出？"), "{}", c.spec.title());
    for c in &drawn.charts {
        let t = c.spec.title();
        assert!(!t.contains([':', '?', ';', '!', '(', ')']), "half-width punctuation in a Chinese title: {t}");
    }
}

#[test]
fn chart_data_and_images() {
    let s = sample_stats();
    let drawn = chart::all(&s, 5);
    assert!(drawn.failed.is_empty(), "every chart drawn: {:?}", drawn.failed);
    let charts = drawn.charts;
    // One chart per closed question with answers, the comparison of the populations, heat maps.
    let closed = s.questions.iter().filter(|q| chart::question_spec(q).is_some()).count();
    assert_eq!(closed, 17);
    assert!(charts.iter().any(|c| c.name() == "比较-q1"));
    assert_eq!(charts.iter().filter(|c| c.name().starts_with("交叉-")).count(), 5);

    // Multi choice: largest share first, 其他 last, values as in the statistics.
    let q9 = s.questions.iter().find(|q| q.population == "市民" && q.id == "q9").unwrap();
    let c9 = charts.iter().find(|c| c.name() == "市民-q9").unwrap();
    let Spec::Bars(b) = &c9.spec else { panic!("bars expected") };
    assert_eq!(b.labels.last().map(String::as_str), Some("其他"));
    let v = &b.series[0].1;
    assert!(v[..v.len() - 1].windows(2).all(|w| w[0] >= w[1]));
    for (label, value) in b.labels.iter().zip(v) {
        assert_eq!(*value, q9.options.iter().find(|o| &o.label == label).unwrap().percent);
    }
    // Ordinal options keep their order.
    let Spec::Bars(b2) = &charts.iter().find(|c| c.name() == "市民-q2").unwrap().spec else { panic!() };
    assert_eq!(b2.labels[0], "18岁以下");
    // Matrix rows from lowest to highest mean.
    let Spec::Diverging(d) = &charts.iter().find(|c| c.name() == "市民-q6").unwrap().spec else { panic!() };
    assert!(d.rows.windows(2).all(|w| w[0].2 <= w[1].2));
    assert_eq!(d.points.first().map(String::as_str), Some("非常不满意"));

    for c in &charts {
        let dec = png::Decoder::new(std::io::Cursor::new(&c.png));
        let reader = dec.read_info().unwrap();
        assert_eq!(reader.info().width, 1600, "{}", c.name());
        assert!(reader.info().height >= 300, "{}", c.name());
        assert!(c.svg.contains("<svg") && c.svg.contains("Noto Sans CJK SC"), "{}", c.name());
    }
}
