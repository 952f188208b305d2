//! Slugs from titles and file names in any script: transliterated, never
//! empty, and two articles on one URL reported with both files named.

use crate::common;

use std::collections::BTreeSet;

use common::{attrs, page, texts, SiteFixture};

const BOOK: &str = "[site]\ntitle = \"Slug Help\"\nbase_url = \"https://slugs.example/\"\n";

fn article(title: &str) -> String {
    format!("---\ntitle: {title}\nupdated: 2024-05-01\n---\n\n1. Open **Settings**.\n")
}

#[test]
fn japanese_greek_and_cyrillic_articles_get_distinct_readable_urls() {
    let files = [
        ("パスワードの変更", "パスワードの変更"),
        ("メールの設定", "メールの設定"),
        ("Αλλαγή κωδικού", "Αλλαγή κωδικού"),
        ("Настройка почты", "Настройка почты"),
        // File names with nothing to transliterate fall back to the title;
        // titles with nothing either, to a hash of the title.
        ("？？", "迷惑メール"),
        ("！！", "？！"),
        ("：：", "！？"),
    ];
    let texts_owned: Vec<(String, String)> = files
        .iter()
        .map(|(name, title)| {
            (
                format!("content/kumo-mail/webmail/{name}.md"),
                article(title),
            )
        })
        .collect();
    let built = SiteFixture::new()
        .book_toml(BOOK)
        .files_from(texts_owned)
        .build();
    let out = built.out.clone();
    let report = &built.report;
    assert_eq!(report.articles, files.len());

    let product = page(&out, "kumo-mail/webmail/index.html");
    let urls = attrs(&product, "a.card-title", "href");
    assert_eq!(urls.len(), files.len(), "{urls:?}");
    let distinct: BTreeSet<&String> = urls.iter().collect();
    assert_eq!(distinct.len(), urls.len(), "{urls:?}");
    for url in &urls {
        let slug = url
            .strip_prefix("/kumo-mail/webmail/")
            .and_then(|rest| rest.strip_suffix('/'))
            .unwrap_or_else(|| panic!("unexpected URL {url}"));
        assert!(!slug.is_empty(), "empty slug in {urls:?}");
        assert!(
            slug.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{slug}"
        );
        // Every URL is a page whose heading is one of the titles.
        let art = page(&out, &format!("kumo-mail/webmail/{slug}/index.html"));
        let heading = texts(&art, "main h1");
        assert!(
            files
                .iter()
                .any(|(_, title)| heading == vec![title.to_string()]),
            "{slug}: {heading:?}"
        );
    }
    for expected in [
        "/kumo-mail/webmail/allage-kodikou/",
        "/kumo-mail/webmail/nastroika-pochty/",
    ] {
        assert!(urls.iter().any(|u| u == expected), "{expected} in {urls:?}");
    }
    assert!(
        urls.iter()
            .any(|u| u.starts_with("/kumo-mail/webmail/pasuwado")),
        "{urls:?}"
    );
}

#[test]
fn two_articles_on_one_url_are_an_error_naming_both_files() {
    let site = SiteFixture::new()
        .files(&[
            ("book.toml", BOOK),
            // Both transliterate to `ellada`.
            ("content/kumo-mail/webmail/Ελλάδα.md", &article("Ελλάδα")),
            ("content/kumo-mail/webmail/ελλαδα.md", &article("ελλαδα")),
            ("content/kumo-mail/webmail/other.md", &article("Other")),
        ])
        .write();
    let out = site.root().join("public");
    let error = site.build_into(&out).expect_err("the build should fail");
    let diagnostics = error
        .into_diagnostics()
        .unwrap_or_else(|e| panic!("not content errors: {}", e.report()));
    let collisions: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.message.contains("/kumo-mail/webmail/ellada/"))
        .map(|d| d.to_string())
        .collect();
    assert_eq!(collisions.len(), 1, "{diagnostics:#?}");
    for file in ["Ελλάδα.md", "ελλαδα.md"] {
        assert!(collisions[0].contains(file), "{file} in {}", collisions[0]);
    }
    assert!(!out.exists(), "a failed build wrote {}", out.display());
}
