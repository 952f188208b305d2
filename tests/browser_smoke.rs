//! Browser smoke test: the example site loads in headless Chromium with an
//! empty console.

mod common;

use common::browser::{eval, launch, record_console};
use helpcentre::serve::StaticServer;

#[test]
fn home_page_loads_with_empty_console() {
    let Some((browser, _profile)) = launch() else {
        return;
    };
    let (out, _) = common::build_example(Some("http://127.0.0.1/"));
    let server = StaticServer::start(out.path().join("site"), 0, None).expect("server");
    let tab = browser.new_tab().expect("tab");
    let console = record_console(&tab);
    common::browser::goto(&tab, &server.url());
    let title = eval(&tab, "return document.querySelector('h1').textContent;");
    assert_eq!(title, "Mail & Hosting Help Centre");
    let providers = eval(
        &tab,
        "return document.querySelectorAll('.provider-card').length;",
    );
    assert_eq!(providers, 3);
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(console.take(), Vec::<String>::new());
}
