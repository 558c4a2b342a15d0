//! Search while typing a six-character query one key at a time, as the
//! explorer does: the first key searches every partner, each further key
//! narrows the previous hits.
// A measuring or generating tool run by hand: failing loudly is fine here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use shenyang_partners::data::load_str;
use shenyang_partners::query::{self, PartnerFilter, SearchIndex, SortKey};
use shenyang_partners::synth::generate;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Six keys; every prefix matches generated names ("ber", "lin" are syllables).
pub const QUERY: &str = "berlin";

fn typing(c: &mut Criterion) {
    let mut group = c.benchmark_group("search_typing_6_keys");
    for n in [100usize, 10_000, 100_000] {
        let data = load_str(&generate(n, 2024), "bench.ron").expect("valid");
        let index = SearchIndex::partners(&data);
        let all = query::filter_partners(&data, &PartnerFilter::default(), SortKey::Name);
        group.throughput(Throughput::Elements(QUERY.len() as u64));
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| {
                let mut hits = index.search(&QUERY[..1], &all);
                for k in 2..=QUERY.len() {
                    hits = index.narrow(&QUERY[..k], &hits);
                }
                hits.len()
            })
        });
        // The first key alone: every partner is a candidate (the slowest key).
        group.bench_function(BenchmarkId::new("first_key", n), |b| {
            b.iter(|| index.search("b", &all).len())
        });
    }
    group.finish();
}

criterion_group!(benches, typing);
criterion_main!(benches);
