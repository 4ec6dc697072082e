//! A plain sheet of the user's own: a merged title row, a blank row, a two-level
//! merged header, dates as Excel date cells, numbers stored as text, trailing empty
//! columns, and "其他" with text.

mod common;

use common::TestEnv;
use minyi::ingest::ingest_paths;
use minyi::model::{Kind, MetaKind, Missing, Platform};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

#[test]
fn plain_sheet_with_title_merged_header_and_dates() {
    let env = TestEnv::new();
    let path = env.path("自制表格.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let plain = Format::new();
    let date = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    ws.merge_range(0, 0, 0, 6, "2024年滨海新区生态环境满意度调查汇总", &plain).unwrap();
    // Row 2 blank; header on rows 3–4 with 满意度 merged over two columns.
    ws.merge_range(2, 0, 3, 0, "编号", &plain).unwrap();
    ws.merge_range(2, 1, 3, 1, "填写时间", &plain).unwrap();
    ws.merge_range(2, 2, 3, 2, "年龄（岁）", &plain).unwrap();
    ws.merge_range(2, 3, 2, 4, "满意度", &plain).unwrap();
    ws.write_string(3, 3, "空气").unwrap();
    ws.write_string(3, 4, "水").unwrap();
    ws.merge_range(2, 5, 3, 5, "出行方式", &plain).unwrap();
    ws.merge_range(2, 6, 3, 6, "您的意见", &plain).unwrap();
    let sat = ["满意", "一般", "不满意", "非常满意", "满意", "一般"];
    let ways = ["公交", "步行", "其他〖共享单车〗", "公交", "步行", "公交"];
    let notes = ["河边垃圾多", "无", "", "希望多种树", "夜间施工太吵", "公园太少"];
    for i in 0..6u32 {
        let r = 4 + i;
        ws.write_string(r, 0, format!("A{:03}", i + 1)).unwrap();
        let dt = ExcelDateTime::from_ymd(2024, 5, 10 + i as u8).unwrap().and_hms(9, 30, 0).unwrap();
        ws.write_datetime_with_format(r, 1, &dt, &date).unwrap();
        ws.write_string(r, 2, (30 + i * 7).to_string()).unwrap(); // a number stored as text
        ws.write_string(r, 3, sat[i as usize]).unwrap();
        ws.write_string(r, 4, sat[(i as usize + 2) % 6]).unwrap();
        ws.write_string(r, 5, ways[i as usize]).unwrap();
        if !notes[i as usize].is_empty() {
            ws.write_string(r, 6, notes[i as usize]).unwrap();
        }
        ws.write_blank(r, 9, &date).unwrap(); // formatted but empty trailing cells
    }
    wb.save(&path).unwrap();

    let s = ingest_paths(&[path]).unwrap().survey;
    let p = &s.populations[0];
    assert_eq!(p.source.platform, Platform::Plain);
    assert_eq!(p.source.header_rows, [3, 4]);
    assert_eq!(p.height(), 6);
    let kinds: Vec<Kind> = p.questions.iter().map(|q| q.kind).collect();
    assert_eq!(kinds, [Kind::Meta(MetaKind::Id), Kind::Meta(MetaKind::SubmitTime), Kind::Numeric, Kind::Matrix, Kind::Single, Kind::Text]);
    let m = &p.questions[3];
    assert_eq!(m.title, "满意度");
    assert_eq!(m.row_labels(), ["空气", "水"]);
    assert_eq!(m.option_labels(), ["非常不满意", "不满意", "一般", "满意", "非常满意"]);
    // Response ids from 编号; rows keep their sheet row numbers.
    assert_eq!(p.ids().unwrap(), ["A001", "A002", "A003", "A004", "A005", "A006"]);
    let rows: Vec<u32> = p.frame.column("_row").unwrap().u32().unwrap().iter().flatten().collect();
    assert_eq!(rows, [5, 6, 7, 8, 9, 10]);
    // The Excel date cell became a date-time: 2024-05-10 09:30 is 19853 days + 9.5 h.
    let t = p.frame.column(&p.questions[1].fields[0].column).unwrap().datetime().unwrap().physical().get(0).unwrap();
    assert_eq!(t, 19853 * 86_400_000 + 9 * 3_600_000 + 30 * 60_000);
    let ages: Vec<f64> = p.frame.column(&p.questions[2].fields[0].column).unwrap().f64().unwrap().iter().flatten().collect();
    assert_eq!(ages, [30.0, 37.0, 44.0, 51.0, 58.0, 65.0]);
    // 其他〖共享单车〗 counts as 其他, its text kept beside.
    let way = &p.questions[4];
    assert!(way.options.iter().any(|c| c.label == "其他" && c.other));
    let other: Vec<Option<&str>> = p.frame.column(way.other_text.as_deref().unwrap()).unwrap().str().unwrap().iter().collect();
    assert_eq!(other[2], Some("共享单车"));
    // A blank open answer is "empty", not lost.
    let st = p.statuses(&p.questions[5].fields[0]).unwrap();
    assert_eq!(st[2], Some(Missing::Empty));
    assert_eq!(st.iter().filter(|s| s.is_none()).count(), 5);
}

/// Several choices typed into one cell with "、" are a multi choice; counts derived by
/// hand: 固废回收 in rows 1 3 5 7 9 11 12 (7), 交通通勤 in 1 2 3 6 7 10 12 (7), 绿化养护
/// in 3 4 6 9 (4), of 11 answered (row 8 blank).
#[test]
fn choices_joined_by_a_separator_are_a_multi_choice() {
    let env = TestEnv::new();
    let cells = [
        "固废回收、交通通勤",
        "交通通勤",
        "固废回收、绿化养护、交通通勤",
        "绿化养护",
        "固废回收",
        "交通通勤、绿化养护",
        "固废回收、交通通勤",
        "",
        "绿化养护、固废回收",
        "交通通勤",
        "固废回收",
        "交通通勤、固废回收",
    ];
    let mut csv = String::from("编号,您最关心哪些方面（可多选）\n");
    for (i, c) in cells.iter().enumerate() {
        csv.push_str(&format!("{},{c}\n", i + 1));
    }
    let path = env.write("自制.csv", csv.as_bytes());
    let survey = ingest_paths(&[path]).unwrap().survey;
    let p = &survey.populations[0];
    let q = p.questions.iter().find(|q| !q.kind.is_meta()).unwrap();
    assert_eq!(q.kind, Kind::Multi);
    let screening = minyi::model::Screening {
        populations: vec![minyi::model::RowAccount {
            population: p.name.clone(),
            read: 12,
            analysed: 12,
            excluded: Default::default(),
            flagged: Default::default(),
            speeder_threshold: None,
            guarded: Vec::new(),
            unavailable: Vec::new(),
        }],
    };
    let stats = minyi::stats::compute(&survey, &screening).unwrap();
    let s = stats.questions.iter().find(|s| s.id == q.id).unwrap();
    let counts: Vec<(&str, u64)> = s.options.iter().map(|o| (o.label.as_str(), o.count)).collect();
    assert_eq!(counts, [("固废回收", 7), ("交通通勤", 7), ("绿化养护", 4)]);
    assert_eq!(s.n_valid, 11);
    assert!((s.options[2].percent - 400.0 / 11.0).abs() < 1e-9);
}

/// A workbook that opens with a short cover sheet: the sheet with the most answers is
/// read, and the note names both and how to choose the other.
#[test]
fn the_sheet_with_the_answers_is_read_and_named() {
    let env = TestEnv::new();
    let path = env.path("两个工作表.xlsx");
    let mut wb = Workbook::new();
    let cover = wb.add_worksheet();
    cover.set_name("说明").unwrap();
    cover.write_string(0, 0, "项目").unwrap();
    cover.write_string(0, 1, "内容").unwrap();
    cover.write_string(1, 0, "调查时间").unwrap();
    cover.write_string(1, 1, "2024年5月").unwrap();
    let data = wb.add_worksheet();
    data.set_name("答卷").unwrap();
    data.write_string(0, 0, "序号").unwrap();
    data.write_string(0, 1, "1、您的性别").unwrap();
    for r in 1..=20u32 {
        data.write_number(r, 0, r as f64).unwrap();
        data.write_string(r, 1, if r % 2 == 0 { "男" } else { "女" }).unwrap();
    }
    wb.save(&path).unwrap();
    let ingested = ingest_paths(&[path]).unwrap();
    let p = &ingested.survey.populations[0];
    assert_eq!(p.source.sheet.as_deref(), Some("答卷"));
    assert_eq!(p.height(), 20);
    let notes: Vec<String> = ingested.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        notes.iter().any(|w| w.contains("「说明」1 行") && w.contains("已读取数据最多的「答卷」") && w.contains("sheet = \"说明\"")),
        "{notes:?}"
    );
}

/// A CSV in Big5 (traditional characters, as from a Hong Kong or Taiwan machine) is read,
/// and the run says which encoding was guessed and how to choose another.
#[test]
fn a_guessed_uncommon_encoding_is_named() {
    let env = TestEnv::new();
    let mut text = String::from("編號,您對社區環境的意見\n");
    for i in 1..=30 {
        text.push_str(&format!("{i},垃圾清運不及時，社區門口經常堆滿垃圾，希望儘快處理第{i}號樓\n"));
    }
    let (big5, _, _) = encoding_rs::BIG5.encode(&text);
    let path = env.write("繁體.csv", &big5);
    let ingested = ingest_paths(&[path]).unwrap();
    let p = &ingested.survey.populations[0];
    assert_eq!(p.height(), 30);
    let notes: Vec<String> = ingested.warnings.iter().map(|w| w.to_string()).collect();
    assert!(notes.iter().any(|w| w.contains("Big5") && w.contains("encoding =")), "{notes:?}");
}
