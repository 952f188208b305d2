//! The importer's HTML reader: never panics; the Markdown it writes links
//! to no URL the policy refuses.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    helpcentre::properties::import_html(text);
});
