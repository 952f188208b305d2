//! One source image -> its resized, re-encoded variants: which widths to
//! make (never upscaling), and decoding, resizing and encoding them.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::FilterType;
use image::{DynamicImage, ImageEncoder, ImageFormat, ImageReader};

use crate::config::ImagesConfig;

/// The encodings a variant can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Format {
    Png,
    Jpeg,
    WebP,
}

impl Format {
    /// The formats we decode and re-encode; `None` for anything else.
    pub(crate) fn from_image_format(format: ImageFormat) -> Option<Format> {
        match format {
            ImageFormat::Png => Some(Format::Png),
            ImageFormat::Jpeg => Some(Format::Jpeg),
            ImageFormat::WebP => Some(Format::WebP),
            _ => None,
        }
    }

    pub(crate) fn extension(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Jpeg => "jpg",
            Format::WebP => "webp",
        }
    }

    pub(crate) fn mime(self) -> &'static str {
        match self {
            Format::Png => "image/png",
            Format::Jpeg => "image/jpeg",
            Format::WebP => "image/webp",
        }
    }

    /// Output formats for a source: WebP first (preferred by browsers that
    /// take it), then the source's own format as the `<img>` fallback.
    pub(crate) fn outputs(source: Format) -> Vec<Format> {
        if source == Format::WebP {
            vec![Format::WebP]
        } else {
            vec![Format::WebP, source]
        }
    }
}

/// A source's format and size, read from its header only (cheap: this is
/// all a cached build needs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Header {
    pub format: Format,
    pub width: u32,
    pub height: u32,
}

/// Why a source image cannot be used.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ImageError {
    #[error("not an image format helpcentre can resize (PNG, JPEG or WebP)")]
    Unsupported,
    #[error("the image file is corrupt or truncated: {0}")]
    Corrupt(String),
    /// The file stops before its format's end marker; decoders would fill
    /// the missing rows with grey rather than fail.
    #[error("the image file is truncated: {0}")]
    Truncated(&'static str),
    #[error("the image has no pixels (width or height is 0)")]
    Empty,
    #[error("cannot encode {format}: {message}")]
    Encode {
        format: &'static str,
        message: String,
    },
}

impl ImageError {
    /// What the writer can do about it.
    pub(crate) fn hint(&self) -> &'static str {
        match self {
            ImageError::Unsupported => "re-export the screenshot as PNG or JPEG",
            ImageError::Corrupt(_) | ImageError::Truncated(_) | ImageError::Empty => {
                "re-export the screenshot from the original and commit the whole file (an interrupted copy, download or upload cuts images short)"
            }
            ImageError::Encode { .. } => {
                "re-export the screenshot as PNG or JPEG; if it keeps failing, report it with the file attached"
            }
        }
    }
}

/// Reads format and dimensions from the first bytes of `bytes`, after
/// checking that the file is complete (a cheap walk over its structure).
pub(crate) fn header(bytes: &[u8]) -> Result<Header, ImageError> {
    let format = image::guess_format(bytes).map_err(|_| ImageError::Unsupported)?;
    let format = Format::from_image_format(format).ok_or(ImageError::Unsupported)?;
    check_complete(bytes, format)?;
    let reader = ImageReader::with_format(Cursor::new(bytes), to_image_format(format));
    let (width, height) = reader
        .into_dimensions()
        .map_err(|e| ImageError::Corrupt(e.to_string()))?;
    if width == 0 || height == 0 {
        return Err(ImageError::Empty);
    }
    Ok(Header {
        format,
        width,
        height,
    })
}

/// Checks that the file reaches its format's end: JPEG's end-of-image
/// marker, PNG's IEND chunk, the length WebP's RIFF header declares.
/// Decoders are lenient with truncated files (a cut JPEG decodes with grey
/// rows), so this is where a cut screenshot is caught, on every build,
/// cached or not.
pub(crate) fn check_complete(bytes: &[u8], format: Format) -> Result<(), ImageError> {
    match format {
        Format::Jpeg => check_jpeg(bytes),
        Format::Png => check_png(bytes),
        Format::WebP => check_webp(bytes),
    }
}

/// Walks a JPEG's segments and entropy-coded scans up to its EOI marker.
fn check_jpeg(bytes: &[u8]) -> Result<(), ImageError> {
    const MISSING_END: &str = "the JPEG data stops before its end-of-image marker";
    const SOS: u8 = 0xDA;
    const EOI: u8 = 0xD9;
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return Err(ImageError::Corrupt(
            "the JPEG has no start-of-image marker".into(),
        ));
    }
    let mut at = 2;
    loop {
        // Next marker: skip stray bytes (as libjpeg does, with a warning)
        // and 0xFF fill bytes.
        let ff = bytes[at.min(bytes.len())..]
            .iter()
            .position(|&b| b == 0xFF)
            .ok_or(ImageError::Truncated(MISSING_END))?;
        at += ff;
        while bytes.get(at) == Some(&0xFF) {
            at += 1;
        }
        let marker = *bytes.get(at).ok_or(ImageError::Truncated(MISSING_END))?;
        at += 1;
        match marker {
            EOI => return Ok(()),
            // Markers without a length: restart markers, TEM, a stuffed zero.
            0xD0..=0xD7 | 0x01 | 0x00 => continue,
            _ => {}
        }
        let length = bytes
            .get(at..at + 2)
            .map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])))
            .ok_or(ImageError::Truncated(MISSING_END))?;
        if length < 2 {
            return Err(ImageError::Corrupt(format!(
                "a JPEG segment declares an impossible length {length}"
            )));
        }
        at += length;
        if at > bytes.len() {
            return Err(ImageError::Truncated(
                "a JPEG segment runs past the end of the file",
            ));
        }
        if marker == SOS {
            // Entropy-coded data ends at the first 0xFF that is neither a
            // stuffed zero, a restart marker nor fill.
            loop {
                let ff = bytes[at..]
                    .iter()
                    .position(|&b| b == 0xFF)
                    .ok_or(ImageError::Truncated(MISSING_END))?;
                at += ff;
                match bytes.get(at + 1) {
                    None => return Err(ImageError::Truncated(MISSING_END)),
                    Some(0x00 | 0xD0..=0xD7) => at += 2,
                    Some(0xFF) => at += 1,
                    Some(_) => break,
                }
            }
        }
    }
}

/// Walks a PNG's chunks up to IEND, requiring image data before it.
fn check_png(bytes: &[u8]) -> Result<(), ImageError> {
    const MISSING_END: &str = "the PNG stops before its closing IEND chunk";
    let mut at = 8;
    let mut has_data = false;
    loop {
        let Some(head) = bytes.get(at..at + 8) else {
            return Err(ImageError::Truncated(MISSING_END));
        };
        let length = u32::from_be_bytes([head[0], head[1], head[2], head[3]]);
        if length > i32::MAX as u32 {
            return Err(ImageError::Corrupt(format!(
                "a PNG chunk declares an impossible length {length}"
            )));
        }
        let kind = [head[4], head[5], head[6], head[7]];
        // Length, type, data, CRC.
        let end = at + 12 + length as usize;
        if end > bytes.len() {
            return Err(ImageError::Truncated(if &kind == b"IDAT" {
                "the PNG's image data (IDAT) runs past the end of the file"
            } else {
                "a PNG chunk runs past the end of the file"
            }));
        }
        match &kind {
            b"IDAT" => has_data = true,
            b"IEND" if has_data => return Ok(()),
            b"IEND" => {
                return Err(ImageError::Corrupt(
                    "the PNG has no image data (IDAT)".into(),
                ))
            }
            _ => {}
        }
        at = end;
    }
}

/// Compares a WebP's RIFF length with the file's.
fn check_webp(bytes: &[u8]) -> Result<(), ImageError> {
    let declared = bytes
        .get(4..8)
        .map(|b| u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])))
        .ok_or(ImageError::Truncated("the WebP stops inside its header"))?;
    if (bytes.len() as u64) < declared + 8 {
        return Err(ImageError::Truncated(
            "the WebP is shorter than its header declares",
        ));
    }
    Ok(())
}

fn to_image_format(format: Format) -> ImageFormat {
    match format {
        Format::Png => ImageFormat::Png,
        Format::Jpeg => ImageFormat::Jpeg,
        Format::WebP => ImageFormat::WebP,
    }
}

/// Decodes the whole image (the expensive part, done only on a cache miss).
pub(crate) fn decode(bytes: &[u8], format: Format) -> Result<DynamicImage, ImageError> {
    ImageReader::with_format(Cursor::new(bytes), to_image_format(format))
        .decode()
        .map_err(|e| ImageError::Corrupt(e.to_string()))
}

/// Widths to make for a source: the configured widths for its orientation
/// (phone widths for portrait captures, desktop widths otherwise) that do
/// not upscale it, or its own width when it is narrower than all of them.
pub(crate) fn widths_for(width: u32, height: u32, config: &ImagesConfig) -> Vec<u32> {
    let configured = if height > width {
        &config.phone_widths
    } else {
        &config.desktop_widths
    };
    let mut widths: Vec<u32> = configured
        .iter()
        .copied()
        .filter(|w| *w > 0 && *w <= width)
        .collect();
    widths.sort_unstable();
    widths.dedup();
    if widths.is_empty() {
        widths.push(width);
    }
    widths
}

/// The height of a variant `width` wide, keeping the aspect ratio.
pub(crate) fn height_for(source_width: u32, source_height: u32, width: u32) -> u32 {
    if source_width == 0 {
        return source_height.max(1);
    }
    let scaled = (u64::from(source_height) * u64::from(width) + u64::from(source_width) / 2)
        / u64::from(source_width);
    u32::try_from(scaled).unwrap_or(u32::MAX).max(1)
}

/// Resizes `image` to `width` x `height` (unless it already is that size).
pub(crate) fn resize(image: &DynamicImage, width: u32, height: u32) -> DynamicImage {
    if image.width() == width && image.height() == height {
        image.clone()
    } else {
        // Catmull-Rom keeps UI text crisp when halving screenshots, at a
        // fraction of Lanczos' cost.
        image.resize_exact(width, height, FilterType::CatmullRom)
    }
}

/// Encodes a resized image. `quality` (1-100) applies to JPEG and WebP.
pub(crate) fn encode(
    image: &DynamicImage,
    format: Format,
    quality: u8,
) -> Result<Vec<u8>, ImageError> {
    let quality = quality.clamp(1, 100);
    let (width, height) = (image.width(), image.height());
    let failed = |message: String| ImageError::Encode {
        format: format.extension(),
        message,
    };
    let mut out = Vec::new();
    match format {
        Format::Png => {
            // The PNG is only the fallback for browsers without WebP, so
            // favour encoding speed (fdeflate) over the last few percent.
            let encoder =
                PngEncoder::new_with_quality(&mut out, CompressionType::Fast, PngFilter::Adaptive);
            if image.color().has_alpha() {
                let rgba = image.to_rgba8();
                encoder.write_image(&rgba, width, height, image::ExtendedColorType::Rgba8)
            } else {
                let rgb = image.to_rgb8();
                encoder.write_image(&rgb, width, height, image::ExtendedColorType::Rgb8)
            }
            .map_err(|e| failed(e.to_string()))?;
        }
        Format::Jpeg => {
            let rgb = image.to_rgb8();
            JpegEncoder::new_with_quality(&mut out, quality)
                .write_image(&rgb, width, height, image::ExtendedColorType::Rgb8)
                .map_err(|e| failed(e.to_string()))?;
        }
        Format::WebP => {
            // Lossy WebP through libwebp: for screenshots it is a third to a
            // half of the PNG's size; image's own WebP encoder is lossless only.
            let memory = if image.color().has_alpha() {
                let rgba = image.to_rgba8();
                webp::Encoder::from_rgba(&rgba, width, height)
                    .encode_simple(false, f32::from(quality))
            } else {
                let rgb = image.to_rgb8();
                webp::Encoder::from_rgb(&rgb, width, height)
                    .encode_simple(false, f32::from(quality))
            }
            .map_err(|e| failed(format!("{e:?}")))?;
            out.extend_from_slice(&memory);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_never_upscale() {
        let config = ImagesConfig::default();
        assert_eq!(widths_for(1170, 2532, &config), vec![320, 640]);
        assert_eq!(widths_for(320, 480, &config), vec![320]);
        assert_eq!(widths_for(200, 400, &config), vec![200]);
        assert_eq!(widths_for(1280, 800, &config), vec![640, 1280]);
        assert_eq!(widths_for(1000, 600, &config), vec![640]);
    }

    #[test]
    fn heights_keep_the_aspect_ratio() {
        assert_eq!(height_for(1280, 800, 640), 400);
        assert_eq!(height_for(1170, 2532, 320), 693);
        assert_eq!(height_for(3, 1, 1), 1);
    }

    fn encoded(format: ImageFormat) -> Vec<u8> {
        let image = image::RgbImage::from_fn(64, 48, |x, y| {
            image::Rgb([(x * 4) as u8, (y * 5) as u8, ((x + y) * 3) as u8])
        });
        let mut bytes = Vec::new();
        image
            .write_to(&mut Cursor::new(&mut bytes), format)
            .expect("encode");
        bytes
    }

    #[test]
    fn garbage_is_unsupported_not_a_panic() {
        assert!(matches!(
            header(b"not an image"),
            Err(ImageError::Unsupported)
        ));
        let mut png = encoded(ImageFormat::Png);
        png.truncate(40);
        assert!(matches!(header(&png), Err(ImageError::Truncated(_))));
    }

    #[test]
    fn complete_files_pass_and_every_cut_is_caught() {
        for format in [ImageFormat::Png, ImageFormat::Jpeg, ImageFormat::WebP] {
            let bytes = encoded(format);
            let header = header(&bytes).unwrap_or_else(|e| panic!("{format:?}: {e}"));
            assert_eq!((header.width, header.height), (64, 48));
            // Every prefix long enough to be recognised is refused, and
            // none panics.
            for length in 0..bytes.len() {
                let result = std::panic::catch_unwind(|| super::header(&bytes[..length]));
                match result {
                    Ok(Err(_)) => {}
                    Ok(Ok(_)) => panic!("{format:?} cut to {length} bytes was accepted"),
                    Err(_) => panic!("{format:?} cut to {length} bytes panicked"),
                }
            }
        }
    }

    #[test]
    fn a_jpeg_without_its_end_marker_is_truncated_but_trailing_bytes_are_fine() {
        let jpeg = encoded(ImageFormat::Jpeg);
        assert!(jpeg.ends_with(&[0xFF, 0xD9]));
        let no_end = &jpeg[..jpeg.len() - 2];
        // The lenient decoder would accept it...
        assert!(decode(no_end, Format::Jpeg).is_ok());
        // ...the check does not.
        match header(no_end) {
            Err(error @ ImageError::Truncated(_)) => {
                assert!(error.to_string().contains("end-of-image marker"), "{error}");
                assert!(error.hint().contains("re-export"));
            }
            other => panic!("expected truncated, got {other:?}"),
        }
        let mut trailing = jpeg.clone();
        trailing.extend_from_slice(b"camera maker notes");
        assert!(header(&trailing).is_ok());
    }
}
