//! Front matter splitting and parsing: never panics; an error is located
//! on a line of the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    helpcentre::properties::front_matter(text);
});
