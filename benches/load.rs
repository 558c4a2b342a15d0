//! Load + validate a dataset of 100, 10,000 and 100,000 partners (text
//! already in memory, as `load_str` sees it after reading the file).
// A measuring or generating tool run by hand: failing loudly is fine here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use shenyang_partners::data::load_str;
use shenyang_partners::synth::generate;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load_validate");
    for n in [100usize, 10_000, 100_000] {
        let text = generate(n, 2024);
        group.throughput(Throughput::Elements(n as u64));
        if n >= 100_000 {
            group.sample_size(10);
        }
        group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter(|| load_str(text, "bench.ron").expect("generated data is valid"))
        });
    }
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
