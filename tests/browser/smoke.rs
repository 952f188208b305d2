//! Browser smoke test: the example site loads in headless Chromium with an
//! empty console.

use crate::chromium::{assert_console_empty, eval, goto, launch_with_tab};
use crate::served;

#[test]
fn home_page_loads_with_empty_console() {
    let Some((_browser, tab, console)) = launch_with_tab() else {
        return;
    };
    let site = served::example();
    goto(&tab, &site.url(""));
    let title = eval(&tab, "return document.querySelector('h1').textContent;");
    assert_eq!(title, "Mail & Hosting Help Centre");
    let providers = eval(
        &tab,
        "return document.querySelectorAll('.provider-card').length;",
    );
    assert_eq!(providers, 3);
    std::thread::sleep(std::time::Duration::from_millis(100));
    assert_console_empty(&console, "the home page load");
}
