//! The reviewer's lints on a loaded site: article by article (links and
//! their anchors through `link_checks.rs`, images, headings, steps, front
//! matter ids, freshness through `freshness.rs`) and across articles
//! (duplicate titles).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;

use super::freshness::freshness;
use super::link_checks::link_lints;
use super::scan::{self, Scan};
use super::targets::{article_anchors, build_index, Index};
use super::Lint;
use crate::diagnostics::Diagnostic;
use crate::model::Article;
use crate::normalise::metadata;
use crate::site::Site;

/// An external link and where it was first seen.
#[derive(Debug, Clone)]
pub(crate) struct ExternalLink {
    /// The link's absolute http(s) URL as written.
    pub(crate) url: String,
    /// Source file of the article, relative to the site root.
    pub(crate) path: PathBuf,
    /// 1-based line of the link in the source file.
    pub(crate) line: usize,
    /// 1-based column of the link in the source file.
    pub(crate) column: usize,
}

pub(super) fn lint_site(
    site: &Site,
    root: &Path,
    today: NaiveDate,
) -> (Vec<Lint>, Vec<ExternalLink>) {
    let content_dir = root.join("content");
    let scans: Vec<Option<Scan>> = site
        .articles
        .par_iter()
        .map(|a| scan::scan(root, a))
        .collect();
    let index = build_index(site, root, &content_dir);
    let anchors: Vec<HashSet<String>> = site
        .articles
        .iter()
        .zip(&scans)
        .map(|(article, scan)| article_anchors(article, scan.as_ref()))
        .collect();
    let per_article: Vec<(Vec<Lint>, Vec<ExternalLink>)> = site
        .articles
        .par_iter()
        .zip(scans.par_iter())
        .enumerate()
        .map(|(i, (article, scan))| match scan {
            Some(scan) => lint_article(i, article, scan, &index, &anchors, root, today),
            None => (Vec::new(), Vec::new()),
        })
        .collect();
    let mut out = Vec::new();
    let mut external = Vec::new();
    let mut seen = HashSet::new();
    for (found, links) in per_article {
        out.extend(found);
        external.extend(links.into_iter().filter(|l| seen.insert(l.url.clone())));
    }
    out.extend(duplicate_titles(site, &scans));
    (out, external)
}

fn lint_article(
    index_in_site: usize,
    article: &Article,
    scan: &Scan,
    index: &Index<'_>,
    anchors: &[HashSet<String>],
    root: &Path,
    today: NaiveDate,
) -> (Vec<Lint>, Vec<ExternalLink>) {
    let at = |line: usize, column: usize, message: String, hint: &str| {
        Diagnostic::warning(&article.source, message)
            .at(line, column)
            .hint(hint)
            .with_source(&scan.text)
    };
    // Links.
    let (mut out, external) = link_lints(index_in_site, article, scan, index, anchors, &at);
    // Images.
    let content_dir = root.join("content");
    let static_dir = root.join("static");
    for image in &scan.images {
        let src = image.src.trim();
        let local = !crate::model::is_remote_source(src);
        if local {
            let exists = crate::images::source_key(article, src).is_some_and(|key| {
                content_dir.join(&key).is_file() || static_dir.join(&key).is_file()
            });
            if !exists {
                out.push((
                    "missing_image",
                    at(
                        image.line,
                        image.column,
                        format!("image not found: `{src}`"),
                        "check the file name; paths are relative to the article's folder",
                    ),
                ));
            }
        }
        match &image.alt {
            None => out.push((
                "missing_alt",
                at(
                    image.line,
                    image.column,
                    format!("image `{src}` has no alt text"),
                    "describe what the screenshot shows, e.g. ![The Mail settings with Accounts highlighted](mail.png)",
                ),
            )),
            Some(alt) if alt.trim().is_empty() && !image.decorative => out.push((
                "empty_alt",
                at(
                    image.line,
                    image.column,
                    format!("image `{src}` has empty alt text, which marks it as decoration"),
                    "screenshots carry information: describe what the reader should see",
                ),
            )),
            Some(_) => {}
        }
    }
    // Headings.
    let mut previous: Option<u8> = None;
    for heading in &scan.headings {
        if let Some(p) = previous {
            if heading.level > p + 1 {
                out.push((
                    "heading_skip",
                    at(
                        heading.line,
                        heading.column,
                        format!(
                            "heading level {} follows level {p}; screen readers announce the skipped level as missing",
                            heading.level
                        ),
                        &format!("use {} for this heading", "#".repeat(usize::from(p) + 1)),
                    ),
                ));
            }
        }
        previous = Some(heading.level);
    }
    // Steps.
    let (title_line, title_column) = scan.front_position(&["title", "name"]);
    if article.step_count() == 0 {
        out.push((
            "no_steps",
            at(
                title_line,
                title_column,
                format!("`{}` has no numbered steps", article.title),
                "write the task as a numbered list (1. Open …); set [check.levels] no_steps = \"off\" for reference pages",
            ),
        ));
    }
    for section in &article.sections {
        if section.devices.is_empty() || !section.procedures.is_empty() {
            continue;
        }
        let Some(heading) = &section.heading else {
            continue;
        };
        let (line, column) = scan
            .headings
            .iter()
            .find(|h| &h.text == heading)
            .map_or((title_line, title_column), |h| (h.line, h.column));
        out.push((
            "empty_device_section",
            at(
                line,
                column,
                format!("device section `{heading}` has no steps"),
                "add numbered steps for this device, or remove the section",
            ),
        ));
    }
    // Front matter ids.
    if scan.front.get("provider").is_some() {
        if let Some(p) = &article.provider {
            if !index.providers.contains(&p.id) {
                let (line, column) = scan.front_position(&["provider"]);
                out.push((
                    "unknown_provider",
                    at(
                        line,
                        column,
                        format!("unknown provider `{}`", p.id),
                        "use a provider from book.toml [providers] or a folder under content/",
                    ),
                ));
            }
        }
    }
    let product_keys = ["product", "product_url", "product_id"];
    if product_keys.iter().any(|k| scan.front.get(k).is_some()) {
        if let Some(q) = &article.product {
            if !index.products.contains(&q.id) {
                let (line, column) = scan.front_position(&product_keys);
                out.push(("unknown_product", at(line, column, format!("unknown product `{}`", q.id), "use a product from book.toml [products] or a folder under content/<provider>/")));
            }
        }
    }
    if let Some(yaml_serde::Value::Mapping(map)) = scan.front.get("verified_on") {
        for key in map.keys().filter_map(metadata::scalar) {
            if index.site.matcher.resolve(&key).is_none() {
                let (line, column) = scan.front_position(&["verified_on"]);
                out.push(("unknown_device", at(line, column, format!("unknown device `{key}` in verified_on"), "use a built-in device (ios, ipados, android, macos, windows, linux, web) or add it under [devices] in book.toml")));
            }
        }
    }
    // Freshness.
    out.extend(freshness(article, scan, &index.site.config, today, &at));
    (out, external)
}

fn duplicate_titles(site: &Site, scans: &[Option<Scan>]) -> Vec<Lint> {
    let mut first: HashMap<(Option<&str>, Option<&str>, String), usize> = HashMap::new();
    let mut out = Vec::new();
    let mut order: Vec<usize> = (0..site.articles.len()).collect();
    order.sort_by(|&a, &b| site.articles[a].source.cmp(&site.articles[b].source));
    for i in order {
        let article = &site.articles[i];
        let key = (
            article.provider.as_ref().map(|p| p.id.as_str()),
            article.product.as_ref().map(|p| p.id.as_str()),
            article.title.trim().to_lowercase(),
        );
        match first.get(&key) {
            Some(&earlier) => {
                let (line, column, text) = scans[i]
                    .as_ref()
                    .map(|s| {
                        let (l, c) = s.front_position(&["title", "name"]);
                        (l, c, s.text.as_str())
                    })
                    .unwrap_or((0, 0, ""));
                out.push((
                    "duplicate_title",
                    Diagnostic::warning(
                        &article.source,
                        format!(
                            "`{}` has the same title as {} in this product",
                            article.title,
                            site.articles[earlier].source.display()
                        ),
                    )
                    .at(line, column)
                    .hint(
                        "readers pick from a list of titles: say what differs (device, app, plan)",
                    )
                    .with_source(text),
                ));
            }
            None => {
                first.insert(key, i);
            }
        }
    }
    out
}
