//! Injection pages in headless Chromium with the page's Content-Security-
//! Policy removed: no script from content runs (no dialog, nothing in the
//! console), and no link or image on the page has a refused scheme.

use headless_chrome::protocol::cdp::Page;

use crate::chromium::{assert_console_empty, eval, goto, launch_with_tab};
use crate::common::{self, Built, SiteFixture};
use crate::served::ServedSite;

/// Builds the hostile injection fixture and removes the CSP from every page,
/// so only the build's own sanitising stands between content and script.
fn build_without_csp() -> Built {
    let built = SiteFixture::new()
        .copy_of(&common::fixture_path("hostile/injection"), "")
        .write()
        .build_at_base(Some("http://127.0.0.1/"));
    let csp = regex::Regex::new(r#"<meta http-equiv="Content-Security-Policy"[^>]*>"#).unwrap();
    let mut stripped = 0;
    for entry in walkdir::WalkDir::new(built.out())
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.path().extension().is_some_and(|e| e == "html") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            stripped += usize::from(csp.is_match(&text));
            std::fs::write(entry.path(), csp.replace_all(&text, "").as_ref()).unwrap();
        }
    }
    assert!(stripped > 0, "the pages carry a CSP to remove");
    built
}

#[test]
fn injection_pages_run_no_script_even_without_the_csp() {
    let Some((_browser, tab, console)) = launch_with_tab() else {
        return;
    };
    let site = ServedSite::at_root(build_without_csp());
    // Counts dialogs instead of showing them; installed before any page script.
    tab.call_method(Page::AddScriptToEvaluateOnNewDocument {
        source: "window.__dialogs = 0; for (const name of ['alert', 'confirm', 'prompt', 'print']) { window[name] = () => { window.__dialogs += 1; }; }".into(),
        world_name: None,
        include_command_line_api: None,
        run_immediately: None,
    })
    .expect("dialog hook");
    for page in ["", "acme/", "acme/mail/links/", "acme/mail/heavy/"] {
        assert!(site.out().join(page).is_dir(), "{page}");
        goto(&tab, &site.url(page));
        std::thread::sleep(std::time::Duration::from_millis(200));
        // Hover and click everything that could carry a handler; links are
        // clicked with navigation prevented, except that a `javascript:`
        // URL would still run — and none must exist.
        let report = eval(
            &tab,
            r#"
            const bad = [...document.querySelectorAll('[href],[src],[action],[formaction]')]
              .map(e => e.href || e.src || e.action || '')
              .filter(u => u && !/^(https?:|mailto:|tel:)/i.test(u));
            const handlers = [...document.querySelectorAll('*')]
              .filter(e => [...e.attributes].some(a => a.name.toLowerCase().startsWith('on')))
              .map(e => e.outerHTML.slice(0, 80));
            for (const e of document.querySelectorAll('main *')) {
              e.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
            }
            for (const a of document.querySelectorAll('main a')) {
              a.addEventListener('click', ev => ev.preventDefault(), {once: true});
              a.click();
            }
            return {bad, handlers, dialogs: window.__dialogs};
            "#,
        );
        assert_eq!(report["bad"], serde_json::json!([]), "{page}: {report}");
        assert_eq!(
            report["handlers"],
            serde_json::json!([]),
            "{page}: {report}"
        );
        assert_eq!(report["dialogs"], serde_json::json!(0), "{page}: {report}");
    }
    std::thread::sleep(std::time::Duration::from_millis(100));
    assert_console_empty(&console, "the injection pages");
}
