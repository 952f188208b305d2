//! One small module per subcommand.

mod build;
pub mod inspect;
mod new;
mod serve;

use anyhow::Result;

use crate::cli::{Cli, Command};

/// Runs a parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> Result<i32> {
    match cli.command {
        Command::Build(args) => build::build(&args),
        Command::Check(args) => build::check(&args),
        Command::Serve(args) => serve::serve(&args),
        Command::Inspect(args) => inspect::inspect(&args),
        Command::Import(args) => crate::import::run(&args),
        Command::New(args) => new::new(&args),
    }
}
