//! Shared helpers for the integration and browser tests: fixture sites
//! (sources written to a temporary folder, built, parsed) and running the
//! binary.
#![allow(dead_code)]

mod site;

pub use site::{Built, Site, SiteFixture};

use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{Html, Selector};

/// The repository root (the example site).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture under `tests/fixtures/`.
pub fn fixture_path(rel: &str) -> PathBuf {
    repo_root().join("tests/fixtures").join(rel)
}

/// The `helpcentre` binary cargo built for these tests, ready for arguments.
pub fn helpcentre() -> Command {
    Command::new(env!("CARGO_BIN_EXE_helpcentre"))
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

/// An article's created and updated dates as text ("" when it has none).
pub fn dates(article: &helpcentre::model::Article) -> (String, String) {
    let day = |d: Option<_>| {
        d.map(|d: chrono::NaiveDate| d.to_string())
            .unwrap_or_default()
    };
    (day(article.created), day(article.updated))
}

/// Diagnostics one after another, a blank line between, for a failure
/// message.
pub fn listed(diagnostics: &[helpcentre::Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The diagnostics of a build that must have failed on its content.
pub fn diagnostics_of(
    result: Result<helpcentre::BuildReport, helpcentre::Error>,
) -> Vec<helpcentre::Diagnostic> {
    result
        .expect_err("the build should fail")
        .into_diagnostics()
        .unwrap_or_else(|e| panic!("not content errors: {}", e.report()))
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

/// Runs the theme's search.js under Node on a built site's `search`
/// folder, as a page in `lang` ("" for none) would, and returns the result
/// URLs in order (`prefix`: the last word is still being typed). None when
/// Node is not installed.
pub fn search_client(search: &Path, q: &str, prefix: bool, lang: &str) -> Option<Vec<String>> {
    let harness = r#"
const fs = require('fs'), path = require('path');
const [dir, q, prefix, lang] = process.argv.slice(1);
global.window = {};
global.document = { documentElement: { lang: lang, getAttribute: () => '/' }, getElementById: () => null, querySelector: () => null };
global.fetch = (u) => Promise.resolve({ ok: true, json: () => Promise.resolve(JSON.parse(fs.readFileSync(path.join(dir, u.replace(/^\/search\//, '').replace(/\?.*/, '')), 'utf8'))) });
global.performance = { now: () => Date.now() };
eval(fs.readFileSync(path.join(process.env.HC_THEME, 'search.js'), 'utf8'));
window.HCSearch.query(q, prefix === '1')
  .then(r => Promise.all(Array.from(r.ids).map(id => window.HCSearch.fragment(id))))
  .then(f => console.log(JSON.stringify(f.map(r => r.url))), e => { console.error(e); process.exit(1); });
"#;
    let output = Command::new("node")
        .arg("-e")
        .arg(harness)
        .arg(search)
        .arg(q)
        .arg(if prefix { "1" } else { "0" })
        .arg(lang)
        .env("HC_THEME", repo_root().join("themes/default/static"))
        .output();
    match output {
        Ok(out) if out.status.success() => {
            Some(serde_json::from_slice(&out.stdout).expect("client output"))
        }
        Ok(out) => panic!("search.js failed: {}", String::from_utf8_lossy(&out.stderr)),
        Err(_) => {
            eprintln!("\n!! SEARCH CLIENT TESTS DID NOT RUN: node is not installed\n");
            None
        }
    }
}
