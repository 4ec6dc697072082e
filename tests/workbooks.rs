//! Legacy `.xls` workbooks, written here by a small BIFF8 writer (tests/common/xls.rs):
//! a 问卷星-style export whose metadata cells all read NULL keeps every respondent, and
//! damaged copies (length fields changed, a cyclic sector chain) are refused within
//! seconds, in Chinese, under the memory budget, without taking the machine down.

mod common;

use common::{xls, TestEnv};

const ROWS: usize = 204;

fn export_rows() -> Vec<Vec<xls::Cell>> {
    xls::null_metadata_export(ROWS)
}

/// The export that lost three quarters of its respondents, as the `.xls` it came in:
/// read through the helper process, every respondent kept, the district a dimension.
#[test]
fn a_legacy_export_with_null_metadata_keeps_every_respondent() {
    let env = TestEnv::new();
    let (bytes, _) = xls::write("Sheet1", &export_rows());
    let path = env.write("问卷.xls", &bytes);
    let out = env.cmd().arg("inspect").arg("--json").arg(&path).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let pop = &report["populations"][0];
    assert_eq!(pop["source"]["rows_read"], ROWS as u64, "{pop}");
    assert_eq!(pop["group_by"][0]["id"], "q1");
    let satisfied = pop["questions"].as_array().unwrap().iter().find(|q| q["id"] == "q2").unwrap();
    assert_eq!(satisfied["n_valid"], ROWS as u64);

    // The whole run: read = analysed, and the cross-tab by district exists.
    let status = env.cmd().arg("run").arg(&path).arg("--out").arg("报告").arg("--quiet").output().unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let results: serde_json::Value = serde_json::from_slice(&std::fs::read(env.path("报告/results.json")).unwrap()).unwrap();
    let pop = &results["populations"][0];
    assert_eq!((pop["rows_read"].as_u64(), pop["rows_analysed"].as_u64()), (Some(ROWS as u64), Some(ROWS as u64)), "{pop}");
    assert!(results["crosstabs"].as_array().unwrap().iter().any(|c| c["by"] == "q1" && c["question"] == "q2"));
}

/// Run `minyi inspect` on damaged bytes: refused as damaged, in Chinese, naming the file.
fn assert_refused(env: &TestEnv, name: &str, bytes: &[u8]) {
    let path = env.write(name, bytes);
    let out = env.cmd().arg("inspect").arg(&path).timeout(std::time::Duration::from_secs(60)).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
    assert!(stderr.contains("文件已损坏或格式不完整") && stderr.contains(name), "{name}: {stderr}");
}

fn put_u32(bytes: &mut [u8], at: usize, v: u32) {
    bytes[at..at + 4].copy_from_slice(&v.to_le_bytes());
}

/// Length fields changed and a sector chain made cyclic: each refused within the time
/// limit, and no process (minyi or its helper) went past the memory budget.
#[test]
fn damaged_legacy_workbooks_are_refused_within_the_budget() {
    let env = TestEnv::new();
    let (good, at) = xls::write("Sheet1", &export_rows());
    // The sheet claims 2^31 rows by 255 columns: calamine reserves room for every cell.
    let mut huge = good.clone();
    put_u32(&mut huge, at.stream_offset(at.dimensions + 4), 0x7FFF_FFFF);
    huge[at.stream_offset(at.dimensions + 10)] = 0xFF;
    assert_refused(&env, "行数字段损坏.xls", &huge);
    // The directory's sector chain points back to itself: a reader that follows it
    // never ends.
    let mut cyclic = good.clone();
    put_u32(&mut cyclic, at.fat_entry(at.dir_sector), at.dir_sector as u32);
    assert_refused(&env, "扇区链循环.xls", &cyclic);
    // The Workbook stream's chain loops from its last sector back to its first, and
    // its size field says 2 GiB: a reader that trusts the size reads forever.
    let mut endless = good.clone();
    put_u32(&mut endless, at.fat_entry(at.stream_sectors - 1), 0);
    put_u32(&mut endless, at.dir_entry(1) + 120, 0x7FFF_FFFF);
    assert_refused(&env, "数据流循环.xls", &endless);
    // The sheet's position lies far past the end of the stream.
    let mut beyond = good.clone();
    put_u32(&mut beyond, at.stream_offset(at.boundsheet), 0x0FFF_FFFF);
    assert_refused(&env, "工作表位置损坏.xls", &beyond);
    // A FAT entry that points past the end of the file.
    let mut past = good.clone();
    put_u32(&mut past, at.fat_entry(0), 0x00FF_FFF0);
    assert_refused(&env, "分配表损坏.xls", &past);

    // Peak resident memory of any process this test waited for, helpers included.
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr());
        usage.assume_init()
    };
    let peak_kib = usage.ru_maxrss as u64;
    let budget_kib = minyi::ingest::helper::memory_budget(good.len() as u64) / 1024;
    assert!(peak_kib < budget_kib, "peak {peak_kib} KiB over the budget {budget_kib} KiB");
}

/// 300 copies with one to four random bytes changed (seeded): each is read or refused
/// as damaged; none crashes, hangs or answers in English.
#[test]
fn randomly_damaged_copies_are_read_or_refused() {
    use rand::{Rng, SeedableRng};
    let env = TestEnv::new();
    let (good, _) = xls::write("Sheet1", &export_rows());
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
    let (mut read, mut refused) = (0, 0);
    for copy in 0..300 {
        let mut bytes = good.clone();
        for _ in 0..rng.random_range(1..=4) {
            let at = rng.random_range(0..bytes.len());
            bytes[at] = rng.random();
        }
        let path = env.write("副本.xls", &bytes);
        let out = env.cmd().arg("inspect").arg(&path).timeout(std::time::Duration::from_secs(60)).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        match out.status.code() {
            Some(0) => read += 1,
            Some(2) => {
                refused += 1;
                assert!(!stderr.contains("内部错误") && stderr.starts_with("错误："), "copy {copy}: {stderr}");
            }
            other => panic!("copy {copy}: exit {other:?}: {stderr}"),
        }
    }
    assert_eq!(read + refused, 300);
}
