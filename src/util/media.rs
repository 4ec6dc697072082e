//! What the chart and brief stages both put into files: the embedded fonts (once in the
//! binary) and PNG encoding with the resolution recorded.

/// The embedded fonts: a GB2312 subset of Noto Sans SC, regular and bold
/// (`data/fonts/OFL.txt`).
pub(crate) static FONT_REGULAR: &[u8] = include_bytes!("../../data/fonts/NotoSansSC-Regular.otf");
pub(crate) static FONT_BOLD: &[u8] = include_bytes!("../../data/fonts/NotoSansSC-Bold.otf");

/// An 8-bit RGB image (`rgb` row by row, 3 bytes a pixel) as PNG, stating `dpi` so that
/// office programs place it at its print size.
pub(crate) fn png_rgb(width: u32, height: u32, rgb: &[u8], dpi: f64) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, width, height);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let ppm = (dpi / 0.0254).round() as u32;
        enc.set_pixel_dims(Some(png::PixelDimensions { xppu: ppm, yppu: ppm, unit: png::Unit::Meter }));
        enc.write_header()?.write_image_data(rgb)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    /// A 2 × 1 image decodes back to its pixels and its resolution.
    #[test]
    fn png_round_trip_with_resolution() {
        let bytes = super::png_rgb(2, 1, &[255, 0, 0, 0, 0, 255], 150.0).unwrap();
        let mut reader = png::Decoder::new(std::io::Cursor::new(bytes)).read_info().unwrap();
        let dims = reader.info().pixel_dims.unwrap();
        assert_eq!((dims.xppu, dims.unit), (5906, png::Unit::Meter)); // 150 / 0.0254
        let mut buf = vec![0; reader.output_buffer_size()];
        reader.next_frame(&mut buf).unwrap();
        assert_eq!(&buf[..6], &[255, 0, 0, 0, 0, 255]);
    }
}
