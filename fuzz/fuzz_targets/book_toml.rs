//! book.toml: never panics; every diagnostic is on a line of the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    helpcentre::properties::book_toml(text);
});
