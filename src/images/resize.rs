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
pub enum Format {
    Png,
    Jpeg,
    WebP,
}

impl Format {
    /// The formats we decode and re-encode; `None` for anything else.
    pub fn from_image_format(format: ImageFormat) -> Option<Format> {
        match format {
            ImageFormat::Png => Some(Format::Png),
            ImageFormat::Jpeg => Some(Format::Jpeg),
            ImageFormat::WebP => Some(Format::WebP),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Jpeg => "jpg",
            Format::WebP => "webp",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Png => "image/png",
            Format::Jpeg => "image/jpeg",
            Format::WebP => "image/webp",
        }
    }

    /// Output formats for a source: WebP first (preferred by browsers that
    /// take it), then the source's own format as the `<img>` fallback.
    pub fn outputs(source: Format) -> Vec<Format> {
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
pub struct Header {
    pub format: Format,
    pub width: u32,
    pub height: u32,
}

/// Why a source image cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    #[error("not an image format helpcentre can resize (PNG, JPEG or WebP)")]
    Unsupported,
    #[error("the image file is corrupt or truncated: {0}")]
    Corrupt(String),
    #[error("the image has no pixels (width or height is 0)")]
    Empty,
    #[error("cannot encode {format}: {message}")]
    Encode {
        format: &'static str,
        message: String,
    },
}

/// Reads format and dimensions from the first bytes of `bytes`.
pub fn header(bytes: &[u8]) -> Result<Header, ImageError> {
    let format = image::guess_format(bytes).map_err(|_| ImageError::Unsupported)?;
    let format = Format::from_image_format(format).ok_or(ImageError::Unsupported)?;
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

fn to_image_format(format: Format) -> ImageFormat {
    match format {
        Format::Png => ImageFormat::Png,
        Format::Jpeg => ImageFormat::Jpeg,
        Format::WebP => ImageFormat::WebP,
    }
}

/// Decodes the whole image (the expensive part, done only on a cache miss).
pub fn decode(bytes: &[u8], format: Format) -> Result<DynamicImage, ImageError> {
    ImageReader::with_format(Cursor::new(bytes), to_image_format(format))
        .decode()
        .map_err(|e| ImageError::Corrupt(e.to_string()))
}

/// Widths to make for a source: the configured widths for its orientation
/// (phone widths for portrait captures, desktop widths otherwise) that do
/// not upscale it, or its own width when it is narrower than all of them.
pub fn widths_for(width: u32, height: u32, config: &ImagesConfig) -> Vec<u32> {
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
pub fn height_for(source_width: u32, source_height: u32, width: u32) -> u32 {
    if source_width == 0 {
        return source_height.max(1);
    }
    let scaled = (u64::from(source_height) * u64::from(width) + u64::from(source_width) / 2)
        / u64::from(source_width);
    u32::try_from(scaled).unwrap_or(u32::MAX).max(1)
}

/// Resizes `image` to `width` x `height` (unless it already is that size).
pub fn resize(image: &DynamicImage, width: u32, height: u32) -> DynamicImage {
    if image.width() == width && image.height() == height {
        image.clone()
    } else {
        // Catmull-Rom keeps UI text crisp when halving screenshots, at a
        // fraction of Lanczos' cost.
        image.resize_exact(width, height, FilterType::CatmullRom)
    }
}

/// Encodes a resized image. `quality` (1-100) applies to JPEG and WebP.
pub fn encode(image: &DynamicImage, format: Format, quality: u8) -> Result<Vec<u8>, ImageError> {
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

    #[test]
    fn garbage_is_unsupported_not_a_panic() {
        assert!(matches!(
            header(b"not an image"),
            Err(ImageError::Unsupported)
        ));
        let mut png = Vec::new();
        image::RgbImage::new(4, 4)
            .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .unwrap();
        png.truncate(40);
        assert!(header(&png).is_ok() || matches!(header(&png), Err(ImageError::Corrupt(_))));
        if let Ok(h) = header(&png) {
            assert!(decode(&png, h.format).is_err());
        }
    }
}
