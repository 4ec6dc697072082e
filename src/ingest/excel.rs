//! Workbooks (xlsx, xlsm, xlsb, xls, ods) through calamine, after a check that the
//! zip container cannot expand beyond a sane size.

use super::grid::{Grid, GridBuilder, GridError, Merge};
use super::workbook::{corrupt, read_sheets, RawSheet};
use crate::diag::{IngestError, Location};
use crate::model::Format;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

/// Decompressed size never accepted, whatever the ratio.
pub(crate) const ZIP_HARD_LIMIT: u64 = 4 << 30;
/// Above this decompressed size a workbook must also compress no better than `ZIP_RATIO`.
pub(crate) const ZIP_SOFT_LIMIT: u64 = 256 << 20;
pub(crate) const ZIP_RATIO: u64 = 200;

/// One sheet read into a grid.
pub struct SheetGrid {
    pub sheet: String,
    pub grid: Grid,
    /// Cells holding Excel errors (#N/A …), read as empty: (sheet row 1-based, col).
    pub error_cells: Vec<(usize, usize)>,
    /// Which sheet was chosen among several with data, and how to choose another.
    pub note: Option<String>,
}

/// Read the sheet with the most rows of answers (or the named one) of a workbook.
pub fn read(path: &Path, format: Format, sheet: Option<&str>, header_row: Option<usize>) -> Result<SheetGrid, IngestError> {
    // calamine has not been fuzzed upstream: a panic on a malformed file becomes an error.
    match crate::util::catch_panic(|| read_unguarded(path, format, sheet, header_row)) {
        Ok(r) => r,
        Err(_) => Err(IngestError::Corrupt { path: path.to_path_buf(), detail: "读取器内部错误".into() }),
    }
}

/// [`read`] without the panic guard, for the fuzzer (which must see panics).
#[doc(hidden)]
pub fn read_unguarded(path: &Path, format: Format, sheet: Option<&str>, header_row: Option<usize>) -> Result<SheetGrid, IngestError> {
    if matches!(format, Format::Xlsx | Format::Xlsb | Format::Ods) {
        check_zip(path)?;
    }
    read_inner(path, format, sheet, header_row)
}

fn read_inner(path: &Path, format: Format, sheet: Option<&str>, header_row: Option<usize>) -> Result<SheetGrid, IngestError> {
    let mut pick = Picker { path, sheet, header_row, best: None, with_data: Vec::new(), first_err: None, first_name: None };
    let isolated = match super::helper::program() {
        Some(exe) if super::helper::isolated(format) => super::helper::load(exe, path, format, sheet)?,
        _ => None,
    };
    match isolated {
        Some(sheets) => {
            for s in sheets {
                pick.offer(s)?;
            }
        }
        None => read_sheets(path, format, sheet, |s| pick.offer(s))?,
    }
    pick.finish()
}

/// Keeps the sheet with the most rows of answers (or the named one) as sheets are read.
struct Picker<'a> {
    path: &'a Path,
    sheet: Option<&'a str>,
    header_row: Option<usize>,
    best: Option<SheetGrid>,
    with_data: Vec<(String, usize)>,
    first_err: Option<IngestError>,
    first_name: Option<String>,
}

impl Picker<'_> {
    fn offer(&mut self, raw: RawSheet) -> Result<(), IngestError> {
        if self.first_name.is_none() {
            self.first_name = Some(raw.name.clone());
        }
        if raw.cells.is_empty() {
            return Ok(());
        }
        let loc = Location::file(self.path).sheet(Some(&raw.name));
        match to_grid(&raw, self.header_row) {
            Ok((grid, error_cells)) => {
                self.with_data.push((raw.name.clone(), grid.height()));
                if self.best.as_ref().is_none_or(|b| grid.height() > b.grid.height()) {
                    self.best = Some(SheetGrid { sheet: raw.name, grid, error_cells, note: None });
                }
            }
            // An empty or header-only sheet: try the next one when no sheet was named.
            Err(e) if self.sheet.is_none() && self.first_err.is_none() => self.first_err = Some(super::grid_error(e, &loc)),
            Err(e) if self.sheet.is_none() => drop(e),
            Err(e) => return Err(super::grid_error(e, &loc)),
        }
        Ok(())
    }

    /// With no sheet named, every sheet with answers was read and the one with the most
    /// rows kept (a workbook may open with a cover or a summary sheet); the others are
    /// named in a note.
    fn finish(self) -> Result<SheetGrid, IngestError> {
        let Picker { path, with_data, best, first_err, first_name, .. } = self;
        if let Some(mut b) = best {
            if with_data.len() > 1 {
                let listed: Vec<String> = with_data.iter().map(|(n, rows)| format!("「{n}」{rows} 行")).collect();
                let other = with_data.iter().find(|(n, _)| *n != b.sheet).map(|(n, _)| n.clone()).unwrap_or_default();
                b.note = Some(format!(
                    "工作簿中有 {} 个工作表含数据（{}），已读取数据最多的「{}」；如要读取其他工作表，请在配置文件中写 sheet = \"{other}\"",
                    with_data.len(),
                    listed.join("、"),
                    b.sheet
                ));
            }
            return Ok(b);
        }
        Err(first_err.unwrap_or_else(|| IngestError::NoHeader { location: Location::file(path).sheet(first_name.as_deref()), scanned: 0 }))
    }
}

type GridResult = Result<(Grid, Vec<(usize, usize)>), GridError>;

fn to_grid(sheet: &RawSheet, header_row: Option<usize>) -> GridResult {
    let (r0, c0) = sheet.start;
    let merges = sheet
        .merges
        .iter()
        // A damaged merge record may end before it starts.
        .filter(|m| m.0 >= r0 && m.1 >= c0 && m.2 >= m.0 && m.3 >= m.1)
        .map(|m| Merge {
            first_row: (m.0 - r0) as usize,
            first_col: (m.1 - c0) as usize,
            last_row: (m.2 - r0) as usize,
            last_col: (m.3 - c0) as usize,
        })
        .collect();
    let mut b = GridBuilder::new(r0 as usize, c0 as usize, header_row).with_merges(merges);
    let mut errors = Vec::new();
    for (i, row) in sheet.cells.chunks(sheet.width.max(1)).enumerate() {
        for (j, c) in row.iter().enumerate() {
            if c.is_none() {
                errors.push((r0 as usize + i + 1, c0 as usize + j));
            }
        }
        b.push_row(row.iter().map(|c| c.as_deref().unwrap_or("")))?;
    }
    Ok((b.finish()?, errors))
}

/// Refuse zip bombs: the declared sizes must be sane, and each entry is streamed
/// through a counter (so a lying header cannot make calamine expand it later).
fn check_zip(path: &Path) -> Result<(), IngestError> {
    let io = |source| IngestError::Io { path: path.to_path_buf(), source };
    let file = File::open(path).map_err(io)?;
    let compressed = file.metadata().map_err(io)?.len();
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| corrupt(path, e))?;
    let bomb = |uncompressed: u64, limit: u64| IngestError::ZipBomb {
        path: path.to_path_buf(),
        uncompressed,
        compressed,
        limit,
        ratio: ZIP_RATIO,
    };
    let too_big = |total: u64| total > ZIP_HARD_LIMIT || (total > ZIP_SOFT_LIMIT && total / compressed.max(1) > ZIP_RATIO);
    let declared = zip.decompressed_size().map(|v| u64::try_from(v).unwrap_or(u64::MAX));
    if let Some(total) = declared {
        if too_big(total) {
            return Err(bomb(total, ZIP_SOFT_LIMIT));
        }
    }
    let mut total = 0u64;
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| corrupt(path, e))?;
        let declared_entry = entry.size();
        let mut seen = 0u64;
        loop {
            let n = entry.read(&mut buf).map_err(|e| corrupt(path, e))?;
            if n == 0 {
                break;
            }
            seen += n as u64;
            total += n as u64;
            if seen > declared_entry.saturating_add(1 << 20) || too_big(total) {
                return Err(bomb(total, ZIP_SOFT_LIMIT));
            }
        }
    }
    Ok(())
}
