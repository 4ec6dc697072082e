//! Ingest: files → [`Survey`]. Owns reading workbooks and text tables, finding the
//! header, recognising the platform's layout and every question's type, and building
//! one typed polars `DataFrame` per population.
//!
//! Steps per file: [`sniff`] the format → read a raw [`grid::Grid`] ([`excel`] or
//! [`csv`]) → parse headers and group columns ([`platform`]) → infer kinds
//! ([`infer`]) → apply the user's config → build typed columns ([`build`]).
//! Files are independent and read in parallel.

pub mod build;
pub mod cells;
pub mod csv;
pub mod excel;
pub mod grid;
pub mod helper;
pub(crate) mod infer;
pub mod platform;
pub(crate) mod roles;
mod workbook;

use crate::diag::{IngestError, Location, Warning};
use crate::model::*;
use build::Plan;
use grid::{Grid, GridError};
use infer::GroupKind;
use platform::Head;
use polars::prelude::*;
use rayon::prelude::*;
use std::io::Read;
use std::path::{Path, PathBuf};

/// What the ingest stage hands on: the survey and the problems it noticed.
#[derive(Debug, Clone)]
pub struct Ingested {
    pub survey: Survey,
    pub warnings: Vec<Warning>,
}

const EXTENSIONS: [&str; 9] = ["xlsx", "xlsm", "xlsb", "xls", "ods", "csv", "tsv", "txt", "et"];

/// Expand folders into the survey files they hold (sorted by name; Office lock files
/// and hidden files are passed over).
pub fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<PathBuf>, IngestError> {
    let mut out = Vec::new();
    for p in paths {
        if !p.exists() {
            return Err(IngestError::NotFound(p.clone()));
        }
        if p.is_dir() {
            let rd = std::fs::read_dir(p).map_err(|source| IngestError::Io { path: p.clone(), source })?;
            let mut files: Vec<PathBuf> = rd
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|f| f.is_file())
                .filter(|f| {
                    let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
                    let ext = f.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
                    !name.starts_with('.') && !name.starts_with("~$") && EXTENSIONS.contains(&ext.as_str())
                })
                .collect();
            files.sort();
            if files.is_empty() {
                return Err(IngestError::EmptyFolder(p.clone()));
            }
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// The format a file really has, from its extension checked against its first bytes.
pub fn sniff(path: &Path) -> Result<(Format, Option<Warning>), IngestError> {
    let io = |source| IngestError::Io { path: path.to_path_buf(), source };
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let mut magic = [0u8; 8];
    let mut f = std::fs::File::open(path).map_err(io)?;
    let mut got = 0;
    while got < 8 {
        let n = f.read(&mut magic[got..]).map_err(io)?;
        if n == 0 {
            break;
        }
        got += n;
    }
    if got == 0 {
        return Err(IngestError::EmptyFile(path.to_path_buf()));
    }
    let zip = got >= 4 && magic[..4] == *b"PK\x03\x04";
    let ole = got >= 8 && magic == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let by_ext = match ext.as_str() {
        "xlsx" | "xlsm" => Format::Xlsx,
        "xlsb" => Format::Xlsb,
        "xls" | "et" => Format::Xls,
        "ods" => Format::Ods,
        "csv" | "tsv" | "txt" => Format::Csv,
        _ => return Err(IngestError::UnknownExtension { path: path.to_path_buf(), ext }),
    };
    let note = |what: &str| Some(Warning::new(&Location::file(path), format!("扩展名为 .{ext}，但内容是{what}，已按实际格式读取")));
    Ok(match (by_ext, zip, ole) {
        (Format::Csv, true, _) => (Format::Xlsx, note("Excel 工作簿（.xlsx）")),
        (Format::Csv, _, true) => (Format::Xls, note("Excel 97-2003 工作簿（.xls）")),
        (Format::Csv, _, _) => (Format::Csv, None),
        (Format::Xls, true, _) => (Format::Xlsx, note("Excel 工作簿（.xlsx）")),
        (Format::Xlsx | Format::Xlsb | Format::Ods, _, true) => (Format::Xls, note("Excel 97-2003 工作簿（.xls）")),
        (f, true, _) if f != Format::Xls => (f, None),
        (Format::Xls, _, true) => (Format::Xls, None),
        _ => {
            let text = std::str::from_utf8(&magic[..got]).is_ok() || magic[..got].iter().all(|b| *b >= 0x20 || b"\t\r\n".contains(b));
            let (found, hint) = if text {
                (
                    "是纯文本（像 CSV 文件），不是 Excel 工作簿".to_string(),
                    "如果这是 CSV 文件，请把扩展名改为 .csv；否则请在问卷平台重新导出 Excel".to_string(),
                )
            } else {
                ("不是 Excel 工作簿（文件头无法识别）".to_string(), "文件可能已损坏或不是问卷数据；请重新导出".to_string())
            };
            return Err(IngestError::WrongContent { path: path.to_path_buf(), ext, found, hint });
        }
    })
}

/// Turn a grid builder problem into an error naming the file and sheet.
pub(crate) fn grid_error(e: GridError, loc: &Location) -> IngestError {
    match e {
        GridError::CellTooLarge { row, col, size } => {
            IngestError::CellTooLarge { location: loc.clone().row(row + 1).col(col, None), size, limit: grid::CELL_LIMIT }
        }
        GridError::NoHeader { scanned } => IngestError::NoHeader { location: loc.clone(), scanned },
        GridError::NoRows { header_rows } => IngestError::NoRows { location: loc.clone(), header_rows },
    }
}

/// The config's entry for an input file, matched by path or, failing that, by file name.
fn population_for<'a>(populations: &'a [PopulationConfig], path: &Path) -> Option<&'a PopulationConfig> {
    let canon = |p: &Path| std::fs::canonicalize(p).ok();
    let target = canon(path);
    populations
        .iter()
        .find(|p| target.is_some() && canon(Path::new(&p.file)) == target)
        .or_else(|| populations.iter().find(|p| Path::new(&p.file).file_name() == path.file_name()))
}

/// Read every input; one population each, described by its entry in `populations`
/// (the user's corrections) when there is one. Stops at the first file that cannot be read.
pub fn ingest(paths: &[PathBuf], populations: &[PopulationConfig]) -> Result<Ingested, IngestError> {
    let results: Vec<Result<(Population, Vec<Warning>), IngestError>> =
        paths.par_iter().map(|p| read_population(p, population_for(populations, p))).collect();
    let mut survey = Survey { populations: Vec::new() };
    let mut warnings = Vec::new();
    for r in results {
        let (p, w) = r?;
        survey.populations.push(p);
        warnings.extend(w);
    }
    // Names must tell populations apart.
    let names: Vec<String> = survey.populations.iter().map(|p| p.name.clone()).collect();
    for (i, p) in survey.populations.iter_mut().enumerate() {
        if names.iter().filter(|n| **n == p.name).count() > 1 {
            p.name = format!("{}（{}）", p.name, i + 1);
        }
    }
    Ok(Ingested { survey, warnings })
}

/// Read one file into a population.
pub fn read_population(path: &Path, cfg: Option<&PopulationConfig>) -> Result<(Population, Vec<Warning>), IngestError> {
    if !path.exists() {
        return Err(IngestError::NotFound(path.to_path_buf()));
    }
    let mut warnings = Vec::new();
    let (format, note) = sniff(path)?;
    warnings.extend(note);
    let header_row = cfg.and_then(|c| c.header_row);
    let (grid, sheet, encoding) = match format {
        Format::Csv => {
            let forced = cfg.and_then(|c| c.encoding.as_deref()).and_then(|e| encoding_rs::Encoding::for_label(e.as_bytes()));
            let g = csv::read(path, forced, header_row)?;
            if g.replaced > 0 {
                warnings.push(Warning::new(
                    &Location::file(path),
                    format!(
                        "有 {} 个字符无法按 {} 解码，已替换为“�”；如有乱码，请在配置中指定 encoding",
                        g.replaced,
                        csv::encoding_name(g.encoding)
                    ),
                ));
            }
            // An encoding guessed from the bytes that is neither Unicode nor GBK (Big5,
            // Shift_JIS …) may be wrong: say which was chosen and how to choose another.
            let usual = [encoding_rs::UTF_8, encoding_rs::UTF_16LE, encoding_rs::UTF_16BE, encoding_rs::GB18030];
            if forced.is_none() && !usual.contains(&g.encoding) {
                warnings.push(Warning::new(
                    &Location::file(path),
                    format!(
                        "文件编码按 {} 读取（由内容自动判断）；如文字显示为乱码，请在配置文件中为该文件写 encoding = \"GBK\"（或 \"UTF-8\"、\"Big5\"）",
                        csv::encoding_name(g.encoding)
                    ),
                ));
            }
            (g.grid, None, Some(csv::encoding_name(g.encoding)))
        }
        _ => {
            let s = excel::read(path, format, cfg.and_then(|c| c.sheet.as_deref()), header_row)?;
            if let Some(note) = &s.note {
                warnings.push(Warning::new(&Location::file(path), note.clone()));
            }
            for (row, col) in s.error_cells.iter().take(1) {
                let l = Location::file(path).sheet(Some(&s.sheet)).row(*row).col(*col, None);
                warnings.push(Warning::new(&l, format!("共 {} 个单元格是公式错误值（如 #N/A），已按未作答处理", s.error_cells.len())));
            }
            (s.grid, Some(s.sheet), None)
        }
    };
    let loc = Location::file(path).sheet(sheet.as_deref());
    for (title, cols) in &grid.repeated {
        let letters: Vec<String> = cols.iter().map(|&c| crate::diag::column_letter(c)).collect();
        warnings.push(Warning::new(
            &loc,
            format!(
                "{} 列的标题都是“{title}”（同一题的几个填写项或重复的题组），已保留每一列，按位置记为“{title}（1）”“（2）”……",
                letters.join("、")
            ),
        ));
    }
    let heads: Vec<Head> = grid.headers.iter().map(|h| platform::parse_header(h)).collect();
    let platform = platform::detect(&grid, &heads);
    let mut plans = plan(&grid, &heads, platform);
    if let Some(c) = cfg {
        apply_config(&mut plans, c, &grid, platform, &loc, &mut warnings);
    }
    let codes = platform == Platform::WjxCode;
    let built: Vec<(Question, Vec<Column>, Vec<Warning>)> = plans
        .par_iter()
        .map(|p| {
            let mut w = Vec::new();
            let (q, cols) = build::build(p, &grid, codes, &loc, &mut w);
            (q, cols, w)
        })
        .collect();
    let n = grid.height();
    let mut questions = Vec::new();
    let mut columns = Vec::new();
    for (q, cols, w) in built {
        questions.push(q);
        columns.extend(cols);
        warnings.extend(w);
    }
    let ids = response_ids(&questions, &columns, &grid, &loc, &mut warnings);
    let mut all = vec![
        StringChunked::from_iter_values(ID_COLUMN.into(), ids.iter().map(String::as_str)).into_column(),
        UInt32Chunked::from_vec(ROW_COLUMN.into(), grid.rows.clone()).into_column(),
    ];
    all.extend(columns);
    let frame = DataFrame::new(n, all).map_err(|e| IngestError::Frame { location: loc.clone(), detail: e.to_string() })?;
    let group_by = match cfg {
        Some(c) => c.group_by.iter().filter(|g| questions.iter().any(|q| &q.id == *g)).cloned().collect(),
        None => Vec::new(),
    };
    let source = SourceInfo {
        path: path.to_string_lossy().into_owned(),
        format,
        sheet,
        encoding,
        platform,
        header_rows: grid.header_rows.clone(),
        rows_read: n,
        blank_rows: grid.blank_rows,
    };
    let name = cfg.and_then(|c| c.name.clone()).unwrap_or_else(|| crate::model::naming::population(path));
    let (audience, kind_reason) = audience(cfg, &name, &questions, &plans, &grid);
    Ok((Population { name, source, questions, group_by, audience, kind_reason, frame }, warnings))
}

/// Who the population's people are, and why the file is a collection of messages when it
/// is (`kind` and `audience` in the config decide first).
fn audience(cfg: Option<&PopulationConfig>, name: &str, questions: &[Question], plans: &[Plan], grid: &Grid) -> (Audience, String) {
    let kind_reason = match cfg.and_then(|c| c.kind) {
        Some(CollectionKind::Messages) => "配置文件指定".to_string(),
        Some(CollectionKind::Survey) => String::new(),
        None => messages(questions, plans, grid).unwrap_or_default(),
    };
    let audience = match cfg.and_then(|c| c.audience) {
        Some(a) => a,
        None if !kind_reason.is_empty() => Audience::Writers,
        None => {
            let titles: Vec<&str> = questions.iter().map(|q| q.title.as_str()).collect();
            Audience::infer(name, &titles)
        }
    };
    let kind_reason = if audience.writes() { kind_reason } else { String::new() };
    (audience, kind_reason)
}

/// Why a table is a collection of messages (letters, hotline work orders, message-board
/// posts) rather than a questionnaire's answers, if it is: a column's title says so
/// (`[questions] message_title_words`: 留言, 来信, 诉求, 工单 …) or it holds one or two
/// columns of free text whose answers are long (median at least 100 characters); and it
/// asks at most three closed questions (a category, a channel, a status).
fn messages(questions: &[Question], plans: &[Plan], grid: &Grid) -> Option<String> {
    let words = crate::util::words::words().questions.message_title_words;
    let open: Vec<usize> = (0..questions.len()).filter(|&i| questions[i].role == Role::Opinion && questions[i].kind == Kind::Text).collect();
    if open.is_empty() {
        return None;
    }
    // (A questionnaire asks many closed questions; "请留言" in its last question does not
    // make it a collection of letters.)
    let closed = questions.iter().filter(|q| q.role == Role::Answer && !q.kind.is_meta() && q.kind != Kind::Text).count();
    if closed > 3 {
        return None;
    }
    if let Some(w) = open.iter().flat_map(|&i| words.iter().filter(move |w| questions[i].title.contains(**w))).next() {
        return Some(format!("题目含“{w}”，选择题不超过 3 道"));
    }
    let median = |i: usize| -> usize {
        let Some(&m) = plans[i].members.first() else { return 0 };
        let mut lens: Vec<usize> = roles::sample(&grid.columns[m]).iter().map(|v| v.chars().count()).collect();
        lens.sort_unstable();
        lens.get(lens.len() / 2).copied().unwrap_or(0)
    };
    let longest = open.iter().map(|&i| median(i)).max().unwrap_or(0);
    (open.len() <= 2 && longest >= 100)
        .then(|| format!("只有 {} 列文字，文字较长（中位数 {longest} 字），选择题不超过 3 道", open.len()))
}

/// The id column's values when they are present and unique, else row numbers 1, 2, ….
fn response_ids(questions: &[Question], columns: &[Column], grid: &Grid, loc: &Location, warnings: &mut Vec<Warning>) -> Vec<String> {
    let numbered = || (1..=grid.height()).map(|i| i.to_string()).collect();
    let Some(q) = questions.iter().find(|q| q.kind == Kind::Meta(MetaKind::Id)) else { return numbered() };
    let Some(col) = columns.iter().find(|c| c.name().as_str() == q.id) else { return numbered() };
    let Ok(s) = col.str() else { return numbered() };
    let ids: Vec<Option<&str>> = s.iter().collect();
    let mut seen = std::collections::HashSet::with_capacity(ids.len());
    let unique = ids.iter().all(|v| v.is_some_and(|v| seen.insert(v)));
    if !unique {
        let l = loc.clone().col(q.fields[0].source_col, Some(&q.fields[0].header));
        warnings.push(Warning::new(&l, "编号有空缺或重复，答卷编号改用数据行序号（1、2、3……）"));
        return numbered();
    }
    ids.into_iter().map(|v| v.unwrap_or_default().to_string()).collect()
}

/// Plan the questions of a sheet: metadata, grouped columns, inferred kinds, ids.
pub fn plan(grid: &Grid, heads: &[Head], platform: Platform) -> Vec<Plan> {
    let codes = platform == Platform::WjxCode;
    let metas: Vec<Option<MetaKind>> =
        heads.iter().zip(&grid.headers).map(|(h, raw)| if h.number.is_some() { None } else { platform::meta_kind(raw) }).collect();
    let skip: Vec<bool> = metas.iter().map(Option::is_some).collect();
    let profiles: Vec<infer::Profile> = grid.columns.par_iter().map(|c| infer::profile(c, codes)).collect();
    let mut plans: Vec<(usize, Plan)> = Vec::new();
    for (i, m) in metas.iter().enumerate() {
        if let Some(m) = m {
            let kind = Kind::Meta(*m);
            plans.push((i, plan_one(kind.name().to_string(), None, grid.headers[i].clone(), kind, Vec::new(), vec![i])));
        }
    }
    let numbered = heads.iter().any(|h| h.number.is_some());
    let mut seq = 0;
    for g in platform::group(heads, &skip) {
        let base_id = |seq: usize, first: usize| match (g.number, numbered) {
            (Some(n), _) => format!("q{n}"),
            (None, false) => format!("q{seq}"),
            (None, true) => format!("col_{}", crate::diag::column_letter(grid.source_cols[first]).to_lowercase()),
        };
        seq += 1;
        let title = if g.title.is_empty() { g.number.map_or_else(String::new, |n| format!("第{n}题")) } else { g.title.clone() };
        if g.members.len() == 1 {
            let m = g.members[0];
            let (kind, options) = infer::infer_column(&profiles[m], &title, platform);
            // Several choices typed into one cell with a separator: a multi choice, only
            // when the answers show several choices — two written both alone and joined, or
            // choices combined freely (an option label may contain a comma, and its halves
            // then always go together).
            if matches!(kind, Kind::Text | Kind::Single) {
                let found = infer::delimited_multi(&grid.columns[m]).filter(|(_, _, alone)| *alone);
                if let Some((separator, options, _)) = found {
                    let mut p = plan_one(base_id(seq, m), g.number, title, Kind::Multi, options, vec![m]);
                    p.separator = separator;
                    plans.push((m, p));
                    continue;
                }
            }
            plans.push((m, plan_one(base_id(seq, m), g.number, title, kind, options, vec![m])));
            continue;
        }
        // A one-column question followed by the column of its "其他" text (问卷网's
        // "Q1" and "Q1|A4|open").
        if g.members.len() == 2 && g.subs[0].is_empty() && cells::is_other_label(&g.subs[1]) && !profiles[g.members[1]].numeric {
            let m = g.members[0];
            let (kind, options) = infer::infer_column(&profiles[m], &title, platform);
            let mut p = plan_one(base_id(seq, m), g.number, title, kind, options, vec![m]);
            p.other_col = Some(g.members[1]);
            plans.push((m, p));
            continue;
        }
        // Columns holding the "other" text of a question that has its own columns: the
        // last column labelled "其他", when it holds text and follows the option's marks.
        let mut members = g.members.clone();
        let mut subs = g.subs.clone();
        let mut other_col = None;
        if let Some(k) = subs.iter().rposition(|s| cells::is_other_label(s)) {
            let p = &profiles[members[k]];
            if !p.numeric && p.labels.as_ref().is_none_or(|l| l.iter().any(|(v, _)| infer::is_selected_mark(v, &subs[k]).is_none())) {
                // A text column right after a selected-mark "其他" column holds its text.
                if k > 0 && cells::is_other_label(&subs[k - 1]) {
                    other_col = Some(members.remove(k));
                    subs.remove(k);
                }
            }
        }
        let cols: Vec<&grid::RawColumn> = members.iter().map(|&m| &grid.columns[m]).collect();
        let profs: Vec<&infer::Profile> = members.iter().map(|&m| &profiles[m]).collect();
        let sub_group = platform::Group { members: members.clone(), subs: subs.clone(), ..g.clone() };
        match infer::infer_group(&sub_group, &profs, &cols, platform) {
            GroupKind::MultiColumns => {
                let options = subs.iter().map(|s| Choice { other: cells::is_other_label(s), ..Choice::new(s.clone()) }).collect();
                let mut p = plan_one(base_id(seq, members[0]), g.number, title, Kind::Multi, options, members.clone());
                p.subs = subs;
                p.other_col = other_col;
                plans.push((members[0], p));
            }
            GroupKind::Matrix(options) => {
                let mut p = plan_one(base_id(seq, members[0]), g.number, title, Kind::Matrix, options, members.clone());
                p.subs = subs;
                plans.push((members[0], p));
            }
            GroupKind::Separate => {
                for (k, &m) in g.members.iter().enumerate() {
                    let t = format!("{title}—{}", g.subs[k]);
                    let (kind, options) = infer::infer_column(&profiles[m], &t, platform);
                    plans.push((m, plan_one(format!("{}_{}", base_id(seq, m), k + 1), g.number, t, kind, options, vec![m])));
                }
            }
        }
    }
    plans.sort_by_key(|(i, _)| *i);
    let mut plans: Vec<Plan> = plans.into_iter().map(|(_, p)| p).collect();
    // Ids must be unique and must not collide with frame column suffixes.
    let mut seen = std::collections::HashMap::<String, usize>::new();
    for p in &mut plans {
        let n = seen.entry(p.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            p.id = format!("{}_{}", p.id, n);
        }
    }
    plans
}

fn plan_one(id: String, number: Option<u32>, title: String, kind: Kind, options: Vec<Choice>, members: Vec<usize>) -> Plan {
    Plan { id, number, title, kind, options, members, subs: Vec::new(), other_col: None, role: None, intent: None, separator: '┋' }
}

/// The user's corrections: titles, kinds, option order, ignored questions.
fn apply_config(
    plans: &mut Vec<Plan>,
    cfg: &PopulationConfig,
    grid: &Grid,
    platform: Platform,
    loc: &Location,
    warnings: &mut Vec<Warning>,
) {
    let codes = platform == Platform::WjxCode;
    for qc in &cfg.questions {
        let Some(p) = plans.iter_mut().find(|p| p.id == qc.id) else {
            warnings.push(Warning::new(loc, format!("配置中的题目 {} 在文件中没有找到，已忽略该条配置", qc.id)));
            continue;
        };
        if let Some(t) = &qc.title {
            p.title = t.clone();
        }
        p.role = qc.role;
        p.intent = qc.intent;
        if let Some(kind) = qc.kind {
            if kind != p.kind {
                let prof = infer::profile(&grid.columns[p.members[0]], codes);
                let options = match kind {
                    Kind::Single => infer::order_options(&prof, false),
                    Kind::Multi if p.members.len() == 1 => infer::order_options(&prof, true),
                    Kind::Multi => p.subs.iter().map(|s| Choice::new(s.clone())).collect(),
                    Kind::Likert | Kind::Matrix => {
                        let names: Vec<&str> = prof.labels.iter().flatten().map(|(l, _)| l.as_str()).collect();
                        infer::likert(&names).unwrap_or_else(|| infer::order_options(&prof, false))
                    }
                    _ => Vec::new(),
                };
                // Refuse a kind the columns cannot hold; the question keeps what was detected.
                let refused = if p.members.len() > 1 && !matches!(kind, Kind::Multi | Kind::Matrix) {
                    Some(format!("有 {} 列（{}）", p.members.len(), build::letters(p, grid)))
                } else if matches!(kind, Kind::Single | Kind::Multi | Kind::Likert | Kind::Matrix) && options.is_empty() {
                    Some("的答案中没有可作选项的内容".to_string())
                } else {
                    None
                };
                match refused {
                    Some(why) => warnings
                        .push(Warning::new(loc, format!("题目 {} {why}，不能设为 {}，仍按 {} 处理", p.id, kind.name(), p.kind.name()))),
                    None => {
                        p.kind = kind;
                        p.options = options;
                    }
                }
            }
        }
        if let Some(order) = &qc.options {
            let mut reordered: Vec<Choice> = Vec::new();
            for (i, label) in order.iter().enumerate() {
                let mut c = p.options.iter().find(|c| &c.label == label).cloned().unwrap_or_else(|| Choice::new(label.clone()));
                if matches!(p.kind, Kind::Likert | Kind::Matrix) {
                    c.score = Some(i as f64 + 1.0);
                }
                reordered.push(c);
            }
            for c in &p.options {
                if !reordered.iter().any(|r| r.label == c.label) {
                    warnings.push(Warning::new(loc, format!("题目 {} 的选项“{}”不在配置的 options 中，已排在最后", p.id, c.label)));
                    reordered.push(c.clone());
                }
            }
            p.options = reordered;
        }
    }
    plans.retain(|p| !cfg.questions.iter().any(|q| q.ignore && q.id == p.id));
}

/// Helper for tests and the CLI: ingest with no config.
pub fn ingest_paths(paths: &[PathBuf]) -> Result<Ingested, IngestError> {
    ingest(paths, &[])
}
