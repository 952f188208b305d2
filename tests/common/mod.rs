//! Shared helpers for integration tests: fixture sites, building, parsing.
#![allow(dead_code)]

pub mod browser;

use std::path::{Path, PathBuf};

use helpcentre::{build, BuildReport, Options};
use scraper::{Html, Selector};

/// The repository root (the example site).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Writes files (path, text) under a new temporary site folder.
pub fn site_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, text) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        std::fs::write(full, text).expect("write fixture");
    }
    dir
}

/// Builds `root` into `out`.
pub fn build_into(root: &Path, out: &Path) -> Result<BuildReport, helpcentre::Error> {
    build(&Options {
        root: root.to_path_buf(),
        out: Some(out.to_path_buf()),
        base_url: None,
        dry_run: false,
    })
}

/// Builds the example site into a temporary folder, with an optional base URL.
pub fn build_example(base_url: Option<&str>) -> (tempfile::TempDir, BuildReport) {
    let out = tempfile::tempdir().expect("temp dir");
    let report = build(&Options {
        root: repo_root(),
        out: Some(out.path().join("site")),
        base_url: base_url.map(str::to_string),
        dry_run: false,
    })
    .unwrap_or_else(|e| panic!("example site failed to build: {}", describe(&e)));
    (out, report)
}

/// Formats a build error with all its diagnostics.
pub fn describe(error: &helpcentre::Error) -> String {
    match error {
        helpcentre::Error::Invalid { diagnostics } => diagnostics
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
        other => other.chain(),
    }
}

/// Reads and parses an output HTML file.
pub fn page(out: &Path, rel: &str) -> Html {
    let path = out.join(rel);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    Html::parse_document(&text)
}

/// Text of every element matching `selector`, white space collapsed.
pub fn texts(html: &Html, selector: &str) -> Vec<String> {
    let sel = Selector::parse(selector).expect("valid selector");
    html.select(&sel)
        .map(|e| {
            e.text()
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// An attribute of every element matching `selector`.
pub fn attrs(html: &Html, selector: &str, attr: &str) -> Vec<String> {
    let sel = Selector::parse(selector).expect("valid selector");
    html.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// Every file under `dir` with its bytes, by relative path: what a build
/// left, to compare byte for byte.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).expect("read"))
        })
        .collect()
}
