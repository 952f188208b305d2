//! `inspect`: the normalised model of single article files, read in the
//! context of their site.

use std::path::{Path, PathBuf};

use crate::build::load_config;
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::fs_util::absolute;
use crate::load::{self, DocKind};
use crate::model::Article;
use crate::normalise::{self, DeviceMatcher, Registry};

/// One inspected file: its article (`None` when it does not parse) and
/// what normalising it found.
pub type Inspected = (Option<Article>, Vec<Diagnostic>);

/// Normalises files in the context of their site (the nearest book.toml
/// above them, or built-in defaults). Fails when a file cannot be read;
/// a file that does not parse gets `None` and its diagnostics.
pub fn inspect_files(files: &[PathBuf]) -> Result<Vec<Inspected>, Error> {
    let mut out = Vec::new();
    for file in files {
        let path = absolute(file);
        let root = find_root(&path);
        let config = match &root {
            Some(root) => load_config(root).0.unwrap_or_default(),
            None => Config::default(),
        };
        let site_root = root
            .clone()
            .unwrap_or_else(|| path.parent().map(Path::to_path_buf).unwrap_or_default());
        let content_dir = site_root.join("content");
        let rel = path
            .strip_prefix(&content_dir)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| PathBuf::from(path.file_name().unwrap_or_default()));
        // A size limit: `inspect /dev/zero` must not read until memory runs out.
        let text = crate::fs_util::read_text_limited(&path, config.content.max_article_bytes)
            .map_err(|source| Error::Read {
                path: file.clone(),
                source,
            })?;
        let source = crate::diagnostics::display_path(&site_root, &path);
        let doc = match load::parse_document(DocKind::Article, source, rel, text) {
            Ok(doc) => doc,
            Err(d) => {
                out.push((None, vec![d]));
                continue;
            }
        };
        let matcher = DeviceMatcher::new(&config);
        let registry = registry_for(&config, &content_dir);
        let ctx = normalise::Context {
            config: &config,
            matcher: &matcher,
            registry: &registry,
        };
        out.push(normalise::normalise_article(&doc, &ctx));
    }
    Ok(out)
}

/// The registry with names from book.toml and the site's `_index.md` files.
fn registry_for(config: &Config, content_dir: &Path) -> Registry {
    let mut registry = Registry::from_config(config);
    for entry in walkdir::WalkDir::new(content_dir)
        .max_depth(3)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_name() != "_index.md" {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(content_dir) else {
            continue;
        };
        let Ok(doc) = load::load_document(content_dir, content_dir, rel) else {
            continue;
        };
        let title = doc.front.get("title").and_then(normalise::metadata::scalar);
        match (normalise::metadata::ids_from_path(rel), title) {
            ((Some(p), None), Some(t)) => {
                registry.provider_names.entry(p).or_insert(t);
            }
            ((Some(p), Some(q)), Some(t)) => {
                registry
                    .product_names
                    .entry((p.clone(), q.clone()))
                    .or_insert(t);
                registry.product_providers.entry(q).or_insert(p);
            }
            _ => {}
        }
    }
    registry
}

fn find_root(file: &Path) -> Option<PathBuf> {
    file.ancestors()
        .skip(1)
        .find(|d| d.join("book.toml").is_file())
        .map(Path::to_path_buf)
}
