//! Browser tests of the search client on the example site, served under a
//! `/help/` sub-path, at a desktop and a 390x844 phone viewport, with an
//! empty console throughout.

#[path = "../../examples/bench.rs"]
#[allow(dead_code)]
mod bench;
#[path = "../../examples/search_eval/judge.rs"]
#[allow(dead_code)]
mod judge;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use headless_chrome::Tab;
use scraper::Html;
use serde_json::Value;

use crate::chromium::{
    assert_console_empty, click_and_wait_for_page, eval, launch, record_console, set_viewport,
    wait_for, BrowserSession, ConsoleLog,
};
use crate::common::{self, Site, SiteFixture};
use crate::served::{self, ServedSite};

const VIEWPORTS: [(&str, u32, u32, bool); 2] =
    [("desktop", 1280, 900, false), ("phone", 390, 844, true)];

fn open(browser: &BrowserSession, viewport: (&str, u32, u32, bool)) -> Arc<Tab> {
    let tab = browser.new_tab().expect("tab");
    set_viewport(&tab, viewport.1, viewport.2, viewport.3);
    tab
}

fn goto(tab: &Tab, url: &str) {
    crate::chromium::goto(tab, url);
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn assert_quiet(console: &ConsoleLog, what: &str) {
    assert_console_empty(console, what);
}

/// Waits for the results page to settle (status no longer "Searching…").
fn wait_results(tab: &Tab) {
    wait_for(
        tab,
        "document.querySelector('[data-search-status]').hasAttribute('data-total') && document.querySelector('[data-results]').getAttribute('aria-busy') === 'false'",
        30,
    );
}

/// Opens the search page for `query` (what follows `search/?`) and waits
/// for its results.
fn search(tab: &Tab, served: &ServedSite, query: &str) {
    goto(tab, &served.url(&format!("search/?{query}")));
    wait_results(tab);
}

/// The number of results the status line announces.
fn total(tab: &Tab) -> Value {
    eval(
        tab,
        "return +document.querySelector('[data-search-status]').dataset.total;",
    )
}

/// Waits until the status line announces `total` results.
fn wait_total(tab: &Tab, total: impl std::fmt::Display, seconds: u64) {
    wait_for(
        tab,
        &format!("+document.querySelector('[data-search-status]').dataset.total === {total}"),
        seconds,
    );
}

/// Waits until `count` results are announced, settled, and the first page
/// of them (ten at most) shown.
fn wait_shown(tab: &Tab, count: u64, seconds: u64) {
    wait_for(tab, &format!("+document.querySelector('[data-search-status]').dataset.total === {count} && document.querySelector('[data-results]').getAttribute('aria-busy') === 'false' && document.querySelectorAll('[data-results] li.result').length === Math.min({count}, 10)"), seconds);
}

/// Clicks the element `selector` finds.
fn click(tab: &Tab, selector: &str) {
    tab.find_element(selector)
        .unwrap_or_else(|e| panic!("no {selector}: {e}"))
        .click()
        .unwrap_or_else(|e| panic!("cannot click {selector}: {e}"));
}

/// A link's path without its `#section` anchor.
fn without_anchor(href: &str) -> &str {
    href.split('#').next().unwrap_or("")
}

/// The built page of a `/help/…/` path (no anchor).
fn page_at(site: &Path, path: &str) -> Html {
    common::page(
        site,
        &(path.trim_start_matches("/help/").to_string() + "index.html"),
    )
}

/// Runs `check` in a new tab at each viewport on the example site served
/// under `/help/`; the console must stay empty.
fn at_each_viewport(check: impl Fn(&Tab, &ServedSite, (&str, u32, u32, bool))) {
    let Some(browser) = launch() else {
        return;
    };
    let served = served::example_under_help();
    for viewport in VIEWPORTS {
        let tab = open(&browser, viewport);
        let console = record_console(&tab);
        check(&tab, served, viewport);
        assert_quiet(&console, viewport.0);
    }
}

/// Article title (h1) and full text of a built article page.
fn article_text(site: &Path, url_path: &str) -> (String, String) {
    let html = page_at(site, without_anchor(url_path));
    let title = common::texts(&html, "h1")
        .into_iter()
        .next()
        .unwrap_or_default();
    let body = common::texts(&html, "main").join(" ");
    (title, body)
}

#[test]
fn typing_shows_suggestions_in_an_accessible_combobox() {
    at_each_viewport(|tab, served, viewport| {
        goto(tab, &served.url(""));
        click(tab, "#search-input");
        tab.type_str("passw").expect("type");
        wait_for(
            tab,
            "!document.getElementById('search-suggestions').hidden",
            10,
        );
        let state = eval(
            tab,
            "const l = document.getElementById('search-suggestions'); const i = document.getElementById('search-input');
             return { expanded: i.getAttribute('aria-expanded'), role: l.getAttribute('role'),
               titles: [...l.querySelectorAll('[role=option]:not(.suggestion-all)')].map(o => o.textContent),
               marked: [...l.querySelectorAll('[role=option]:not(.suggestion-all)')].every(o => o.querySelector('mark')),
               hrefs: [...l.querySelectorAll('[role=option] a')].map(a => a.getAttribute('href')) };",
        );
        if viewport.3 {
            use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
            if let Ok(png) =
                tab.capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
            {
                let _ = std::fs::write(
                    std::env::temp_dir().join("search-suggestions-phone.png"),
                    png,
                );
            }
        }
        assert_eq!(state["expanded"], "true", "{}", viewport.0);
        assert_eq!(state["role"], "listbox");
        let titles = strings(&state["titles"]);
        assert!(!titles.is_empty(), "no suggestions at {}", viewport.0);
        assert!(
            titles.iter().any(|t| t.to_lowercase().contains("password")),
            "{titles:?}"
        );
        assert_eq!(
            state["marked"], true,
            "every suggestion highlights the match: {titles:?}"
        );
        assert!(
            strings(&state["hrefs"])
                .iter()
                .all(|h| h.starts_with("/help/")),
            "links honour the base path"
        );
        // Arrow keys move the active option; Escape closes the list.
        tab.press_key("ArrowDown").expect("down");
        let active = eval(tab, "const i = document.getElementById('search-input'); const id = i.getAttribute('aria-activedescendant'); return id && document.getElementById(id).getAttribute('aria-selected');");
        assert_eq!(active, "true");
        tab.press_key("ArrowDown").expect("down");
        let second = eval(
            tab,
            "return document.getElementById('search-input').getAttribute('aria-activedescendant');",
        );
        assert_eq!(second, "search-option-1");
        tab.press_key("Escape").expect("escape");
        let closed = eval(tab, "return [document.getElementById('search-suggestions').hidden, document.getElementById('search-input').getAttribute('aria-expanded')];");
        assert_eq!(closed, serde_json::json!([true, "false"]));
        // Enter on an option goes to its section.
        tab.press_key("ArrowDown").expect("reopen");
        wait_for(
            tab,
            "!document.getElementById('search-suggestions').hidden",
            10,
        );
        tab.press_key("ArrowDown").expect("down");
        let target = eval(tab, "const i = document.getElementById('search-input'); return document.getElementById(i.getAttribute('aria-activedescendant')).getAttribute('data-href');");
        tab.press_key("Enter").expect("enter");
        let target = target.as_str().expect("href").to_string();
        wait_for(
            tab,
            &format!("location.pathname + location.hash === {target:?}"),
            10,
        );
    });
}

#[test]
fn misspelt_query_finds_the_password_articles() {
    at_each_viewport(|tab, served, viewport| {
        search(tab, served, "q=pasword%20smtp&device=");
        let hrefs = strings(&eval(tab, "return [...document.querySelectorAll('[data-results] a.result-link')].map(a => a.getAttribute('href'));"));
        assert!(!hrefs.is_empty(), "no results at {}", viewport.0);
        let found: BTreeSet<String> = hrefs
            .iter()
            .map(|h| without_anchor(h).to_string())
            .collect();
        // Every article about passwords that mentions SMTP must be found,
        // and the best results are password articles.
        let mut expected = BTreeSet::new();
        for entry in walkdir::WalkDir::new(served.out())
            .into_iter()
            .filter_map(Result::ok)
        {
            let rel = entry
                .path()
                .strip_prefix(served.out())
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            if rel.matches('/').count() != 3
                || !rel.ends_with("/index.html")
                || rel.starts_with("search/")
                || rel.starts_with("devices/")
            {
                continue;
            }
            let url = format!("/help/{}", rel.trim_end_matches("index.html"));
            let (title, body) = article_text(served.out(), &url);
            if title.to_lowercase().contains("password") && body.to_lowercase().contains("smtp") {
                expected.insert(url);
            }
        }
        assert!(
            expected.len() >= 2,
            "fixture should have several password articles: {expected:?}"
        );
        for url in &expected {
            assert!(found.contains(url), "{url} missing from {found:?}");
        }
        for href in hrefs.iter().take(2) {
            let (title, _) = article_text(served.out(), href);
            assert!(
                title.to_lowercase().contains("password"),
                "top result {href} is not about passwords: {title}"
            );
        }
        let marks = strings(&eval(tab, "return [...document.querySelectorAll('[data-results] mark')].map(m => m.textContent.toLowerCase());"));
        assert!(
            marks.iter().any(|m| m.starts_with("password")),
            "the corrected word is highlighted: {marks:?}"
        );
    });
}

#[test]
fn facets_narrow_results_with_the_counts_they_show() {
    at_each_viewport(|tab, served, _| {
        search(tab, served, "q=password&device=");
        let total = total(tab);
        for kind in ["provider", "device"] {
            let first = eval(
                tab,
                &format!("const i = document.querySelector('[data-facet={kind}] input'); return [i.value, +i.parentNode.querySelector('.facet-count').dataset.count];"),
            );
            let value = first[0].as_str().expect("value").to_string();
            let count = first[1].as_u64().expect("count");
            assert!(
                count > 0 && (kind == "device" || total.as_u64() != Some(count)),
                "{kind} facet should narrow: {count} of {total}"
            );
            click(tab, &format!("[data-facet={kind}] input[value='{value}']"));
            wait_shown(tab, count, 30);
            assert!(
                eval(tab, "return location.search;")
                    .as_str()
                    .unwrap_or("")
                    .contains(&format!("{kind}={value}")),
                "filters are in the shareable URL"
            );
            let shown = strings(&eval(tab, "return [...document.querySelectorAll('[data-results] li.result')].map(li => li.querySelector('.result-link').getAttribute('href'));"));
            for href in &shown {
                match kind {
                    "provider" => assert!(
                        href.starts_with(&format!("/help/{value}/")),
                        "{href} is not from {value}"
                    ),
                    _ => {
                        // A device result is a section for that device or a section for every device.
                        let (path, anchor) = href.split_once('#').unwrap_or((href, ""));
                        if !anchor.is_empty() {
                            let html = page_at(served.out(), path);
                            let devices = common::attrs(
                                &html,
                                &format!("section[id='{anchor}']"),
                                "data-devices",
                            );
                            assert!(
                                devices.is_empty() || devices[0].split(' ').any(|d| d == value),
                                "{href} is not for {value}: {devices:?}"
                            );
                        }
                    }
                }
            }
            click(tab, &format!("[data-facet={kind}] input[value='{value}']"));
            wait_total(tab, &total, 10);
        }
    });
}

#[test]
fn result_link_lands_on_its_section() {
    at_each_viewport(|tab, served, viewport| {
        search(tab, served, "q=signature&device=ios");
        let href = eval(tab, "const a = [...document.querySelectorAll('[data-results] a.result-link')].find(a => a.hash); return a && a.getAttribute('href');");
        let href = href
            .as_str()
            .expect("a result with a section anchor")
            .to_string();
        let anchor = href.split('#').nth(1).expect("anchor");
        // Asserting as soon as the URL changes raced the new page's parse:
        // wait for the new document, fully loaded, holding the section.
        click_and_wait_for_page(
            tab,
            &format!("[data-results] a.result-link[href='{href}']"),
            &href,
            &format!("document.getElementById({anchor:?}) !== null"),
        );
        let landed = eval(
            tab,
            &format!("const s = document.getElementById({anchor:?}); return s && [s.tagName, s.getAttribute('data-devices') || '', s.querySelector('h2') ? s.querySelector('h2').textContent : ''];"),
        );
        assert_eq!(
            landed[0], "SECTION",
            "{href} lands on a section at {}",
            viewport.0
        );
        assert!(
            landed[1]
                .as_str()
                .unwrap_or("")
                .split(' ')
                .any(|d| d == "ios"),
            "{href}: {landed}"
        );
    });
}

#[test]
fn the_readers_device_preselects_the_device_facet() {
    let Some(browser) = launch() else {
        return;
    };
    let served = served::example_under_help();
    for viewport in VIEWPORTS {
        for how in ["saved", "url"] {
            let tab = open(&browser, viewport);
            let console = record_console(&tab);
            let url = if how == "saved" {
                goto(&tab, &served.url(""));
                eval(
                    &tab,
                    "localStorage.setItem('helpcentre.device', 'ios'); return true;",
                );
                served.url("search/?q=password")
            } else {
                served.url("search/?q=password&device=ios")
            };
            goto(&tab, &url);
            wait_results(&tab);
            let checked = strings(&eval(&tab, "return [...document.querySelectorAll('[data-facet=device] input:checked')].map(i => i.value);"));
            assert_eq!(checked, ["ios"], "{how} preference at {}", viewport.0);
            let count = eval(&tab, "return +document.querySelector('[data-facet=device] input[value=ios]').parentNode.querySelector('.facet-count').dataset.count;");
            let shown = total(&tab);
            assert_eq!(count, shown, "the iOS count is the number of results shown");
            let badges = strings(&eval(&tab, "return [...document.querySelectorAll('[data-results] .device-badge')].map(b => b.textContent);"));
            let label = eval(&tab, "return HC.deviceLabel('ios');");
            assert!(
                badges.iter().all(|b| label == b.as_str()),
                "only iOS sections (or all-device ones) are shown: {badges:?}"
            );
            assert_quiet(&console, viewport.0);
        }
    }
}

/// Figures for the closing note: bytes fetched for a first one-word query
/// (gzip as served) and query time once chunks are loaded. Run with
/// `HELPCENTRE_BENCH_SITE=/path/to/built/site cargo test --test browser search::bench -- --ignored --nocapture`
/// (the site built with base_url `http://127.0.0.1/`).
#[test]
#[ignore]
fn bench_first_query() {
    let Some(browser) = launch() else {
        return;
    };
    let dir = std::env::var("HELPCENTRE_BENCH_SITE")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| {
            Site::example()
                .build_at_base(Some("http://127.0.0.1/"))
                .keep()
        });
    let word = std::env::var("HELPCENTRE_BENCH_WORD").unwrap_or_else(|_| "password".into());
    let site = ServedSite::folder(&dir);
    let tab = browser.new_tab().expect("tab");
    goto(&tab, &site.url(&format!("search/?q={word}&device=")));
    wait_results(&tab);
    let resources = strings(&eval(
        &tab,
        "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname);",
    ));
    let mut gzip = 0;
    let mut raw = 0;
    for path in &resources {
        if path.contains("/search/") || path.ends_with(".js") {
            let bytes = std::fs::read(dir.join(path.trim_start_matches('/'))).unwrap_or_default();
            raw += bytes.len();
            gzip += helpcentre::search::gzip_len(&bytes);
        }
    }
    // Once loaded: matching and ranking (`ms`), then facet counting, and
    // the whole call end to end, for a plain word, two words, a typo and
    // a prefix being typed.
    let queries = [
        (word.clone(), false),
        (format!("{word} settings"), false),
        (format!("{}{}", &word[..1], &word[2..]), false),
        (word.chars().take(4).collect::<String>(), true),
    ];
    let mut times: Vec<(String, f64, f64, f64)> = Vec::new();
    for round in 0..3 {
        for (q, prefix) in &queries {
            let js = format!(
                "const t = performance.now(); HCSearch.query({q:?}, {prefix}, {{ device: [], provider: [], product: [] }}).then(r => {{ window.__r = [r.ms, r.facetMs, performance.now() - t, r.articles]; }}); return true;"
            );
            eval(&tab, &js);
            wait_for(&tab, "window.__r !== undefined", 20);
            let r = eval(
                &tab,
                "const r = window.__r; window.__r = undefined; return r;",
            );
            let ms = |i: usize| r[i].as_f64().unwrap_or(f64::NAN);
            // The first round may still fetch chunks for the new words.
            if round > 0 {
                times.push((
                    format!("{q}{}", if *prefix { "…" } else { "" }),
                    ms(0),
                    ms(1),
                    ms(2),
                ));
            }
        }
    }
    let js = std::fs::read(
        dir.join(
            resources
                .iter()
                .find(|p| p.contains("search") && p.ends_with(".js"))
                .map(|p| p.trim_start_matches('/'))
                .unwrap_or("search.js"),
        ),
    )
    .unwrap_or_default();
    println!(
        "first query {word:?}: {} files fetched (search + all js), {:.1} kB raw, {:.1} kB gzip; search.js {:.1} kB gzip",
        resources.len(),
        raw as f64 / 1000.0,
        gzip as f64 / 1000.0,
        helpcentre::search::gzip_len(&js) as f64 / 1000.0
    );
    println!("once loaded (ms): query: match+rank / facet counts / end to end");
    for (q, rank, facets, total) in &times {
        println!("  {q:<20} {rank:>6.1} {facets:>6.1} {total:>6.1}");
    }
    for r in &resources {
        println!("  {r}");
    }
}

/// A copy of the example's content and book.toml (whose providers have
/// support contacts, which the no-results page links), built under
/// `/help/` and served.
fn served_with_support() -> ServedSite {
    ServedSite::under_sub_path(
        SiteFixture::example_copy()
            .write()
            .build_in_folder("help", Some("http://127.0.0.1/help/")),
    )
}

/// Article paths (`/help/provider/product/slug/`) of the records holding
/// `term`, each with the devices the record is for: its own, else its
/// article's (from the built article page), else none (every device).
fn records_with(site: &Path, term: &str) -> Vec<(String, Vec<String>)> {
    let search = site.join("search");
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(search.join("manifest.json")).expect("manifest"))
            .expect("json");
    let table = manifest["terms"].as_array().expect("terms");
    let at = table
        .iter()
        .rposition(|row| row[0].as_str().unwrap_or("") <= term)
        .expect("a chunk for the term");
    let chunk: Value = serde_json::from_slice(
        &std::fs::read(search.join(table[at][1].as_str().expect("path"))).expect("chunk"),
    )
    .expect("json");
    let postings = helpcentre::search::chunks::decode_postings(
        chunk["t"][term][1].as_str().expect("postings of the term"),
    )
    .expect("decodes");
    let folder = manifest["fragments"]["folder"].as_str().expect("folder");
    let counts = helpcentre::search::fragments::decode_counts(
        manifest["fragments"]["counts"].as_str().expect("counts"),
    )
    .expect("counts");
    let mut records: Vec<Value> = Vec::new();
    for (k, _) in counts.iter().enumerate() {
        let file: Vec<Value> = serde_json::from_slice(
            &std::fs::read(search.join(format!("{folder}{k}.json"))).expect("fragment file"),
        )
        .expect("json");
        records.extend(file);
    }
    postings
        .iter()
        .map(|(id, _)| {
            let record = &records[*id as usize];
            let url = record["url"].as_str().expect("url");
            let path = format!("/help{}", without_anchor(url));
            let mut devices = strings(&record["devices"]);
            if devices.is_empty() {
                let html = page_at(site, &path);
                devices = common::attrs(&html, "article[data-devices]", "data-devices")
                    .into_iter()
                    .flat_map(|d| d.split(' ').map(str::to_string).collect::<Vec<_>>())
                    .filter(|d| !d.is_empty())
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect();
            }
            (path, devices)
        })
        .collect()
}

/// What the results page shows: per result, the article link, the title,
/// every section link (main and sub-results) and the excerpt.
fn shown_results(tab: &Tab) -> Vec<Value> {
    eval(
        tab,
        "return [...document.querySelectorAll('[data-results] li.result')].map(li => ({
           href: li.querySelector('.result-link').getAttribute('href'),
           title: li.querySelector('.result-title').textContent,
           sections: [...li.querySelectorAll('.result-section a, .result-subs a')].map(a => a.getAttribute('href')),
           excerpt: li.querySelector('.result-excerpt').textContent }));",
    )
    .as_array()
    .cloned()
    .unwrap_or_default()
}

/// Devices of the section an anchored link lands on ("" devices for a
/// section for every device); None for a link without an anchor.
fn section_devices(site: &Path, href: &str) -> Option<Vec<String>> {
    let (path, anchor) = href.split_once('#')?;
    let html = page_at(site, path);
    Some(
        common::attrs(&html, &format!("section[id='{anchor}']"), "data-devices")
            .first()
            .map(|d| {
                d.split(' ')
                    .filter(|d| !d.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
    )
}

#[test]
fn results_are_articles_filtered_exactly_by_device_with_prose_snippets_and_no_dead_ends() {
    let Some(browser) = launch() else {
        return;
    };
    let served = served_with_support();
    let tab = open(&browser, VIEWPORTS[0]);
    let console = record_console(&tab);
    search(&tab, &served, "q=password&device=");
    // One result per article, titles alone (no section run into them).
    let all = shown_results(&tab);
    let articles: Vec<String> = all
        .iter()
        .map(|r| without_anchor(r["href"].as_str().unwrap_or("")).to_string())
        .collect();
    let distinct: BTreeSet<&String> = articles.iter().collect();
    assert_eq!(
        distinct.len(),
        articles.len(),
        "one result per article: {articles:?}"
    );
    for (r, path) in all.iter().zip(&articles) {
        let (title, _) = article_text(served.out(), path);
        assert_eq!(
            r["title"].as_str(),
            Some(title.as_str()),
            "the result title is the article's"
        );
    }
    // Device counts are articles, checked against the index: an article
    // counts for a device when a record holding the word is for it.
    let matching = records_with(served.out(), "password");
    let expected_total: BTreeSet<&String> = matching.iter().map(|(p, _)| p).collect();
    let total = total(&tab);
    assert_eq!(
        total.as_u64(),
        Some(expected_total.len() as u64),
        "every article with the word"
    );
    let facet = eval(&tab, "return [...document.querySelectorAll('[data-facet=device] input')].map(i => [i.value, +i.parentNode.querySelector('.facet-count').dataset.count]);");
    let facet = facet.as_array().cloned().unwrap_or_default();
    assert!(facet.len() >= 3, "several devices: {facet:?}");
    for pair in &facet {
        let device = pair[0].as_str().expect("device").to_string();
        let count = pair[1].as_u64().expect("count") as usize;
        let expected: BTreeSet<&String> = matching
            .iter()
            .filter(|(_, devices)| devices.is_empty() || devices.contains(&device))
            .map(|(p, _)| p)
            .collect();
        assert_eq!(count, expected.len(), "{device}: {expected:?}");
        // Selecting it shows exactly those articles, each section for it.
        click(
            &tab,
            &format!("[data-facet=device] input[value='{device}']"),
        );
        wait_shown(&tab, count as u64, 20);
        // Ten at a time: show them all.
        while eval(
            &tab,
            "return !!document.querySelector('[data-search-more]');",
        ) == Value::Bool(true)
        {
            let before = shown_results(&tab).len();
            click(&tab, "[data-search-more]");
            wait_for(&tab, &format!("document.querySelectorAll('[data-results] li.result').length > {before} && document.querySelector('[data-results]').getAttribute('aria-busy') === 'false'"), 20);
        }
        let shown = shown_results(&tab);
        let paths: BTreeSet<String> = shown
            .iter()
            .map(|r| without_anchor(r["href"].as_str().unwrap_or("")).to_string())
            .collect();
        assert_eq!(
            shown.len(),
            paths.len(),
            "one result per article under {device}"
        );
        assert_eq!(paths.iter().collect::<BTreeSet<_>>(), expected, "{device}");
        for r in &shown {
            for href in
                std::iter::once(&r["href"]).chain(r["sections"].as_array().into_iter().flatten())
            {
                let href = href.as_str().unwrap_or("");
                if let Some(devices) = section_devices(served.out(), href) {
                    assert!(
                        devices.is_empty() || devices.contains(&device),
                        "{href} is shown under {device} but is for {devices:?}"
                    );
                }
            }
        }
        // The facet can be cleared.
        click(&tab, "[data-facet-clear=device]");
        wait_total(&tab, expected_total.len(), 20);
    }
    // Snippets are prose: no line of any code block of the article.
    search(&tab, &served, "q=smtp%20port&device=");
    let shown = shown_results(&tab);
    assert!(!shown.is_empty());
    let mut code_seen = 0;
    for r in &shown {
        let path = without_anchor(r["href"].as_str().unwrap_or(""));
        let html = page_at(served.out(), path);
        let excerpt = r["excerpt"].as_str().unwrap_or("");
        for block in common::texts(&html, "pre") {
            code_seen += 1;
            for line in block.split("  ").map(str::trim).filter(|l| l.len() > 12) {
                assert!(
                    !excerpt.contains(line),
                    "code {line:?} in the snippet {excerpt:?}"
                );
            }
        }
        assert!(
            !excerpt.contains("title:") && !excerpt.contains("---"),
            "front matter in {excerpt:?}"
        );
    }
    assert!(code_seen > 0, "the results hold articles with code blocks");
    // No dead ends: words no article has are named; nothing found offers
    // the newest articles for the reader's device and the support page.
    search(&tab, &served, "q=qwxz%20zzvb&device=ios");
    wait_for(&tab, "document.querySelector('[data-newest]')", 20);
    let empty = eval(
        &tab,
        "return { total: document.querySelector('[data-search-status]').dataset.total,
                  dropped: (document.querySelector('[data-dropped]') || {}).textContent || '',
                  newest: [...document.querySelectorAll('[data-newest] a')].map(a => a.getAttribute('href')),
                  support: [...document.querySelectorAll('[data-support] a')].map(a => a.getAttribute('href')) };",
    );
    assert_eq!(empty["total"], "0");
    let dropped = empty["dropped"].as_str().unwrap_or("");
    assert!(
        dropped.contains("qwxz") && dropped.contains("zzvb"),
        "{dropped}"
    );
    let newest = strings(&empty["newest"]);
    assert!(!newest.is_empty());
    for href in &newest {
        let html = page_at(served.out(), href);
        let article = common::attrs(&html, "article[data-devices]", "data-devices").join(" ");
        let sections = common::attrs(&html, "section[data-devices]", "data-devices").join(" ");
        assert!(
            article.trim().is_empty()
                || format!("{article} {sections}")
                    .split(' ')
                    .any(|d| d == "ios"),
            "{href} is not for iOS: {article} / {sections}"
        );
    }
    // Every provider of the example configures a support link.
    assert_eq!(
        strings(&empty["support"]),
        [
            "https://bluefin.example/help/contact",
            "https://copperleaf.example/support/tickets/new",
            "https://northwind-mail.example/contact"
        ]
    );
    // A word dropped among known ones is named, and results still come.
    search(&tab, &served, "q=signature%20qwxz&device=");
    let notice = eval(&tab, "return [+document.querySelector('[data-search-status]').dataset.total, document.querySelector('[data-dropped]').textContent];");
    assert!(notice[0].as_u64().unwrap_or(0) >= 2, "{notice}");
    assert!(
        notice[1].as_str().unwrap_or("").contains("qwxz"),
        "{notice}"
    );
    // A misspelling offers the corrected query.
    search(&tab, &served, "q=signatrue&device=");
    let suggestion = eval(
        &tab,
        "const a = document.querySelector('[data-did-you-mean] a'); return a && a.textContent;",
    );
    assert_eq!(suggestion, "signature");
    assert_quiet(&console, "results, facets, snippets and dead ends");
}

/// The judged queries (tests/fixtures/search-eval) hold the relevance
/// floor of the issue: MRR@10 >= 0.95, success@1 >= 0.9 overall and >= 0.8
/// in every group, at most 2% of queries without results. The held-out
/// queries (never tuned on) hold a floor of their own, below the tuned
/// sets': MRR@10 >= 0.93, success@1 >= 0.9, success@5 >= 0.95, at most 2%
/// without results. The corpus is smaller than `search_eval`'s
/// (judgements follow titles, not sizes).
#[test]
fn judged_queries_meet_the_relevance_floor() {
    let Some(browser) = launch() else {
        return;
    };
    let fixtures = common::repo_root().join("tests/fixtures/search-eval");
    let work = tempfile::tempdir().expect("temp dir");
    let corpus_queries = judge::load(&fixtures.join("corpus.toml")).expect("corpus.toml");
    let mut tasks: Vec<&str> = bench::TASKS.to_vec();
    tasks.extend(corpus_queries.tasks.iter().map(String::as_str));
    let corpus = work.path().join("corpus-src");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    bench::generate_with(&corpus, 160, &tasks);
    let cases = [
        (
            "example",
            common::repo_root(),
            judge::load(&fixtures.join("example.toml")).expect("example.toml"),
        ),
        ("corpus", corpus, corpus_queries),
        (
            "heldout",
            common::repo_root(),
            judge::load(&fixtures.join("heldout.toml")).expect("heldout.toml"),
        ),
    ];
    let served = work.path().join("served");
    let server = ServedSite::folder(&served);
    let tab = browser.new_tab().expect("tab");
    tab.set_default_timeout(Duration::from_secs(120));
    let console = record_console(&tab);
    let mut scored = Vec::new();
    let mut heldout = Vec::new();
    for (name, root, queries) in &cases {
        let options = helpcentre::Options {
            root: root.clone(),
            out: Some(served.join(name)),
            base_url: Some(format!("http://127.0.0.1/{name}/")),
            dry_run: false,
        };
        helpcentre::build(&options).unwrap_or_else(|e| panic!("{name}: {}", common::describe(&e)));
        let site =
            helpcentre::build::load_site(&options, &helpcentre::diagnostics::Diagnostics::new())
                .expect("the site loads");
        let relevant = judge::judge(queries, &site);
        for (q, rel) in queries.query.iter().zip(&relevant) {
            assert_eq!(
                rel.is_empty(),
                q.no_answer,
                "{name}: {:?} has relevant articles or no_answer, not both",
                q.q
            );
        }
        goto(&tab, &server.url(&format!("{name}/search/")));
        wait_for(&tab, "window.HCSearch", 30);
        let outcomes = judge::run(&tab, queries).expect("queries run");
        let (s, misses) = judge::score(queries, &relevant, &outcomes);
        eprintln!("{name}: not first:\n{}", misses.join("\n"));
        if *name == "heldout" {
            heldout.extend(s);
        } else {
            scored.extend(s);
        }
    }
    let (per, all) = judge::by_group(&scored);
    eprintln!("{}", judge::table(&per, &all));
    assert!(all.queries >= 80, "at least 80 judged queries");
    assert!(all.mrr10 >= 0.95, "MRR@10 {:.3}", all.mrr10);
    assert!(all.success1 >= 0.9, "success@1 {:.3}", all.success1);
    assert!(all.zero <= 0.02, "zero-result rate {:.3}", all.zero);
    for (group, f) in &per {
        assert!(f.success1 >= 0.8, "{group}: success@1 {:.3}", f.success1);
    }
    let (per, all) = judge::by_group(&heldout);
    eprintln!("held-out:\n{}", judge::table(&per, &all));
    assert!(all.queries >= 80, "at least 80 held-out queries");
    assert!(all.mrr10 >= 0.93, "held-out MRR@10 {:.3}", all.mrr10);
    assert!(
        all.success1 >= 0.9,
        "held-out success@1 {:.3}",
        all.success1
    );
    assert!(
        all.success5 >= 0.95,
        "held-out success@5 {:.3}",
        all.success5
    );
    assert!(
        all.zero <= 0.02,
        "held-out zero-result rate {:.3}",
        all.zero
    );
    assert_quiet(&console, "the judged queries");
}
