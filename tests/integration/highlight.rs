//! Build-time code highlighting: snapshots of the HTML for the languages
//! support articles use most, the plain-text fallback with its located
//! warning, and the theme CSS (from `[markdown]`, only when there is code).

use crate::common;

use common::{attrs, page, SiteFixture};
use helpcentre::properties::code_block_html as code_block;
use scraper::{Html, Selector};

const RUST: &str = "use std::env;\n\nfn main() {\n    // Print the mail server\n    let host = env::var(\"SMTP_HOST\").unwrap_or(\"smtp.example.com\".into());\n    println!(\"{host}:587\");\n}\n";
const SHELL: &str = "# Check the certificate of the outgoing server\nopenssl s_client -starttls smtp -connect smtp.example.com:587 </dev/null\necho \"exit code: $?\"\n";
const INI: &str = "; Thunderbird-style account settings\n[outgoing]\nserver = smtp.example.com\nport=587\nsecurity: STARTTLS\n";
const YAML: &str = "# Mail client profile\naccount:\n  name: Jamie\n  imap:\n    host: imap.example.com\n    port: 993\n  ssl: true\n";

/// Elements matching `selector` in an HTML fragment.
fn count(html: &str, selector: &str) -> usize {
    let fragment = Html::parse_fragment(html);
    let sel = Selector::parse(selector).expect("selector");
    fragment.select(&sel).count()
}

fn text(html: &str) -> String {
    Html::parse_fragment(html).root_element().text().collect()
}

#[test]
fn rust_block_with_line_numbers_and_marked_lines() {
    let html = code_block("rust,linenos,hl_lines=1 3-4", RUST);
    assert_eq!(
        count(&html, "pre.code.language-rust.numbered > code > span.line"),
        7
    );
    assert_eq!(count(&html, "span.line.hl"), 3);
    assert_eq!(count(&html, "span.ln[aria-hidden=\"true\"]"), 7);
    assert!(
        count(&html, "span.hl-keyword") > 0,
        "keywords are classed: {html}"
    );
    // The visible text (minus line numbers) is the code itself.
    let plain = code_block("text", RUST);
    assert_eq!(text(&plain).trim_end(), RUST.trim_end());
    insta::assert_snapshot!("rust", html);
}

#[test]
fn shell_block() {
    let html = code_block("sh", SHELL);
    assert!(count(&html, "span.hl-comment") > 0);
    assert!(count(&html, "span.hl-string") > 0);
    assert!(
        text(&html).contains("</dev/null"),
        "escaped and restored: {html}"
    );
    insta::assert_snapshot!("shell", html);
}

#[test]
fn ini_block_uses_the_ini_grammar() {
    let html = code_block("ini {3}", INI);
    // Spans carry only the classes the theme CSS colours (`hl-comment`,
    // not `hl-comment hl-line hl-semicolon hl-ini`).
    assert_eq!(count(&html, "span.line > span.hl-comment"), 1, "{html}");
    assert_eq!(count(&html, "span.hl-punctuation.hl-section"), 2, "[ and ]");
    assert_eq!(count(&html, "span.hl-keyword"), 2, "server, port");
    // INI has no `key: value`; the line is still a value, not plain text.
    assert_eq!(count(&html, "span.hl-string"), 3);
    assert_eq!(count(&html, "span.line.hl"), 1);
    assert_eq!(text(&html).trim_end(), INI.trim_end());
    insta::assert_snapshot!("ini", html);
}

const TOML: &str = "# Mail client profile\n[account]\nname = \"Jamie\"\nport = 993\nssl = true\n";

#[test]
fn toml_block_uses_the_toml_grammar() {
    let html = code_block("toml", TOML);
    // No span for scopes no theme colours, such as the whole-line `source.toml`.
    assert_eq!(count(&html, "[class*=hl-source]"), 0, "{html}");
    assert_eq!(
        count(&html, "span.hl-entity.hl-name"),
        4,
        "the table name and the three keys"
    );
    assert!(count(&html, "span.hl-comment") > 0);
    assert!(count(&html, "span.hl-string") > 0);
    assert!(count(&html, "span.hl-constant") > 0, "993 and true");
    assert_eq!(text(&html).trim_end(), TOML.trim_end());
    insta::assert_snapshot!("toml", html);
}

/// The fence names of configuration files all reach a grammar; `conf` is
/// INI (not nginx, whose extension it is in the set).
#[test]
fn configuration_languages_have_grammars() {
    let code = "# comment\n[section]\nkey = value\n";
    for lang in [
        "ini",
        "conf",
        "cfg",
        "config",
        "toml",
        "properties",
        "env",
        "dotenv",
        "apache",
        "nginx",
    ] {
        assert!(helpcentre::highlight::is_known(lang), "{lang}");
        let html = code_block(lang, code);
        assert_eq!(count(&html, "span.line"), 3, "{lang}: {html}");
        assert!(count(&html, "span.hl-comment") > 0, "{lang}: {html}");
    }
    // Highlighted as INI: the same markup but for the language class.
    let ini = code_block("ini", code);
    for lang in ["conf", "config", "cfg"] {
        let html = code_block(lang, code).replace(&format!("language-{lang}"), "language-ini");
        assert_eq!(html, ini, "{lang}");
    }
}

#[test]
fn yaml_block() {
    let html = code_block("yaml", YAML);
    assert!(count(&html, "span.hl-comment") > 0);
    assert!(
        count(&html, "span.hl-entity") > 0 || count(&html, "span.hl-string") > 0,
        "{html}"
    );
    assert_eq!(text(&html).trim_end(), YAML.trim_end());
    insta::assert_snapshot!("yaml", html);
}

const BOOK: &str = "[site]\ntitle = \"Code test\"\n\n[providers.acme]\nname = \"Acme\"\n\n[products.mail]\nprovider = \"acme\"\nname = \"Mail\"\n";

fn site(article: &str, book_extra: &str) -> SiteFixture {
    SiteFixture::new()
        .book_toml(&format!("{BOOK}{book_extra}"))
        .file(
            "content/acme/mail/_index.md",
            "---\ntitle: Mail\n---\n\nMail help.\n",
        )
        .file("content/acme/mail/settings.md", article)
}

const WITH_UNKNOWN: &str = "---\ntitle: Server settings\n---\n\nUse these settings.\n\n```klingon\nQapla' <b>\n```\n\n```ini\n[imap]\nport = 993\n```\n";

#[test]
fn unknown_language_is_plain_text_with_a_located_warning() {
    let built = site(WITH_UNKNOWN, "").build();
    let report = &built.report;
    let warning = report
        .warnings
        .iter()
        .find(|w| w.message.contains("klingon"))
        .unwrap_or_else(|| panic!("no warning in {:#?}", report.warnings));
    assert_eq!(
        warning.path,
        std::path::Path::new("content/acme/mail/settings.md")
    );
    assert_eq!((warning.line, warning.column), (7, 1));
    assert!(warning.message.contains("plain text"));
    let html = built.page("acme/mail/settings/index.html");
    let sel = Selector::parse("pre.code.language-klingon").expect("selector");
    let pre = html.select(&sel).next().expect("the block is rendered");
    assert_eq!(pre.text().collect::<String>().trim_end(), "Qapla' <b>");
    assert_eq!(
        pre.select(&Selector::parse("[class^=hl-]").expect("sel"))
            .count(),
        0
    );
}

/// A block that keeps opening `$(` without closing it: highlighting gives
/// up once more than 64 scopes are open. The budget fallback is reported
/// the same way (`Fallback::TimeBudget`; unit-tested in src/highlight/tests.rs,
/// since a time limit cannot be reached on purpose here).
#[test]
fn a_block_the_highlighter_gives_up_on_is_plain_text_with_a_located_warning() {
    let block = "echo $(\n".repeat(80);
    let article = format!(
        "---\ntitle: Server settings\n---\n\nUse these settings.\n\n```bash\n{block}```\n\nAfter.\n"
    );
    let built = site(&article, "").build();
    let report = &built.report;
    let warnings: Vec<_> = report
        .warnings
        .iter()
        .filter(|w| w.message.contains("for the highlighter"))
        .collect();
    assert_eq!(warnings.len(), 1, "{:#?}", report.warnings);
    let warning = warnings[0];
    assert_eq!(
        warning.message,
        "code block leaves more than 64 brackets, quotes or blocks open for the highlighter; \
         shown as plain text"
    );
    assert_eq!(
        warning.path,
        std::path::Path::new("content/acme/mail/settings.md")
    );
    // The opening fence.
    assert_eq!((warning.line, warning.column), (7, 1));
    let html = built.page("acme/mail/settings/index.html");
    let pre = html
        .select(&Selector::parse("pre.code.language-bash").expect("selector"))
        .next()
        .expect("the block is rendered");
    assert_eq!(count(&pre.html(), "span.line"), 80);
    assert_eq!(count(&pre.html(), "[class^=hl-]"), 0, "shown as plain text");
    assert!(pre
        .text()
        .collect::<String>()
        .starts_with("echo $(\necho $("));
}

fn highlight_css(out: &std::path::Path) -> Option<String> {
    let html = page(out, "acme/mail/settings/index.html");
    let hrefs: Vec<String> = attrs(&html, "link[rel=stylesheet]", "href")
        .into_iter()
        .filter(|h| h.contains("highlight."))
        .collect();
    let href = hrefs.first()?;
    let rel = href.trim_start_matches('/');
    Some(std::fs::read_to_string(out.join(rel)).expect("highlight css written"))
}

#[test]
fn theme_css_comes_from_the_configured_themes_and_only_with_code() {
    let built = site(WITH_UNKNOWN, "").build();
    let default_css = highlight_css(built.out()).expect("a site with code links highlight CSS");
    assert!(default_css.contains(".hl-"), "class-based rules");
    assert!(default_css.contains("@media (prefers-color-scheme: dark)"));

    let built = site(
        WITH_UNKNOWN,
        "\n[markdown]\nhighlight_theme = \"Solarized (light)\"\nhighlight_theme_dark = \"Solarized (dark)\"\n",
    ).build();
    let solarized = highlight_css(built.out()).expect("css");
    assert_ne!(
        solarized, default_css,
        "the configured theme changes the CSS"
    );
    // Solarized's base colours (#fdf6e3 light background, #002b36 dark).
    assert!(
        solarized.to_ascii_lowercase().contains("#fdf6e3"),
        "{solarized}"
    );
    assert!(solarized.to_ascii_lowercase().contains("#002b36"));

    let built = site(
        "---\ntitle: Server settings\n---\n\nNo code here, only text.\n",
        "",
    )
    .build();
    assert!(
        highlight_css(built.out()).is_none(),
        "no code, no highlight CSS"
    );
    let any_highlight_file = walk(built.out())
        .into_iter()
        .any(|p| p.contains("highlight."));
    assert!(!any_highlight_file);

    let site = site(
        WITH_UNKNOWN,
        "\n[markdown]\nhighlight_theme = \"No Such Theme\"\n",
    )
    .write();
    let error = site.build_error();
    assert!(error.contains("No Such Theme"), "{error}");
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.path().to_string_lossy().into_owned())
        .collect()
}
