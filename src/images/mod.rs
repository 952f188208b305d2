//! The image stage: finds every local screenshot an article references
//! (`check`), then resizes and re-encodes each into the configured widths
//! as WebP plus its own format, through a content-hashed cache (`process`).

mod cache;
mod process;
pub(crate) mod resize;
pub(crate) mod static_files;

pub(crate) use cache::Cache;
pub(crate) use process::process;
pub(crate) use static_files::static_copies;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::config::RemoteImages;
use crate::diagnostics::Diagnostic;
use crate::fs_util::{Resolved, Roots};
use crate::model::Article;
use crate::site::Site;

/// One resized variant of a local image.
#[derive(Debug, Clone)]
pub(crate) struct Variant {
    pub url: String,
    pub width: u32,
    pub mime: &'static str,
}

/// What the image stage knows about a local source image.
#[derive(Debug, Clone)]
pub(crate) struct ProcessedImage {
    /// URL of the original, kept for zoom.
    pub original_url: String,
    pub width: u32,
    pub height: u32,
    pub variants: Vec<Variant>,
}

/// The site path of a local image referenced from `article`, relative
/// to content/ (`provider/product/images/a.png`), or `None` if remote
/// or escaping the content root.
pub(crate) fn source_key(article: &Article, src: &str) -> Option<String> {
    if crate::model::is_remote_source(src) {
        return None;
    }
    let src = src.split(['?', '#']).next().unwrap_or(src);
    let decoded = crate::fs_util::percent_decode(src);
    let source_dir = article
        .source
        .strip_prefix("content")
        .unwrap_or(&article.source)
        .parent()
        .map(|p| p.to_path_buf())
        .unwrap_or_default();
    let joined = if let Some(absolute) = decoded.strip_prefix('/') {
        std::path::PathBuf::from(absolute)
    } else {
        source_dir.join(&decoded)
    };
    let normalised =
        crate::fs_util::safe_join(std::path::Path::new(""), &joined.to_string_lossy())?;
    Some(normalised.to_string_lossy().replace('\\', "/"))
}

/// Where a local screenshot's file was found.
#[derive(Debug, Clone)]
pub(crate) struct Located {
    /// Path relative to content/ (or static/), as used in URLs.
    pub key: String,
    /// The file on disk.
    pub path: PathBuf,
    /// The first article referencing it, and where, for diagnostics.
    pub article: PathBuf,
    pub line: usize,
    pub column: usize,
}

/// Checks every screenshot of every article; returns the local ones found.
pub(crate) fn check(
    site: &Site,
    root: &Path,
    content_dir: &Path,
    static_dir: &Path,
) -> (Vec<Located>, Vec<Diagnostic>) {
    let content_files: HashSet<String> = site
        .static_files
        .iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    let roots = Roots::new(&[content_dir, static_dir]);
    let mut found = Vec::new();
    let mut seen = HashSet::new();
    let mut diagnostics = Vec::new();
    for article in &site.articles {
        for shot in article.screenshots() {
            if shot.is_remote() {
                let message = format!("screenshot is on another host: {}", shot.src);
                let hint = "download it into the article's folder and reference it relatively, or set [images] remote = \"keep\"";
                match site.config.images.remote {
                    RemoteImages::Keep => {}
                    RemoteImages::Warn => diagnostics.push(
                        Diagnostic::warning(&article.source, message)
                            .at(shot.line, shot.column)
                            .hint(hint),
                    ),
                    RemoteImages::Error => diagnostics.push(
                        Diagnostic::error(&article.source, message)
                            .at(shot.line, shot.column)
                            .hint(hint),
                    ),
                }
                continue;
            }
            if shot.src.starts_with("data:") {
                continue;
            }
            let Some(key) = source_key(article, &shot.src) else {
                diagnostics.push(
                    Diagnostic::error(
                        &article.source,
                        format!("image path `{}` leaves the site's content folder", shot.src),
                    )
                    .at(shot.line, shot.column)
                    .hint(
                        "keep screenshots inside content/ or static/ and reference them relatively",
                    ),
                );
                continue;
            };
            let path = if content_files.contains(&key) {
                Some(content_dir.join(&key))
            } else if content_dir.join(&key).is_file() {
                // Not listed by the walk: a symbolic link, checked below.
                Some(content_dir.join(&key))
            } else {
                let candidate = static_dir.join(&key);
                candidate.is_file().then_some(candidate)
            };
            match path {
                // Links are followed only within content/ and static/.
                Some(path) if !matches!(roots.resolve(&path), Resolved::Inside(_)) => {
                    diagnostics.push(
                        Diagnostic::error(
                            &article.source,
                            format!(
                                "image `{}` is a link to a file outside the site's content/ and static/ folders",
                                shot.src
                            ),
                        )
                        .at(shot.line, shot.column)
                        .hint("copy the image into content/ or static/ instead of linking to it"),
                    );
                }
                Some(path) => {
                    if seen.insert(key.clone()) {
                        found.push(Located {
                            key,
                            path,
                            article: article.source.clone(),
                            line: shot.line,
                            column: shot.column,
                        });
                    }
                }
                None => {
                    let tried = crate::diagnostics::display_path(root, &content_dir.join(&key));
                    diagnostics.push(
                        Diagnostic::error(&article.source, format!("screenshot not found: `{}` (tried {})", shot.src, tried.display()))
                            .at(shot.line, shot.column)
                            .hint("check the file name and that the image is committed; paths are relative to the article's folder"),
                    );
                }
            }
        }
    }
    (found, diagnostics)
}
