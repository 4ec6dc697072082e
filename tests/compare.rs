//! `minyi compare`: a report compared with itself shows no change; a second wave with a
//! planted shift shows that shift (with the difference worked out by hand) and nothing
//! else; a question dropped is listed, a reworded one matched and marked.

use serde_json::Value;
use std::path::{Path, PathBuf};

fn samples_report(dir: &Path) -> PathBuf {
    let mut o = minyi::RunOptions::new(vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/samples")]);
    o.out = Some(dir.join("2024"));
    minyi::run(&o).expect("the samples run").out_dir
}

fn compare(old: &Path, new: &Path, out: &Path) -> Value {
    let dir = minyi::compare_cmd(old, new, Some(out)).expect("the comparison");
    serde_json::from_str(&std::fs::read_to_string(dir.join("comparison.json")).unwrap()).unwrap()
}

fn pdf_text(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext").arg("-layout").arg(pdf).arg("-").output().expect("pdftotext (poppler-utils)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The rows of the sheet 比较 (header left out), as text.
fn comparison_rows(xlsx: &Path) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(xlsx).unwrap();
    let range = wb.worksheet_range("比较").expect("the sheet 比较");
    range.rows().skip(1).map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}

fn question<'a>(c: &'a Value, pop: &str, id: &str) -> &'a Value {
    c["questions"].as_array().unwrap().iter().find(|q| q["population"] == pop && q["new_id"] == id && q["row"].is_null()).unwrap()
}

#[test]
fn a_report_compared_with_itself_and_with_a_planted_second_wave() {
    let tmp = tempfile::tempdir().unwrap();
    let old = samples_report(tmp.path());

    let same = compare(&old, &old, &tmp.path().join("same"));
    assert_eq!(same["populations"].as_array().unwrap().len(), 2);
    // The comparison brief says so in plain words; its table sheet lists every test.
    let text = pdf_text(&tmp.path().join("same/comparison.pdf"));
    assert!(text.contains("两轮之间没有可以确认的变化"), "{text}");
    assert!(tmp.path().join("same/comparison-01.png").is_file());
    let rows = comparison_rows(&tmp.path().join("same/tables.xlsx"));
    assert!(rows.len() > 100 && rows.iter().all(|r| r.last().map(String::as_str) == Some("否")), "{}", rows.len());
    assert!(same["tests"].as_u64().unwrap() > 100, "{}", same["tests"]);
    assert_eq!(same["significant"], 0);
    assert!(same["unmatched"].as_array().unwrap().is_empty());
    // By group also for a multiple-choice question (one entry per option and group) and a
    // matrix row.
    let multi = question(&same, "市民", "q9")["by_group"].as_array().cloned().unwrap_or_default();
    assert!(!multi.is_empty() && multi.iter().all(|g| g["option"] != "选择" && g["diff"] == 0.0));
    assert!(multi.iter().any(|g| g["option"] == "空气污染" && g["group"] == "北山区"));
    let row = same["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["population"] == "市民" && q["new_id"] == "q6" && !q["row"].is_null())
        .unwrap();
    assert!(!row["by_group"].as_array().unwrap().is_empty());
    // Every named concern matched to itself; none new, none gone; every measure in both.
    let r0: Value = serde_json::from_str(&std::fs::read_to_string(old.join("results.json")).unwrap()).unwrap();
    let named = r0["concerns"].as_array().unwrap().iter().filter(|c| c["id"].as_u64() > Some(0)).count();
    assert_eq!(same["concerns"].as_array().unwrap().len(), named);
    assert!(same["concerns"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["similarity"] == 1.0 && c["old_key"] == c["new_key"] && c["share"]["diff"] == 0.0));
    assert!(same["new_concerns"].as_array().unwrap().is_empty() && same["gone_concerns"].as_array().unwrap().is_empty());
    assert!(same["measures"].as_array().unwrap().iter().all(|m| m["old_respondents"] == m["new_respondents"]));
    for q in same["questions"].as_array().unwrap() {
        assert_eq!(q["reworded"], false);
        for o in q["options"].as_array().unwrap() {
            assert_eq!(o["diff"].as_f64().unwrap(), 0.0, "{q}");
        }
    }

    // The second wave: 300 of 市民's 不满意 on q5 became 满意; 园区 q7 not asked; 市民 q8
    // reworded.
    let mut r: Value = serde_json::from_str(&std::fs::read_to_string(old.join("results.json")).unwrap()).unwrap();
    let qs = r["questions"].as_array_mut().unwrap();
    let q5 = qs.iter_mut().find(|q| q["population"] == "市民" && q["id"] == "q5").unwrap();
    let n = q5["n_valid"].as_u64().unwrap();
    let opts = q5["options"].as_array_mut().unwrap();
    let (a, b) = (opts[1]["count"].as_u64().unwrap(), opts[3]["count"].as_u64().unwrap());
    assert_eq!((opts[1]["label"].as_str(), opts[3]["label"].as_str()), (Some("不满意"), Some("满意")));
    opts[1]["count"] = (a - 300).into();
    opts[3]["count"] = (b + 300).into();
    // Its mean and sd from the new counts (scores 1–5).
    let counts: Vec<f64> = opts.iter().map(|o| o["count"].as_f64().unwrap()).collect();
    let mean = counts.iter().enumerate().map(|(i, c)| (i + 1) as f64 * c).sum::<f64>() / n as f64;
    let sd = (counts.iter().enumerate().map(|(i, c)| c * ((i + 1) as f64 - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt();
    q5["mean"] = mean.into();
    q5["sd"] = sd.into();
    qs.retain(|q| !(q["population"] == "园区" && q["id"] == "q7"));
    // In 北山区 only (the cross-tab of q5 by district): 60 of 不满意 became 满意.
    let tab = r["crosstabs"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|t| t["population"] == "市民" && t["question"] == "q5" && t["by_title"] == "您居住的区")
        .expect("q5 by district");
    let g = tab["col_labels"].as_array().unwrap().iter().position(|x| x == "北山区").unwrap();
    let rows: Vec<String> = tab["row_labels"].as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_string()).collect();
    let (worse, better) = (rows.iter().position(|x| x == "不满意").unwrap(), rows.iter().position(|x| x == "满意").unwrap());
    let column: u64 = (0..rows.len()).map(|r| tab["counts"][r][g].as_u64().unwrap()).sum();
    let w = tab["counts"][worse][g].as_u64().unwrap();
    assert!(w >= 60, "{w}");
    tab["counts"][worse][g] = (w - 60).into();
    tab["counts"][better][g] = (tab["counts"][better][g].as_u64().unwrap() + 60).into();
    let qs = r["questions"].as_array_mut().unwrap();
    let q8 = qs.iter_mut().find(|q| q["population"] == "市民" && q["id"] == "q8").unwrap();
    q8["title"] = "您对常去的公园的环境是否满意".into();
    // Concerns of q11: the first raised by 300 fewer people, the second renamed (matched by
    // its words), the third gone, a new one.
    let cs = r["concerns"].as_array_mut().unwrap();
    let q11: Vec<usize> = (0..cs.len()).filter(|&i| cs[i]["question"] == "q11" && cs[i]["id"].as_u64() > Some(0)).collect();
    let (first, second, third) = (q11[0], q11[1], q11[2]);
    let (k1, k2, k3) = (cs[first]["key"].clone(), cs[second]["key"].clone(), cs[third]["key"].clone());
    let x = cs[first]["respondents"].as_u64().unwrap();
    let answered11 = cs[first]["answered"].as_u64().unwrap();
    cs[first]["respondents"] = (x - 300).into();
    cs[second]["label"] = "改了名字的一类".into();
    let mut added = cs[third].clone();
    cs.remove(third);
    added["key"] = "k99".into();
    added["label"] = "新出现的问题".into();
    added["keywords"] = serde_json::json!(["新词甲", "新词乙"]);
    added["department"] = serde_json::json!({ "category": "其他", "sub": "", "department": "", "confidence": 0.0 });
    cs.push(added);
    let new = tmp.path().join("2025");
    std::fs::create_dir_all(&new).unwrap();
    std::fs::write(new.join("results.json"), serde_json::to_string(&r).unwrap()).unwrap();

    let c = compare(&old, &new, &tmp.path().join("cmp"));
    let q5 = question(&c, "市民", "q5");
    let opt = |label: &str| q5["options"].as_array().unwrap().iter().find(|o| o["label"] == label).unwrap().clone();
    // −300 of 4,079 = −7.355 percentage points.
    let worse = opt("不满意");
    assert!((worse["diff"].as_f64().unwrap() + 300.0 / n as f64 * 100.0).abs() < 1e-9, "{worse}");
    assert!(worse["ci_low"].as_f64().unwrap() < worse["diff"].as_f64().unwrap() && worse["ci_high"].as_f64().unwrap() < 0.0);
    assert_eq!(worse["significant"], true);
    assert_eq!(opt("满意")["significant"], true);
    assert_eq!(opt("一般")["significant"], false);
    assert_eq!(q5["distribution"]["significant"], true);
    assert_eq!(q5["mean"]["significant"], true);
    // By district: 北山区's 不满意 fell by 60 of its column; the other districts unchanged.
    let by = |group: &str, option: &str| {
        q5["by_group"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["dimension"] == "您居住的区" && x["group"] == group && x["option"] == option)
            .cloned()
            .unwrap()
    };
    let north = by("北山区", "不满意");
    assert!((north["diff"].as_f64().unwrap() + 60.0 / column as f64 * 100.0).abs() < 1e-9, "{north}");
    assert_eq!(north["significant"], true, "{north}");
    let others = q5["by_group"].as_array().unwrap().iter().filter(|x| x["group"] != "北山区" && x["significant"] == true).count();
    assert_eq!(others, 0);
    assert!(q5["mean"]["diff"].as_f64().unwrap() > 0.0);
    // Nothing else changed.
    let significant: usize = c["questions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| !(q["population"] == "市民" && q["new_id"] == "q5"))
        .map(|q| {
            q["options"].as_array().unwrap().iter().filter(|o| o["significant"] == true).count()
                + usize::from(q["distribution"]["significant"] == true)
                + usize::from(q["mean"]["significant"] == true)
                + usize::from(q["nps"]["significant"] == true)
        })
        .sum();
    assert_eq!(significant, 0);
    let unmatched = c["unmatched"].as_array().unwrap();
    assert_eq!(unmatched.len(), 1, "{unmatched:?}");
    assert_eq!(
        (unmatched[0]["population"].as_str(), unmatched[0]["wave"].as_str(), unmatched[0]["id"].as_str()),
        (Some("园区"), Some("old"), Some("q7"))
    );
    let concern = |k: &Value| c["concerns"].as_array().unwrap().iter().find(|x| x["old_question"] == "q11" && x["old_key"] == *k).cloned();
    let fell = concern(&k1).expect("the first concern matched");
    assert!((fell["share"]["diff"].as_f64().unwrap() + 300.0 / answered11 as f64 * 100.0).abs() < 1e-9, "{fell}");
    assert_eq!(fell["share"]["significant"], true);
    let renamed = concern(&k2).expect("the renamed concern matched by its words");
    assert!(
        renamed["similarity"].as_f64().unwrap() < 1.0 && renamed["label"] == "改了名字的一类" && renamed["share"]["significant"] == false
    );
    assert!(concern(&k3).is_none());
    assert!(c["gone_concerns"].as_array().unwrap().iter().any(|g| g["question"] == "q11" && g["key"] == k3));
    assert!(c["new_concerns"].as_array().unwrap().iter().any(|g| g["label"] == "新出现的问题"));
    // Tracking the earlier report's drafts: one line each; the draft on the concern that
    // fell shows its fall, the others no change.
    let drafts = r0["drafts"].as_array().unwrap();
    assert!(!drafts.is_empty());
    let tracking = c["tracking"].as_array().unwrap();
    assert_eq!(tracking.len(), drafts.len());
    for (t, d) in tracking.iter().zip(drafts) {
        assert_eq!(t["stem"], d["stem"]);
        let fell_draft = d["question"] == "q11" && d["key"] == k1;
        if d["question"] == "q11" && d["key"] == k3 {
            assert!(t["concern"].is_null(), "the removed concern is not tracked: {t}");
            continue;
        }
        assert_eq!(t["concern"]["significant"], fell_draft, "{t}");
        for i in t["items"].as_array().unwrap() {
            assert!(!i["change"].is_null(), "every cited item is found again: {i}");
        }
    }
    let q8 = question(&c, "市民", "q8");
    assert_eq!(q8["reworded"], true);
    assert_eq!(q8["old_title"], "您对常去的公园环境是否满意");
}

/// The planted concern of each named concern of a report: the one most of its answers
/// were written on (`truth/*.open-answers.csv` against the report's `concerns.csv`).
fn planted_of(report: &Path, truth: &Path) -> std::collections::HashMap<(String, String), String> {
    use std::collections::HashMap;
    let mut planted: HashMap<(String, String, String), Vec<String>> = HashMap::new();
    for (pop, file) in [("园区", "园区问卷"), ("市民", "市民问卷")] {
        let mut r = csv::Reader::from_path(truth.join(format!("{file}.open-answers.csv"))).unwrap();
        for row in r.records() {
            let row = row.unwrap();
            let concerns = row[3].split(';').filter(|s| !s.is_empty()).map(str::to_string).collect();
            planted.insert((pop.to_string(), row[0].to_string(), format!("q{}", &row[1])), concerns);
        }
    }
    let mut votes: HashMap<(String, String), HashMap<String, usize>> = HashMap::new();
    let mut r = csv::Reader::from_path(report.join("concerns.csv")).unwrap();
    for row in r.records() {
        let row = row.unwrap();
        if row[4].is_empty() || &row[4] == "0" {
            continue;
        }
        for c in planted.get(&(row[0].to_string(), row[1].to_string(), row[2].to_string())).into_iter().flatten() {
            *votes.entry((row[2].to_string(), row[5].to_string())).or_default().entry(c.clone()).or_default() += 1;
        }
    }
    votes.into_iter().map(|(k, v)| (k, v.into_iter().max_by_key(|(c, n)| (*n, c.clone())).unwrap().0)).collect()
}

/// Every significant test of a comparison: (what it is about, the concern or item).
fn significant_tests(c: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let sig = |v: &Value| v["significant"] == true;
    for q in c["questions"].as_array().unwrap() {
        let item = format!("{} {} {}", q["population"], q["new_id"], q["row"]);
        let n = q["options"].as_array().unwrap().iter().filter(|o| sig(o)).count()
            + q["by_group"].as_array().map_or(0, |g| g.iter().filter(|o| sig(o)).count())
            + usize::from(sig(&q["distribution"]) || sig(&q["mean"]) || sig(&q["nps"]));
        out.extend(std::iter::repeat_n(("item".to_string(), item), n));
    }
    for k in c["concerns"].as_array().unwrap() {
        let key = format!("{}\u{1}{}", k["new_question"].as_str().unwrap(), k["label"].as_str().unwrap());
        let n = usize::from(sig(&k["share"]))
            + k["by_population"].as_array().unwrap().iter().filter(|p| sig(p)).count()
            + k["by_group"].as_array().unwrap().iter().filter(|p| sig(p)).count();
        out.extend(std::iter::repeat_n(("concern".to_string(), key), n));
    }
    out
}

/// The sample's second wave (`minyi sample` writes it with its truth), run with
/// `--compare-with` the first: every planted change is found and significant, and few
/// changes are called among what was not planted; another draw of the first wave's own
/// distributions shows none.
#[test]
fn the_sample_waves_show_what_was_planted_and_little_else() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let old = samples_report(tmp.path());
    let run_with = |paths: PathBuf, out: &str| -> PathBuf {
        let mut o = minyi::RunOptions::new(vec![paths]);
        o.out = Some(tmp.path().join(out));
        o.compare_with = Some(old.clone());
        minyi::run(&o).expect("the run").out_dir
    };
    let truth = repo.join("data/samples/第二轮/truth");
    let new = run_with(repo.join("data/samples/第二轮"), "2025");
    let c: Value = serde_json::from_str(&std::fs::read_to_string(new.join("comparison.json")).unwrap()).unwrap();
    let changes: Value = serde_json::from_str(&std::fs::read_to_string(truth.join("changes.json")).unwrap()).unwrap();
    let who = planted_of(&new, &truth);
    let planted_of_label = |q: &str, label: &str| who.get(&(q.to_string(), label.to_string())).cloned().unwrap_or_default();
    let mut planted_concerns = Vec::new();
    let mut planted_items = Vec::new();
    for ch in changes.as_array().unwrap() {
        let pop = ch["population"].as_str().unwrap();
        for f in ch["falls"].as_array().unwrap() {
            planted_concerns.push(f["concern"].as_str().unwrap().to_string());
            for q in f["questions"].as_array().unwrap() {
                let q = format!("q{q}");
                // The concern (matched across the waves by its earlier name), fallen
                // significantly in the group it was planted in.
                let fell = c["concerns"].as_array().unwrap().iter().any(|k| {
                    k["new_question"] == q.as_str()
                        && planted_of_label(&q, k["label"].as_str().unwrap()) == f["concern"].as_str().unwrap()
                        && k["old_label"] == k["label"]
                        && k["by_group"].as_array().unwrap().iter().any(|p| {
                            p["population"] == pop
                                && p["group"] == f["group"]
                                && p["significant"] == true
                                && p["diff"].as_f64().unwrap() < -10.0
                        })
                });
                assert!(fell, "{pop} {q}: {} not found falling in {}", f["concern"], f["group"]);
            }
        }
        for f in ch["new_concerns"].as_array().unwrap() {
            planted_concerns.push(f["concern"].as_str().unwrap().to_string());
            for q in f["questions"].as_array().unwrap() {
                let q = format!("q{q}");
                let seen = c["new_concerns"].as_array().unwrap().iter().any(|x| {
                    x["question"] == q.as_str() && planted_of_label(&q, x["label"].as_str().unwrap()) == f["concern"].as_str().unwrap()
                });
                assert!(seen, "{pop} {q}: the new concern {} not found", f["concern"]);
            }
        }
        for r in ch["rises"].as_array().unwrap() {
            let q = c["questions"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["population"] == pop && x["new_id"] == format!("q{}", r["question"]).as_str() && x["row"] == r["row"])
                .expect("the planted item compared");
            assert!(q["mean"]["significant"] == true && q["mean"]["diff"].as_f64().unwrap() > 0.3, "{}", q["mean"]);
            planted_items.push(format!("{} {} {}", q["population"], q["new_id"], q["row"]));
        }
    }
    // What was not planted: few changes called (docs/compare.md reports the count).
    let all = significant_tests(&c);
    let false_changes: Vec<&(String, String)> = all
        .iter()
        .filter(|(kind, what)| match kind.as_str() {
            "item" => !planted_items.contains(what),
            _ => {
                let (q, label) = what.split_once('\u{1}').unwrap();
                !planted_concerns.contains(&planted_of_label(q, label))
            }
        })
        .collect();
    // (Printed for docs/compare.md: `cargo test --release --test compare -- --nocapture`.)
    eprintln!("{} tests, {} called changes, {} not planted: {false_changes:?}", c["tests"], all.len(), false_changes.len());
    assert!(all.len() > 60, "{}", all.len());
    assert!(
        false_changes.len() * 10 <= all.len(),
        "{} of {} called changes were not planted: {false_changes:?}",
        false_changes.len(),
        all.len()
    );

    // The brief carries the comparison: its 摘要, its section with a chart per question,
    // and the sheet 比较 (one row per share, mean or NPS compared; those called changes
    // marked).
    let text = pdf_text(&new.join("brief.pdf"));
    assert!(text.contains("与上一轮调查相比") && text.contains("六、与上一轮调查比较"), "{text}");
    assert!(text.contains("上一轮提案初稿的跟踪"));
    assert!(new.join("charts/两轮-q11.png").is_file() && new.join("charts/两轮-封闭题.png").is_file());
    let rows = comparison_rows(&new.join("tables.xlsx"));
    let distributions = c["questions"].as_array().unwrap().iter().filter(|q| q["distribution"]["significant"] == true).count();
    let marked = rows.iter().filter(|r| r.last().map(String::as_str) == Some("是")).count();
    assert_eq!(marked + distributions, c["significant"].as_u64().unwrap() as usize);
    // The same comparison from the two report folders, as its own brief.
    let cmp = minyi::compare_cmd(&old, &new, Some(&tmp.path().join("cmp"))).unwrap();
    let text = pdf_text(&cmp.join("comparison.pdf"));
    assert!(text.contains("摘") && text.contains("新出现的问题") && text.contains("按上一轮归纳出的问题类别逐条归类"), "{text}");
    // Its 摘要 leads with the planted changes: each fall told with the group it was
    // planted in, the new concern, the satisfaction item.
    let digest: String = text.split("两轮调查比较").nth(1).unwrap_or("").chars().filter(|c| !c.is_whitespace()).collect();
    for planted in ["北山区（市民）", "南江区（市民）", "临港化工园区（园区）", "新出现、上一轮没有的", "垃圾分类与清运"]
    {
        assert!(digest.contains(planted), "{planted} not in the 摘要: {digest}");
    }

    // Another draw of the first wave's distributions (a different seed): nothing changed.
    let same = tmp.path().join("same");
    minyi::sample::write_samples(&same, 7).unwrap();
    let again = run_with(same, "again");
    let n: Value = serde_json::from_str(&std::fs::read_to_string(again.join("comparison.json")).unwrap()).unwrap();
    eprintln!("another draw: {} of {} tests significant", n["significant"], n["tests"]);
    assert!(n["significant"].as_u64().unwrap() <= 2, "{} changes called between two draws of one distribution", n["significant"]);
}
