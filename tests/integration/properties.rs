//! A short proptest run of the fuzz targets' properties (`fuzz/`), so the
//! normal suite keeps them: no panic, located diagnostics, and no URL the
//! policy refuses on a page. Inputs are built from pieces hostile content
//! is made of, so a few hundred cases reach the interesting paths.

use proptest::prelude::*;

/// Pieces of Markdown, HTML and front matter, joined in random order.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---\n".to_string()),
        Just("title: A title\n".to_string()),
        Just("devices: [ios, \"\n".to_string()),
        Just("## iPhone {device=ios}\n".to_string()),
        Just("1. Tap **Settings**.\n".to_string()),
        Just("   - nested\n".to_string()),
        Just("> [!NOTE]\n> note\n".to_string()),
        Just("[x](javascript:alert(1))".to_string()),
        Just("[x](java\tscript:alert(1))".to_string()),
        Just("<javascript:alert(1)>".to_string()),
        Just("[r]: data:text/html,x\n[y][r]".to_string()),
        Just("![s](data:image/svg+xml,<svg/onload=alert(1)>)".to_string()),
        Just("<a href=\"java&#9;script:x\">a</a>".to_string()),
        Just("<img src=x onerror=alert(1)>".to_string()),
        Just("<div>".to_string()),
        Just("</div>".to_string()),
        Just("```bash\necho $(\n".to_string()),
        Just("```\n".to_string()),
        Just("| a | b |\n| - | - |\n| [t](vbscript:x) | c |\n".to_string()),
        Just("[^1]\n\n[^1]: [f](javascript:x)\n".to_string()),
        Just("\n".to_string()),
        "[ -~]{0,12}".prop_map(|s| s),
        "\\PC{0,6}".prop_map(|s| s),
    ]
}

fn document() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..24).prop_map(|parts| parts.concat())
}

/// Fuzz finding (front_matter): lone carriage returns put a YAML error
/// past the file's last line.
#[test]
fn lone_carriage_returns_keep_errors_on_a_line_of_the_file() {
    helpcentre::properties::front_matter("---\n\r\r\n\r[\n\r\rz\r\n---\nbody\r\r\r");
    helpcentre::properties::front_matter("---\rtitle: [a\r\r\r\rb: c\n---\n");
}

/// Fuzz finding (front_matter): YAML ends lines at U+0085 too, so its
/// error line could be past the end of the file.
#[test]
fn next_line_characters_keep_errors_on_a_line_of_the_file() {
    helpcentre::properties::front_matter(
        "---\n-  xx--\u{85}\u{85}\u{85}\u{85}\t\t] x\u{85}\u{85}\u{85}\t\tM\r---\n-- -\n\tx\n---\n",
    );
    helpcentre::properties::front_matter("---\na: 1\u{85}\u{85}\u{85}\u{85}\u{85}\n\tb\n---\n");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn front_matter_never_panics_and_locates_errors(text in document()) {
        helpcentre::properties::front_matter(&text);
    }

    #[test]
    fn normalised_articles_hold_no_refused_url(body in document()) {
        helpcentre::properties::normalise(&format!("---\ntitle: T\n---\n{body}"));
        helpcentre::properties::normalise(&body);
    }

    #[test]
    fn imported_html_links_to_no_refused_url(body in document()) {
        helpcentre::properties::import_html(&format!(
            "<html><head><base href=\"https://e.example/kb/\"></head><body><h1>Title</h1>{body}</body></html>"
        ));
    }

    #[test]
    fn imported_text_never_panics(body in document()) {
        helpcentre::properties::import_text(&body);
    }

    #[test]
    fn book_toml_never_panics_and_locates_errors(text in "(\\[site\\]\n|title = \"x\"\n|base_url = 1\n|theme = \"../x\"\n|\\[providers.a\\]\nurl = \"javascript:x\"\n|[ -~]{0,10}\n){0,8}") {
        helpcentre::properties::book_toml(&text);
    }

    #[test]
    fn highlighting_keeps_every_line(info in "(bash|rust|yaml|ini|text|nosuch)?( linenos)?", code in document()) {
        helpcentre::properties::highlight(&info, &code);
    }

    #[test]
    fn search_words_are_never_empty(text in document()) {
        helpcentre::properties::search_words(&text);
    }
}
