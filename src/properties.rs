//! Properties every input must keep, shared by the fuzz targets (`fuzz/`)
//! and the proptest run in the normal suite (`tests/integration/properties.rs`). Each
//! function panics when its property fails, which is how both harnesses
//! report a finding.

use std::path::PathBuf;

use crate::config::Config;
use crate::load::{self, DocKind};
use crate::normalise::{self, DeviceMatcher, Registry};

/// Front matter splitting and parsing: no panic, and an error is located
/// on a line of the file (or on none).
pub fn front_matter(text: &str) {
    let source = PathBuf::from("content/a/b/fuzz.md");
    // Lines as the loader counts them: `\r\n`, `\n` and a lone `\r` each end one.
    let lines = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .lines()
        .count()
        + 2;
    if let Err(diagnostic) = load::parse_document(
        DocKind::Article,
        source,
        PathBuf::from("a/b/fuzz.md"),
        text.to_string(),
    ) {
        assert!(
            diagnostic.line <= lines,
            "error on line {} of a {lines}-line file: {diagnostic}",
            diagnostic.line
        );
    }
}

/// Normalising a whole Markdown file: no panic, every diagnostic on a line
/// of the file, and no URL the policy refuses in the article's HTML or
/// screenshots.
pub fn normalise(text: &str) {
    let Ok(doc) = load::parse_document(
        DocKind::Article,
        PathBuf::from("content/a/b/fuzz.md"),
        PathBuf::from("a/b/fuzz.md"),
        text.to_string(),
    ) else {
        return;
    };
    let config = Config::default();
    let matcher = DeviceMatcher::new(&config);
    let registry = Registry::from_config(&config);
    let ctx = normalise::Context {
        config: &config,
        matcher: &matcher,
        registry: &registry,
    };
    let (article, diagnostics) = normalise::normalise_article(&doc, &ctx);
    let lines = doc.text.lines().count() + 2;
    for diagnostic in &diagnostics {
        assert!(diagnostic.line <= lines, "{diagnostic}");
    }
    if let Some(article) = article {
        // The model's strings are plain text; URLs reach a page through
        // screenshots (checked as fields) and the typed content, which is
        // checked as the HTML `render` makes of it.
        let value = serde_json::to_value(&article).expect("an article serialises");
        assert_no_refused_urls(&value);
        for section in &article.sections {
            let mut html = String::new();
            crate::render::content::blocks(&section.blocks, &mut html);
            for note in &section.notes {
                crate::render::content::blocks(&note.content, &mut html);
            }
            for procedure in &section.procedures {
                push_steps_html(&procedure.steps, &mut html);
            }
            assert_no_refused_urls_in_html(&html);
        }
    }
}

fn push_steps_html(steps: &[crate::model::Step], out: &mut String) {
    for step in steps {
        out.push_str(&crate::render::content::inlines(&step.content, true));
        crate::render::content::blocks(&step.details, out);
        push_steps_html(&step.substeps, out);
    }
}

/// The importer's HTML reader: no panic; the Markdown it would write links
/// to no refused URL.
pub fn import_html(text: &str) {
    let boilerplate = boilerplate();
    if let Ok(parsed) = crate::import::html::read(text, boilerplate) {
        let markdown = crate::import::writer::write(&Default::default(), &parsed.doc);
        let refused = crate::url_policy::refused_in_markdown(&markdown);
        assert!(refused.is_empty(), "{refused:?} in\n{markdown}");
    }
}

/// Builds what the importer's readers set up once per process (the
/// boilerplate patterns, the HTML parser's tables), so a fuzz run times
/// each input rather than that.
pub fn warm_up_import() {
    import_html("<html><head><title>t</title></head><body><h1>t</h1><p><a href=\"/x\">x</a></p></body></html>");
    import_text("Title\n\n1. Step one\n2. Step two\n");
}

/// The importer's plain-text reader: no panic.
pub fn import_text(text: &str) {
    let boilerplate = boilerplate();
    if let Ok(parsed) = crate::import::text::read(text, boilerplate, "fuzz") {
        let _ = crate::import::writer::write(&Default::default(), &parsed.doc);
    }
}

/// book.toml: no panic; every diagnostic on a line of the file.
pub fn book_toml(text: &str) {
    let path = std::path::Path::new("book.toml");
    let (config, diagnostics) = crate::config::parse(text, path);
    let lines = text.lines().count() + 2;
    for diagnostic in &diagnostics {
        assert!(diagnostic.line <= lines, "{diagnostic}");
    }
    if let Some(config) = config {
        let _ = config.device_list();
        let _ = config.base_path();
    }
}

/// The HTML of a fenced code block, as a page shows it, for tests and
/// harnesses outside the crate.
pub fn code_block_html(info: &str, code: &str) -> String {
    crate::render::code::code_block(info, code)
}

/// Highlighting: no panic, one output line per input line.
pub fn highlight(info: &str, code: &str) {
    let html = code_block_html(info, code);
    let expected = code.trim_end_matches('\n').split('\n').count();
    let found = html.matches("<span class=\"line").count();
    assert_eq!(found, expected, "info {info:?}, code {code:?}");
}

/// Runs every grammar over a range of probes once, so that the rules they
/// reach are compiled. syntect compiles a grammar's rules on first use,
/// once per process (up to about a second for Lisp's), and a fuzz run
/// should time each input, not that one-off cost.
pub fn warm_up_highlighting() {
    const PROBES: &[&str] = &[
        "(", "H(", "\"", "'", "{", "[", "<", "$(", "/*", "`", "#", "a:", "\\", "${", "<<", "a.b(",
        "%", "@", "=", "-", "<?php H(", "<a ", "<!--", "(*", "0x", "1e", "a::", "<%", "{{", "f(\"",
        "x<y>", "#!", ";", "--", "=begin", "\"\"\"", "r#\"",
    ];
    for lang in crate::highlight::grammar::grammar_languages() {
        for probe in PROBES {
            let code = format!("{}\n{}\n", probe.repeat(4), probe);
            let _ = code_block_html(&lang, &code);
        }
    }
}

/// The search tokenizer: no panic, no empty word.
pub fn search_words(text: &str) {
    for word in crate::search::analysis::words(text) {
        assert!(!word.is_empty(), "an empty word from {text:?}");
    }
}

fn boilerplate() -> &'static crate::import::boilerplate::Boilerplate {
    use std::sync::OnceLock;
    static BOILERPLATE: OnceLock<crate::import::boilerplate::Boilerplate> = OnceLock::new();
    BOILERPLATE.get_or_init(|| {
        crate::import::boilerplate::Boilerplate::new(&[])
            .expect("the built-in boilerplate patterns compile")
    })
}

/// Walks a serialised article: `src` fields are checked as image URLs.
fn assert_no_refused_urls(value: &serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                if let (Some(url), "src") = (value.as_str(), key.as_str()) {
                    assert!(
                        crate::url_policy::is_allowed_image(url),
                        "screenshot src {url:?}"
                    );
                }
                assert_no_refused_urls(value);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(assert_no_refused_urls),
        _ => {}
    }
}

/// Parses rendered HTML and checks every URL attribute against the policy.
fn assert_no_refused_urls_in_html(text: &str) {
    let fragment = scraper::Html::parse_fragment(text);
    for node in fragment.tree.nodes() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        for (name, value) in element.attrs() {
            let image = element.name() == "img" && name == "src";
            if image {
                assert!(
                    crate::url_policy::is_allowed_image(value),
                    "{value:?} in {text}"
                );
            } else if matches!(name, "href" | "src" | "action" | "formaction" | "poster") {
                assert!(
                    crate::url_policy::is_allowed(value),
                    "`{name}={value:?}` in {text}"
                );
            }
        }
    }
}
