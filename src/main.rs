//! The `helpcentre` binary: parse the CLI, call the library, print errors,
//! set the exit code. No logic lives here.

use clap::Parser;

fn main() {
    let cli = helpcentre::cli::Cli::parse();
    let code = match helpcentre::cmd::run(cli) {
        Ok(code) => code,
        Err(error) => {
            helpcentre::diagnostics::eprint_error(&error);
            1
        }
    };
    std::process::exit(code);
}
