//! The map's geometry: decoding the embedded Natural Earth asset (what the
//! first map frame pays once), tracing land and borders onto a 400x240-dot
//! grid (a 200x60 braille canvas) for a world and a regional window, and
//! filling 30 countries.
//!
//! `cargo bench --bench geo`
// A measuring or generating tool run by hand: failing loudly is fine here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use shenyang_partners::geo::{self, Atlas, DotMask, EMBEDDED, Filler, Raster, Resolution, Window};

const W: u32 = 400;
const H: u32 = 240;

/// Partner countries of a Shenyang-like network (30).
const COUNTRIES: [&str; 30] = [
    "JP", "KR", "RU", "US", "DE", "FR", "GB", "IT", "ES", "PT", "NL", "BE", "PL", "CZ", "HU", "RO",
    "BG", "UA", "BY", "KZ", "MN", "IN", "TH", "VN", "ID", "AU", "NZ", "BR", "CA", "ZA",
];

fn world() -> Raster {
    // Pacific-centred, so Shenyang (123°E) is near the middle.
    Raster::new(Window::world(150.0), W, H)
}

fn east_asia() -> Raster {
    // About the explorer's East Asia preset: 60° x 36° around 128°E 40°N.
    Raster::new(Window::around((128.0, 40.0), 60.0, 36.0), W, H)
}

fn europe() -> Raster {
    Raster::new(Window::around((12.0, 48.0), 60.0, 36.0), W, H)
}

fn lines(atlas: &Atlas, raster: &Raster, mask: &mut DotMask) -> usize {
    let r = Resolution::for_degrees_per_dot(raster.degrees_per_dot());
    mask.clear();
    geo::trace_lines(atlas.land(r), raster, mask) + geo::trace_lines(atlas.borders(r), raster, mask)
}

fn bench(c: &mut Criterion) {
    let atlas = match geo::atlas() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("map asset: {e}");
            return;
        }
    };

    c.bench_function("decode asset", |b| {
        b.iter(|| Atlas::decode(black_box(EMBEDDED)).map(|a| a.land(Resolution::Fine50m).len()))
    });

    let mut mask = DotMask::new(W, H);
    for (name, raster) in [
        ("lines world 110m", world()),
        ("lines east asia 50m", east_asia()),
        ("lines europe 50m", europe()),
    ] {
        c.bench_function(name, |b| {
            b.iter(|| lines(atlas, black_box(&raster), &mut mask))
        });
    }

    let mut filler = Filler::new();
    for (name, raster, res) in [
        (
            "fill 30 countries world 110m",
            world(),
            Resolution::Coarse110m,
        ),
        ("fill 30 countries world 50m", world(), Resolution::Fine50m),
        (
            "fill 30 countries europe 50m",
            europe(),
            Resolution::Fine50m,
        ),
    ] {
        let shapes: Vec<_> = COUNTRIES
            .iter()
            .filter_map(|code| atlas.country(res, code))
            .collect();
        c.bench_function(name, |b| {
            b.iter(|| {
                mask.clear();
                for shape in &shapes {
                    filler.fill(shape.rings(), black_box(&raster), &mut mask);
                }
                mask.count()
            })
        });
    }

    c.bench_function("great circle + split, 128 segments", |b| {
        b.iter(|| {
            let route = geo::great_circle(
                black_box((123.43278, 41.79222)),
                black_box((-87.65005, 41.85003)),
                128,
            );
            geo::split_at_seam(&route, 150.0).len()
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
