//! The example site and fixture sites, built end to end and checked by
//! parsing the output.

use crate::common;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use common::{attrs, page, texts, Site, SiteFixture};
use scraper::{Html, Selector};

/// Every internal link (href, src) in every HTML page resolves to a file,
/// and every `#fragment` to an element id on the target page.
fn check_links(out: &Path, base_path: &str) -> usize {
    let mut pages: BTreeMap<PathBuf, Html> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.path().extension().is_some_and(|e| e == "html") {
            let text = std::fs::read_to_string(entry.path()).expect("read page");
            pages.insert(entry.path().to_path_buf(), Html::parse_document(&text));
        }
    }
    let ids = |html: &Html| -> HashSet<String> {
        let sel = Selector::parse("[id]").expect("selector");
        html.select(&sel)
            .filter_map(|e| e.value().attr("id").map(str::to_string))
            .collect()
    };
    let sel = Selector::parse("a[href], link[href], script[src], img[src]").expect("selector");
    let mut checked = 0;
    let mut broken = Vec::new();
    for (path, html) in &pages {
        for element in html.select(&sel) {
            let link = element
                .value()
                .attr("href")
                .or_else(|| element.value().attr("src"))
                .unwrap_or("");
            if link.starts_with("http")
                || link.starts_with("data:")
                || link.starts_with("mailto:")
                || link.starts_with("tel:")
            {
                continue;
            }
            let (target_path, fragment) = match link.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (link, None),
            };
            let target_path = target_path.split('?').next().unwrap_or("");
            let file = if target_path.is_empty() {
                path.clone()
            } else {
                let Some(rel) = target_path.strip_prefix(base_path) else {
                    broken.push(format!(
                        "{}: {link} is outside the base path {base_path}",
                        path.display()
                    ));
                    continue;
                };
                let mut file = out.join(rel);
                if rel.is_empty() || rel.ends_with('/') {
                    file = file.join("index.html");
                }
                file
            };
            checked += 1;
            if !file.is_file() {
                broken.push(format!(
                    "{}: {link} -> missing {}",
                    path.display(),
                    file.display()
                ));
                continue;
            }
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                if let Some(target) = pages.get(&file) {
                    if !ids(target).contains(fragment) {
                        broken.push(format!(
                            "{}: {link} -> no element #{fragment}",
                            path.display()
                        ));
                    }
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    checked
}

/// Every line of `_redirects` has a redirect page at its old path that
/// links to the target, and the target page exists. Returns the count.
fn check_redirects(out: &Path, base_path: &str) -> usize {
    let text = std::fs::read_to_string(out.join("_redirects")).expect("_redirects");
    let mut count = 0;
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let parts: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(parts.len(), 3, "{line}");
        let file = |path: &str| {
            let rel = path
                .strip_prefix(base_path)
                .unwrap_or_else(|| panic!("{line}: {path} outside {base_path}"));
            if rel.is_empty() || rel.ends_with('/') {
                out.join(rel).join("index.html")
            } else {
                out.join(rel)
            }
        };
        assert!(
            file(parts[1]).is_file(),
            "{line}: the target does not resolve"
        );
        let from = file(parts[0]);
        assert!(from.is_file(), "{line}: no redirect page");
        let html = Html::parse_document(&std::fs::read_to_string(&from).expect("read"));
        assert_eq!(attrs(&html, "a", "href"), [parts[1]], "{line}");
        count += 1;
    }
    count
}

/// Where an example article's page is: `slug.fr.md` and articles with a
/// `translation_key` in another language live under `/<lang>/`.
fn expected_page(source: &Path, rel: &Path) -> PathBuf {
    let text = std::fs::read_to_string(source).expect("read article");
    let front = |key: &str| {
        text.lines().find_map(|l| {
            l.strip_prefix(&format!("{key}: "))
                .map(|v| v.trim().to_string())
        })
    };
    let stem = rel.file_stem().expect("stem").to_string_lossy().to_string();
    let (slug, suffix) = match stem.rsplit_once('.') {
        Some((slug, lang)) if lang.len() == 2 => (slug.to_string(), Some(lang.to_string())),
        _ => (stem.clone(), None),
    };
    let language = suffix.or_else(|| front("translation_key").and(front("language")));
    let mut path = PathBuf::new();
    if let Some(language) = language.filter(|l| l != "en") {
        path.push(language);
    }
    path.join(rel.parent().expect("parent"))
        .join(slug)
        .join("index.html")
}

fn example_articles() -> Vec<PathBuf> {
    walkdir::WalkDir::new(common::repo_root().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md") && e.file_name() != "_index.md")
        .map(|e| e.path().to_path_buf())
        .collect()
}

#[test]
fn example_site_has_a_page_per_article_and_no_broken_links() {
    let built = Site::example().build();
    let out = built.out.clone();
    let report = &built.report;
    let articles = example_articles();
    assert!(articles.len() >= 15, "at least 15 example articles");
    assert_eq!(report.articles, articles.len());
    for article in &articles {
        let rel = article
            .strip_prefix(common::repo_root().join("content"))
            .expect("inside content");
        let page_path = out.join(expected_page(article, rel));
        assert!(page_path.is_file(), "no page for {}", article.display());
        let html = page(
            &out,
            &page_path.strip_prefix(&out).expect("rel").to_string_lossy(),
        );
        assert_eq!(
            texts(&html, "main h1").len(),
            1,
            "{} has one h1",
            page_path.display()
        );
    }
    let checked = check_links(&out, "/");
    assert!(checked > 500, "only {checked} links checked");
    let redirects = check_redirects(&out, "/");
    assert!(redirects >= 4, "only {redirects} redirects checked");
    // Providers, products and devices of the example content.
    let home = page(&out, "index.html");
    let providers = texts(&home, ".provider-card h3");
    assert_eq!(
        providers,
        vec!["Bluefin Cloud", "Copperleaf Hosting", "Northwind Mail"]
    );
    let products = texts(&home, ".product-links li a");
    assert!(products.len() >= 5, "{products:?}");
    let devices = texts(&home, ".devices-overview li a");
    assert!(devices.len() >= 4, "{devices:?}");
    assert!(out.join("404.html").is_file());
}

#[test]
fn every_page_works_under_a_sub_path_base_url() {
    let built = Site::example().build_at_base(Some("https://example.com/help/"));
    let out = built.out.clone();
    check_links(&out, "/help/");
    check_redirects(&out, "/help/");
    let article = page(
        &out,
        "northwind-mail/business-email/update-password-on-all-devices/index.html",
    );
    let crumbs = attrs(&article, ".breadcrumbs a", "href");
    assert_eq!(crumbs[0], "/help/");
    assert_eq!(crumbs[1], "/help/northwind-mail/");
    assert_eq!(crumbs[2], "/help/northwind-mail/business-email/");
    let canonical = attrs(&article, "link[rel=canonical]", "href");
    assert_eq!(
        canonical,
        vec!["https://example.com/help/northwind-mail/business-email/update-password-on-all-devices/"]
    );
    for css in attrs(&article, "link[rel=stylesheet]", "href") {
        assert!(css.starts_with("/help/static/"), "{css}");
    }
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).expect("sitemap");
    assert!(sitemap.contains("<loc>https://example.com/help/northwind-mail/business-email/update-password-on-all-devices/</loc>"));
}

const BOOK: &str = "[site]\ntitle = \"Fixture Help\"\nbase_url = \"https://fixture.example/\"\n";

fn article(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\nupdated: 2024-05-01\n---\n\n{body}\n")
}

#[test]
fn folders_alone_make_providers_products_and_breadcrumbs() {
    let a = article(
        "Reset your password on iPhone",
        "1. Open **Settings**.\n2. Tap **Mail**.\n",
    );
    let b = article(
        "Set up Outlook on Windows",
        "## Outlook for Windows\n\n1. Open Outlook.\n2. Click **File**.\n",
    );
    let c = article(
        "Find your IMAP settings",
        "Use `imap.acme.example` on port 993.\n",
    );
    let built = SiteFixture::new()
        .files(&[
            ("book.toml", BOOK),
            (
                "content/acme-mail/_index.md",
                "---\ntitle: ACME Mail\n---\nMail for everyone.\n",
            ),
            (
                "content/acme-mail/pro-mail/_index.md",
                "---\ntitle: Pro Mail\n---\n",
            ),
            ("content/acme-mail/pro-mail/reset-password.md", &a),
            ("content/acme-mail/pro-mail/outlook.md", &b),
            ("content/zed-host/hosting/imap.md", &c),
        ])
        .build();
    let out = built.out.clone();
    let report = &built.report;
    assert_eq!(report.articles, 3);
    let home = page(&out, "index.html");
    assert_eq!(
        texts(&home, ".provider-card h3"),
        vec!["ACME Mail", "Zed Host"]
    );
    let provider = page(&out, "acme-mail/index.html");
    assert_eq!(texts(&provider, "main h1"), vec!["ACME Mail"]);
    assert_eq!(texts(&provider, ".product-group h2"), vec!["Pro Mail"]);
    assert_eq!(
        texts(&provider, ".card-title"),
        vec!["Reset your password on iPhone", "Set up Outlook on Windows"]
    );
    let product = page(&out, "acme-mail/pro-mail/index.html");
    assert_eq!(
        texts(&product, ".breadcrumbs a"),
        vec!["Home", "ACME Mail", "Pro Mail"]
    );
    let art = page(&out, "acme-mail/pro-mail/reset-password/index.html");
    assert_eq!(
        texts(&art, ".breadcrumbs a"),
        vec![
            "Home",
            "ACME Mail",
            "Pro Mail",
            "Reset your password on iPhone"
        ]
    );
    assert_eq!(
        texts(&art, "ol.steps > li > a + div"),
        vec!["Open Settings .", "Tap Mail ."]
    );
    assert_eq!(attrs(&art, "ol.steps > li", "id"), vec!["step-1", "step-2"]);
    let outlook = page(&out, "acme-mail/pro-mail/outlook/index.html");
    assert_eq!(
        attrs(&outlook, "section.device-section", "data-devices"),
        vec!["windows"]
    );
    assert_eq!(
        attrs(&outlook, "ol.steps > li", "id"),
        vec!["windows-step-1", "windows-step-2"]
    );
    check_links(&out, "/");
}

#[test]
fn a_site_without_themes_folder_builds_and_a_theme_overrides_one_template() {
    let a = article("Hello", "Some text.");
    let built = SiteFixture::new()
        .files(&[("book.toml", BOOK), ("content/p/q/hello.md", &a)])
        .build();
    let out = built.out.clone();
    assert_eq!(
        texts(&page(&out, "p/q/hello/index.html"), "main h1"),
        vec!["Hello"]
    );

    let built = SiteFixture::new().files(&[
        ("book.toml", BOOK),
        ("content/p/q/hello.md", &a),
        (
            "themes/default/templates/article.html",
            "{% extends \"base.html\" %}{% block content %}<h1 class=\"custom\">Custom: {{ article.title }}</h1>{% endblock content %}",
        ),
    ]).build();
    let out = built.out.clone();
    let html = page(&out, "p/q/hello/index.html");
    assert_eq!(texts(&html, "h1.custom"), vec!["Custom: Hello"]);
    // Other templates still come from the embedded default theme.
    assert_eq!(
        texts(&page(&out, "index.html"), ".site-title"),
        vec!["Fixture Help"]
    );
}

#[test]
fn raw_html_is_sanitised() {
    let body = "Intro <script>alert(1)</script> text.\n\n<img src=\"x.png\" onerror=\"alert(2)\" width=\"10\" height=\"10\">\n\n<iframe src=\"https://evil.example\"></iframe>\n\n1. Tap <a href=\"javascript:alert(3)\">here</a>.\n";
    let a = article("Hostile", body);
    let built = SiteFixture::new()
        .files(&[
            ("book.toml", BOOK),
            ("content/p/q/hostile.md", &a),
            ("content/p/q/x.png", "not really a png"),
        ])
        .build();
    let out = built.out.clone();
    let html = page(&out, "p/q/hostile/index.html");
    let body_sel = Selector::parse(".article-body").expect("selector");
    let body = html.select(&body_sel).next().expect("article body").html();
    assert!(!body.contains("<script"), "{body}");
    assert!(!body.contains("onerror"), "{body}");
    assert!(!body.contains("<iframe"), "{body}");
    assert!(!body.contains("javascript:"), "{body}");
    assert!(!body.contains("alert(1)"), "script text dropped: {body}");
}

#[test]
fn article_page_has_steps_notes_and_howto_json_ld() {
    let built = Site::example().build();
    let out = built.out.clone();
    let html = page(&out, "copperleaf-hosting/shared-hosting/fix-repeated-password-prompts-mac-mail-iphone/index.html");
    let sections = attrs(&html, "section.device-section", "data-devices");
    assert_eq!(sections, vec!["ios", "macos"]);
    let step_ids = attrs(&html, "ol.steps > li", "id");
    assert!(step_ids.contains(&"ios-step-1".to_string()), "{step_ids:?}");
    assert!(
        step_ids.contains(&"macos-step-1".to_string()),
        "{step_ids:?}"
    );
    assert!(
        step_ids.iter().any(|id| id.starts_with("macos-2-step-")),
        "second Mac procedure: {step_ids:?}"
    );
    assert!(!texts(&html, "aside.note").is_empty());
    let json = texts(&html, "script[type='application/ld+json']");
    assert_eq!(json.len(), 1);
    let value: serde_json::Value = serde_json::from_str(&json[0]).expect("valid JSON-LD");
    let howto = &value[0];
    assert_eq!(howto["@type"], "HowTo");
    assert_eq!(
        howto["name"],
        "Fix repeated password prompts in Mac Mail and on iPhone"
    );
    let sections = howto["step"].as_array().expect("steps");
    assert!(sections.len() >= 2);
    assert_eq!(sections[0]["@type"], "HowToSection");
    assert_eq!(value[1]["@type"], "BreadcrumbList");
    assert_eq!(
        value[1]["itemListElement"]
            .as_array()
            .expect("crumbs")
            .len(),
        4
    );
}

#[test]
fn sitemap_and_feed_list_articles() {
    let built = Site::example().build();
    let out = built.out.clone();
    let report = &built.report;
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).expect("sitemap");
    let locs = sitemap.matches("<loc>").count();
    assert!(locs >= report.articles + 4, "{locs} locations");
    let atom = std::fs::read_to_string(out.join("atom.xml")).expect("feed");
    let doc = Html::parse_document(&atom);
    assert!(texts(&doc, "entry title").len() >= 15);
}

#[test]
fn related_articles_reach_across_providers() {
    let built = Site::example().build();
    let out = built.out.clone();
    let northwind = page(
        &out,
        "northwind-mail/business-email/change-outgoing-server-password-iphone/index.html",
    );
    let related = attrs(&northwind, ".related .card-title", "href");
    assert!(!related.is_empty() && related.len() <= 5, "{related:?}");
    assert_eq!(
        related[0], "/bluefin-cloud/cloud-office/update-smtp-password-iphone/",
        "the same task at another provider ranks first"
    );
    assert!(
        !related
            .iter()
            .any(|r| r.contains("change-outgoing-server-password-iphone")),
        "never itself"
    );
}

const CHANGES_BEFORE: &str =
    "---\ntitle: Changes\ndescription: Steps that get edited.\nupdated: 2024-05-01\n---\n\n1. Open Settings.\n2. Tap Mail.\n";

#[test]
fn a_rebuild_keeps_unchanged_files_and_replaces_changed_ones() {
    use std::os::unix::fs::MetadataExt;
    let site = SiteFixture::new()
        .files(&[
            (
                "book.toml",
                "[site]\ntitle = \"Relink\"\nbase_url = \"https://relink.example/\"\n",
            ),
            (
                "content/p/q/stays.md",
                &article("Stays the same", "1. Open Settings.\n2. Tap Mail.\n"),
            ),
            ("content/p/q/changes.md", CHANGES_BEFORE),
            ("static/logo.txt", "logo"),
        ])
        .write();
    let out = site.root().join("public");
    site.build_into(&out).expect("first build");
    let inode = |rel: &str| std::fs::metadata(out.join(rel)).expect(rel).ino();
    let before_stays = inode("p/q/stays/index.html");
    let before_changes = inode("p/q/changes/index.html");
    let before_static = inode("logo.txt");
    // Same title, summary and step count, so other pages' cards are unchanged.
    let edited = CHANGES_BEFORE.replace("Tap Mail", "Tap Passwords");
    site.write("content/p/q/changes.md", edited);
    site.build_into(&out).expect("second build");
    assert_eq!(
        inode("p/q/stays/index.html"),
        before_stays,
        "an unchanged page is kept, not rewritten"
    );
    assert_eq!(
        inode("logo.txt"),
        before_static,
        "an unchanged static file is kept"
    );
    assert_ne!(
        inode("p/q/changes/index.html"),
        before_changes,
        "a changed page is a new file"
    );
    let steps = common::texts(
        &common::page(&out, "p/q/changes/index.html"),
        "ol.steps > li > a + div",
    );
    assert!(
        steps.iter().any(|s| s.contains("Tap Passwords")),
        "the changed page has the new step: {steps:?}"
    );
    // Nothing of the previous output or the staging folder is left beside it.
    let leftovers = site.leftovers();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
}
