//! Every column in its right role, end to end, on a 问卷网-style export generated here:
//! bare titles (Q1 …), a column of names and one of phone numbers (identity), a masked
//! column (placeholder), a school name (categorical), yes/no facts (factual), the
//! district (a grouping dimension by its options) and one opinion question. Only the
//! opinion gets concerns and drafts; no name or number of a person reaches any output.

mod common;

use common::TestEnv;
use std::path::{Path, PathBuf};
use std::process::Command;

const ROWS: usize = 400;
const SURNAMES: [&str; 12] = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"];
const GIVEN: [&str; 20] =
    ["小", "文", "建", "志", "海", "春", "秀", "国", "明", "晓", "玉", "德", "丽", "永", "红", "金", "立", "新", "光", "思"];

/// 400 different people.
fn name(i: usize) -> String {
    format!("{}{}{}", SURNAMES[i % 12], GIVEN[i / 12 % 20], ["华", "宁"][i / 240])
}

/// Half 北京大学 (a quarter written with a space inside), the rest 35 other schools
/// (odd `i` gives an odd `i % 70`).
fn school(i: usize) -> String {
    match i % 4 {
        0 => "北京大学".into(),
        2 => "北京 大学".into(),
        _ => format!("第{}师范学院", i % 70),
    }
}

/// A quarter 有, a quarter 无, the rest distances and durations.
fn fact(i: usize) -> String {
    match i % 4 {
        0 => "有".into(),
        1 => "无".into(),
        2 => format!("{:.1}km", (i % 37) as f64 / 10.0 + 0.5),
        _ => format!("{}多天", 10 + i % 41),
    }
}
const DISTRICTS: [&str; 3] = ["东城区", "西城区", "南湖区"];
const OPINIONS: [&str; 5] = [
    "垃圾清运不及时，小区门口经常堆满垃圾",
    "晚上工地施工噪声太大，严重影响休息",
    "河道发黑发臭，建议尽快清淤治理",
    "停车位太少，车辆乱停乱放堵塞消防通道",
    "公园绿地太少，希望多建几个口袋公园",
];

fn phone(i: usize) -> String {
    format!("139{:08}", 10_000_000 + i * 7919)
}

fn export(env: &TestEnv) -> PathBuf {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "答题序号",
        "来源",
        "Q1",
        "Q2",
        "Q3",
        "Q4",
        "Q5",
        "Q6",
        "Q7",
        "Q8",
        "开始时间",
        "提交时间",
        "答题时长",
        "IP省份",
        "IP城市",
        "IP地址",
    ])
    .unwrap();
    for i in 0..ROWS {
        let opinion = format!(
            "{}，{}（{}号楼附近）",
            OPINIONS[i % 5],
            ["已经反映多次", "希望有关部门重视", "周边居民意见很大", "情况一直没有改善"][i / 5 % 4],
            i % 30 + 1
        );
        let row = [
            (i + 1).to_string(),
            "微信".to_string(),
            name(i),
            "[DESENSITIZED]".to_string(),
            school(i),
            fact(i),
            phone(i),
            opinion,
            DISTRICTS[i % 3].to_string(),
            ["满意", "一般", "不满意", "满意"][i % 4].to_string(),
            "2024-05-01 10:00:00".to_string(),
            "2024-05-01 10:05:00".to_string(),
            format!("{}", 200 + i),
            "NULL".to_string(),
            "NULL".to_string(),
            "NULL".to_string(),
        ];
        w.write_record(&row).unwrap();
    }
    env.write("问卷网导出.csv", &w.into_inner().unwrap())
}

fn read(path: &Path) -> String {
    String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned()
}

#[test]
fn only_opinions_get_concerns_and_no_person_reaches_an_output() {
    let env = TestEnv::new();
    let input = export(&env);
    let mut o = minyi::RunOptions::new(vec![input]);
    o.out = Some(env.path("报告"));
    let out = minyi::run(&o).expect("the export runs").out_dir;

    let results: serde_json::Value = serde_json::from_str(&read(&out.join("results.json"))).unwrap();
    let questions = results["questions"].as_array().unwrap();
    let role = |id: &str| questions.iter().find(|q| q["id"] == id).map(|q| q["role"].as_str().unwrap().to_string()).unwrap();
    let roles: Vec<String> = ["q1", "q2", "q3", "q4", "q5", "q6", "q7"].iter().map(|id| role(id)).collect();
    assert_eq!(roles, ["identity", "placeholder", "categorical", "factual", "identity", "opinion", "answer"]);

    // The school: variants merged ("北京 大学" is 北京大学), 200 of 400.
    let q3 = questions.iter().find(|q| q["id"] == "q3").unwrap();
    assert_eq!(q3["values"][0]["value"], "北京大学");
    assert_eq!(q3["values"][0]["count"], 200);
    assert_eq!(q3["values"][0]["percent"], 50.0);
    assert_eq!(q3["distinct"], 36);
    // The facts: 有 100 and 无 100 (of 400), the rest listed.
    let q4 = questions.iter().find(|q| q["id"] == "q4").unwrap();
    let top: Vec<(&str, u64)> =
        q4["values"].as_array().unwrap()[..2].iter().map(|v| (v["value"].as_str().unwrap(), v["count"].as_u64().unwrap())).collect();
    assert_eq!(top, [("无", 100), ("有", 100)]);

    // Concerns only for the opinion question.
    let concern_questions: std::collections::BTreeSet<&str> =
        results["concerns"].as_array().unwrap().iter().map(|c| c["question"].as_str().unwrap()).collect();
    assert_eq!(concern_questions.into_iter().collect::<Vec<_>>(), ["q6"]);

    // The district is a grouping dimension found by its options.
    assert_eq!(results["populations"][0]["group_by"], serde_json::json!(["q7"]));
    assert!(results["crosstabs"].as_array().unwrap().iter().any(|c| c["by"] == "q7" && c["question"] == "q8"), "no cross-tab by district");

    // No name, phone number or placeholder anywhere a person reads.
    let drafts: Vec<PathBuf> = std::fs::read_dir(out.join("proposal-drafts")).unwrap().map(|e| e.unwrap().path()).collect();
    assert!(!drafts.is_empty());
    let pdf = Command::new("pdftotext").arg(out.join("brief.pdf")).arg("-").output().expect("pdftotext");
    let mut texts = vec![
        ("results.json".to_string(), read(&out.join("results.json"))),
        ("concerns.csv".to_string(), read(&out.join("concerns.csv"))),
        ("brief.pdf".to_string(), String::from_utf8_lossy(&pdf.stdout).into_owned()),
    ];
    for d in drafts.iter().filter(|d| d.extension().is_some_and(|e| e == "md")) {
        texts.push((d.display().to_string(), read(d)));
    }
    for (file, text) in &texts {
        for i in 0..ROWS {
            assert!(!text.contains(&name(i)), "{file} contains the name {}", name(i));
        }
        for i in [0, 1, 59, 399] {
            assert!(!text.contains(&phone(i)), "{file} contains a phone number");
        }
        assert!(!text.contains("DESENSITIZED"), "{file} contains the placeholder");
    }
    for d in &drafts {
        let stem = d.file_stem().unwrap().to_string_lossy();
        assert!(!stem.contains("大学") && !(0..ROWS).any(|i| stem.contains(&name(i))), "{stem}");
    }
}

/// Personal data inside opinions is redacted before segmentation: no piece of an e-mail
/// address, a URL, a phone, QQ or WeChat id, a plate or an ID number — nor a placeholder
/// word — becomes a keyword, a concern's name, a word-cloud word or a network node.
#[test]
fn personal_data_in_answers_never_becomes_a_word() {
    let env = TestEnv::new();
    let leaks = [
        "请发邮件到 zhang.san@example.com 联系",
        "详情见 https://www.example.org/report 网页",
        "我的电话13912345678随时可以打",
        "加我QQ：123456789 细聊",
        "微信号 wangwu_2024 可以联系",
        "车牌粤B12345的车天天乱停",
        "身份证110105199001011234已登记",
    ];
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["序号", "1、您对小区环境有什么意见和建议？"]).unwrap();
    for i in 0..200 {
        let text = format!("{}，{}", OPINIONS[i % 5], leaks[i % leaks.len()]);
        w.write_record([(i + 1).to_string(), text]).unwrap();
    }
    let input = env.write("意见.csv", &w.into_inner().unwrap());
    let mut o = minyi::RunOptions::new(vec![input]);
    o.out = Some(env.path("报告"));
    let out = minyi::run(&o).expect("runs").out_dir;
    let results: serde_json::Value = serde_json::from_str(&read(&out.join("results.json"))).unwrap();

    // Every word the analysis produced: keywords, TextRank words, network nodes, concern
    // names and keywords.
    let mut words: Vec<String> = Vec::new();
    let strings = |v: &serde_json::Value| -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![v.clone()];
        while let Some(x) = stack.pop() {
            match x {
                serde_json::Value::String(s) => out.push(s),
                serde_json::Value::Array(a) => stack.extend(a),
                serde_json::Value::Object(o) => stack.extend(o.into_iter().map(|(_, v)| v)),
                _ => {}
            }
        }
        out
    };
    for q in results["open_questions"].as_array().unwrap() {
        for key in ["keywords", "textrank", "network"] {
            words.extend(strings(&q[key]));
        }
    }
    for c in results["concerns"].as_array().unwrap() {
        words.push(c["label"].as_str().unwrap().to_string());
        words.extend(strings(&c["keywords"]));
    }
    assert!(words.len() > 20, "{words:?}");
    let pieces = [
        "zhang",
        "san",
        "example",
        "com",
        "https",
        "www",
        "org",
        "report",
        "13912345678",
        "123456789",
        "wangwu",
        "2024",
        "12345",
        "110105",
        "邮箱",
        "网址",
        "QQ号",
        "微信号",
        "身份证号",
        "[",
        "]",
    ];
    for w in &words {
        for p in pieces {
            assert!(!w.to_lowercase().contains(&p.to_lowercase()), "“{w}” contains “{p}”");
        }
    }
    // The quotes keep the placeholder where the data stood.
    let quotes = strings(&results["concerns"]).join("\n");
    assert!(!quotes.contains("zhang.san@example.com") && !quotes.contains("13912345678"));
}
