//! Geography for the map, with no terminal in sight: the Natural Earth
//! asset (land outlines, country borders and country shapes at 1:110m and
//! 1:50m), great circles and distance rings on the sphere, longitudes on a
//! map centred on any meridian, and rasterising lines and filled countries
//! onto a grid of dots (a braille canvas is 2x4 dots per cell).
//!
//! Points are `(longitude, latitude)` in degrees ([`LonLat`]), longitude
//! first like GeoJSON.
//!
//! A map centred on meridian `C` shows longitudes in `[C-180, C+180)`:
//! [`wrap_lon`] puts a point there, [`split_at_seam`] cuts a line where it
//! runs off one side and comes back on the other, and the rasterisers do
//! both by themselves.
//!
//! ```
//! use shenyang_partners::geo::{self, DotMask, Raster, Resolution, Window};
//!
//! let atlas = geo::atlas().expect("the embedded asset decodes");
//! // A Pacific-centred world on a 400x240-dot canvas.
//! let raster = Raster::new(Window::world(150.0), 400, 240);
//! let mut dots = DotMask::new(400, 240);
//! geo::trace_lines(atlas.land(Resolution::Coarse110m), &raster, &mut dots);
//! let japan = atlas.country(Resolution::Coarse110m, "JP").expect("Japan");
//! geo::fill_rings(japan.rings(), &raster, &mut dots);
//! let shenyang = (123.43278, 41.79222);
//! let chicago = (-87.65005, 41.85003);
//! geo::trace_polyline(&geo::great_circle(shenyang, chicago, 64), &raster, &mut dots);
//! assert!(dots.count() > 1000);
//! ```

mod asset;
mod raster;
mod seam;
mod sphere;

pub use asset::{
    AssetError, AssetFile, Atlas, Country, CountryShape, EMBEDDED, EncodedCountry, EncodedLevel,
    EncodedLines, FORMAT_VERSION, Level, Lines, MAGIC, PIECE_POINTS, Quantization, Resolution,
    atlas,
};
pub use raster::{DotMask, Filler, Raster, Window, fill_rings, trace_lines, trace_polyline};
pub use seam::{split_antimeridian, split_at_seam, unwrap_lons, wrap_delta, wrap_lon};
pub use sphere::{
    EARTH_RADIUS_KM, destination, distance_ring, great_circle, haversine_km, initial_bearing,
};

/// Longitude and latitude in degrees.
pub type LonLat = (f64, f64);

/// A bounding box in degrees. `west`/`east` are the extremes of the
/// longitudes as stored (a line kept continuous across the antimeridian can
/// reach past ±180°).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    pub west: f64,
    pub east: f64,
    pub south: f64,
    pub north: f64,
}

impl BBox {
    /// Contains nothing; the union with any box is that box.
    pub const EMPTY: BBox = BBox {
        west: f64::INFINITY,
        east: f64::NEG_INFINITY,
        south: f64::INFINITY,
        north: f64::NEG_INFINITY,
    };

    /// The box around some points (ignoring non-finite ones).
    pub fn of(points: &[LonLat]) -> Self {
        let mut b = Self::EMPTY;
        for &(lon, lat) in points {
            if lon.is_finite() && lat.is_finite() {
                b.west = b.west.min(lon);
                b.east = b.east.max(lon);
                b.south = b.south.min(lat);
                b.north = b.north.max(lat);
            }
        }
        b
    }

    pub fn union(&self, other: &BBox) -> BBox {
        BBox {
            west: self.west.min(other.west),
            east: self.east.max(other.east),
            south: self.south.min(other.south),
            north: self.north.max(other.north),
        }
    }

    pub fn is_empty(&self) -> bool {
        !(self.west <= self.east && self.south <= self.north)
    }
}
