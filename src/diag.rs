//! Locations, warnings and the Chinese wording of every user-facing message.
//!
//! Parsers report a position and a cause; the ingest stage adds the file and the
//! sheet at its boundary. Everything a user reads is worded here, in one place.

use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// Where in the inputs something was found. Rows are 1-based as Excel shows them;
/// columns are 0-based and shown as letters.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Location {
    pub file: PathBuf,
    pub sheet: Option<String>,
    pub row: Option<usize>,
    pub col: Option<usize>,
    pub header: Option<String>,
}

impl Location {
    pub fn file(path: &Path) -> Location {
        Location { file: path.to_path_buf(), ..Default::default() }
    }
    pub fn sheet(mut self, sheet: Option<&str>) -> Location {
        self.sheet = sheet.map(str::to_string);
        self
    }
    pub fn row(mut self, row: usize) -> Location {
        self.row = Some(row);
        self
    }
    pub(crate) fn col(mut self, col: usize, header: Option<&str>) -> Location {
        self.col = Some(col);
        self.header = header.filter(|h| !h.is_empty()).map(|h| truncate(h, 30));
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        let mut detail = String::new();
        if let Some(s) = &self.sheet {
            detail.push_str(&format!("工作表「{s}」"));
        }
        if let Some(r) = self.row {
            detail.push_str(&format!("第 {r} 行"));
        }
        if let Some(c) = self.col {
            if self.row.is_some() {
                detail.push(' ');
            }
            detail.push_str(&format!("{} 列", column_letter(c)));
            if let Some(h) = &self.header {
                detail.push_str(&format!("（“{h}”）"));
            }
        }
        if !detail.is_empty() {
            write!(f, " {detail}")?;
        }
        Ok(())
    }
}

/// Excel's column letters for a 0-based index: 0 → A, 25 → Z, 26 → AA.
pub(crate) fn column_letter(mut col: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Cut a text to at most `max` characters, marking the cut with "……".
pub(crate) fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max).collect();
        t.push_str("……");
        t
    }
}

/// A problem that did not stop the run: recorded in the manifest and printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    pub location: String,
    pub message: String,
}

impl Warning {
    pub fn new(location: &Location, message: impl Into<String>) -> Warning {
        Warning { location: location.to_string(), message: message.into() }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "警告：{}：{}", self.location, self.message)
    }
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

/// Why an input could not be read. Each variant names the file (and sheet, row,
/// column where they apply), says what was expected and what to do.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("找不到文件或文件夹 {}\n  提示：请检查路径是否写对；路径中有空格时请加引号", .0.display())]
    NotFound(PathBuf),

    #[error("无法读取 {}：{source}\n  提示：请确认文件没有被其他程序（如 Excel、WPS）独占打开，并且有读取权限", path.display())]
    Io { path: PathBuf, source: std::io::Error },

    #[error("无法识别 {} 的文件类型（扩展名“{ext}”）\n  提示：minyi 读取 .xlsx .xlsm .xlsb .xls .ods .csv .tsv .txt；请在问卷平台导出为 Excel 或 CSV", path.display())]
    UnknownExtension { path: PathBuf, ext: String },

    #[error("文件夹 {} 中没有可读取的问卷文件（.xlsx .xls .csv 等）", .0.display())]
    EmptyFolder(PathBuf),

    #[error("{} 是空文件（0 字节）\n  提示：请重新从问卷平台导出", .0.display())]
    EmptyFile(PathBuf),

    #[error("{} 的扩展名是 .{ext}，但内容{found}\n  提示：{hint}", path.display())]
    WrongContent { path: PathBuf, ext: String, found: String, hint: String },

    #[error("{} 不是文本表格，看起来是二进制数据（第 {offset} 字节附近）\n  提示：请确认选择的是问卷导出的 CSV 或 Excel 文件", path.display())]
    Binary { path: PathBuf, offset: u64 },

    #[error("无法打开工作簿 {}：文件已损坏或格式不完整（{detail}）\n  提示：请用 Excel/WPS 打开后另存为 .xlsx，或重新导出", path.display())]
    Corrupt { path: PathBuf, detail: String },

    #[error("{} 解压后过大（声明 {}，压缩前 {}），可能是恶意构造的压缩包\n  提示：minyi 拒绝读取解压后超过 {} 或压缩比超过 {ratio}:1 的工作簿", path.display(), mib(*uncompressed), mib(*compressed), mib(*limit))]
    ZipBomb { path: PathBuf, uncompressed: u64, compressed: u64, limit: u64, ratio: u64 },

    #[error("找不到工作表：{} 中没有名为「{sheet}」的工作表（现有：{}）", path.display(), available.join("、"))]
    SheetNotFound { path: PathBuf, sheet: String, available: Vec<String> },

    #[error("{location}：没有找到表头行（前 {scanned} 行中没有一行像列标题）\n  提示：问卷导出文件的第一行应为“序号、提交答卷时间、1、题目……”；可在配置文件中用 header_row 指定表头所在行")]
    NoHeader { location: Location, scanned: usize },

    #[error("{location}：只有表头（第 {} 行），没有任何答卷数据\n  提示：请确认导出时选择了“全部答卷”", header_rows.iter().map(|r| r.to_string()).collect::<Vec<_>>().join("、"))]
    NoRows { location: Location, header_rows: Vec<usize> },

    #[error("{location}：单元格过大（{}，上限 {}）\n  提示：这不像一条问卷答案；请检查该单元格是否粘贴了整篇文档或二进制内容", mib(*size as u64), mib(*limit as u64))]
    CellTooLarge { location: Location, size: usize, limit: usize },

    #[error("{location}：CSV 格式错误：{detail}\n  提示：请用 Excel/WPS 打开并另存为 .xlsx 后重试")]
    Csv { location: Location, detail: String },

    #[error("{} 设有打开密码（已加密），无法读取\n  提示：请用 Excel/WPS 输入密码打开，在“文件—信息—保护工作簿”中删除密码后另存为 .xlsx，再重新运行", .0.display())]
    Encrypted(PathBuf),

    #[error("配置文件 {}：{message}", path.display())]
    Config { path: PathBuf, message: String },

    #[error("{location}：内部数据表构建失败：{detail}\n  提示：这是 minyi 自身的问题，并非数据有误；请把输入文件和这条信息反馈给开发者")]
    Frame { location: Location, detail: String },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_follow_excel() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(51), "AZ");
        assert_eq!(column_letter(52), "BA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn location_reads_like_excel() {
        let l = Location::file(Path::new("a.xlsx")).sheet(Some("满意度")).row(12).col(2, Some("总体满意度"));
        assert_eq!(l.to_string(), "a.xlsx 工作表「满意度」第 12 行 C 列（“总体满意度”）");
    }
}
