//! A workbook read with calamine: the named sheet, or every sheet, as text cells with
//! their merges ([`RawSheet`]) — what crosses from the helper process (see
//! [`super::helper`]) and what a grid is built from. A leaf of the ingest stage: the
//! in-process reader (`excel`) and the helper process both use it.

use crate::diag::IngestError;
use crate::model::Format;
use calamine::{Data, Reader, Sheets};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

/// One sheet's cells as text, as the workbook reader gave them: what crosses from the
/// helper process (see [`super::helper`]) and what a grid is built from.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct RawSheet {
    pub name: String,
    /// 0-based sheet row and column of the first cell.
    pub start: (u32, u32),
    pub width: usize,
    /// Row-major texts; `None` for a cell holding an Excel error (#N/A …).
    pub cells: Vec<Option<String>>,
    pub merges: Vec<(u32, u32, u32, u32)>,
}

/// Why a workbook could not be read, as the helper process reports it.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) enum ReadFailure {
    Encrypted,
    Corrupt(String),
    SheetNotFound { sheet: String, available: Vec<String> },
}

impl ReadFailure {
    pub(crate) fn into_error(self, path: &Path) -> IngestError {
        let path = path.to_path_buf();
        match self {
            ReadFailure::Encrypted => IngestError::Encrypted(path),
            ReadFailure::Corrupt(detail) => IngestError::Corrupt { path, detail },
            ReadFailure::SheetNotFound { sheet, available } => IngestError::SheetNotFound { path, sheet, available },
        }
    }

    fn from_error(e: IngestError) -> ReadFailure {
        match e {
            IngestError::Encrypted(_) => ReadFailure::Encrypted,
            IngestError::SheetNotFound { sheet, available, .. } => ReadFailure::SheetNotFound { sheet, available },
            IngestError::Corrupt { detail, .. } => ReadFailure::Corrupt(detail),
            other => ReadFailure::Corrupt(other.to_string()),
        }
    }
}

/// Every sheet the helper process was asked for, or why it could not be read; a
/// panic inside calamine is a failure like any other.
pub(crate) fn read_all(path: &Path, format: Format, sheet: Option<&str>) -> Result<Vec<RawSheet>, ReadFailure> {
    let mut out = Vec::new();
    let read = crate::util::catch_panic(|| {
        read_sheets(path, format, sheet, |s| {
            out.push(s);
            Ok(())
        })
    });
    match read {
        Ok(r) => r.map_err(ReadFailure::from_error)?,
        Err(_) => return Err(ReadFailure::Corrupt("读取器内部错误".into())),
    }
    Ok(out)
}

/// Read the named sheet, or every sheet, of a workbook with calamine and hand each on
/// as text, one at a time.
pub(super) fn read_sheets(
    path: &Path,
    format: Format,
    sheet: Option<&str>,
    mut each: impl FnMut(RawSheet) -> Result<(), IngestError>,
) -> Result<(), IngestError> {
    if format == Format::Xls && is_encrypted(path) {
        return Err(IngestError::Encrypted(path.to_path_buf()));
    }
    let reader = BufReader::new(File::open(path).map_err(|source| IngestError::Io { path: path.to_path_buf(), source })?);
    let mut book: Sheets<BufReader<File>> = match format {
        Format::Xlsx => Sheets::Xlsx(calamine::open_workbook_from_rs(reader).map_err(|e| corrupt(path, e))?),
        Format::Xlsb => Sheets::Xlsb(calamine::open_workbook_from_rs(reader).map_err(|e| corrupt(path, e))?),
        Format::Xls => Sheets::Xls(calamine::open_workbook_from_rs(reader).map_err(|e| corrupt(path, e))?),
        Format::Ods => Sheets::Ods(calamine::open_workbook_from_rs(reader).map_err(|e| corrupt(path, e))?),
        Format::Csv => unreachable!("CSV is read by the csv reader"),
    };
    let names = book.sheet_names();
    let chosen: Vec<String> = match sheet {
        Some(s) => {
            if !names.iter().any(|n| n == s) {
                return Err(IngestError::SheetNotFound { path: path.to_path_buf(), sheet: s.into(), available: names });
            }
            vec![s.to_string()]
        }
        None => names,
    };
    for name in chosen {
        let range = book.worksheet_range(&name).map_err(|e| corrupt(path, e))?;
        let merges = merges(&mut book, &name);
        let mut text = String::new();
        let cells = range.rows().flatten().map(|d| cell_text(d, &mut text).then(|| text.clone())).collect();
        each(RawSheet { name, start: range.start().unwrap_or((0, 0)), width: range.width(), cells, merges })?;
    }
    Ok(())
}

fn merges(book: &mut Sheets<BufReader<File>>, sheet: &str) -> Vec<(u32, u32, u32, u32)> {
    let dims = match book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(sheet).ok(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(sheet).ok(),
        _ => None,
    };
    dims.unwrap_or_default().into_iter().map(|d| (d.start.0, d.start.1, d.end.0, d.end.1)).collect()
}

/// Text of one cell as a survey export means it: integral floats without ".0",
/// dates as "YYYY-MM-DD HH:MM:SS", errors as empty.
fn cell_text(d: &Data, out: &mut String) -> bool {
    use std::fmt::Write;
    out.clear();
    match d {
        Data::Empty => {}
        Data::String(s) => out.push_str(s),
        Data::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                let _ = write!(out, "{}", *f as i64);
            } else {
                let _ = write!(out, "{f}");
            }
        }
        Data::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
        Data::DateTime(dt) => {
            if dt.is_datetime() {
                if let Some(v) = dt.as_datetime() {
                    let fmt = if v.time() == chrono::NaiveTime::MIN { "%Y-%m-%d" } else { "%Y-%m-%d %H:%M:%S" };
                    let _ = write!(out, "{}", v.format(fmt));
                }
            } else {
                // A duration: Excel stores days.
                let _ = write!(out, "{}", (dt.as_f64() * 86_400.0).round());
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => out.push_str(s),
        Data::Error(_) => return false,
    }
    true
}

pub(super) fn corrupt(path: &Path, e: impl std::fmt::Display) -> IngestError {
    let detail = e.to_string();
    if detail.contains("password") || detail.contains("Password") {
        return IngestError::Encrypted(path.to_path_buf());
    }
    IngestError::Corrupt { path: path.to_path_buf(), detail }
}

/// Whether a compound (OLE) file is an encrypted workbook: Excel stores a workbook with
/// an opening password as an OLE container holding `EncryptionInfo` and
/// `EncryptedPackage` streams (their names, UTF-16, sit in the directory near the start).
fn is_encrypted(path: &Path) -> bool {
    let Ok(f) = File::open(path) else { return false };
    let mut head = Vec::new();
    if f.take(4 << 20).read_to_end(&mut head).is_err() {
        return false;
    }
    let name: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
    memchr::memmem::find(&head, &name).is_some()
}
