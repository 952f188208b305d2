//! helpcentre: a static site generator for multi-provider support
//! knowledge bases. The pipeline is load -> normalise -> site ->
//! render/index -> write; see `ARCHITECTURE` notes in the README.

/// The build makes many small, short-lived allocations on every thread;
/// mimalloc handles that pattern far better than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod build;
pub mod check;
pub mod config;
pub mod diagnostics;
pub mod fs_util;
pub mod highlight;
pub mod images;
pub mod incremental;
pub mod links;
pub mod load;
pub mod markdown;
pub mod model;
pub mod normalise;
pub mod output;
#[doc(hidden)]
pub mod properties;
pub mod redirects;
pub mod render;
pub mod search;
pub mod site;
pub mod slug;
pub mod translations;
pub mod url_policy;
pub mod vocab;

pub use build::{build, BuildReport, Options};
pub use cmd::inspect::inspect_files;
pub use diagnostics::{BuildFailed, Diagnostic};
pub mod cli;
pub mod cmd;
pub mod import;
pub mod serve;
