//! Closed-question statistics on fixtures whose answers were worked out by hand, and
//! the row accounting on the samples.

mod common;

use common::TestEnv;
use minyi::clean;
use minyi::ingest::ingest_paths;
use minyi::model::{Reason, ScreenOptions};
use minyi::stats;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// Six respondents (one skips the multi choice, one leaves everything blank).
const FIXTURE: &str = "序号,所用时间,1、您的性别,2、您最关心的问题（多选）,3、总体满意度
1,200秒,男,空气┋噪声,满意
2,210秒,女,噪声,一般
3,190秒,女,(跳过),非常满意
4,220秒,男,空气┋其他〖河边钓鱼的人〗,不满意
5,205秒,女,垃圾,(空)
6,180秒,(空),(空),(空)
";

#[test]
fn multi_choice_and_likert_by_hand() {
    let env = TestEnv::new();
    let path = env.write("小样本.csv", FIXTURE.as_bytes());
    let survey = ingest_paths(&[path]).unwrap().survey;
    let (analysed, screening) = clean::screen(&survey, &ScreenOptions::default()).unwrap();
    // Row 6 answered nothing: excluded as empty; 5 analysed.
    let acc = &screening.populations[0];
    assert_eq!((acc.read, acc.analysed), (6, 5));
    assert_eq!(acc.excluded[&Reason::Empty], ["6"]);
    let s = stats::compute(&analysed, &screening).unwrap();

    let multi = s.questions.iter().find(|q| q.id == "q2").unwrap();
    // 4 of 5 answered (respondent 3 skipped): 空气 2, 噪声 2, 垃圾 1, 其他 1; 6 mentions.
    assert_eq!((multi.n_valid, multi.n_skipped, multi.n_mentions), (4, 1, Some(6)));
    let get = |l: &str| multi.options.iter().find(|o| o.label == l).unwrap();
    assert_eq!(get("空气").count, 2);
    assert!(close(get("空气").percent, 50.0));
    assert!(close(get("垃圾").percent, 25.0));
    assert!(close(get("其他").percent, 25.0));
    assert!(close(get("噪声").percent_of_mentions.unwrap(), 100.0 / 3.0));
    assert_eq!(s.other_texts.len(), 1);
    assert_eq!((s.other_texts[0].response_id.as_str(), s.other_texts[0].text.as_str()), ("4", "河边钓鱼的人"));

    // Likert: 满意 4, 一般 3, 非常满意 5, 不满意 2 → mean 3.5; top-2 = 2/4; index (3.5−1)/4.
    let lik = s.questions.iter().find(|q| q.id == "q3").unwrap();
    assert_eq!((lik.n_valid, lik.n_empty), (4, 1));
    assert!(close(lik.mean.unwrap(), 3.5));
    assert!(close(lik.top2.unwrap(), 50.0));
    assert!(close(lik.index.unwrap(), 62.5));
    // sd of 4, 3, 5, 2 (n − 1): √(5/3).
    assert!(close(lik.sd.unwrap(), (5.0f64 / 3.0).sqrt()));
    let ok = lik.options.iter().find(|o| o.label == "满意").unwrap();
    assert!(close(ok.percent, 25.0));
    // Wilson for 1 of 4, by hand: centre (0.25 + z²/8)/(1 + z²/4), z = 1.959964.
    let z2 = 1.959963984540054f64.powi(2);
    let centre = (0.25 + z2 / 8.0) / (1.0 + z2 / 4.0);
    let half = 1.959963984540054 / (1.0 + z2 / 4.0) * (0.25 * 0.75 / 4.0 + z2 / 64.0).sqrt();
    assert!((ok.ci_low - 100.0 * (centre - half)).abs() < 1e-9 && (ok.ci_high - 100.0 * (centre + half)).abs() < 1e-9);

    // Gender is a group dimension: every closed question is cross-tabulated by it.
    assert_eq!(s.populations[0].group_by, ["q1"]);
    let ct = s.crosstabs.iter().find(|c| c.question == "q3" && c.by.id() == "q1").unwrap();
    assert_eq!(ct.n, 4);
    assert!(!ct.reliable, "four answers cannot support a chi-square test");
}

#[test]
fn samples_account_for_every_row_and_find_the_planted_problems() {
    let samples = common::repo().join("data/samples");
    let paths = minyi::ingest::collect_inputs(&[samples]).unwrap();
    let survey = ingest_paths(&paths).unwrap().survey;
    let (analysed, screening) = clean::screen(&survey, &ScreenOptions::default()).unwrap();
    for (p, a) in analysed.populations.iter().zip(&screening.populations) {
        let excluded: usize = a.excluded.values().map(Vec::len).sum();
        assert_eq!(a.read, a.analysed + excluded, "{}", a.population);
        assert_eq!(p.height(), a.analysed);
        // The generator's record of what it planted.
        let file = if a.population == "园区" { "园区问卷" } else { "市民问卷" };
        let truth = std::fs::read_to_string(common::repo().join(format!("data/samples/truth/{file}.screening.csv"))).unwrap();
        let planted = |what: &str| -> Vec<String> {
            truth.lines().skip(1).filter(|l| l.ends_with(what)).map(|l| l.split(',').next().unwrap().to_string()).collect()
        };
        assert_eq!(a.excluded.get(&Reason::Duplicate).cloned().unwrap_or_default(), planted("duplicate"));
        assert_eq!(a.flagged.get(&Reason::Speeder).cloned().unwrap_or_default(), planted("speeder"));
        let straight = a.flagged.get(&Reason::StraightLine).cloned().unwrap_or_default();
        assert!(planted("straight_line").iter().all(|id| straight.contains(id)));
    }
    let s = stats::compute(&analysed, &screening).unwrap();
    // Both questionnaires ask 您的性别 with the same options: compared across populations.
    assert!(s.crosstabs.iter().any(|c| c.by == minyi::model::GroupBy::Population && c.question_title == "您的性别"));
    // Every percentage of a single choice sums to 100 over its options.
    for q in s.questions.iter().filter(|q| q.kind == minyi::model::Kind::Single) {
        let total: f64 = q.options.iter().map(|o| o.percent).sum();
        assert!((total - 100.0).abs() < 1e-9, "{} {}", q.population, q.title);
    }
}

#[test]
fn formula_like_text_stays_text_in_the_workbook() {
    use calamine::{Data, Reader};
    let env = TestEnv::new();
    let csv = "序号,1、您的身份\n1,学生\n2,\"其他〖=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")〗\"\n3,学生\n4,其他〖@SUM(A1) 电话13812345678〗\n5,学生\n6,其他〖+1\n";
    let path = env.write("注入.csv", csv.as_bytes());
    env.cmd().args(["run", path.to_str().unwrap(), "--out", "r", "--quiet"]).assert().success();
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(env.path("r/tables.xlsx")).unwrap();
    let range = wb.worksheet_range("其他填写").unwrap();
    let texts: Vec<String> = range
        .rows()
        .skip(1)
        .map(|r| match &r[3] {
            Data::String(s) => s.clone(),
            other => panic!("not a string cell: {other:?}"),
        })
        .collect();
    assert_eq!(texts, ["=HYPERLINK(\"[网址]\",\"点我\")", "@SUM(A1) 电话[电话]", "+1"]);
    let formulas = wb.worksheet_formula("其他填写").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no formula cells");
}

/// Many people tick the same boxes on a short closed questionnaire: without an IP
/// address or free text to tell them apart, identical answers are not duplicates.
#[test]
fn identical_ticks_or_short_texts_are_not_duplicates_without_ip() {
    let env = TestEnv::new();
    let mut csv = String::from("序号,1、您的性别,2、总体满意度\n");
    for i in 1..=60 {
        csv.push_str(&format!("{i},{},{}\n", if i % 2 == 0 { "男" } else { "女" }, ["满意", "一般", "不满意"][i % 3]));
    }
    let path = env.write("短问卷.csv", csv.as_bytes());
    let survey = ingest_paths(&[path]).unwrap().survey;
    let (_, screening) = clean::screen(&survey, &ScreenOptions::default()).unwrap();
    assert_eq!(screening.populations[0].analysed, 60);
    // With an IP column, the same answers from the same address are a duplicate.
    let mut csv = String::from("序号,来自IP,1、您的性别,2、总体满意度\n");
    for i in 1..=20 {
        csv.push_str(&format!("{i},10.0.0.{},男,满意\n", if i == 20 { 1 } else { i }));
    }
    let path = env.write("有IP.csv", csv.as_bytes());
    let survey = ingest_paths(&[path]).unwrap().survey;
    let (_, screening) = clean::screen(&survey, &ScreenOptions::default()).unwrap();
    assert_eq!(screening.populations[0].excluded[&Reason::Duplicate], ["20"]);
    // One identical short text is common among strangers; a long identical text is a
    // resubmission.
    let mut csv = String::from("序号,1、您的性别,2、您的意见和建议\n");
    let others = ["路灯太暗", "希望多建口袋公园", "停车太难", "河道有异味"];
    for i in 1..=12 {
        let text = match i {
            1..=4 => "垃圾分类点太远",
            5..=8 => "小区北门外的垃圾中转站夏天臭气熏天，建议尽快搬迁或者加装除臭设备",
            _ => others[i - 9],
        };
        csv.push_str(&format!("{i},男,{text}\n"));
    }
    let path = env.write("意见.csv", csv.as_bytes());
    let survey = ingest_paths(&[path]).unwrap().survey;
    // (Three of twelve is above the guard's 10%; the evidence is what is tested here.)
    let unguarded = ScreenOptions { max_excluded_share: 1.0, ..ScreenOptions::default() };
    let (_, screening) = clean::screen(&survey, &unguarded).unwrap();
    assert_eq!(screening.populations[0].excluded[&Reason::Duplicate], ["6", "7", "8"]);
}
