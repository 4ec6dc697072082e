//! Measure `explorer.html` at scale in headless Chromium, as the explorer issue asks
//! (100,000 answers: file under 40 MB, first view under 2 s, a search under 300 ms,
//! scrolling a large concern smooth):
//!
//! `cargo run --release --example explorer_scale -- [RESPONDENTS]`
//!
//! Generates the resident sample survey with RESPONDENTS responses (default 55,000, which
//! gives about 100,000 open answers), runs minyi on it, then opens the page with
//! `chromium --headless --dump-dom` at the overview, the largest concern (its list
//! scrolled through 60 positions) and a search, and reads the timings the page records
//! (`data-ms-first`: from navigation start to the first view drawn, JSON parsing
//! included; `data-ms-search`; `data-ms-scroll`: the slowest redraw of the list).
//! Each view is opened three times; the median is reported.
use std::path::Path;
use std::process::Command;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn attr(html: &str, name: &str) -> Option<f64> {
    html.split(&format!("{name}=\"")).nth(1)?.split('"').next()?.parse().ok()
}

fn open(page: &Path, fragment: &str, name: &str) -> f64 {
    let url = format!("file://{}{fragment}", page.display());
    let mut runs: Vec<f64> = (0..3)
        .map(|_| {
            let out = Command::new("chromium")
                .args(["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=20000", "--dump-dom", &url])
                .output()
                .expect("chromium (apt-get install chromium)");
            let html = String::from_utf8_lossy(&out.stdout);
            assert!(html.contains("data-errors=\"\""), "script errors at {fragment}");
            attr(&html, name).unwrap_or_else(|| panic!("{name} not recorded at {fragment}"))
        })
        .collect();
    runs.sort_by(f64::total_cmp);
    runs[1]
}

fn main() -> anyhow::Result<()> {
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(55_000);
    let dir = tempfile::tempdir()?;
    let g = minyi::sample::generate_n(&minyi::sample::spec::RESIDENT, 11, n);
    let input = dir.path().join("市民问卷.xlsx");
    minyi::sample::write_xlsx(&input, &minyi::sample::table(&g, minyi::sample::Layout::WjxText))?;
    let mut o = minyi::RunOptions::new(vec![input]);
    o.out = Some(dir.path().join("out"));
    let t = std::time::Instant::now();
    let out = minyi::run(&o)?.out_dir;
    println!("minyi run on {n} responses: {:.1} s", t.elapsed().as_secs_f64());
    let page = out.join("explorer.html");
    let results: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("results.json"))?)?;
    let answers: u64 = results["open_questions"].as_array().unwrap().iter().map(|q| q["answered"].as_u64().unwrap_or(0)).sum();
    let largest = results["concerns"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["id"].as_u64() != Some(0))
        .max_by_key(|c| c["respondents"].as_u64().unwrap_or(0))
        .unwrap();
    let (q, c, k) = (largest["question"].as_str().unwrap(), largest["id"].as_u64().unwrap(), largest["respondents"].as_u64().unwrap());
    println!("open answers (with substance): {answers}; largest concern {q}/{c}: {k} answers");
    println!("explorer.html: {:.1} MB", std::fs::metadata(&page)?.len() as f64 / 1e6);
    println!("first view (overview), median of 3: {:.0} ms", open(&page, "", "data-ms-first"));
    println!("first view (largest concern), median of 3: {:.0} ms", open(&page, &format!("#q={q}&c={c}"), "data-ms-first"));
    println!("search “异味” in {q}, median of 3: {:.0} ms", open(&page, &format!("#q={q}&s=%E5%BC%82%E5%91%B3"), "data-ms-search"));
    println!(
        "slowest redraw scrolling the largest concern, median of 3: {:.1} ms",
        open(&page, &format!("#q={q}&c={c}&bench=scroll"), "data-ms-scroll")
    );
    // A correction replayed on the whole question: another concern merged into the largest
    // (as the 合并 button does), counts, shares, ranks and group shares worked out again.
    let other = results["concerns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["question"] == q && x["id"].as_u64().is_some_and(|i| i > 0 && i != c))
        .unwrap();
    let merge = serde_json::json!([{ "do": "merge", "from": other["key"], "into": largest["key"] }]).to_string();
    let fragment: String =
        merge.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect();
    println!("a merge replayed on {q}, median of 3: {:.0} ms", open(&page, &format!("#q={q}&x={fragment}"), "data-ms-correct"));
    Ok(())
}
