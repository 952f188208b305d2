//! The reader on a phone (issue 15), in headless Chromium at 360x740:
//! step 1 on the first screen, step counts per device, screenshots that
//! fail, the device picker by keyboard alone, copying code, the "Was this
//! helpful?" form posting to an endpoint, and the support route.
//! Set HELPCENTRE_SCREENSHOTS=DIR to also save a phone screenshot of
//! every page kind there.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use headless_chrome::protocol::cdp::Emulation;
use serde_json::json;

use crate::chromium::{goto, wait_for};
use crate::common::{attrs, page, texts, Built, SiteFixture};
use crate::served::{
    self, ReaderTab, ServedSite, SiteHandle, FOUR_DEVICES, IPHONE_UA, MAC_UA, SFTP as WITH_CODE,
    TWO_DEVICES,
};

type Session = ReaderTab;

/// A 360x740 phone tab with `ua` on `site`. None when no browser is installed.
fn session_on(site: impl Into<SiteHandle>, ua: &str) -> Option<Session> {
    ReaderTab::open_on(site, ua, (360, 740), true)
}

/// Steps of the article that are rendered, and the step count it shows.
fn visible_steps(s: &Session) -> (u64, String) {
    let count = s
        .js("return [...document.querySelectorAll('.article-body ol.steps > li')].filter(e => e.getClientRects().length > 0).length;")
        .as_u64()
        .unwrap_or(0);
    (count, s.visible_text("[data-step-count]"))
}

#[test]
fn iphone_reader_sees_title_and_step_one_on_the_first_screen() {
    let Some(s) = session_on(served::example(), IPHONE_UA) else {
        return;
    };
    s.open(TWO_DEVICES);
    assert_eq!(
        s.js("return document.documentElement.dataset.device;"),
        "ios"
    );
    let first = s.js(
        "const h = document.querySelector('h1').getBoundingClientRect();
         const step = [...document.querySelectorAll('.article-body ol.steps > li')].find(e => e.getClientRects().length > 0);
         const r = step.getBoundingClientRect();
         return { title: h.top, step: r.top, stepBottom: r.bottom, section: step.closest('section').id,
                  header: document.querySelector('.site-header').getBoundingClientRect().height,
                  width: document.documentElement.scrollWidth };",
    );
    eprintln!("first screen at 360x740: {first}");
    assert_eq!(first["section"], "ios", "the reader's device comes first");
    assert!(
        first["title"].as_f64().unwrap_or(f64::MAX) < 300.0,
        "{first}"
    );
    assert!(
        first["step"].as_f64().unwrap_or(f64::MAX) < 740.0 - 48.0,
        "step 1 starts on the first screen (with room to read it): {first}"
    );
    assert!(first["width"].as_f64().unwrap_or(f64::MAX) <= 360.0);
    // A one-device article with a long opening paragraph, too.
    s.open("bluefin-cloud/cloud-office/update-smtp-password-iphone/");
    let single = s.js(
        "const step = document.querySelector('.article-body ol.steps > li'); return step.getBoundingClientRect().top;",
    );
    eprintln!("single-device article: step 1 at {single}px");
    assert!(
        single.as_f64().unwrap_or(f64::MAX) < 740.0 - 48.0,
        "{single}"
    );
    s.open(TWO_DEVICES);
    // The folded opening unfolds in place.
    assert!(s.shown("[data-lead-more]"));
    s.js("document.querySelector('[data-lead-more]').click(); return true;");
    let lead = s.js(
        "const l = document.querySelector('.hc-lead'); return [l.scrollHeight, l.clientHeight];",
    );
    assert_eq!(lead[0], lead[1], "unfolded: nothing is cut off");
    assert!(!s.shown("[data-lead-more]"));
    // Intros read as text, not as a block of bold.
    assert_eq!(
        s.js("return getComputedStyle(document.querySelector('.procedure-intro')).fontWeight;"),
        "400"
    );
    s.assert_console_empty();
}

#[test]
fn step_count_matches_the_steps_each_device_sees() {
    let Some(s) = session_on(served::example(), IPHONE_UA) else {
        return;
    };
    for (path, device) in [
        (TWO_DEVICES, "ios"),
        (TWO_DEVICES, "macos"),
        (TWO_DEVICES, "all"),
        (FOUR_DEVICES, "android"),
        (FOUR_DEVICES, "windows"),
        (FOUR_DEVICES, "all"),
        // No section of its own: every step shows, and the count says so.
        (TWO_DEVICES, "android"),
    ] {
        s.open(&format!("{path}?device={device}"));
        let (count, shown) = visible_steps(&s);
        assert!(count > 0, "{path} {device}");
        let expected = format!("{count} step{}", if count == 1 { "" } else { "s" });
        assert_eq!(shown, expected, "{path} for {device}");
    }
    s.assert_console_empty();
}

#[test]
fn picker_works_with_the_keyboard_alone() {
    let Some(s) = session_on(served::example(), IPHONE_UA) else {
        return;
    };
    s.open(FOUR_DEVICES);
    let device = || s.js("return document.documentElement.dataset.device || 'all';");
    assert_eq!(device(), "ios");
    assert_eq!(
        s.js("return document.querySelector('[data-device-change]').tagName;"),
        "BUTTON"
    );
    // Space on "Change" opens the list and does not scroll the page.
    s.js("document.querySelector('[data-device-change]').focus(); return true;");
    let before = s.js("return scrollY;");
    s.tab.press_key(" ").expect("space");
    wait_for(
        &s.tab,
        "!document.querySelector('[data-device-choices]').hidden",
        5,
    );
    assert_eq!(s.js("return scrollY;"), before, "Space scrolled the page");
    assert_eq!(
        s.js("return document.activeElement.getAttribute('role');"),
        "listbox"
    );
    let active = || {
        s.js("const l = document.activeElement; return document.getElementById(l.getAttribute('aria-activedescendant')).dataset.value;")
    };
    assert_eq!(active(), "ios", "starts on the current choice");
    // Arrow keys move without applying or closing.
    s.tab.press_key("ArrowDown").expect("down");
    let moved = active();
    assert_ne!(moved, "ios");
    assert_eq!(device(), "ios", "an arrow key applied a device");
    assert!(
        s.shown("[data-device-choices]"),
        "an arrow key closed the list"
    );
    s.tab.press_key("ArrowUp").expect("up");
    assert_eq!(active(), "ios");
    s.tab.press_key("End").expect("end");
    let last = active();
    s.tab.press_key("Home").expect("home");
    assert_eq!(active(), "all");
    // Escape closes without a change; focus returns to "Change".
    s.tab.press_key("Escape").expect("escape");
    assert!(!s.shown("[data-device-choices]"));
    assert_eq!(device(), "ios");
    assert_eq!(
        s.js("return document.activeElement.matches('[data-device-change]');"),
        true
    );
    // Enter applies the active option.
    s.tab.press_key("Enter").expect("open with enter");
    wait_for(
        &s.tab,
        "!document.querySelector('[data-device-choices]').hidden",
        5,
    );
    s.tab.press_key("End").expect("end");
    s.tab.press_key("Enter").expect("apply");
    assert_eq!(device(), last);
    assert!(!s.shown("[data-device-choices]"));
    assert_eq!(
        s.js("return [document.activeElement.matches('[data-device-change]'), document.querySelector('[data-device-change]').getAttribute('aria-expanded')];"),
        json!([true, "false"])
    );
    // Space applies too.
    s.tab.press_key(" ").expect("open with space");
    s.tab.press_key("Home").expect("home");
    s.tab.press_key("ArrowDown").expect("down");
    let chosen = active();
    s.tab.press_key(" ").expect("apply with space");
    assert_eq!(device(), chosen);
    assert_eq!(
        s.js("return [...document.querySelectorAll('[data-device-options] [aria-selected=true]')].map(o => o.dataset.value);"),
        json!([chosen])
    );
    s.assert_console_empty();
}

/// A site whose screenshots live on hosts that refuse or never answer.
fn site_with_broken_screenshots(hanging_port: u16) -> ServedSite {
    let article = format!(
        "---\ntitle: Set up mail on your iPhone\nprovider: acme\nproduct: mail\ndevices: [ios]\n---\n\nAdd the mailbox.\n\n\
         1. Open **Settings**.\n\n   <img src=\"https://127.0.0.1:9/settings.png\" alt=\"The Settings app with Mail highlighted\" width=\"390\" height=\"844\">\n\n\
         2. Tap **Mail**.\n\n   <img src=\"https://127.0.0.1:{hanging_port}/mail.png\" alt=\"The Mail settings screen\" width=\"390\" height=\"844\">\n"
    );
    let site = SiteFixture::new().files(&[
        (
            "book.toml",
            "[site]\ntitle = \"Acme Help\"\nbase_url = \"http://127.0.0.1/\"\n\n[providers.acme]\nname = \"Acme\"\n",
        ),
        ("content/acme/mail/set-up-mail.md", &article),
    ]).build();
    ServedSite::at_root(site)
}

#[test]
fn screenshots_that_fail_show_their_alt_text() {
    // A host that accepts connections and never answers.
    let hanging = TcpListener::bind("127.0.0.1:0").expect("listener");
    let port = hanging.local_addr().expect("addr").port();
    let held = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&held);
    std::thread::spawn(move || {
        for stream in hanging.incoming().flatten() {
            sink.lock().unwrap_or_else(|e| e.into_inner()).push(stream);
        }
    });
    let Some(s) = session_on(site_with_broken_screenshots(port), IPHONE_UA) else {
        return;
    };
    s.open("acme/mail/set-up-mail/");
    let failed = |n: usize| {
        format!("document.querySelectorAll('figure.shot')[{n}].classList.contains('shot-failed')")
    };
    // Refused at once; the silent host after a few seconds.
    wait_for(&s.tab, &failed(0), 10);
    wait_for(&s.tab, &failed(1), 15);
    for (n, alt) in [
        (0, "The Settings app with Mail highlighted"),
        (1, "The Mail settings screen"),
    ] {
        let shown = s.js(&format!(
            "const f = document.querySelectorAll('figure.shot')[{n}]; const note = f.querySelector('.shot-unavailable');
             const r = note.getBoundingClientRect(); const st = getComputedStyle(note);
             return {{ text: note.innerText, height: r.height, img: f.querySelector('img').getClientRects().length, colour: st.color, bg: st.backgroundColor }};"
        ));
        assert_eq!(
            shown["text"],
            format!("Screenshot unavailable: {alt}"),
            "{shown}"
        );
        assert!(shown["height"].as_f64().unwrap_or(0.0) > 40.0, "{shown}");
        assert_eq!(shown["img"], 0, "the empty frame is gone");
        assert_ne!(shown["colour"], shown["bg"]);
    }
    s.screenshot("phone-failed-screenshots.png");
    // Only the failed fetches reach the console.
    std::thread::sleep(Duration::from_millis(200));
    let other: Vec<String> = s
        .console
        .take()
        .into_iter()
        .filter(|m| !m.contains("Failed to load resource"))
        .collect();
    assert_eq!(other, Vec::<String>::new());
}

#[test]
fn code_blocks_have_a_copy_button_that_announces_copied() {
    let Some(s) = session_on(served::example(), MAC_UA) else {
        return;
    };
    s.open(WITH_CODE);
    let buttons = s.js("return document.querySelectorAll('.article-body pre').length === document.querySelectorAll('.code-block > .copy-button').length && document.querySelectorAll('.copy-button').length;");
    assert!(buttons.as_u64().unwrap_or(0) > 0, "{buttons}");
    // Reachable with Tab: it is a button in the page's tab order.
    s.js("document.querySelector('.copy-button').focus(); return true;");
    assert_eq!(
        s.js("return document.activeElement.className;"),
        "copy-button"
    );
    s.tab.press_key("Enter").expect("copy");
    wait_for(
        &s.tab,
        "[...document.querySelectorAll('.article-body [role=status]')].some(e => e.textContent === 'Copied')",
        5,
    );
    assert_eq!(s.visible_text(".copy-button:focus"), "Copied");
    s.assert_console_empty();
}

/// A tiny HTTP endpoint that records each request's method, path and
/// body and answers 200 with a short page.
/// Requests seen by the test endpoint: (request line, body).
type Seen = Arc<Mutex<Vec<(String, String)>>>;

fn feedback_endpoint() -> (u16, Seen) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("listener");
    let port = listener.local_addr().expect("addr").port();
    let seen: Seen = Arc::default();
    let sink = Arc::clone(&seen);
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut request_line = String::new();
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                    break;
                }
                if let Some((name, value)) = line.split_once(':') {
                    if name.eq_ignore_ascii_case("content-length") {
                        length = value.trim().parse().unwrap_or(0);
                    }
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            sink.lock().unwrap_or_else(|e| e.into_inner()).push((
                request_line.trim().to_string(),
                String::from_utf8_lossy(&body).into_owned(),
            ));
            let page = "<!doctype html><title>Thanks</title><p>Thanks";
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
                page.len()
            );
        }
    });
    (port, seen)
}

fn site_with_feedback(endpoint: &str) -> Built {
    let book = format!(
        "[site]\ntitle = \"Acme Help\"\nbase_url = \"http://127.0.0.1/\"\nlanguage = \"en\"\n\n\
         [providers.acme]\nname = \"Acme Mail\"\nsupport_url = \"https://acme.example/contact\"\nphone = \"+1 555 0100\"\n\n\
         [feedback]\nendpoint = \"{endpoint}\"\n"
    );
    let article =
        "---\ntitle: Set up mail\nprovider: acme\nproduct: mail\n---\n\nAdd the mailbox.\n\n\
        ## iPhone\n\n1. Open **Settings**.\n2. Tap **Mail**.\n\n## Mac\n\n1. Open **Mail**.\n";
    SiteFixture::new()
        .book_toml(&book)
        .file("content/acme/mail/set-up-mail.md", article)
        .build()
}

fn form_fields(body: &str) -> std::collections::BTreeMap<String, String> {
    url::form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect()
}

#[test]
fn feedback_form_posts_its_fields_to_the_endpoint() {
    let (port, seen) = feedback_endpoint();
    let endpoint = format!("http://127.0.0.1:{port}/feedback");
    let out = site_with_feedback(&endpoint);
    let html = out.page("acme/mail/set-up-mail/index.html");
    let csp = attrs(&html, "meta[http-equiv=Content-Security-Policy]", "content");
    let origin = format!("http://127.0.0.1:{port}");
    assert!(
        csp[0].contains(&format!("connect-src 'self' {origin};"))
            && csp[0].contains(&format!("form-action 'self' {origin};")),
        "{csp:?}"
    );
    assert_eq!(
        attrs(&html, "form[data-feedback]", "action"),
        vec![endpoint.clone()]
    );
    assert_eq!(attrs(&html, "form[data-feedback]", "method"), vec!["post"]);
    let Some(s) = session_on(ServedSite::at_root(out), IPHONE_UA) else {
        return;
    };
    s.open("acme/mail/set-up-mail/");
    assert!(
        !s.shown("[data-feedback-comment]"),
        "comment opens on an answer"
    );
    s.js("document.querySelector('[data-feedback-answer][value=no]').click(); return true;");
    assert!(s.shown("[data-feedback-comment]"));
    assert_eq!(
        s.js("return document.querySelector('[data-feedback-answer][value=no]').getAttribute('aria-pressed');"),
        "true"
    );
    s.js("document.querySelector('#feedback-comment').focus(); return true;");
    s.tab
        .type_str("Step 2 & the Mail app differ")
        .expect("type");
    s.js("document.querySelector('[data-feedback-send]').click(); return true;");
    wait_for(
        &s.tab,
        "document.querySelector('[data-feedback-thanks]').textContent.length > 0",
        10,
    );
    assert_eq!(
        s.visible_text("[data-feedback-thanks]"),
        "Thank you for your feedback."
    );
    assert!(!s.shown(".feedback fieldset"));
    let requests = seen.lock().unwrap_or_else(|e| e.into_inner()).clone();
    assert_eq!(requests.len(), 1, "{requests:?}");
    assert_eq!(requests[0].0, "POST /feedback HTTP/1.1");
    let fields = form_fields(&requests[0].1);
    assert_eq!(
        fields,
        [
            ("url", "http://127.0.0.1/acme/mail/set-up-mail/"),
            ("section", "ios"),
            ("device", "ios"),
            ("language", "en"),
            ("answer", "no"),
            ("comment", "Step 2 & the Mail app differ"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect(),
        "{}",
        requests[0].1
    );
    s.assert_console_empty();

    // Without JavaScript it is a plain form post.
    s.tab
        .call_method(Emulation::SetScriptExecutionDisabled { value: true })
        .expect("disable scripts");
    goto(&s.tab, &s.url("acme/mail/set-up-mail/"));
    assert!(s.shown("#feedback-comment"));
    s.js("document.querySelector('[data-feedback-answer][value=yes]').click(); return true;");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while seen.lock().unwrap_or_else(|e| e.into_inner()).len() < 2 {
        assert!(std::time::Instant::now() < deadline, "no plain post");
        std::thread::sleep(Duration::from_millis(50));
    }
    let requests = seen.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let fields = form_fields(&requests[1].1);
    assert_eq!(fields["answer"], "yes");
    assert_eq!(fields["url"], "http://127.0.0.1/acme/mail/set-up-mail/");
    assert_eq!(fields["comment"], "");
}

#[test]
fn no_endpoint_means_no_form_and_a_strict_policy() {
    let site = served::example().out();
    // The example site has an endpoint; a site without one has no form.
    let plain = SiteFixture::new()
        .files(&[
            (
                "book.toml",
                "[site]\ntitle = \"T\"\nbase_url = \"http://127.0.0.1/\"\n",
            ),
            ("content/a/b/c.md", "---\ntitle: C\n---\n\n1. One.\n"),
        ])
        .build();
    let html = plain.page("a/b/c/index.html");
    assert_eq!(texts(&html, "form[data-feedback]").len(), 0);
    let csp = attrs(&html, "meta[http-equiv=Content-Security-Policy]", "content");
    assert!(csp[0].contains("connect-src 'self';") && csp[0].contains("form-action 'self';"));
    assert!(texts(&html, ".support").is_empty());
    // Every article of the example has the form and its provider's support.
    let article = page(site, &format!("{TWO_DEVICES}index.html"));
    assert_eq!(
        attrs(&article, "form[data-feedback] input[type=hidden]", "name"),
        vec!["url", "section", "device", "language"]
    );
    assert_eq!(
        texts(&article, ".support .support-link"),
        vec!["Contact Copperleaf Hosting support"]
    );
    assert_eq!(
        attrs(&article, ".support .support-link", "href"),
        vec!["https://copperleaf.example/support/tickets/new"]
    );
}

#[test]
fn support_route_on_articles_and_the_404_page() {
    let Some(s) = session_on(served::example(), IPHONE_UA) else {
        return;
    };
    s.open(FOUR_DEVICES);
    assert_eq!(
        s.visible_text(".article .support-link"),
        "Contact Northwind Mail support"
    );
    assert!(s
        .visible_text(".article .support-ways")
        .contains("+1 555 0142"));
    // A missing page under a provider's path puts that provider first.
    s.open("bluefin-cloud/some-old-article/");
    assert_eq!(
        s.js("return document.querySelector('h1').textContent;"),
        "Page not found"
    );
    let first = s.visible_text("[data-support-list] .support-link");
    assert!(
        first.starts_with("Contact Bluefin Cloud support"),
        "{first}"
    );
    assert!(first.contains("Northwind Mail") && first.contains("Copperleaf Hosting"));
    s.screenshot("phone-404.png");
    std::thread::sleep(Duration::from_millis(200));
    let other: Vec<String> = s
        .console
        .take()
        .into_iter()
        .filter(|m| !m.contains("status of 404"))
        .collect();
    assert_eq!(other, Vec::<String>::new(), "only the 404 itself");
}

/// Phone screenshots of every page kind, for a person to look at (with
/// HELPCENTRE_SCREENSHOTS set); checks only that each page fits 360 px.
#[test]
fn every_page_kind_fits_a_phone() {
    let Some(s) = session_on(served::example(), IPHONE_UA) else {
        return;
    };
    for (name, path) in [
        ("home", ""),
        ("devices", "devices/"),
        ("device", "devices/ios/"),
        ("provider", "northwind-mail/"),
        ("product", "northwind-mail/business-email/"),
        ("article-two-devices", TWO_DEVICES),
        ("article-four-devices", FOUR_DEVICES),
        (
            "article-screenshots",
            "bluefin-cloud/cloud-office/update-smtp-password-iphone/",
        ),
        ("article-code", WITH_CODE),
        ("search", "search/?q=password"),
    ] {
        s.open(path);
        std::thread::sleep(Duration::from_millis(150));
        let width = s.js("return document.documentElement.scrollWidth;");
        assert!(
            width.as_f64().unwrap_or(f64::MAX) <= 360.0,
            "{name}: {width}"
        );
        s.screenshot(&format!("phone-{name}.png"));
    }
    s.assert_console_empty();
}
