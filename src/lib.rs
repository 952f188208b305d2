//! helpcentre: a static site generator for multi-provider support
//! knowledge bases. The pipeline is load -> normalise -> site ->
//! render/index -> write; see the module map in the README.
//!
//! Start at [`Site`]: [`Site::load`] a site folder, then [`Site::build`]
//! or [`Site::check`] it. Every failure is an [`Error`]; problems in the
//! content are [`Error::Invalid`], holding every located [`Diagnostic`].
//! The command line lives in the binary (src/main.rs, src/cli/).

#![warn(unreachable_pub)]
#![warn(missing_docs)]

mod api;
pub mod build;
pub mod check;
pub mod config;
pub mod diagnostics;
pub(crate) mod error;
pub mod fs_util;
pub mod highlight;
pub(crate) mod images;
pub mod import;
pub mod incremental;
pub mod inspect;
pub(crate) mod links;
pub(crate) mod load;
pub(crate) mod markdown;
pub mod model;
pub mod normalise;
pub mod output;
#[doc(hidden)]
pub mod properties;
pub(crate) mod redirects;
pub(crate) mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod slug;
pub(crate) mod translations;
pub mod url_policy;
pub(crate) mod vocab;

pub use api::{LoadOptions, Site};
pub use build::{build, BuildReport, Options};
pub use check::CheckReport;
pub use diagnostics::Diagnostic;
pub use error::Error;
pub use inspect::inspect_files;
pub use render::excerpt;
