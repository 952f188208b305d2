//! Browser tests: the built site in headless Chromium (Debian's
//! /usr/bin/chromium, or `CHROMIUM`). One test binary, one Chromium per
//! run (each test in its own incognito context), the example site built
//! once per base URL and shared by the tests that only read it.
//!
//! Run alone with `cargo test --test browser`; without a browser every test
//! says loudly that it did not run, and HELPCENTRE_REQUIRE_BROWSER=1 makes
//! that a failure.

#[path = "../common/mod.rs"]
mod common;

mod chromium;
mod served;

mod a11y;
mod devices;
mod highlight;
mod hostile;
mod images;
mod publishing;
mod reader;
mod search;
mod smoke;
