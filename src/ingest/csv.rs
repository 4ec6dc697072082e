//! CSV/TSV/TXT: encoding detection (BOM, UTF-16 without BOM, UTF-8, else chardetng:
//! GBK/GB18030, Big5 …), delimiter detection, then a streaming read: the file is
//! decoded and parsed in one pass straight into the grid's compact columns.

use super::grid::{Grid, GridBuilder};
use crate::diag::{IngestError, Location};
use encoding_rs::Encoding;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

const SAMPLE: usize = 256 * 1024;

pub struct CsvGrid {
    pub grid: Grid,
    pub encoding: &'static Encoding,
    /// Characters that could not be decoded and became U+FFFD.
    pub replaced: usize,
}

/// Which encoding the bytes are in, looking at the first bytes of the file.
/// Returns an error for content that is not text at all.
pub(crate) fn detect_encoding(path: &Path, sample: &[u8]) -> Result<&'static Encoding, IngestError> {
    if let Some((enc, _)) = Encoding::for_bom(sample) {
        return Ok(enc);
    }
    // UTF-16 without a BOM: NUL in every other byte.
    let pairs = sample.len() / 2;
    if pairs >= 4 {
        let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
        let odd = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
        if odd * 10 >= pairs * 4 && even * 10 < pairs {
            return Ok(encoding_rs::UTF_16LE);
        }
        if even * 10 >= pairs * 4 && odd * 10 < pairs {
            return Ok(encoding_rs::UTF_16BE);
        }
    }
    if let Some(offset) = binary_offset(sample) {
        return Err(IngestError::Binary { path: path.to_path_buf(), offset });
    }
    // Valid UTF-8 (a character cut at the end of the sample is fine).
    match std::str::from_utf8(sample) {
        Ok(_) => return Ok(encoding_rs::UTF_8),
        Err(e) if e.error_len().is_none() => return Ok(encoding_rs::UTF_8),
        Err(_) => {}
    }
    // chardetng needs far less text than the sample to decide (and is slow on more).
    let probe = &sample[..sample.len().min(64 * 1024)];
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(probe, probe.len() == sample.len() && sample.len() < SAMPLE);
    let guess = det.guess(None, chardetng::Utf8Detection::Allow);
    // GBK text is decoded as GB18030, its superset (the same for every GBK byte).
    Ok(if guess == encoding_rs::GBK { encoding_rs::GB18030 } else { guess })
}

/// Where binary content starts: NUL bytes or a high share of control characters.
fn binary_offset(sample: &[u8]) -> Option<u64> {
    if let Some(i) = sample.iter().position(|&b| b == 0) {
        return Some(i as u64);
    }
    let control = sample.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1a)).count();
    if control * 100 > sample.len().max(1) {
        let i = sample.iter().position(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1a));
        return Some(i.unwrap_or(0) as u64);
    }
    None
}

/// A user-facing encoding name: GB18030 is reported as GBK, which is what users call it.
pub(crate) fn encoding_name(enc: &'static Encoding) -> String {
    if enc == encoding_rs::GB18030 || enc == encoding_rs::GBK {
        "GBK/GB18030".into()
    } else {
        enc.name().into()
    }
}

/// The delimiter: tab for .tsv, else the most frequent of `,` `\t` `;` `|` in the
/// first lines, counted outside quotes.
fn detect_delimiter(text: &str, ext: &str) -> u8 {
    if ext == "tsv" {
        return b'\t';
    }
    let mut counts = [0usize; 4];
    let cands = [',', '\t', ';', '|'];
    let mut quoted = false;
    let mut lines = 0;
    for ch in text.chars() {
        match ch {
            '"' => quoted = !quoted,
            '\n' if !quoted => {
                lines += 1;
                if lines >= 20 {
                    break;
                }
            }
            c if !quoted => {
                if let Some(i) = cands.iter().position(|&d| d == c) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let best = (0..4).max_by_key(|&i| (counts[i], std::cmp::Reverse(i))).unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        cands[best] as u8
    }
}

pub fn read(path: &Path, forced: Option<&'static Encoding>, header_row: Option<usize>) -> Result<CsvGrid, IngestError> {
    let io = |source| IngestError::Io { path: path.to_path_buf(), source };
    let mut file = File::open(path).map_err(io)?;
    let mut sample = Vec::with_capacity(SAMPLE);
    (&mut file).take(SAMPLE as u64).read_to_end(&mut sample).map_err(io)?;
    if sample.is_empty() {
        return Err(IngestError::EmptyFile(path.to_path_buf()));
    }
    let encoding = match forced {
        Some(e) => e,
        None => detect_encoding(path, &sample)?,
    };
    let (head_text, _, _) = encoding.decode(&sample[..sample.len().min(16 * 1024)]);
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let delimiter = detect_delimiter(&head_text, &ext);
    drop(sample);

    // Second open: stream from the start through the decoder.
    let file = File::open(path).map_err(io)?;
    let decoder = encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(Some(encoding))
        .bom_override(true)
        .strip_bom(true)
        .build(BufReader::with_capacity(1 << 16, file));
    let mut rdr =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).buffer_capacity(1 << 16).from_reader(decoder);
    let mut builder = GridBuilder::new(0, 0, header_row);
    let mut record = csv::StringRecord::new();
    let mut replaced = 0usize;
    let loc = Location::file(path);
    loop {
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                replaced += memchr::memmem::find_iter(record.as_slice().as_bytes(), "\u{FFFD}".as_bytes()).count();
                builder.push_row(record.iter()).map_err(|e| super::grid_error(e, &loc))?;
            }
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize);
                let detail = match e.kind() {
                    csv::ErrorKind::Io(ioe) => {
                        return Err(IngestError::Io { path: path.to_path_buf(), source: std::io::Error::new(ioe.kind(), ioe.to_string()) })
                    }
                    csv::ErrorKind::Utf8 { .. } => "无法解码的字符".to_string(),
                    csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
                        format!("这一行有 {len} 个字段，而前面的行有 {expected_len} 个（可能有未成对的引号）")
                    }
                    // The reader is not asked to seek or (de)serialize; anything else is a malformed line.
                    _ => "这一行的格式无法解析（可能有未成对的引号或异常的分隔符）".to_string(),
                };
                let mut l = loc.clone();
                l.row = line;
                return Err(IngestError::Csv { location: l, detail });
            }
        }
    }
    let grid = builder.finish().map_err(|e| super::grid_error(e, &loc))?;
    Ok(CsvGrid { grid, encoding, replaced })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_told_apart() {
        let p = Path::new("x.csv");
        let text = "序号,您的性别,您对本市生态环境的总体满意度\n1,男,满意\n2,女,非常满意\n";
        assert_eq!(detect_encoding(p, text.as_bytes()).unwrap(), encoding_rs::UTF_8);
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(detect_encoding(p, &gbk).unwrap(), encoding_rs::GB18030);
        let mut utf16: Vec<u8> = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(detect_encoding(p, &utf16).unwrap(), encoding_rs::UTF_16LE);
        let bare: Vec<u8> = "a,b\n1,2\n".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(detect_encoding(p, &bare).unwrap(), encoding_rs::UTF_16LE);
        assert!(matches!(detect_encoding(p, &[0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]), Err(IngestError::Binary { .. })));
    }

    #[test]
    fn delimiters() {
        assert_eq!(detect_delimiter("a\tb\tc\n1\t2\t3", "txt"), b'\t');
        assert_eq!(detect_delimiter("a;b;c\n1;2;3", "csv"), b';');
        assert_eq!(detect_delimiter("\"a,x\";b\n1;2", "csv"), b';');
        assert_eq!(detect_delimiter("a,b\n", "tsv"), b'\t');
    }
}
