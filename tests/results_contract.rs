//! results.json read back typed (`model::Results`): what the sample run wrote comes back
//! field for field — nulls (NaN), skipped fields and all — so a comparison reads exactly
//! what was written; a file of a later layout, or one that lacks a field, is refused in
//! Chinese.

mod common;
use common::TestEnv;
use minyi::model::{EarlierReport, SCHEMA_VERSION};

/// The sample run's results.json, rebuilt from the two golden parts (the layout before
/// `schema_version`, as an earlier report on disk may be).
fn sample_results() -> serde_json::Value {
    let golden = common::repo().join("tests/golden");
    let read = |f: &str| -> serde_json::Value { serde_json::from_slice(&std::fs::read(golden.join(f)).unwrap()).unwrap() };
    let mut all = read("stats.json");
    let concerns = read("concerns.json");
    let m = all.as_object_mut().unwrap();
    m.remove("schema_version");
    m.insert("version".into(), "0.1.0".into());
    for (k, v) in concerns.as_object().unwrap() {
        m.insert(k.clone(), v.clone());
    }
    all
}

/// Where two JSON values differ: every key and item, numbers equal to the precision
/// serde_json reads a float with (its default parser may land one unit in the last place
/// away from the printed digits).
fn same(a: &serde_json::Value, b: &serde_json::Value, path: &str, out: &mut Vec<String>) {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for k in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                same(x.get(k).unwrap_or(&Value::Null), y.get(k).unwrap_or(&Value::Null), &format!("{path}.{k}"), out);
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                same(p, q, &format!("{path}[{i}]"), out);
            }
        }
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            let (p, q) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            if (p - q).abs() > 4.0 * f64::EPSILON * p.abs().max(q.abs()) {
                out.push(format!("{path}: {p} vs {q}"));
            }
        }
        _ if a == b => {}
        _ => out.push(format!("{path}: {a} vs {b}")),
    }
}

#[test]
fn a_report_reads_back_field_for_field() {
    let env = TestEnv::new();
    let dir = env.path("上一轮");
    std::fs::create_dir_all(&dir).unwrap();
    let written = sample_results();
    std::fs::write(dir.join("results.json"), serde_json::to_string_pretty(&written).unwrap()).unwrap();
    let report = EarlierReport::read(&dir, false).expect("the sample results read back");
    assert_eq!(report.results.schema_version, 1, "a file without the field is layout 1");
    assert!(!report.results.questions.is_empty() && !report.results.concerns.is_empty() && !report.results.crosstabs.is_empty());
    let mut back = serde_json::to_value(&report.results).unwrap();
    back.as_object_mut().unwrap().remove("schema_version");
    let mut differences = Vec::new();
    same(&written, &back, "", &mut differences);
    assert!(differences.is_empty(), "read back differs from what was written: {:?}", &differences[..differences.len().min(5)]);
    // Every open question of the sample became an earlier question with its named concerns.
    assert_eq!(report.previous.len(), written["open_questions"].as_array().unwrap().len());
    let named = written["concerns"].as_array().unwrap().iter().filter(|c| c["id"].as_u64() > Some(0)).count();
    assert_eq!(report.previous.iter().map(|p| p.concerns.len()).sum::<usize>(), named);
}

#[test]
fn a_later_layout_or_a_missing_field_is_refused_in_chinese() {
    let env = TestEnv::new();
    let write = |name: &str, v: &serde_json::Value| {
        let dir = env.path(name);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("results.json"), serde_json::to_string(v).unwrap()).unwrap();
        dir
    };
    let mut later = sample_results();
    later["schema_version"] = (SCHEMA_VERSION + 1).into();
    let e = EarlierReport::read(&write("later", &later), false).unwrap_err().to_string();
    assert!(e.contains("由更新版本的 minyi 写出") && e.contains(&format!("第 {} 版", SCHEMA_VERSION + 1)), "{e}");

    let mut lacking = sample_results();
    lacking["questions"][0].as_object_mut().unwrap().remove("n_valid");
    let e = EarlierReport::read(&write("lacking", &lacking), false).unwrap_err().to_string();
    assert!(e.contains("缺少字段 n_valid") && e.contains("请用当前版本重新运行 minyi run"), "{e}");
    assert!(!e.contains("missing"), "no English reaches the user: {e}");

    let dir = env.path("cut");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("results.json"), "{\"tool\": \"minyi\", \"questions\": [").unwrap();
    let e = EarlierReport::read(&dir, false).unwrap_err().to_string();
    assert!(e.contains("无法解析"), "{e}");
    let e = EarlierReport::read(&env.path("none"), false).unwrap_err().to_string();
    assert!(e.contains("无法读取") && e.contains("results.json"), "{e}");
}
