//! `helpcentre serve`.

use helpcentre::serve::ServeOptions;

use super::args::ServeArgs;
use super::Failure;

/// Serves until interrupted; returns only if the watcher stops.
pub fn serve(args: &ServeArgs) -> Result<i32, Failure> {
    helpcentre::serve::run(&ServeOptions {
        root: args.site.root.clone(),
        base_url: args.site.base_url.clone(),
        port: args.port,
        out: args.out.clone(),
    })?;
    Ok(0)
}
