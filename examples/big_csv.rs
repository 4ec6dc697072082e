//! Write a large 问卷星-style CSV of the resident questionnaire for measuring ingest:
//! `cargo run --release --example big_csv -- /tmp/big.csv 1000000`
use minyi::sample::{self, spec, Layout};
use std::io::Write;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).cloned().unwrap_or_else(|| "/tmp/big.csv".into());
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
    let chunk = 100_000;
    let mut written = 0;
    let mut seed = 1;
    while written < n {
        let take = chunk.min(n - written);
        let mut g = sample::generate_n(&spec::RESIDENT, seed, take);
        for r in &mut g.responses {
            r.id += written as u32;
        }
        let table = sample::table(&g, Layout::WjxText);
        let text = sample::csv_text(&table);
        let body = if written == 0 { text.as_str() } else { text.split_once('\n').map_or("", |x| x.1) };
        out.write_all(body.as_bytes())?;
        written += take;
        seed += 1;
    }
    out.flush()?;
    eprintln!("{path}: {n} rows, {} bytes", std::fs::metadata(&path)?.len());
    Ok(())
}
