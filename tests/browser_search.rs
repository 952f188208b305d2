//! Browser tests of the search client on the example site, served under a
//! `/help/` sub-path, at a desktop and a 390x844 phone viewport, with an
//! empty console throughout.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use common::browser::{eval, launch, record_console, set_viewport, wait_for};
use headless_chrome::{Browser, Tab};
use helpcentre::serve::StaticServer;
use serde_json::Value;

const VIEWPORTS: [(&str, u32, u32, bool); 2] =
    [("desktop", 1280, 900, false), ("phone", 390, 844, true)];

/// The example site built under `/help/`, served from its parent folder.
struct Served {
    _out: tempfile::TempDir,
    site: std::path::PathBuf,
    server: StaticServer,
}

impl Served {
    fn start() -> Served {
        let out = tempfile::tempdir().expect("temp dir");
        let site = out.path().join("help");
        helpcentre::build(&helpcentre::Options {
            root: common::repo_root(),
            out: Some(site.clone()),
            base_url: Some("http://127.0.0.1/help/".into()),
            dry_run: false,
        })
        .unwrap_or_else(|e| panic!("example site failed to build: {}", common::describe(&e)));
        let server = StaticServer::start(out.path().to_path_buf(), 0, None).expect("server");
        Served {
            _out: out,
            site,
            server,
        }
    }

    fn url(&self, path: &str) -> String {
        format!(
            "{}help/{}",
            self.server.url().trim_end_matches('/').to_string() + "/",
            path
        )
    }
}

fn open(browser: &Browser, viewport: (&str, u32, u32, bool)) -> Arc<Tab> {
    let tab = browser.new_tab().expect("tab");
    set_viewport(&tab, viewport.1, viewport.2, viewport.3);
    tab
}

fn goto(tab: &Tab, url: &str) {
    common::browser::goto(tab, url);
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

fn assert_quiet(console: &common::browser::ConsoleLog, what: &str) {
    std::thread::sleep(Duration::from_millis(200));
    // The example articles show screenshots from made-up remote hosts
    // (cdn.*.example); failing to resolve them is not the client's doing.
    let messages: Vec<String> = console
        .take()
        .into_iter()
        .filter(|m| !m.contains("ERR_NAME_NOT_RESOLVED"))
        .collect();
    assert_eq!(
        messages,
        Vec::<String>::new(),
        "console output during {what}"
    );
}

/// Waits for the results page to settle (status no longer "Searching…").
fn wait_results(tab: &Tab) {
    wait_for(
        tab,
        "document.querySelector('[data-search-status]').hasAttribute('data-total') && document.querySelector('[data-results]').getAttribute('aria-busy') === 'false'",
        30,
    );
}

/// Article title (h1) and full text of a built article page.
fn article_text(site: &Path, url_path: &str) -> (String, String) {
    let rel = url_path
        .trim_start_matches("/help/")
        .split('#')
        .next()
        .unwrap_or("")
        .to_string()
        + "index.html";
    let html = common::page(site, &rel);
    let title = common::texts(&html, "h1")
        .into_iter()
        .next()
        .unwrap_or_default();
    let body = common::texts(&html, "main").join(" ");
    (title, body)
}

#[test]
fn typing_shows_suggestions_in_an_accessible_combobox() {
    let Some((browser, _profile)) = launch() else {
        return;
    };
    let served = Served::start();
    for viewport in VIEWPORTS {
        let tab = open(&browser, viewport);
        let console = record_console(&tab);
        goto(&tab, &served.url(""));
        tab.find_element("#search-input")
            .expect("search box")
            .click()
            .expect("focus");
        tab.type_str("passw").expect("type");
        wait_for(
            &tab,
            "!document.getElementById('search-suggestions').hidden",
            10,
        );
        let state = eval(
            &tab,
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
        let active = eval(&tab, "const i = document.getElementById('search-input'); const id = i.getAttribute('aria-activedescendant'); return id && document.getElementById(id).getAttribute('aria-selected');");
        assert_eq!(active, "true");
        tab.press_key("ArrowDown").expect("down");
        let second = eval(
            &tab,
            "return document.getElementById('search-input').getAttribute('aria-activedescendant');",
        );
        assert_eq!(second, "search-option-1");
        tab.press_key("Escape").expect("escape");
        let closed = eval(&tab, "return [document.getElementById('search-suggestions').hidden, document.getElementById('search-input').getAttribute('aria-expanded')];");
        assert_eq!(closed, serde_json::json!([true, "false"]));
        // Enter on an option goes to its section.
        tab.press_key("ArrowDown").expect("reopen");
        wait_for(
            &tab,
            "!document.getElementById('search-suggestions').hidden",
            10,
        );
        tab.press_key("ArrowDown").expect("down");
        let target = eval(&tab, "const i = document.getElementById('search-input'); return document.getElementById(i.getAttribute('aria-activedescendant')).getAttribute('data-href');");
        tab.press_key("Enter").expect("enter");
        let target = target.as_str().expect("href").to_string();
        wait_for(
            &tab,
            &format!("location.pathname + location.hash === {target:?}"),
            10,
        );
        assert_quiet(&console, viewport.0);
    }
}

#[test]
fn misspelt_query_finds_the_password_articles() {
    let Some((browser, _profile)) = launch() else {
        return;
    };
    let served = Served::start();
    for viewport in VIEWPORTS {
        let tab = open(&browser, viewport);
        let console = record_console(&tab);
        goto(&tab, &served.url("search/?q=pasword%20smtp&device="));
        wait_results(&tab);
        let hrefs = strings(&eval(&tab, "return [...document.querySelectorAll('[data-results] a.result-link')].map(a => a.getAttribute('href'));"));
        assert!(!hrefs.is_empty(), "no results at {}", viewport.0);
        let found: BTreeSet<String> = hrefs
            .iter()
            .map(|h| h.split('#').next().unwrap_or("").to_string())
            .collect();
        // Every article about passwords that mentions SMTP must be found,
        // and the best results are password articles.
        let mut expected = BTreeSet::new();
        for entry in walkdir::WalkDir::new(served.site.as_path())
            .into_iter()
            .filter_map(Result::ok)
        {
            let rel = entry
                .path()
                .strip_prefix(&served.site)
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
            let (title, body) = article_text(&served.site, &url);
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
            let (title, _) = article_text(&served.site, href);
            assert!(
                title.to_lowercase().contains("password"),
                "top result {href} is not about passwords: {title}"
            );
        }
        let marks = strings(&eval(&tab, "return [...document.querySelectorAll('[data-results] mark')].map(m => m.textContent.toLowerCase());"));
        assert!(
            marks.iter().any(|m| m.starts_with("password")),
            "the corrected word is highlighted: {marks:?}"
        );
        assert_quiet(&console, viewport.0);
    }
}

#[test]
fn facets_narrow_results_with_the_counts_they_show() {
    let Some((browser, _profile)) = launch() else {
        return;
    };
    let served = Served::start();
    for viewport in VIEWPORTS {
        let tab = open(&browser, viewport);
        let console = record_console(&tab);
        goto(&tab, &served.url("search/?q=password&device="));
        wait_results(&tab);
        let total = eval(
            &tab,
            "return +document.querySelector('[data-search-status]').dataset.total;",
        );
        for kind in ["provider", "device"] {
            let first = eval(
                &tab,
                &format!("const i = document.querySelector('[data-facet={kind}] input'); return [i.value, +i.parentNode.querySelector('.facet-count').dataset.count];"),
            );
            let value = first[0].as_str().expect("value").to_string();
            let count = first[1].as_u64().expect("count");
            assert!(
                count > 0 && (kind == "device" || total.as_u64() != Some(count)),
                "{kind} facet should narrow: {count} of {total}"
            );
            tab.find_element(&format!("[data-facet={kind}] input[value='{value}']"))
                .expect("facet")
                .click()
                .expect("click");
            wait_for(&tab, &format!("+document.querySelector('[data-search-status]').dataset.total === {count} && document.querySelector('[data-results]').getAttribute('aria-busy') === 'false' && document.querySelectorAll('[data-results] li.result').length === Math.min({count}, 20)"), 30);
            assert!(
                eval(&tab, "return location.search;")
                    .as_str()
                    .unwrap_or("")
                    .contains(&format!("{kind}={value}")),
                "filters are in the shareable URL"
            );
            let shown = strings(&eval(&tab, "return [...document.querySelectorAll('[data-results] li.result')].map(li => li.querySelector('.result-link').getAttribute('href'));"));
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
                            let html = common::page(
                                &served.site,
                                &(path.trim_start_matches("/help/").to_string() + "index.html"),
                            );
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
            tab.find_element(&format!("[data-facet={kind}] input[value='{value}']"))
                .expect("facet")
                .click()
                .expect("unclick");
            wait_for(
                &tab,
                &format!(
                    "+document.querySelector('[data-search-status]').dataset.total === {total}"
                ),
                10,
            );
        }
        assert_quiet(&console, viewport.0);
    }
}

#[test]
fn result_link_lands_on_its_section() {
    let Some((browser, _profile)) = launch() else {
        return;
    };
    let served = Served::start();
    for viewport in VIEWPORTS {
        let tab = open(&browser, viewport);
        let console = record_console(&tab);
        goto(&tab, &served.url("search/?q=signature&device=ios"));
        wait_results(&tab);
        let href = eval(&tab, "const a = [...document.querySelectorAll('[data-results] a.result-link')].find(a => a.hash); return a && a.getAttribute('href');");
        let href = href
            .as_str()
            .expect("a result with a section anchor")
            .to_string();
        tab.find_element(&format!("[data-results] a.result-link[href='{href}']"))
            .expect("link")
            .click()
            .expect("click");
        wait_for(
            &tab,
            &format!("location.pathname + location.hash === {href:?}"),
            10,
        );
        let anchor = href.split('#').nth(1).expect("anchor");
        // The hash changes before the new page is parsed: wait for it.
        wait_for(
            &tab,
            &format!(
                "document.readyState !== 'loading' && document.getElementById({anchor:?}) !== null"
            ),
            10,
        );
        let landed = eval(
            &tab,
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
        assert_quiet(&console, viewport.0);
    }
}

#[test]
fn the_readers_device_preselects_the_device_facet() {
    let Some((browser, _profile)) = launch() else {
        return;
    };
    let served = Served::start();
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
            let shown = eval(
                &tab,
                "return +document.querySelector('[data-search-status]').dataset.total;",
            );
            assert_eq!(count, shown, "the iOS count is the number of results shown");
            let badges = strings(&eval(&tab, "return [...document.querySelectorAll('[data-results] .device-badge')].map(b => b.textContent);"));
            assert!(
                badges.iter().all(|b| b == "iOS"),
                "only iOS sections (or all-device ones) are shown: {badges:?}"
            );
            assert_quiet(&console, viewport.0);
        }
    }
}

/// Figures for the closing note: bytes fetched for a first one-word query
/// (gzip as served) and query time once chunks are loaded. Run with
/// `HELPCENTRE_BENCH_SITE=/path/to/built/site cargo test --test browser_search bench -- --ignored --nocapture`
/// (the site built with base_url `http://127.0.0.1/`).
#[test]
#[ignore]
fn bench_first_query() {
    let Some((browser, _profile)) = launch() else {
        return;
    };
    let dir = std::env::var("HELPCENTRE_BENCH_SITE")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| {
            let (out, _) = common::build_example(Some("http://127.0.0.1/"));
            out.keep().join("site")
        });
    let word = std::env::var("HELPCENTRE_BENCH_WORD").unwrap_or_else(|_| "password".into());
    let server = StaticServer::start(dir.clone(), 0, None).expect("server");
    let tab = browser.new_tab().expect("tab");
    goto(&tab, &format!("{}search/?q={word}&device=", server.url()));
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
                "const t = performance.now(); HCSearch.query({q:?}, {prefix}, {{ device: [], provider: [], product: [] }}).then(r => {{ window.__r = [r.ms, r.facetMs, performance.now() - t, r.ids.length]; }}); return true;"
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
