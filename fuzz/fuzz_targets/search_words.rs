//! The search tokenizer: never panics; words are non-empty and folded.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    helpcentre::properties::search_words(text);
});
