//! A wide survey end to end: 1,200 columns (a 问卷星 text export whose questionnaire repeats
//! one group of 14 questions for each of 85 projects), 200 respondents. Such an export
//! once aborted the run (`thread has overflowed its stack` in the cross-tabs: a polars
//! query collected inside a rayon task); the parallelism policy in docs/architecture.md
//! keeps it from coming back.

mod common;
use common::TestEnv;

/// The questions of one project's group: title and options (a trailing "（多选）" makes a
/// multi choice, written joined by "┋" as 问卷星 does).
const GROUP: [(&str, &[&str]); 14] = [
    ("您对该项目的总体满意度", &["非常不满意", "不满意", "一般", "满意", "非常满意"]),
    ("该项目是否按期完成", &["是", "否", "不清楚"]),
    ("您是否参与过该项目的意见征集", &["是", "否"]),
    ("该项目对您生活的影响", &["很大", "较大", "一般", "较小", "没有影响"]),
    ("您最关注该项目的哪些方面（多选）", &["工程质量", "施工进度", "施工安全", "周边环境"]),
    ("您对施工噪声控制的满意度", &["非常不满意", "不满意", "一般", "满意", "非常满意"]),
    ("您对施工扬尘控制的满意度", &["非常不满意", "不满意", "一般", "满意", "非常满意"]),
    ("您对交通组织的满意度", &["非常不满意", "不满意", "一般", "满意", "非常满意"]),
    ("您对信息公开的满意度", &["非常不满意", "不满意", "一般", "满意", "非常满意"]),
    ("您是否了解该项目的投诉渠道", &["是", "否"]),
    ("您认为该项目的资金使用是否公开透明", &["是", "否", "不清楚"]),
    ("您会向他人推荐该项目的做法吗", &["会", "不会", "说不好"]),
    ("该项目完成后您的出行时间", &["明显缩短", "略有缩短", "没有变化", "有所增加"]),
    ("您对该项目后续管护的期待程度", &["很低", "较低", "一般", "较高", "很高"]),
];
const PROJECTS: usize = 85;
const ROWS: usize = 200;

/// A small deterministic generator (the fixture must not depend on a crate's stream).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn wide_export() -> (Vec<String>, Vec<Vec<String>>) {
    let mut header: Vec<String> =
        ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来源IP"].iter().map(|s| s.to_string()).collect();
    header.push("1、您的性别".into());
    header.push("2、您的年龄段".into());
    header.push("3、您所在的街道".into());
    let mut n = 4;
    for _ in 0..PROJECTS {
        for (title, _) in GROUP {
            header.push(format!("{n}、{title}"));
            n += 1;
        }
    }
    // And an open question at the end.
    header.push(format!("{n}、您对今后的项目建设还有什么意见和建议"));
    assert_eq!(header.len(), 1200);
    let mut rng = Lcg(7);
    let streets = ["东城街道", "西城街道", "南湖街道", "北山街道", "滨江街道", "新城街道"];
    let ages = ["18-29岁", "30-39岁", "40-49岁", "50-59岁", "60岁及以上"];
    let ideas = [
        "施工期间晚上噪声太大，希望夜间停工",
        "工地扬尘严重，要经常洒水",
        "施工围挡占道，早晚高峰堵车",
        "项目资金使用情况应该公开",
        "希望完工后加强维护管理",
        "无",
    ];
    let mut rows = Vec::new();
    for i in 0..ROWS {
        let woman = rng.next(2) == 1;
        let mut row = vec![
            (i + 1).to_string(),
            format!("2024/5/{} 10:{:02}:00", i % 28 + 1, i % 60),
            format!("{}秒", 300 + rng.next(600)),
            "手机提交".into(),
            "直接访问".into(),
            format!("10.0.{}.{}(某省某市)", i / 250, i % 250),
            if woman { "女" } else { "男" }.into(),
            ages[rng.next(ages.len())].into(),
            streets[rng.next(streets.len())].into(),
        ];
        for _ in 0..PROJECTS {
            for (title, options) in GROUP {
                if title.ends_with("（多选）") {
                    let chosen: Vec<&str> = options.iter().copied().filter(|_| rng.next(2) == 0).collect();
                    row.push(if chosen.is_empty() { options[0].to_string() } else { chosen.join("┋") });
                } else {
                    // Women lean one option higher: some cross-tabs differ by group.
                    let k = (rng.next(options.len()) + usize::from(woman && rng.next(3) == 0)).min(options.len() - 1);
                    row.push(options[k].to_string());
                }
            }
        }
        row.push(ideas[rng.next(ideas.len())].into());
        assert_eq!(row.len(), header.len());
        rows.push(row);
    }
    (header, rows)
}

#[test]
fn a_1200_column_survey_runs_end_to_end() {
    let env = TestEnv::new();
    let (header, rows) = wide_export();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&header).unwrap();
    for r in &rows {
        w.write_record(r).unwrap();
    }
    let input = env.write("项目满意度调查.csv", &w.into_inner().unwrap());
    let out = env.path("报告");
    let mut opts = minyi::RunOptions::new(vec![input]);
    opts.out = Some(out.clone());
    let summary = minyi::run(&opts).expect("the wide survey runs");
    assert_eq!(summary.manifest.rows[0].read, ROWS);
    assert_eq!(summary.manifest.rows[0].analysed + summary.manifest.rows[0].excluded.values().map(Vec::len).sum::<usize>(), ROWS);

    let results: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("results.json")).unwrap()).unwrap();
    let questions = results["questions"].as_array().unwrap();
    // Every closed question of every project is counted.
    let satisfaction: Vec<&serde_json::Value> = questions.iter().filter(|q| q["title"] == "您对该项目的总体满意度").collect();
    assert_eq!(satisfaction.len(), PROJECTS, "one satisfaction question per project");
    // The cross-tabs were computed for every project's questions by gender: the counts of the
    // first project's satisfaction by gender add up to the respondents who answered both.
    let crosstabs = results["crosstabs"].as_array().unwrap();
    let by_gender = crosstabs.iter().filter(|c| c["by_title"] == "您的性别").count();
    assert!(by_gender >= PROJECTS * 13, "cross-tabs by gender: {by_gender}");
    let first = crosstabs
        .iter()
        .find(|c| c["by_title"] == "您的性别" && c["question"] == satisfaction[0]["id"])
        .expect("the first project's satisfaction by gender");
    let total: u64 = first["counts"].as_array().unwrap().iter().flat_map(|r| r.as_array().unwrap()).map(|v| v.as_u64().unwrap()).sum();
    assert_eq!(total, first["n"].as_u64().unwrap());
    assert_eq!(total as usize, summary.manifest.rows[0].analysed);
    assert!(out.join("brief.pdf").exists() && out.join("tables.xlsx").exists());
    // The open question at the end reached the text stage.
    let open = results["open_questions"].as_array().unwrap();
    assert!(open.iter().any(|q| q["title"].as_str().is_some_and(|t| t.contains("意见和建议"))), "the open question is read as one");
}
