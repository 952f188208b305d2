//! `helpcentre check`: every kind of finding with its file, line, column
//! and level; the JSON shape; levels from book.toml; and `check` failing
//! wherever `build` fails.

use crate::common;

use std::path::{Path, PathBuf};

use common::{repo_root, Site, SiteFixture};
use helpcentre::check::{check, CheckOptions, CheckReport, Finding};
use helpcentre::config::Level;

const BOOK: &str = r#"[site]
title = "Check"
base_url = "https://check.example/"

[check]
stale_after = 12
current_versions = { ios = "18" }

[check.levels]
missing_alt = "error"
"#;

const A: &str = r#"---
title: Set up mail
devices: [ios, toaster]
review_by: 2000-01-01
updated: 2001-01-01
verified_on:
  ios: "17.4"
---

## iPhone

1. Open [the guide](b.md#ios-step-9) and [a ghost](nope.md).
2. See [step one](#ios-step-1) and [nowhere](#no-such-anchor).
3. Go [up](/p/q/) or [lost](/p/zzz/) or [c](/zed/nothing/c/#overview).

   ![](shot.png)

4. Done. <img src="shot.png" alt="">

#### Too deep

## Mac

Nothing here yet.

![Gone](gone.png)
"#;

const B: &str = "---\ntitle: Set Up Mail\n---\nReference text only.\n";

const C: &str = "---\ntitle: Elsewhere\nprovider: zed\nproduct: nothing\n---\n1. Tap **Go**.\n[A](../../p/q/a.md#macos) [B](a.md)\n";

fn png(path: &Path) {
    image::RgbImage::from_pixel(40, 30, image::Rgb([200, 100, 50]))
        .save(path)
        .expect("write png");
}

fn run(root: &Path) -> CheckReport {
    check(&CheckOptions {
        root: root.to_path_buf(),
        base_url: None,
        external: false,
        today: None,
    })
}

fn one<'a>(report: &'a CheckReport, kind: &str, file: &str, line: usize) -> &'a Finding {
    let found: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.kind == kind && f.file.ends_with(file) && f.line == line)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one {kind} at {file}:{line}: {:#?}",
        report.findings
    );
    found[0]
}

#[test]
fn every_kind_of_finding_with_position_and_level() {
    let site = SiteFixture::new()
        .files(&[
            ("book.toml", BOOK),
            ("content/p/q/a.md", A),
            ("content/p/q/b.md", B),
            ("content/p/q/c.md", C),
        ])
        .write();
    png(&site.join("content/p/q/shot.png"));
    let report = run(site.root());
    let at = |kind: &str, file: &str, line: usize| {
        let f = one(&report, kind, file, line);
        (f.column, f.level)
    };
    use Level::{Error, Warning};
    // Links: a .md file that does not exist, an anchor another article
    // lacks, an anchor this one lacks, a site path with no page.
    assert_eq!(at("broken_anchor", "a.md", 12), (9, Error));
    assert_eq!(at("broken_link", "a.md", 12), (42, Error));
    assert_eq!(at("broken_anchor", "a.md", 13), (36, Error));
    assert_eq!(at("broken_link", "a.md", 14), (22, Error));
    let f = one(&report, "broken_link", "a.md", 12);
    assert!(f.message.contains("nope.md"), "{}", f.message);
    assert!(f.hint.is_some());
    // Images: no alt (raised to error by book.toml), empty alt, missing file.
    assert_eq!(at("missing_alt", "a.md", 16), (4, Error));
    assert_eq!(at("empty_alt", "a.md", 18), (10, Warning));
    assert_eq!(at("missing_image", "a.md", 26), (1, Error));
    // Structure.
    assert_eq!(at("heading_skip", "a.md", 20), (1, Warning));
    assert_eq!(at("empty_device_section", "a.md", 22), (1, Warning));
    assert_eq!(at("no_steps", "b.md", 2), (8, Warning));
    assert_eq!(at("duplicate_title", "b.md", 2), (8, Warning));
    // Front matter.
    assert_eq!(at("unknown_device", "a.md", 3), (10, Warning));
    assert_eq!(at("unknown_provider", "c.md", 3), (11, Warning));
    assert_eq!(at("unknown_product", "c.md", 4), (10, Warning));
    // Freshness.
    assert_eq!(at("review_overdue", "a.md", 4), (12, Warning));
    assert_eq!(at("stale", "a.md", 5), (10, Warning));
    let (line, _) = {
        let f = report
            .findings
            .iter()
            .find(|f| f.kind == "outdated_version")
            .expect("outdated_version");
        assert!(
            f.message.contains("17.4") && f.message.contains("18"),
            "{}",
            f.message
        );
        (f.line, f.column)
    };
    assert!((6..=7).contains(&line), "line {line}");
    // Links that resolve are not reported: c.md's links and a.md's own
    // step anchor, /p/q/ and /zed/nothing/c/#overview.
    assert!(
        !report
            .findings
            .iter()
            .any(|f| f.file.ends_with("c.md") && f.kind.starts_with("broken")),
        "{:#?}",
        report.findings
    );
    assert!(!report
        .findings
        .iter()
        .any(|f| f.line == 13 && f.column < 20));
    // Every finding of every kind in the table is documented.
    for f in &report.findings {
        assert!(
            helpcentre::check::KINDS
                .iter()
                .any(|(k, _, _)| *k == f.kind),
            "{f:?}"
        );
    }
    assert!(report.errors() > 0);
}

#[test]
fn json_output_is_an_array_of_findings_and_errors_exit_1() {
    let site = SiteFixture::new()
        .files(&[
            ("book.toml", BOOK),
            ("content/p/q/a.md", A),
            ("content/p/q/b.md", B),
        ])
        .write();
    png(&site.join("content/p/q/shot.png"));
    let output = site.run_at_root(&["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    let findings = json.as_array().expect("an array");
    assert!(!findings.is_empty());
    for f in findings {
        let object = f.as_object().expect("objects");
        let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(
            keys,
            ["column", "file", "hint", "kind", "level", "line", "message"]
        );
        assert!(matches!(f["level"].as_str(), Some("error" | "warning")));
        assert!(f["line"].is_u64() && f["column"].is_u64());
        assert!(f["file"]
            .as_str()
            .is_some_and(|p| p.starts_with("content/")));
    }
    let skip = findings
        .iter()
        .find(|f| f["kind"] == "heading_skip")
        .expect("heading_skip");
    assert_eq!(skip["file"], "content/p/q/a.md");
    assert_eq!(
        (skip["line"].as_u64(), skip["column"].as_u64()),
        (Some(20), Some(1))
    );
    // Text output names kind, file, line and column like a compiler.
    let output = site.run_at_root(&["check"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("warning[heading_skip]: content/p/q/a.md:20:1:"),
        "{stderr}"
    );
    assert!(stderr.contains("error(s)"), "{stderr}");
}

#[test]
fn levels_from_book_toml_lower_lints_but_never_build_errors() {
    let book = "[site]\ntitle = \"L\"\nbase_url = \"https://l.example/\"\n\n[check.levels]\nbroken_link = \"warning\"\nno_steps = \"off\"\nmissing_image = \"off\"\nbogus_kind = \"error\"\n";
    let site = SiteFixture::new()
        .files(&[
            ("book.toml", book),
            (
                "content/p/q/a.md",
                "---\ntitle: A\n---\nSee [x](x.md).\n\n1. Tap.\n\n   ![The screen](missing.png)\n",
            ),
            ("content/p/q/b.md", "---\ntitle: B\n---\nNo steps.\n"),
        ])
        .write();
    let report = run(site.root());
    assert_eq!(one(&report, "broken_link", "a.md", 4).level, Level::Warning);
    assert!(!report.findings.iter().any(|f| f.kind == "no_steps"));
    // The build fails on the missing screenshot: still an error.
    let f = one(&report, "missing_image", "a.md", 8);
    assert_eq!((f.level, f.column), (Level::Error, 4));
    let unknown = report
        .findings
        .iter()
        .find(|f| f.message.contains("bogus_kind"))
        .expect("unknown kinds are reported");
    assert_eq!(unknown.file, "book.toml");
}

#[test]
fn external_links_are_skipped_without_failing_on_a_closed_network() {
    let site = SiteFixture::new().files(&[
        ("book.toml", "[site]\ntitle = \"E\"\nbase_url = \"https://e.example/\"\n\n[check]\nexternal_timeout = 2\n"),
        ("content/p/q/a.md", "---\ntitle: A\n---\n1. Open [the host](https://nothing-here.invalid/page).\n"),
    ]).write();
    let report = check(&CheckOptions {
        root: site.root().to_path_buf(),
        base_url: None,
        external: true,
        today: None,
    });
    assert_eq!(report.errors(), 0, "{:#?}", report.findings);
    assert!(
        report.notes.iter().any(|n| n.contains("not checked")),
        "{:?}",
        report.notes
    );
    // Without --external nothing is requested and nothing noted.
    assert!(run(site.root()).notes.is_empty());
}

#[test]
fn the_example_site_checks_clean() {
    let report = run(&repo_root());
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
    assert!(report.articles > 10);
}

#[test]
fn build_rewrites_markdown_links_to_page_urls() {
    let built = SiteFixture::new()
        .files(&[
            (
                "book.toml",
                "[site]\ntitle = \"R\"\nbase_url = \"https://r.example/help/\"\n",
            ),
            (
                "content/p/q/a.md",
                "---\ntitle: A\n---\n1. See [B's Mac steps](../r/b.md#macos-step-1).\n",
            ),
            (
                "content/p/r/b.md",
                "---\ntitle: B\n---\n## Mac\n\n1. Click.\n",
            ),
        ])
        .build();
    let html = built.page("p/q/a/index.html");
    let hrefs = common::attrs(&html, ".hc-section a", "href");
    assert!(
        hrefs.contains(&"/help/p/r/b/#macos-step-1".to_string()),
        "{hrefs:?}"
    );
    let target = built.page("p/r/b/index.html");
    assert_eq!(common::attrs(&target, "#macos-step-1", "id").len(), 1);
}

fn invalid_sites() -> Vec<PathBuf> {
    let dir = repo_root().join("tests/fixtures/invalid");
    let mut sites: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/invalid")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    sites.sort();
    sites
}

#[test]
fn check_fails_wherever_build_fails() {
    let sites = invalid_sites();
    assert!(sites.len() >= 10);
    for site in sites {
        let name = site
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let built = Site::at(&site).try_build();
        assert!(
            built.is_err(),
            "{name}: the fixture builds; it belongs elsewhere"
        );
        let report = run(&site);
        assert!(
            report.errors() > 0,
            "{name}: build fails but check passes: {:#?}",
            report.findings
        );
        let output = Site::at(&site).run_at_root(&["check", "--format", "json"]);
        assert_eq!(output.status.code(), Some(1), "{name}");
        let json: serde_json::Value =
            serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            json.as_array()
                .is_some_and(|a| a.iter().any(|f| f["level"] == "error")),
            "{name}: {json}"
        );
        // The fixture folder is left as it was: check writes nothing.
        assert!(!site.join("public").exists(), "{name}");
    }
}
