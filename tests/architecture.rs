//! The import rule of docs/architecture.md, read off the source: a stage imports the
//! model and shared utilities, never another stage; the model and the utilities know no
//! stage; only `lib.rs` wires the stages together.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const STAGES: [&str; 7] = ["ingest", "clean", "stats", "text", "chart", "brief", "compare"];
/// Modules a stage may import besides itself.
const SHARED: [&str; 3] = ["model", "util", "diag"];

fn sources(module: &str) -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let file = src.join(format!("{module}.rs"));
    let mut out = Vec::new();
    if file.exists() {
        out.push(file);
    }
    let mut dirs = vec![src.join(module)];
    while let Some(d) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The top-level modules a source file names through `crate::` (in `use` lines and
/// paths, including `use crate::{a, b::c}` groups). Comments are skipped.
fn crate_modules(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in text.lines().map(str::trim_start).filter(|l| !l.starts_with("//")) {
        let mut rest = line;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let inner = group.split('}').next().unwrap_or("");
                for item in inner.split(',') {
                    let name: String = item.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                    if !name.is_empty() {
                        out.insert(name);
                    }
                }
            } else {
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                out.insert(name);
            }
        }
    }
    out
}

fn imports_of(module: &str) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    for f in sources(module) {
        let text = std::fs::read_to_string(&f).unwrap();
        for m in crate_modules(&text) {
            if m != module {
                found.push((f.clone(), m));
            }
        }
    }
    found
}

#[test]
fn the_reader_of_imports_finds_groups_and_paths() {
    let text = "use crate::model::{Kind, Stats};\nuse crate::{util::math, diag::Warning};\n// crate::brief in a comment\nlet x = crate::text::redact(s);";
    let got: Vec<String> = crate_modules(text).into_iter().collect();
    assert_eq!(got, ["diag", "model", "text", "util"]);
}

#[test]
fn stages_import_only_the_model_and_shared_utilities() {
    let mut wrong = Vec::new();
    for stage in STAGES {
        assert!(!sources(stage).is_empty(), "no source for stage {stage}");
        for (file, m) in imports_of(stage) {
            if !SHARED.contains(&m.as_str()) {
                wrong.push(format!("{} imports crate::{m}", file.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "a stage imports another module than model, util and diag:\n{}", wrong.join("\n"));
}

#[test]
fn the_model_and_utilities_know_no_stage() {
    let mut wrong = Vec::new();
    for (module, allowed) in [("model", &["util", "diag"][..]), ("util", &[][..]), ("diag", &[][..])] {
        for (file, m) in imports_of(module) {
            if !allowed.contains(&m.as_str()) {
                wrong.push(format!("{} imports crate::{m}", file.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
