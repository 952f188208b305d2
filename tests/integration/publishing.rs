//! Publishing: translations (lang, hreflang, switcher, fallback pages, UI
//! strings), redirects, meta tags, JSON-LD, sitemap and feeds, and the CI
//! templates. Each test builds a fixture site and parses the output.

use crate::common;

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::Path;

use common::{attrs, page, texts, Site, SiteFixture};
use scraper::{Html, Selector};

const BOOK: &str = "[site]\ntitle = \"Acme Help\"\ndescription = \"Help for Acme Mail\"\nbase_url = \"https://help.example.com/\"\nlanguage = \"en\"\n";

const SETUP_EN: &str = "---
title: Set up Acme Mail on your iPhone
description: Add your Acme mailbox to the Mail app on an iPhone in five minutes.
created: 2024-03-01
updated: 2025-06-15
authors: [Ada Stone, Ben Quill]
legacy_id: 4711
tags: [iphone, imap]
aliases:
  - /old/setup-iphone.html
  - https://old-help.example.com/hc/en-us/articles/4711-Setup-iPhone
---

You need your mailbox password before you start.

## iPhone

1. Open **Settings** and tap **Mail**.

   ![The Mail settings screen](https://cdn.acme.example/shots/ios-mail.png)

2. Tap **Accounts**, then **Add Account**.
3. Choose **Other** and enter your address and password.
";

const SETUP_FR: &str = "---
title: Configurer Acme Mail sur votre iPhone
description: Ajoutez votre boîte Acme à l'app Mail d'un iPhone en cinq minutes.
created: 2024-05-02
updated: 2025-07-01
authors: [Claire Vidal]
---

Gardez le mot de passe de votre boîte sous la main.

## iPhone

1. Ouvrez **Réglages** et touchez **Mail**.
2. Touchez **Comptes**, puis **Ajouter un compte**.
3. Choisissez **Autre** et saisissez votre adresse et votre mot de passe.
";

const RESET_EN: &str = "---
title: Reset your mailbox password
created: 2023-01-10
updated: 2024-11-20
---

When you forget the password of your mailbox, anyone with access to the control panel of the account can set a new one for you in a minute, and every app that uses the mailbox then needs the new password as well before it syncs again.

1. Sign in to the control panel.
2. Open **Mailboxes** and choose the mailbox.
3. Click **Reset password**.
";

const FAQ_EN: &str = "---
title: Mailbox questions
type: faq
updated: 2025-01-05
---

## How big can my mailbox get?

Each mailbox holds 50 GB.

## Can I send from an alias?

Yes. Add the alias under **Mailboxes** and pick it as the sender in your app.
";

fn bilingual_site() -> Site {
    SiteFixture::new()
        .files(&[
            ("book.toml", BOOK),
            ("content/acme/mail/set-up-iphone.md", SETUP_EN),
            ("content/acme/mail/set-up-iphone.fr.md", SETUP_FR),
            ("content/acme/mail/reset-password.md", RESET_EN),
            ("content/acme/mail/questions.md", FAQ_EN),
        ])
        .write()
}

fn html_lang(html: &Html) -> String {
    attrs(html, "html", "lang").remove(0)
}

fn meta(html: &Html, selector: &str) -> Option<String> {
    attrs(html, selector, "content").into_iter().next()
}

/// (hreflang, href) of every alternate link in the head.
fn hreflangs(html: &Html) -> BTreeSet<(String, String)> {
    let sel = Selector::parse("link[rel=alternate][hreflang]").expect("selector");
    html.select(&sel)
        .map(|e| {
            (
                e.value().attr("hreflang").unwrap_or("").to_string(),
                e.value().attr("href").unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn i18n(language: &str) -> toml::Table {
    let path = common::repo_root().join(format!("themes/default/i18n/{language}.toml"));
    std::fs::read_to_string(path)
        .expect("i18n file")
        .parse()
        .expect("valid TOML")
}

fn string(table: &toml::Table, key: &str) -> String {
    table[key].as_str().expect("a string").to_string()
}

const EN_URL: &str = "https://help.example.com/acme/mail/set-up-iphone/";
const FR_URL: &str = "https://help.example.com/fr/acme/mail/set-up-iphone/";

#[test]
fn translations_set_lang_and_link_each_other_both_ways() {
    let site = bilingual_site();
    let built = site.build();
    let out = built.out.clone();
    let en = page(&out, "acme/mail/set-up-iphone/index.html");
    let fr = page(&out, "fr/acme/mail/set-up-iphone/index.html");
    assert_eq!(html_lang(&en), "en");
    assert_eq!(html_lang(&fr), "fr");
    let expected: BTreeSet<(String, String)> =
        [("en", EN_URL), ("fr", FR_URL), ("x-default", EN_URL)]
            .iter()
            .map(|(l, u)| (l.to_string(), u.to_string()))
            .collect();
    assert_eq!(hreflangs(&en), expected);
    assert_eq!(hreflangs(&fr), expected);
    assert_eq!(attrs(&fr, "link[rel=canonical]", "href"), [FR_URL]);
    // Listings show the article once, in the site's language.
    let product = page(&out, "acme/mail/index.html");
    let listed = attrs(&product, ".article-list a.card-title", "href");
    assert!(listed.contains(&"/acme/mail/set-up-iphone/".to_string()));
    assert!(!listed.iter().any(|u| u.starts_with("/fr/")), "{listed:?}");
    // The French page's UI strings are French.
    let fr_strings = i18n("fr");
    assert_eq!(
        texts(&fr, "a.skip-link"),
        [string(&fr_strings, "skip_to_content")]
    );
    assert_eq!(texts(&en, "a.skip-link"), ["Skip to content"]);
}

#[test]
fn the_language_switcher_links_resolve_and_mark_the_current_page() {
    let site = bilingual_site();
    let built = site.build();
    let out = built.out.clone();
    for (rel, current) in [
        (
            "acme/mail/set-up-iphone/index.html",
            "/acme/mail/set-up-iphone/",
        ),
        (
            "fr/acme/mail/set-up-iphone/index.html",
            "/fr/acme/mail/set-up-iphone/",
        ),
        (
            "acme/mail/reset-password/index.html",
            "/acme/mail/reset-password/",
        ),
    ] {
        let html = page(&out, rel);
        let links = attrs(&html, ".language-switcher a", "href");
        assert_eq!(links.len(), 2, "{rel}: {links:?}");
        for link in &links {
            let file = out.join(link.trim_start_matches('/')).join("index.html");
            assert!(file.is_file(), "{rel}: {link} does not resolve");
        }
        assert_eq!(
            attrs(&html, ".language-switcher a[aria-current=page]", "href"),
            [current]
        );
        assert_eq!(
            texts(&html, ".language-switcher a"),
            ["English", "Français"]
        );
        assert_eq!(
            attrs(&html, ".language-switcher a", "hreflang"),
            ["en", "fr"]
        );
    }
}

#[test]
fn a_language_without_a_translation_shows_the_original_with_a_notice() {
    let site = bilingual_site();
    let built = site.build();
    let out = built.out.clone();
    let fallback = page(&out, "fr/acme/mail/reset-password/index.html");
    assert_eq!(html_lang(&fallback), "fr");
    let notice = texts(&fallback, ".fallback-notice");
    assert_eq!(notice, [string(&i18n("fr"), "fallback_notice")]);
    assert_eq!(texts(&fallback, "main h1"), ["Reset your mailbox password"]);
    assert_eq!(attrs(&fallback, "article.article", "lang"), ["en"]);
    // Search engines are sent to the original and the page stays out of the index.
    assert_eq!(
        attrs(&fallback, "link[rel=canonical]", "href"),
        ["https://help.example.com/acme/mail/reset-password/"]
    );
    assert_eq!(
        meta(&fallback, "meta[name=robots]").as_deref(),
        Some("noindex, follow")
    );
    assert!(hreflangs(&fallback).is_empty());
    // The original has no notice, and real translations have none either.
    let original = page(&out, "acme/mail/reset-password/index.html");
    assert!(texts(&original, ".fallback-notice").is_empty());
    let fr = page(&out, "fr/acme/mail/set-up-iphone/index.html");
    assert!(texts(&fr, ".fallback-notice").is_empty());
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).expect("sitemap");
    assert!(!sitemap.contains("/fr/acme/mail/reset-password/"));
}

#[test]
fn a_site_overrides_ui_strings_key_by_key() {
    let site = bilingual_site();
    site.write(
        "i18n/fr.toml",
        "related_articles = \"À lire aussi\"\nskip_to_content = \"Passer au contenu\"\n",
    );
    let built = site.build();
    let out = built.out.clone();
    let fr = page(&out, "fr/acme/mail/set-up-iphone/index.html");
    assert_eq!(texts(&fr, "a.skip-link"), ["Passer au contenu"]);
    // Keys the site leaves alone keep the theme's French.
    assert_eq!(
        attrs(&fr, ".language-switcher", "aria-label"),
        [string(&i18n("fr"), "languages")]
    );
    // A broken strings file is a located error.
    site.write("i18n/de.toml", "home = \"Start\"\nsearch = 3\n");
    let errors = site.build_error();
    assert!(errors.contains("i18n/de.toml:2:"), "{errors}");
}

#[test]
fn aliases_and_legacy_ids_write_redirect_pages_and_lists() {
    let site = bilingual_site();
    let built = site.build();
    let out = built.out.clone();
    let redirects = std::fs::read_to_string(out.join("_redirects")).expect("_redirects");
    let lines: Vec<&str> = redirects
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect();
    assert_eq!(
        lines,
        [
            "/articles/4711/ /acme/mail/set-up-iphone/ 301",
            "/hc/en-us/articles/4711-Setup-iPhone/ /acme/mail/set-up-iphone/ 301",
            "/old/setup-iphone.html /acme/mail/set-up-iphone/ 301",
        ]
    );
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("redirects.json")).expect("redirects.json"),
    )
    .expect("valid JSON");
    assert_eq!(json.as_array().expect("array").len(), 3);
    assert_eq!(json[2]["from"], "/old/setup-iphone.html");
    assert_eq!(json[2]["to"], "/acme/mail/set-up-iphone/");
    assert_eq!(json[2]["status"], 301);
    for file in [
        "old/setup-iphone.html",
        "articles/4711/index.html",
        "hc/en-us/articles/4711-Setup-iPhone/index.html",
    ] {
        let html = page(&out, file);
        assert_eq!(
            meta(&html, "meta[http-equiv=refresh]").as_deref(),
            Some("0; url=/acme/mail/set-up-iphone/"),
            "{file}"
        );
        assert_eq!(attrs(&html, "link[rel=canonical]", "href"), [EN_URL]);
        assert_eq!(meta(&html, "meta[name=robots]").as_deref(), Some("noindex"));
        assert_eq!(attrs(&html, "a", "href"), ["/acme/mail/set-up-iphone/"]);
    }
}

#[test]
fn redirects_follow_a_sub_path_base_url() {
    let built = bilingual_site().build_at_base(Some("https://example.com/help/"));
    let redirects = built.read("_redirects");
    assert!(redirects.contains("/help/old/setup-iphone.html /help/acme/mail/set-up-iphone/ 301"));
    let html = built.page("old/setup-iphone.html");
    assert_eq!(
        meta(&html, "meta[http-equiv=refresh]").as_deref(),
        Some("0; url=/help/acme/mail/set-up-iphone/")
    );
}

#[test]
fn conflicting_redirects_are_located_errors_naming_both_files_in_one_run() {
    let site = SiteFixture::new().files(&[
        ("book.toml", BOOK),
        (
            "content/acme/mail/one.md",
            "---\ntitle: One\naliases:\n  - /shared/old/\n---\n\n1. Tap **One**.\n",
        ),
        (
            "content/acme/mail/two.md",
            "---\ntitle: Two\naliases:\n  - /elsewhere/\n  - /shared/old/\n---\n\n1. Tap **Two**.\n",
        ),
        (
            "content/acme/mail/three.md",
            "---\ntitle: Three\naliases: [/acme/mail/one/]\n---\n\n1. Tap **Three**.\n",
        ),
        (
            "content/acme/mail/four.md",
            "---\ntitle: Four\nlegacy_id: 9\n---\n\n1. Tap **Four**.\n",
        ),
        (
            "content/acme/mail/five.md",
            "---\ntitle: Five\nnode_id: 9\n---\n\n1. Tap **Five**.\n",
        ),
    ]).write();
    let errors = site.build_error();
    // The later of two articles is blamed, at the alias's own line.
    assert!(
        errors.contains("content/acme/mail/two.md:5:5")
            && errors.contains("`/shared/old/` redirects to two articles")
            && errors.contains("content/acme/mail/one.md:4:5"),
        "{errors}"
    );
    assert!(
        errors.contains("content/acme/mail/three.md:3:")
            && errors
                .contains("would overwrite the article /acme/mail/one/ (content/acme/mail/one.md)"),
        "{errors}"
    );
    assert!(
        errors.contains("content/acme/mail/four.md:3:")
            && errors.contains("`/articles/9/` redirects to two articles")
            && errors.contains("content/acme/mail/five.md"),
        "{errors}"
    );
}

#[test]
fn two_translations_in_one_language_are_an_error_naming_both_files() {
    let site = SiteFixture::new().files(&[
        ("book.toml", BOOK),
        ("content/acme/mail/set-up-iphone.md", SETUP_EN),
        ("content/acme/mail/set-up-iphone.fr.md", SETUP_FR),
        (
            "content/acme/mail/configurer-iphone.md",
            "---\ntitle: Configurer l'iPhone\nlanguage: fr\ntranslation_key: iphone\n---\n\n1. Touchez **Mail**.\n",
        ),
        (
            "content/acme/mail/iphone-einrichten.md",
            "---\ntitle: iPhone einrichten\nlanguage: fr\ntranslation_key: iphone\n---\n\n1. Tippen Sie auf **Mail**.\n",
        ),
    ]).write();
    let errors = site.build_error();
    assert!(
        errors.contains("content/acme/mail/iphone-einrichten.md")
            && errors
                .contains("content/acme/mail/configurer-iphone.md are both the `fr` translation"),
        "{errors}"
    );
    // The French translation in another group is not involved.
    assert!(!errors.contains("set-up-iphone.fr.md"), "{errors}");
}

#[test]
fn pages_carry_their_own_description_and_open_graph_tags() {
    let site = bilingual_site();
    let built = site.build();
    let out = built.out.clone();
    let en = page(&out, "acme/mail/set-up-iphone/index.html");
    let description = "Add your Acme mailbox to the Mail app on an iPhone in five minutes.";
    assert_eq!(
        meta(&en, "meta[name=description]").as_deref(),
        Some(description)
    );
    assert_eq!(
        meta(&en, "meta[property='og:description']").as_deref(),
        Some(description)
    );
    assert_eq!(
        meta(&en, "meta[property='og:title']").as_deref(),
        Some("Set up Acme Mail on your iPhone")
    );
    assert_eq!(
        meta(&en, "meta[property='og:url']").as_deref(),
        Some(EN_URL)
    );
    assert_eq!(
        meta(&en, "meta[property='og:type']").as_deref(),
        Some("article")
    );
    assert_eq!(
        meta(&en, "meta[property='og:site_name']").as_deref(),
        Some("Acme Help")
    );
    assert_eq!(
        meta(&en, "meta[property='og:locale']").as_deref(),
        Some("en_US")
    );
    assert_eq!(
        attrs(&en, "meta[property='og:locale:alternate']", "content"),
        ["fr_FR"]
    );
    assert_eq!(
        meta(&en, "meta[property='og:image']").as_deref(),
        Some("https://cdn.acme.example/shots/ios-mail.png")
    );
    assert_eq!(
        meta(&en, "meta[name='twitter:card']").as_deref(),
        Some("summary_large_image")
    );
    let fr = page(&out, "fr/acme/mail/set-up-iphone/index.html");
    assert_eq!(
        meta(&fr, "meta[property='og:locale']").as_deref(),
        Some("fr_FR")
    );
    // Without `description`, the first paragraph, cut at a word under 160 characters.
    let reset = page(&out, "acme/mail/reset-password/index.html");
    let text = meta(&reset, "meta[name=description]").expect("description");
    assert!(text.chars().count() <= 160, "{text}");
    assert!(
        text.starts_with("When you forget the password of your mailbox, anyone"),
        "{text}"
    );
    assert!(text.ends_with('…'), "{text}");
    let whole = "When you forget the password of your mailbox, anyone with access to the control panel of the account can set a new one for you in a minute, and every app that uses the mailbox then needs the new password";
    let kept = text.trim_end_matches('…');
    assert!(whole.starts_with(kept), "cut inside a word: {text}");
    assert!(
        whole[kept.len()..].starts_with(' '),
        "cut inside a word: {text}"
    );
    assert_eq!(
        meta(&reset, "meta[name='twitter:card']").as_deref(),
        Some("summary")
    );
    // Other pages keep the site's description.
    let home = page(&out, "index.html");
    assert_eq!(
        meta(&home, "meta[name=description]").as_deref(),
        Some("Help for Acme Mail")
    );
}

fn json_ld(html: &Html) -> Vec<serde_json::Value> {
    let blocks = texts(html, "script[type='application/ld+json']");
    assert_eq!(blocks.len(), 1);
    let value: serde_json::Value = serde_json::from_str(&blocks[0]).expect("valid JSON-LD");
    value.as_array().expect("an array").clone()
}

fn of_type<'a>(blocks: &'a [serde_json::Value], kind: &str) -> Option<&'a serde_json::Value> {
    blocks.iter().find(|b| b["@type"] == kind)
}

#[test]
fn every_json_ld_block_has_the_expected_values() {
    let site = bilingual_site();
    let built = site.build();
    let out = built.out.clone();
    let en = json_ld(&page(&out, "acme/mail/set-up-iphone/index.html"));
    let types: Vec<&str> = en
        .iter()
        .map(|b| b["@type"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(types, ["HowTo", "BreadcrumbList", "TechArticle"]);
    let tech = of_type(&en, "TechArticle").expect("TechArticle");
    assert_eq!(tech["@context"], "https://schema.org");
    assert_eq!(tech["headline"], "Set up Acme Mail on your iPhone");
    assert_eq!(
        tech["description"],
        "Add your Acme mailbox to the Mail app on an iPhone in five minutes."
    );
    assert_eq!(tech["url"], EN_URL);
    assert_eq!(tech["mainEntityOfPage"], EN_URL);
    assert_eq!(tech["inLanguage"], "en");
    assert_eq!(tech["datePublished"], "2024-03-01");
    assert_eq!(tech["dateModified"], "2025-06-15");
    let authors: Vec<&str> = tech["author"]
        .as_array()
        .expect("authors")
        .iter()
        .map(|a| a["name"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(authors, ["Ada Stone", "Ben Quill"]);
    assert_eq!(tech["publisher"]["@type"], "Organization");
    assert_eq!(tech["publisher"]["name"], "Acme");
    assert_eq!(tech["image"], "https://cdn.acme.example/shots/ios-mail.png");
    let howto = of_type(&en, "HowTo").expect("HowTo");
    assert_eq!(howto["name"], "Set up Acme Mail on your iPhone");
    let steps = howto["step"].as_array().expect("steps");
    assert_eq!(steps.len(), 3);
    assert_eq!(steps[0]["position"], 1);
    assert_eq!(steps[0]["text"], "Open Settings and tap Mail.");
    assert_eq!(
        steps[0]["image"],
        "https://cdn.acme.example/shots/ios-mail.png"
    );
    // Step URLs are fragments of the page the HowTo names as its @id.
    assert_eq!(howto["@id"], EN_URL);
    let step_url = url::Url::parse(EN_URL)
        .and_then(|page| page.join(steps[2]["url"].as_str().unwrap_or("")))
        .expect("a step URL resolves against the page");
    assert!(step_url.as_str().starts_with(&format!("{EN_URL}#")));
    let crumbs = of_type(&en, "BreadcrumbList").expect("crumbs")["itemListElement"]
        .as_array()
        .expect("items")
        .clone();
    let names: Vec<&str> = crumbs
        .iter()
        .map(|c| c["name"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        names,
        ["Home", "Acme", "Mail", "Set up Acme Mail on your iPhone"]
    );
    assert_eq!(crumbs[3]["item"], EN_URL);
    let fr = json_ld(&page(&out, "fr/acme/mail/set-up-iphone/index.html"));
    let tech = of_type(&fr, "TechArticle").expect("TechArticle");
    assert_eq!(tech["inLanguage"], "fr");
    assert_eq!(tech["url"], FR_URL);
    let names: Vec<String> = of_type(&fr, "BreadcrumbList").expect("crumbs")["itemListElement"]
        .as_array()
        .expect("items")
        .iter()
        .map(|c| c["name"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(names[0], string(&i18n("fr"), "home"));
    // An FAQ article: questions from its headings, no HowTo without steps.
    let faq = json_ld(&page(&out, "acme/mail/questions/index.html"));
    let types: Vec<&str> = faq
        .iter()
        .map(|b| b["@type"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(types, ["BreadcrumbList", "TechArticle", "FAQPage"]);
    let questions = of_type(&faq, "FAQPage").expect("FAQPage")["mainEntity"]
        .as_array()
        .expect("questions")
        .clone();
    assert_eq!(questions.len(), 2);
    assert_eq!(questions[0]["@type"], "Question");
    assert_eq!(questions[0]["name"], "How big can my mailbox get?");
    assert_eq!(questions[0]["acceptedAnswer"]["@type"], "Answer");
    assert_eq!(
        questions[0]["acceptedAnswer"]["text"],
        "Each mailbox holds 50 GB."
    );
    assert_eq!(
        questions[1]["acceptedAnswer"]["text"],
        "Yes. Add the alias under Mailboxes and pick it as the sender in your app."
    );
}

/// One `<url>` of a sitemap: loc, lastmod, hreflang alternates.
type SitemapUrl = (String, Option<String>, Vec<(String, String)>);

/// `<url>` blocks of a sitemap.
fn sitemap_urls(text: &str) -> Vec<SitemapUrl> {
    let between = |s: &str, open: &str, close: &str| -> Option<String> {
        let start = s.find(open)? + open.len();
        let end = s[start..].find(close)? + start;
        Some(s[start..end].to_string())
    };
    text.split("<url>")
        .skip(1)
        .map(|block| {
            let alternates = block
                .split("<xhtml:link ")
                .skip(1)
                .filter_map(|l| {
                    Some((
                        between(l, "hreflang=\"", "\"")?,
                        between(l, "href=\"", "\"")?,
                    ))
                })
                .collect();
            (
                between(block, "<loc>", "</loc>").unwrap_or_default(),
                between(block, "<lastmod>", "</lastmod>"),
                alternates,
            )
        })
        .collect()
}

#[test]
fn the_sitemap_has_lastmod_from_updated_and_translation_alternates() {
    let site = bilingual_site();
    let built = site.build();
    let out = built.out.clone();
    let urls = sitemap_urls(&std::fs::read_to_string(out.join("sitemap.xml")).expect("sitemap"));
    let find = |loc: &str| {
        urls.iter()
            .find(|(l, _, _)| l == loc)
            .unwrap_or_else(|| panic!("{loc} not in the sitemap"))
    };
    assert_eq!(find(EN_URL).1.as_deref(), Some("2025-06-15"));
    assert_eq!(find(FR_URL).1.as_deref(), Some("2025-07-01"));
    assert_eq!(
        find("https://help.example.com/acme/mail/reset-password/")
            .1
            .as_deref(),
        Some("2024-11-20")
    );
    let pairs = vec![
        ("en".to_string(), EN_URL.to_string()),
        ("fr".to_string(), FR_URL.to_string()),
    ];
    assert_eq!(find(EN_URL).2, pairs);
    assert_eq!(find(FR_URL).2, pairs);
    assert!(find("https://help.example.com/acme/mail/reset-password/")
        .2
        .is_empty());
    assert_eq!(
        urls.iter().filter(|(l, _, _)| l.contains("/old/")).count(),
        0
    );
}

#[test]
fn each_provider_has_its_own_atom_feed() {
    let site = bilingual_site();
    site.write(
        "content/other/desk/hello.md",
        "---\ntitle: Hello from Other\nupdated: 2025-02-02\n---\n\n1. Say hello.\n",
    );
    let built = site.build();
    let out = built.out.clone();
    let feed = std::fs::read_to_string(out.join("acme/atom.xml")).expect("provider feed");
    let doc = Html::parse_document(&feed);
    let titles = texts(&doc, "entry > title");
    assert_eq!(
        titles,
        [
            "Set up Acme Mail on your iPhone",
            "Mailbox questions",
            "Reset your mailbox password"
        ]
    );
    assert!(feed.contains("<link href=\"https://help.example.com/acme/atom.xml\" rel=\"self\"/>"));
    assert!(feed.contains("<updated>2025-06-15T00:00:00Z</updated>"));
    let other = std::fs::read_to_string(out.join("other/atom.xml")).expect("other feed");
    assert_eq!(
        texts(&Html::parse_document(&other), "entry > title"),
        ["Hello from Other"]
    );
    // The provider page and its articles point at the feed.
    let provider = page(&out, "acme/index.html");
    assert!(
        attrs(&provider, "link[type='application/atom+xml']", "href")
            .contains(&"/acme/atom.xml".to_string())
    );
    let article = page(&out, "acme/mail/reset-password/index.html");
    assert!(attrs(&article, "link[type='application/atom+xml']", "href")
        .contains(&"/acme/atom.xml".to_string()));
}

#[test]
fn search_records_and_manifest_carry_the_language() {
    let site = bilingual_site();
    let out = site.build();
    let search = out.out.join("search");
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(search.join("manifest.json")).expect("manifest"),
    )
    .expect("json");
    let meta_file = manifest["meta"].as_str().expect("meta file");
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(search.join(meta_file)).expect("meta"))
            .expect("json");
    let languages: Vec<&str> = meta["languages"]
        .as_array()
        .expect("languages")
        .iter()
        .map(|l| l[0].as_str().unwrap_or(""))
        .collect();
    assert_eq!(languages, ["en", "fr"]);
    let fr_ranges = meta["languages"][1][1].as_array().expect("ranges");
    assert_eq!(fr_ranges.len(), 2, "the French records are one range");
}

#[test]
fn the_importer_keeps_the_source_path_as_an_alias() {
    let site = SiteFixture::new().files(&[("book.toml", BOOK)]).write();
    let source = site.root().join("saved.html");
    std::fs::write(
        &source,
        "<html><head><title>Change your password</title>\
         <link rel=\"canonical\" href=\"https://old-help.example.com/hc/en-us/articles/1234-Change-your-password?x=1\">\
         </head><body><h1>Change your password</h1><ol><li>Open <b>Settings</b>.</li><li>Tap <b>Password</b>.</li></ol></body></html>",
    )
    .expect("write");
    let mut options = helpcentre::import::ImportOptions::new(site.root().join("content"));
    options.provider = Some("acme".into());
    options.product = Some("mail".into());
    let report = helpcentre::import::import_paths(
        &[source],
        &helpcentre::config::Config::default(),
        &options,
    )
    .expect("import runs");
    let written = match &report.files[0].outcome {
        helpcentre::import::Outcome::Written(path) => path.clone(),
        other => panic!("not written: {other:?}"),
    };
    let text = std::fs::read_to_string(&written).expect("written");
    assert!(
        text.contains("aliases:\n- /hc/en-us/articles/1234-Change-your-password/\n"),
        "{text}"
    );
    // And the built site redirects the old path to the new page.
    let out = site.build();
    let redirects = std::fs::read_to_string(out.out.join("_redirects")).expect("_redirects");
    assert!(
        redirects.contains("/hc/en-us/articles/1234-Change-your-password/ /acme/mail/"),
        "{redirects}"
    );
}

#[test]
fn ci_templates_parse_and_their_check_and_build_commands_build_the_example() {
    let templates = common::repo_root().join("templates/ci");
    let bin = Path::new(env!("CARGO_BIN_EXE_helpcentre"));
    for (file, commands_of) in [
        (
            "github-pages.yml",
            github_commands as fn(&yaml_serde::Value) -> Vec<String>,
        ),
        ("gitlab-pages.yml", gitlab_commands),
    ] {
        let text = std::fs::read_to_string(templates.join(file)).expect("template");
        let yaml: yaml_serde::Value = yaml_serde::from_str(&text).expect("valid YAML");
        assert!(
            text.contains(".helpcentre-cache"),
            "{file} caches the image cache"
        );
        let commands = commands_of(&yaml);
        let check = commands.iter().position(|c| c.contains("helpcentre check"));
        let build = commands.iter().position(|c| c.contains("helpcentre build"));
        assert!(
            matches!((check, build), (Some(c), Some(b)) if c < b),
            "{file}: check runs before build: {commands:?}"
        );
        assert!(
            commands.iter().any(|c| c.contains("cargo install")),
            "{file} installs helpcentre"
        );
        // Run the check and build lines on a copy of the example site.
        let site = SiteFixture::example_copy().write();
        let path = format!(
            "{}:{}",
            bin.parent().expect("bin dir").display(),
            std::env::var("PATH").unwrap_or_default()
        );
        for command in commands
            .iter()
            .filter(|c| c.contains("helpcentre check") || c.contains("helpcentre build"))
        {
            let status = std::process::Command::new("sh")
                .arg("-c")
                .arg(command)
                .current_dir(site.root())
                .env("PATH", &path)
                .env("BASE_URL", "https://writers.example.io/help")
                .env("CI_PAGES_URL", "https://writers.example.io/help")
                .status()
                .expect("sh runs");
            assert!(status.success(), "{file}: `{command}` failed");
        }
        let home = page(&site.root().join("public"), "index.html");
        assert_eq!(
            attrs(&home, "link[rel=canonical]", "href"),
            ["https://writers.example.io/help/"],
            "{file}: built for the Pages address"
        );
    }
}

/// `run:` lines of every step of every job.
fn github_commands(yaml: &yaml_serde::Value) -> Vec<String> {
    let mut out = Vec::new();
    for (_, job) in yaml["jobs"].as_mapping().expect("jobs") {
        for step in job["steps"].as_sequence().expect("steps") {
            if let Some(run) = step["run"].as_str() {
                out.push(run.trim().to_string());
            }
        }
    }
    out
}

/// `before_script` and every job's `script` lines, in file order.
fn gitlab_commands(yaml: &yaml_serde::Value) -> Vec<String> {
    let mut out: Vec<String> = yaml["before_script"]
        .as_sequence()
        .into_iter()
        .flatten()
        .filter_map(|l| l.as_str().map(str::to_string))
        .collect();
    for (_, job) in yaml.as_mapping().expect("mapping") {
        if let Some(script) = job.get("script").and_then(|s| s.as_sequence()) {
            out.extend(script.iter().filter_map(|l| l.as_str().map(str::to_string)));
        }
    }
    out
}

#[test]
fn new_site_starts_with_the_github_workflow() {
    let folder = SiteFixture::new().write();
    let site = folder.join("my-help");
    let output = folder.run([OsStr::new("new"), OsStr::new("site"), site.as_os_str()]);
    assert!(output.status.success());
    let written = std::fs::read_to_string(site.join(".github/workflows/publish.yml"))
        .expect("workflow written");
    let template =
        std::fs::read_to_string(common::repo_root().join("templates/ci/github-pages.yml"))
            .expect("template");
    assert_eq!(written, template);
}

#[test]
fn the_search_client_ranks_the_readers_language_first() {
    let site = bilingual_site();
    let out = site.build();
    let search = out.out.join("search");
    let Some(english) = common::search_client(&search, "iphone", false, "en") else {
        return;
    };
    let french = common::search_client(&search, "iphone", false, "fr").expect("node ran once");
    let first_language = |urls: &[String]| urls.first().map(|u| u.starts_with("/fr/"));
    assert!(
        english.len() >= 2 && french.len() >= 2,
        "{english:?} {french:?}"
    );
    assert_eq!(first_language(&english), Some(false), "{english:?}");
    assert_eq!(first_language(&french), Some(true), "{french:?}");
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    assert_eq!(
        sorted(english),
        sorted(french),
        "the same results, reordered"
    );
}
