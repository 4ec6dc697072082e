//! Any bytes as an .xlsx: the zip-bomb check and calamine's reader (without the
//! panic guard minyi normally wraps it in) must return Ok or an error, never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static DIR: LazyLock<tempfile::TempDir> = LazyLock::new(|| tempfile::tempdir().unwrap());

fuzz_target!(|data: &[u8]| {
    let path = DIR.path().join("input.xlsx");
    std::fs::write(&path, data).unwrap();
    let _ = minyi::ingest::excel::read_unguarded(&path, minyi::model::Format::Xlsx, None, None);
});
