//! `stats --format json` agrees with what `list --format json` lists.

use std::collections::BTreeMap;
use std::process::{Command, Stdio};

use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_shenyang-partners"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run the binary");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

#[test]
fn stats_counts_match_the_listed_partners() {
    let list = json(&["list", "--format", "json"]);
    let stats = json(&["stats", "--format", "json"]);
    let partners = list.as_array().expect("an array");

    let mut by_country: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for p in partners {
        let e = by_country
            .entry(p["country"].as_str().unwrap_or_default().to_string())
            .or_default();
        match p["kind"].as_str() {
            Some("sister") => e.0 += 1,
            Some("cooperative") => e.1 += 1,
            other => panic!("unexpected kind {other:?}"),
        }
    }
    let sister: u64 = by_country.values().map(|c| c.0).sum();
    let cooperative: u64 = by_country.values().map(|c| c.1).sum();
    assert_eq!(stats["partners"]["total"], partners.len());
    assert_eq!(stats["partners"]["sister"], sister);
    assert_eq!(stats["partners"]["cooperative"], cooperative);
    assert_eq!(stats["partners"]["countries"], by_country.len());
    assert_eq!(stats["coverage"]["sister"]["documented"], sister);
    assert_eq!(stats["coverage"]["sister"]["official"], 23);
    assert_eq!(stats["coverage"]["cooperative"]["official"], 77);

    let rows = stats["by_country"].as_array().expect("by_country");
    assert_eq!(rows.len(), by_country.len());
    for row in rows {
        let code = row["country"].as_str().expect("country");
        let (s, c) = by_country[code];
        assert_eq!(
            (row["sister"].as_u64(), row["cooperative"].as_u64()),
            (Some(s), Some(c)),
            "{code}"
        );
        assert_eq!(row["total"].as_u64(), Some(s + c), "{code}");
    }
    let with_coordinates = partners.iter().filter(|p| !p["lat"].is_null()).count();
    assert_eq!(stats["partners"]["with_coordinates"], with_coordinates);
}
