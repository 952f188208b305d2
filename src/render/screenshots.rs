//! Screenshot markup: remote captures as given, local ones through the
//! image pipeline's variants when it produced any.

use std::collections::HashMap;
use std::fmt::Write;

use super::body::ScreenshotHtml;
use super::escape;
use crate::images::{source_key, ProcessedImage};
use crate::model::{Article, Screenshot};

/// Renders screenshots for one build.
pub(crate) struct Screenshots {
    pub base_path: String,
    /// Local source key (path relative to content/) -> processed image.
    pub processed: HashMap<String, ProcessedImage>,
}

impl ScreenshotHtml for Screenshots {
    fn is_portrait(&self, article: &Article, shot: &Screenshot) -> bool {
        match source_key(article, &shot.src).and_then(|k| self.processed.get(&k)) {
            Some(image) => image.height > image.width,
            None => shot.is_portrait(),
        }
    }

    fn render(&self, article: &Article, shot: &Screenshot, alt: &str, eager: bool) -> String {
        let loading = if eager {
            "loading=\"eager\" fetchpriority=\"high\""
        } else {
            "loading=\"lazy\" decoding=\"async\""
        };
        let key = source_key(article, &shot.src);
        let processed = key.as_ref().and_then(|k| self.processed.get(k));
        let mut out = String::new();
        match processed {
            Some(image) => {
                let orientation = if image.height > image.width {
                    "portrait"
                } else {
                    "landscape"
                };
                let sizes = if orientation == "portrait" {
                    "(max-width: 600px) 40vw, 240px"
                } else {
                    "(max-width: 800px) 100vw, 760px"
                };
                let mut mimes: Vec<&str> = image.variants.iter().map(|v| v.mime).collect();
                mimes.dedup();
                let fallback_mime = mimes.last().copied().unwrap_or("image/png");
                let fallback: Vec<&crate::images::Variant> = image
                    .variants
                    .iter()
                    .filter(|v| v.mime == fallback_mime)
                    .collect();
                let src = fallback
                    .first()
                    .map(|v| v.url.clone())
                    .unwrap_or_else(|| image.original_url.clone());
                // A link to the original only when it is more than what
                // the page shows; app.js makes every screenshot zoomable.
                let zoom = src != image.original_url;
                let _ = write!(out, "<figure class=\"shot {orientation}\">");
                if zoom {
                    let _ = write!(
                        out,
                        "<a class=\"zoom\" href=\"{}\" data-width=\"{}\" data-height=\"{}\">",
                        escape(&image.original_url),
                        image.width,
                        image.height
                    );
                }
                out.push_str("<picture>");
                for mime in &mimes {
                    let srcset: Vec<String> = image
                        .variants
                        .iter()
                        .filter(|v| v.mime == *mime)
                        .map(|v| format!("{} {}w", v.url, v.width))
                        .collect();
                    if *mime != fallback_mime {
                        let _ = write!(
                            out,
                            "<source type=\"{mime}\" srcset=\"{}\" sizes=\"{sizes}\">",
                            escape(&srcset.join(", "))
                        );
                    }
                }
                let srcset: Vec<String> = fallback
                    .iter()
                    .map(|v| format!("{} {}w", v.url, v.width))
                    .collect();
                let (w, h) = display_size(shot, image.width, image.height);
                let _ = write!(
                    out,
                    "<img src=\"{}\" srcset=\"{}\" sizes=\"{sizes}\" width=\"{w}\" height=\"{h}\" alt=\"{}\" {loading}></picture>",
                    escape(&src),
                    escape(&srcset.join(", ")),
                    escape(alt)
                );
                out.push_str(if zoom { "</a></figure>" } else { "</figure>" });
            }
            None => {
                let url = match &key {
                    Some(k) => format!("{}{}", self.base_path, k),
                    None => shot.src.clone(),
                };
                let orientation = if shot.is_portrait() {
                    "portrait"
                } else {
                    "landscape"
                };
                // Shown as it is: a link to the same file would add nothing
                // but bytes (app.js opens the zoom view from the image).
                let _ = write!(
                    out,
                    "<figure class=\"shot {orientation}\"><img src=\"{}\" alt=\"{}\"",
                    escape(&url),
                    escape(alt)
                );
                if let (Some(w), Some(h)) = (shot.width, shot.height) {
                    let _ = write!(out, " width=\"{w}\" height=\"{h}\"");
                }
                let _ = write!(out, " {loading}></figure>");
            }
        }
        out
    }
}

/// The size to reserve: the writer's width/height when given (scaled to
/// the image's aspect ratio), else the image's own size.
fn display_size(shot: &Screenshot, width: u32, height: u32) -> (u32, u32) {
    match shot.width {
        Some(w) if width > 0 => (
            w,
            (u64::from(w) * u64::from(height) / u64::from(width)) as u32,
        ),
        _ => (width, height),
    }
}
