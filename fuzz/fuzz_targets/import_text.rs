//! The importer's plain-text reader: never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    helpcentre::properties::import_text(text);
});
