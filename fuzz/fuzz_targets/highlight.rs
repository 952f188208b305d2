//! Code highlighting: never panics; the output has one line per input line.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, &str)| {
    helpcentre::properties::highlight(input.0, input.1);
});
