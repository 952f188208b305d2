//! The command line: clap types ([`args`]), one runner per subcommand,
//! and the one place errors are printed and the exit code chosen.

mod args;
mod build;
mod import;
mod inspect;
mod new;
mod serve;

pub use args::Cli;
use args::Command;

/// Why a command failed.
#[derive(Debug)]
pub enum Failure {
    /// The library's error: content diagnostics, or what stopped the run.
    Site(helpcentre::Error),
    /// The binary's own (a `new` refused, output that cannot be printed).
    Other(anyhow::Error),
}

impl From<helpcentre::Error> for Failure {
    fn from(error: helpcentre::Error) -> Self {
        Failure::Site(error)
    }
}

impl From<anyhow::Error> for Failure {
    fn from(error: anyhow::Error) -> Self {
        Failure::Other(error)
    }
}

impl From<serde_json::Error> for Failure {
    fn from(error: serde_json::Error) -> Self {
        Failure::Other(error.into())
    }
}

/// Runs a parsed command line and returns the process exit code: the
/// command's own (1 when `check` finds errors), or 1 after printing why
/// it failed.
pub fn run(cli: Cli) -> i32 {
    match dispatch(cli) {
        Ok(code) => code,
        Err(failure) => {
            match &failure {
                Failure::Site(error) => eprintln!("{}", error.report()),
                Failure::Other(error) => eprintln!("error: {error:#}"),
            }
            1
        }
    }
}

fn dispatch(cli: Cli) -> Result<i32, Failure> {
    match cli.command {
        Command::Build(args) => build::build(&args),
        Command::Check(args) => build::check(&args),
        Command::Serve(args) => serve::serve(&args),
        Command::Inspect(args) => inspect::inspect(&args),
        Command::Import(args) => import::import(&args),
        Command::New(args) => Ok(new::new(&args)?),
    }
}
