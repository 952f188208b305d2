//! Browser tests of publishing (issue 14) on the example site in headless
//! Chromium: every redirect lands on its article, and the language
//! switcher takes the reader to the translation or to a fallback page
//! with a notice in their language. The console stays empty throughout.

use serde_json::{json, Value};

use crate::chromium::{
    assert_console_empty, eval, goto, launch, launch_with_tab, record_console, wait_for,
};
use crate::served;

const ORIGINAL: &str = "/northwind-mail/business-email/manual-imap-smtp-settings/";

#[test]
fn every_redirect_lands_on_its_article() {
    let Some(browser) = launch() else {
        return;
    };
    let served = served::example();
    let site = served.out();
    let tab = browser.new_tab().expect("tab");
    let console = record_console(&tab);
    let redirects = std::fs::read_to_string(site.join("_redirects")).expect("_redirects");
    let pairs: Vec<(&str, &str)> = redirects
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let parts: Vec<&str> = l.split_whitespace().collect();
            assert_eq!(parts.len(), 3, "{l}");
            assert_eq!(parts[2], "301", "{l}");
            (parts[0], parts[1])
        })
        .collect();
    assert!(
        pairs.len() >= 4,
        "the example has aliases and legacy ids: {pairs:?}"
    );
    let base = served.origin();
    for (from, to) in pairs {
        goto(&tab, &format!("{}{}", base.trim_end_matches('/'), from));
        wait_for(
            &tab,
            &format!(
                "location.pathname === {} && document.querySelector('main h1')",
                json!(to)
            ),
            20,
        );
        let title = eval(
            &tab,
            "return document.querySelector('main h1').textContent.trim();",
        );
        assert!(
            title.as_str().is_some_and(|t| !t.is_empty()),
            "{from} -> {to}: no article title"
        );
    }
    assert_console_empty(&console, "following the redirects");
}

fn click_language(tab: &headless_chrome::Tab, name: &str) {
    let clicked = eval(
        tab,
        &format!(
            "var a = Array.from(document.querySelectorAll('.language-switcher a')).find(function (a) {{ return a.textContent.trim() === {}; }});
             if (!a) return false;
             window.__hcLeaving = true; a.click(); return true;",
            json!(name)
        ),
    );
    assert_eq!(clicked, Value::Bool(true), "no switcher link {name}");
    wait_for(
        tab,
        "!window.__hcLeaving && document.readyState !== 'loading'",
        20,
    );
}

#[test]
fn the_language_switcher_moves_between_translations_and_fallbacks() {
    let Some((_browser, tab, console)) = launch_with_tab() else {
        return;
    };
    let served = served::example();
    let base = served.origin();
    goto(&tab, &format!("{}{}", base.trim_end_matches('/'), ORIGINAL));
    let state = "return [location.pathname, document.documentElement.lang, \
                 document.querySelector('main h1').textContent.trim(), \
                 !!document.querySelector('.fallback-notice')];";
    assert_eq!(eval(&tab, state)[1], "en");
    let visible = eval(
        &tab,
        "var n = document.querySelector('.language-switcher'); return !!n && n.getBoundingClientRect().height > 0;",
    );
    assert_eq!(visible, Value::Bool(true), "the switcher is visible");
    // Each translation: its path, its language and its own title.
    let switch_to = |name: &str, language: &str, title: &str| {
        click_language(&tab, name);
        let shown = eval(&tab, state);
        assert_eq!(shown[0], format!("/{language}{ORIGINAL}"));
        assert_eq!(shown[1], language);
        assert!(
            shown[2].as_str().unwrap_or("").starts_with(title),
            "{shown}"
        );
        shown
    };
    let fr = switch_to("Français", "fr", "Paramètres des serveurs");
    assert_eq!(fr[3], false);
    switch_to("Deutsch", "de", "Servereinstellungen");
    click_language(&tab, "English");
    assert_eq!(eval(&tab, state)[0], ORIGINAL);
    // An article without a German translation: the fallback page shows the
    // English article with a visible notice in German.
    let untranslated = "/northwind-mail/business-email/update-password-on-all-devices/";
    goto(
        &tab,
        &format!("{}{}", base.trim_end_matches('/'), untranslated),
    );
    click_language(&tab, "Deutsch");
    let fallback = eval(&tab, state);
    assert_eq!(fallback[0], format!("/de{untranslated}"));
    assert_eq!(fallback[1], "de");
    assert_eq!(fallback[3], true);
    let notice = eval(
        &tab,
        "var n = document.querySelector('.fallback-notice'); \
         return [n.textContent.trim(), n.getBoundingClientRect().height > 0];",
    );
    assert_eq!(
        notice,
        json!([
            "Diesen Artikel gibt es noch nicht auf Deutsch. Hier ist die Originalfassung.",
            true
        ])
    );
    assert_console_empty(&console, "switching languages");
}
