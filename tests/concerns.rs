//! Concern discovery on the samples (work in progress): every answer is accounted for and
//! the result is deterministic. Agreement with the planted concerns is printed, not yet
//! asserted: the target (ARI ≥ 0.8) is not reached yet (see docs/text.md).

mod common;

use minyi::text::concerns::{find, ConcernOpts, Status};
use minyi::text::metrics;
use minyi::text::segment::Segmenter;
use std::collections::HashMap;

/// Planted primary concern per (response id, question) from the generator's truth.
fn truth(file: &str) -> HashMap<(String, String), String> {
    let text = std::fs::read_to_string(common::repo().join(format!("data/samples/truth/{file}.open-answers.csv"))).unwrap();
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let first = f.get(3)?.split(';').next()?.to_string();
            (!first.is_empty()).then(|| ((f[0].to_string(), format!("q{}", f[1])), first))
        })
        .collect()
}

#[test]
fn concerns_account_for_every_answer_and_are_deterministic() {
    let seg = Segmenter::new();
    for (path, file, qid) in
        [("市民问卷.xlsx", "市民问卷", "q11"), ("市民问卷.xlsx", "市民问卷", "q12"), ("园区问卷.xlsx", "园区问卷", "q9")]
    {
        let survey = minyi::ingest::ingest_paths(&[common::repo().join("data/samples").join(path)]).unwrap().survey;
        let p = &survey.populations[0];
        let q = p.question(qid).unwrap();
        let texts: Vec<Option<String>> = p.texts(&q.fields[0].column).unwrap().iter().map(|v| v.map(str::to_string)).collect();
        let refs: Vec<Option<&str>> = texts.iter().map(|t| t.as_deref()).collect();
        let found = find(&refs, &seg, &ConcernOpts::default());
        let ids = p.ids().unwrap();
        let t = truth(file);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let mut names: Vec<String> = Vec::new();
        for (i, asg) in found.assignments.iter().enumerate() {
            if let (Status::Answer, Some(c), Some(tr)) = (asg.status, asg.primary, t.get(&(ids[i].clone(), qid.to_string()))) {
                let k = names.iter().position(|n| n == tr).unwrap_or_else(|| {
                    names.push(tr.clone());
                    names.len() - 1
                });
                a.push(c);
                b.push(k);
            }
        }
        let ari = metrics::ari(&a, &b);
        let nmi = metrics::nmi(&a, &b);
        eprintln!("{file} {qid}: ARI {ari:.3} NMI {nmi:.3}, {} concerns", found.concerns.len());
        for c in &found.concerns {
            eprintln!("  {} {} {:.1}% {:?}", c.id, c.label, c.share, c.quotes.first().map(|q| &q.1));
        }
        assert!(ari > 0.0, "{file} {qid}: ARI {ari}");
        let again = find(&refs, &seg, &ConcernOpts::default());
        assert_eq!(again.assignments, found.assignments, "same seed, same concerns");
        assert_eq!(again.concerns, found.concerns);
        // Shares are of answering respondents; non-answers and blanks are counted apart.
        let non = found.assignments.iter().filter(|a| a.status == Status::NonAnswer).count();
        let empty = found.assignments.iter().filter(|a| a.status == Status::Empty).count();
        assert_eq!(found.answered + non + empty, texts.len());
        assert!(non > 0 && empty > 0, "the samples plant both");
        for c in &found.concerns {
            assert!((c.share - c.respondents as f64 * 100.0 / found.answered as f64).abs() < 1e-9);
            // Quotes are redacted: no phone number (a run of 11 digits) survives.
            let longest_digits = |q: &str| q.split(|ch: char| !ch.is_ascii_digit()).map(str::len).max().unwrap_or(0);
            assert!(c.quotes.iter().all(|(_, q)| longest_digits(q) < 11), "{:?}", c.quotes);
        }
        // Every answering respondent is counted in some concern or the remainder.
        assert!(found.assignments.iter().filter(|a| a.status == Status::Answer).all(|a| !a.all.is_empty()));
    }
}
