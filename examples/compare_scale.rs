//! How long `minyi compare` takes on two reports of about 100,000 open answers each (the
//! resident sample survey with N responses, two waves drawn with different seeds, so that
//! nothing changed between them), with the later wave's concerns found on their own, and
//! with the later wave run with `--compare-with` the earlier (placed with its concerns):
//!
//! `cargo run --release --example compare_scale -- 62000`

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(62_000);
    let dir = tempfile::tempdir()?;
    let mut reports: Vec<std::path::PathBuf> = Vec::new();
    for (wave, seed) in [("2024", 11u64), ("2025", 12), ("2025-同一分类", 12)] {
        let g = minyi::sample::generate_n(&minyi::sample::spec::RESIDENT, seed, n);
        std::fs::create_dir_all(dir.path().join("in").join(wave))?;
        let input = dir.path().join("in").join(wave).join("市民问卷.xlsx");
        minyi::sample::write_xlsx(&input, &minyi::sample::table(&g, minyi::sample::Layout::WjxText))?;
        let mut o = minyi::RunOptions::new(vec![input]);
        o.out = Some(dir.path().join(wave));
        if wave.contains("同一分类") {
            o.compare_with = Some(reports[0].clone());
        }
        let t = std::time::Instant::now();
        reports.push(minyi::run(&o)?.out_dir);
        println!("run {wave}: {:.1} s", t.elapsed().as_secs_f64());
    }
    let results: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(reports[1].join("results.json"))?)?;
    let answers: u64 = results["open_questions"].as_array().unwrap().iter().map(|q| q["answered"].as_u64().unwrap_or(0)).sum();
    println!("open answers (with substance) in the later wave: {answers}");
    let mut times = Vec::new();
    for _ in 0..3 {
        let t = std::time::Instant::now();
        minyi::compare_cmd(&reports[0], &reports[1], Some(&dir.path().join("cmp")))?;
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let c: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.path().join("cmp/comparison.json"))?)?;
    println!("comparison: {} tests, {} significant; median of 3: {:.0} ms", c["tests"], c["significant"], times[1] * 1e3);
    // Where the changes are: closed questions, or concerns (each wave clustered on its own).
    let count = |items: &[serde_json::Value], parts: &[&str]| -> (usize, usize) {
        let mut n = (0, 0);
        for x in items {
            for p in parts {
                for v in x[*p].as_array().cloned().unwrap_or_else(|| if x[*p].is_object() { vec![x[*p].clone()] } else { Vec::new() }) {
                    n.0 += 1;
                    n.1 += usize::from(v["significant"] == true);
                }
            }
        }
        n
    };
    let closed = count(c["questions"].as_array().unwrap(), &["options", "by_group", "distribution", "mean", "nps"]);
    let concerns = count(c["concerns"].as_array().unwrap(), &["share", "by_population", "by_group"]);
    println!("closed-question tests {}, significant {}; concern tests {}, significant {}", closed.0, closed.1, concerns.0, concerns.1);
    // The later wave placed with the earlier wave's concerns (its comparison.json).
    let c: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(reports[2].join("comparison.json"))?)?;
    let concerns = count(c["concerns"].as_array().unwrap(), &["share", "by_population", "by_group"]);
    println!(
        "with --compare-with: {} tests, {} significant; concern tests {}, significant {}; new {}, gone {}",
        c["tests"],
        c["significant"],
        concerns.0,
        concerns.1,
        c["new_concerns"].as_array().map_or(0, Vec::len),
        c["gone_concerns"].as_array().map_or(0, Vec::len)
    );
    Ok(())
}
