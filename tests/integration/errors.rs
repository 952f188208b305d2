//! Bad input: every error of a run reported at once with file, line and
//! column; nothing half-written replaces a good site; no panics.

use crate::common;

use common::SiteFixture;
use helpcentre::Diagnostic;

const BOOK: &str = "[site]\ntitle = \"Errors\"\nbase_url = \"https://errors.example/\"\n";

fn find<'a>(diags: &'a [Diagnostic], file: &str) -> &'a Diagnostic {
    diags
        .iter()
        .find(|d| d.path.to_string_lossy().ends_with(file))
        .unwrap_or_else(|| panic!("no diagnostic for {file}: {diags:#?}"))
}

#[test]
fn every_broken_file_is_reported_with_position_and_hint() {
    let site = SiteFixture::new()
        .files(&[
            ("book.toml", BOOK),
            ("content/p/q/good.md", "---\ntitle: Good\n---\nFine.\n"),
            (
                "content/p/q/no-front-matter.md",
                "# Just a heading\n\nText.\n",
            ),
            (
                "content/p/q/unclosed.md",
                "---\ntitle: Never closed\n\nBody\n",
            ),
            (
                "content/p/q/bad-yaml.md",
                "---\ntitle: Bad\ntags: [a, b\nupdated: 2024-01-01\n---\nBody\n",
            ),
            (
                "content/p/q/no-title.md",
                "---\nupdated: 2024-01-01\n---\nBody\n",
            ),
            (
                "content/p/q/bad-date.md",
                "---\ntitle: Date\ncreated: 2023-13-45\n---\nBody\n",
            ),
        ])
        .write();
    site.write("content/p/q/binary.md", b"---\ntitle: x\n---\n\0\x01\x02");
    site.write("content/p/q/latin1.md", b"---\ntitle: caf\xe9\n---\n");
    let diags = site.diagnostics();
    let errors: Vec<&Diagnostic> = diags.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 7, "{diags:#?}");

    let d = find(&diags, "no-front-matter.md");
    assert_eq!((d.line, d.column), (1, 1));
    assert!(d.message.contains("missing front matter"));
    assert!(d.hint.as_deref().unwrap_or("").contains("---"));
    assert_eq!(d.source_line.as_deref(), Some("# Just a heading"));

    let d = find(&diags, "unclosed.md");
    assert!(d.message.contains("never closed"));

    let d = find(&diags, "bad-yaml.md");
    assert!(d.message.starts_with("invalid YAML"), "{d}");
    assert!(d.line >= 3 && d.line <= 4, "line {}", d.line);
    assert!(d.column >= 1);

    let d = find(&diags, "no-title.md");
    assert!(d.message.contains("missing `title`"));

    let d = find(&diags, "bad-date.md");
    assert_eq!((d.line, d.column), (3, 10));
    assert_eq!(d.source_line.as_deref(), Some("created: 2023-13-45"));

    assert!(find(&diags, "binary.md").message.contains("binary"));
    assert!(find(&diags, "latin1.md").message.contains("UTF-8"));

    // The rendered message names file, line and column like a compiler.
    let shown = find(&diags, "bad-date.md").to_string();
    assert!(
        shown.starts_with("error: content/p/q/bad-date.md:3:10: `created` is not a valid date"),
        "{shown}"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let site = SiteFixture::new()
        .files(&[
            ("book.toml", BOOK),
            ("content/p/q/a.md", "---\ntitle: First\n---\nOne.\n"),
            ("content/p/q/b.md", "---\ntitle: Second\n---\nTwo.\n"),
        ])
        .write();
    let out = site.root().join("public");
    site.build_into(&out).expect("first build");
    let before = common::snapshot(&out);
    assert!(before.contains_key("p/q/a/index.html"));

    site.write("content/p/q/b.md", "---\ntitle: [broken\n---\n");
    site.write("content/p/q/c.md", "---\ntitle: Third\n---\nThree.\n");
    let diags = site.diagnostics();
    assert_eq!(diags.iter().filter(|d| d.is_error()).count(), 1);
    assert_eq!(
        common::snapshot(&out),
        before,
        "output changed after a failed build"
    );
    // No staging or old directories left beside the output.
    let leftovers = site.leftovers();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // Fixed: the new build replaces the old one completely.
    site.write("content/p/q/b.md", "---\ntitle: Second again\n---\n");
    std::fs::remove_file(site.root().join("content/p/q/a.md")).expect("remove");
    site.build_into(&out).expect("second build");
    let after = common::snapshot(&out);
    assert!(
        !after.contains_key("p/q/a/index.html"),
        "removed article's page is gone"
    );
    assert!(after.contains_key("p/q/c/index.html"));
}

#[test]
fn the_build_refuses_to_replace_a_folder_it_did_not_write() {
    let site = SiteFixture::new()
        .files(&[
            ("book.toml", BOOK),
            ("content/p/q/a.md", "---\ntitle: First\n---\nOne.\n"),
            ("precious/notes.txt", "do not delete"),
        ])
        .write();
    let error = site
        .build_into(&site.root().join("precious"))
        .expect_err("must refuse");
    assert!(
        format!("{error:#}").contains("refusing to replace"),
        "{error:#}"
    );
    assert!(site.root().join("precious/notes.txt").is_file());
    let error = site
        .build_into(site.root())
        .expect_err("must refuse the site root");
    assert!(
        format!("{error:#}").contains("contains the site itself"),
        "{error:#}"
    );
    let error = site
        .build_into(&site.root().join("content/out"))
        .expect_err("must refuse content/");
    assert!(format!("{error:#}").contains("content/"), "{error:#}");
}

#[test]
fn book_toml_unknown_keys_warn_and_wrong_types_fail() {
    let site = SiteFixture::new()
        .files(&[
            (
                "book.toml",
                "[site]\ntitle = \"T\"\nbase_url = \"https://t.example/\"\ncolour = \"blue\"\n",
            ),
            ("content/p/q/a.md", "---\ntitle: A\n---\n"),
        ])
        .write();
    let report = site
        .build_into(&site.root().join("public"))
        .expect("unknown keys only warn");
    let warning = report
        .warnings
        .iter()
        .find(|d| d.message.contains("site.colour"))
        .expect("warning for the unknown key");
    assert_eq!((warning.line, warning.column), (4, 1));

    let site = SiteFixture::new().files(&[
        ("book.toml", "[site]\ntitle = \"T\"\nbase_url = \"https://t.example/\"\n\n[images]\nquality = \"high\"\n"),
        ("content/p/q/a.md", "---\ntitle: A\n---\n"),
    ]).write();
    let diags = site.diagnostics();
    let d = find(&diags, "book.toml");
    assert_eq!(d.line, 6);
    assert!(d.message.contains("expected"), "{}", d.message);
}

#[test]
fn cli_exits_1_and_prints_every_error() {
    let site = SiteFixture::new()
        .files(&[
            ("book.toml", BOOK),
            ("content/p/q/a.md", "no front matter\n"),
            ("content/p/q/b.md", "---\ntitle: B\ndate: someday\n---\n"),
        ])
        .write();
    let output = site.run_at_root(&["build"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("content/p/q/a.md:1:1: missing front matter"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/p/q/b.md:3:7: `date` is not a valid date"),
        "{stderr}"
    );
    assert!(
        stderr.contains("2 error(s) found; nothing was written"),
        "{stderr}"
    );
    assert!(!site.root().join("public").exists());
}

/// Deterministic pseudo-random Markdown soup: the normaliser must never panic.
#[test]
fn no_panic_on_garbage_input() {
    let pieces = [
        "1. ",
        "1) ",
        "   - ",
        "* ",
        "## ",
        "# ",
        "**",
        "`",
        "```",
        "<img src=",
        "\"",
        "width=\"",
        "320",
        "\n",
        "\n\n",
        "    ",
        "> ",
        "[!NOTE]",
        "Important:",
        "{device=ios}",
        "{#x}",
        "|a|b|\n|-|-|\n",
        "![alt](",
        ")",
        "é",
        "\u{200b}",
        "<",
        ">",
        "&",
        "---\n",
        "[^1]",
        "[^1]: x",
        "\t",
        "\r\n",
        "iPhone",
        "Mac Mail",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut files = vec![("book.toml".to_string(), BOOK.to_string())];
    for n in 0..150 {
        let mut body = String::new();
        for _ in 0..60 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            body.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        files.push((
            format!("content/p/q/f{n}.md"),
            format!("---\ntitle: Garbage {n}\n---\n{body}"),
        ));
    }
    let site = SiteFixture::new().files_from(files).write();
    // Errors (missing screenshots) are fine; panics are not.
    let _ = site.build_into(&site.root().join("public"));
}
