//! Highlighted code shows the same colours as when every scope was a span
//! with every atom a class: the page's markup keeps only what the theme
//! CSS can colour, and Chromium's computed styles prove nothing changed.

use headless_chrome::protocol::cdp::Emulation;
use helpcentre::highlight::{highlight, theme_css, Token, CLASS_PREFIX};
use helpcentre::properties::code_block_html;
use serde_json::json;

use crate::chromium::{eval, goto, launch};

/// Code support articles show, and languages whose themes' rules are
/// specific (CSS, Markdown, diffs, nested JSON).
const SAMPLES: &[(&str, &str)] = &[
    (
        "ini",
        "; account\n[outgoing]\nserver = smtp.example.com\nport=587\n",
    ),
    (
        "bash",
        "# check\nfor f in *.txt; do echo \"$f: $(wc -l < \"$f\")\"; done\n",
    ),
    (
        "yaml",
        "account:\n  name: \"Jamie\"\n  port: 993\n  ssl: true\n",
    ),
    ("toml", "[account]\nname = \"Jamie\"\nport = 993\n"),
    (
        "json",
        "{\"a\": {\"b\": {\"c\": [1, \"x\", {\"e\": true}]}}, \"f\": null}\n",
    ),
    (
        "rust",
        "fn main() { let s = \"x\\n\"; println!(\"{s}\"); }\n",
    ),
    (
        "js",
        "const re = /a[bc]+/g; // c\nclass A extends B { f() { this.x = `t${1}`; } }\n",
    ),
    (
        "css",
        "a:hover::before, #id .c { color: #fff; margin: 0 !important; }\n",
    ),
    (
        "html",
        "<a href=\"x\">t &amp; <b>u</b></a>\n<script>var a = 1;</script>\n",
    ),
    (
        "markdown",
        "# Title\n\n*em* **bold _both_** [link](http://x) `code`\n> quote\n",
    ),
    ("diff", "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+new\n"),
    (
        "php",
        "<?php class A { function f($x) { return array(1, $x); } } ?>\n",
    ),
    (
        "python",
        "class A(B):\n    def f(self, x=1):\n        return f\"{x}\"\n",
    ),
];

/// The markup as it was: a span for every scope, every atom a class.
fn every_atom_html(lang: &str, code: &str) -> String {
    let block = highlight(lang, code);
    let mut out = String::from("<pre class=\"code\"><code>");
    for line in block.lines() {
        out.push_str("<span class=\"line\">");
        for token in line {
            match token {
                Token::Text(range) => {
                    out.push_str(&html_escape::encode_text(block.text(range)));
                }
                Token::Open(scope) => {
                    let classes: Vec<String> = scope
                        .name()
                        .split('.')
                        .map(|atom| format!("{CLASS_PREFIX}{atom}"))
                        .collect();
                    out.push_str(&format!("<span class=\"{}\">", classes.join(" ")));
                }
                Token::Close => out.push_str("</span>"),
                Token::LineEnd => {}
            }
        }
        out.push_str("</span>\n");
    }
    out.push_str("</code></pre>\n");
    out
}

/// For each block, the style of each character (colour, weight, style,
/// decoration and the nearest background).
const STYLES: &str = r#"
  return [...document.querySelectorAll(arguments_selector)].map(pre => {
    const out = [];
    const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const text = walker.currentNode, el = text.parentElement, cs = getComputedStyle(el);
      let bg = 'none';
      for (let e = el; e && e !== pre; e = e.parentElement) {
        const c = getComputedStyle(e).backgroundColor;
        if (c !== 'rgba(0, 0, 0, 0)') { bg = c; break; }
      }
      const style = [cs.color, cs.fontWeight, cs.fontStyle, cs.textDecorationLine, bg].join(' ');
      for (const ch of text.data) out.push(ch + ' ' + style);
    }
    return out;
  });"#;

#[test]
fn compact_markup_shows_the_same_colours_in_every_theme_and_scheme() {
    let Some(browser) = launch() else {
        return;
    };
    let tab = browser.new_tab().expect("tab");
    let work = tempfile::tempdir().expect("temp dir");
    let mut old = String::new();
    let mut new = String::new();
    for (lang, code) in SAMPLES {
        old.push_str(&every_atom_html(lang, code));
        new.push_str(&code_block_html(lang, code));
    }
    // Between them, these pairs use every theme a site can choose.
    let pairs = [
        ("InspiredGitHub", "base16-ocean.dark"),
        ("Solarized (light)", "Solarized (dark)"),
        ("base16-ocean.light", "base16-eighties.dark"),
        ("base16-ocean.light", "base16-mocha.dark"),
    ];
    let mut compared = 0;
    for (index, (light, dark)) in pairs.iter().enumerate() {
        let css = theme_css(light, dark).expect("known themes");
        let page = work.path().join(format!("code-{index}.html"));
        std::fs::write(
            &page,
            format!(
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>{css}</style></head>\
                 <body><div id=\"old\">{old}</div><div id=\"new\">{new}</div></body></html>"
            ),
        )
        .expect("page written");
        goto(&tab, &format!("file://{}", page.display()));
        for dark_scheme in [false, true] {
            let media: Emulation::SetEmulatedMedia = serde_json::from_value(json!({
                "features": [{
                    "name": "prefers-color-scheme",
                    "value": if dark_scheme { "dark" } else { "light" }
                }]
            }))
            .expect("media");
            tab.call_method(media).expect("emulate colour scheme");
            let styles = |id: &str| {
                eval(
                    &tab,
                    &STYLES.replace("arguments_selector", &format!("'#{id} pre'")),
                )
            };
            let (before, after) = (styles("old"), styles("new"));
            let blocks = before.as_array().map_or(0, Vec::len);
            assert_eq!(blocks, SAMPLES.len(), "{light} / {dark}");
            // The themes are in force: code shows many styles.
            let styles: std::collections::HashSet<&str> = after
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|block| block.as_array())
                .flatten()
                .filter_map(|c| c.as_str())
                .filter_map(|c| c.split_once(' ').map(|(_, style)| style))
                .collect();
            assert!(styles.len() > 5, "{light} / {dark}: {styles:?}");
            for (i, (a, b)) in before
                .as_array()
                .into_iter()
                .flatten()
                .zip(after.as_array().into_iter().flatten())
                .enumerate()
            {
                assert_eq!(
                    a, b,
                    "{} in {light} / {dark}, dark scheme {dark_scheme}",
                    SAMPLES[i].0
                );
                compared += a.as_array().map_or(0, Vec::len);
            }
        }
    }
    assert!(compared > 4000, "{compared} characters compared");
}
