//! The README tells a newcomer the truth: every key binding and every
//! command it documents exist, and none that exist are missing from it.

use shenyang_partners::tui::keymap::KEYMAP;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md")
}

#[test]
fn every_key_binding_is_in_the_readme() {
    let text = readme();
    for b in KEYMAP {
        assert!(
            text.contains(b.help.en()),
            "README does not mention the key for {:?}",
            b.help
        );
        for key in b.keys {
            let label = key.label();
            assert!(
                text.contains(&format!("`{label}`")),
                "README does not show the key `{label}` ({})",
                b.help.en()
            );
        }
    }
}

#[test]
fn every_command_is_in_the_readme() {
    let text = readme();
    for cmd in [
        "check",
        "list",
        "search",
        "timeline",
        "institutions",
        "stats",
    ] {
        assert!(
            text.contains(&format!("`{cmd}")),
            "README does not document `{cmd}`"
        );
    }
    assert!(text.contains("cargo run --release"));
    assert!(text.contains("cargo test"));
}
