//! The importer's plain-text reader: never panics.
//! The readers' one-off set-up runs before the first input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: helpcentre::properties::warm_up_import(),
    |text: &str| {
        helpcentre::properties::import_text(text);
    }
);
