//! A minimal legacy Excel (BIFF8 in a compound file) writer for test fixtures, written
//! here because no Rust crate writes `.xls`, and because the damaged-file tests need to
//! know where every length field and sector chain sits.
//!
//! Layout (512-byte sectors): the `Workbook` stream in sectors 0..n (padded to 4,096
//! bytes so it lives in regular sectors, not the mini stream), then one directory sector,
//! then the FAT sectors. Strings are in one SST record (so it must stay under 8,224
//! bytes); numbers are NUMBER records.

#![allow(dead_code)]

pub const SECTOR: usize = 512;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const FREE: u32 = 0xFFFF_FFFF;
const FAT_SECTOR: u32 = 0xFFFF_FFFD;
const NO_STREAM: u32 = 0xFFFF_FFFF;

/// A cell of a fixture sheet.
#[derive(Clone, Debug)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

/// Cells from strings: numbers where the text parses as one, empty for "".
pub fn cells(rows: &[Vec<String>]) -> Vec<Vec<Cell>> {
    rows.iter()
        .map(|r| {
            r.iter()
                .map(|s| match s.parse::<f64>() {
                    _ if s.is_empty() => Cell::Empty,
                    Ok(n) if !s.starts_with('0') || s == "0" => Cell::Number(n),
                    _ => Cell::Text(s.clone()),
                })
                .collect()
        })
        .collect()
}

/// 问卷星's `.xls` layout with NULL times, durations and addresses: `rows` respondents
/// of three questions on which many honest people answer alike (the district, a
/// satisfaction scale, one of three suggestions).
pub fn null_metadata_export(rows: usize) -> Vec<Vec<Cell>> {
    let head = [
        "序号",
        "提交答卷时间",
        "所用时间",
        "来源",
        "来源详情",
        "来自IP",
        "1、您居住在哪个区？",
        "2、您对空气质量满意吗？",
        "3、您对环境治理有什么建议？",
    ];
    let mut out = vec![head.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    for i in 0..rows {
        out.push(vec![
            (i + 1).to_string(),
            "NULL".into(),
            "NULL".into(),
            "手机提交".into(),
            "直接访问".into(),
            "NULL".into(),
            ["东城区", "西城区", "南湖区"][i % 3].into(),
            ["满意", "一般", "不满意"][(i / 3) % 3].into(),
            ["工厂异味太重，希望加强夜间巡查", "河道有垃圾，建议定期清理", "多种树，增加公园绿地"][(i / 9) % 3].into(),
        ]);
    }
    cells(&out)
}

/// Where things are in a written file, for tests that damage it.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    /// Number of sectors the Workbook stream takes.
    pub stream_sectors: usize,
    /// Sector index of the directory.
    pub dir_sector: usize,
    /// Sector index of the (first) FAT sector.
    pub fat_sector: usize,
    /// Byte offset, within the Workbook stream, of the sheet's DIMENSIONS record body.
    pub dimensions: usize,
    /// Byte offset, within the Workbook stream, of the SST record body.
    pub sst: usize,
    /// Byte offset, within the Workbook stream, of the BOUNDSHEET8 record body.
    pub boundsheet: usize,
}

impl Layout {
    /// File offset of a byte of the Workbook stream.
    pub fn stream_offset(&self, at: usize) -> usize {
        SECTOR + at
    }
    /// File offset of directory entry `i` (0 is the root, 1 the Workbook stream).
    pub fn dir_entry(&self, i: usize) -> usize {
        SECTOR * (1 + self.dir_sector) + 128 * i
    }
    /// File offset of FAT entry `i`.
    pub fn fat_entry(&self, i: usize) -> usize {
        SECTOR * (1 + self.fat_sector) + 4 * i
    }
}

fn record(out: &mut Vec<u8>, typ: u16, body: &[u8]) -> usize {
    out.extend_from_slice(&typ.to_le_bytes());
    out.extend_from_slice(&(body.len() as u16).to_le_bytes());
    let at = out.len();
    out.extend_from_slice(body);
    at
}

fn bof(kind: u16) -> Vec<u8> {
    let mut b = Vec::new();
    for v in [0x0600u16, kind, 0x0DBB, 0x07CC] {
        b.extend_from_slice(&v.to_le_bytes());
    }
    b.extend_from_slice(&0u32.to_le_bytes());
    b.extend_from_slice(&0x06u32.to_le_bytes());
    b
}

fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// The BIFF8 Workbook stream of one sheet, and the offsets of its length-bearing records.
fn workbook_stream(sheet: &str, rows: &[Vec<Cell>]) -> (Vec<u8>, usize, usize, usize) {
    let mut strings: Vec<String> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for r in rows {
        for c in r {
            if let Cell::Text(s) = c {
                index.entry(s.clone()).or_insert_with(|| {
                    strings.push(s.clone());
                    strings.len() - 1
                });
            }
        }
    }
    let mut out = Vec::new();
    record(&mut out, 0x0809, &bof(0x0005));
    record(&mut out, 0x0042, &1200u16.to_le_bytes());
    // BOUNDSHEET8: the sheet's BOF position is patched below.
    let mut bs = vec![0u8; 4];
    bs.extend_from_slice(&[0, 0, sheet.chars().count() as u8, 1]);
    bs.extend_from_slice(&utf16(sheet));
    let boundsheet = record(&mut out, 0x0085, &bs);
    let mut sst = Vec::new();
    let total = rows.iter().flatten().filter(|c| matches!(c, Cell::Text(_))).count() as u32;
    sst.extend_from_slice(&total.to_le_bytes());
    sst.extend_from_slice(&(strings.len() as u32).to_le_bytes());
    for s in &strings {
        sst.extend_from_slice(&(s.encode_utf16().count() as u16).to_le_bytes());
        sst.push(1);
        sst.extend_from_slice(&utf16(s));
    }
    assert!(sst.len() <= 8224, "fixture strings must fit one SST record");
    let sst_at = record(&mut out, 0x00FC, &sst);
    record(&mut out, 0x000A, &[]);
    let sheet_bof = out.len() as u32;
    out[boundsheet..boundsheet + 4].copy_from_slice(&sheet_bof.to_le_bytes());
    record(&mut out, 0x0809, &bof(0x0010));
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut dims = Vec::new();
    dims.extend_from_slice(&0u32.to_le_bytes());
    dims.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    dims.extend_from_slice(&0u16.to_le_bytes());
    dims.extend_from_slice(&(width as u16).to_le_bytes());
    dims.extend_from_slice(&0u16.to_le_bytes());
    let dimensions = record(&mut out, 0x0200, &dims);
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let mut b = Vec::new();
            b.extend_from_slice(&(r as u16).to_le_bytes());
            b.extend_from_slice(&(c as u16).to_le_bytes());
            b.extend_from_slice(&0u16.to_le_bytes());
            match cell {
                Cell::Text(s) => {
                    b.extend_from_slice(&(index[s] as u32).to_le_bytes());
                    record(&mut out, 0x00FD, &b);
                }
                Cell::Number(n) => {
                    b.extend_from_slice(&n.to_le_bytes());
                    record(&mut out, 0x0203, &b);
                }
                Cell::Empty => {}
            }
        }
    }
    record(&mut out, 0x000A, &[]);
    (out, dimensions, sst_at, boundsheet)
}

fn dir_entry(name: &str, typ: u8, child: u32, start: u32, size: u32) -> Vec<u8> {
    let mut e = vec![0u8; 128];
    let n = utf16(name);
    e[..n.len()].copy_from_slice(&n);
    e[64..66].copy_from_slice(&((n.len() + 2) as u16).to_le_bytes());
    e[66] = typ;
    e[67] = 1; // black
    e[68..72].copy_from_slice(&NO_STREAM.to_le_bytes());
    e[72..76].copy_from_slice(&NO_STREAM.to_le_bytes());
    e[76..80].copy_from_slice(&child.to_le_bytes());
    e[116..120].copy_from_slice(&start.to_le_bytes());
    e[120..124].copy_from_slice(&size.to_le_bytes());
    e
}

/// An `.xls` file holding one sheet, and where its parts are.
pub fn write(sheet: &str, rows: &[Vec<Cell>]) -> (Vec<u8>, Layout) {
    let (mut stream, dimensions, sst, boundsheet) = workbook_stream(sheet, rows);
    // Zeros after the last EOF record are never read; the declared size covers them so
    // the stream stays out of the mini stream.
    stream.resize(stream.len().max(4096).div_ceil(SECTOR) * SECTOR, 0);
    let size = stream.len() as u32;
    let n = stream.len() / SECTOR;
    let dir_sector = n;
    let entries_per_fat = SECTOR / 4;
    let fat_sectors = (n + 1).div_ceil(entries_per_fat - 1).max(1);
    let fat_sector = n + 1;
    assert!(fat_sectors <= 109, "fixture too large for a header-only DIFAT");
    let mut fat = vec![FREE; fat_sectors * entries_per_fat];
    for (i, e) in fat.iter_mut().enumerate().take(n) {
        *e = if i + 1 == n { END_OF_CHAIN } else { i as u32 + 1 };
    }
    fat[dir_sector] = END_OF_CHAIN;
    for k in 0..fat_sectors {
        fat[fat_sector + k] = FAT_SECTOR;
    }
    let mut header = vec![0u8; SECTOR];
    header[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    header[24..26].copy_from_slice(&0x3Eu16.to_le_bytes());
    header[26..28].copy_from_slice(&3u16.to_le_bytes());
    header[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
    header[30..32].copy_from_slice(&9u16.to_le_bytes());
    header[32..34].copy_from_slice(&6u16.to_le_bytes());
    header[44..48].copy_from_slice(&(fat_sectors as u32).to_le_bytes());
    header[48..52].copy_from_slice(&(dir_sector as u32).to_le_bytes());
    header[56..60].copy_from_slice(&4096u32.to_le_bytes());
    header[60..64].copy_from_slice(&END_OF_CHAIN.to_le_bytes());
    header[68..72].copy_from_slice(&END_OF_CHAIN.to_le_bytes());
    for k in 0..109 {
        let v = if k < fat_sectors { (fat_sector + k) as u32 } else { FREE };
        header[76 + 4 * k..80 + 4 * k].copy_from_slice(&v.to_le_bytes());
    }
    let mut dir = Vec::new();
    dir.extend(dir_entry("Root Entry", 5, 1, END_OF_CHAIN, 0));
    dir.extend(dir_entry("Workbook", 2, NO_STREAM, 0, size));
    dir.resize(SECTOR, 0);
    for k in 2..4 {
        // Unused entries: no name, no siblings.
        dir[k * 128 + 68..k * 128 + 80].copy_from_slice(&[0xFF; 12]);
    }
    let mut file = header;
    file.extend(stream);
    file.extend(dir);
    file.extend(fat.iter().flat_map(|e| e.to_le_bytes()));
    (file, Layout { stream_sectors: n, dir_sector, fat_sector, dimensions, sst, boundsheet })
}
