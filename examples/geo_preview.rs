//! Prints the map's geometry as braille text, to look at the asset and the
//! geometry module without the explorer:
//!
//! ```sh
//! cargo run --example geo_preview                        # Pacific-centred world, 100x30
//! cargo run --example geo_preview -- 128 40 60 100 30    # lon lat span cols rows
//! cargo run --example geo_preview -- 12 48 60 100 30 DE FR  # and fill countries
//! ```
//!
//! Land and borders are traced at the scale the window calls for; the
//! route from Shenyang to Chicago and the 5,000 km ring around Shenyang are
//! drawn too; countries named by alpha-2 code are filled. With
//! `GEO_PREVIEW_PBM=FILE` set, the dots are also written as a PBM image.
// A measuring or generating tool run by hand: failing loudly is fine here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::ExitCode;

use shenyang_partners::geo::{self, DotMask, Filler, Raster, Resolution, Window};

const SHENYANG: (f64, f64) = (123.43278, 41.79222);
const CHICAGO: (f64, f64) = (-87.65005, 41.85003);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let num = |i: usize, default: f64| {
        args.get(i)
            .and_then(|s| s.parse::<f64>().ok())
            .unwrap_or(default)
    };
    let (lon, lat, span) = (num(0, 150.0), num(1, 0.0), num(2, 360.0));
    let (cols, rows) = (num(3, 100.0) as u32, num(4, 30.0) as u32);
    let fill: Vec<&str> = args.iter().skip(5).map(String::as_str).collect();

    let atlas = match geo::atlas() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("map asset: {e}");
            return ExitCode::FAILURE;
        }
    };
    let (w, h) = (cols * 2, rows * 4);
    // Square dots: degrees down follow from degrees across.
    let span_lat = span * f64::from(h) / f64::from(w);
    let raster = Raster::new(Window::around((lon, lat), span, span_lat), w, h);
    let res = Resolution::for_degrees_per_dot(raster.degrees_per_dot());
    let mut dots = DotMask::new(w, h);
    let mut filler = Filler::new();
    for code in &fill {
        match atlas.country(res, code) {
            Some(shape) => filler.fill(shape.rings(), &raster, &mut dots),
            None => eprintln!("no country {code}"),
        }
    }
    let start = std::time::Instant::now();
    let land = geo::trace_lines(atlas.land(res), &raster, &mut dots);
    let borders = geo::trace_lines(atlas.borders(res), &raster, &mut dots);
    let traced = start.elapsed();
    geo::trace_polyline(
        &geo::great_circle(SHENYANG, CHICAGO, 64),
        &raster,
        &mut dots,
    );
    geo::trace_polyline(
        &geo::distance_ring(SHENYANG, 5000.0, 120),
        &raster,
        &mut dots,
    );
    if let Some(path) = std::env::var_os("GEO_PREVIEW_PBM") {
        let mut pbm = format!("P1\n{w} {h}\n").into_bytes();
        for y in 0..h {
            for x in 0..w {
                pbm.push(if dots.get(x, y) { b'1' } else { b'0' });
            }
            pbm.push(b'\n');
        }
        if let Err(e) = std::fs::write(&path, pbm) {
            eprintln!("{}: {e}", path.to_string_lossy());
        }
    }
    for y in 0..rows {
        let line: String = (0..cols)
            .map(|x| char::from_u32(0x2800 + u32::from(dots.braille(x, y))).unwrap_or(' '))
            .collect();
        println!("{line}");
    }
    println!(
        "{res:?}: {land} land and {borders} border pieces traced in {traced:?}; {} dots set",
        dots.count()
    );
    ExitCode::SUCCESS
}
