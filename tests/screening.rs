//! Screening cannot destroy a survey: placeholder metadata (`NULL` times and IP
//! addresses), an address many respondents share, or a rule that would remove too many
//! responses never cost a respondent without evidence. Fixtures are written here.

mod common;

use common::TestEnv;
use minyi::model::{Reason, ScreenOptions};
use proptest::prelude::*;
use std::path::PathBuf;

/// A 问卷星-style CSV: id, submit time, duration, IP, then one three-option question
/// and a short text. `meta(i)` gives row i's (time, duration, ip).
fn export(env: &TestEnv, rows: usize, meta: impl Fn(usize) -> (String, String, String)) -> PathBuf {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["序号", "提交答卷时间", "所用时间", "来自IP", "1、您对小区环境满意吗？", "2、您的建议"]).unwrap();
    for i in 0..rows {
        let (t, d, ip) = meta(i);
        let choice = ["满意", "一般", "不满意"][i % 3];
        let text = ["无", "多种树", "好"][(i / 3) % 3];
        w.write_record([(i + 1).to_string(), t, d, ip, choice.to_string(), text.to_string()]).unwrap();
    }
    env.write("问卷.csv", &w.into_inner().unwrap())
}

fn screen(path: PathBuf, opts: &ScreenOptions) -> minyi::model::RowAccount {
    let ing = minyi::ingest::ingest_paths(&[path]).unwrap();
    let (_, s) = minyi::clean::screen(&ing.survey, opts).unwrap();
    s.populations[0].clone()
}

/// The export that lost three quarters of its respondents: every time, duration and IP
/// cell reads NULL, and on a short questionnaire many honest people answer alike.
#[test]
fn null_metadata_keeps_every_respondent() {
    let env = TestEnv::new();
    let path = export(&env, 204, |_| ("NULL".into(), "NULL".into(), "NULL".into()));
    // inspect says the three metadata columns are absent.
    let ing = minyi::ingest::ingest_paths(std::slice::from_ref(&path)).unwrap();
    let text = minyi::inspect::render_text(&minyi::inspect::report(&ing.survey, &ing.warnings, &[]).unwrap());
    assert_eq!(text.matches("视为没有这一列").count(), 3, "{text}");
    let a = screen(path, &ScreenOptions::default());
    assert_eq!((a.read, a.analysed), (204, 204), "{:?}", a.excluded);
    assert!(a.excluded.is_empty() && a.guarded.is_empty());
    // The run says which rules could not use their column.
    let reasons: Vec<Reason> = a.unavailable.iter().map(|u| u.reason).collect();
    assert_eq!(reasons, [Reason::Duplicate, Reason::Speeder], "{:?}", a.unavailable);
    assert!(a.unavailable[0].why.contains("来自IP") && a.unavailable[1].why.contains("所用时间"), "{:?}", a.unavailable);
}

/// An address many respondents share (a campus network) is no evidence; a valid address
/// two identical submissions share is.
#[test]
fn a_shared_address_is_no_evidence_a_private_one_is() {
    let env = TestEnv::new();
    let path = export(&env, 60, |_| ("2024-05-01 10:00:00".into(), "120秒".into(), "10.1.1.1".into()));
    let a = screen(path, &ScreenOptions::default());
    assert_eq!(a.analysed, 60, "{:?}", a.excluded);
    // Rows 0 and 9 answer alike (9 % 3 == 0 and 9 / 3 % 3 == 0) and share an address
    // nobody else uses: one duplicate. Every other row has an address of its own.
    let path = export(&env, 60, |i| {
        let ip = if i == 9 { "36.1.2.0".to_string() } else { format!("36.1.2.{i}") };
        ("2024-05-01 10:00:00".into(), "120秒".into(), ip)
    });
    let a = screen(path, &ScreenOptions::default());
    assert_eq!(a.excluded.get(&Reason::Duplicate).map(Vec::len), Some(1), "{:?}", a.excluded);
    assert_eq!(a.excluded[&Reason::Duplicate], ["10"]);
    assert_eq!(a.analysed, 59);
}

/// A rule that would exclude more than a tenth is held back (its rows flagged) unless
/// the config lifts the limit.
#[test]
fn the_guard_holds_back_a_rule_that_would_remove_too_many() {
    let env = TestEnv::new();
    // 40 rows; rows 2k and 2k+1 share an address nobody else uses (10.0.k.1). Among the
    // first 18, each odd row repeats the answers of the row before it: nine duplicates.
    let write = |name: &str, repeat: bool| {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["序号", "提交答卷时间", "所用时间", "来自IP", "1、您对小区环境满意吗？", "2、您的建议"]).unwrap();
        for i in 0..40usize {
            let base = if repeat && i < 18 { i / 2 * 2 } else { i };
            let choice = ["满意", "一般", "不满意"][base % 3];
            let text = ["无", "多种树", "好"][(base / 3) % 3];
            let ip = format!("10.0.{}.1", i / 2);
            w.write_record([(i + 1).to_string(), "2024-05-01 10:00:00".into(), "120秒".into(), ip, choice.into(), text.into()]).unwrap();
        }
        env.write(name, &w.into_inner().unwrap())
    };
    // Without repeats (2k and 2k+1 differ in i % 3): nothing to exclude.
    let a = screen(write("不同.csv", false), &ScreenOptions::default());
    assert!(a.excluded.is_empty() && a.guarded.is_empty(), "{:?}", a.excluded);
    let rows_alike = write("成对.csv", true);
    // Nine duplicates of 40 = 22.5 % > 10 %: held back, flagged, every row analysed.
    let a = screen(rows_alike.clone(), &ScreenOptions::default());
    assert_eq!(a.analysed, 40);
    assert_eq!(a.guarded.len(), 1);
    assert_eq!((a.guarded[0].reason, a.guarded[0].would_exclude), (Reason::Duplicate, 9));
    assert_eq!(a.flagged.get(&Reason::Duplicate).map(Vec::len), Some(9));
    assert!(a.guarded[0].sentence("市民").contains("max_excluded_share = 1.0"));
    // Lifted in the config: excluded.
    let a = screen(rows_alike, &ScreenOptions { max_excluded_share: 1.0, ..ScreenOptions::default() });
    assert_eq!((a.analysed, a.excluded[&Reason::Duplicate].len()), (31, 9));
}

/// The same long answers a week apart are a form filled again (an inspector's daily
/// round); minutes apart they are a resubmission.
#[test]
fn identical_answers_days_apart_are_not_duplicates() {
    let env = TestEnv::new();
    let long = "站台东侧扶梯旁地面有积水，已提醒保洁人员处理";
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["序号", "提交答卷时间", "1、检查中发现的问题"]).unwrap();
    let times = ["2024-05-01 09:00:00", "2024-05-08 09:00:00", "2024-05-08 09:03:00", "2024-05-15 09:00:00"];
    for (i, t) in times.iter().enumerate() {
        w.write_record([(i + 1).to_string(), t.to_string(), long.to_string()]).unwrap();
    }
    for i in 4..40 {
        w.write_record([(i + 1).to_string(), "2024-05-20 10:00:00".to_string(), format!("第{i}号车厢空调不制冷，乘客反映闷热")]).unwrap();
    }
    let path = env.write("巡查.csv", &w.into_inner().unwrap());
    let a = screen(path, &ScreenOptions::default());
    assert_eq!(a.excluded.get(&Reason::Duplicate).cloned().unwrap_or_default(), ["3"], "{:?}", a.excluded);
}

const PLACEHOLDERS: [&str; 7] = ["NULL", "", "-", "N/A", "0.0.0.0", "1.1.1.1", "unknown"];

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    /// Random short surveys with placeholder or constant metadata and no planted
    /// duplicates keep every respondent.
    #[test]
    fn placeholder_metadata_never_excludes(
        answers in prop::collection::vec((0usize..3, 0usize..3), 1..60),
        ip in 0..PLACEHOLDERS.len(),
        duration in prop::sample::select(vec!["NULL", "", "100秒", "-"]),
    ) {
        let env = TestEnv::new();
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["序号", "所用时间", "来自IP", "1、您对小区环境满意吗？", "2、您的建议"]).unwrap();
        for (i, (c, t)) in answers.iter().enumerate() {
            let row = [(i + 1).to_string(), duration.to_string(), PLACEHOLDERS[ip].to_string(),
                ["满意", "一般", "不满意"][*c].to_string(), ["无", "多种树", "好"][*t].to_string()];
            w.write_record(&row).unwrap();
        }
        let path = env.write("随机.csv", &w.into_inner().unwrap());
        let a = screen(path, &ScreenOptions::default());
        prop_assert_eq!(a.read, answers.len());
        prop_assert_eq!(a.analysed, answers.len(), "{:?}", a.excluded);
    }
}
