//! Any bytes as a dataset: loading never panics, an error report holds no
//! control character but line breaks, and a dataset that loads holds no
//! text that could drive a terminal in any of its records as the command
//! line prints them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shenyang_partners::data::{load_bytes, text::forbidden};
use shenyang_partners::present::Lang;
use shenyang_partners::present::records::{EventRecord, InstitutionRecord, PartnerRecord};

fn assert_clean(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|&c| c != '\n' && forbidden(c).is_some()) {
        panic!("{what} holds U+{:04X}: {text:?}", c as u32);
    }
}

/// Every string inside a JSON value.
fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(o) => o.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

fuzz_target!(|bytes: &[u8]| {
    match load_bytes(bytes, "fuzz.ron") {
        Err(e) => assert_clean("error report", &e.to_string()),
        Ok(data) => {
            let mut values = Vec::new();
            for i in 0..data.partners.len() {
                let v = serde_json::to_value(PartnerRecord::new(&data, i, None)).unwrap();
                strings(&v, &mut values);
            }
            for i in 0..data.events.len() {
                for lang in [Lang::En, Lang::Zh] {
                    let v = serde_json::to_value(EventRecord::new(&data, i, lang)).unwrap();
                    strings(&v, &mut values);
                }
            }
            for i in 0..data.institutions.len() {
                let v = serde_json::to_value(InstitutionRecord::new(&data, i)).unwrap();
                strings(&v, &mut values);
            }
            for s in &values {
                assert_clean("a record", s);
            }
        }
    }
});
