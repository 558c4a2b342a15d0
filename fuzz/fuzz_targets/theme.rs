//! Any bytes as a theme file and as a configuration file: parsing never
//! panics, and a report holds no control character but line breaks.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shenyang_partners::data::text::forbidden;

fn assert_clean(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|&c| c != '\n' && forbidden(c).is_some()) {
        panic!("{what} holds U+{:04X}: {text:?}", c as u32);
    }
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    if let Err(e) = shenyang_partners::theme::parse(text, "fuzz.ron") {
        assert_clean("a theme report", &e.to_string());
    }
    if let Err(e) = shenyang_partners::config::parse(text, "fuzz.ron") {
        assert_clean("a configuration report", &e.to_string());
    }
});
