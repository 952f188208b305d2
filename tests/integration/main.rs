//! Integration tests that need no browser, in one test binary (one link
//! instead of one per file): the library and the `helpcentre` binary on
//! fixture sites (tests/common) and on the example site.
//!
//! The fast suite: `cargo test --lib --bins --test integration`.

#[path = "../common/mod.rs"]
mod common;

mod check;
mod devices;
mod errors;
mod faults;
mod highlight;
mod hostile;
mod images;
mod import;
mod import_eval;
mod incremental;
mod new;
mod normalise;
mod page_size;
mod properties;
mod publishing;
mod search;
mod serve;
mod site_build;
mod slugs;
