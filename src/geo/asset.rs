//! The map asset: its wire format, the embedded copy, and the decoded
//! [`Atlas`] that the rest of the module draws from.
//!
//! The file (`assets/map/natural-earth.bin`) is a [`postcard`] encoding of
//! [`AssetFile`]. Every set of lines or rings is an [`EncodedLines`]: the
//! coordinates kept on the integer grid that world-atlas quantised them to
//! (so nothing is lost against the source), as differences from the
//! previous point, which postcard writes as zigzag varints of one or two
//! bytes each. `examples/build_map_assets.rs` writes it; [`Atlas::decode`]
//! reads it back into plain degrees.

use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::{BBox, LonLat, Window};

/// The asset as shipped, built into the binary.
pub static EMBEDDED: &[u8] = include_bytes!("../../assets/map/natural-earth.bin");

/// First bytes of every asset file.
pub const MAGIC: [u8; 8] = *b"SYPMAP\0\0";
/// Bumped whenever [`AssetFile`] changes shape.
pub const FORMAT_VERSION: u32 = 1;

/// Longest run of points kept together in a [`Lines`] of land or borders: a
/// long coastline is cut into pieces of this many points (each piece starting
/// where the previous ended), each with its own bounding box, so that a
/// regional window skips most of Eurasia without looking at its points.
pub const PIECE_POINTS: usize = 128;

/// The whole file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssetFile {
    pub magic: [u8; 8],
    pub version: u32,
    /// Where the geometry came from, for people reading a dump.
    pub source: String,
    /// Coarse (110m) first, then fine (50m): see [`Resolution`].
    pub levels: Vec<EncodedLevel>,
}

/// One Natural Earth scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EncodedLevel {
    /// "110m" or "50m".
    pub name: String,
    /// Land outlines (coastlines and lake shores of the land polygons), with
    /// the artificial edges along the antimeridian and the South Pole removed.
    pub land: EncodedLines,
    /// Arcs shared by two different countries (topojson `mesh` with a ≠ b).
    pub borders: EncodedLines,
    /// Every ring of every country below, in the order of `countries`.
    pub country_rings: EncodedLines,
    /// Countries by ISO 3166-1 numeric code, ascending.
    pub countries: Vec<EncodedCountry>,
}

/// A country's entry; its rings follow those of the country before it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EncodedCountry {
    /// ISO 3166-1 numeric code.
    pub numeric: u16,
    /// ISO 3166-1 alpha-2 code, upper case, from `keshvar` at build time
    /// (empty where it knows no such numeric code).
    pub alpha2: String,
    /// Natural Earth's short name ("Japan", "S. Korea").
    pub name: String,
    /// How many rings (outer boundaries and holes alike) it has.
    pub rings: u32,
}

/// Integer grid to degrees: `lon = x * scale[0] + translate[0]`, likewise
/// for latitude (TopoJSON's transform).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Quantization {
    pub scale: [f64; 2],
    pub translate: [f64; 2],
}

/// Polylines (or rings) on an integer grid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EncodedLines {
    pub quantization: Quantization,
    /// Number of points of each polyline.
    pub lengths: Vec<u32>,
    /// `dx, dy` per point, from the previous point (of the previous
    /// polyline, for a first point; from (0, 0) for the very first).
    pub deltas: Vec<i32>,
}

impl EncodedLines {
    /// Encodes polylines given as grid points.
    pub fn encode(quantization: Quantization, lines: &[Vec<(i32, i32)>]) -> Self {
        let mut lengths = Vec::with_capacity(lines.len());
        let mut deltas = Vec::new();
        let (mut px, mut py) = (0i32, 0i32);
        for line in lines {
            lengths.push(u32::try_from(line.len()).unwrap_or(u32::MAX));
            for &(x, y) in line {
                deltas.push(x.wrapping_sub(px));
                deltas.push(y.wrapping_sub(py));
                (px, py) = (x, y);
            }
        }
        Self {
            quantization,
            lengths,
            deltas,
        }
    }

    /// The polylines in degrees, each cut into pieces of at most
    /// `piece_points` points (none: kept whole).
    fn decode(&self, piece_points: Option<usize>) -> Result<Lines, AssetError> {
        let total: usize = self.lengths.iter().map(|&n| n as usize).sum();
        if total.checked_mul(2) != Some(self.deltas.len()) {
            return Err(AssetError::new(format!(
                "{} points announced, {} deltas stored",
                total,
                self.deltas.len()
            )));
        }
        let q = &self.quantization;
        let mut points = Vec::with_capacity(total);
        let (mut x, mut y) = (0i32, 0i32);
        for d in self.deltas.chunks_exact(2) {
            x = x.wrapping_add(d[0]);
            y = y.wrapping_add(d[1]);
            points.push((
                f64::from(x) * q.scale[0] + q.translate[0],
                f64::from(y) * q.scale[1] + q.translate[1],
            ));
        }
        let mut parts = Vec::with_capacity(self.lengths.len());
        let mut start = 0usize;
        for &n in &self.lengths {
            let end = start + n as usize;
            match piece_points {
                Some(max) if max >= 2 && n as usize > max => {
                    let mut s = start;
                    while s + 1 < end {
                        let e = (s + max).min(end);
                        parts.push(Part::new(&points, s, e));
                        s = e - 1;
                    }
                }
                _ => parts.push(Part::new(&points, start, end)),
            }
            start = end;
        }
        Ok(Lines { points, parts })
    }
}

/// A polyline's place in [`Lines::points`] and its bounding box.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Part {
    start: u32,
    end: u32,
    bbox: BBox,
}

impl Part {
    fn new(points: &[LonLat], start: usize, end: usize) -> Self {
        let slice = points.get(start..end).unwrap_or(&[]);
        Self {
            start: start as u32,
            end: end as u32,
            bbox: BBox::of(slice),
        }
    }
}

/// Decoded polylines (or rings), in degrees, with a bounding box each.
///
/// Longitudes are in [-180, 180] and continuous along each polyline (no step
/// of 180° or more), so a polyline can be moved whole by ±360° to sit in a
/// window centred on another meridian.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lines {
    points: Vec<LonLat>,
    parts: Vec<Part>,
}

impl Lines {
    /// Number of polylines.
    pub fn len(&self) -> usize {
        self.parts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// Number of points, all polylines together.
    pub fn point_count(&self) -> usize {
        self.parts.iter().map(|p| (p.end - p.start) as usize).sum()
    }

    /// The `i`-th polyline.
    pub fn get(&self, i: usize) -> Option<&[LonLat]> {
        let p = self.parts.get(i)?;
        self.points.get(p.start as usize..p.end as usize)
    }

    /// The `i`-th polyline's bounding box (unwrapped longitudes).
    pub fn bbox(&self, i: usize) -> Option<BBox> {
        self.parts.get(i).map(|p| p.bbox)
    }

    /// Every polyline with its bounding box.
    pub fn iter(&self) -> impl Iterator<Item = (&[LonLat], BBox)> + '_ {
        self.parts.iter().map(|p| {
            (
                self.points
                    .get(p.start as usize..p.end as usize)
                    .unwrap_or(&[]),
                p.bbox,
            )
        })
    }

    /// The polylines that can show in `window`, by their bounding boxes
    /// (for drawing them some other way than [`trace_lines`]: split each
    /// with [`split_at_seam`] around [`Window::central_meridian`]).
    ///
    /// [`trace_lines`]: super::trace_lines
    /// [`split_at_seam`]: super::split_at_seam
    pub fn visible<'a>(
        &'a self,
        window: &'a Window,
    ) -> impl Iterator<Item = (&'a [LonLat], BBox)> + 'a {
        self.iter().filter(|(_, bbox)| window.intersects(bbox))
    }

    /// The polylines at `range` (for a country's rings).
    fn slice(&self, range: Range<usize>) -> &[Part] {
        self.parts.get(range).unwrap_or(&[])
    }

    fn points_of(&self, p: &Part) -> &[LonLat] {
        self.points
            .get(p.start as usize..p.end as usize)
            .unwrap_or(&[])
    }
}

/// Natural Earth scale to draw from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Resolution {
    /// 1:110 million: the whole world.
    Coarse110m,
    /// 1:50 million: a continent or a region.
    Fine50m,
}

impl Resolution {
    pub const ALL: [Resolution; 2] = [Resolution::Coarse110m, Resolution::Fine50m];

    /// Degrees of longitude per dot below which the 50m data adds detail
    /// that shows (110m points lie about a degree apart on coasts).
    pub const FINE_BELOW_DEGREES_PER_DOT: f64 = 0.5;

    /// The scale worth drawing when a dot covers `degrees_per_dot` degrees.
    pub fn for_degrees_per_dot(degrees_per_dot: f64) -> Self {
        if degrees_per_dot < Self::FINE_BELOW_DEGREES_PER_DOT {
            Resolution::Fine50m
        } else {
            Resolution::Coarse110m
        }
    }
}

/// A country of one [`Level`].
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    /// ISO 3166-1 numeric code.
    pub numeric: u16,
    /// ISO 3166-1 alpha-2 code, upper case ("" if unknown).
    pub alpha2: String,
    /// Natural Earth's short name.
    pub name: String,
    /// Bounding box of all its rings.
    pub bbox: BBox,
    rings: Range<usize>,
}

/// A country with access to its rings.
#[derive(Debug, Clone, Copy)]
pub struct CountryShape<'a> {
    pub country: &'a Country,
    rings: &'a Lines,
}

impl<'a> CountryShape<'a> {
    /// Outer boundaries and holes alike (fill them even-odd), closed or not
    /// (a fill closes them). A ring around a pole (Antarctica) runs through
    /// 360° of longitude.
    pub fn rings(&self) -> impl Iterator<Item = &'a [LonLat]> + 'a {
        let lines = self.rings;
        lines
            .slice(self.country.rings.clone())
            .iter()
            .map(move |p| lines.points_of(p))
    }

    /// Number of rings.
    pub fn ring_count(&self) -> usize {
        self.country.rings.len()
    }
}

/// Everything of one Natural Earth scale.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Level {
    /// Land outlines, cut into pieces of at most [`PIECE_POINTS`].
    pub land: Lines,
    /// Borders between countries, cut likewise.
    pub borders: Lines,
    rings: Lines,
    countries: Vec<Country>,
    /// Indexes into `countries`, sorted by alpha-2 code.
    by_alpha2: Vec<usize>,
}

impl Level {
    fn decode(e: &EncodedLevel) -> Result<Self, AssetError> {
        let land = e.land.decode(Some(PIECE_POINTS))?;
        let borders = e.borders.decode(Some(PIECE_POINTS))?;
        let rings = e.country_rings.decode(None)?;
        let mut countries = Vec::with_capacity(e.countries.len());
        let mut next = 0usize;
        for c in &e.countries {
            let range = next..next + c.rings as usize;
            if range.end > rings.len() {
                return Err(AssetError::new(format!(
                    "{}: country {} needs ring {}, there are {}",
                    e.name,
                    c.numeric,
                    range.end,
                    rings.len()
                )));
            }
            let bbox = rings
                .slice(range.clone())
                .iter()
                .map(|p| p.bbox)
                .reduce(|a, b| a.union(&b))
                .unwrap_or(BBox::EMPTY);
            countries.push(Country {
                numeric: c.numeric,
                alpha2: c.alpha2.clone(),
                name: c.name.clone(),
                bbox,
                rings: range.clone(),
            });
            next = range.end;
        }
        let mut by_alpha2: Vec<usize> = (0..countries.len())
            .filter(|&i| countries.get(i).is_some_and(|c| !c.alpha2.is_empty()))
            .collect();
        by_alpha2.sort_by(|&a, &b| {
            let key = |i: usize| countries.get(i).map(|c| c.alpha2.as_str());
            key(a).cmp(&key(b))
        });
        Ok(Self {
            land,
            borders,
            rings,
            countries,
            by_alpha2,
        })
    }

    /// All countries, by ascending ISO numeric code.
    pub fn countries(&self) -> impl Iterator<Item = CountryShape<'_>> + '_ {
        self.countries.iter().map(|country| CountryShape {
            country,
            rings: &self.rings,
        })
    }

    /// A country by ISO 3166-1 alpha-2 code, in either case.
    pub fn country(&self, alpha2: &str) -> Option<CountryShape<'_>> {
        let wanted = alpha2.to_ascii_uppercase();
        let pos = self
            .by_alpha2
            .binary_search_by(|&i| {
                self.countries
                    .get(i)
                    .map(|c| c.alpha2.as_str())
                    .unwrap_or("")
                    .cmp(wanted.as_str())
            })
            .ok()?;
        let country = self.countries.get(*self.by_alpha2.get(pos)?)?;
        Some(CountryShape {
            country,
            rings: &self.rings,
        })
    }

    /// A country by ISO 3166-1 numeric code.
    pub fn country_by_numeric(&self, numeric: u16) -> Option<CountryShape<'_>> {
        let i = self
            .countries
            .binary_search_by_key(&numeric, |c| c.numeric)
            .ok()?;
        Some(CountryShape {
            country: self.countries.get(i)?,
            rings: &self.rings,
        })
    }
}

/// The decoded asset: land, borders and countries at both scales.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Atlas {
    coarse: Level,
    fine: Level,
    source: String,
}

impl Atlas {
    /// Decodes an asset file (normally [`EMBEDDED`], through [`atlas`]).
    pub fn decode(bytes: &[u8]) -> Result<Self, AssetError> {
        let file: AssetFile = postcard::from_bytes(bytes)
            .map_err(|e| AssetError::new(format!("not a map asset: {e}")))?;
        if file.magic != MAGIC {
            return Err(AssetError::new("not a map asset (wrong magic)".into()));
        }
        if file.version != FORMAT_VERSION {
            return Err(AssetError::new(format!(
                "map asset format {} (this build reads {FORMAT_VERSION})",
                file.version
            )));
        }
        let [coarse, fine] = file.levels.as_slice() else {
            return Err(AssetError::new(format!(
                "{} levels in the map asset, expected 2",
                file.levels.len()
            )));
        };
        Ok(Self {
            coarse: Level::decode(coarse)?,
            fine: Level::decode(fine)?,
            source: file.source,
        })
    }

    pub fn level(&self, resolution: Resolution) -> &Level {
        match resolution {
            Resolution::Coarse110m => &self.coarse,
            Resolution::Fine50m => &self.fine,
        }
    }

    /// Land outlines (coastlines) at a scale.
    pub fn land(&self, resolution: Resolution) -> &Lines {
        &self.level(resolution).land
    }

    /// Country borders at a scale.
    pub fn borders(&self, resolution: Resolution) -> &Lines {
        &self.level(resolution).borders
    }

    /// A country by ISO 3166-1 alpha-2 code at a scale.
    pub fn country(&self, resolution: Resolution, alpha2: &str) -> Option<CountryShape<'_>> {
        self.level(resolution).country(alpha2)
    }

    /// Provenance line stored in the file.
    pub fn source(&self) -> &str {
        &self.source
    }
}

/// The embedded asset, decoded on first use and kept for the life of the
/// process.
pub fn atlas() -> Result<&'static Atlas, AssetError> {
    static ATLAS: OnceLock<Result<Atlas, AssetError>> = OnceLock::new();
    ATLAS
        .get_or_init(|| Atlas::decode(EMBEDDED))
        .as_ref()
        .map_err(Clone::clone)
}

/// Why the map asset could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetError(String);

impl AssetError {
    fn new(message: String) -> Self {
        Self(message)
    }
}

impl fmt::Display for AssetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for AssetError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::{DotMask, Raster, Window, fill_rings, trace_lines};

    fn embedded() -> &'static Atlas {
        match atlas() {
            Ok(a) => a,
            Err(e) => panic!("the embedded map asset does not decode: {e}"),
        }
    }

    #[test]
    fn embedded_asset_decodes_with_plausible_content() {
        let a = embedded();
        assert!(a.source().contains("Natural Earth"));
        let coarse = a.level(Resolution::Coarse110m);
        let fine = a.level(Resolution::Fine50m);
        // 110m: ~130 land outlines, ~330 border arcs, ~175 countries.
        assert!(coarse.land.len() > 100 && coarse.land.point_count() > 4_000);
        assert!(coarse.borders.len() > 300 && coarse.borders.point_count() > 2_500);
        assert!(coarse.countries().count() > 170);
        // 50m has ten times the detail.
        assert!(fine.land.len() > 1_000 && fine.land.point_count() > 55_000);
        assert!(fine.borders.len() > 300 && fine.borders.point_count() > 18_000);
        assert!(fine.countries().count() > 230);
        for level in [coarse, fine] {
            for code in [
                "JP", "KR", "KP", "CN", "RU", "US", "DE", "FR", "GB", "PT", "BY",
            ] {
                let c = level.country(code);
                assert!(c.is_some_and(|c| c.ring_count() > 0), "{code}");
            }
        }
        // Lookups agree, in either case, by numeric code too.
        let japan = fine.country("jp").map(|c| c.country.clone());
        let japan = japan.unwrap_or_else(|| panic!("no Japan"));
        assert_eq!(japan.numeric, 392);
        assert_eq!(japan.name, "Japan");
        assert_eq!(
            fine.country_by_numeric(392)
                .map(|c| c.country.alpha2.as_str()),
            Some("JP")
        );
        assert!(fine.country("XX").is_none() && fine.country("").is_none());
        // Japan's box: about 123°E–154°E, 24°N–46°N; several islands.
        let b = japan.bbox;
        assert!(
            (122.0..125.0).contains(&b.west) && (145.0..155.0).contains(&b.east),
            "{b:?}"
        );
        assert!(
            (20.0..25.0).contains(&b.south) && (45.0..46.0).contains(&b.north),
            "{b:?}"
        );
        assert!(fine.country("JP").is_some_and(|c| c.ring_count() >= 4));
        let korea = fine.country("KR").map(|c| c.country.bbox);
        let korea = korea.unwrap_or(BBox::EMPTY);
        assert!((124.0..127.0).contains(&korea.west) && (129.0..132.0).contains(&korea.east));
    }

    #[test]
    fn lines_are_continuous_and_pieces_are_short() {
        let a = embedded();
        for r in Resolution::ALL {
            let level = a.level(r);
            for (lines, whole) in [
                (&level.land, false),
                (&level.borders, false),
                (&level.rings, true),
            ] {
                for (points, bbox) in lines.iter() {
                    assert!(points.len() >= 2);
                    if !whole {
                        assert!(points.len() <= PIECE_POINTS);
                    }
                    assert_eq!(BBox::of(points), bbox);
                    // A whole line is centred in [-180, 180); a piece of
                    // one that crosses the antimeridian may run past it.
                    assert!(bbox.west >= -360.0 && bbox.east <= 360.0, "{bbox:?}");
                    for w in points.windows(2) {
                        assert!((w[1].0 - w[0].0).abs() < 180.0, "{r:?}: {w:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn asset_encoding_is_canonical() {
        // Decoding and encoding again gives the same bytes: nothing in the
        // file depends on more than its content.
        let file: AssetFile = match postcard::from_bytes(EMBEDDED) {
            Ok(f) => f,
            Err(e) => panic!("{e}"),
        };
        let again = postcard::to_allocvec(&file).unwrap_or_default();
        assert_eq!(again, EMBEDDED);
        assert_eq!(file.magic, MAGIC);
    }

    #[test]
    fn bad_assets_are_errors_not_panics() {
        assert!(Atlas::decode(&[]).is_err());
        assert!(Atlas::decode(&EMBEDDED[..EMBEDDED.len() / 2]).is_err());
        let mut file: AssetFile = postcard::from_bytes(EMBEDDED).unwrap_or_else(|e| panic!("{e}"));
        file.version += 1;
        let bytes = postcard::to_allocvec(&file).unwrap_or_default();
        assert!(Atlas::decode(&bytes).is_err_and(|e| e.to_string().contains("format")));
        if let Some(level) = file.levels.first_mut() {
            level.land.deltas.pop();
        }
        file.version -= 1;
        let bytes = postcard::to_allocvec(&file).unwrap_or_default();
        assert!(Atlas::decode(&bytes).is_err());
    }

    #[test]
    fn fill_agrees_with_geo_point_in_polygon() {
        use geo::{Contains, LineString, MultiPolygon, Point, Polygon};
        let a = embedded();
        // East Asia at the explorer's preset size: Korea and Japan.
        let raster = Raster::new(Window::around((128.0, 40.0), 60.0, 36.0), 400, 240);
        for code in ["KR", "JP", "KP"] {
            let Some(shape) = a.country(Resolution::Fine50m, code) else {
                panic!("{code}");
            };
            let mut mask = DotMask::new(400, 240);
            fill_rings(shape.rings(), &raster, &mut mask);
            // Each ring as its own polygon: the country's islands and
            // mainland do not overlap, and these have no holes in view.
            let polys: Vec<Polygon<f64>> = shape
                .rings()
                .map(|r| Polygon::new(LineString::from(r.to_vec()), vec![]))
                .collect();
            let mp = MultiPolygon(polys);
            let (mut agree, mut total) = (0usize, 0usize);
            let w = &raster.window;
            // Dots around the country's box only: elsewhere both say no.
            let b = shape.country.bbox;
            let (x0, y0) = raster.project((b.west, b.north));
            let (x1, y1) = raster.project((b.east, b.south));
            let xs = (x0.floor().max(0.0) as u32)..(x1.ceil().min(399.0) as u32 + 1);
            let ys = (y0.floor().max(0.0) as u32)..(y1.ceil().min(239.0) as u32 + 1);
            for y in ys {
                for x in xs.clone() {
                    let lon = w.west + f64::from(x) * (w.east - w.west) / 399.0;
                    let lat = w.north - f64::from(y) * (w.north - w.south) / 239.0;
                    let inside = mp.contains(&Point::new(lon, lat));
                    total += 1;
                    if inside == mask.get(x, y) {
                        agree += 1;
                    }
                }
            }
            // Only dots on an edge may differ.
            assert!(total - agree < 40, "{code}: {} dots differ", total - agree);
            assert!(mask.count() > 200, "{code}: {}", mask.count());
        }
    }

    #[test]
    fn world_and_regional_outlines_draw_many_dots() {
        let a = embedded();
        let world = Raster::new(Window::world(150.0), 400, 240);
        let mut mask = DotMask::new(400, 240);
        let r = Resolution::for_degrees_per_dot(world.degrees_per_dot());
        assert_eq!(r, Resolution::Coarse110m);
        assert!(trace_lines(a.land(r), &world, &mut mask) > 100);
        let land_dots = mask.count();
        assert!(land_dots > 2_500, "{land_dots}");
        // Shenyang's neighbourhood has coast on screen, the Pacific centre not.
        let asia = Raster::new(Window::around((128.0, 40.0), 60.0, 36.0), 400, 240);
        let r = Resolution::for_degrees_per_dot(asia.degrees_per_dot());
        assert_eq!(r, Resolution::Fine50m);
        let mut mask = DotMask::new(400, 240);
        let shown = trace_lines(a.land(r), &asia, &mut mask);
        assert!(shown > 50 && shown < a.land(r).len(), "{shown}");
        assert_eq!(a.land(r).visible(&asia.window).count(), shown);
        trace_lines(a.borders(r), &asia, &mut mask);
        assert!(mask.count() > 2_000, "{}", mask.count());
    }
}
