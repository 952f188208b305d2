//! Code highlighting: never panics; the output has one line per input line.
//! Every grammar is warmed up first, so the one-off compiling of its rules
//! is not timed as if it were an input's cost.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: helpcentre::properties::warm_up_highlighting(),
    |input: (&str, &str)| {
        helpcentre::properties::highlight(input.0, input.1);
    }
);
