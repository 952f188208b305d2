//! The importer's HTML reader: never panics; the Markdown it writes links
//! to no URL the policy refuses.
//! The readers' one-off set-up runs before the first input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: helpcentre::properties::warm_up_import(),
    |text: &str| {
        helpcentre::properties::import_html(text);
    }
);
