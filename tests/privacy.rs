//! No person identifiable in any output: a generated survey whose answers carry several
//! hundred planted names (self-introductions, signatures, titles and relations on either
//! side, lists), fine addresses (building, unit and room; house numbers; a village's
//! group; 门牌号) and accounts (bank cards, payment accounts, phones, ID numbers, e-mail,
//! QQ, WeChat, plates). None of them may be found in any file the run writes — the PDF
//! read back with pdftotext (the PNG pages are renderings of it), the workbook and the
//! drafts read from their XML — and no quote tells an illness together with an age.

mod common;
use common::TestEnv;
use std::io::Read;
use std::path::Path;

/// Surnames the masking reads as such everywhere (none of its word-like ones).
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵钱严覃武戴莫孔汤温康";
const GIVEN: &str = "伟芳娜敏静丽强磊洋艳杰娟涛超秀霞刚桂英玉兰萍鹏辉志红梅琳雪琴晶燕霖峰斌宇浩凯欣怡婷睿博翔";

fn name(i: usize) -> String {
    let s: Vec<char> = SURNAMES.chars().collect();
    let g: Vec<char> = GIVEN.chars().collect();
    format!("{}{}{}", s[i % s.len()], g[(i / s.len()) % g.len()], g[(i * 7 + 3) % g.len()])
}

const PROBLEMS: [&str; 5] = ["小区停车太难，车位严重不足", "垃圾清运不及时，楼下臭气熏天", "电梯经常坏，老人上下楼困难", "晚上广场舞噪声太大", "小区绿化太少，没地方散步"];
const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// The survey, and every planted item that must not appear in any output.
fn survey() -> (String, Vec<String>) {
    let mut planted: Vec<String> = Vec::new();
    let mut s = String::from("序号,性别,您在小区生活中遇到了哪些问题？,您对改善小区环境有什么建议？\n");
    let mut n = 0usize;
    let mut next = || {
        n += 1;
        name(n * 13 + 5)
    };
    for i in 0..480usize {
        let p = PROBLEMS[i % 5];
        let (a, b, c) = (next(), next(), next());
        let problem = match i % 9 {
            0 => format!("我叫{a}，{p}"),
            1 => format!("本人{a}，{p}"),
            2 => format!("{p}，找过物业的{a}经理也没用"),
            3 => format!("{p}，站长{a}的老婆天天在楼下吵"),
            4 => format!("{p}，{a}、{b}、{c}等人一直在投诉"),
            5 => format!("{p}，联系人：{a}"),
            6 => format!("{p}，{a}的丈夫说没办法"),
            7 => format!("我今年{}岁，患有糖尿病，{p}", 40 + i % 30),
            _ => format!("{p}，希望{a}主任管一管"),
        };
        match i % 9 {
            4 => planted.extend([a, b, c]),
            7 => {}
            _ => planted.push(a),
        }
        let digits = |k: usize, len: usize| -> String { (0..len).map(|j| char::from(b'0' + ((k * 31 + j * 7 + j * j) % 10) as u8)).collect() };
        let (suggestion, item) = match i % 12 {
            0 => {
                let x = format!("{}栋{}单元{}室", i % 30 + 1, i % 6 + 1, 100 + i % 900);
                (format!("我住幸福小区{x}，建议增加车位"), x)
            }
            1 => {
                let x = format!("{}号楼{}", i % 40 + 1, 101 + i);
                (format!("我住{x}，门口建议多放垃圾桶"), x)
            }
            2 => {
                let x = format!("路{}号", i + 11);
                (format!("建设{x}的饭店油烟大，建议整治"), x)
            }
            3 => {
                let x = format!("村{}组", NUMERALS[i % 10]);
                (format!("我是秧丘{x}的，建议修路"), x)
            }
            4 => {
                let x = format!("门牌号{}", i + 7);
                (format!("建议查一下{x}的违建"), x)
            }
            5 => {
                let x = format!("6222{}", digits(i, 15));
                (format!("补贴请打到卡号{x}，建议加快发放"), x)
            }
            6 => {
                let x = format!("1{}{}", 3 + i % 7, digits(i, 9));
                (format!("建议增加路灯，有事打{x}"), x)
            }
            7 => {
                let x = format!("1101051980{:02}{:02}{}", i % 12 + 1, i % 28 + 1, digits(i, 4));
                (format!("建议核实身份证{x}的补助"), x)
            }
            8 => {
                let x = format!("resident{i}@example.com");
                (format!("建议把通知发到{x}"), x)
            }
            9 => {
                let x = format!("粤B{}", digits(i, 5));
                (format!("{x}天天占消防通道，建议拖走"), x)
            }
            10 => {
                let x = format!("{}", 31_000_000 + i * 7919);
                (format!("建议建业主群，加QQ{x}"), x)
            }
            _ => {
                let x = format!("zhao{i}wx");
                (format!("建议加强巡逻，微信{x}"), x)
            }
        };
        planted.push(item);
        // Ordinary words beside titles and in lists, which must stay.
        let ordinary = ["", "，医生严重不足", "，希望提高老师待遇", "，高中老师周六还要上课", "，创建文明、卫生、安全的小区"][i % 5];
        let problem = format!("{problem}{ordinary}");
        let sex = if i % 2 == 0 { "男" } else { "女" };
        s.push_str(&format!("{},{sex},\"{problem}\",\"{suggestion}\"\n", i + 1));
    }
    (s, planted)
}

/// Every file of the report as searchable text: PDFs through pdftotext, workbooks and
/// drafts through their XML with the tags taken out, PNGs left to the PDF they render;
/// whitespace removed (a name may wrap between two lines of the PDF).
fn outputs(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("").to_string();
            let text = match ext.as_str() {
                "png" => continue,
                "pdf" => {
                    let o = std::process::Command::new("pdftotext")
                        .arg(&p)
                        .arg("-")
                        .output()
                        .expect("pdftotext (poppler-utils) is needed by this test: apt-get install poppler-utils");
                    assert!(o.status.success(), "pdftotext failed on {}", p.display());
                    String::from_utf8_lossy(&o.stdout).into_owned()
                }
                "xlsx" | "docx" => {
                    let mut z = zip::ZipArchive::new(std::fs::File::open(&p).unwrap()).unwrap();
                    let mut all = String::new();
                    for k in 0..z.len() {
                        let mut f = z.by_index(k).unwrap();
                        let mut x = String::new();
                        if f.name().is_ok_and(|n| n.ends_with(".xml")) && f.read_to_string(&mut x).is_ok() {
                            all.push_str(&without_tags(&x));
                        }
                    }
                    all
                }
                _ => String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned(),
            };
            out.push((p.display().to_string(), text.chars().filter(|c| !c.is_whitespace()).collect()));
        }
    }
    out
}

fn without_tags(xml: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in xml.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn no_planted_person_address_or_account_is_in_any_output() {
    let env = TestEnv::new();
    let (csv, planted) = survey();
    assert!(planted.len() >= 300, "{} planted", planted.len());
    env.write("小区生活.csv", csv.as_bytes());
    env.cmd().args(["run", "小区生活.csv", "--out", "r", "--quiet"]).assert().success();
    let files = outputs(&env.path("r"));
    assert!(files.iter().any(|(f, _)| f.ends_with("brief.pdf")) && files.iter().any(|(f, _)| f.ends_with(".docx")), "{files:?}");
    let mut found: Vec<String> = Vec::new();
    for item in &planted {
        for (f, text) in &files {
            if text.contains(item.as_str()) {
                found.push(format!("{item} in {f}"));
            }
        }
    }
    assert!(found.is_empty(), "{} of {} planted items found, e.g. {:?}", found.len(), planted.len(), &found[..found.len().min(10)]);
    // The search reads what is there: the PDF's text holds the planted problems.
    let pdf = &files.iter().find(|(f, _)| f.ends_with("brief.pdf")).unwrap().1;
    assert!(pdf.contains("停车") && pdf.contains("垃圾"), "the PDF's text was not read");
    // Ordinary words stay, every time they were written (96 answers each; concerns.csv
    // repeats an answer's text on each of its rows, the same number of rows for each).
    let csv_out = std::fs::read_to_string(env.path("r/concerns.csv")).unwrap();
    let counts: Vec<usize> =
        ["医生严重不足", "提高老师待遇", "高中老师周六还要上课", "创建文明、卫生、安全的小区"].iter().map(|p| csv_out.matches(p).count()).collect();
    assert!(counts.iter().all(|&c| c >= 96 && c % 96 == 0), "{counts:?}");
    // The analysis still works on what is left: the planted problems are concerns, and
    // the masked items are counted in the manifest.
    let results: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(env.path("r/results.json")).unwrap()).unwrap();
    let concerns = results["concerns"].as_array().unwrap();
    assert!(concerns.iter().filter(|c| c["id"].as_u64() > Some(0)).count() >= 4, "{concerns:?}");
    let manifest: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(env.path("r/manifest.json")).unwrap()).unwrap();
    let count = |p: &str| manifest["redacted"].as_array().unwrap().iter().find(|r| r["placeholder"] == p).map_or(0, |r| r["count"].as_u64().unwrap());
    assert!(count("[姓名]") >= 400, "{}", manifest["redacted"]);
    assert!(count("[地址]") >= 150 && count("[账号]") >= 40, "{}", manifest["redacted"]);
    // No quote tells the illness together with the age.
    for c in concerns {
        for q in c["quotes"].as_array().into_iter().flatten() {
            let t = q["text"].as_str().unwrap();
            assert!(!(t.contains("糖尿病") && t.contains('岁')), "quoted: {t}");
        }
    }
}
