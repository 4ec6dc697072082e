//! `explorer.html` in a real browser: the samples' page opened by headless Chromium at
//! several fragments; no script errors; the counts on the page are those of
//! results.json and concerns.csv; nothing is loaded from the network.
//! Needs Debian's `chromium` (installed by `.ci/run`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn report() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, out) = DIR.get_or_init(|| {
        let t = tempfile::tempdir().unwrap();
        let mut o = minyi::RunOptions::new(vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/samples")]);
        o.out = Some(t.path().join("out"));
        let out = minyi::run(&o).expect("the samples run").out_dir;
        (t, out)
    });
    out
}

/// The page's DOM after its scripts ran, opened at `fragment`.
fn dom(fragment: &str) -> String {
    dom_at(report(), fragment)
}

/// The DOM of the page of the report in `dir`.
fn dom_at(dir: &Path, fragment: &str) -> String {
    let url = format!("file://{}{fragment}", dir.join("explorer.html").display());
    let out = Command::new("chromium")
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000", "--dump-dom", &url])
        .output()
        .expect("chromium is needed by this test: apt-get install chromium");
    assert!(out.status.success(), "chromium failed: {}", String::from_utf8_lossy(&out.stderr));
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.contains("data-ready=\"1\""), "the page's script did not finish at {fragment}");
    assert!(html.contains("data-errors=\"\""), "script errors at {fragment}: {}", attr(&html, "data-errors"));
    html
}

fn attr(html: &str, name: &str) -> String {
    html.split(&format!("{name}=\"")).nth(1).and_then(|s| s.split('"').next()).unwrap_or_default().to_string()
}

/// The texts of the elements marked `data-test="name"` (with their other attributes).
fn marked(html: &str, name: &str) -> Vec<(String, String)> {
    html.split(&format!("data-test=\"{name}\""))
        .skip(1)
        .map(|s| {
            let (attrs, rest) = s.split_once('>').unwrap();
            (attrs.to_string(), rest.split('<').next().unwrap().to_string())
        })
        .collect()
}

fn results() -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(report().join("results.json")).unwrap()).unwrap()
}

#[test]
fn the_overview_counts_are_the_results() {
    let r = results();
    let html = dom("");
    let analysed = marked(&html, "pop-analysed");
    for p in r["rows"].as_array().unwrap() {
        let name = p["population"].as_str().unwrap();
        let shown =
            analysed.iter().find(|(a, _)| a.contains(&format!("data-pop=\"{name}\""))).unwrap_or_else(|| panic!("{name} not shown"));
        assert_eq!(shown.1, p["analysed"].to_string(), "{name}");
    }
    let shown = marked(&html, "concern-respondents");
    let concerns = r["concerns"].as_array().unwrap();
    assert_eq!(shown.len(), concerns.len());
    for c in concerns {
        let key = format!("data-q=\"{}\" data-c=\"{}\"", c["question"].as_str().unwrap(), c["id"]);
        let cell = shown.iter().find(|(a, _)| a.contains(&key)).unwrap_or_else(|| panic!("{key} not shown"));
        assert_eq!(cell.1, c["respondents"].to_string(), "{key}");
    }
    // Nothing is fetched: no web address anywhere in the file.
    let page = std::fs::read_to_string(report().join("explorer.html")).unwrap();
    assert!(!page.contains("http://") && !page.contains("https://"));
}

#[test]
fn a_concern_shows_all_its_answers_and_a_group_share() {
    let r = results();
    let c = r["concerns"].as_array().unwrap().iter().find(|c| c["question"] == "q11" && c["id"] == 2).unwrap();
    let g = c["by_group"].as_array().unwrap().iter().find(|g| g["dimension_title"] == "您居住的区" && g["group"] == "北山区").unwrap();
    let html = dom("#q=q11&c=2");
    assert_eq!(marked(&html, "concern-total")[0].1, c["respondents"].to_string());
    // Every answer placed in the concern (as main or further concern) is listed.
    let mut csv = csv::Reader::from_path(report().join("concerns.csv")).unwrap();
    let placed =
        csv.records().map(|r| r.unwrap()).filter(|r| &r[2] == "q11" && &r[3] == "answer" && r[6].split(';').any(|x| x == "2")).count();
    assert_eq!(marked(&html, "answers-shown")[0].1, placed.to_string());
    assert_eq!(placed, c["respondents"].as_u64().unwrap() as usize);
    assert!(marked(&html, "group-share").is_empty(), "no group chosen");
    // Filtered to one group: the group's share of results.json, and exactly its answers.
    let html = dom("#q=q11&c=2&g=%E5%8C%BA:%E5%8C%97%E5%B1%B1%E5%8C%BA");
    let share = marked(&html, "group-share");
    assert_eq!(share.len(), 1, "the chosen group's share is shown");
    assert_eq!(share[0].1, format!("{:.1}%", g["share"].as_f64().unwrap()));
    assert_eq!(marked(&html, "answers-shown")[0].1, g["respondents"].to_string());
}

#[test]
fn a_search_counts_the_respondents_who_wrote_the_phrase() {
    let phrase = "秸秆禁烧";
    let mut csv = csv::Reader::from_path(report().join("concerns.csv")).unwrap();
    let people: BTreeSet<(String, String)> = csv
        .records()
        .map(|r| r.unwrap())
        .filter(|r| &r[2] == "q12" && &r[3] != "empty" && r[8].contains(phrase))
        .map(|r| (r[0].to_string(), r[1].to_string()))
        .collect();
    assert!(people.len() > 100, "the samples plant this measure in many answers");
    let html = dom("#q=q12&s=%E7%A7%B8%E7%A7%86%E7%A6%81%E7%83%A7");
    assert_eq!(marked(&html, "search-count")[0].1, people.len().to_string());
    let per: usize = marked(&html, "search-per-concern").iter().map(|(_, n)| n.parse::<usize>().unwrap()).max().unwrap();
    assert!(per <= people.len());
}

/// A fragment value: every byte but ASCII letters and digits percent-encoded.
fn encode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// The round trip: corrections made on the page (given in the link, as the buttons make
/// them), exported as a survey.toml fragment and fed to `minyi run --config`, give the
/// names and counts the page showed, the moved answers where they were put, and every
/// answer no correction touched its concern.
#[test]
fn corrections_exported_from_the_page_come_back_from_a_run() {
    let r = results();
    let q11: Vec<&serde_json::Value> = r["concerns"].as_array().unwrap().iter().filter(|c| c["question"] == "q11").collect();
    let key = |id: u64| q11.iter().find(|c| c["id"] == id).unwrap()["key"].as_str().unwrap().to_string();
    let rows: Vec<csv::StringRecord> =
        csv::Reader::from_path(report().join("concerns.csv")).unwrap().records().map(|r| r.unwrap()).filter(|r| &r[2] == "q11").collect();
    // Split concern 3 by one of its keywords that part of its answers contain.
    let of3: Vec<&csv::StringRecord> = rows.iter().filter(|r| r[6].split(';').any(|x| x == "3")).collect();
    let word = q11.iter().find(|c| c["id"] == 3).unwrap()["keywords"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap().to_string())
        .find(|w| {
            let n = of3.iter().filter(|r| r[8].contains(w.as_str())).count();
            n > 5 && n < of3.len() / 2
        })
        .expect("a keyword of part of concern 3");
    let alone = |id: &str| rows.iter().find(|r| &r[6] == id).unwrap()[1].to_string();
    let (m1, m2, m3) = (alone("1"), alone("4"), alone("5"));
    let actions = serde_json::json!([
        { "do": "merge", "from": key(6), "into": key(2) },
        { "do": "rename", "key": key(2), "name": "工厂废气异味扰民" },
        { "do": "split", "from": key(3), "word": word, "new": "n1", "name": "拆出的一类" },
        { "do": "drop", "concern": key(5) },
        { "do": "move", "population": "市民", "response": m1, "from": key(1), "to": key(2) },
        { "do": "move", "population": "市民", "response": m2, "from": key(4), "to": "rest" },
        // Left in the remainder by the drop, then placed by hand.
        { "do": "move", "population": "市民", "response": m3, "from": "rest", "to": key(1) },
    ]);
    let html = dom(&format!("#q=q11&export=1&x={}", encode(&actions.to_string())));
    let toml = unescape(&marked(&html, "export")[0].1);
    assert!(toml.contains("[[correction]]") && toml.contains("工厂废气异味扰民") && toml.contains("do = \"split\""), "{toml}");
    // What the page shows after the corrections: key → (name, respondents).
    // The name cell holds a link: its text without tags.
    let names: BTreeSet<(String, String)> = html
        .split("data-test=\"concern-name\"")
        .skip(1)
        .map(|s| {
            let k = s.split("data-key=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
            let cell = s.split_once('>').unwrap().1.split("</td>").next().unwrap();
            let text: String = cell.split('<').map(|p| p.split_once('>').map_or(p, |x| x.1)).collect();
            (k, unescape(&text))
        })
        .collect();
    let counts: BTreeSet<(String, u64)> = marked(&html, "concern-respondents")
        .into_iter()
        .map(|(a, n)| (a.split("data-key=\"").nth(1).unwrap().split('"').next().unwrap().to_string(), n.parse().unwrap()))
        .collect();
    assert!(names.contains(&(key(2), "工厂废气异味扰民".to_string())) && names.iter().any(|(k, _)| k == "n1"), "{names:?}");
    assert!(!counts.iter().any(|(k, _)| *k == key(6) || *k == key(5)), "merged and dropped concerns are gone: {counts:?}");

    // The run with the exported file.
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("corrections.toml");
    std::fs::write(&cfg, &toml).unwrap();
    let mut o = minyi::RunOptions::new(vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/samples")]);
    o.out = Some(dir.path().join("out"));
    o.config = Some(cfg.clone());
    let out = minyi::run(&o).expect("the corrected run").out_dir;
    let again: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("results.json")).unwrap()).unwrap();
    let after: Vec<&serde_json::Value> = again["concerns"].as_array().unwrap().iter().filter(|c| c["question"] == "q11").collect();
    let run_counts: BTreeSet<(String, u64)> =
        after.iter().map(|c| (c["key"].as_str().unwrap().to_string(), c["respondents"].as_u64().unwrap())).collect();
    assert_eq!(run_counts, counts, "the run counts what the page showed");
    for (k, name) in &names {
        let c = after.iter().find(|c| c["key"] == k.as_str()).unwrap();
        let label = c["label"].as_str().unwrap();
        assert!(k == "rest" || label == name, "{k}: the page showed {name}, the run named it {label}");
    }
    // Per answer: the moved ones where they were put, the untouched ones where they were.
    let id_key = |list: &[&serde_json::Value], id: &str| {
        list.iter().find(|c| c["id"].to_string() == id).map(|c| c["key"].as_str().unwrap().to_string()).unwrap_or_default()
    };
    let rows_after: Vec<csv::StringRecord> =
        csv::Reader::from_path(out.join("concerns.csv")).unwrap().records().map(|r| r.unwrap()).filter(|r| &r[2] == "q11").collect();
    // Merged, split and dropped concerns; the two moves touch one answer each.
    let (touched, m1_key) =
        ([key(6), key(3), key(5), key(2)], rows_after.iter().find(|r| r[1] == m1).map(|r| id_key(&after, &r[4])).unwrap());
    assert_eq!(m1_key, key(2));
    assert_eq!(rows_after.iter().find(|r| r[1] == m2).map(|r| id_key(&after, &r[4])).unwrap(), "rest");
    assert_eq!(rows_after.iter().find(|r| r[1] == m3).map(|r| (id_key(&after, &r[4]), r[6].to_string())).unwrap().0, key(1));
    let mut kept = 0;
    for (b, a) in rows.iter().zip(&rows_after) {
        assert_eq!((&b[0], &b[1]), (&a[0], &a[1]));
        let before: BTreeSet<String> = b[6].split(';').filter(|x| !x.is_empty()).map(|x| id_key(&q11, x)).collect();
        if before.iter().any(|k| touched.contains(k)) || [&m1, &m2, &m3].contains(&&b[1].to_string()) {
            continue;
        }
        let now: BTreeSet<String> = a[6].split(';').filter(|x| !x.is_empty()).map(|x| id_key(&after, x)).collect();
        assert_eq!(now, before, "answer {} untouched by the corrections", &b[1]);
        kept += 1;
    }
    assert!(kept > 100, "{kept}");
    // The other questions are as they were.
    let others = |path: &Path| -> Vec<Vec<String>> {
        let mut rd = csv::Reader::from_path(path.join("concerns.csv")).unwrap();
        rd.records().map(|r| r.unwrap()).filter(|r| &r[2] != "q11").map(|r| r.iter().map(str::to_string).collect()).collect()
    };
    assert_eq!(others(&out), others(report()));

    // The brief's drafts follow: the merged concern, now the largest, leads under its new name.
    let drafts: Vec<String> =
        std::fs::read_dir(out.join("proposal-drafts")).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(drafts.iter().any(|f| f.contains("工厂废气异味扰民")), "{drafts:?}");

    // The remainder lists every answer it counts (a drop left some there).
    let rest = after.iter().find(|c| c["key"] == "rest").expect("the drop left answers in the remainder");
    let html = dom_at(&out, "#q=q11&c=0");
    assert_eq!(marked(&html, "answers-shown")[0].1, rest["respondents"].to_string());

    // A second round on the corrected run's page: it carries the first round, a rename is
    // added, and the export (first round once, then the rename) gives the same counts
    // under the new name.
    let rename = serde_json::json!([{ "do": "rename", "key": "n1", "name": "拆出后改名" }]);
    let html = dom_at(&out, &format!("#q=q11&export=1&x={}", encode(&rename.to_string())));
    let second = unescape(&marked(&html, "export")[0].1);
    assert_eq!(second.matches("[[correction.step]]").count(), 6, "the first round's six steps, once: {second}");
    assert_eq!(second.lines().filter(|l| *l == "[[correction]]").count(), 1, "{second}");
    assert!(second.contains("name = \"拆出后改名\"") && !second.contains("name = \"拆出的一类\""), "{second}");
    std::fs::write(dir.path().join("second.toml"), &second).unwrap();
    o.config = Some(dir.path().join("second.toml"));
    o.out = Some(dir.path().join("out2"));
    let out2 = minyi::run(&o).expect("the second corrected run").out_dir;
    let third: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out2.join("results.json")).unwrap()).unwrap();
    let q11_third: BTreeSet<(String, String, u64)> = third["concerns"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["question"] == "q11")
        .map(|c| (c["key"].as_str().unwrap().to_string(), c["label"].as_str().unwrap().to_string(), c["respondents"].as_u64().unwrap()))
        .collect();
    let q11_second: BTreeSet<(String, String, u64)> = after
        .iter()
        .map(|c| {
            let label = if c["key"] == "n1" { "拆出后改名" } else { c["label"].as_str().unwrap() };
            (c["key"].as_str().unwrap().to_string(), label.to_string(), c["respondents"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(q11_third, q11_second);
}
