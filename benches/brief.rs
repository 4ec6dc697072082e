//! The brief stage alone (typeset PDF, every page as PNG, summary card, drafts; target
//! under 1 s) and the whole run on both samples, ingest to every file written (target
//! under 3 s). Run: `cargo bench --bench brief`.
use criterion::{criterion_group, criterion_main, Criterion};
use std::path::{Path, PathBuf};

fn bench(c: &mut Criterion) {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
    let paths = minyi::ingest::collect_inputs(&[samples.clone()]).unwrap();
    let survey = minyi::ingest::ingest_paths(&paths).unwrap().survey;
    let (analysed, screening) = minyi::clean::screen(&survey, &minyi::model::ScreenOptions::default()).unwrap();
    let stats = minyi::stats::compute(&analysed, &screening).unwrap();
    let seg = minyi::text::segment::Segmenter::new();
    let texts = minyi::text::analyse(
        &analysed,
        &screening,
        &seg,
        &minyi::text::departments::Taxonomy::shipped(),
        &minyi::model::TextOptions::default(),
    )
    .unwrap();
    let mut drawn = minyi::chart::all(&stats, 12);
    drawn.extend(minyi::chart::text_charts(&stats, &texts));
    let charts = drawn.charts;
    let opts = minyi::model::BriefOptions::default();

    let mut g = c.benchmark_group("brief");
    g.sample_size(10);
    // typst memoizes layout across compilations in a process; each iteration starts cold
    // (as a `minyi run` does), except for the fonts parsed once per process.
    g.bench_function("brief stage", |b| {
        b.iter(|| {
            typst::comemo::evict(0);
            minyi::brief::render(&stats, &screening, &texts, &charts, &opts).unwrap()
        })
    });
    let dir = tempfile::tempdir().unwrap();
    g.bench_function("whole run", |b| {
        b.iter(|| {
            typst::comemo::evict(0);
            let mut o = minyi::RunOptions::new(vec![samples.clone()]);
            o.out = Some(PathBuf::from(dir.path()).join("out"));
            minyi::run(&o).unwrap()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
