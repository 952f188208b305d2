//! Browser tests of the device filter (issue 6) in headless Chromium, at a
//! phone viewport (390x844) and a desktop one, on the example site.
//! Every test checks that the console stays empty.

use std::time::Duration;

use headless_chrome::protocol::cdp::Emulation;
use serde_json::{json, Value};

use crate::chromium::{set_viewport, wait_for};
use crate::common::{Built, Site, SiteFixture};
use crate::served::{
    self, ReaderTab, ServedSite, FOUR_DEVICES, IPHONE_UA, MAC_UA, SFTP as NO_IOS, TWO_DEVICES,
};

type Session = ReaderTab;

/// A tab on the shared example site with `ua` and a phone (390x844) or
/// desktop (1280x900) viewport. None when no browser is installed.
fn session(ua: &str, phone: bool) -> Option<Session> {
    ReaderTab::open_on(served::example(), ua, viewport(phone), phone)
}

/// Like [`session`], on a built fixture site instead of the example.
fn session_on(built: Built, ua: &str, phone: bool) -> Option<Session> {
    ReaderTab::open_on(ServedSite::at_root(built), ua, viewport(phone), phone)
}

fn viewport(phone: bool) -> (u32, u32) {
    if phone {
        (390, 844)
    } else {
        (1280, 900)
    }
}

/// Cumulative layout shift since navigation, as Chromium reports it.
fn layout_shift(s: &Session) -> f64 {
    s.js(
        "window.__cls = 0; new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })\
         .observe({type: 'layout-shift', buffered: true}); return true;",
    );
    std::thread::sleep(Duration::from_millis(300));
    s.js("return window.__cls;").as_f64().unwrap_or(f64::NAN)
}

fn first_visit_iphone_then_mac(phone: bool) {
    let Some(s) = session(IPHONE_UA, phone) else {
        return;
    };
    s.open(TWO_DEVICES);
    // Detected from the user agent, applied before paint: only iOS shows.
    assert_eq!(s.device(), json!("ios"));
    assert_eq!(
        s.js("return document.documentElement.dataset.deviceSource;"),
        json!("detected")
    );
    assert_eq!(s.all_sections(), vec!["ios", "macos"]);
    assert_eq!(s.shown_sections(), vec!["ios"]);
    assert_eq!(
        s.visible_text("[data-device-status]"),
        "Showing steps for iPhone and iPad"
    );
    // The other device is one tap away, named plainly.
    assert!(s.shown(".also-available"));
    assert_eq!(s.visible_text(".also-available button"), "Mac");
    assert!(
        !s.shown("[data-device-notice]"),
        "the article has iOS steps: no notice"
    );
    let cls = layout_shift(&s);
    eprintln!(
        "layout shift on first visit ({}): {cls}",
        if phone { "phone" } else { "desktop" }
    );
    assert!(cls < 0.01, "layout shift {cls}");
    if phone {
        s.screenshot("hc-phone-article-ios.png");
    }

    // Switch to Mac with the header picker.
    assert!(!s.shown("[data-device-choices]"));
    s.click("[data-device-change]");
    assert!(s.shown("[data-device-choices]"));
    if phone {
        s.screenshot("hc-phone-picker.png");
    }
    s.click("[data-device-options] [data-value=macos]");
    assert_eq!(s.device(), json!("macos"));
    assert_eq!(s.shown_sections(), vec!["macos"]);
    assert_eq!(
        s.visible_text("[data-device-status]"),
        "Showing steps for Mac"
    );
    assert_eq!(s.visible_text(".also-available button"), "iPhone and iPad");
    assert!(
        !s.shown("[data-device-choices]"),
        "the picker closes after a choice"
    );
    assert_eq!(
        s.js("return localStorage.getItem('helpcentre.device');"),
        json!("macos")
    );

    // Remembered on other pages and after a reload.
    s.open("/");
    assert_eq!(s.device(), json!("macos"));
    assert_eq!(
        s.js("return document.documentElement.dataset.deviceSource;"),
        json!("saved")
    );
    assert_eq!(
        s.visible_text("[data-device-status]"),
        "Showing steps for Mac"
    );
    s.open(TWO_DEVICES);
    crate::chromium::reload(&s.tab);
    assert_eq!(s.shown_sections(), vec!["macos"]);

    // "All devices" is always a choice.
    s.click("[data-device-change]");
    s.click("[data-device-options] [data-value=all]");
    assert_eq!(s.device(), Value::Null);
    assert_eq!(s.shown_sections(), vec!["ios", "macos"]);
    assert!(!s.shown(".also-available"));
    assert_eq!(
        s.visible_text("[data-device-status]"),
        "Showing steps for all devices"
    );
    s.assert_console_empty();
}

#[test]
fn phone_first_visit_iphone_shows_ios_and_mac_choice_persists() {
    first_visit_iphone_then_mac(true);
}

#[test]
fn desktop_first_visit_iphone_shows_ios_and_mac_choice_persists() {
    first_visit_iphone_then_mac(false);
}

#[test]
fn url_parameter_overrides_saved_and_detected_device() {
    let Some(s) = session(MAC_UA, true) else {
        return;
    };
    s.open(FOUR_DEVICES);
    assert_eq!(
        s.device(),
        json!("macos"),
        "a Mac user agent is detected as macOS"
    );
    assert_eq!(s.shown_sections(), vec!["macos"]);
    s.open(&format!("{FOUR_DEVICES}?device=android"));
    assert_eq!(s.device(), json!("android"));
    assert_eq!(
        s.js("return document.documentElement.dataset.deviceSource;"),
        json!("url")
    );
    assert_eq!(s.shown_sections(), vec!["android"]);
    let also = s.visible_text(".also-available button");
    assert_eq!(also, "Mac | iPhone and iPad | Windows");
    // The link's device is remembered, and an unknown one is ignored.
    s.open("/?device=not-a-device");
    assert_eq!(s.device(), json!("android"));
    // Picking a device on the device index also makes it the choice.
    s.open("devices/");
    s.click("a[data-device-link=windows]");
    wait_for(
        &s.tab,
        "location.pathname.endsWith('/devices/windows/') && document.readyState === 'complete'",
        10,
    );
    assert_eq!(s.device(), json!("windows"));
    assert_eq!(
        s.js("return localStorage.getItem('helpcentre.device');"),
        json!("windows")
    );
    s.assert_console_empty();
}

#[test]
fn article_without_chosen_device_explains_and_shows_all() {
    let Some(s) = session(IPHONE_UA, true) else {
        return;
    };
    s.open(NO_IOS);
    assert_eq!(s.device(), json!("ios"));
    let all = s.all_sections();
    assert!(
        all.len() >= 2 && !all.contains(&"ios".to_string()),
        "fixture has no iOS section: {all:?}"
    );
    assert_eq!(s.shown_sections(), all, "every section shows");
    assert!(s.shown("[data-device-notice]"));
    let notice = s.visible_text("[data-device-notice]");
    assert!(
        notice.contains("no separate steps for iPhone and iPad"),
        "{notice}"
    );
    assert!(
        !s.shown(".also-available"),
        "nothing is collapsed, so nothing to reveal"
    );
    s.screenshot("hc-phone-notice.png");
    s.assert_console_empty();
}

#[test]
fn step_anchor_into_collapsed_section_opens_it() {
    let Some(s) = session(IPHONE_UA, true) else {
        return;
    };
    // On load.
    s.open(&format!("{TWO_DEVICES}#macos-step-2"));
    assert_eq!(s.device(), json!("ios"));
    assert!(s.shown("#macos-step-2"));
    assert_eq!(s.shown_sections(), vec!["ios", "macos"]);
    let top = s.js("return document.getElementById('macos-step-2').getBoundingClientRect().top;");
    let top = top.as_f64().unwrap_or(f64::NAN);
    assert!(
        (0.0..844.0).contains(&top),
        "the step is scrolled into view (top {top})"
    );
    // On hashchange, after the reader's view was reset.
    s.open(TWO_DEVICES);
    assert_eq!(s.shown_sections(), vec!["ios"]);
    s.js("location.hash = '#macos-step-3'; return true;");
    wait_for(
        &s.tab,
        "document.getElementById('macos-step-3').getClientRects().length > 0",
        5,
    );
    // The "Also available" control opens a section too.
    s.open(FOUR_DEVICES);
    assert_eq!(s.shown_sections(), vec!["ios"]);
    s.click(".also-available [data-show-device=android]");
    assert_eq!(s.shown_sections(), vec!["ios", "android"]);
    assert_eq!(s.js("return document.querySelector('[data-show-device=android]').getAttribute('aria-expanded');"), json!("true"));
    s.assert_console_empty();
}

/// Cards of the first listing on the page: (devices, shown).
fn cards(s: &Session, list: &str) -> Vec<(Vec<String>, bool)> {
    let code = format!(
        "return [...document.querySelectorAll({})].map(c => [c.dataset.devices.split(' ').filter(Boolean), c.getClientRects().length > 0, c.getBoundingClientRect().top]);",
        json!(format!("{list} > li.card"))
    );
    let rows: Vec<(Vec<String>, bool, f64)> =
        serde_json::from_value(s.js(&code)).unwrap_or_default();
    let mut rows = rows;
    // Visual order, which is what the reader sees.
    rows.sort_by(|a, b| a.2.total_cmp(&b.2));
    rows.into_iter().map(|(d, shown, _)| (d, shown)).collect()
}

#[test]
fn listings_put_chosen_device_first_with_counts_and_only_toggle() {
    let Some(s) = session(IPHONE_UA, false) else {
        return;
    };
    s.open("/");
    let recent = cards(&s, ".recent .article-list");
    assert!(recent.len() > 3);
    let ios = |d: &Vec<String>| d.iter().any(|x| x == "ios");
    let first_other = recent
        .iter()
        .position(|(d, _)| !ios(d))
        .unwrap_or(recent.len());
    assert!(first_other > 0, "some recent article covers iOS");
    assert!(
        recent[first_other..].iter().all(|(d, _)| !ios(d)),
        "iOS articles come first: {recent:?}"
    );
    // DOM order matches what is shown (keyboard and screen reader order).
    let dom_first =
        s.js("return document.querySelector('.recent .article-list > li.card').dataset.devices;");
    assert!(dom_first
        .as_str()
        .unwrap_or_default()
        .split(' ')
        .any(|x| x == "ios"));
    // The chosen device's count is marked, and the toggle shows only iOS.
    let weight = s.js("return getComputedStyle(document.querySelector('.recent .device-count[data-device=ios]')).fontWeight;");
    assert_eq!(weight, json!("700"));
    assert!(s.shown(".recent .only-toggle"));
    assert_eq!(
        s.visible_text(".recent .only-toggle [data-device-name]"),
        "iPhone and iPad"
    );
    s.click(".recent input[data-only-device]");
    let only = cards(&s, ".recent .article-list");
    // Articles for iOS and articles for no particular device stay.
    let keep = |d: &Vec<String>| d.is_empty() || ios(d);
    let shown: Vec<_> = only.iter().filter(|(_, shown)| *shown).collect();
    assert_eq!(shown.len(), only.iter().filter(|(d, _)| keep(d)).count());
    assert!(shown.len() >= first_other && shown.len() < only.len());
    assert!(shown.iter().all(|(d, _)| keep(d)));
    s.click(".recent input[data-only-device]");
    assert!(cards(&s, ".recent .article-list")
        .iter()
        .all(|(_, shown)| *shown));

    // Product page: the counts are the numbers of listed articles per device.
    s.open("northwind-mail/business-email/");
    let listed = cards(&s, ".main > .article-list");
    let counts: Vec<(String, usize)> = serde_json::from_value(s.js(
        "return [...document.querySelectorAll('.device-count')].map(a => [a.dataset.device, +a.querySelector('.count').textContent]);",
    ))
    .unwrap_or_default();
    assert!(!counts.is_empty());
    for (device, count) in &counts {
        let expected = listed.iter().filter(|(d, _)| d.contains(device)).count();
        assert_eq!(*count, expected, "count for {device}");
    }

    // Device page: every article for iOS, and its count.
    s.open("devices/ios/");
    let listed: Vec<Vec<String>> = serde_json::from_value(s.js(
        "return [...document.querySelectorAll('.article-list > li.card')].map(c => c.dataset.devices.split(' '));",
    ))
    .unwrap_or_default();
    assert!(!listed.is_empty());
    assert!(listed.iter().all(|d| d.iter().any(|x| x == "ios")));
    let meta = s.visible_text("[data-device-page]");
    assert!(
        meta.starts_with(&format!("{} article", listed.len())),
        "{meta}"
    );
    s.assert_console_empty();
}

#[test]
fn print_shows_only_the_chosen_device() {
    let Some(s) = session(IPHONE_UA, true) else {
        return;
    };
    s.open(TWO_DEVICES);
    s.tab
        .call_method(Emulation::SetEmulatedMedia {
            media: Some("print".into()),
            features: None,
        })
        .expect("print media");
    assert_eq!(s.js("return matchMedia('print').matches;"), json!(true));
    assert_eq!(s.shown_sections(), vec!["ios"]);
    // Even a section the reader opened stays off paper.
    s.js("document.getElementById('macos').classList.add('hc-open'); return true;");
    assert_eq!(s.shown_sections(), vec!["ios"]);
    assert!(s.shown("h1"));
    assert!(s.shown(".print-url"));
    assert_eq!(
        s.visible_text(".print-url"),
        s.url(TWO_DEVICES)
            .replace(&s.site.origin(), "http://127.0.0.1/")
    );
    assert!(s.shown(".article-meta time"), "the updated date prints");
    assert!(s.shown("#ios ol.steps > li"));
    for hidden in [
        ".site-header",
        ".breadcrumbs",
        ".site-footer",
        ".also-available",
        ".section-toc",
        ".related",
    ] {
        assert!(!s.shown(hidden), "{hidden} is not printed");
    }
    // Screen view keeps the print-only URL out of sight.
    s.tab
        .call_method(Emulation::SetEmulatedMedia {
            media: Some("screen".into()),
            features: None,
        })
        .expect("screen media");
    assert!(!s.shown(".print-url"));
    s.assert_console_empty();
}

/// A site whose article has a phone section with portrait screenshots and a
/// desktop section with a landscape one (PNGs made here; sizes given in
/// `<img>` so orientation does not depend on the image stage).
fn site_with_screenshots() -> Site {
    let article = "---\ntitle: Set up mail on your phone or PC\nupdated: 2025-01-02\nprovider: acme\nproduct: mail\n---\n\n\
        Intro text.\n\n## iPhone\n\n1. Open **Settings** and tap **Mail**.\n\n   <img src=\"phone-1.png\" alt=\"Settings app\" width=\"390\" height=\"844\">\n\n\
        2. Tap **Accounts**.\n\n   <img src=\"phone-2.png\" alt=\"Accounts screen\" width=\"390\" height=\"844\">\n\n## Windows\n\n\
        1. Open **Outlook** and click **File**.\n\n   <img src=\"desktop-1.png\" alt=\"Outlook window\" width=\"1280\" height=\"800\">\n";
    let site = SiteFixture::new().files(&[
        ("book.toml", "[site]\ntitle = \"Acme Help\"\nbase_url = \"http://127.0.0.1/\"\n\n[providers.acme]\nname = \"Acme\"\n\n[products.mail]\nprovider = \"acme\"\nname = \"Mail\"\n"),
        ("content/acme/mail/set-up-mail.md", article),
    ]).write();
    let dir = site.root().join("content/acme/mail");
    let png = |name: &str, w: u32, h: u32, rgb: [u8; 3]| {
        image::RgbImage::from_fn(w, h, |x, y| {
            if (x / 20 + y / 20) % 2 == 0 {
                image::Rgb(rgb)
            } else {
                image::Rgb([240, 240, 240])
            }
        })
        .save(dir.join(name))
        .expect("write png");
    };
    png("phone-1.png", 390, 844, [30, 95, 190]);
    png("phone-2.png", 390, 844, [29, 122, 70]);
    png("desktop-1.png", 1280, 800, [164, 90, 0]);
    site
}

#[test]
fn print_shows_the_chosen_devices_screenshots() {
    let Some(s) = session_on(site_with_screenshots().build(), IPHONE_UA, true) else {
        return;
    };
    s.open("acme/mail/set-up-mail/");
    assert_eq!(s.shown_sections(), vec!["ios"]);
    assert_eq!(
        s.js("return document.querySelectorAll('#ios figure.shot.portrait img').length;"),
        json!(2)
    );
    // Portrait captures are shown at phone size (at most 240 CSS pixels wide).
    let width = s.js(
        "return document.querySelector('#ios figure.shot.portrait').getBoundingClientRect().width;",
    );
    let width = width.as_f64().unwrap_or(f64::NAN);
    assert!(
        width > 100.0 && width <= 240.5,
        "phone screenshot width {width}"
    );
    s.js("window.scrollTo(0, document.getElementById('ios').offsetTop); return true;");
    s.screenshot("hc-phone-screenshots.png");
    s.tab
        .call_method(Emulation::SetEmulatedMedia {
            media: Some("print".into()),
            features: None,
        })
        .expect("print media");
    assert_eq!(s.shown_sections(), vec!["ios"]);
    let printed = s.js("return [...document.querySelectorAll('.shot img')].filter(i => i.getClientRects().length > 0 && i.complete && i.naturalWidth > 0).map(i => i.alt);");
    assert_eq!(printed, json!(["Settings app", "Accounts screen"]));
    s.tab
        .call_method(Emulation::SetEmulatedMedia {
            media: Some("screen".into()),
            features: None,
        })
        .expect("screen media");
    // On a desktop viewport the phone screenshot sits beside its step.
    set_viewport(&s.tab, 1280, 900, false);
    let beside = s.js(
        "const step = document.getElementById('ios-step-1'); const text = step.querySelector(':scope > a + div').getBoundingClientRect(); \
         const shot = step.querySelector('.shots').getBoundingClientRect(); return shot.left >= text.right - 1 && shot.top < text.bottom;",
    );
    assert_eq!(
        beside,
        json!(true),
        "phone screenshot beside the step on a wide screen"
    );
    // Landscape captures use the full width of the column.
    s.open("acme/mail/set-up-mail/?device=windows");
    let ratio = s.js("const f = document.querySelector('#windows figure.shot.landscape'); return f.getBoundingClientRect().width / document.querySelector('#windows').getBoundingClientRect().width;");
    assert!(
        ratio.as_f64().unwrap_or(0.0) > 0.9,
        "desktop screenshot full width: {ratio}"
    );
    s.screenshot("hc-desktop-screenshots.png");
    s.assert_console_empty();
}

#[test]
fn without_javascript_every_section_shows_with_device_contents() {
    let Some(s) = session(IPHONE_UA, true) else {
        return;
    };
    s.tab
        .call_method(Emulation::SetScriptExecutionDisabled { value: true })
        .expect("disable scripts");
    crate::chromium::goto(&s.tab, &s.url(TWO_DEVICES));
    assert_eq!(s.device(), Value::Null, "early.js did not run");
    assert_eq!(s.shown_sections(), vec!["ios", "macos"]);
    assert!(s.shown(".section-toc"));
    let toc = s.visible_text(".section-toc li[data-devices]");
    assert!(toc.contains("iOS") && toc.contains("macOS"), "{toc}");
    assert!(!s.shown(".also-available"));
    assert!(!s.shown("[data-device-notice]"));
    assert_eq!(
        s.visible_text("[data-device-status]"),
        "Showing steps for all devices"
    );
    // "Change" is a plain link to the device pages.
    assert_eq!(
        s.js("return document.querySelector('[data-device-change-link]').getAttribute('href');"),
        json!("/devices/")
    );
    s.screenshot("hc-phone-nojs.png");
    s.assert_console_empty();
}

#[test]
fn preference_is_applied_by_the_render_blocking_script_alone() {
    use headless_chrome::protocol::cdp::Network;
    let Some(s) = session(IPHONE_UA, true) else {
        return;
    };
    // Block every deferred script: what shows is what the first paint shows.
    let enable: Network::Enable = serde_json::from_value(json!({})).expect("enable");
    s.tab.call_method(enable).expect("network");
    s.tab
        .call_method(Network::SetBlockedURLs {
            urls: vec!["*/common.*".into(), "*/app.*".into(), "*/search.*".into()],
        })
        .expect("block");
    crate::chromium::goto(&s.tab, &s.url(TWO_DEVICES));
    assert_eq!(
        s.js("return typeof (window.HC && window.HC.setDevice);"),
        json!("undefined"),
        "deferred scripts were blocked"
    );
    assert_eq!(s.device(), json!("ios"));
    assert_eq!(s.shown_sections(), vec!["ios"]);
    assert_eq!(
        s.visible_text("[data-device-status]"),
        "Showing steps for iPhone and iPad"
    );
    assert_eq!(s.visible_text(".also-available button"), "Mac");
    // (The console shows the blocked requests here, so it is not checked.)
}

#[test]
fn phone_layout_fits_360px_with_44px_tap_targets() {
    let Some(s) = session(IPHONE_UA, true) else {
        return;
    };
    set_viewport(&s.tab, 360, 740, true);
    for path in [
        "/",
        TWO_DEVICES,
        FOUR_DEVICES,
        "northwind-mail/",
        "devices/",
        "devices/ios/",
        "search/?q=pasword%20smtp",
    ] {
        s.open(path);
        s.js("document.querySelector('[data-device-change]').click(); return true;");
        let overflow = s.js("return document.documentElement.scrollWidth;");
        assert!(
            overflow.as_f64().unwrap_or(f64::INFINITY) <= 360.0,
            "{path}: page is {overflow}px wide at 360px"
        );
        let small = s.js(
            "const sel = 'ol.steps > li > a, .also-device, .device-count, [data-device-change], .search-button, .search-input, \
             .device-options [role=option], .breadcrumbs a, .card, .device-grid a, .section-toc a, .provider-nav a, .only-toggle';\
             return [...document.querySelectorAll(sel)].filter(e => e.getClientRects().length > 0)\
               .map(e => [e.className || e.tagName, e.getBoundingClientRect().height]).filter(([, h]) => h < 44);",
        );
        assert_eq!(small, json!([]), "{path}: tap targets under 44px");
    }
    s.assert_console_empty();
}
