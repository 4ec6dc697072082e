//! The `minyi` command: parse arguments, call the library, print errors in Chinese.

mod cli;

use clap::Parser;
use cli::{Cli, Command};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set by the signal thread before it removes the report being written: an error the
/// main thread meets after that (its staging folder gone) is the interruption's, not
/// the user's, and the signal thread's exit code stands.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

// mimalloc: the text stage allocates many small strings (clauses, terms); with it the
// text stage on 100,000 answers takes 2.2–2.8 s instead of 2.8–3.5 s (docs/text.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // A copy of this program started to read one binary workbook under limits.
    let mut args = std::env::args_os();
    if args.nth(1).is_some_and(|a| a == minyi::ingest::helper::HELPER_ARG) {
        let rest: Vec<_> = args.collect();
        return ExitCode::from(minyi::ingest::helper::serve(&rest));
    }
    if let Ok(exe) = std::env::current_exe() {
        minyi::ingest::helper::isolate_with(exe);
    }
    // A panic is a bug in minyi, never the user's fault: say so in their language.
    std::panic::set_hook(Box::new(|info| {
        if minyi::util::panic_is_caught() {
            // A reader's panic that the library turns into a Chinese error of its own.
            return;
        }
        let at = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!("内部错误（{at}）：minyi 遇到了意外情况，请把输入文件和这条信息反馈给开发者");
    }));
    remove_staging_on_signal();
    let cli = Cli::parse();
    match dispatch(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if INTERRUPTED.load(Ordering::SeqCst) {
                // The signal thread is cleaning up and will exit with 128 + the signal.
                loop {
                    std::thread::park();
                }
            }
            if e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) {
                return ExitCode::SUCCESS;
            }
            eprintln!("错误：{e:#}");
            ExitCode::from(2)
        }
    }
}

fn dispatch(cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Run { paths, out, config, k, seed, title, template, draft, quiet, compare_with } => {
            let summary =
                minyi::run(&minyi::RunOptions { paths, out, config, k, seed, title, template, draft: draft.into(), quiet, compare_with })?;
            println!("{}", summary.out_dir.display());
            Ok(())
        }
        Command::Inspect { paths, json, write_config, config } => {
            minyi::inspect_cmd(&paths, json, write_config.as_deref(), config.as_deref())
        }
        Command::Compare { old, new, out, config } => {
            let pairs = match &config {
                Some(c) => minyi::config::SurveyConfig::load(c)?.compare.unwrap_or_default(),
                None => minyi::model::CompareConfig::default(),
            };
            let dir = minyi::compare_cmd_with(&old, &new, out.as_deref(), &pairs)?;
            println!("{}", dir.display());
            Ok(())
        }
        Command::Sample { out, seed } => {
            let written = minyi::sample::write_samples(&out, seed)?;
            for f in written {
                println!("{}", f.display());
            }
            Ok(())
        }
    }
}

/// On Ctrl-C, a closed terminal or `kill`, remove the report being written before
/// exiting (the previous report stays as it was). Exit code 128 + the signal, as a shell
/// reports it.
fn remove_staging_on_signal() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else { return };
        std::thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                INTERRUPTED.store(true, Ordering::SeqCst);
                minyi::output::abandon_all();
                // Not eprintln!: after SIGHUP the terminal may be gone, and a failed write
                // must not panic this thread before the exit.
                use std::io::Write;
                let _ = writeln!(std::io::stderr(), "已中断：未写完的报告已删除，原有报告保持不变");
                std::process::exit(128 + sig);
            }
        });
    }
}
