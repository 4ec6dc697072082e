//! Any bytes as a .csv: encoding detection, CSV parsing, header detection, type
//! inference and frame building must return Ok or a typed error, never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static DIR: LazyLock<tempfile::TempDir> = LazyLock::new(|| tempfile::tempdir().unwrap());

fuzz_target!(|data: &[u8]| {
    let path = DIR.path().join("input.csv");
    std::fs::write(&path, data).unwrap();
    let _ = minyi::ingest::read_population(&path, None);
});
