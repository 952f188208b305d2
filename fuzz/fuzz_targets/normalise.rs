//! Normalising a Markdown body: never panics, and no URL the policy
//! refuses reaches the rendered HTML.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    helpcentre::properties::normalise(text);
});
