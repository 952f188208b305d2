//! Screenshot files: checks that every local screenshot exists inside the
//! site, and lists the files to copy. (Resizing lives in the image stage.)

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::config::RemoteImages;
use crate::diagnostics::Diagnostic;
use crate::render::screenshots::Screenshots;
use crate::site::Site;

/// Where a local screenshot's file was found.
#[derive(Debug, Clone)]
pub struct Located {
    pub key: String,
    pub path: PathBuf,
}

/// Checks every screenshot of every article; returns the local ones found.
pub fn check(site: &Site, root: &Path, content_dir: &Path, static_dir: &Path) -> (Vec<Located>, Vec<Diagnostic>) {
    let content_files: HashSet<String> = site
        .static_files
        .iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
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
                    RemoteImages::Warn => diagnostics.push(Diagnostic::warning(&article.source, message).at(shot.line, shot.column).hint(hint)),
                    RemoteImages::Error => diagnostics.push(Diagnostic::error(&article.source, message).at(shot.line, shot.column).hint(hint)),
                }
                continue;
            }
            if shot.src.starts_with("data:") {
                continue;
            }
            let Some(key) = Screenshots::local_key(article, &shot.src) else {
                diagnostics.push(
                    Diagnostic::error(&article.source, format!("image path `{}` leaves the site's content folder", shot.src))
                        .at(shot.line, shot.column)
                        .hint("keep screenshots inside content/ or static/ and reference them relatively"),
                );
                continue;
            };
            let path = if content_files.contains(&key) {
                Some(content_dir.join(&key))
            } else {
                let candidate = static_dir.join(&key);
                candidate.is_file().then_some(candidate)
            };
            match path {
                Some(path) => {
                    if seen.insert(key.clone()) {
                        found.push(Located { key, path });
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
