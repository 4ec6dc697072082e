//! Screening + statistics and charts on both samples (target: all under 1 s).
//! Run: `cargo bench --bench pipeline`.
use criterion::{criterion_group, criterion_main, Criterion};
use minyi::clean;
use minyi::model::ScreenOptions;
use std::path::Path;
use std::sync::LazyLock;

static SURVEY: LazyLock<minyi::model::Survey> = LazyLock::new(|| {
    let paths = minyi::ingest::collect_inputs(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples")]).unwrap();
    minyi::ingest::ingest_paths(&paths).unwrap().survey
});

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("closed");
    g.sample_size(10);
    g.bench_function("screen", |b| b.iter(|| clean::screen(&SURVEY, &ScreenOptions::default()).unwrap()));
    let (analysed, screening) = clean::screen(&SURVEY, &ScreenOptions::default()).unwrap();
    g.bench_function("screen+stats", |b| {
        b.iter(|| {
            let (a, s) = clean::screen(&SURVEY, &ScreenOptions::default()).unwrap();
            minyi::stats::compute(&a, &s).unwrap()
        })
    });
    let stats = minyi::stats::compute(&analysed, &screening).unwrap();
    g.bench_function("charts", |b| b.iter(|| minyi::chart::all(&stats, 12)));
    g.bench_function("screen+stats+charts", |b| {
        b.iter(|| {
            let (a, s) = clean::screen(&SURVEY, &ScreenOptions::default()).unwrap();
            let st = minyi::stats::compute(&a, &s).unwrap();
            minyi::chart::all(&st, 12)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
