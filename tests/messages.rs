//! A collection of messages (letters, message-board posts, hotline work orders) is
//! recognised as such: a generated collection whose only free text is long, and one whose
//! column is titled 留言详情, are read as messages (inspect says so, results.json names
//! their people 来信人: audience "writers"), the reply column is no opinion; a questionnaire with a "请留言" question is not;
//! `kind` in survey.toml overrides the recognition either way.

mod common;
use common::TestEnv;

/// `n` messages of 120 to 200 characters about a few matters, with a category column.
fn letters(title: &str, n: usize) -> String {
    let matters = ["小区门口的道路坑洼不平，下雨天积水严重，老人孩子出行很不方便", "楼下餐馆油烟直排，夏天窗户都不敢开，多次向物业反映没有结果",
        "学校周边早晚高峰交通拥堵，接送孩子的车辆乱停乱放，存在安全隐患", "工厂夜间偷排废气，气味刺鼻，附近居民晚上难以入睡，希望有关部门查处"];
    let mut s = format!("编号,类别,{title},答复意见\n");
    for i in 0..n {
        let m = matters[i % 4];
        let body = format!("尊敬的领导：您好！{m}。这个问题已经存在了{}年，我们曾经打过热线，也找过社区，但一直没有解决，希望相关部门尽快派人来现场看一看，给我们一个答复。谢谢！", i % 5 + 2);
        let reply = format!("网友您好！您反映的问题已转交相关部门办理，经现场核查，{}已列入今年整改计划，感谢您对我们工作的关心和支持。", ["道路", "油烟", "交通"][i % 3]);
        s.push_str(&format!("L{:04},{},\"{body}\",\"{reply}\"\n", i + 1, ["城乡建设", "环境保护", "交通运输"][i % 3]));
    }
    s
}

fn inspect(env: &TestEnv, args: &[&str]) -> serde_json::Value {
    let out = env.cmd().args(["inspect"]).args(args).args(["--json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_collection_of_messages_is_recognised_and_the_config_overrides_it() {
    let env = TestEnv::new();
    env.write("来信.csv", letters("内容", 60).as_bytes());
    env.write("留言.csv", letters("留言详情", 60).as_bytes());
    let long = inspect(&env, &["来信.csv"]);
    let reason = long["populations"][0]["kind_reason"].as_str().unwrap();
    assert!(reason.contains("中位数"), "{reason}");
    // The government's reply is never read as the people's opinion.
    let reply = long["populations"][0]["questions"].as_array().unwrap().iter().find(|q| q["title"] == "答复意见").unwrap();
    assert_eq!(reply["role"], "metadata", "{reply}");
    let titled = inspect(&env, &["留言.csv"]);
    assert!(titled["populations"][0]["kind_reason"].as_str().unwrap().contains("留言"), "{titled}");
    // The people of a message collection are its writers.
    env.cmd().args(["run", "来信.csv", "--out", "r", "--quiet"]).assert().success();
    let results: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(env.path("r/results.json")).unwrap()).unwrap();
    assert_eq!(results["populations"][0]["audience"], "writers");
    // The brief's cover names letters, not a questionnaire.
    let cover = std::process::Command::new("pdftotext")
        .args(["-f", "1", "-l", "1"])
        .arg(env.path("r/brief.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed by this test");
    let cover = String::from_utf8_lossy(&cover.stdout);
    assert!(cover.contains("来信分析简报") && cover.contains("来信 60 件") && !cover.contains("问卷"), "{cover}");
    // inspect's text says so, and counts letters, not questionnaires.
    let text = env.cmd().args(["inspect", "来信.csv"]).output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("类型：来信") && text.contains("来信：60 件"), "{text}");
    // The configuration written says so, and `kind = "survey"` reads the file as answers.
    env.cmd().args(["inspect", "来信.csv", "--write-config", "s.toml"]).assert().success();
    let config = std::fs::read_to_string(env.path("s.toml")).unwrap();
    assert!(config.contains("kind = \"messages\""), "{config}");
    let survey = config.replace("kind = \"messages\"", "kind = \"survey\"").replace("audience = \"writers\"", "");
    env.write("s2.toml", survey.as_bytes());
    let overridden = inspect(&env, &["来信.csv", "--config", "s2.toml"]);
    assert_eq!(overridden["populations"][0]["kind_reason"], "", "{overridden}");
}

#[test]
fn a_questionnaire_asking_for_a_message_is_no_collection_of_messages() {
    let env = TestEnv::new();
    let mut s = String::from("序号,性别,年龄,满意度,您是否支持,如有其他意见请留言\n");
    for i in 0..60 {
        let opinion = ["希望多建公园", "停车太难", "垃圾分类要加强宣传", ""][i % 4];
        s.push_str(&format!("{},{},{},{},{},{opinion}\n", i + 1, ["男", "女"][i % 2], ["18-29岁", "30-39岁", "40岁以上"][i % 3], ["满意", "一般", "不满意"][i % 3], ["是", "否"][i % 2]));
    }
    env.write("问卷.csv", s.as_bytes());
    let r = inspect(&env, &["问卷.csv"]);
    assert_eq!(r["populations"][0]["kind_reason"], "", "{r}");
}
