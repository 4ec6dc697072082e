//! The brief end to end on the bundled samples: the PDF's text (via `pdftotext`) has the
//! section headings, the populations' sizes and a table of contents that matches the
//! pages; every page has its PNG; the docx drafts are laid out per GB/T 9704; every number
//! in a draft is a number of `results.json`; two runs give identical bytes; a committee's
//! own template is used when given.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn run_into(dir: &Path, template: Option<PathBuf>, draft: minyi::model::DraftKind) -> PathBuf {
    let mut o = minyi::RunOptions::new(vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/samples")]);
    o.out = Some(dir.join("out"));
    o.template = template;
    o.draft = draft;
    minyi::run(&o).expect("the samples run").out_dir
}

/// One run on the samples, shared by the tests of this file.
fn report() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, out) = DIR.get_or_init(|| {
        let t = tempfile::tempdir().unwrap();
        let out = run_into(t.path(), None, minyi::model::DraftKind::Proposal);
        (t, out)
    });
    out
}

fn pdftotext(pdf: &Path, page: Option<usize>) -> String {
    let mut c = Command::new("pdftotext");
    c.arg("-layout");
    if let Some(p) = page {
        c.args(["-f", &p.to_string(), "-l", &p.to_string()]);
    }
    let out = c.arg(pdf).arg("-").output().expect("pdftotext (poppler-utils) is needed by this test: apt-get install poppler-utils");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn pages(pdf: &Path) -> usize {
    // pdftotext separates pages with form feeds.
    pdftotext(pdf, None).matches('\u{c}').count()
}

#[test]
fn the_pdf_has_the_sections_the_sizes_and_a_true_table_of_contents() {
    let pdf = report().join("brief.pdf");
    let text = squeeze(&pdftotext(&pdf, None));
    for h in ["目录", "一、调查概况", "二、主要发现", "三、受访者反映的主要问题", "四、意见建议摘编", "五、分群体比较", "附录"]
    {
        assert!(text.contains(h), "heading {h} missing");
    }
    // Title page: the populations and their sizes (the generator's 455 and 4,112 rows).
    let title = squeeze(&pdftotext(&pdf, Some(1)));
    assert!(title.contains("园区455份") && title.contains("市民4112份"), "{title}");
    assert!(title.contains("问卷调查分析简报"));

    // Every page has its PNG, and no more.
    let n = pages(&pdf);
    assert!(n >= 10, "{n} pages");
    for i in 1..=n {
        assert!(report().join(format!("brief-{i:02}.png")).exists(), "brief-{i:02}.png");
    }
    assert!(!report().join(format!("brief-{:02}.png", n + 1)).exists());

    // The table of contents (page 3, after the 摘要) gives, for each section, the number printed at the
    // foot of the page where the section starts.
    let toc = pdftotext(&pdf, Some(3));
    let mut listed = BTreeMap::new();
    for line in toc.lines() {
        let t = line.trim();
        for h in ["一、调查概况", "二、主要发现", "三、受访者反映的主要问题", "四、意见建议摘编", "五、分群体比较"]
        {
            if t.starts_with(h) {
                let num: String = t.chars().rev().take_while(|c| c.is_ascii_digit()).collect::<Vec<_>>().into_iter().rev().collect();
                listed.insert(h, num.parse::<usize>().unwrap());
            }
        }
    }
    assert_eq!(listed.len(), 5, "{toc}");
    for (h, printed) in listed {
        let page = (4..=n).find(|&p| squeeze(&pdftotext(&pdf, Some(p))).contains(h)).unwrap_or_else(|| panic!("{h} not found"));
        let foot = squeeze(&pdftotext(&pdf, Some(page)));
        assert!(
            foot.ends_with(&format!("—{printed}—")),
            "{h}: listed at {printed}, page footer: …{}",
            &foot[foot.len().saturating_sub(30)..]
        );
    }
}

/// The 摘要 is the page after the cover; each of its findings is one sentence carrying
/// a number of results.json (beyond the enumerator and small counts).
#[test]
fn the_digest_follows_the_cover_and_its_numbers_are_in_the_results() {
    let pdf = report().join("brief.pdf");
    let page = squeeze(&pdftotext(&pdf, Some(2)));
    assert!(page.starts_with("摘要主要发现1."), "{page}");
    let results = std::fs::read_to_string(report().join("results.json")).unwrap();
    let known: Vec<f64> = numbers(&results).iter().filter_map(|n| n.parse().ok()).collect();
    let findings = &page["摘要主要发现".len()..page.find("解读时请注意").expect("the limits follow the findings")];
    let sentences: Vec<&str> = findings.split('。').filter(|s| !s.is_empty()).collect();
    assert!((3..=5).contains(&sentences.len()), "{sentences:?}");
    for (i, s) in sentences.iter().enumerate() {
        let s = s.strip_prefix(&format!("{}.", i + 1)).unwrap_or_else(|| panic!("finding {} is not numbered: {s}", i + 1));
        let carried: Vec<String> = numbers(s).into_iter().filter(|n| n.contains('.') || n.parse::<u64>().is_ok_and(|v| v >= 10)).collect();
        assert!(!carried.is_empty(), "finding without a number: {s}");
        for n in &carried {
            let decimals = n.split('.').nth(1).map_or(0, str::len);
            let v: f64 = n.parse().unwrap();
            let scale = 10f64.powi(decimals as i32);
            assert!(known.iter().any(|k| (k * scale).round() == (v * scale).round()), "{n} in “{s}” is not a number of results.json");
        }
    }
    // The enterprises are 受访企业, never 群众; the composition of the sample is not a finding.
    assert!(findings.contains("受访企业") && findings.contains("市民"), "{findings}");
    assert!(!findings.contains("性别") && !findings.contains("年龄"), "{findings}");
}

/// 群众 is never said of the respondents (the enterprises least of all): not in the brief,
/// the drafts or the card.
#[test]
fn nobody_is_called_qunzhong() {
    let mut texts = vec![pdftotext(&report().join("brief.pdf"), None)];
    for d in drafts(report()).into_iter().filter(|p| p.extension().is_some_and(|e| e == "md")) {
        texts.push(std::fs::read_to_string(d).unwrap());
    }
    for t in texts {
        let t = squeeze(&t);
        for w in ["群众反映", "群众关注", "群众最关注", "群众把", "群众原话", "群众提出"] {
            assert!(!t.contains(w), "“{w}” found");
        }
    }
}

#[test]
fn pages_and_summary_are_print_and_phone_sized_pngs() {
    let png = std::fs::read(report().join("brief-01.png")).unwrap();
    let (w, h) = (u32::from_be_bytes(png[16..20].try_into().unwrap()), u32::from_be_bytes(png[20..24].try_into().unwrap()));
    // A4 at 150 dpi: 210 mm × 297 mm → 1240 × 1754 pixels.
    assert_eq!((w, h), (1240, 1754));
    let card = std::fs::read(report().join("summary.png")).unwrap();
    let w = u32::from_be_bytes(card[16..20].try_into().unwrap());
    assert_eq!(w, 1080);
}

fn drafts(dir: &Path) -> Vec<PathBuf> {
    // No folder when no draft was written.
    let mut v: Vec<PathBuf> = match std::fs::read_dir(dir.join("proposal-drafts")) {
        Ok(d) => d.map(|e| e.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    };
    v.sort();
    v
}

fn docx_xml(path: &Path, part: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut z.by_name(part).unwrap(), &mut s).unwrap();
    s
}

#[test]
fn docx_drafts_follow_gb_t_9704() {
    let docs: Vec<PathBuf> = drafts(report()).into_iter().filter(|p| p.extension().is_some_and(|e| e == "docx")).collect();
    assert!(!docs.is_empty());
    for d in docs {
        let x = docx_xml(&d, "word/document.xml");
        // A4; top 37 mm, binding (left) 28 mm, in twips (1 mm = 1440 / 25.4).
        assert!(x.contains(r#"<w:pgSz w:w="11906" w:h="16838" />"#), "{}", d.display());
        assert!(x.contains(r#"w:top="2098""#) && x.contains(r#"w:left="1587""#), "{}", d.display());
        // Title: 2号 (22 pt = 44 half-points) 方正小标宋简体; body 3号 (32) 仿宋_GB2312;
        // headings 黑体; every line exactly 28 pt (560 twips).
        let title = x.find("方正小标宋简体").expect("title font named");
        assert!(x[..title].rfind(r#"<w:sz w:val="44" />"#).is_some_and(|s| title - s < 200), "title size");
        assert!(x.contains(r#"<w:sz w:val="32" /><w:szCs w:val="32" /><w:rFonts w:ascii="仿宋_GB2312""#));
        assert!(x.contains(r#"w:eastAsia="黑体""#));
        assert!(x.contains(r#"<w:spacing w:line="560" w:lineRule="exact" />"#));
        // Fonts are named, not embedded.
        let mut z = zip::ZipArchive::new(std::fs::File::open(&d).unwrap()).unwrap();
        assert!((0..z.len()).all(|i| !z.by_index(i).unwrap().name().unwrap_or_default().contains("fonts/")));
        // The first line says it is machine-drafted.
        let first = x.find("<w:t ").unwrap();
        assert!(x[first..].starts_with(r#"<w:t xml:space="preserve">【机器起草，须经审核】"#));
    }
}

/// Numbers in a text: `4112`, `25.6`, `2024` …
fn numbers(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let cs: Vec<char> = s.chars().collect();
    for (i, &c) in cs.iter().enumerate() {
        if c.is_ascii_digit() || (c == '.' && !cur.is_empty() && cs.get(i + 1).is_some_and(|n| n.is_ascii_digit())) {
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[test]
fn every_number_in_a_draft_is_in_the_results() {
    let results = std::fs::read_to_string(report().join("results.json")).unwrap();
    let known: Vec<f64> = numbers(&results).iter().filter_map(|n| n.parse().ok()).collect();
    let mds: Vec<PathBuf> = drafts(report()).into_iter().filter(|p| p.extension().is_some_and(|e| e == "md")).collect();
    assert!(mds.len() >= 3, "{mds:?}");
    for md in mds {
        let text = std::fs::read_to_string(&md).unwrap();
        assert!(text.lines().next().unwrap().contains("机器起草"), "first line");
        // The confidence level is the method's, not a finding.
        let body = text.lines().filter(|l| !l.starts_with("![")).collect::<Vec<_>>().join("\n").replace("95% 置信区间", "置信区间");
        for n in numbers(&body) {
            let decimals = n.split('.').nth(1).map_or(0, str::len);
            let v: f64 = n.parse().unwrap();
            let scale = 10f64.powi(decimals as i32);
            assert!(
                known.iter().any(|k| (k * scale).round() == (v * scale).round()),
                "{}: {n} is not a number of results.json",
                md.display()
            );
        }
        let chars =
            text.lines().map(|l| l.trim_start_matches(['>', '#', ' '])).collect::<String>().chars().filter(|c| !c.is_whitespace()).count();
        use minyi::brief::draft::{MAX_CHARS, MIN_CHARS};
        assert!((MIN_CHARS..=MAX_CHARS).contains(&chars), "{}: {chars} characters", md.display());
        // Quotes are redacted: no 11-digit mobile number survives.
        assert!(!numbers(&text).iter().any(|n| n.len() == 11 && n.starts_with('1')), "{}", md.display());
    }
}

/// Character bigrams of a text (letters and digits), as a set.
fn bigrams(s: &str) -> std::collections::BTreeSet<(char, char)> {
    let c: Vec<char> = s.chars().filter(|c| c.is_alphanumeric()).collect();
    c.windows(2).map(|w| (w[0], w[1])).collect()
}

/// Each draft is a 提案 in the genre: its five parts, a department named, no Latin letters
/// or file names in its body, no two suggestion items sharing most of their words, the
/// chart attached; the drafts come from both populations.
#[test]
fn drafts_are_proposals_in_the_genre() {
    let departments: Vec<String> = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/dict/departments.toml"))
        .unwrap()
        .lines()
        .filter_map(|l| l.trim().strip_prefix("department = \"").map(|d| d.trim_end_matches('"').to_string()))
        .collect();
    assert!(departments.len() >= 16);
    let mds: Vec<PathBuf> = drafts(report()).into_iter().filter(|p| p.extension().is_some_and(|e| e == "md")).collect();
    let mut populations = std::collections::BTreeSet::new();
    for md in &mds {
        let text = std::fs::read_to_string(md).unwrap();
        let name = md.display();
        assert!(text.contains("# 关于") && text.lines().find(|l| l.starts_with("# ")).unwrap().ends_with("的提案"), "{name}");
        for h in ["## 一、案由", "## 二、现状与问题", "## 三、原因分析", "## 四、具体建议", "## 附件"] {
            assert!(text.contains(h), "{name}: {h} missing");
        }
        let body: String = text.lines().skip(1).filter(|l| !l.starts_with("![")).collect::<Vec<_>>().join("\n");
        assert!(departments.iter().any(|d| body.contains(d.as_str())), "{name}: no department named");
        assert!(!body.chars().any(|c| c.is_ascii_alphabetic()), "{name}: Latin letters in the body");
        assert!(!body.contains(".csv") && !body.contains(".json") && !body.contains(".png"), "{name}: a file name in the body");
        // The chart the draft relies on is attached (docx) and referenced (Markdown).
        assert!(text.contains("![附图"), "{name}");
        let items: Vec<&str> = body.lines().filter(|l| l.starts_with('（') && l.chars().nth(2) == Some('）')).collect();
        assert!(!items.is_empty(), "{name}: no suggestion items");
        for (i, a) in items.iter().enumerate() {
            for b in &items[i + 1..] {
                let (x, y) = (bigrams(&a[9..]), bigrams(&b[9..]));
                let shared = x.intersection(&y).count() as f64 / x.len().min(y.len()).max(1) as f64;
                assert!(shared <= 0.5, "{name}: “{a}” and “{b}” share most of their words");
            }
            assert!(!a.contains(" 人"), "{name}: head counts belong in the closing note: {a}");
        }
        if text.contains("名市民") {
            populations.insert("市民");
        }
        if text.contains("家受访企业") {
            populations.insert("园区");
        }
    }
    assert_eq!(populations.len(), 2, "drafts come from both populations");
    let docx = drafts(report()).into_iter().find(|p| p.extension().is_some_and(|e| e == "docx")).unwrap();
    let mut z = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let media = (0..z.len()).any(|i| z.by_index(i).unwrap().name().unwrap_or_default().starts_with("word/media/"));
    assert!(media, "the docx carries its chart");
}

/// A survey whose only free-text question asks for suggestions still gets drafts.
#[test]
fn a_survey_asking_only_for_suggestions_gets_drafts() {
    let t = tempfile::tempdir().unwrap();
    let measures =
        ["加大秸秆禁烧巡查", "建立异味投诉快速响应机制", "增设社区垃圾分类投放点", "多建口袋公园和街心绿地", "推广新能源公交减少尾气"];
    let places = ["", "小区附近", "我们村", "城区", "学校周边", "河道两岸", "老城区"];
    let mut csv = String::from("序号,您的性别,您对改善本市生态环境有哪些意见和建议？\n");
    for i in 0..300usize {
        let (a, b) = (measures[i % 5], measures[(i * 7 / 5 + 1) % 5]);
        let second = if i % 4 == 0 { String::new() } else { format!("，{b}") };
        let text =
            format!("{}{}{a}{second}{}", ["建议", "希望", ""][i % 3], places[i % 7], ["", "。", "，谢谢", "，越快越好"][(i / 3) % 4]);
        csv.push_str(&format!("{},{},{}\n", i + 1, ["男", "女"][i % 2], text));
    }
    let input = t.path().join("建议征集.csv");
    std::fs::write(&input, csv).unwrap();
    let mut o = minyi::RunOptions::new(vec![input]);
    o.out = Some(t.path().join("out"));
    let out = minyi::run(&o).expect("runs").out_dir;
    let made = drafts(&out);
    assert!(made.iter().any(|p| p.extension().is_some_and(|e| e == "docx")), "{made:?}");
    let md = made.iter().find(|p| p.extension().is_some_and(|e| e == "md")).unwrap();
    let text = std::fs::read_to_string(md).unwrap();
    assert!(text.contains("## 四、具体建议") && text.contains("（一）"), "{text}");
}

/// A worded open question asking neither about problems nor for suggestions (feelings
/// about a purchase) carries no matter to propose on: no drafts. (A coded export's bare
/// "Q6" still does: tests/roles.rs.)
#[test]
fn a_question_asking_for_neither_problems_nor_suggestions_gets_no_draft() {
    let t = tempfile::tempdir().unwrap();
    let notes = ["裤子质量不错", "穿上很舒服", "物流很快", "颜色和图片一样", "尺码偏小"];
    let mut csv = String::from("序号,您的性别,请写下您对这次购物的感受\n");
    for i in 0..300usize {
        csv.push_str(&format!("{},{},{}，{}第{}次买\n", i + 1, ["男", "女"][i % 2], notes[i % 5], notes[(i / 5) % 5], i % 7 + 1));
    }
    let input = t.path().join("评价.csv");
    std::fs::write(&input, csv).unwrap();
    let mut o = minyi::RunOptions::new(vec![input]);
    o.out = Some(t.path().join("out"));
    let out = minyi::run(&o).expect("runs").out_dir;
    assert!(drafts(&out).is_empty(), "{:?}", drafts(&out));
    assert!(out.join("brief.pdf").exists());
}

#[test]
fn two_runs_give_identical_files_and_sqmy_drafts_are_shorter() {
    let t = tempfile::tempdir().unwrap();
    let again = run_into(t.path(), None, minyi::model::DraftKind::Proposal);
    for f in ["brief.pdf", "summary.png", "brief-03.png", "tables.xlsx"] {
        assert!(std::fs::read(report().join(f)).unwrap() == std::fs::read(again.join(f)).unwrap(), "{f} differs between runs");
    }
    for (a, b) in drafts(report()).iter().zip(drafts(&again)) {
        assert!(std::fs::read(a).unwrap() == std::fs::read(&b).unwrap(), "{} differs between runs", a.display());
    }
    // The PDF's date is the last response's, never the clock.
    let pdf = std::fs::read(again.join("brief.pdf")).unwrap();
    let pdf = String::from_utf8_lossy(&pdf);
    assert!(pdf.contains("D:20240513"), "creation date from the data");

    let t2 = tempfile::tempdir().unwrap();
    let sqmy = run_into(t2.path(), None, minyi::model::DraftKind::Sqmy);
    for md in drafts(&sqmy).into_iter().filter(|p| p.extension().is_some_and(|e| e == "md")) {
        let text = std::fs::read_to_string(&md).unwrap();
        assert!(text.contains("一、反映的问题") && text.contains("二、原因分析") && text.contains("三、意见建议"));
        let chars = text.chars().filter(|c| !c.is_whitespace() && *c != '#' && *c != '>').count();
        assert!(chars <= 1500, "{}: {chars}", md.display());
    }
}

#[test]
fn a_committee_template_is_used() {
    let t = tempfile::tempdir().unwrap();
    let tpl = t.path().join("本会模板.typ");
    std::fs::write(
        &tpl,
        "#let d = json(\"data.json\")\n#set text(font: \"Noto Sans CJK SC\")\n= 本会专用模板\n#d.title\n#for p in d.populations [#p.name：#p.read 份。]\n#image(d.findings.at(0).items.at(0).figure.path, width: 50%)\n",
    )
    .unwrap();
    let out = run_into(t.path(), Some(tpl), minyi::model::DraftKind::Proposal);
    let text = squeeze(&pdftotext(&out.join("brief.pdf"), None));
    assert!(text.contains("本会专用模板") && text.contains("园区：455份") && text.contains("市民：4112份"), "{text}");
    assert_eq!(pages(&out.join("brief.pdf")), 1);
}

/// The title page takes the title from `--title` and the committee and meeting from the
/// config's `[brief]`; a template with an error stops the run with a message naming its
/// line, and leaves no report behind.
#[test]
fn title_committee_meeting_and_a_broken_template() {
    let t = tempfile::tempdir().unwrap();
    let cfg = t.path().join("survey.toml");
    std::fs::write(&cfg, "[brief]\ncommittee = \"市政协人口资源环境委员会\"\nmeeting = \"生态环境专题民主监督会\"\n").unwrap();
    let mut o = minyi::RunOptions::new(vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/samples")]);
    o.out = Some(t.path().join("out"));
    o.config = Some(cfg);
    o.title = Some("本市生态环境民主监督调研简报".into());
    let out = minyi::run(&o).unwrap().out_dir;
    let title = squeeze(&pdftotext(&out.join("brief.pdf"), Some(1)));
    for s in ["本市生态环境民主监督调研简报", "市政协人口资源环境委员会", "生态环境专题民主监督会"] {
        assert!(title.contains(s), "{s} missing from the title page: {title}");
    }

    let bad = t.path().join("坏模板.typ");
    std::fs::write(&bad, "#let d = json(\"data.json\")\n= 标题\n#d.no_such_field\n").unwrap();
    let mut o = minyi::RunOptions::new(vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/samples")]);
    o.out = Some(t.path().join("out2"));
    o.template = Some(bad);
    let e = format!("{:#}", minyi::run(&o).unwrap_err());
    assert!(e.contains("模板第 3 行"), "{e}");
    assert!(!t.path().join("out2").exists());
}

/// The sample run's `results.json` and the brief's text are checked against the
/// reference files in `tests/golden/`, so that any change of a number or a sentence is
/// seen in review. results.json is kept in two parts — the closed-question statistics
/// (`stats.json`: populations, rows, questions, cross-tabs, 其他 texts) and what the open
/// answers gave (`concerns.json`: open questions, concerns, drafts) — and each section is
/// compared on its own and reported by item, so a change of the concerns cannot hide a
/// change of a count. They change only by the explicit command
/// `UPDATE_GOLDEN=1 cargo test --release --test brief golden`.
#[test]
fn golden_results_and_brief_text() {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let results: serde_json::Value = serde_json::from_slice(&std::fs::read(report().join("results.json")).unwrap()).unwrap();
    let part = |keys: &[&str]| {
        let m: serde_json::Map<String, serde_json::Value> = keys.iter().map(|k| (k.to_string(), results[*k].clone())).collect();
        serde_json::to_string_pretty(&m).unwrap() + "\n"
    };
    let (stats_keys, concerns_keys) = (
        ["tool", "schema_version", "seed", "populations", "rows", "questions", "crosstabs", "other_texts"],
        ["open_questions", "concerns", "drafts"],
    );
    // Every part of results.json is in one of the two (the program's version aside).
    let unchecked: Vec<&String> = results
        .as_object()
        .unwrap()
        .keys()
        .filter(|k| *k != "version" && !stats_keys.contains(&k.as_str()) && !concerns_keys.contains(&k.as_str()))
        .collect();
    assert!(unchecked.is_empty(), "results.json parts no golden file holds: {unchecked:?}");
    let stats = part(&stats_keys);
    let concerns = part(&concerns_keys);
    let text = pdftotext(&report().join("brief.pdf"), None);
    let files = [("stats.json", stats), ("concerns.json", concerns), ("brief.txt", text)];
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(&golden).unwrap();
        for (name, now) in &files {
            std::fs::write(golden.join(name), now).unwrap();
        }
        return;
    }
    let mut differences = Vec::new();
    for (name, now) in &files {
        let want = std::fs::read_to_string(golden.join(name))
            .unwrap_or_else(|_| panic!("tests/golden/{name} is missing: UPDATE_GOLDEN=1 cargo test --release --test brief golden"));
        if &want == now {
            continue;
        }
        if name.ends_with(".json") {
            let (w, n): (serde_json::Value, serde_json::Value) = (serde_json::from_str(&want).unwrap(), serde_json::from_str(now).unwrap());
            differences.extend(json_sections(name, &w, &n));
        } else {
            let (w, n): (Vec<&str>, Vec<&str>) = (want.lines().collect(), now.lines().collect());
            let first = (0..w.len().max(n.len())).find(|&i| w.get(i) != n.get(i)).unwrap_or(0);
            differences.push(format!(
                "{name} at line {}:\n    reference: {:?}\n    now:       {:?}",
                first + 1,
                w.get(first),
                n.get(first)
            ));
        }
    }
    assert!(
        differences.is_empty(),
        "the sample run differs from tests/golden/:\n  {}\nIf the change is intended: UPDATE_GOLDEN=1 cargo test --release --test brief golden",
        differences.join("\n  ")
    );
}

/// Each top-level section of two JSON documents that differs: how many of its items, and
/// the first one named by its identity fields with its first differing value.
fn json_sections(file: &str, want: &serde_json::Value, now: &serde_json::Value) -> Vec<String> {
    use serde_json::Value;
    let name = |v: &Value| -> String {
        ["population", "id", "question", "key", "label", "by", "stem"]
            .iter()
            .filter_map(|k| v.get(*k).map(|x| format!("{k}={}", x.as_str().map_or_else(|| x.to_string(), str::to_string))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    fn first_leaf(path: String, a: &Value, b: &Value) -> Option<(String, String, String)> {
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
                keys.into_iter()
                    .find_map(|k| first_leaf(format!("{path}.{k}"), x.get(k).unwrap_or(&Value::Null), y.get(k).unwrap_or(&Value::Null)))
            }
            (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
                x.iter().zip(y).enumerate().find_map(|(i, (p, q))| first_leaf(format!("{path}[{i}]"), p, q))
            }
            _ if a == b => None,
            _ => Some((path, a.to_string().chars().take(120).collect(), b.to_string().chars().take(120).collect())),
        }
    }
    let mut out = Vec::new();
    let keys: std::collections::BTreeSet<&String> = want.as_object().unwrap().keys().chain(now.as_object().unwrap().keys()).collect();
    for k in keys {
        let (w, n) = (&want[k.as_str()], &now[k.as_str()]);
        if w == n {
            continue;
        }
        match (w.as_array(), n.as_array()) {
            (Some(wa), Some(na)) => {
                let differing: Vec<usize> = (0..wa.len().max(na.len())).filter(|&i| wa.get(i) != na.get(i)).collect();
                let i = differing[0];
                let detail = match (wa.get(i), na.get(i)) {
                    (Some(a), Some(b)) => first_leaf(String::new(), a, b)
                        .map_or_else(String::new, |(p, x, y)| format!("\n    first at {p}: reference {x}, now {y}")),
                    (a, b) => {
                        format!("\n    reference has {} items, now {}", wa.len(), na.len()).to_string()
                            + &a.or(b).map_or_else(String::new, |v| format!(" (item {i}: {})", name(v)))
                    }
                };
                out.push(format!(
                    "{file} {k}: {} of {} items differ; the first is item {i} ({}){detail}",
                    differing.len(),
                    wa.len().max(na.len()),
                    wa.get(i).or(na.get(i)).map_or_else(String::new, name)
                ));
            }
            _ => out.push(format!("{file} {k}: reference {}, now {}", w, n)),
        }
    }
    out
}

/// The golden comparison names every section that changed, each by its first differing
/// item and value: a renamed concern and a changed count are both reported.
#[test]
fn golden_differences_are_reported_by_section() {
    let want = serde_json::json!({
        "questions": [{ "population": "市民", "id": "q1", "n_valid": 10 }, { "population": "市民", "id": "q2", "n_valid": 5 }],
        "concerns": [{ "question": "q9", "id": 1, "label": "噪声扰民" }],
        "seed": 7,
    });
    let mut now = want.clone();
    now["questions"][1]["n_valid"] = serde_json::json!(6);
    now["concerns"][0]["label"] = serde_json::json!("施工噪声");
    let found = json_sections("x.json", &want, &now);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].starts_with("x.json concerns: 1 of 1 items differ")
            && found[0].contains("label: reference \"噪声扰民\", now \"施工噪声\""),
        "{}",
        found[0]
    );
    assert!(
        found[1].contains("questions: 1 of 2 items differ; the first is item 1 (population=市民 id=q2)")
            && found[1].contains(".n_valid: reference 5, now 6"),
        "{}",
        found[1]
    );
}
