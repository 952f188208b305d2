//! Screenshots in a phone browser: at 390x844 (iPhone 12-15, whose device
//! pixel ratio is 3, as the harness's phone viewport sets) the page fetches
//! only the srcset variant each screenshot needs (never an original, never a
//! larger variant, never the PNG fallback), and the zoom dialog opens and
//! closes by keyboard, returning focus to the link.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use headless_chrome::Tab;
use image::{ImageFormat, Rgb, RgbImage};

use crate::chromium::{
    assert_console_empty, eval, launch, launch_with_tab, record_console, set_viewport, wait_for,
};
use crate::common::{Built, SiteFixture};
use crate::served::ServedSite;

const ARTICLE: &str = "---
title: Set up mail on your iPhone
---

Add your mailbox on the phone, then check it on the computer.

1. Open **Settings**.

    ![Settings](images/settings.png)

2. Tap **Mail**, then **Accounts**.

    ![Mail](images/mail.png) ![Accounts](images/accounts.png)

3. On the computer, open **Mail** and check the account.

    ![Mail on the Mac](images/mac.png)

4. Tap **Done**.

    ![Done](images/done.png)
";

/// A screenshot the page shows at its own file (an inline image, never
/// processed), without alt text: the page has no zoom link for it.
const INLINE_ARTICLE: &str = "---
title: Check the inbox
---

1. Open **Inbox**.

    <img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAB4AAAA8CAIAAAD+Np3IAAAAOUlEQVR42u3MsQkAMAgAMM/pTb3Yk6RTbxB0C2ROnJtLQq1Wt+qqt0StVqvVarVarVar1Wq1Wj3mA0Ndlt+Y43mIAAAAAElFTkSuQmCC\" width=\"300\" height=\"600\">

2. Tap **Done**.
";

fn screenshot(width: u32, height: u32, seed: u8) -> Vec<u8> {
    let image = RgbImage::from_fn(width, height, |x, y| {
        if y < 80 {
            Rgb([30, 90, seed])
        } else if (y / 60) % 2 == 0 && x > 20 && x < width / 2 {
            Rgb([50, 50, 55])
        } else {
            Rgb([248, 248, 250])
        }
    });
    let mut bytes = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut bytes), ImageFormat::Png)
        .expect("png");
    bytes
}

/// One article with four phone screenshots and a desktop one.
fn build_site() -> Built {
    let images = "content/acme/mail/images";
    let fixture = SiteFixture::new()
        .book_toml(
            "[site]\ntitle = \"Zoom test\"\nbase_url = \"http://127.0.0.1/\"\n\n[providers.acme]\nname = \"Acme\"\n\n\
             [products.mail]\nprovider = \"acme\"\nname = \"Mail\"\n",
        )
        .file("content/acme/mail/_index.md", "---\ntitle: Mail\n---\n\nMail help.\n")
        .file("content/acme/mail/iphone-mail.md", ARTICLE)
        .file("content/acme/mail/check-inbox.md", INLINE_ARTICLE);
    ["settings", "mail", "accounts", "done"]
        .iter()
        .enumerate()
        .fold(fixture, |fixture, (i, name)| {
            fixture.file(
                &format!("{images}/{name}.png"),
                screenshot(750, 1334, i as u8 * 60),
            )
        })
        .file(&format!("{images}/mac.png"), screenshot(1600, 1000, 200))
        .build()
}

/// Saves what `tab` shows as a PNG at `path`, for a look after the run
/// (a write that fails is no test failure; a capture that fails is).
fn save_screenshot(tab: &Tab, path: &str) {
    let png = tab
        .capture_screenshot(
            headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption::Png,
            None,
            None,
            true,
        )
        .expect("screenshot");
    let _ = std::fs::write(path, png);
}

#[test]
fn phone_loads_only_the_variants_it_needs_and_zoom_works_by_keyboard() {
    let Some((_browser, tab, console)) = launch_with_tab() else {
        return;
    };
    let site = ServedSite::at_root(build_site());
    set_viewport(&tab, 390, 844, true);
    let images: Arc<Mutex<Vec<String>>> = Arc::default();
    let sink = Arc::clone(&images);
    tab.register_response_handling(
        "images",
        Box::new(move |params, _body| {
            let url = params.response.url;
            if url.ends_with(".png") || url.ends_with(".jpg") || url.ends_with(".webp") {
                sink.lock().unwrap_or_else(|e| e.into_inner()).push(url);
            }
        }),
    )
    .expect("network events");
    let page = site.url("acme/mail/iphone-mail/");
    crate::chromium::goto(&tab, &page);
    // Bring every lazy screenshot into view, then wait for all to load.
    for _ in 0..12 {
        eval(&tab, "window.scrollBy(0, 500); return true;");
        std::thread::sleep(std::time::Duration::from_millis(80));
    }
    wait_for(
        &tab,
        "Array.from(document.querySelectorAll('figure.shot img')).every(i => i.complete && i.naturalWidth > 0)",
        10,
    );
    std::thread::sleep(std::time::Duration::from_millis(300));

    // What each <img> should have picked: the smallest WebP candidate at
    // least as wide as its rendered width times the device pixel ratio.
    let picks = eval(
        &tab,
        "return Array.from(document.querySelectorAll('figure.shot')).map(f => {
           const img = f.querySelector('img');
           const need = img.getBoundingClientRect().width * devicePixelRatio;
           const cands = f.querySelector('source[type=\"image/webp\"]').srcset.split(', ')
             .map(c => { const [u, w] = c.split(' '); return [new URL(u, location.href).href, parseInt(w, 10)]; })
             .sort((a, b) => a[1] - b[1]);
           const fit = cands.find(c => c[1] >= need) || cands[cands.length - 1];
           return { current: img.currentSrc, expected: fit[0], width: fit[1], need,
                    original: f.querySelector('a.zoom').href, largest: cands[cands.length - 1][1] };
         });",
    );
    let picks = picks.as_array().expect("figures");
    assert_eq!(picks.len(), 5);
    assert_eq!(eval(&tab, "return devicePixelRatio;"), 3);
    let mut expected = BTreeSet::new();
    for pick in picks {
        let current = pick["current"].as_str().expect("currentSrc");
        assert_eq!(
            current,
            pick["expected"].as_str().expect("expected"),
            "{pick}"
        );
        assert!(current.ends_with(".webp"), "{pick}");
        expected.insert(current.to_string());
    }
    // Phone captures (750 px) shown at 40vw need 468 device px: the 640
    // variant, not the original; the Mac capture (1600 px) full width needs
    // 1170: the 1280 variant.
    let widths: Vec<u64> = picks
        .iter()
        .map(|p| p["width"].as_u64().expect("width"))
        .collect();
    assert_eq!(widths, vec![640, 640, 640, 1280, 640]);
    let loaded: BTreeSet<String> = images
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .filter(|u| u.contains("/static/img/") || u.contains("/images/"))
        .cloned()
        .collect();
    assert_eq!(
        loaded, expected,
        "the network log holds exactly the chosen variants"
    );
    for pick in picks {
        assert!(!loaded.contains(pick["original"].as_str().expect("original")));
    }

    // Keyboard: focus the first screenshot link, Enter opens the dialog.
    eval(&tab, "window.scrollTo(0, 0); return true;");
    open_zoom_by_keyboard(&tab, 750);
    assert_eq!(
        eval(&tab, "return document.querySelector('[data-zoom-img]').src === document.querySelector('a.zoom').href;"),
        true,
        "the dialog shows the full-size original"
    );
    assert_eq!(
        eval(
            &tab,
            "return document.querySelector('[data-zoom-img]').alt;"
        ),
        "Settings"
    );
    // Tab reaches the image (a toggle button); Enter toggles 2x.
    tab.press_key("Tab").expect("tab");
    assert_eq!(
        eval(
            &tab,
            "return document.activeElement.matches('[data-zoom-toggle]') && document.activeElement.contains(document.querySelector('[data-zoom-img]'));"
        ),
        true
    );
    let fitted = eval(
        &tab,
        "return document.querySelector('[data-zoom-img]').getBoundingClientRect().width;",
    );
    tab.press_key("Enter").expect("enter");
    let zoomed = eval(
        &tab,
        "return document.querySelector('[data-zoom-img]').getBoundingClientRect().width;",
    );
    let (fitted, zoomed) = (
        fitted.as_f64().expect("number"),
        zoomed.as_f64().expect("number"),
    );
    assert!(
        fitted > 100.0 && (zoomed - 2.0 * fitted).abs() < 2.0,
        "fitted {fitted}, zoomed {zoomed}"
    );
    save_screenshot(&tab, "/tmp/browser_images_zoom.png");
    // Escape closes and gives focus back to the link.
    close_zoom_by_escape(&tab, "focus returns to the screenshot link");
    save_screenshot(&tab, "/tmp/browser_images_article.png");
    assert_console_empty(&console, "loading the screenshots and zooming");
}

#[test]
fn a_screenshot_without_a_link_in_the_page_zooms_by_keyboard_too() {
    let Some(browser) = launch() else {
        return;
    };
    let site = ServedSite::at_root(build_site());
    let served = std::fs::read_to_string(site.out().join("acme/mail/check-inbox/index.html"))
        .expect("the page");
    assert!(
        served.contains("<figure class=\"shot portrait\"><img ")
            && !served.contains("a class=\"zoom\""),
        "the page as written has no link around the screenshot"
    );
    let tab = browser.new_tab().expect("tab");
    let console = record_console(&tab);
    set_viewport(&tab, 390, 844, true);
    crate::chromium::goto(&tab, &site.url("acme/mail/check-inbox/"));
    // app.js puts a link around it; Tab order reaches it like any link.
    wait_for(
        &tab,
        "document.querySelector('figure.shot > a.zoom > img') !== null",
        5,
    );
    open_zoom_by_keyboard(&tab, 30);
    assert_eq!(
        eval(
            &tab,
            "return document.querySelector('[data-zoom-img]').alt;"
        ),
        "Screenshot",
        "the short alt text the page gave it"
    );
    close_zoom_by_escape(&tab, "focus returns to the screenshot");
    assert_console_empty(&console, "zooming an inline screenshot");
}

/// Focuses the first screenshot's zoom link and opens it with Enter: the
/// dialog opens, focus moves to its Close button, and the original (of
/// `natural_width` pixels) loads.
fn open_zoom_by_keyboard(tab: &headless_chrome::Tab, natural_width: u32) {
    eval(
        tab,
        "document.querySelector('a.zoom').focus(); return true;",
    );
    tab.press_key("Enter").expect("enter");
    wait_for(tab, "document.querySelector('[data-zoom-view]').open", 5);
    assert_eq!(
        eval(
            tab,
            "return document.activeElement.matches('[data-zoom-close]');"
        ),
        true,
        "focus moves to the Close button"
    );
    wait_for(
        tab,
        &format!("document.querySelector('[data-zoom-img]').naturalWidth === {natural_width}"),
        5,
    );
}

/// Escape closes the zoom dialog and gives focus back to the screenshot's link.
fn close_zoom_by_escape(tab: &headless_chrome::Tab, why: &str) {
    tab.press_key("Escape").expect("escape");
    wait_for(tab, "!document.querySelector('[data-zoom-view]').open", 5);
    assert_eq!(
        eval(
            tab,
            "return document.activeElement === document.querySelector('a.zoom');"
        ),
        true,
        "{why}"
    );
}
