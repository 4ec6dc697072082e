//! The command line end to end: bad inputs fail cleanly in Chinese naming the file,
//! `run` writes its manifest, `inspect` reports what was detected, configs round-trip.

mod common;

use common::{rows, TestEnv};
use std::io::Write;

/// Run `minyi inspect FILE` and check a clean failure that names the file.
fn fails_cleanly(env: &TestEnv, file: &str, expect: &str) -> String {
    let out = env.cmd().args(["inspect", file]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(2), "{file}: {stderr}");
    assert!(stderr.starts_with("错误："), "{file}: {stderr}");
    assert!(stderr.contains(file), "message names the file: {stderr}");
    assert!(stderr.contains(expect), "{file}: expected “{expect}” in {stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("内部错误"), "{stderr}");
    stderr
}

#[test]
fn missing_unreadable_and_unknown_files() {
    let env = TestEnv::new();
    fails_cleanly(&env, "不存在.xlsx", "找不到文件");
    std::fs::create_dir(env.path("其实是文件夹.xlsx")).unwrap();
    fails_cleanly(&env, "其实是文件夹.xlsx", "没有可读取的问卷文件");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(env.path("nowhere"), env.path("断开的链接.csv")).unwrap();
        fails_cleanly(&env, "断开的链接.csv", "找不到文件");
    }
    env.write("问卷.pdf", b"%PDF-1.4");
    fails_cleanly(&env, "问卷.pdf", "无法识别");
    env.write("空.csv", b"");
    fails_cleanly(&env, "空.csv", "空文件");
    env.write("空.xlsx", b"");
    fails_cleanly(&env, "空.xlsx", "空文件");
}

#[test]
fn wrong_or_broken_workbooks() {
    let env = TestEnv::new();
    env.write("改名的.xlsx", "序号,性别\n1,男\n".as_bytes());
    fails_cleanly(&env, "改名的.xlsx", "纯文本");

    let good = env.xlsx("好的.xlsx", "Sheet1", &rows(&[&["序号", "性别"], &["1", "男"], &["2", "女"]]));
    let bytes = std::fs::read(&good).unwrap();
    env.write("截断的.xlsx", &bytes[..bytes.len() / 2]);
    fails_cleanly(&env, "截断的.xlsx", "损坏");

    // A workbook with an opening password is an OLE container holding an
    // "EncryptedPackage" stream: said plainly, with what to do.
    let mut locked = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    locked.resize(1024, 0);
    locked.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    locked.resize(4096, 0);
    env.write("加密的.xlsx", &locked);
    let e = fails_cleanly(&env, "加密的.xlsx", "设有打开密码");
    assert!(e.contains("删除密码"), "{e}");

    let mut junk = b"PK\x03\x04".to_vec();
    junk.extend((0..5000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
    env.write("乱码.xlsx", &junk);
    fails_cleanly(&env, "乱码.xlsx", "损坏");

    let mut noise = Vec::new();
    let mut x: u32 = 12345;
    for _ in 0..100_000 {
        x = x.wrapping_mul(1103515245).wrapping_add(12345);
        noise.push((x >> 16) as u8);
    }
    env.write("二进制.csv", &noise);
    fails_cleanly(&env, "二进制.csv", "二进制");
    env.write("二进制.xlsx", &noise);
    fails_cleanly(&env, "二进制.xlsx", "不是 Excel 工作簿");
}

#[test]
fn zip_bomb_is_refused() {
    let env = TestEnv::new();
    let path = env.path("炸弹.xlsx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true);
    zip.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    let block = vec![b'0'; 1 << 20];
    for _ in 0..300 {
        zip.write_all(&block).unwrap();
    }
    zip.finish().unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() < 2 << 20);
    fails_cleanly(&env, "炸弹.xlsx", "解压后过大");
}

#[test]
fn sheets_without_data_repeated_titles_and_huge_cells() {
    let env = TestEnv::new();
    env.xlsx("只有表头.xlsx", "答卷", &rows(&[&["序号", "1、您的性别", "2、您的年龄"]]));
    let e = fails_cleanly(&env, "只有表头.xlsx", "没有任何答卷数据");
    assert!(e.contains("工作表「答卷」"), "{e}");

    // Repeated titles are data (real exports repeat them): read, kept, reported.
    env.write("重复列.csv", "序号,您的性别,您的性别\n1,男,女\n".as_bytes());
    let out = env.cmd().args(["inspect", "重复列.csv"]).output().unwrap();
    let all = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{all}");
    assert!(all.contains("B、C 列的标题都是“您的性别”") && (all.contains("您的性别（2）") || all.contains("您的性别—2")), "{all}");

    let mut big = String::from("序号,意见\n1,");
    big.push_str(&"很".repeat(14 * 1024 * 1024)); // 42 MB of UTF-8
    big.push('\n');
    env.write("超大单元格.csv", big.as_bytes());
    let e = fails_cleanly(&env, "超大单元格.csv", "单元格过大");
    assert!(e.contains("第 2 行 B 列"), "{e}");
}

#[test]
fn run_writes_manifest_with_hashes_and_rows() {
    let env = TestEnv::new();
    let samples = common::repo().join("data/samples");
    let out = env.path("报告");
    env.cmd().args(["run", samples.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet"]).assert().success();
    let m: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(m["tool"], "minyi");
    assert_eq!(m["seed"], minyi::model::DEFAULT_SEED);
    let inputs = m["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 2);
    for (input, (name, n)) in inputs.iter().zip([("园区", 455), ("市民", 4112)]) {
        assert_eq!(input["population"], name);
        assert_eq!(input["rows_read"], n);
        assert_eq!(input["platform"], "wjx_text");
        let bytes = std::fs::read(input["path"].as_str().unwrap()).unwrap();
        use sha2::Digest;
        assert_eq!(input["sha256"].as_str().unwrap(), format!("{:x}", sha2::Sha256::digest(&bytes)));
    }
    assert!(m["timings"].as_array().unwrap().iter().any(|t| t["stage"] == "ingest"));

    // A rerun replaces the folder minyi wrote; a foreign folder is refused.
    env.cmd().args(["run", samples.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet", "--seed", "5"]).assert().success();
    let m: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(m["seed"], 5);
    let foreign = env.path("别人的");
    std::fs::create_dir(&foreign).unwrap();
    env.write("别人的/笔记.txt", b"x");
    let o = env.cmd().args(["run", samples.to_str().unwrap(), "--out", foreign.to_str().unwrap()]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("不是 minyi 生成的"));
    assert!(env.path("别人的/笔记.txt").exists());
}

#[test]
fn inspect_json_types_every_column_of_the_sample() {
    let env = TestEnv::new();
    let path = common::repo().join("data/samples/市民问卷.xlsx");
    let out = env.cmd().args(["inspect", path.to_str().unwrap(), "--json"]).output().unwrap();
    assert!(out.status.success());
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let truth: serde_json::Value =
        serde_json::from_slice(&std::fs::read(common::repo().join("data/samples/truth/市民问卷.questionnaire.json")).unwrap()).unwrap();
    let pop = &r["populations"][0];
    assert_eq!(pop["source"]["rows_read"], 4112);
    assert_eq!(pop["source"]["header_rows"], serde_json::json!([1]));
    let qs = pop["questions"].as_array().unwrap();
    let kinds: Vec<&str> = qs.iter().take(6).map(|q| q["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["id", "submit_time", "duration", "source", "source_detail", "ip"]);
    let questions: Vec<&serde_json::Value> = qs.iter().skip(6).collect();
    let truth = truth.as_array().unwrap();
    assert_eq!(questions.len(), truth.len());
    let mut columns = 6;
    for (q, t) in questions.iter().zip(truth) {
        assert_eq!(q["number"], t["number"]);
        assert_eq!(q["title"], t["title"]);
        assert_eq!(q["kind"], t["kind"], "{}", t["title"]);
        let strings =
            |v: &serde_json::Value| -> Vec<String> { v.as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_string()).collect() };
        common::assert_options(t["kind"].as_str().unwrap(), &strings(&q["options"]), &strings(&t["options"]), t["title"].as_str().unwrap());
        let rows: Vec<&serde_json::Value> = q["rows"].as_array().map(|v| v.iter().map(|r| &r["label"]).collect()).unwrap_or_default();
        assert_eq!(rows.len(), t["rows"].as_array().unwrap().len());
        columns += q["columns"].as_array().unwrap().len();
        let n = q["n_valid"].as_u64().unwrap() + q["n_skipped"].as_u64().unwrap() + q["n_empty"].as_u64().unwrap();
        assert_eq!(n, 4112, "valid + skipped + empty = rows for {}", t["title"]);
    }
    // Every column of the sheet is accounted for.
    assert_eq!(columns, 6 + 4 + 6 + 1 + 1 + 1 + 1 + 1 + 1 + 1);
    // Q8 is skipped for those who never go to a park (Q7 = 从不).
    let q8 = questions.iter().find(|q| q["number"] == 8).unwrap();
    assert!(q8["n_skipped"].as_u64().unwrap() > 300);
}

#[test]
fn write_config_round_trips_and_corrections_apply() {
    let env = TestEnv::new();
    let path = common::repo().join("data/samples/园区问卷.xlsx");
    env.cmd().args(["inspect", path.to_str().unwrap(), "--write-config", "survey.toml"]).assert().success();
    let toml = std::fs::read_to_string(env.path("survey.toml")).unwrap();
    assert!(toml.starts_with("# minyi 问卷配置文件"));
    let mut cfg = minyi::config::SurveyConfig::load(&env.path("survey.toml")).unwrap();
    let pop = &mut cfg.populations[0];
    assert_eq!(pop.name.as_deref(), Some("园区"));
    pop.name = Some("园区企业员工".into());
    pop.group_by = vec!["q3".into()];
    let q8 = pop.questions.iter_mut().find(|q| q.id == "q8").unwrap();
    assert_eq!(q8.kind, Some(minyi::model::Kind::Numeric));
    q8.ignore = true;
    // Paths in the written config are relative to it; keep them so.
    pop.file = "园区问卷.xlsx".into();
    std::fs::copy(&path, env.path("园区问卷.xlsx")).unwrap();
    std::fs::write(env.path("survey.toml"), cfg.to_toml()).unwrap();
    let path = env.path("园区问卷.xlsx");
    let out = env.cmd().args(["inspect", "--config", "survey.toml", "--json", path.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["populations"][0]["name"], "园区企业员工");
    assert!(r["populations"][0]["questions"].as_array().unwrap().iter().all(|q| q["id"] != "q8"));
    // run takes the config alone.
    env.cmd().args(["run", "--config", "survey.toml", "--out", "r", "--quiet"]).assert().success();
    let m: serde_json::Value = serde_json::from_slice(&std::fs::read(env.path("r/manifest.json")).unwrap()).unwrap();
    assert_eq!(m["inputs"][0]["population"], "园区企业员工");
    assert_eq!(m["config"]["population"][0]["group_by"], serde_json::json!(["q3"]));
}

#[test]
fn same_inputs_give_the_same_files() {
    let env = TestEnv::new();
    let samples = common::repo().join("data/samples");
    for out in ["a", "b"] {
        env.cmd().args(["run", samples.to_str().unwrap(), "--out", out, "--quiet"]).assert().success();
    }
    for f in [
        "results.json",
        "concerns.csv",
        "tables.xlsx",
        "charts/市民-q6.png",
        "charts/市民-q6.svg",
        "charts/比较-q1.png",
        "charts/共现-q11.png",
    ] {
        let (a, b) = (std::fs::read(env.path("a").join(f)).unwrap(), std::fs::read(env.path("b").join(f)).unwrap());
        assert!(a == b, "{f} differs between two runs");
    }
}

#[test]
fn a_config_forcing_multi_on_an_empty_column_does_not_break_the_run() {
    let env = TestEnv::new();
    env.write("空列.csv", "序号,1、您的性别,2、其他意见\n1,男,(空)\n2,女,(空)\n3,男,(空)\n".as_bytes());
    env.write("survey.toml", "[[population]]\nfile = \"空列.csv\"\n\n[[population.question]]\nid = \"q2\"\nkind = \"multi\"\n".as_bytes());
    let out = env.cmd().args(["run", "--config", "survey.toml", "--out", "r", "--quiet"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let r: serde_json::Value = serde_json::from_slice(&std::fs::read(env.path("r/results.json")).unwrap()).unwrap();
    let q2 = r["questions"].as_array().unwrap().iter().find(|q| q["id"] == "q2").unwrap();
    assert_eq!((q2["kind"].as_str(), q2["n_valid"].as_u64(), q2["n_empty"].as_u64()), (Some("text"), Some(0), Some(3)));
}

#[test]
fn run_writes_concerns_for_every_open_answer() {
    let env = TestEnv::new();
    let samples = common::repo().join("data/samples");
    env.cmd().args(["run", samples.to_str().unwrap(), "--out", "r", "--quiet"]).assert().success();
    let r: serde_json::Value = serde_json::from_slice(&std::fs::read(env.path("r/results.json")).unwrap()).unwrap();
    let mut rdr = csv::Reader::from_path(env.path("r/concerns.csv")).unwrap();
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        header,
        ["population", "response_id", "question", "status", "concern_id", "concern_label", "all_concern_ids", "department", "text"]
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    // One row per analysed respondent and open question (the "其他" texts add their own).
    for q in r["open_questions"].as_array().unwrap().iter().filter(|q| q["source"] == "open") {
        let id = q["question"].as_str().unwrap();
        let n = rows.iter().filter(|row| &row[2] == id).count() as u64;
        let analysed: u64 = r["populations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| q["populations"].as_array().unwrap().contains(&p["name"]))
            .map(|p| p["rows_analysed"].as_u64().unwrap())
            .sum();
        assert_eq!(n, analysed, "{id}");
        assert_eq!(q["answered"].as_u64().unwrap() + q["non_answers"].as_u64().unwrap() + q["empty"].as_u64().unwrap(), analysed);
        // Respondents per concern in results.json = rows of concerns.csv that raise it.
        for c in r["concerns"].as_array().unwrap().iter().filter(|c| c["question"] == id) {
            let cid = c["id"].as_u64().unwrap().to_string();
            let raising = rows.iter().filter(|row| &row[2] == id && row[6].split(';').any(|x| x == cid)).count() as u64;
            assert_eq!(c["respondents"].as_u64().unwrap(), raising, "{id} concern {cid}");
            let primary = rows.iter().filter(|row| &row[2] == id && row[4] == cid).count();
            assert!(primary as u64 <= raising);
            for field in
                ["label", "keywords", "share", "ci_low", "ci_high", "by_population", "by_group", "quotes", "measures", "rank", "tied_with"]
            {
                assert!(!c[field].is_null(), "{field} missing");
            }
            for q in c["quotes"].as_array().unwrap() {
                let rid = q["response_id"].as_str().unwrap();
                assert!(rows.iter().any(|row| &row[1] == rid && &row[2] == id && row[6].split(';').any(|x| x == cid)), "quote from {rid}");
            }
        }
    }
    // Statuses are the three the issue names, and non-answers keep no concern.
    assert!(rows.iter().all(|row| ["answer", "non_answer", "empty"].contains(&&row[3])));
    assert!(rows.iter().filter(|row| &row[3] != "answer").all(|row| row[4].is_empty() && row[6].is_empty()));
    // The 市民 sample groups by district (q3): a share for every district with answers.
    let c1 = r["concerns"].as_array().unwrap().iter().find(|c| c["question"] == "q11" && c["id"] == 1).unwrap();
    assert!(c1["by_group"].as_array().unwrap().iter().any(|g| g["dimension"] == "q3"));
    for f in ["关注-q11", "词云-q11", "共现-q11"] {
        assert!(env.path("r/charts").join(format!("{f}.png")).exists(), "{f}");
    }
}

/// Staging folders (`.minyi-tmp-*`) in the report's parent folder.
fn staging_dirs(parent: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(parent)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".minyi-tmp-") || n.starts_with(".minyi-old-"))
        .collect()
}

/// An interrupted run leaves nothing behind: a staging folder of a run that was killed
/// (its lock file held by nobody) is removed by the next run into the same folder, and a
/// run stopped with SIGTERM removes its own and keeps the previous report.
#[cfg(unix)]
#[test]
fn interrupted_runs_leave_no_staging_folder() {
    let env = TestEnv::new();
    let samples = common::repo().join("data/samples");
    let stale = env.path(".minyi-tmp-killed");
    std::fs::create_dir(&stale).unwrap();
    for f in [".minyi-report", ".minyi-lock", "results.json"] {
        std::fs::write(stale.join(f), b"").unwrap();
    }
    env.cmd().args(["run", samples.to_str().unwrap(), "--out", "报告", "--quiet"]).assert().success();
    assert!(staging_dirs(env.dir.path()).is_empty(), "stale staging folder removed: {:?}", staging_dirs(env.dir.path()));
    let before = std::fs::read(env.path("报告/results.json")).unwrap();

    let bin = assert_cmd::cargo::cargo_bin("minyi");
    let child = std::process::Command::new(bin)
        .args(["run", samples.to_str().unwrap(), "--out", "报告", "--quiet"])
        .current_dir(env.dir.path())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let t = std::time::Instant::now();
    while staging_dirs(env.dir.path()).is_empty() {
        assert!(t.elapsed().as_secs() < 30, "the run never started writing");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let killed = std::process::Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(128 + 15), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("已中断"));
    assert!(staging_dirs(env.dir.path()).is_empty(), "left behind: {:?}", staging_dirs(env.dir.path()));
    assert_eq!(std::fs::read(env.path("报告/results.json")).unwrap(), before, "the previous report is intact");
}

/// A committee adds its own words in `[dict]`: "无可奉告" (not a built-in non-answer) is
/// then a non-answer of the open question — 6 of 40 answers, counted by hand — and a
/// list name that does not exist stops the run with a Chinese message naming it.
#[test]
fn a_committee_adds_words_in_its_config() {
    let env = TestEnv::new();
    let answers = ["晚上工地施工噪声太大", "垃圾桶太少清运不及时", "河道夏天有异味", "停车位不够", "无可奉告", "希望多建健身场地", "无"];
    let mut csv = String::from("序号,1、您所在的街道,2、您对小区环境有什么意见\n");
    for i in 0..40 {
        // Rows 4, 11, 18, 25, 32, 39 (i % 7 == 4) say 无可奉告; rows 6, 13, 20, 27, 34 say 无.
        csv.push_str(&format!("{},{},{}\n", i + 1, ["东城街道", "西城街道"][i % 2], answers[i % 7]));
    }
    env.write("意见.csv", csv.as_bytes());
    env.write("survey.toml", "[[population]]\nfile = \"意见.csv\"\n".as_bytes());
    env.write("加词.toml", "[dict.answers]\nnon_answers = [\"无可奉告\"]\n\n[[population]]\nfile = \"意见.csv\"\n".as_bytes());
    let non_answers = |config: &str, out: &str| -> u64 {
        let o = env.cmd().args(["run", "--config", config, "--out", out, "--quiet"]).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let r: serde_json::Value = serde_json::from_slice(&std::fs::read(env.path(&format!("{out}/results.json"))).unwrap()).unwrap();
        r["open_questions"][0]["non_answers"].as_u64().unwrap()
    };
    assert_eq!(non_answers("survey.toml", "r1"), 5, "无 only");
    assert_eq!(non_answers("加词.toml", "r2"), 11, "无 and 无可奉告");
    env.write("错词.toml", "[dict.answers]\nnon_answer = [\"无可奉告\"]\n\n[[population]]\nfile = \"意见.csv\"\n".as_bytes());
    let o = env.cmd().args(["run", "--config", "错词.toml", "--out", "r3", "--quiet"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(e.contains("[dict]") && e.contains("non_answer") && e.contains("data/dict/words.toml"), "{e}");
}
