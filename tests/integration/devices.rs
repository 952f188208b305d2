//! Device pages (`/devices/<id>/`) and the device data the templates receive,
//! checked on the built example site and on small fixture sites. Expected
//! values come from the built article pages themselves (each article page
//! says which devices it covers), so the tests follow the content.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::{attrs, page, texts, Site, SiteFixture};
use scraper::{Html, Selector};

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("selector")
}

/// Every article page of a built site: URL -> devices of the article.
fn article_devices(site: &Path) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(site)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_name() != "index.html" {
            continue;
        }
        let rel = entry.path().strip_prefix(site).expect("inside site");
        let html = page(site, &rel.to_string_lossy());
        let Some(article) = html.select(&sel("article.article")).next() else {
            continue;
        };
        // A fallback page stands in for a missing translation of an article.
        if html.select(&sel(".fallback-notice")).next().is_some() {
            continue;
        }
        let url = format!(
            "/{}",
            rel.parent()
                .expect("folder")
                .to_string_lossy()
                .replace('\\', "/")
                + "/"
        );
        let devices = article.value().attr("data-devices").unwrap_or_default();
        out.insert(
            url,
            devices.split_whitespace().map(str::to_string).collect(),
        );
    }
    out
}

/// Whether the article page at `url` is a translation of another page
/// (its `x-default` alternate points elsewhere).
fn is_translation(site: &Path, url: &str) -> bool {
    let html = page(site, &format!("{}index.html", url.trim_start_matches('/')));
    let canonical = attrs(&html, "link[rel=canonical]", "href");
    let default = attrs(&html, "link[rel=alternate][hreflang=x-default]", "href");
    !default.is_empty() && default != canonical
}

/// Cards of a listing: href -> devices.
fn cards(html: &Html, scope: &str) -> Vec<(String, Vec<String>)> {
    html.select(&sel(&format!("{scope} li.card")))
        .map(|card| {
            let href = card
                .select(&sel("a.card-title"))
                .next()
                .and_then(|a| a.value().attr("href"))
                .unwrap_or_default()
                .to_string();
            let devices = card.value().attr("data-devices").unwrap_or_default();
            (
                href,
                devices.split_whitespace().map(str::to_string).collect(),
            )
        })
        .collect()
}

/// Device counts shown by a listing filter: id -> count.
fn filter_counts(html: &Html) -> BTreeMap<String, usize> {
    html.select(&sel(".listing-filter a.device-count"))
        .map(|a| {
            let id = a
                .value()
                .attr("data-device")
                .unwrap_or_default()
                .to_string();
            let count = a
                .select(&sel(".count"))
                .next()
                .map(|c| {
                    c.text()
                        .collect::<String>()
                        .trim()
                        .parse()
                        .expect("numeric count")
                })
                .expect("count");
            (id, count)
        })
        .collect()
}

#[test]
fn device_pages_list_exactly_the_articles_for_their_device() {
    let built = Site::example().build();
    let site = built.out.clone();
    let report = &built.report;
    let articles = article_devices(&site);
    assert_eq!(articles.len(), report.articles, "every article page found");
    let mut expected: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    // Listings show one article per translation group.
    for (url, devices) in articles
        .iter()
        .filter(|(url, _)| !is_translation(&site, url))
    {
        for d in devices {
            expected.entry(d.clone()).or_default().insert(url.clone());
        }
    }
    assert!(expected.len() >= 3, "the example covers several devices");

    // One page per device that has articles, and none for the others.
    let dirs: BTreeSet<String> = std::fs::read_dir(site.join("devices"))
        .expect("devices folder")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(dirs, expected.keys().cloned().collect::<BTreeSet<_>>());

    let index = page(&site, "devices/index.html");
    for (id, urls) in &expected {
        let html = page(&site, &format!("devices/{id}/index.html"));
        let listed: BTreeSet<String> = cards(&html, ".main")
            .into_iter()
            .map(|(href, _)| href)
            .collect();
        assert_eq!(&listed, urls, "device page {id}");
        for (_, devices) in cards(&html, ".main") {
            assert!(
                devices.contains(id),
                "every card on /devices/{id}/ covers {id}"
            );
        }
        let meta = texts(&html, "[data-device-page]");
        assert_eq!(
            attrs(&html, "[data-device-page]", "data-device-page"),
            vec![id.clone()]
        );
        let n = urls.len();
        assert!(
            meta[0].starts_with(&format!(
                "{n} article{} with steps for ",
                if n == 1 { "" } else { "s" }
            )),
            "{meta:?}"
        );
        assert_eq!(attrs(&html, "html", "data-page"), vec!["device"]);
        // The devices index links to it with the same count.
        let link = index
            .select(&sel(&format!("a[data-device-link=\"{id}\"]")))
            .next()
            .unwrap_or_else(|| panic!("/devices/ links to {id}"));
        assert!(link
            .value()
            .attr("href")
            .unwrap_or_default()
            .ends_with(&format!("/devices/{id}/")));
        let count: String = link
            .select(&sel(".count"))
            .next()
            .expect("count")
            .text()
            .collect();
        assert!(count.starts_with(&format!("{n} article")), "{count}");
    }
}

#[test]
fn device_pages_group_by_provider_and_name_the_device() {
    let built = Site::example().build();
    let site = built.out.clone();
    let html = page(&site, "devices/ios/index.html");
    assert_eq!(texts(&html, "h1"), vec!["Help for iOS"]);
    assert_eq!(
        texts(&html, "nav.breadcrumbs li"),
        vec!["Home", "Devices", "iOS"]
    );
    // Each group's cards all belong to the provider named in its heading.
    for group in html.select(&sel("section.product-group")) {
        let heading: String = group
            .select(&sel("h2"))
            .next()
            .expect("group heading")
            .text()
            .collect();
        for card in group.select(&sel("li.card .card-provider")) {
            let provider: String = card.text().collect();
            assert!(
                provider.starts_with(heading.trim()),
                "{provider} under {heading}"
            );
        }
    }
    // Plain links: the page works without JavaScript.
    assert!(html.select(&sel("li.card a.card-title[href]")).count() > 0);
    assert_eq!(
        html.select(&sel(".article-list[hidden], li.card[hidden]"))
            .count(),
        0
    );
}

#[test]
fn listings_carry_each_articles_devices_and_true_counts() {
    let built = Site::example().build();
    let site = built.out.clone();
    let articles = article_devices(&site);
    for rel in [
        "index.html",
        "northwind-mail/index.html",
        "northwind-mail/business-email/index.html",
        "copperleaf-hosting/shared-hosting/index.html",
    ] {
        let html = page(&site, rel);
        let listed = cards(&html, ".main");
        assert!(!listed.is_empty(), "{rel} lists articles");
        for (href, devices) in &listed {
            assert_eq!(
                Some(devices),
                articles.get(href),
                "{rel}: card {href} has the article's devices"
            );
        }
        if rel == "index.html" {
            continue; // the home filter counts every article, the list shows recent ones
        }
        let counts = filter_counts(&html);
        let mut expected: BTreeMap<String, usize> = BTreeMap::new();
        for (_, devices) in &listed {
            for d in devices {
                *expected.entry(d.clone()).or_default() += 1;
            }
        }
        if expected.len() > 1 {
            assert_eq!(counts, expected, "{rel}: counts per device");
            assert_eq!(
                html.select(&sel(
                    ".listing-filter label.only-toggle[hidden] input[data-only-device]"
                ))
                .count(),
                1
            );
        }
    }
    // The home page counts every article of the site, translations once.
    let home = page(&site, "index.html");
    let mut expected: BTreeMap<String, usize> = BTreeMap::new();
    for (_, devices) in articles
        .iter()
        .filter(|(url, _)| !is_translation(&site, url))
    {
        for d in devices {
            *expected.entry(d.clone()).or_default() += 1;
        }
    }
    assert_eq!(filter_counts(&home), expected);
}

#[test]
fn article_pages_carry_the_device_data_the_filter_needs() {
    let built = Site::example().build();
    let site = built.out.clone();
    let mut multi = 0;
    for url in article_devices(&site).keys() {
        let html = page(&site, &format!("{}index.html", url.trim_start_matches('/')));
        // Section devices in reading order, without repeats.
        let mut in_order: Vec<String> = Vec::new();
        for d in attrs(&html, "section.device-section", "data-devices")
            .iter()
            .flat_map(|d| d.split_whitespace())
        {
            if !in_order.iter().any(|x| x == d) {
                in_order.push(d.to_string());
            }
        }
        let declared = attrs(&html, "article.article", "data-section-devices");
        assert_eq!(declared, vec![in_order.join(" ")], "{url}");
        // "Also available for" offers each section device, when there are several.
        let offered = attrs(
            &html,
            ".also-available button[data-show-device]",
            "data-show-device",
        );
        if in_order.len() > 1 {
            multi += 1;
            assert_eq!(offered, in_order, "{url}");
        } else {
            assert!(offered.is_empty(), "{url}");
        }
        // The step count names a device only where it differs from the
        // count for all devices, and only a device with a section of its own
        // can see fewer steps.
        let all_count = texts(&html, "[data-step-count] .label-all");
        for (device, count) in attrs(&html, "[data-step-count] .label-device", "data-for")
            .iter()
            .zip(texts(&html, "[data-step-count] .label-device"))
        {
            assert!(in_order.contains(device), "{url}: {device}");
            assert_ne!(vec![count.clone()], all_count, "{url}: {device}");
        }
        // Contents entries match their sections.
        for (anchor, devices) in attrs(&html, ".section-toc li[data-devices] a", "href")
            .iter()
            .zip(attrs(
                &html,
                ".section-toc li[data-devices]",
                "data-devices",
            ))
        {
            let id = anchor.trim_start_matches('#');
            let section = attrs(&html, &format!("section#{id}"), "data-devices");
            assert_eq!(section, vec![devices], "{url}: toc entry {anchor}");
        }
        // The notice is there whenever the article is about particular devices.
        let article_devices = attrs(&html, "article.article", "data-devices");
        assert_eq!(
            html.select(&sel("[data-device-notice]")).count(),
            usize::from(!article_devices[0].is_empty()),
            "{url}"
        );
        assert_eq!(texts(&html, ".print-url").len(), 1, "{url}: URL for print");
    }
    assert!(
        multi >= 3,
        "several example articles have more than one device section"
    );

    let html = page(&site, "copperleaf-hosting/shared-hosting/fix-repeated-password-prompts-mac-mail-iphone/index.html");
    assert_eq!(
        texts(&html, ".also-available button"),
        vec!["iPhone and iPad", "Mac"]
    );
    assert_eq!(
        texts(&html, "section#ios .verified"),
        vec!["Checked on iOS 18"]
    );
    assert_eq!(
        texts(&html, "section#macos .verified"),
        vec!["Checked on macOS 15"]
    );
    assert_eq!(
        texts(&html, ".section-toc li[data-devices] .device-badge"),
        vec!["iOS", "macOS"]
    );
}

#[test]
fn header_picker_offers_all_devices_and_each_used_device() {
    let built = Site::example().build();
    let site = built.out.clone();
    let used: Vec<String> = std::fs::read_dir(site.join("devices"))
        .expect("devices")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for rel in [
        "index.html",
        "devices/index.html",
        "search/index.html",
        "404.html",
    ] {
        let html = page(&site, rel);
        let ids = attrs(&html, "html", "data-device-ids");
        let ids: BTreeSet<&str> = ids[0].split_whitespace().collect();
        assert_eq!(ids, used.iter().map(String::as_str).collect(), "{rel}");
        let radios = attrs(&html, "[data-device-options] [role=option]", "data-value");
        assert_eq!(radios[0], "all", "{rel}: all devices is always a choice");
        assert_eq!(
            radios[1..]
                .iter()
                .map(String::as_str)
                .collect::<BTreeSet<_>>(),
            ids
        );
        // Each device option is its name as text (app.js reads it there).
        assert_eq!(
            texts(&html, "[data-device-options] [role=option]").len(),
            ids.len() + 1
        );
        // Without JavaScript the status reads "all devices" and Change is a link.
        assert_eq!(
            texts(&html, "[data-device-status] .label-all"),
            vec!["all devices"]
        );
        assert_eq!(
            attrs(&html, "[data-device-status] .label-device", "data-for").len(),
            ids.len()
        );
        assert!(attrs(&html, "a[data-device-change-link]", "href")[0].ends_with("/devices/"));
        // The preference script is render-blocking; the rest is deferred.
        let scripts: Vec<(String, bool)> = html
            .select(&sel("head script[src]"))
            .map(|s| {
                (
                    s.value().attr("src").unwrap_or_default().to_string(),
                    s.value().attr("defer").is_some(),
                )
            })
            .collect();
        assert!(
            scripts[0].0.contains("/early.") && !scripts[0].1,
            "{scripts:?}"
        );
        assert!(
            scripts[1..].iter().all(|(_, deferred)| *deferred),
            "{scripts:?}"
        );
    }
}

#[test]
fn devices_names_labels_and_aliases_come_from_book_toml() {
    let book = "[site]\ntitle = \"T\"\nbase_url = \"https://t.example/\"\n\n\
        [devices.chromeos]\nname = \"ChromeOS\"\nlabel = \"a Chromebook\"\naliases = [\"chromebook\"]\n\n\
        [devices.ios]\nlabel = \"your iPhone\"\n";
    let article = "---\ntitle: Set up mail\nverified_on:\n  chromeos: \"120\"\n---\n\nIntro.\n\n\
        ## Chromebook\n\n1. Open **Settings**.\n2. Tap **Accounts**.\n\n## iPhone\n\n1. Open **Settings**.\n";
    let built = SiteFixture::new()
        .book_toml(book)
        .file("content/set-up-mail.md", article)
        .build();
    let out = built.out();
    let html = page(out, "set-up-mail/index.html");
    assert_eq!(
        attrs(&html, "section.device-section", "data-devices"),
        vec!["chromeos", "ios"]
    );
    assert_eq!(
        texts(&html, ".also-available button"),
        vec!["a Chromebook", "your iPhone"]
    );
    assert_eq!(
        texts(&html, "section#chromeos .verified"),
        vec!["Checked on ChromeOS 120"]
    );
    assert_eq!(
        html.select(&sel(".also-available button .icon")).count(),
        2,
        "icons, also for a custom device"
    );
    let device = page(out, "devices/chromeos/index.html");
    assert_eq!(texts(&device, "h1"), vec!["Help for ChromeOS"]);
    assert_eq!(texts(&device, "a.card-title"), vec!["Set up mail"]);
    // The picker: the name as the option's text, the label in the status line.
    assert_eq!(
        attrs(
            &device,
            "[data-device-status] .label-device[data-for=chromeos]",
            "data-for"
        )
        .len(),
        1
    );
    assert_eq!(
        texts(
            &device,
            "[data-device-status] .label-device[data-for=chromeos]"
        ),
        vec!["a Chromebook"]
    );
    assert_eq!(
        texts(&device, "[data-device-options] [data-value=chromeos]"),
        vec!["ChromeOS"]
    );
    assert!(
        !out.join("devices/android").exists(),
        "no page for a device without articles"
    );
}
