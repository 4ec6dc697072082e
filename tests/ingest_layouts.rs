//! The bundled samples and the generator's other layouts ingest to the questionnaire
//! the generator recorded: xlsx, UTF-8 and GBK CSV, 问卷星 按序号, 腾讯问卷.

mod common;

use common::TestEnv;
use minyi::ingest::{ingest_paths, Ingested};
use minyi::model::{Kind, MetaKind, Platform, Population};
use minyi::sample::{self, spec, Layout};
use polars::prelude::*;

fn one(paths: &[std::path::PathBuf]) -> Population {
    let Ingested { mut survey, .. } = ingest_paths(paths).expect("ingest");
    survey.populations.remove(0)
}

fn questions_only(p: &Population) -> Vec<&minyi::model::Question> {
    p.questions.iter().filter(|q| !q.kind.is_meta()).collect()
}

#[test]
fn sample_xlsx_matches_generator_record() {
    for s in [&spec::RESIDENT, &spec::PARK] {
        let path = common::repo().join(format!("data/samples/{}.xlsx", s.file));
        let p = one(&[path]);
        assert_eq!(p.source.platform, Platform::WjxText);
        assert_eq!(p.height(), s.n);
        let metas: Vec<Kind> = p.questions.iter().filter(|q| q.kind.is_meta()).map(|q| q.kind).collect();
        assert_eq!(
            metas,
            [MetaKind::Id, MetaKind::SubmitTime, MetaKind::Duration, MetaKind::Source, MetaKind::SourceDetail, MetaKind::Ip]
                .map(Kind::Meta)
        );
        let record = sample::questionnaire(s);
        let qs = questions_only(&p);
        assert_eq!(qs.len(), record.len());
        for (q, r) in qs.iter().zip(&record) {
            assert_eq!(q.number, Some(r.number), "{}", r.title);
            assert_eq!(q.title, r.title);
            assert_eq!(q.kind.name(), r.kind, "{}", r.title);
            let got: Vec<String> = q.option_labels().iter().map(|s| s.to_string()).collect();
            common::assert_options(&r.kind, &got, &r.options, &r.title);
            assert_eq!(q.row_labels(), r.rows, "{}", r.title);
        }
        // Response ids come from 序号.
        assert_eq!(p.ids().unwrap()[0], "1");
    }
}

fn frames_equal(a: &Population, b: &Population) {
    assert_eq!(a.questions, b.questions);
    assert_eq!(a.frame.get_column_names(), b.frame.get_column_names());
    for (x, y) in a.frame.columns().iter().zip(b.frame.columns()) {
        assert!(x.as_materialized_series().equals_missing(y.as_materialized_series()), "column {} differs", x.name());
    }
}

#[test]
fn csv_in_utf8_gbk_and_utf16_ingest_like_the_xlsx() {
    let env = TestEnv::new();
    let g = sample::generate(&spec::RESIDENT, sample::SAMPLE_SEED);
    let table = sample::table(&g, Layout::WjxText);
    let xlsx = env.path("市民.xlsx");
    sample::write_xlsx(&xlsx, &table).unwrap();
    let text = sample::csv_text(&table);
    let utf8 = env.write("市民-utf8.csv", text.as_bytes());
    let bom = env.write("市民-bom.csv", format!("\u{feff}{text}").as_bytes());
    let (gbk_bytes, _, lossy) = encoding_rs::GBK.encode(&text);
    assert!(!lossy, "the sample is expressible in GBK");
    let gbk = env.write("市民-gbk.csv", &gbk_bytes);
    let mut u16 = vec![0xFF, 0xFE];
    u16.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let utf16 = env.write("市民-utf16.csv", &u16);

    let reference = one(&[xlsx]);
    for (path, enc) in [(utf8, "UTF-8"), (bom, "UTF-8"), (gbk, "GBK/GB18030"), (utf16, "UTF-16LE")] {
        let p = one(&[path.clone()]);
        assert_eq!(p.source.encoding.as_deref(), Some(enc), "{}", path.display());
        frames_equal(&reference, &p);
    }
}

/// The option index each respondent chose in question `number`, from the text layout.
fn labels(p: &Population, id: &str) -> Vec<Option<String>> {
    p.frame.column(id).unwrap().str().unwrap().iter().map(|v| v.map(str::to_string)).collect()
}

#[test]
fn wjx_numeric_code_export_ingests() {
    let env = TestEnv::new();
    let g = sample::generate(&spec::RESIDENT, 7);
    let text_path = env.path("按文本.xlsx");
    sample::write_xlsx(&text_path, &sample::table(&g, Layout::WjxText)).unwrap();
    let code_path = env.path("按序号.xlsx");
    sample::write_xlsx(&code_path, &sample::table(&g, Layout::WjxCode)).unwrap();
    let text = one(&[text_path]);
    let code = one(&[code_path]);
    assert_eq!(code.source.platform, Platform::WjxCode);
    let record = sample::questionnaire(&spec::RESIDENT);
    let qs = questions_only(&code);
    assert_eq!(qs.len(), record.len());
    for (q, r) in qs.iter().zip(&record) {
        assert_eq!(q.number, Some(r.number));
        // Codes carry no labels: a Likert question reads as a single choice of codes.
        let expected = match r.kind.as_str() {
            "likert" => "single",
            k => k,
        };
        assert_eq!(q.kind.name(), expected, "question {}", r.number);
        match q.kind {
            Kind::Single => {
                // Code k is option k of the questionnaire, for every respondent.
                let t = labels(&text, &q.id);
                let c = labels(&code, &q.id);
                let skipped = text.frame.column(&format!("{}#status", q.id)).unwrap().u8().unwrap().clone();
                let cskipped = code.frame.column(&format!("{}#status", q.id)).unwrap().u8().unwrap().clone();
                assert!(skipped.equal_missing(&cskipped).all(), "missing status of {}", q.id);
                for (a, b) in t.iter().zip(&c) {
                    let idx = a.as_ref().map(|l| (r.options.iter().position(|o| o == l).unwrap() + 1).to_string());
                    assert_eq!(&idx, b, "question {}", r.number);
                }
            }
            Kind::Multi => {
                assert_eq!(q.option_labels(), r.options);
                for k in 1..=r.options.len() {
                    let name = format!("{}.{k}", q.id);
                    let a = text.frame.column(&name).unwrap().bool().unwrap().clone();
                    let b = code.frame.column(&name).unwrap().bool().unwrap().clone();
                    assert!(a.equal_missing(&b).all(), "{name}");
                }
                assert_eq!(
                    code.frame.column(&format!("{}#other", q.id)).unwrap().str().unwrap().iter().collect::<Vec<_>>(),
                    text.frame.column(&format!("{}#other", q.id)).unwrap().str().unwrap().iter().collect::<Vec<_>>()
                );
            }
            Kind::Matrix => {
                assert_eq!(q.row_labels(), r.rows);
                assert_eq!(q.option_labels(), ["1", "2", "3", "4", "5"]);
            }
            _ => {}
        }
    }
}

#[test]
fn tencent_export_ingests() {
    let env = TestEnv::new();
    let g = sample::generate(&spec::PARK, 11);
    let text_path = env.path("文本.xlsx");
    sample::write_xlsx(&text_path, &sample::table(&g, Layout::WjxText)).unwrap();
    let tx_path = env.write("腾讯.csv", sample::csv_text(&sample::table(&g, Layout::Tencent)).as_bytes());
    let text = one(&[text_path]);
    let tx = one(&[tx_path]);
    assert_eq!(tx.source.platform, Platform::Tencent);
    let metas: Vec<Kind> = tx.questions.iter().filter(|q| q.kind.is_meta()).map(|q| q.kind).collect();
    assert_eq!(metas, [MetaKind::Id, MetaKind::StartTime, MetaKind::SubmitTime, MetaKind::Duration, MetaKind::Ip].map(Kind::Meta));
    let record = sample::questionnaire(&spec::PARK);
    let (qt, qx) = (questions_only(&text), questions_only(&tx));
    for ((a, b), r) in qt.iter().zip(&qx).zip(&record) {
        assert_eq!(b.kind.name(), r.kind, "question {}", r.number);
        assert_eq!(b.title, r.title);
        let got: Vec<String> = b.option_labels().iter().map(|s| s.to_string()).collect();
        common::assert_options(&r.kind, &got, &r.options, &r.title);
        assert_eq!(a.option_labels(), b.option_labels(), "腾讯 and 问卷星 agree on {}", r.title);
        assert_eq!(a.fields.len(), b.fields.len());
        for (fa, fb) in a.fields.iter().zip(&b.fields) {
            let ca = text.frame.column(&fa.column).unwrap().as_materialized_series().clone();
            let cb = tx.frame.column(&fb.column).unwrap().as_materialized_series().clone();
            if r.kind == "multi" {
                // 腾讯问卷 leaves a skipped multi choice blank: it reads as unanswered, not 跳过.
                let answered = text.frame.column(&a.fields[0].status).unwrap().u8().unwrap().equal(0u8);
                let fa = ca.filter(&answered).unwrap();
                let fb = cb.filter(&answered).unwrap();
                assert!(fa.equals_missing(&fb), "{}", fa.name());
            } else if r.kind != "text" {
                assert!(ca.equals_missing(&cb), "{}", ca.name());
            }
        }
    }
    // Durations "3分25秒" become seconds.
    let d = tx.frame.column("duration").unwrap().f64().unwrap().get(0).unwrap();
    assert_eq!(d, g.responses[0].seconds as f64);
}

/// 腾讯问卷 repeats a question's title over the columns of its sub-fields (a date's year,
/// month and day) and writes times as "02-Sep-2020 07:44:08": every column is kept, told
/// apart by position, the repeat is reported, and the times are read.
#[test]
fn repeated_titles_are_kept_and_told_apart() {
    let env = TestEnv::new();
    let mut csv = String::from("\u{feff}\"编号\",\"开始答题时间\",\"结束答题时间\",\"答题时长\",\"1.检查日期:请选择\",\"1.检查日期:请选择\",\"1.检查日期:请选择\",\"2.问题描述\"\n");
    for i in 0..12 {
        csv.push_str(&format!(
            "\"{}\",\"0{}-Sep-2020 07:44:08\",\"0{}-Sep-2020 07:45:00\",\"52\",\"2020年\",\"{}月\",\"{}日\",\"站台地面有积水\"\n",
            i + 1,
            i % 9 + 1,
            i % 9 + 1,
            i % 12 + 1,
            i + 1
        ));
    }
    let path = env.write("腾讯.csv", csv.as_bytes());
    let Ingested { survey, warnings } = ingest_paths(&[path]).expect("repeated titles are not an error");
    let p = &survey.populations[0];
    assert_eq!(p.height(), 12);
    let titles: Vec<&str> = p.questions.iter().map(|q| q.title.as_str()).collect();
    assert!(titles.contains(&"检查日期:请选择—1") || titles.iter().filter(|t| t.starts_with("检查日期")).count() == 3, "{titles:?}");
    let kept: usize = p.questions.iter().filter(|q| q.title.starts_with("检查日期")).map(|q| q.fields.len()).sum();
    assert_eq!(kept, 3, "every repeated column kept: {titles:?}");
    assert!(warnings.iter().any(|w| w.to_string().contains("E、F、G 列的标题都是“1.检查日期:请选择”")), "{warnings:?}");
    let submit = p.questions.iter().find(|q| q.kind == Kind::Meta(MetaKind::SubmitTime)).unwrap();
    assert_eq!(p.status_counts(&submit.fields[0]).unwrap().n_valid, 12);
}

/// Microsoft Forms / Google Forms exports: English metadata headers, month-first times;
/// the account's e-mail and name are a person's (identity), never shown.
#[test]
fn forms_exports_with_english_metadata() {
    let env = TestEnv::new();
    let mut csv = String::from("ID,Start time,Completion time,Email,Name,1. 您对小区环境满意吗？,2. 您对小区环境有什么意见？\n");
    for i in 0..30 {
        csv.push_str(&format!(
            "{},5/{}/2024 9:00:00 AM,5/{}/2024 9:05:00 AM,user{i}@example.com,用户{i},{},{}（{i}号楼）\n",
            i + 1,
            i % 28 + 1,
            i % 28 + 1,
            ["满意", "一般", "不满意"][i % 3],
            ["垃圾清运不及时", "晚上施工噪声大", "河道有异味"][i % 3]
        ));
    }
    let path = env.write("forms.csv", csv.as_bytes());
    let Ingested { survey, .. } = ingest_paths(&[path]).expect("ingest");
    let p = &survey.populations[0];
    let kinds: Vec<Kind> = p.questions.iter().map(|q| q.kind).collect();
    assert_eq!(
        kinds[..5],
        [
            Kind::Meta(MetaKind::Id),
            Kind::Meta(MetaKind::StartTime),
            Kind::Meta(MetaKind::SubmitTime),
            Kind::Meta(MetaKind::Other),
            Kind::Meta(MetaKind::Other)
        ]
    );
    let roles: Vec<minyi::model::Role> = p.questions.iter().map(|q| q.role).collect();
    use minyi::model::Role;
    assert_eq!(roles, [Role::Metadata, Role::Metadata, Role::Metadata, Role::Identity, Role::Identity, Role::Answer, Role::Opinion]);
    let submit = &p.questions[2];
    assert_eq!(p.status_counts(&submit.fields[0]).unwrap().n_valid, 30);
    let report = minyi::inspect::report(&survey, &[], &[]).unwrap();
    let text = minyi::inspect::render_text(&report);
    assert!(!text.contains("@example.com") && !text.contains("用户1"), "{text}");
}

/// Rows of a fixture: `cells(i)` gives row i's cells after the header.
fn fixture_csv(header: &[&str], rows: usize, cells: impl Fn(usize) -> Vec<String>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).unwrap();
    for i in 0..rows {
        w.write_record(cells(i)).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

const OPINIONS: [&str; 5] = [
    "晚上工地施工噪声太大，影响休息",
    "垃圾桶太少，清运也不及时",
    "小区河道有异味，夏天更严重",
    "停车位不够，消防通道常被占",
    "希望多建一些健身场地",
];

fn kinds_and_roles(p: &Population) -> Vec<(String, Kind, minyi::model::Role)> {
    p.questions.iter().map(|q| (q.title.clone(), q.kind, q.role)).collect()
}

/// 问卷网's coded export: `seq`, `start`, `finish`, `time_used`, `ip_province`, bare
/// question headers `Q1`, option columns `Q2|A1`, and `Q2|A3|open` for the text typed
/// after the third option. Counts derived by hand from the row formulas below.
#[test]
fn wenjuanwang_coded_headers() {
    let env = TestEnv::new();
    let header = ["seq", "start", "finish", "time_used", "ip_province", "ip_city", "Q1", "Q2|A1", "Q2|A2", "Q2|A3", "Q2|A3|open", "Q3"];
    let csv = fixture_csv(&header, 40, |i| {
        let other = i % 5 == 0;
        vec![
            (i + 1).to_string(),
            format!("2024-05-{:02} 09:00:00", i % 28 + 1),
            format!("2024-05-{:02} 09:06:00", i % 28 + 1),
            "360".into(),
            "江苏".into(),
            "南京".into(),
            ["满意", "一般", "不满意"][i % 3].into(),
            (i % 2).to_string(),
            ((i / 2) % 2).to_string(),
            (other as u8).to_string(),
            if other { "工地夜间施工".into() } else { String::new() },
            format!("{}（{}号楼）", OPINIONS[i % 5], i % 7 + 1),
        ]
    });
    let path = env.write("问卷网.csv", csv.as_bytes());
    let Ingested { survey, .. } = ingest_paths(&[path]).expect("ingest");
    let p = &survey.populations[0];
    use minyi::model::Role;
    let got = kinds_and_roles(p);
    let metas: Vec<Kind> = got.iter().filter(|(_, k, _)| k.is_meta()).map(|(_, k, _)| *k).collect();
    assert_eq!(
        metas,
        [MetaKind::Id, MetaKind::StartTime, MetaKind::SubmitTime, MetaKind::Duration, MetaKind::Other, MetaKind::Other].map(Kind::Meta)
    );
    let q: Vec<&minyi::model::Question> = questions_only(p);
    assert_eq!(q.len(), 3, "{got:?}");
    // A bare number names the question by its number.
    assert_eq!((q[0].title.as_str(), q[0].kind, q[0].role), ("第1题", Kind::Likert, Role::Answer));
    assert_eq!(q[1].kind, Kind::Multi, "{got:?}");
    assert_eq!(q[1].option_labels().len(), 3, "{:?}", q[1].option_labels());
    // A1 chosen by the 20 even rows; the third option (其他) by rows 0, 5, … 35.
    let counts = p.status_counts(&q[1].fields[0]).unwrap();
    assert_eq!(counts.n_valid, 40);
    let a1 = p.frame.column(&q[1].fields[0].column).unwrap().bool().unwrap().sum().unwrap();
    let a3 = p.frame.column(&q[1].fields[2].column).unwrap().bool().unwrap().sum().unwrap();
    assert_eq!((a1, a3), (20, 8));
    assert!(q[1].options.iter().any(|o| o.other), "the typed text belongs to the third option: {:?}", q[1].options);
    assert_eq!((q[2].kind, q[2].role), (Kind::Text, Role::Opinion));
    let submit = p.questions.iter().find(|q| q.kind == Kind::Meta(MetaKind::SubmitTime)).unwrap();
    assert_eq!(p.status_counts(&submit.fields[0]).unwrap().n_valid, 40);
}

/// 金数据: plain titles, the answers first and the platform's columns after them
/// (提交人, 提交时间, 更新时间, 填写设备, IP); a multi choice joined by "，" in one cell.
#[test]
fn jinshuju_export() {
    let env = TestEnv::new();
    let header =
        ["序号", "您对小区环境满意吗？", "您最关心哪些问题？", "您的意见和建议", "提交人", "提交时间", "更新时间", "填写设备", "IP"];
    let csv = fixture_csv(&header, 36, |i| {
        let concerns = ["噪声", "垃圾清运", "噪声，停车", "河道异味，垃圾清运", "停车"][i % 5];
        vec![
            (i + 1).to_string(),
            ["满意", "一般", "不满意", "非常满意"][i % 4].into(),
            concerns.into(),
            format!("{}（{}栋）", OPINIONS[(i + 2) % 5], i % 9 + 1),
            format!("用户{i}"),
            format!("2024-06-{:02} 10:{:02}:00", i % 28 + 1, i % 60),
            format!("2024-06-{:02} 10:{:02}:30", i % 28 + 1, i % 60),
            ["iPhone", "Android", "PC"][i % 3].into(),
            format!("114.{}.{}.{}", i % 200, (i * 7) % 250, i + 10),
        ]
    });
    let path = env.write("金数据.csv", csv.as_bytes());
    let Ingested { survey, .. } = ingest_paths(&[path]).expect("ingest");
    let p = &survey.populations[0];
    use minyi::model::Role;
    let got = kinds_and_roles(p);
    let roles: Vec<Role> = got.iter().map(|(_, _, r)| *r).collect();
    assert_eq!(
        roles,
        [
            Role::Metadata,
            Role::Answer,
            Role::Answer,
            Role::Opinion,
            Role::Identity,
            Role::Metadata,
            Role::Metadata,
            Role::Metadata,
            Role::Metadata
        ],
        "{got:?}"
    );
    let multi = &p.questions[2];
    assert_eq!(multi.kind, Kind::Multi, "{got:?}");
    // 噪声 in rows ≡ 0, 2 (mod 5): 8 + 7 = 15 of 36.
    let k = multi.option_labels().iter().position(|l| *l == "噪声").unwrap();
    let noise = p.frame.column(&multi.fields[k].column).unwrap().bool().unwrap().sum().unwrap();
    assert_eq!(noise, 15);
    assert_eq!(p.questions[5].kind, Kind::Meta(MetaKind::SubmitTime));
}

/// 腾讯文档 收集表: 提交者 (the account's name) and 提交时间 first, then numbered
/// questions "1. …".
#[test]
fn tencent_docs_collection_form() {
    let env = TestEnv::new();
    let header = ["提交者", "提交时间", "1. 您居住在哪个区？", "2. 您对小区环境满意吗？", "3. 您的意见和建议"];
    let csv = fixture_csv(&header, 30, |i| {
        vec![
            format!("微信用户{i}"),
            format!("2024/6/{} 20:{:02}:11", i % 28 + 1, i % 60),
            ["东城区", "西城区", "南湖区"][i % 3].into(),
            ["满意", "一般", "不满意"][(i / 3) % 3].into(),
            format!("{}（{}单元）", OPINIONS[(i + 1) % 5], i % 6 + 1),
        ]
    });
    let path = env.write("收集表.csv", csv.as_bytes());
    let Ingested { survey, .. } = ingest_paths(&[path]).expect("ingest");
    let p = &survey.populations[0];
    use minyi::model::Role;
    let got = kinds_and_roles(p);
    let roles: Vec<Role> = got.iter().map(|(_, _, r)| *r).collect();
    assert_eq!(roles, [Role::Identity, Role::Metadata, Role::Answer, Role::Answer, Role::Opinion], "{got:?}");
    assert_eq!(p.questions[1].kind, Kind::Meta(MetaKind::SubmitTime));
    assert_eq!(p.status_counts(&p.questions[1].fields[0]).unwrap().n_valid, 30);
    assert_eq!(minyi::model::dimensions(p), ["q1"], "{got:?}");
}

/// A single choice one of whose options holds a comma ("是，但很少") stays a single
/// choice: only one of its parts is also written alone.
#[test]
fn an_option_with_a_comma_is_not_a_joined_multi_choice() {
    let env = TestEnv::new();
    let csv = fixture_csv(&["序号", "您是否参加过垃圾分类宣传活动？"], 30, |i| {
        vec![(i + 1).to_string(), ["是", "否", "是，但很少"][i % 3].into()]
    });
    let path = env.write("是否.csv", csv.as_bytes());
    let Ingested { survey, .. } = ingest_paths(&[path]).expect("ingest");
    let q = &survey.populations[0].questions[1];
    assert_eq!(q.kind, Kind::Single, "{:?}", q.option_labels());
    assert_eq!(q.option_labels().len(), 3);
}

/// The committed samples are exactly what `minyi sample` writes: both surveys, their second
/// waves (`第二轮`) and every truth file — so that the planted truth the tests check against
/// is the truth of the files they read.
#[test]
fn the_committed_samples_are_what_the_generator_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let written = sample::write_samples(tmp.path(), sample::SAMPLE_SEED).unwrap();
    let repo = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/samples");
    assert!(written.len() >= 20, "{}", written.len());
    for path in written {
        let rel = path.strip_prefix(tmp.path()).unwrap();
        let committed = std::fs::read(repo.join(rel)).unwrap_or_default();
        assert!(committed == std::fs::read(&path).unwrap(), "data/samples/{} differs from `minyi sample`", rel.display());
    }
}

/// A single choice whose options are sentences with a comma inside ("我会参考AI的建议，但
/// 最终会用自己的话表达"), each always written whole, is a single choice of those five
/// options — under a plain title and under one that asks about 建议 alike — never a multi
/// choice split at the commas (301 / 268 / 183 / 96 / 52 of 900 answers).
#[test]
fn options_with_commas_written_whole_are_one_choice() {
    let options = [
        ("我会参考AI的建议，但最终会用自己的话表达", 301),
        ("用过一两次，但觉得不习惯就停了", 268),
        ("经常用，几乎每篇都用", 183),
        ("没用过，也不打算用", 96),
        ("没用过，但想试试", 52),
    ];
    let answers: Vec<&str> = options.iter().flat_map(|(o, n)| std::iter::repeat_n(*o, *n)).collect();
    for title in ["您在写作中如何使用AI？", "您如何对待AI给出的写作建议？"] {
        let env = TestEnv::new();
        let csv = fixture_csv(&["序号", title], answers.len(), |i| vec![(i + 1).to_string(), answers[(i * 7) % answers.len()].into()]);
        let path = env.write("写作.csv", csv.as_bytes());
        let Ingested { survey, .. } = ingest_paths(&[path]).expect("ingest");
        let q = &survey.populations[0].questions[1];
        assert_eq!(q.kind, Kind::Single, "{title}: {:?}", q.option_labels());
        let mut labels: Vec<&str> = q.option_labels();
        labels.sort();
        let mut want: Vec<&str> = options.iter().map(|(o, _)| *o).collect();
        want.sort();
        assert_eq!(labels, want, "{title}");
    }
}

/// "Pick three" typed by hand: nobody writes one choice alone, but the choices combine
/// freely, so the column is a multi choice of its six choices (counts by hand: each of
/// the 20 combinations of three of six is written twice, so each choice is in 20 of 40).
#[test]
fn choices_combined_freely_are_a_multi_choice_even_when_none_is_alone() {
    let env = TestEnv::new();
    let choices = ["噪声", "异味", "停车", "绿化", "垃圾", "交通"];
    let mut combos = Vec::new();
    for a in 0..6 {
        for b in a + 1..6 {
            for c in b + 1..6 {
                combos.push(format!("{}、{}、{}", choices[a], choices[b], choices[c]));
            }
        }
    }
    let answers: Vec<String> = combos.iter().chain(combos.iter()).cloned().collect();
    let csv = fixture_csv(&["序号", "您最关心的三个问题（限选三项）"], answers.len(), |i| {
        vec![(i + 1).to_string(), answers[i].clone()]
    });
    let path = env.write("限选.csv", csv.as_bytes());
    let Ingested { survey, .. } = ingest_paths(&[path]).expect("ingest");
    let q = &survey.populations[0].questions[1];
    assert_eq!(q.kind, Kind::Multi, "{:?}", q.option_labels());
    assert_eq!(q.option_labels().len(), 6);
}
