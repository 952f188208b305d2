//! `helpcentre serve`: loopback-only dev server with rebuild on change.

use anyhow::{bail, Result};

use crate::cli::ServeArgs;

/// Runs the dev server until interrupted.
pub fn run(_args: &ServeArgs) -> Result<i32> {
    bail!("serve is not available yet")
}
