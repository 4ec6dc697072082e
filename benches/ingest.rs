//! Ingest speed: the bundled 4,112-response xlsx (target < 150 ms), the 455-response
//! xlsx, and the 4,112 responses as UTF-8 and GBK CSV. Run: `cargo bench --bench ingest`.
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use minyi::sample::{self, spec, Layout};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

static CSVS: LazyLock<(tempfile::TempDir, PathBuf, PathBuf)> = LazyLock::new(|| {
    let dir = tempfile::tempdir().unwrap();
    let g = sample::generate(&spec::RESIDENT, sample::SAMPLE_SEED);
    let text = sample::csv_text(&sample::table(&g, Layout::WjxText));
    let utf8 = dir.path().join("市民-utf8.csv");
    std::fs::write(&utf8, &text).unwrap();
    let gbk = dir.path().join("市民-gbk.csv");
    std::fs::write(&gbk, encoding_rs::GBK.encode(&text).0).unwrap();
    (dir, utf8, gbk)
});

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
    let mut g = c.benchmark_group("ingest");
    g.sample_size(20);
    let files = [
        ("市民问卷.xlsx", root.join("市民问卷.xlsx")),
        ("园区问卷.xlsx", root.join("园区问卷.xlsx")),
        ("市民问卷-utf8.csv", CSVS.1.clone()),
        ("市民问卷-gbk.csv", CSVS.2.clone()),
    ];
    for (name, path) in files {
        g.throughput(Throughput::Bytes(std::fs::metadata(&path).unwrap().len()));
        g.bench_function(name, |b| b.iter(|| minyi::ingest::read_population(&path, None).unwrap()));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
