//! Normalising a Markdown body: never panics, and no URL the policy
//! refuses reaches the rendered HTML. Grammars are warmed up first, as in
//! the highlight target.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: helpcentre::properties::warm_up_highlighting(),
    |text: &str| {
        helpcentre::properties::normalise(text);
    }
);
