//! Hostile content: nothing from content/ runs as script or replaces a
//! page, every URL that reaches a page passes the URL policy, and hostile
//! inputs take linear time. The fixture trees are in tests/fixtures/hostile/.

use crate::common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{describe, Site, SiteFixture};
use helpcentre::Diagnostic;
use scraper::{Html, Selector};

/// A copy of a fixture tree in a new temporary folder (builds write beside it).
fn fixture(name: &str) -> Site {
    SiteFixture::new()
        .copy_of(&common::fixture_path("hostile").join(name), "")
        .write()
}

/// The one diagnostic for `file` whose message contains `text`.
fn find<'a>(diags: &'a [Diagnostic], file: &str, text: &str) -> &'a Diagnostic {
    let found: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.path == Path::new(file) && d.message.contains(text))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one diagnostic for {file} containing {text:?}, got: {}",
        common::listed(diags)
    );
    found[0]
}

#[test]
fn content_that_could_run_script_or_replace_pages_is_refused_in_one_run() {
    let site = fixture("errors");
    let diags = site.diagnostics();
    // (file, words of the message, line, column, words of the hint)
    let expected: &[(&str, &str, usize, usize, &str)] = &[
        (
            "book.toml",
            "`site.theme` must be a folder name under themes/",
            4,
            1,
            "themes/",
        ),
        (
            "book.toml",
            "`images.cache_dir` `/` is the file-system root",
            7,
            1,
            "inside the site",
        ),
        (
            "content/index.html",
            "would be published at index.html",
            0,
            0,
            "folder of its own",
        ),
        (
            "content/sitemap.xml",
            "would be published at sitemap.xml",
            0,
            0,
            "folder of its own",
        ),
        (
            "content/search/tips/shot.png",
            "search/tips/shot.png, which the build writes itself (search/)",
            0,
            0,
            "folder of its own",
        ),
        (
            "content/devices/ios.png",
            "(devices/)",
            0,
            0,
            "folder of its own",
        ),
        (
            "content/static/app.js",
            "(static/)",
            0,
            0,
            "folder of its own",
        ),
        (
            "content/acme/mail/diagram.svg",
            "`.svg` files in content/",
            0,
            0,
            "[content] allow = [\"svg\"]",
        ),
        (
            "content/acme/mail/page.htm",
            "`.htm` files in content/",
            0,
            0,
            "static/",
        ),
        (
            "content/search/tips/article.md",
            "would be published at search/tips/article/index.html, inside search/",
            1,
            1,
            "rename the provider",
        ),
    ];
    for (file, message, line, column, hint) in expected {
        let d = find(&diags, file, message);
        assert!(d.is_error(), "{d}");
        assert_eq!((d.line, d.column), (*line, *column), "{d}");
        assert!(d.hint.as_deref().is_some_and(|h| h.contains(hint)), "{d}");
    }
    // Located errors quote their line.
    let theme = find(&diags, "book.toml", "site.theme");
    assert_eq!(theme.source_line.as_deref(), Some("theme = \"../../..\""));
    assert!(!site.root().join("public").exists(), "nothing is written");
    assert!(!Path::new("/images").exists(), "nothing is written into /");
}

#[test]
fn an_allowed_svg_with_script_is_refused_at_its_position_and_a_drawing_is_copied() {
    let site = SiteFixture::new().files(&[
        (
            "book.toml",
            "[site]\ntitle = \"S\"\nbase_url = \"https://s.example/\"\n\n[content]\nallow = [\"svg\"]\n",
        ),
        ("content/p/q/a.md", "---\ntitle: A\n---\nText.\n"),
        (
            "content/p/q/bad.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <a xlink:href=\"javascript:alert(1)\"><circle r=\"2\"/></a>\n</svg>\n",
        ),
    ]).write();
    let diags = site.diagnostics();
    let d = find(&diags, "content/p/q/bad.svg", "`javascript:` link");
    assert_eq!((d.line, d.column), (2, 6), "{d}");
    site.write(
        "content/p/q/bad.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"2\"/></svg>\n",
    );
    let out = site.root().join("public");
    site.build_into(&out)
        .unwrap_or_else(|e| panic!("{}", describe(&e)));
    assert!(out.join("p/q/bad.svg").is_file());
}

/// Every URL attribute of every page passes the policy.
fn assert_pages_clean(out: &Path) -> usize {
    let selector = Selector::parse("[href], [src], [action], [formaction], [poster]").unwrap();
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let html = Html::parse_document(&text);
        for element in html.select(&selector) {
            for (name, value) in element.value().attrs() {
                if element.value().name() == "img" && name == "src" {
                    assert!(helpcentre::url_policy::is_allowed_image(value), "{value:?}");
                } else if matches!(name, "href" | "src" | "action" | "formaction" | "poster") {
                    assert!(
                        helpcentre::url_policy::is_allowed(value),
                        "{}: {name}={value:?}",
                        entry.path().display()
                    );
                }
                assert!(
                    !name.starts_with("on"),
                    "{}: {name}",
                    entry.path().display()
                );
            }
        }
        let scripts = Selector::parse("script:not([src])").unwrap();
        assert!(
            html.select(&scripts)
                .all(|s| s.value().attr("type") == Some("application/ld+json")),
            "{}: an inline script",
            entry.path().display()
        );
    }
    pages
}

#[test]
fn refused_urls_are_dropped_in_every_context_with_located_warnings() {
    let site = fixture("injection");
    let out = site.root().join("public");
    let report = site
        .build_into(&out)
        .unwrap_or_else(|e| panic!("{}", describe(&e)));
    let warnings = &report.warnings;
    let links = "content/acme/mail/links.md";
    // (file, line, column, scheme): every context of the issue.
    let expected: &[(&str, usize, usize, &str)] = &[
        (links, 5, 18, "javascript"),  // paragraph
        (links, 7, 17, "javascript"),  // bullet (mixed case)
        (links, 8, 17, "javascript"),  // autolink
        (links, 10, 16, "vbscript"),   // quote
        (links, 13, 18, "data"),       // callout
        (links, 17, 12, "javascript"), // table
        (links, 19, 29, "javascript"), // reference link
        (links, 21, 25, "javascript"), // footnote
        (links, 27, 30, "javascript"), // numbered step
        (links, 28, 18, "data"),       // step image
        (links, 29, 17, "javascript"), // raw HTML, character reference in the scheme
        (links, 29, 72, "javascript"), // raw HTML image
        (links, 31, 9, "javascript"),  // raw HTML, tab in the scheme
        ("content/_index.md", 4, 10, "javascript"),
        ("content/acme/_index.md", 3, 6, "vbscript"), // front matter `url`
        ("content/acme/_index.md", 5, 13, "data"),
        ("book.toml", 7, 1, "javascript"),
    ];
    for (file, line, column, scheme) in expected {
        let found = warnings.iter().any(|d| {
            d.path == Path::new(file)
                && (d.line, d.column) == (*line, *column)
                && d.message.contains(&format!("`{scheme}:` scheme"))
                && d.hint.is_some()
                && d.source_line.is_some()
        });
        assert!(
            found,
            "no {scheme} warning at {file}:{line}:{column}; warnings:\n{}",
            common::listed(warnings)
        );
    }
    let heavy = "content/acme/mail/heavy.md";
    let deep = find(warnings, heavy, "raw HTML nests");
    assert_eq!((deep.line, deep.column), (6, 1));
    let code = find(warnings, heavy, "shown as plain text");
    assert_eq!((code.line, code.column), (9, 1));

    assert!(assert_pages_clean(&out) > 4);
    // Links lose the link, not their words; safe links stay.
    let page = common::page(&out, "acme/mail/links/index.html");
    let body = common::texts(&page, "main").join(" ");
    for words in [
        "a script link",
        "a bullet link",
        "a table link",
        "a step link",
        "a tab link",
    ] {
        assert!(body.contains(words), "{words} missing from {body}");
    }
    assert!(
        common::attrs(&page, "main a", "href").contains(&"https://example.test/help".to_string())
    );
    let provider = common::page(&out, "acme/index.html");
    assert!(common::texts(&provider, "main a")
        .iter()
        .all(|t| !t.contains("website")));
    // The deep markup's text is still there, as text.
    let heavy_page = common::page(&out, "acme/mail/heavy/index.html");
    assert!(common::texts(&heavy_page, "main")
        .join(" ")
        .contains("deep text"));
}

#[test]
fn the_importer_drops_script_urls_even_with_a_base_and_a_tab_in_the_scheme() {
    let site = SiteFixture::new()
        .files(&[(
            "book.toml",
            "[site]\ntitle = \"S\"\nbase_url = \"https://s.example/\"\n",
        )])
        .file(
            "scraped/saved.html",
        "<html><head><base href=\"https://old.example.test/kb/\"><title>Reset your password</title></head><body><h1>Reset your password</h1>\
         <ol><li>Open <a href=\"java\tscript:alert(1)\">the tab link</a>.</li>\
         <li>Open <a href=\"&#106;avascript:alert(2)\">the entity link</a> and <a href=\"settings.html\">settings</a>.</li>\
         <li>See <img src=\"java\nscript:alert(3)\" alt=\"shot\">.</li></ol></body></html>",
        )
        .write();
    let page = site.join("scraped/saved.html");
    let args = helpcentre::import::ImportArgs {
        paths: vec![page.clone()],
        provider: Some("acme".into()),
        product: Some("mail".into()),
        out: None,
        root: site.root().to_path_buf(),
        format: helpcentre::import::ImportFormat::Html,
        dry_run: false,
        force: false,
    };
    helpcentre::import::run(&args).expect("import runs");
    let written: Vec<PathBuf> = walkdir::WalkDir::new(site.root().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.path().to_path_buf())
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    let markdown = std::fs::read_to_string(&written[0]).unwrap();
    assert!(
        helpcentre::url_policy::refused_in_markdown(&markdown).is_empty(),
        "{markdown}"
    );
    assert!(
        !markdown.to_ascii_lowercase().contains("script:"),
        "{markdown}"
    );
    assert!(markdown.contains("the tab link") && markdown.contains("the entity link"));
    assert!(
        markdown.contains("https://old.example.test/kb/settings.html"),
        "{markdown}"
    );
}

#[test]
fn files_a_user_added_to_the_output_are_kept_when_listed_and_reported_otherwise() {
    let site = fixture("injection");
    let out = site.root().join("public");
    site.build_into(&out)
        .unwrap_or_else(|e| panic!("{}", describe(&e)));
    std::fs::write(out.join("CNAME"), "help.example.test\n").unwrap();
    std::fs::create_dir_all(out.join(".well-known")).unwrap();
    std::fs::write(
        out.join(".well-known/security.txt"),
        "Contact: mailto:x@example.test\n",
    )
    .unwrap();
    std::fs::write(out.join("notes.txt"), "mine\n").unwrap();
    let report = site
        .build_into(&out)
        .unwrap_or_else(|e| panic!("{}", describe(&e)));
    assert_eq!(
        std::fs::read_to_string(out.join("CNAME")).unwrap(),
        "help.example.test\n"
    );
    assert!(out.join(".well-known/security.txt").is_file());
    assert!(!out.join("notes.txt").exists());
    let warning = find(&report.warnings, "public", "no build wrote");
    assert!(warning.message.contains("notes.txt"), "{warning}");
    assert!(!warning.message.contains("CNAME"), "{warning}");
}

/// Normalises one article of `body` (front matter added); returns the time.
fn normalise_time(body: &str) -> Duration {
    let text = format!("---\ntitle: Timed\n---\n{body}");
    let best = (0..2)
        .map(|_| {
            let started = Instant::now();
            helpcentre::properties::normalise(&text);
            started.elapsed()
        })
        .min()
        .unwrap();
    best.max(Duration::from_micros(50))
}

fn assert_near_linear(case: &str, make: impl Fn(usize) -> String, small: usize) {
    // The best of three runs each, so a moment of a busy machine does not decide.
    let best = |text: &str| {
        (0..3)
            .map(|_| normalise_time(text))
            .min()
            .unwrap_or_default()
    };
    let one = best(&make(small));
    let ten = best(&make(small * 10));
    let ratio = ten.as_secs_f64() / one.as_secs_f64();
    // Linear is 10; quadratic would be 100. Shared CI machines are noisy.
    assert!(
        ratio < 35.0,
        "{case}: 1x {one:?}, 10x {ten:?}, ratio {ratio:.1}"
    );
}

#[test]
fn hostile_inputs_take_near_linear_time() {
    assert_near_linear(
        "unclosed divs",
        |n| "<div>".repeat(n / 5) + "\ntext\n",
        20_000,
    );
    assert_near_linear(
        "bash block",
        |n| {
            let mut code = String::from("```bash\n");
            while code.len() < n {
                code.push_str(
                    "if [ -f \"$HOME/x\" ]; then echo \"$(cat <<EOF\n${USER}\nEOF\n)\"; fi\n",
                );
            }
            code + "```\n"
        },
        16_000,
    );
    assert_near_linear(
        "warnings",
        |n| {
            let mut text = String::new();
            let mut block = 0;
            while text.len() < n {
                block += 1;
                text.push_str(&"Check the server name. ".repeat(200));
                text.push_str(&format!("\n\n```nosuchlang{block}\nx\n```\n\n"));
            }
            text
        },
        200_000,
    );
}

#[test]
fn inspect_refuses_endless_and_oversized_files() {
    if Path::new("/dev/zero").exists() {
        let error = match helpcentre::inspect_files(&["/dev/zero".into()]) {
            Ok(_) => panic!("/dev/zero was read"),
            Err(error) => error.chain(),
        };
        assert!(error.contains("larger than"), "{error}");
    }
    let site = SiteFixture::new().files(&[
        (
            "book.toml",
            "[site]\ntitle = \"S\"\nbase_url = \"https://s.example/\"\n\n[content]\nmax_article_bytes = 1000\n",
        ),
        ("content/p/q/small.md", "---\ntitle: Small\n---\nText.\n"),
    ]).write();
    let big = format!("---\ntitle: Big\n---\n{}", "word ".repeat(400));
    site.write("content/p/q/big.md", big);
    let diags = site.diagnostics();
    let d = find(
        &diags,
        "content/p/q/big.md",
        "larger than the 1000-byte limit",
    );
    assert!(d
        .hint
        .as_deref()
        .is_some_and(|h| h.contains("max_article_bytes")));
}
