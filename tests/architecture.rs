//! The import rule of docs/architecture.md, read off the source: a stage imports the
//! model and shared utilities, never another stage; the model and the utilities know no
//! stage; only `lib.rs` wires the stages together.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const STAGES: [&str; 7] = ["ingest", "clean", "stats", "text", "chart", "brief", "compare"];
/// Modules a stage may import besides itself.
const SHARED: [&str; 3] = ["model", "util", "diag"];

/// Every Rust file of `src/`, sorted.
fn all_sources() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

/// The files of one top-level module: `src/<module>.rs` and everything under `src/<module>/`.
fn sources(module: &str) -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (file, dir) = (src.join(format!("{module}.rs")), src.join(module));
    all_sources().into_iter().filter(|p| *p == file || p.starts_with(&dir)).collect()
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

/// Every module of `src/` has a place in the rule: a stage, shared, a view or generator
/// that reads the model only (`inspect`, `sample`), the report folder (`output`), or the
/// wiring (`lib`, `config`, and the binary's `main` and `cli`). A new module must be
/// placed here before it can land.
#[test]
fn every_module_has_a_place_and_keeps_to_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let wiring = ["lib", "config", "main", "cli"];
    let readers = ["inspect", "sample"];
    let mut unplaced = Vec::new();
    for e in std::fs::read_dir(&src).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().trim_end_matches(".rs").to_string();
        let placed = STAGES.contains(&name.as_str())
            || SHARED.contains(&name.as_str())
            || wiring.contains(&name.as_str())
            || readers.contains(&name.as_str())
            || name == "output";
        if !placed && (e.path().is_dir() || e.path().extension().is_some_and(|x| x == "rs")) {
            unplaced.push(name);
        }
    }
    assert!(unplaced.is_empty(), "modules with no place in docs/architecture.md: {unplaced:?}");
    let mut wrong = Vec::new();
    for module in readers {
        assert!(!sources(module).is_empty(), "no source for {module}");
        for (file, m) in imports_of(module) {
            if !SHARED.contains(&m.as_str()) {
                wrong.push(format!("{} imports crate::{m}", file.display()));
            }
        }
    }
    for (file, m) in imports_of("output") {
        wrong.push(format!("{} imports crate::{m}", file.display()));
    }
    assert!(wrong.is_empty(), "inspect and sample read the model and shared utilities only; output imports nothing:\n{}", wrong.join("\n"));
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

/// The parallelism policy of docs/architecture.md: code that runs inside rayon tasks never
/// enters polars' own thread pool, so the crate builds no lazy polars query at all (a
/// `LazyFrame::collect` inside a `par_iter` let a waiting worker steal further jobs and
/// overflow its stack on a 1,025-column export). Frame-wide operations that use polars'
/// pool (`DataFrame::filter`) run only between stages, on the calling thread.
#[test]
fn no_stage_builds_a_lazy_polars_query() {
    let mut wrong = Vec::new();
    let mut all = Vec::new();
    for module in STAGES.iter().chain(SHARED.iter()).chain(["lib", "config", "inspect", "output", "sample"].iter()) {
        all.extend(sources(module));
    }
    for f in all {
        let text = std::fs::read_to_string(&f).unwrap();
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if code.contains(".lazy()") || code.contains("LazyFrame") {
                wrong.push(format!("{}:{}: {}", f.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(wrong.is_empty(), "a lazy polars query (its collect runs in polars' pool):\n{}", wrong.join("\n"));
}

/// Word lists are data: no list of more than three Chinese phrases is written in `src/`
/// (they are in `data/dict/words.toml`, loaded by `util::words`, extensible by `[dict]`).
/// What stays in code is not a list of phrases that decides meaning: the taxonomy's fixed
/// top-level categories, spreadsheet column headers, numerals and redaction placeholders
/// (and the sample generator's phrase banks, which make test data).
#[test]
fn word_lists_live_in_data_not_in_code() {
    let allowed = [
        ("src/text/departments.rs", "CATEGORIES"),
        ("src/brief/draft/mod.rs", "const CN"),
        ("src/util/redact.rs", "PLACEHOLDERS"),
        ("src/brief/xlsx.rs", ""),
    ];
    let list = regex::Regex::new(r#"\[\s*((?:"[^"]*"\s*,\s*)+"[^"]*"\s*,?\s*)\]"#).unwrap();
    let item = regex::Regex::new(r#""([^"]*)""#).unwrap();
    let cjk = |s: &str| s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for m in STAGES.iter().chain(SHARED.iter()).chain(["lib", "config", "inspect", "output"].iter()) {
        files.extend(sources(m));
    }
    let mut found = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let body = text.split("#[cfg(test)]\nmod").next().unwrap_or("");
        let rel = f.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
        for m in list.find_iter(body) {
            let phrases = item.captures_iter(m.as_str()).filter(|c| cjk(&c[1])).count();
            if phrases <= 3 {
                continue;
            }
            let line_start = body[..m.start()].rfind('\n').map_or(0, |i| i + 1);
            let mut from = line_start.saturating_sub(120);
            while !body.is_char_boundary(from) {
                from -= 1;
            }
            let context = &body[from..m.start()];
            if allowed.iter().any(|(file, marker)| rel == *file && context.contains(marker)) {
                continue;
            }
            let line = body[..m.start()].matches('\n').count() + 1;
            found.push(format!("{rel}:{line}: {} phrases", phrases));
        }
    }
    assert!(found.is_empty(), "phrase lists written in code (move them to data/dict/words.toml):\n{}", found.join("\n"));
}

/// Code a reader can hold: no function of `src/` over 120 lines and no file over 600
/// lines, tests aside (counted up to a file's `#[cfg(test)]`). A function's length runs
/// from its `fn` line to the brace that closes it.
#[test]
fn functions_and_files_a_reader_can_hold() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = all_sources();
    let fn_line = regex::Regex::new(r"^\s*(pub(\([a-z]+\))?\s+)?(const\s+)?fn\s+(\w+)").unwrap();
    let mut long = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let body = text.split("#[cfg(test)]\nmod").next().unwrap_or("");
        let lines: Vec<&str> = body.lines().collect();
        let rel = f.strip_prefix(&src).unwrap().display().to_string();
        if lines.len() > 600 {
            long.push(format!("{rel}: {} lines", lines.len()));
        }
        let mut i = 0;
        while i < lines.len() {
            let Some(m) = fn_line.captures(lines[i]) else {
                i += 1;
                continue;
            };
            let (mut depth, mut opened, mut j) = (0i32, false, i);
            while j < lines.len() {
                for c in lines[j].chars() {
                    match c {
                        '{' => {
                            depth += 1;
                            opened = true;
                        }
                        '}' => depth -= 1,
                        _ => {}
                    }
                }
                if (opened && depth <= 0) || (!opened && lines[j].trim_end().ends_with(';')) {
                    break;
                }
                j += 1;
            }
            let n = j - i + 1;
            if n > 120 {
                long.push(format!("{rel}:{}: fn {} is {n} lines", i + 1, &m[4]));
            }
            i = if opened { j + 1 } else { i + 1 };
        }
    }
    assert!(long.is_empty(), "split these so a reader can hold them:\n{}", long.join("\n"));
}

/// No import cycle between the modules of a stage: a module names others through `super::`
/// and `crate::` paths (their longest known module prefix), not counting its own ancestors
/// (a child reads the types its parent declares). Shared units and wording live in leaf
/// modules (`text/unit.rs`, `brief/wording.rs`, `ingest/workbook.rs`) so that the steps
/// using them do not import one another.
#[test]
fn no_import_cycle_inside_a_stage() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules: Vec<(String, PathBuf)> = all_sources()
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(&src).unwrap().with_extension("").display().to_string().replace('\\', "/");
            (rel.trim_end_matches("/mod").replace('/', "::"), p)
        })
        .collect();
    let known: BTreeSet<String> = modules.iter().map(|m| m.0.clone()).collect();
    let path_re = regex::Regex::new(r"\b(super|crate)::((?:\w+::)*\w+)").unwrap();
    let group_re = regex::Regex::new(r"use (super|crate)::(?:(\w+)::)?\{([^}]*)\}").unwrap();
    let mut edges: std::collections::BTreeMap<String, BTreeSet<String>> = Default::default();
    for (m, p) in &modules {
        let text = std::fs::read_to_string(p).unwrap();
        let body = text.split("#[cfg(test)]\nmod").next().unwrap_or("");
        let parent: Vec<&str> = m.split("::").collect();
        let parent = &parent[..parent.len() - 1];
        // `super::super::x` climbs one module per `super`.
        let resolve = |base: &str, parts: Vec<&str>| -> Option<String> {
            let full: Vec<&str> = if base == "crate" {
                parts
            } else {
                let ups = parts.iter().take_while(|p| **p == "super").count();
                let keep = parent.len().checked_sub(ups)?;
                parent[..keep].iter().copied().chain(parts.into_iter().skip(ups)).collect()
            };
            (1..=full.len()).rev().map(|k| full[..k].join("::")).find(|c| known.contains(c))
        };
        let mut add = |target: Option<String>| {
            if let Some(t) = target.filter(|t| t != m && !m.starts_with(&format!("{t}::"))) {
                edges.entry(m.clone()).or_default().insert(t);
            }
        };
        for line in body.lines().map(str::trim).filter(|l| !l.starts_with("//")) {
            for c in path_re.captures_iter(line) {
                add(resolve(&c[1], c[2].split("::").collect()));
            }
            if let Some(g) = group_re.captures(line) {
                for item in g[3].split(',') {
                    let name = item.trim().split("::").next().unwrap_or("").trim();
                    if name.is_empty() {
                        continue;
                    }
                    let mut parts: Vec<&str> = g.get(2).map(|x| vec![x.as_str()]).unwrap_or_default();
                    parts.push(name);
                    add(resolve(&g[1], parts));
                }
            }
        }
    }
    // A cycle: a module that reaches itself.
    let mut cycles = Vec::new();
    for start in edges.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<String> = edges[start].iter().cloned().collect();
        while let Some(n) = stack.pop() {
            if &n == start {
                cycles.push(start.clone());
                break;
            }
            if seen.insert(n.clone()) {
                stack.extend(edges.get(&n).into_iter().flatten().cloned());
            }
        }
    }
    // The model re-exports its parts, so `crate::model::X` reads as an edge to `model`.
    cycles.retain(|c| !c.starts_with("model"));
    assert!(cycles.is_empty(), "modules inside an import cycle: {cycles:?}");
}
