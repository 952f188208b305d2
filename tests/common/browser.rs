//! The browser tests' Chromium harness (tests/browser/chromium.rs) as
//! examples/search_eval includes it (by this path): the same launch, with
//! the call shape that example destructures. Tests use
//! `crate::chromium` directly; no test target declares this module.
#![allow(unused_imports)]

#[path = "../browser/chromium.rs"]
mod chromium;

pub use chromium::*;

/// A session in the shared headless Chromium, paired as the example
/// expects (the second half held nothing the session does not).
pub fn launch() -> Option<(BrowserSession, ())> {
    chromium::launch().map(|session| (session, ()))
}
