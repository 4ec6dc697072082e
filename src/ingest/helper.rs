//! Binary and legacy workbooks (.xls, .xlsb, .ods) are parsed in a helper process with
//! a memory and time limit.
//!
//! calamine trusts length fields inside these files: a damaged `.xls` (a few changed
//! bytes, as a bad USB stick leaves it) can make it reserve or fill tens of gigabytes,
//! and a failed allocation aborts the whole process — no `catch_unwind` can turn that
//! into an error. So the `minyi` binary registers itself ([`isolate_with`]) and each such
//! workbook is read by a copy of it started with a hidden argument ([`HELPER_ARG`]):
//! the copy limits its own address space and CPU time, reads the sheets as text and
//! writes them to its standard output as JSON. When it dies — out of memory, out of time,
//! a crash — the file is refused as damaged, within seconds, and nothing else is lost.
//!
//! A program that uses the library without registering a helper reads these formats in
//! its own process (with the panic guard only). `.xlsx` is always read in-process: its
//! zip container is checked first ([`super::excel`]), and it is the hot path (a
//! 4,112-row export in ~110 ms; a helper costs a process start and a JSON round trip).

use super::workbook::{read_all, RawSheet, ReadFailure};
use crate::diag::IngestError;
use crate::model::Format;
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The hidden first argument that makes the `minyi` binary serve one workbook.
pub const HELPER_ARG: &str = "__read-workbook";

/// Memory a helper may use: 1 GiB plus eight times the file (the text of every cell,
/// held once by calamine and once as the reply, is a small multiple of the file).
pub fn memory_budget(file_len: u64) -> u64 {
    (1 << 30) + 8 * file_len
}

/// Time a helper may take: 20 s plus 1 s per MiB (a 10 MiB `.xls` reads in about 2 s).
pub fn time_budget(file_len: u64) -> Duration {
    Duration::from_secs(20 + file_len / (1 << 20))
}

static PROGRAM: OnceLock<PathBuf> = OnceLock::new();

/// Read binary and legacy workbooks in helper processes started from `exe`, which must
/// be the `minyi` binary (it answers [`HELPER_ARG`]). The binary calls this at start.
pub fn isolate_with(exe: PathBuf) {
    let _ = PROGRAM.set(exe);
}

pub(crate) fn program() -> Option<&'static Path> {
    PROGRAM.get().map(PathBuf::as_path)
}

/// Formats read in a helper.
pub(crate) fn isolated(format: Format) -> bool {
    matches!(format, Format::Xls | Format::Xlsb | Format::Ods)
}

fn format_arg(format: Format) -> &'static str {
    match format {
        Format::Xlsx => "xlsx",
        Format::Xlsb => "xlsb",
        Format::Xls => "xls",
        Format::Ods => "ods",
        Format::Csv => "csv",
    }
}

type Reply = Result<Vec<RawSheet>, ReadFailure>;

/// Read a workbook's sheets in a helper process; a helper that dies or overruns its
/// time is a damaged file. `None` when no helper could be started or watched (the
/// caller then reads in-process).
pub(crate) fn load(exe: &Path, path: &Path, format: Format, sheet: Option<&str>) -> Result<Option<Vec<RawSheet>>, IngestError> {
    let len = std::fs::metadata(path).map_err(|source| IngestError::Io { path: path.to_path_buf(), source })?.len();
    let (memory, time) = (memory_budget(len), time_budget(len));
    let damaged = |detail: String| IngestError::Corrupt { path: path.to_path_buf(), detail };
    let mut cmd = Command::new(exe);
    cmd.arg(HELPER_ARG).arg(path).arg(format_arg(format)).arg(memory.to_string()).arg(time.as_secs().to_string());
    if let Some(s) = sheet {
        cmd.arg(s);
    }
    // The binary's allocator (mimalloc) reserves address space 1 GiB at a time; under
    // the address-space cap that reservation can fail at start and abort a helper
    // reading a sound file (5 of 300 runs here). Smaller reservations keep the cap a
    // limit on what the reader asks for.
    cmd.env("MIMALLOC_ARENA_RESERVE", "64MiB");
    // The helper's own complaints (an allocator's abort message) are not for the user.
    let Ok(mut child) = cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::null()).spawn() else {
        // No helper to be had (the binary moved, no processes left): read here, as a
        // library user without a helper does.
        return Ok(None);
    };
    let out = child.stdout.take().expect("stdout is piped");
    let reader = std::thread::spawn(move || serde_json::from_reader::<_, Reply>(BufReader::new(out)));
    let started = Instant::now();
    let mut pause = Duration::from_millis(1);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > time => {
                let _ = child.kill();
                let _ = child.wait();
                let _ = reader.join();
                return Err(damaged(format!("读取超过 {} 秒仍未完成", time.as_secs())));
            }
            Ok(None) => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(20));
            }
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                let _ = reader.join();
                return Ok(None);
            }
        }
    };
    let reply = reader.join().ok().and_then(Result::ok);
    match reply {
        Some(Ok(sheets)) if status.success() => Ok(Some(sheets)),
        Some(Err(failure)) if status.success() => Err(failure.into_error(path)),
        _ => Err(damaged(format!("读取时所需内存超过上限（{} MiB）或读取器异常退出", memory >> 20))),
    }
}

/// The helper's side: limit this process, read the workbook, write the reply. `args`
/// are what follows [`HELPER_ARG`]: path, format, memory bytes, seconds, [sheet].
/// Returns the exit code.
pub fn serve(args: &[std::ffi::OsString]) -> u8 {
    let [path, format, memory, seconds, rest @ ..] = args else { return 2 };
    let text = |s: &std::ffi::OsString| s.to_str().map(str::to_string);
    let (Some(format), Some(memory), Some(seconds)) = (text(format), text(memory), text(seconds)) else { return 2 };
    let format = match format.as_str() {
        "xls" => Format::Xls,
        "xlsb" => Format::Xlsb,
        "ods" => Format::Ods,
        "xlsx" => Format::Xlsx,
        _ => return 2,
    };
    let (Ok(memory), Ok(seconds)) = (memory.parse::<u64>(), seconds.parse::<u64>()) else { return 2 };
    limit_self(memory, seconds);
    let sheet = rest.first().and_then(text);
    let reply: Reply = read_all(Path::new(path), format, sheet.as_deref());
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if serde_json::to_writer(&mut out, &reply).is_err() || out.flush().is_err() {
        return 2;
    }
    0
}

/// Cap this process's address space and CPU time (Unix; elsewhere only the parent's
/// time limit applies).
fn limit_self(memory: u64, seconds: u64) {
    #[cfg(unix)]
    // SAFETY: setrlimit reads the struct we pass and changes only this process's limits.
    unsafe {
        // Cap both limits; when the hard limit is already lower than asked (a process may
        // not raise it), keep it and cap the soft limit under it instead.
        let cap = |resource, value: u64| {
            let lim = libc::rlimit { rlim_cur: value as libc::rlim_t, rlim_max: value as libc::rlim_t };
            if libc::setrlimit(resource, &lim) != 0 {
                let mut old = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
                if libc::getrlimit(resource, &mut old) == 0 {
                    let lim = libc::rlimit { rlim_cur: (value as libc::rlim_t).min(old.rlim_max), rlim_max: old.rlim_max };
                    libc::setrlimit(resource, &lim);
                }
            }
        };
        cap(libc::RLIMIT_AS, memory);
        cap(libc::RLIMIT_CPU, seconds + 1);
    }
    #[cfg(not(unix))]
    let _ = (memory, seconds);
}
