//! typst as a library: a minimal [`World`] that serves the embedded fonts, the template,
//! the data (`data.json`) and the chart images from memory — nothing is read from disk
//! while typesetting, so the brief looks the same on every machine.

use std::collections::HashMap;
use std::sync::OnceLock;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

/// The family name of the embedded fonts, as templates name it.
#[cfg(test)]
const FAMILY: &str = "Noto Sans CJK SC";

/// The embedded fonts (a GB2312 subset of Noto Sans SC, see `data/fonts/OFL.txt`).
static FONT_DATA: [&[u8]; 2] = [crate::util::media::FONT_REGULAR, crate::util::media::FONT_BOLD];

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = FONT_DATA.iter().flat_map(|d| Font::iter(Bytes::new(*d))).collect();
        Fonts { book: LazyHash::new(FontBook::from_fonts(&fonts)), fonts }
    })
}

fn library() -> &'static LazyHash<Library> {
    static LIB: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIB.get_or_init(|| LazyHash::new(Library::default()))
}

/// Why a document could not be typeset.
#[derive(Debug, thiserror::Error)]
pub enum TypesetError {
    #[error("排版时文件路径无效：{0}\n  提示：这是 minyi 自身的问题，并非数据有误；请把输入文件和这条信息反馈给开发者")]
    Path(String),
    #[error("排版模板有错误：{0}\n  提示：如果使用了 --template，请检查模板；否则这是 minyi 的缺陷，请报告")]
    Compile(String),
    #[error("导出 PDF 时出错：{0}\n  提示：这是 minyi 自身的问题，并非数据有误；请把输入文件和这条信息反馈给开发者")]
    Pdf(String),
    #[error("导出 PNG 时出错：{0}\n  提示：这是 minyi 自身的问题，并非数据有误；请把输入文件和这条信息反馈给开发者")]
    Png(String),
}

fn file_id(path: &str) -> Result<FileId, TypesetError> {
    let vpath = VirtualPath::new(path).map_err(|e| TypesetError::Path(format!("{path}（{e}）")))?;
    Ok(FileId::new(RootedPath::new(VirtualRoot::Project, vpath)))
}

/// One document to typeset: its main source and the files it may read.
pub struct Doc {
    main: Source,
    files: HashMap<FileId, Bytes>,
    today: Option<Datetime>,
}

impl Doc {
    /// `main` is the typst markup; `files` are served by path (`data.json`, `charts/x.png` …).
    pub fn new(main: &str, files: Vec<(String, Vec<u8>)>, today: Option<Datetime>) -> Result<Doc, TypesetError> {
        let id = file_id("main.typ")?;
        let mut map = HashMap::new();
        for (p, b) in files {
            map.insert(file_id(&p)?, Bytes::new(b));
        }
        Ok(Doc { main: Source::new(id, main.to_string()), files: map, today })
    }

    /// Lay the document out into pages.
    pub(crate) fn compile(&self) -> Result<PagedDocument, TypesetError> {
        let out = typst::compile::<PagedDocument>(self);
        out.output.map_err(|errs| TypesetError::Compile(describe(self, &errs)))
    }
}

/// The first errors, each with the template line it points at; typst's own words are
/// kept, marked as its explanation, for whoever wrote the template.
fn describe(doc: &Doc, errs: &[SourceDiagnostic]) -> String {
    errs.iter()
        .take(3)
        .map(|e| {
            use typst::WorldExt;
            let line = doc.range(e.span).and_then(|r| doc.main.lines().byte_to_line(r.start));
            match line {
                Some(l) => {
                    let text: String = doc.main.text().lines().nth(l).unwrap_or("").trim().chars().take(40).collect();
                    format!("模板第 {} 行“{text}”（typst 的说明：{}）", l + 1, e.message)
                }
                None => format!("typst 的说明：{}", e.message),
            }
        })
        .collect::<Vec<_>>()
        .join("；")
}

impl World for Doc {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            // A module the template imports (`compare.typ`), served like the data.
            let text = self.files.get(&id).and_then(|b| std::str::from_utf8(b.as_slice()).ok().map(str::to_string));
            text.map(|t| Source::new(id, t)).ok_or_else(|| FileError::NotFound(id.vpath().get_without_slash().into()))
        }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files.get(&id).cloned().ok_or_else(|| FileError::NotFound(id.vpath().get_without_slash().into()))
    }
    fn font(&self, index: usize) -> Option<Font> {
        fonts().fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}

/// The PDF of a laid-out document. `ident` identifies it stably; `date`, when given,
/// becomes the creation date (never the clock).
pub fn pdf(doc: &PagedDocument, ident: &str, date: Option<Datetime>) -> Result<Vec<u8>, TypesetError> {
    let opts = typst_pdf::PdfOptions {
        ident: typst::foundations::Smart::Custom(ident.to_string()),
        creator: typst::foundations::Smart::Custom(Some(format!("minyi {}", env!("CARGO_PKG_VERSION")))),
        timestamp: date.map(typst_pdf::Timestamp::new_utc),
        ..Default::default()
    };
    typst_pdf::pdf(doc, &opts).map_err(|e| TypesetError::Pdf(e.iter().map(|d| d.message.to_string()).collect::<Vec<_>>().join("；")))
}

/// Every page as an RGB PNG at `dpi` (the resolution is recorded in the file).
pub(crate) fn pngs(doc: &PagedDocument, dpi: f64) -> Result<Vec<Vec<u8>>, TypesetError> {
    use rayon::prelude::*;
    doc.pages().par_iter().map(|page| page_png(page, dpi)).collect()
}

/// One page as an RGB PNG at `dpi`.
pub(crate) fn page_png(page: &typst_layout::Page, dpi: f64) -> Result<Vec<u8>, TypesetError> {
    let opts = typst_render::RenderOptions { pixel_per_pt: (dpi / 72.0).into(), render_bleed: false };
    let pixmap = typst_render::render(page, &opts);
    let (w, h) = (pixmap.width(), pixmap.height());
    // Pages are opaque (white background), so the premultiplied RGBA is plain RGB.
    let rgb: Vec<u8> = pixmap.data().chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
    crate::util::media::png_rgb(w, h, &rgb, dpi).map_err(|e| TypesetError::Png(e.to_string()))
}

/// A date for typst from a Unix time in seconds.
pub fn datetime(unix: i64) -> Option<Datetime> {
    let t = chrono::DateTime::from_timestamp(unix, 0)?.naive_utc();
    use chrono::{Datelike, Timelike};
    Datetime::from_ymd_hms(t.year(), t.month() as u8, t.day() as u8, t.hour() as u8, t.minute() as u8, t.second() as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_family_has_regular_and_bold() {
        let book = &fonts().book;
        assert!(book.contains_family(&FAMILY.to_lowercase()));
        assert_eq!(book.select_family(&FAMILY.to_lowercase()).count(), 2);
    }

    #[test]
    fn chinese_text_is_laid_out_with_the_embedded_font() {
        let doc = Doc::new(
            "#set text(font: \"Noto Sans CJK SC\")\n你好，民意 #json(\"d.json\").n",
            vec![("d.json".into(), b"{\"n\": 42}".to_vec())],
            None,
        )
        .unwrap();
        let paged = doc.compile().unwrap();
        assert_eq!(paged.pages().len(), 1);
        let pdf = pdf(&paged, "t", None).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
        let png = page_png(&paged.pages()[0], 30.0).unwrap();
        assert!(png.starts_with(b"\x89PNG"));
    }

    #[test]
    fn a_template_error_names_the_line() {
        let doc = Doc::new("ok\n#let x = \n#undefined_thing", vec![], None).unwrap();
        let e = doc.compile().unwrap_err().to_string();
        assert!(e.starts_with("排版模板有错误：模板第 2 行“#let x =”（typst 的说明："), "{e}");
        assert!(e.contains("提示："), "{e}");
    }
}
