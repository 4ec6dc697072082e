//! Shared helpers: a temporary folder per test, fixture writers, the CLI binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub struct TestEnv {
    pub dir: tempfile::TempDir,
}

impl TestEnv {
    pub fn new() -> TestEnv {
        TestEnv { dir: tempfile::tempdir().expect("tempdir") }
    }
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, bytes).expect("write fixture");
        p
    }
    /// A workbook with one sheet of text cells.
    pub fn xlsx(&self, name: &str, sheet: &str, rows: &[Vec<String>]) -> PathBuf {
        let p = self.path(name);
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name(sheet).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() {
                    ws.write_string(r as u32, c as u16, v).unwrap();
                }
            }
        }
        wb.save(&p).unwrap();
        p
    }
    pub fn cmd(&self) -> assert_cmd::Command {
        let mut c = assert_cmd::Command::cargo_bin("minyi").unwrap();
        c.env_clear().current_dir(self.dir.path());
        c
    }
}

pub fn rows(v: &[&[&str]]) -> Vec<Vec<String>> {
    v.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect()
}

/// The repository root (for the bundled samples).
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Options as ingest can know them from a text export: the exact order for scales,
/// ordinal options (with numbers) and multi choice (order of the joined answers); for
/// nominal single choice the order is not in the data, so only the set (and "其他"
/// last) is checked.
pub fn assert_options(kind: &str, got: &[String], want: &[String], what: &str) {
    let ordinal = want.iter().filter(|o| !o.starts_with("其他")).all(|o| o.chars().any(|c| c.is_ascii_digit()) || o == "从不");
    if matches!(kind, "likert" | "matrix" | "multi") || ordinal {
        assert_eq!(got, want, "{what}");
    } else {
        let (mut g, mut w) = (got.to_vec(), want.to_vec());
        g.sort();
        w.sort();
        assert_eq!(g, w, "{what}");
        if want.last().is_some_and(|o| o.starts_with("其他")) {
            assert_eq!(got.last(), want.last(), "{what}: 其他 last");
        }
    }
}
pub mod xls;
