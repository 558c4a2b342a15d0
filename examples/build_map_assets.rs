//! Regenerates `assets/map/natural-earth.bin` from the npm package
//! `world-atlas` 2.0.2 (Natural Earth, public domain; packaging ISC):
//!
//! ```sh
//! mkdir -p /tmp/atlas && cd /tmp/atlas && npm install world-atlas@2.0.2
//! cargo run --example build_map_assets -- /tmp/atlas/node_modules/world-atlas
//! ```
//!
//! Options after the directory: `--out FILE` writes elsewhere; `--check`
//! writes nothing and fails if the file on disk differs from what it would
//! write. The output depends only on the input files: the same input gives
//! the same bytes.
//!
//! For each scale (110m, 50m) it keeps, from `land-*.json`, the outlines of
//! the land polygons (coastlines and lake shores) and, from
//! `countries-*.json`, the arcs shared by two different countries (the
//! borders: topojson's `mesh(topology, countries, (a, b) => a !== b)`) and
//! every country's rings keyed by ISO 3166-1 numeric code. TopoJSON is read
//! by the `topojson` crate, turned into GeoJSON features (`geojson`) and
//! then `geo` geometry; the points go back onto world-atlas's integer grid
//! (exactly: it is the grid they came from) and are written delta-encoded
//! with postcard (see `src/geo/asset.rs`).
//!
//! Natural Earth cuts shapes at the antimeridian, and TopoJSON writes some
//! points of those cuts as -180° where the shape is on the +180° side; the
//! build gives each such point the sign of its neighbours, so that every
//! line is continuous. Edges that run along the cut (or along the bottom of
//! Antarctica at the South Pole) are not coastlines: they are left out of
//! the land outlines and borders, and kept in the country rings for filling.
// A measuring or generating tool run by hand: failing loudly is fine here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use geo::orient::{Direction, Orient};
use geo::{Geometry as GeoGeometry, LineString, Polygon, RemoveRepeatedPoints};
use shenyang_partners::geo::{
    AssetFile, Atlas, EncodedCountry, EncodedLevel, EncodedLines, FORMAT_VERSION, MAGIC,
    Quantization,
};
use topojson::{NamedGeometry, TopoJson, Topology, Value as TopoValue};

type Grid = Vec<(i32, i32)>;

/// A GeoJSON feature as geo geometry, with its id and its `name` property.
struct Feature {
    id: Option<String>,
    name: String,
    geometry: GeoGeometry<f64>,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("build_map_assets: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut dir: Option<PathBuf> = None;
    let mut out = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/map/natural-earth.bin");
    let mut check = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out = args.next().ok_or("--out needs a file")?.into(),
            "--check" => check = true,
            "-h" | "--help" => {
                println!("usage: build_map_assets NODE_MODULES/world-atlas [--out FILE] [--check]");
                return Ok(());
            }
            _ if dir.is_none() => dir = Some(arg.into()),
            _ => return Err(format!("unexpected argument {arg:?}")),
        }
    }
    let dir = dir.ok_or("give the world-atlas directory (node_modules/world-atlas)")?;
    check_version(&dir)?;

    let names = alpha2_by_numeric();
    let mut levels = Vec::new();
    for scale in ["110m", "50m"] {
        levels.push(build_level(&dir, scale, &names)?);
    }
    let file = AssetFile {
        magic: MAGIC,
        version: FORMAT_VERSION,
        source: "Natural Earth (public domain) via world-atlas 2.0.2 (ISC)".into(),
        levels,
    };
    let bytes = postcard::to_allocvec(&file).map_err(|e| format!("encoding: {e}"))?;
    // What the program will read must decode.
    let atlas = Atlas::decode(&bytes).map_err(|e| format!("the new asset does not decode: {e}"))?;
    for level in &file.levels {
        let size = postcard::to_allocvec(level).map(|b| b.len()).unwrap_or(0);
        println!(
            "{:>4}: land {} lines / {} points, borders {} / {}, countries {} with {} rings / {} points; {} bytes",
            level.name,
            level.land.lengths.len(),
            level.land.deltas.len() / 2,
            level.borders.lengths.len(),
            level.borders.deltas.len() / 2,
            level.countries.len(),
            level.country_rings.lengths.len(),
            level.country_rings.deltas.len() / 2,
            size
        );
    }
    println!("{} bytes in all ({})", bytes.len(), atlas.source());

    if check {
        let old = std::fs::read(&out).map_err(|e| format!("{}: {e}", out.display()))?;
        if old != bytes {
            return Err(format!(
                "{} differs from what the build gives ({} bytes on disk, {} built)",
                out.display(),
                old.len(),
                bytes.len()
            ));
        }
        println!("{} is up to date", out.display());
    } else {
        std::fs::write(&out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
        println!("wrote {}", out.display());
    }
    Ok(())
}

fn check_version(dir: &Path) -> Result<(), String> {
    let path = dir.join("package.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    match json.get("version").and_then(|v| v.as_str()) {
        Some("2.0.2") => Ok(()),
        other => Err(format!(
            "{}: world-atlas version {other:?}, this build is for 2.0.2",
            path.display()
        )),
    }
}

/// ISO 3166-1 numeric code to alpha-2, from keshvar.
fn alpha2_by_numeric() -> BTreeMap<u16, String> {
    keshvar::CountryIterator::new()
        .filter_map(|c| Some((c.number().parse::<u16>().ok()?, c.alpha2().to_string())))
        .collect()
}

fn read_topology(path: &Path) -> Result<Topology, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let topo: TopoJson = text
        .parse()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    topo.try_unwrap_topology()
        .ok_or_else(|| format!("{}: not a Topology", path.display()))
}

fn quantization(topo: &Topology, path: &Path) -> Result<Quantization, String> {
    let t = topo
        .transform
        .as_ref()
        .ok_or_else(|| format!("{}: not quantised (no transform)", path.display()))?;
    Ok(Quantization {
        scale: t.scale,
        translate: t.translate,
    })
}

/// The GeoJSON features of a named object, as geo geometries with their ids
/// and names.
fn features(topo: &Topology, key: &str) -> Result<Vec<Feature>, String> {
    let collection = topojson::to_geojson(topo, key).map_err(|e| format!("{key}: {e}"))?;
    let mut out = Vec::new();
    for feature in collection.features {
        let id = match &feature.id {
            Some(geojson::feature::Id::String(s)) => Some(s.clone()),
            Some(geojson::feature::Id::Number(n)) => Some(n.to_string()),
            None => None,
        };
        let name = feature
            .properties
            .as_ref()
            .and_then(|p| p.get("name"))
            .and_then(|n| n.as_str())
            .unwrap_or("")
            .to_string();
        let Some(geometry) = feature.geometry else {
            continue;
        };
        let geometry = GeoGeometry::<f64>::try_from(geometry).map_err(|e| format!("{key}: {e}"))?;
        out.push(Feature { id, name, geometry });
    }
    Ok(out)
}

/// The polygons of a geometry, wound the same way (exteriors
/// counter-clockwise, holes clockwise), repeated points removed.
fn polygons(g: &GeoGeometry<f64>) -> Vec<Polygon<f64>> {
    let list = match g {
        GeoGeometry::Polygon(p) => vec![p.clone()],
        GeoGeometry::MultiPolygon(mp) => mp.0.clone(),
        GeoGeometry::GeometryCollection(gc) => gc.0.iter().flat_map(polygons).collect(),
        _ => Vec::new(),
    };
    list.into_iter()
        .map(|p| p.orient(Direction::Default).remove_repeated_points())
        .collect()
}

fn rings(p: &Polygon<f64>) -> impl Iterator<Item = &LineString<f64>> {
    std::iter::once(p.exterior()).chain(p.interiors())
}

/// A line of degrees back on the integer grid it was decoded from.
fn to_grid(line: &LineString<f64>, q: &Quantization) -> Grid {
    line.coords()
        .map(|c| {
            (
                ((c.x - q.translate[0]) / q.scale[0]).round() as i32,
                ((c.y - q.translate[1]) / q.scale[1]).round() as i32,
            )
        })
        .collect()
}

fn lon_of(x: i32, q: &Quantization) -> f64 {
    f64::from(x) * q.scale[0] + q.translate[0]
}

fn lat_of(y: i32, q: &Quantization) -> f64 {
    f64::from(y) * q.scale[1] + q.translate[1]
}

/// Whether a grid x lies on the antimeridian (±180° or any turn from it).
fn on_antimeridian(x: i32, q: &Quantization) -> bool {
    let m = (lon_of(x, q) + 180.0).rem_euclid(360.0);
    m < q.scale[0] / 2.0 || m > 360.0 - q.scale[0] / 2.0
}

/// Makes a line continuous: a step of more than 180° is taken the short
/// way round (360° on the grid is `turn` units), so a shape across the
/// antimeridian runs on past ±180° and a point written as -180° where the
/// line is on the +180° side moves there. Then moves the whole line by
/// whole turns so the middle of its extent lies in [-180, 180), and removes
/// repeated points.
fn unwrap_grid(line: &mut Grid, q: &Quantization) {
    let turn = (360.0 / q.scale[0]).round() as i32;
    let half = turn / 2;
    let mut prev: Option<i32> = None;
    for p in line.iter_mut() {
        if let Some(px) = prev {
            while p.0 - px > half {
                p.0 -= turn;
            }
            while px - p.0 > half {
                p.0 += turn;
            }
        }
        prev = Some(p.0);
    }
    let (lo, hi) = line.iter().fold((i32::MAX, i32::MIN), |(lo, hi), p| {
        (lo.min(p.0), hi.max(p.0))
    });
    if lo <= hi {
        let mid = (lon_of(lo, q) + lon_of(hi, q)) / 2.0;
        let shift = ((mid + 180.0) / 360.0).floor() as i32;
        for p in line.iter_mut() {
            p.0 -= shift * turn;
        }
    }
    line.dedup();
}

/// Cuts a line where it runs along the antimeridian or along the South
/// Pole: those edges are where Natural Earth closes shapes, not coasts.
fn cut_artificial(line: &Grid, q: &Quantization) -> Vec<Grid> {
    let mut out = Vec::new();
    let mut piece: Grid = Vec::new();
    for pair in line.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let along_cut = on_antimeridian(a.0, q) && on_antimeridian(b.0, q) && a.0 == b.0;
        let along_pole = lat_of(a.1, q) < -89.9 && lat_of(b.1, q) < -89.9;
        if along_cut || along_pole {
            if piece.len() >= 2 {
                out.push(std::mem::take(&mut piece));
            }
            piece.clear();
        } else {
            if piece.is_empty() {
                piece.push(a);
            }
            piece.push(b);
        }
    }
    if piece.len() >= 2 {
        out.push(piece);
    }
    out
}

/// Fails on a step of 180° or more along a line (a bug in the unwrapping
/// above: the runtime relies on lines being continuous).
fn check_continuous(lines: &[Grid], q: &Quantization, what: &str) -> Result<(), String> {
    for line in lines {
        for pair in line.windows(2) {
            let d = (lon_of(pair[1].0, q) - lon_of(pair[0].0, q)).abs();
            if d >= 180.0 {
                return Err(format!(
                    "{what}: a step of {d:.3}° at ({:.3}, {:.3})",
                    lon_of(pair[0].0, q),
                    lat_of(pair[0].1, q)
                ));
            }
        }
    }
    Ok(())
}

/// Indexes of the arcs used by two different geometries of `countries`.
fn shared_arcs(topo: &Topology) -> Result<Vec<i32>, String> {
    let countries = topo
        .objects
        .iter()
        .find(|o| o.name == "countries")
        .ok_or("no countries object")?;
    let TopoValue::GeometryCollection(geometries) = &countries.geometry.value else {
        return Err("countries is not a GeometryCollection".into());
    };
    let mut users: BTreeMap<i32, BTreeSet<usize>> = BTreeMap::new();
    for (gi, g) in geometries.iter().enumerate() {
        let mut visit = |ix: &[i32]| {
            for &i in ix {
                let arc = if i < 0 { !i } else { i };
                users.entry(arc).or_default().insert(gi);
            }
        };
        match &g.value {
            TopoValue::Polygon(rings) => rings.iter().for_each(|r| visit(r)),
            TopoValue::MultiPolygon(polys) => polys.iter().flatten().for_each(|r| visit(r)),
            _ => {}
        }
    }
    Ok(users
        .into_iter()
        .filter(|(_, u)| u.len() >= 2)
        .map(|(arc, _)| arc)
        .collect())
}

fn build_level(
    dir: &Path,
    scale: &str,
    alpha2: &BTreeMap<u16, String>,
) -> Result<EncodedLevel, String> {
    // Land outlines.
    let land_path = dir.join(format!("land-{scale}.json"));
    let land_topo = read_topology(&land_path)?;
    let lq = quantization(&land_topo, &land_path)?;
    let mut land: Vec<Grid> = Vec::new();
    for f in features(&land_topo, "land")? {
        for p in polygons(&f.geometry) {
            for ring in rings(&p) {
                let mut grid = to_grid(ring, &lq);
                unwrap_grid(&mut grid, &lq);
                land.extend(cut_artificial(&grid, &lq));
            }
        }
    }
    check_continuous(&land, &lq, &format!("land-{scale}"))?;

    // Borders: the countries' shared arcs, decoded by topojson as one
    // MultiLineString.
    let countries_path = dir.join(format!("countries-{scale}.json"));
    let mut topo = read_topology(&countries_path)?;
    let cq = quantization(&topo, &countries_path)?;
    let shared = shared_arcs(&topo)?;
    topo.objects.push(NamedGeometry {
        name: "borders".into(),
        geometry: topojson::Geometry::new(TopoValue::MultiLineString(
            shared.iter().map(|&a| vec![a]).collect(),
        )),
    });
    let mut borders: Vec<Grid> = Vec::new();
    for f in features(&topo, "borders")? {
        let GeoGeometry::MultiLineString(lines) = f.geometry else {
            return Err("borders did not come back as a MultiLineString".into());
        };
        for line in lines.0 {
            let mut grid = to_grid(&line.remove_repeated_points(), &cq);
            unwrap_grid(&mut grid, &cq);
            borders.extend(cut_artificial(&grid, &cq));
        }
    }
    check_continuous(&borders, &cq, &format!("borders-{scale}"))?;

    // Countries by numeric code; those without one (Kosovo, N. Cyprus,
    // Somaliland…) cannot be looked up and are left out.
    let mut by_numeric: BTreeMap<u16, (String, Vec<Grid>)> = BTreeMap::new();
    let mut skipped = Vec::new();
    for f in features(&topo, "countries")? {
        let Some(numeric) = f.id.as_deref().and_then(|s| s.parse::<u16>().ok()) else {
            skipped.push(f.name);
            continue;
        };
        let entry = by_numeric
            .entry(numeric)
            .or_insert_with(|| (f.name.clone(), Vec::new()));
        for p in polygons(&f.geometry) {
            for ring in rings(&p) {
                let mut grid = to_grid(ring, &cq);
                unwrap_grid(&mut grid, &cq);
                if grid.len() >= 3 {
                    entry.1.push(grid);
                }
            }
        }
    }
    if !skipped.is_empty() {
        println!(
            "{scale}: no ISO numeric code, left out: {}",
            skipped.join(", ")
        );
    }
    let mut countries = Vec::new();
    let mut country_rings: Vec<Grid> = Vec::new();
    let mut unknown = Vec::new();
    for (numeric, (name, rings)) in by_numeric {
        let code = alpha2.get(&numeric).cloned().unwrap_or_default();
        if code.is_empty() {
            unknown.push(format!("{numeric} {name}"));
        }
        countries.push(EncodedCountry {
            numeric,
            alpha2: code,
            name,
            rings: rings.len() as u32,
        });
        country_rings.extend(rings);
    }
    if !unknown.is_empty() {
        println!(
            "{scale}: no alpha-2 code in keshvar for: {}",
            unknown.join(", ")
        );
    }

    Ok(EncodedLevel {
        name: scale.into(),
        land: EncodedLines::encode(lq, &land),
        borders: EncodedLines::encode(cq, &borders),
        country_rings: EncodedLines::encode(cq, &country_rings),
        countries,
    })
}
