//! Any text as a dataset: whenever the parallel path (the lexer skimming
//! for records, each parsed on its own) takes it, it must come to what the
//! sequential parser and checker come to.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(text) = std::str::from_utf8(bytes)
        && let Err(diff) = shenyang_partners::data::split::agrees_with_sequential(text)
    {
        panic!("{diff}");
    }
});
