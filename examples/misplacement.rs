//! How many answers sit in the wrong concern, against the samples' planted truth:
//!
//! `cargo run --release -- run data/samples && cargo run --release --example misplacement [-- REPORT]`
//!
//! For each open question of the samples, every answer with substance is compared with
//! the first concern the generator planted in it. A found concern stands for the planted
//! concern most of its answers carry; an answer is misplaced when its main concern stands
//! for another planted concern (answers in the remainder count as misplaced too).
use std::collections::{BTreeMap, HashMap};

fn main() -> anyhow::Result<()> {
    let report = std::env::args().nth(1).unwrap_or_else(|| "reports/samples".into());
    let mut found = csv::Reader::from_path(format!("{report}/concerns.csv"))?;
    let rows: Vec<csv::StringRecord> = found.records().collect::<Result<_, _>>()?;
    for (population, file) in [("园区", "园区问卷"), ("市民", "市民问卷")] {
        let mut truth: HashMap<(String, String), String> = HashMap::new();
        for r in csv::Reader::from_path(format!("data/samples/truth/{file}.open-answers.csv"))?.records() {
            let r = r?;
            if &r[2] == "answer" {
                let first = r[3].split(';').next().unwrap_or_default().to_string();
                truth.insert((r[0].to_string(), format!("q{}", &r[1])), first);
            }
        }
        // question → found concern → planted concern → answers
        let mut table: BTreeMap<String, BTreeMap<String, BTreeMap<String, usize>>> = BTreeMap::new();
        for r in rows.iter().filter(|r| &r[0] == population && &r[3] == "answer" && !r[2].contains('#')) {
            if let Some(planted) = truth.get(&(r[1].to_string(), r[2].to_string())) {
                *table.entry(r[2].to_string()).or_default().entry(r[4].to_string()).or_default().entry(planted.clone()).or_default() += 1;
            }
        }
        for (q, by_found) in table {
            let n: usize = by_found.values().flat_map(|m| m.values()).sum();
            let placed: usize =
                by_found.iter().filter(|(c, _)| c.as_str() != "0").map(|(_, m)| m.values().max().copied().unwrap_or(0)).sum();
            println!("{population} {q}: {n} answers, {} misplaced ({:.1}%)", n - placed, 100.0 * (n - placed) as f64 / n.max(1) as f64);
        }
    }
    Ok(())
}
