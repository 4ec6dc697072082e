//! The intent of each open question, end to end: a generated campus-living survey with an
//! untitled description question ("Q3": 宿舍几人间、有没有空调), a titled one (食堂怎么样)
//! and a problem question. The descriptions get no concerns ranked as problems, no
//! measures and no draft; a denial in a description ("一般，不会吃出异物") is what the
//! respondent reports, kept with the others; `inspect` shows each intent and survey.toml
//! changes it.

mod common;
use common::TestEnv;
use serde_json::Value;

/// 400 respondents, answers varied enough to be read as free text. Q3 (untitled) describes
/// the dormitory; the canteen question is answered mostly with facts and a few complaints
/// (70 of them say "不会吃出异物"); the last asks about problems, a sixth of them denying one.
fn survey() -> String {
    let features = ["有空调", "有独立卫生间", "是上床下桌", "没有独立卫生间", "带阳台", "晚上11点熄灯", "楼里有洗衣房"];
    let rooms = ["4", "6", "2", "8"];
    let a = ["一般", "菜品多", "有两个", "早餐有包子和粥", "三楼有小炒"];
    let b = ["不会吃出异物", "有清真窗口", "饭菜价格太贵", "晚上九点关门", "可以刷校园卡", "周末人少"];
    let p = ["宿舍楼下噪声太大", "校园网太慢", "快递点太远取件不便", "没有噪声问题", "校园网经常断线", "食堂排队时间太长"];
    let tails = ["", "影响学习", "很多同学都这么觉得", "一直没有解决"];
    let mut s = String::from("序号,性别,Q3,您觉得学校食堂怎么样？,您在校园生活中遇到了哪些问题？\n");
    for i in 0..400usize {
        let sex = if i % 2 == 0 { "男" } else { "女" };
        let dorm = format!("我们是{}人间{}住在{}号楼", rooms[i % 4], features[(i / 4) % 7], i % 13 + 1);
        let canteen = if i % 3 != 0 {
            format!("{}，{}", a[i % 5], b[(i / 5) % 6])
        } else {
            format!("食堂{}{}早上{}点开门", a[i % 5], b[(i / 5) % 6], 6 + i % 4)
        };
        let problem =
            if i % 6 == 3 { p[3].to_string() } else { format!("{}{}已经{}周了", p[i % 6], tails[(i / 6) % 4], i % 9 + 2) };
        s.push_str(&format!("{},{sex},\"{dorm}\",\"{canteen}\",\"{problem}\"\n", i + 1));
    }
    s
}

fn results(dir: &std::path::Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("results.json")).unwrap()).unwrap()
}

fn question<'a>(r: &'a Value, id: &str) -> &'a Value {
    r["open_questions"].as_array().unwrap().iter().find(|q| q["question"] == id).unwrap_or_else(|| panic!("{id} not analysed"))
}

#[test]
fn descriptions_are_grouped_never_problems_and_get_no_draft() {
    let env = TestEnv::new();
    env.write("校园生活.csv", survey().as_bytes());
    env.cmd().args(["run", "校园生活.csv", "--out", "r", "--quiet"]).assert().success();
    let r = results(&env.path("r"));
    let ids: Vec<String> =
        r["open_questions"].as_array().unwrap().iter().map(|q| format!("{} {}", q["question"], q["intent"])).collect();
    let intent = |title_part: &str| -> (String, String) {
        let q = r["open_questions"].as_array().unwrap().iter().find(|q| q["title"].as_str().unwrap().contains(title_part)).unwrap();
        (q["question"].as_str().unwrap().to_string(), q["intent"].as_str().unwrap().to_string())
    };
    let (dorm, i3) = intent("第3题");
    let (canteen, i4) = intent("食堂");
    let (problem, i5) = intent("遇到了哪些问题");
    assert_eq!((i3.as_str(), i4.as_str(), i5.as_str()), ("description", "description", "problem"), "{ids:?}");
    // Described answers are grouped, every answer that said something in a group.
    for id in [&dorm, &canteen] {
        let q = question(&r, id);
        assert_eq!(q["no_problem"], 0, "{id}: a description has no 'no problem' answers");
        assert!(q["named"].as_u64().unwrap() >= 2, "{id}: its answers are grouped");
        let measures: usize = r["concerns"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| &c["question"] == id)
            .map(|c| c["measures"].as_array().map_or(0, Vec::len))
            .sum();
        assert_eq!(measures, 0, "{id}: a description proposes nothing");
    }
    // The denial in the canteen's description stays with what people report.
    let csv = std::fs::read_to_string(env.path("r/concerns.csv")).unwrap();
    let denied: Vec<&str> = csv.lines().filter(|l| l.rsplit(',').next().is_some_and(|t| t.contains("不会吃出异物"))).collect();
    assert_eq!(denied.len(), 70, "every respondent who wrote it has a row");
    assert!(denied.iter().all(|l| !l.contains(",no_problem,")), "{}", denied[0]);
    // The problem question keeps reading stance: its denials are counted apart.
    assert_eq!(question(&r, &problem)["no_problem"], 67);
    // The brief gives the descriptions their own section before the problems, which move
    // down one number; the descriptions' groups are 情况, never 问题.
    let out = std::process::Command::new("pdftotext")
        .arg(env.path("r/brief.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed by this test");
    let text = String::from_utf8_lossy(&out.stdout).replace(' ', "");
    let described = text.rfind("三、答卷人描述的情况").expect("a section of its own");
    let problems = text.rfind("四、受访者反映的主要问题").expect("the problems move down one number");
    assert!(text.contains("五、意见建议摘编") && text.contains("六、分群体比较"));
    assert!(described < problems && text[described..problems].contains("情况（关键词）"));
    assert!(!text[described..problems].contains("问题（关键词）"));
    // Drafts only on the problem question's matters.
    let drafts = r["drafts"].as_array().unwrap();
    assert!(!drafts.is_empty(), "the problem question gets drafts");
    assert!(drafts.iter().all(|d| d["question"] == problem.as_str()), "{drafts:?}");
}

#[test]
fn inspect_shows_intents_and_the_config_changes_them() {
    let env = TestEnv::new();
    env.write("校园生活.csv", survey().as_bytes());
    let out = env.cmd().args(["inspect", "校园生活.csv", "--json"]).output().unwrap();
    assert!(out.status.success());
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    let qs = j["populations"][0]["questions"].as_array().unwrap();
    let of = |t: &str| qs.iter().find(|q| q["title"].as_str().unwrap().contains(t)).unwrap();
    assert_eq!(of("第3题")["intent"], "description");
    assert!(of("第3题")["intent_reason"].as_str().unwrap().contains("按回答判断"));
    assert_eq!(of("遇到了哪些问题")["intent"], "problem");
    assert!(of("性别").get("intent").is_none(), "a closed question has no intent");
    let text = env.cmd().args(["inspect", "校园生活.csv"]).output().unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains("意图：情况描述"));

    // The written config carries each intent; changed by hand, the run follows it.
    env.cmd().args(["inspect", "校园生活.csv", "--write-config", "survey.toml"]).assert().success();
    let toml = std::fs::read_to_string(env.path("survey.toml")).unwrap();
    assert_eq!(toml.matches("intent = \"description\"").count(), 2, "{toml}");
    std::fs::write(env.path("survey.toml"), toml.replacen("intent = \"description\"", "intent = \"problem\"", 1)).unwrap();
    env.cmd().args(["run", "--config", "survey.toml", "--out", "r", "--quiet"]).assert().success();
    let r = results(&env.path("r"));
    let q3 = r["open_questions"].as_array().unwrap().iter().find(|q| q["title"] == "第3题").unwrap();
    assert_eq!(q3["intent"], "problem");
    assert_eq!(q3["intent_reason"], "配置文件指定");
}
