//! Any bytes as an .xls, read in this process by calamine (without the panic guard and
//! without the helper process minyi reads it in): must return Ok or an error, never
//! panic. Allocation failures found here are what the helper's limits bound
//! (src/ingest/helper.rs); report them upstream, they need no fix in minyi.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static DIR: LazyLock<tempfile::TempDir> = LazyLock::new(|| tempfile::tempdir().unwrap());

fuzz_target!(|data: &[u8]| {
    let path = DIR.path().join("input.xls");
    std::fs::write(&path, data).unwrap();
    let _ = minyi::ingest::excel::read_unguarded(&path, minyi::model::Format::Xls, None, None);
});
