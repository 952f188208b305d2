//! The `helpcentre` binary: the command line (src/cli/) over the library.
//! It parses arguments, calls the library, prints what came back and
//! chooses the exit code; the work happens in the library.

mod cli;

use clap::Parser;

/// The build makes many small, short-lived allocations on every thread;
/// mimalloc handles that pattern far better than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(cli::run(cli::Cli::parse()));
}
