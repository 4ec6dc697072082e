//! A draft laid out: Markdown, and a docx per GB/T 9704 (A4, top margin 37 mm, binding
//! margin 28 mm, title 2号 方正小标宋简体, body 3号 仿宋_GB2312, headings 黑体 / 楷体_GB2312,
//! fixed 28 pt line spacing; fonts named, not embedded).

use super::{Draft, ATTACHMENT, MACHINE_NOTE};
use docx_rs::{
    AlignmentType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin, PageNum, Paragraph, Pic, Run, RunFonts, SpecialIndentType,
};

impl Draft {
    /// Characters of the draft's text (note, title and body), spaces not counted.
    pub fn chars(&self) -> usize {
        let mut n = MACHINE_NOTE.chars().count() + self.title.chars().count();
        for s in &self.sections {
            n += s.heading.chars().count();
            n += s.paragraphs.iter().map(|p| p.chars().filter(|c| !c.is_whitespace()).count()).sum::<usize>();
        }
        if let Some(f) = &self.figure {
            n += ATTACHMENT.chars().count() + f.caption.chars().filter(|c| !c.is_whitespace()).count();
        }
        n
    }

    pub(crate) fn markdown(&self) -> String {
        let mut s = format!("> {MACHINE_NOTE}\n\n# {}\n\n", self.title);
        for sec in &self.sections {
            s.push_str(&format!("## {}\n\n", sec.heading));
            for p in &sec.paragraphs {
                s.push_str(p);
                s.push_str("\n\n");
            }
        }
        if let Some(f) = &self.figure {
            s.push_str(&format!("## {ATTACHMENT}\n\n![附图](../charts/{})\n\n{}\n", f.file, f.caption));
        }
        s.trim_end().to_string() + "\n"
    }

    /// The docx, laid out per GB/T 9704.
    pub fn docx(&self) -> Result<Vec<u8>, docx_rs::DocxError> {
        let exact = || LineSpacing::new().line_rule(LineSpacingType::Exact).line(LINE_TWIPS);
        let fonts = |f: &str| RunFonts::new().east_asia(f).ascii(f).hi_ansi(f).cs(f);
        let run = |text: &str, font: &str, size: usize| Run::new().add_text(text).fonts(fonts(font)).size(size);
        let mut doc = Docx::new()
            .page_size(A4_TWIPS.0, A4_TWIPS.1)
            .page_margin(
                PageMargin::new()
                    .top(mm_twips(37.0))
                    .bottom(mm_twips(35.0))
                    .left(mm_twips(28.0))
                    .right(mm_twips(26.0))
                    .header(mm_twips(15.0))
                    .footer(mm_twips(28.0))
                    .gutter(0),
            )
            .default_fonts(fonts(BODY_FONT))
            .default_size(BODY_SIZE)
            .footer(
                Footer::new().add_paragraph(
                    Paragraph::new()
                        .align(AlignmentType::Center)
                        .add_run(run("— ", PAGE_FONT, PAGE_SIZE))
                        .add_page_num(PageNum::new())
                        .add_run(run(" —", PAGE_FONT, PAGE_SIZE)),
                ),
            );
        doc = doc.add_paragraph(Paragraph::new().line_spacing(exact()).add_run(run(MACHINE_NOTE, KAI_FONT, NOTE_SIZE)));
        doc = doc.add_paragraph(Paragraph::new().line_spacing(exact()));
        doc = doc.add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .line_spacing(LineSpacing::new().line_rule(LineSpacingType::Exact).line(TITLE_LINE_TWIPS))
                .add_run(run(&self.title, TITLE_FONT, TITLE_SIZE)),
        );
        doc = doc.add_paragraph(Paragraph::new().line_spacing(exact()));
        for sec in &self.sections {
            doc = doc.add_paragraph(
                Paragraph::new()
                    .line_spacing(exact())
                    .indent(None, Some(SpecialIndentType::FirstLine(INDENT_TWIPS)), None, None)
                    .add_run(run(&sec.heading, HEADING_FONT, BODY_SIZE)),
            );
            for p in &sec.paragraphs {
                doc = doc.add_paragraph(
                    Paragraph::new()
                        .align(AlignmentType::Both)
                        .line_spacing(exact())
                        .indent(None, Some(SpecialIndentType::FirstLine(INDENT_TWIPS)), None, None)
                        .add_run(run(p, BODY_FONT, BODY_SIZE)),
                );
            }
        }
        if let Some(f) = &self.figure {
            doc = doc.add_paragraph(
                Paragraph::new()
                    .line_spacing(exact())
                    .indent(None, Some(SpecialIndentType::FirstLine(INDENT_TWIPS)), None, None)
                    .add_run(run(ATTACHMENT, HEADING_FONT, BODY_SIZE)),
            );
            // The text width (156 mm), no taller than 170 mm; a fixed id keeps reruns identical.
            let emu = |mm: f64| (mm / 25.4 * 914_400.0).round() as u32;
            let mut w = 156.0;
            let mut h = w * f64::from(f.height) / f64::from(f.width.max(1));
            if h > 170.0 {
                w *= 170.0 / h;
                h = 170.0;
            }
            let pic = Pic::new_with_dimensions(f.png.clone(), f.width, f.height).id("rIdImage1").size(emu(w), emu(h));
            doc = doc.add_paragraph(Paragraph::new().align(AlignmentType::Center).add_run(Run::new().add_image(pic)));
            doc = doc.add_paragraph(
                Paragraph::new().align(AlignmentType::Center).line_spacing(exact()).add_run(run(&f.caption, KAI_FONT, NOTE_SIZE)),
            );
        }
        let mut buf = std::io::Cursor::new(Vec::new());
        doc.build().pack(&mut buf)?;
        Ok(buf.into_inner())
    }
}

/// GB/T 9704 in Word units (twips = 1/20 pt; sizes in half-points).
pub(super) const A4_TWIPS: (u32, u32) = (11906, 16838);
pub(super) const LINE_TWIPS: i32 = 560; // 28 pt
/// First-line indent of two 3号 characters (2 × 16 pt).
pub(super) const INDENT_TWIPS: i32 = 640;
const TITLE_LINE_TWIPS: i32 = 700; // 35 pt: a 2号 title needs more than 28 pt
pub(super) const TITLE_FONT: &str = "方正小标宋简体";
pub(super) const TITLE_SIZE: usize = 44; // 2号 = 22 pt
pub(super) const BODY_FONT: &str = "仿宋_GB2312";
pub(super) const BODY_SIZE: usize = 32; // 3号 = 16 pt
pub(super) const HEADING_FONT: &str = "黑体";
pub(super) const KAI_FONT: &str = "楷体_GB2312";
const NOTE_SIZE: usize = 28; // 4号
const PAGE_FONT: &str = "宋体";
const PAGE_SIZE: usize = 28; // 4号

pub(super) fn mm_twips(mm: f64) -> i32 {
    (mm / 25.4 * 1440.0).round() as i32
}
