//! Scores the importer on the real-world corpus (structural twins of real
//! help-centre articles with answer keys): imports every case, reads the
//! result back through the normaliser and prints what differs per case and
//! the totals.
//!
//! ```sh
//! cargo run --release --example import_eval               # tests/fixtures/realworld
//! cargo run --release --example import_eval -- DIR -v     # another corpus; list every case
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/realworld"
    ));
    let mut verbose = false;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "-v" | "--verbose" => verbose = true,
            _ => dir = PathBuf::from(arg),
        }
    }
    match helpcentre::import::eval::evaluate_dir(&dir) {
        Ok(results) => {
            print!("{}", helpcentre::import::eval::render(&results, verbose));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
