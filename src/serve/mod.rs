//! `helpcentre serve`: a loopback-only static server over the built site,
//! a watcher that rebuilds on every change, and live reload in the page.
//!
//! One thread per connection, so open pages waiting for a reload (a
//! server-sent event stream each) never hold up a page request; requests
//! are read with size limits and a timeout, files are served only from
//! inside the output folder (symbolic links leading out of it are refused),
//! and a failed rebuild is shown over the last good page until the next
//! good one.
//!
//! `http.rs` is the server, `reload.rs` the state pages follow and its
//! event stream, `watch.rs` the watcher that rebuilds.

mod http;
mod reload;
mod watch;

use std::path::PathBuf;
use std::sync::Arc;

use crate::build::Options;
use crate::error::Error;
pub use http::StaticServer;
pub use reload::ReloadState;
use watch::rebuild;
pub use watch::{first_build, watch};

/// What `helpcentre serve` serves, and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder (holding book.toml and content/).
    pub root: PathBuf,
    /// Overrides `[site] base_url`; default: the server's own address.
    pub base_url: Option<String>,
    /// Port on 127.0.0.1 (0 picks a free one).
    pub port: u16,
    /// Output folder; default `<root>/.helpcentre-serve`.
    pub out: Option<PathBuf>,
}

/// Runs the dev server until interrupted (or until the watcher stops).
pub fn run(args: &ServeOptions) -> Result<(), Error> {
    let root = crate::fs_util::absolute(&args.root);
    let out = match &args.out {
        Some(out) => crate::fs_util::absolute(out),
        None => root.join(".helpcentre-serve"),
    };
    let reload = Arc::new(ReloadState::default());
    let server = StaticServer::start(out.clone(), args.port, Some(Arc::clone(&reload)))?;
    let options = Options {
        root: root.clone(),
        out: Some(out),
        base_url: Some(args.base_url.clone().unwrap_or_else(|| server.url())),
        dry_run: false,
    };
    let mut session = crate::incremental::Session::new(options);
    rebuild(&mut session, &[], &reload);
    eprintln!(
        "Serving {} on {} (Ctrl-C to stop)",
        root.display(),
        server.url()
    );

    watch(&root, session, &reload)?;
    drop(server);
    Ok(())
}
