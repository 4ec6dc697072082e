//! Time the ingest steps on one file: `cargo run --release --example ingest_timing -- FILE`
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let path = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "data/samples/市民问卷.xlsx".into()));
    let t = Instant::now();
    let (format, _) = minyi::ingest::sniff(&path)?;
    let grid = match format {
        minyi::model::Format::Csv => minyi::ingest::csv::read(&path, None, None)?.grid,
        f => minyi::ingest::excel::read(&path, f, None, None)?.grid,
    };
    eprintln!("read grid: {:.0} ms ({} rows)", t.elapsed().as_secs_f64() * 1e3, grid.height());
    let t = Instant::now();
    let heads: Vec<_> = grid.headers.iter().map(|h| minyi::ingest::platform::parse_header(h)).collect();
    let platform = minyi::ingest::platform::detect(&grid, &heads);
    eprintln!("detect: {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let plans = minyi::ingest::plan(&grid, &heads, platform);
    eprintln!("plan (profiles + inference): {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
    let loc = minyi::diag::Location::file(&path);
    for p in &plans {
        let t = Instant::now();
        let mut w = Vec::new();
        let _ = minyi::ingest::build::build(p, &grid, platform == minyi::model::Platform::WjxCode, &loc, &mut w);
        eprintln!("  build {} ({}): {:.0} ms", p.id, p.kind.name(), t.elapsed().as_secs_f64() * 1e3);
    }
    drop(grid);
    let t = Instant::now();
    let (p, _) = minyi::ingest::read_population(&path, None)?;
    eprintln!("whole read_population: {:.0} ms ({} rows)", t.elapsed().as_secs_f64() * 1e3, p.height());
    Ok(())
}
