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
    let url = format!("file://{}{fragment}", report().join("explorer.html").display());
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
