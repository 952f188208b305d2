//! What links can reach: every page and file the build writes, articles
//! by source file and by URL, the anchors of each article page, and the
//! providers and products content/ and book.toml know.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::scan::Scan;
use crate::model::{Article, Step};
use crate::site::Site;

/// Ids every article page has besides its sections and steps.
const PAGE_IDS: &[&str] = &[
    "main",
    "related-h",
    "device-choices",
    "search-input",
    "search-suggestions",
];

/// What the lints look things up in.
pub(super) struct Index<'s> {
    pub(super) site: &'s Site,
    pub(super) base_path: String,
    pub(super) by_source: HashMap<PathBuf, usize>,
    pub(super) by_url: HashMap<&'s str, usize>,
    /// Site paths of every page and file the build writes.
    pub(super) paths: HashSet<String>,
    /// Markdown files under content/ that are not built (drafts).
    pub(super) unbuilt: HashSet<PathBuf>,
    pub(super) providers: HashSet<String>,
    pub(super) products: HashSet<String>,
}

pub(super) fn build_index<'s>(site: &'s Site, root: &Path, content_dir: &Path) -> Index<'s> {
    let base_path = site.config.base_path();
    let mut paths: HashSet<String> = [
        "/",
        "/search/",
        "/devices/",
        "/404.html",
        "/sitemap.xml",
        "/atom.xml",
        "/robots.txt",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for p in &site.providers {
        paths.insert(format!("/{}/", p.id));
    }
    for q in &site.products {
        paths.insert(format!("/{}/{}/", q.provider, q.id));
    }
    for d in site.by_device.keys() {
        paths.insert(format!("/devices/{d}/"));
    }
    for a in &site.articles {
        paths.insert(a.url.clone());
    }
    for file in &site.static_files {
        paths.insert(format!("/{}", file.to_string_lossy().replace('\\', "/")));
    }
    let static_dir = root.join("static");
    for entry in walkdir::WalkDir::new(&static_dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        if let Ok(rel) = entry.path().strip_prefix(&static_dir) {
            paths.insert(format!("/{}", rel.to_string_lossy().replace('\\', "/")));
        }
    }
    let built: HashSet<&Path> = site.articles.iter().map(|a| a.source.as_path()).collect();
    let unbuilt = walkdir::WalkDir::new(content_dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| crate::diagnostics::display_path(root, e.path()))
        .filter(|p| !built.contains(p.as_path()))
        .collect();
    // Providers and products are known when book.toml declares them or a
    // folder under content/ is named after them.
    let mut providers: HashSet<String> = site.config.providers.keys().cloned().collect();
    let mut products: HashSet<String> = site.config.products.keys().cloned().collect();
    for entry in walkdir::WalkDir::new(content_dir)
        .min_depth(1)
        .max_depth(2)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir())
    {
        let name = entry.file_name().to_string_lossy().to_string();
        if entry.depth() == 1 {
            providers.insert(name);
        } else {
            products.insert(name);
        }
    }
    Index {
        site,
        base_path,
        by_source: site
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.source.clone(), i))
            .collect(),
        by_url: site
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.url.as_str(), i))
            .collect(),
        paths,
        unbuilt,
        providers,
        products,
    }
}

pub(super) fn article_anchors(article: &Article, scan: Option<&Scan>) -> HashSet<String> {
    fn steps(list: &[Step], out: &mut HashSet<String>) {
        for step in list {
            out.insert(step.anchor.clone());
            steps(&step.substeps, out);
        }
    }
    let mut out: HashSet<String> = PAGE_IDS.iter().map(|s| s.to_string()).collect();
    for section in &article.sections {
        out.insert(section.anchor.clone());
        for procedure in &section.procedures {
            steps(&procedure.steps, &mut out);
        }
    }
    if let Some(scan) = scan {
        out.extend(scan.ids.iter().cloned());
    }
    out
}
