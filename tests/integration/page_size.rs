//! Lean article pages (#17): a page says each thing once, screenshots the
//! writer gave no alt text get a short one in the page's language, and a
//! step costs a fixed, small number of bytes of markup.

use crate::common;

use common::{attrs, Built, SiteFixture};
use scraper::{ElementRef, Html, Selector};

const BOOK: &str =
    "[site]\ntitle = \"Acme Help\"\nbase_url = \"https://help.example.com/\"\nlanguage = \"en\"\n";

const ARTICLE_EN: &str = "---
title: Set up mail on your iPhone
description: Add your mailbox to the Mail app.
---

Have your password at hand.

## iPhone

1. Open **Settings** and tap **Mail**.

    <img src=\"https://cdn.acme.example/ios-1.png\" width=\"320\" height=\"480\">

2. Tap **Accounts**, then **Add Account**.

    <img src=\"https://cdn.acme.example/ios-2a.png\" width=\"320\" height=\"480\"> <img src=\"https://cdn.acme.example/ios-2b.png\" width=\"320\" height=\"480\">

3. Choose **Other**.

    ![The Other button at the end of the list](https://cdn.acme.example/ios-3.png)

4. Type your address.
   - Use the whole address.

     <img src=\"https://cdn.acme.example/ios-4a.png\" width=\"320\" height=\"480\">
";

const ARTICLE_FR: &str = "---
title: Configurer la messagerie sur votre iPhone
---

Gardez votre mot de passe sous la main.

## iPhone

1. Ouvrez **Réglages** et touchez **Mail**.

    <img src=\"https://cdn.acme.example/ios-1.png\" width=\"320\" height=\"480\">

2. Touchez **Comptes**.
";

const EN_PAGE: &str = "acme/mail/set-up-iphone/index.html";

fn build() -> Built {
    SiteFixture::new()
        .files(&[
            ("book.toml", BOOK),
            ("content/acme/mail/set-up-iphone.md", ARTICLE_EN),
            ("content/acme/mail/set-up-iphone.fr.md", ARTICLE_FR),
        ])
        .build()
}

fn select<'a>(html: &'a Html, selector: &str) -> Vec<ElementRef<'a>> {
    let sel = Selector::parse(selector).expect("valid selector");
    html.select(&sel).collect()
}

#[test]
fn screenshots_without_alt_text_get_a_short_one_in_the_page_language() {
    let built = build();
    let en = built.page(EN_PAGE);
    assert_eq!(
        attrs(&en, "ol.steps img", "alt"),
        [
            "Screenshot",
            "Screenshot 1 of 2",
            "Screenshot 2 of 2",
            "The Other button at the end of the list",
            "Screenshot",
        ],
        "the writer's alt text is kept; the others do not repeat the step"
    );
    let fr = built.page("fr/acme/mail/set-up-iphone/index.html");
    assert_eq!(attrs(&fr, "ol.steps img", "alt"), ["Capture d’écran"]);
    assert_eq!(
        attrs(&fr, "ol.steps > li > a", "aria-label"),
        ["Étape 1", "Étape 2"]
    );
    // The model still describes the screenshot from its step (inspect and
    // search read it there).
    let source = built.site().join("content/acme/mail/set-up-iphone.md");
    let mut inspected = helpcentre::inspect_files(&[source]).expect("inspect");
    let article = inspected.remove(0).0.expect("an article");
    let step = &article.sections[1].procedures[0].steps[0];
    assert_eq!(
        step.screenshots[0].alt,
        "Screenshot: Open Settings and tap Mail"
    );
}

#[test]
fn screenshots_shown_at_their_own_file_carry_no_link_to_it() {
    let built = build();
    let en = built.page(EN_PAGE);
    assert_eq!(select(&en, "figure.shot").len(), 5);
    assert!(
        select(&en, "figure.shot a").is_empty(),
        "a remote screenshot's zoom link would repeat its src (app.js adds one)"
    );
    for figure in select(&en, "figure.shot") {
        let img = figure
            .select(&Selector::parse("img").expect("selector"))
            .next()
            .expect("an image");
        assert!(img
            .value()
            .attr("src")
            .is_some_and(|s| s.starts_with("https://")));
    }
}

#[test]
fn an_article_page_says_each_thing_once() {
    let built = build();
    let text = built.read(EN_PAGE);
    let html = Html::parse_document(&text);
    // og:* are the page's card; X reads them too, so only its card kind is its own.
    assert!(select(&html, "meta[name^='twitter:']")
        .iter()
        .all(|m| m.value().attr("name") == Some("twitter:card")));
    for property in ["og:title", "og:description", "og:url", "og:image"] {
        assert_eq!(
            select(&html, &format!("meta[property='{property}']")).len(),
            1,
            "{property}"
        );
    }
    // The CSP attribute needs no entity for its single quotes.
    let csp = attrs(
        &html,
        "meta[http-equiv='Content-Security-Policy']",
        "content",
    );
    assert!(csp[0].contains("script-src 'self'"), "{csp:?}");
    assert!(!text.contains("&#39;self&#39;"));
    // Icons are drawn by the style sheet, not repeated inline.
    assert!(!text.contains("<svg"), "no inline SVG");
    // One style sheet and two scripts besides search: no small extra requests.
    assert_eq!(select(&html, "link[rel=stylesheet]").len(), 1);
    let scripts = attrs(&html, "script[src]", "src");
    assert!(scripts.iter().all(|s| ["/early.", "/app.", "/search."]
        .iter()
        .any(|name| s.contains(name))));
    // The picker's options carry their device once, as text.
    for option in select(&html, "[data-device-options] [role=option]") {
        let mut attributes: Vec<&str> = option.value().attrs().map(|(name, _)| name).collect();
        attributes.sort_unstable();
        assert_eq!(attributes, ["data-value", "role"], "{}", option.html());
    }
    // The HowTo names the page once, as its @id; steps are fragments of it.
    let json = common::texts(&html, "script[type='application/ld+json']");
    let blocks: serde_json::Value = serde_json::from_str(&json[0]).expect("JSON-LD");
    let howto = &blocks[0];
    assert_eq!(howto["@type"], "HowTo");
    assert_eq!(
        howto["@id"],
        "https://help.example.com/acme/mail/set-up-iphone/"
    );
    assert!(howto.get("url").is_none());
    assert!(
        json[0]
            .matches("https://help.example.com/acme/mail/set-up-iphone/")
            .count()
            <= 4
    );
    let steps = howto["step"].as_array().expect("steps");
    let first = steps[0]["url"].as_str().unwrap_or("");
    assert!(
        first.starts_with('#') && first.ends_with("-step-1"),
        "{first}"
    );
    assert_eq!(steps[0]["text"], "Open Settings and tap Mail.");
}

/// Bytes of a step's markup that are not its text (the `<div>` after its
/// number), its substeps nor its screenshots: what every step costs on
/// its own.
fn step_markup_bytes(step: ElementRef<'_>) -> usize {
    let children: Vec<ElementRef<'_>> = step.children().filter_map(ElementRef::wrap).collect();
    let text: usize = children
        .iter()
        .filter(|c| c.value().name() == "div" && !c.value().classes().any(|k| k == "shots"))
        .map(|div| div.inner_html().len())
        .sum();
    let nested: usize = children
        .iter()
        .filter(|c| c.value().classes().any(|k| k == "shots" || k == "substeps"))
        .map(|div| div.html().len())
        .sum();
    step.html().len() - text - nested
}

#[test]
fn a_step_and_a_screenshot_stay_within_a_byte_budget() {
    let built = build();
    let en = built.page(EN_PAGE);
    let steps = select(&en, "ol.steps > li");
    assert_eq!(steps.len(), 4);
    for step in &steps {
        let id = step.value().attr("id").expect("an anchor");
        // <li id=…><a href=#… aria-label="Step n">n</a><div>…</div>…</li>:
        // the anchor twice and about 60 bytes around it.
        let budget = 2 * id.len() + 64;
        let bytes = step_markup_bytes(*step);
        assert!(
            bytes <= budget,
            "{id}: {bytes} bytes of markup, budget {budget}: {}",
            step.html()
        );
    }
    // A remote screenshot: its figure, the image, its src and size, the
    // loading hints and a short alt.
    for figure in select(&en, "figure.shot") {
        let img = figure
            .select(&Selector::parse("img").expect("selector"))
            .next()
            .expect("an image");
        let src = img.value().attr("src").unwrap_or("").len();
        let alt = img.value().attr("alt").unwrap_or("").len();
        let bytes = figure.html().len();
        assert!(
            bytes <= src + alt + 150,
            "{bytes} bytes for a screenshot: {}",
            figure.html()
        );
    }
}
