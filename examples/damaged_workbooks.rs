//! Damage `.xls` workbooks a few bytes at a time and see what minyi does with each copy:
//! read, refused in Chinese, or crashed — with the slowest time and the largest memory.
//!
//! ```sh
//! cargo build --release
//! cargo run --release --example damaged_workbooks -- --copies 1000 [FILE.xls …]
//! cargo run --release --example damaged_workbooks -- --copies 1000 --in-process [FILE.xls …]
//! cargo run --release --example damaged_workbooks -- --write-fixture seed.xls
//! ```
//!
//! Without files it damages the 问卷星-style fixture of `tests/workbooks.rs`. Each copy
//! is read by `minyi inspect` (the release binary beside this example), whose helper
//! process bounds the legacy reader; with `--in-process` each copy is read by the
//! library in a process of this example's own, under a 3 GiB address-space cap so the
//! machine survives, as minyi read them before the helper existed.

#[path = "../tests/common/xls.rs"]
#[allow(dead_code)]
mod xls;

use rand::{Rng, SeedableRng};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Default)]
struct Tally {
    read: usize,
    refused: usize,
    other_exit: usize,
    killed: usize,
    slowest: Duration,
    peak_kib: i64,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).is_some_and(|a| a == "--read") {
        // The in-process reader: cap this process, read, report by exit code.
        unsafe {
            let lim = libc::rlimit { rlim_cur: 3 << 30, rlim_max: 3 << 30 };
            libc::setrlimit(libc::RLIMIT_AS, &lim);
        }
        let r = minyi::ingest::ingest_paths(&[PathBuf::from(&args[2])]);
        std::process::exit(if r.is_ok() { 0 } else { 2 });
    }
    if args.get(1).is_some_and(|a| a == "--write-fixture") {
        std::fs::write(&args[2], fixture()).expect("write the fixture");
        return;
    }
    let mut copies = 300;
    let mut in_process = false;
    let mut files = Vec::new();
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--copies" => copies = it.next().and_then(|v| v.parse().ok()).expect("--copies N"),
            "--in-process" => in_process = true,
            f => files.push(PathBuf::from(f)),
        }
    }
    let mut bases: Vec<(String, Vec<u8>)> = files.iter().map(|f| (f.display().to_string(), std::fs::read(f).expect("read"))).collect();
    if bases.is_empty() {
        bases.push(("fixture".into(), fixture()));
    }
    let me = std::env::current_exe().unwrap();
    let minyi = me.parent().unwrap().parent().unwrap().join("minyi");
    let dir = tempfile::tempdir().unwrap();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2026);
    for (name, good) in &bases {
        let mut t = Tally::default();
        for _ in 0..copies {
            let mut bytes = good.clone();
            for _ in 0..rng.random_range(1..=4) {
                let at = rng.random_range(0..bytes.len());
                bytes[at] = rng.random();
            }
            let path = dir.path().join("copy.xls");
            std::fs::write(&path, &bytes).unwrap();
            let mut cmd = if in_process {
                let mut c = std::process::Command::new(&me);
                c.arg("--read").arg(&path);
                c
            } else {
                let mut c = std::process::Command::new(&minyi);
                c.arg("inspect").arg(&path);
                c
            };
            let before = (t.read, t.refused);
            measure(&mut cmd, &path, &mut t);
            if let Ok(keep) = std::env::var("KEEP_REFUSED") {
                if t.refused > before.1 {
                    std::fs::write(Path::new(&keep).join(format!("refused-{}.xls", t.refused)), &bytes).unwrap();
                }
            }
        }
        println!(
            "{name}: {copies} copies ({}) — read {}, refused {}, other exit {}, killed by a signal {}; slowest {:.2} s, peak {} MiB",
            if in_process { "in-process" } else { "minyi inspect" },
            t.read,
            t.refused,
            t.other_exit,
            t.killed,
            t.slowest.as_secs_f64(),
            t.peak_kib / 1024
        );
    }
}

/// Run one reader and wait for it with `wait4`, which also gives the largest resident
/// set of it and of the helpers it waited for.
fn measure(cmd: &mut std::process::Command, _path: &Path, t: &mut Tally) {
    let started = Instant::now();
    let child = cmd.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap();
    let mut status = 0;
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: wait4 fills status and usage for the child we spawned.
    let usage = unsafe {
        libc::wait4(child.id() as i32, &mut status, 0, usage.as_mut_ptr());
        usage.assume_init()
    };
    t.slowest = t.slowest.max(started.elapsed());
    t.peak_kib = t.peak_kib.max(usage.ru_maxrss);
    if libc::WIFSIGNALED(status) {
        t.killed += 1;
    } else {
        match libc::WEXITSTATUS(status) {
            0 => t.read += 1,
            2 => t.refused += 1,
            _ => t.other_exit += 1,
        }
    }
}

/// The fixture of tests/workbooks.rs: a 问卷星-style export of 204 rows.
fn fixture() -> Vec<u8> {
    xls::write("Sheet1", &xls::null_metadata_export(204)).0
}
