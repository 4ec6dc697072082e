//! Accuracy and macro-F1 of the department filing against the categories a city
//! government filed its messages under (zero-shot: the labels only check the taxonomy):
//!
//! `cargo run --release --example eval_departments -- ../shared/data/gov_messages_dev.csv`
//!
//! Prints the confusion of the labelled categories and the per-category F1.
//!
//! The government files under 7 of minyi's 16 top-level categories; a filing under a
//! finer category of minyi's that the government's scheme folds into one of its own is
//! compared as that one: 市场监管 → 商贸旅游 (market order and prices), 城市管理 →
//! 城乡建设, 民政 → 劳动和社会保障 (social security and welfare). The other categories
//! (公安政法, 农业农村, 水务, 科技工信, 财政金融, 其他) count as wrong.

use minyi::text::departments::Taxonomy;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "../shared/data/gov_messages_dev.csv".into());
    let mut r = csv::Reader::from_path(&path).expect("read the messages");
    let t = Taxonomy::shipped();
    let recs: Vec<csv::StringRecord> = r.records().map(|r| r.expect("a row")).collect();
    let texts: Vec<&str> = recs.iter().map(|r| &r[2]).collect();
    let alone = std::env::var("ALONE").is_ok();
    let seg = minyi::text::segment::Segmenter::new();
    let filed = if alone {
        texts.iter().map(|x| t.classify(x)).collect()
    } else {
        t.classify_all(&texts, |x| seg.cut(x).into_iter().map(str::to_string).collect())
    };
    let mut pairs: Vec<(String, String)> = Vec::new();
    // Accuracy on the even and the odd ids apart: a rule read off one half's confusions
    // should hold on the other.
    let mut halves: [Vec<bool>; 2] = [Vec::new(), Vec::new()];
    let (dump, subs) = (std::env::var("DUMP").ok(), std::env::var("SUBS").is_ok());
    for (rec, d) in recs.iter().zip(filed) {
        let folded = match d.category.as_str() {
            "市场监管" => "商贸旅游".to_string(),
            "城市管理" => "城乡建设".to_string(),
            "民政" => "劳动和社会保障".to_string(),
            c => c.to_string(),
        };
        // DUMP=<label>: the messages of that label filed elsewhere; SUBS: every message's
        // label and filing (for reading the confusions; their output is never committed).
        if dump.as_deref() == Some(&rec[1]) && folded != rec[1] {
            println!("{} → {}/{} {:.2}: {}", &rec[1], d.category, d.sub, d.confidence, rec[2].chars().take(60).collect::<String>());
        }
        if subs {
            println!("SUB\t{}\t{}/{}", &rec[1], d.category, d.sub);
        }
        halves[usize::from(rec[0].bytes().last().is_some_and(|b| b % 2 == 1))].push(rec[1] == folded);
        pairs.push((rec[1].to_string(), folded));
    }
    let mut labels: Vec<String> = pairs.iter().map(|p| p.0.clone()).collect();
    labels.sort();
    labels.dedup();
    let right = pairs.iter().filter(|(a, b)| a == b).count();
    println!("{} messages, accuracy {:.3}", pairs.len(), right as f64 / pairs.len() as f64);
    let share = |h: &Vec<bool>| h.iter().filter(|x| **x).count() as f64 / h.len().max(1) as f64;
    println!("  even ids {:.3} ({}), odd ids {:.3} ({})", share(&halves[0]), halves[0].len(), share(&halves[1]), halves[1].len());
    let mut f1s = Vec::new();
    for l in &labels {
        let tp = pairs.iter().filter(|(a, b)| a == l && b == l).count() as f64;
        let fp = pairs.iter().filter(|(a, b)| a != l && b == l).count() as f64;
        let fneg = pairs.iter().filter(|(a, b)| a == l && b != l).count() as f64;
        let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
        let rc = if tp + fneg > 0.0 { tp / (tp + fneg) } else { 0.0 };
        let f1 = if p + rc > 0.0 { 2.0 * p * rc / (p + rc) } else { 0.0 };
        f1s.push(f1);
        let mut wrong: Vec<(String, usize)> = Vec::new();
        for (_, b) in pairs.iter().filter(|(a, b)| a == l && b != l) {
            match wrong.iter_mut().find(|w| w.0 == *b) {
                Some(w) => w.1 += 1,
                None => wrong.push((b.clone(), 1)),
            }
        }
        wrong.sort_by(|a, b| b.1.cmp(&a.1));
        println!("  {l}: precision {p:.2} recall {rc:.2} F1 {f1:.2}; filed elsewhere: {wrong:?}");
    }
    println!("macro-F1 {:.3}", f1s.iter().sum::<f64>() / f1s.len() as f64);
}
