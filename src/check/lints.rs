//! The reviewer's lints on a loaded site: article by article (links and
//! their anchors, images, steps, freshness through `freshness.rs`) and
//! across articles (duplicate titles).

use super::*;

/// An external link and where it was first seen.
#[derive(Debug, Clone)]
pub struct ExternalLink {
    /// The link's absolute http(s) URL as written.
    pub url: String,
    /// Source file of the article, relative to the site root.
    pub path: PathBuf,
    /// 1-based line of the link in the source file.
    pub line: usize,
    /// 1-based column of the link in the source file.
    pub column: usize,
}

/// Ids every article page has besides its sections and steps.
pub(super) const PAGE_IDS: &[&str] = &[
    "main",
    "related-h",
    "device-choices",
    "search-input",
    "search-suggestions",
];

/// What the lints look things up in.
pub(super) struct Index<'s> {
    site: &'s Site,
    base_path: String,
    by_source: HashMap<PathBuf, usize>,
    by_url: HashMap<&'s str, usize>,
    /// Site paths of every page and file the build writes.
    paths: HashSet<String>,
    /// Markdown files under content/ that are not built (drafts).
    unbuilt: HashSet<PathBuf>,
    providers: HashSet<String>,
    products: HashSet<String>,
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

pub(super) fn lint_article(
    index_in_site: usize,
    article: &Article,
    scan: &Scan,
    index: &Index<'_>,
    anchors: &[HashSet<String>],
    root: &Path,
    today: NaiveDate,
) -> (Vec<Lint>, Vec<ExternalLink>) {
    let mut out: Vec<Lint> = Vec::new();
    let mut external = Vec::new();
    let at = |line: usize, column: usize, message: String, hint: &str| {
        Diagnostic::warning(&article.source, message)
            .at(line, column)
            .hint(hint)
            .with_source(&scan.text)
    };
    // Links.
    for link in &scan.links {
        let href = link.href.trim();
        if href.starts_with("http://") || href.starts_with("https://") {
            external.push(ExternalLink {
                url: href.to_string(),
                path: article.source.clone(),
                line: link.line,
                column: link.column,
            });
            continue;
        }
        if links::is_external(href) {
            continue;
        }
        if let Some((file, fragment)) = links::markdown_target(&article.source, href) {
            match index.by_source.get(&file) {
                Some(&target) => {
                    if let Some(problem) = anchor_problem(fragment, &anchors[target], href) {
                        out.push(("broken_anchor", at(link.line, link.column, problem, "link to a section or step anchor the article has: see `helpcentre inspect` for its anchors")));
                    }
                }
                None => {
                    let why = if index.unbuilt.contains(&file) {
                        "is a draft or failed to build"
                    } else {
                        "does not exist"
                    };
                    out.push((
                        "broken_link",
                        at(
                            link.line,
                            link.column,
                            format!("link to `{href}`: {} {why}", file.display()),
                            "link to another article's .md file by its path relative to this one",
                        ),
                    ));
                }
            }
            continue;
        }
        let (path, fragment) = links::split_fragment(href);
        if path.is_empty() {
            if let Some(problem) = anchor_problem(fragment, &anchors[index_in_site], href) {
                out.push((
                    "broken_anchor",
                    at(
                        link.line,
                        link.column,
                        problem,
                        "anchors are section ids (`ios`) and step ids (`ios-step-3`)",
                    ),
                ));
            }
            continue;
        }
        let site_path = match site_path(path, &article.url, &index.base_path) {
            Ok(p) => p,
            Err(problem) => {
                out.push((
                    "broken_link",
                    at(
                        link.line,
                        link.column,
                        problem,
                        "link to other articles by their .md file, e.g. ../webmail/sync.md",
                    ),
                ));
                continue;
            }
        };
        if site_path.starts_with("/static/") {
            // Theme assets: fingerprinted names, not linked by hand.
            continue;
        }
        let found = index.paths.contains(&site_path)
            || (!site_path.ends_with('/') && index.paths.contains(&format!("{site_path}/")));
        if !found {
            out.push((
                "broken_link",
                at(
                    link.line,
                    link.column,
                    format!("link to `{href}`: no page or file at {site_path}"),
                    "check the path; link to other articles by their .md file, e.g. ../webmail/sync.md",
                ),
            ));
            continue;
        }
        let page = if site_path.ends_with('/') {
            site_path.clone()
        } else {
            format!("{site_path}/")
        };
        if let Some(&target) = index.by_url.get(page.as_str()) {
            if let Some(problem) = anchor_problem(fragment, &anchors[target], href) {
                out.push((
                    "broken_anchor",
                    at(link.line, link.column, problem, "link to a section or step anchor the article has: see `helpcentre inspect` for its anchors"),
                ));
            }
        }
    }
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

/// `broken_anchor` message when `fragment` is not among `anchors`.
pub(super) fn anchor_problem(
    fragment: Option<&str>,
    anchors: &HashSet<String>,
    href: &str,
) -> Option<String> {
    let fragment = fragment.filter(|f| !f.is_empty())?;
    let decoded = crate::fs_util::percent_decode(fragment);
    (!anchors.contains(&decoded))
        .then(|| format!("link to `{href}`: the page has no anchor #{decoded}"))
}

/// A link's path as a site path (`/p/q/a/`), resolved against the page
/// URL of the article it is on.
pub(super) fn site_path(path: &str, article_url: &str, base_path: &str) -> Result<String, String> {
    let decoded = crate::fs_util::percent_decode(path);
    let joined = if let Some(absolute) = decoded.strip_prefix('/') {
        if base_path != "/" {
            match decoded.strip_prefix(base_path.trim_end_matches('/')) {
                Some(rest) => rest.to_string(),
                None => {
                    return Err(format!(
                        "link to `{path}` is outside the site's base path {base_path}"
                    ))
                }
            }
        } else {
            format!("/{absolute}")
        }
    } else {
        format!("{article_url}{decoded}")
    };
    let trailing = joined.ends_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(format!("link to `{path}` leaves the site"));
                }
            }
            other => parts.push(other),
        }
    }
    if parts.last() == Some(&"index.html") {
        parts.pop();
        return Ok(format!(
            "/{}{}",
            parts.join("/"),
            if parts.is_empty() { "" } else { "/" }
        ));
    }
    let mut out = format!("/{}", parts.join("/"));
    if trailing && !parts.is_empty() {
        out.push('/');
    }
    Ok(out)
}

pub(super) fn duplicate_titles(site: &Site, scans: &[Option<Scan>]) -> Vec<Lint> {
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
