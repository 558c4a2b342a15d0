//! Geography for the map view: the visible window (centre and zoom), its
//! projection onto the canvas, and great-circle distances.

use crate::data::Location;

/// Mean Earth radius (IUGG), km.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

pub const MIN_ZOOM: f64 = 1.0;
pub const MAX_ZOOM: f64 = 32.0;

/// What part of the world the map shows: an equirectangular window centred
/// on a point, `zoom` times narrower than the whole world.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapView {
    pub lon: f64,
    pub lat: f64,
    pub zoom: f64,
}

/// Longitude and latitude ranges of the visible window.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub x: [f64; 2],
    pub y: [f64; 2],
}

impl Bounds {
    pub fn contains(&self, loc: Location) -> bool {
        (self.x[0]..=self.x[1]).contains(&loc.lon) && (self.y[0]..=self.y[1]).contains(&loc.lat)
    }
}

impl MapView {
    pub fn world() -> Self {
        Self {
            lon: 0.0,
            lat: 0.0,
            zoom: 1.0,
        }
    }

    /// Japan, Korea, north-east China and the Russian Far East.
    pub fn east_asia() -> Self {
        Self {
            lon: 128.0,
            lat: 40.0,
            zoom: 6.0,
        }
    }

    /// From Portugal and Ireland to Belarus and Greece.
    pub fn europe() -> Self {
        Self {
            lon: 12.0,
            lat: 48.0,
            zoom: 6.0,
        }
    }

    pub fn zoom_in(&mut self) {
        self.zoom = (self.zoom * 1.5).min(MAX_ZOOM);
    }

    pub fn zoom_out(&mut self) {
        self.zoom = (self.zoom / 1.5).max(MIN_ZOOM);
        if self.zoom <= MIN_ZOOM {
            *self = Self::world();
        }
    }

    /// Moves the centre by an eighth of the visible width (`dx`) or height (`dy`).
    pub fn pan(&mut self, dx: f64, dy: f64) {
        let span_x = 360.0 / self.zoom;
        let span_y = 180.0 / self.zoom;
        self.lon += dx * span_x / 8.0;
        self.lat += dy * span_y / 8.0;
        self.clamp_centre();
    }

    fn clamp_centre(&mut self) {
        let half_x = 180.0 / self.zoom;
        let half_y = 90.0 / self.zoom;
        self.lon = self.lon.clamp(-180.0 + half_x, 180.0 - half_x);
        self.lat = self.lat.clamp(-90.0 + half_y, 90.0 - half_y);
    }

    /// The window for a canvas of `cols` x `rows` terminal cells. Cells are
    /// about twice as tall as wide, so the latitude span follows the shape of
    /// the area to keep the map's proportions.
    pub fn bounds(&self, cols: u16, rows: u16) -> Bounds {
        let span_x = 360.0 / self.zoom.clamp(MIN_ZOOM, MAX_ZOOM);
        let (cols, rows) = (f64::from(cols.max(1)), f64::from(rows.max(1)));
        let span_y = (span_x * 2.0 * rows / cols).min(180.0);
        let half_x = span_x / 2.0;
        let half_y = span_y / 2.0;
        let lon = self.lon.clamp(-180.0 + half_x, 180.0 - half_x);
        let lat = self.lat.clamp(-90.0 + half_y, 90.0 - half_y);
        Bounds {
            x: [lon - half_x, lon + half_x],
            y: [lat - half_y, lat + half_y],
        }
    }
}

/// Great-circle distance between two points (haversine), km.
pub fn distance_km(a: Location, b: Location) -> f64 {
    let (la1, la2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = la2 - la1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(lat: f64, lon: f64) -> Location {
        Location { lat, lon }
    }

    #[test]
    fn great_circle_distances() {
        let shenyang = loc(41.80, 123.45);
        let sapporo = loc(43.06, 141.35);
        let d = distance_km(shenyang, sapporo);
        assert!((1440.0..1500.0).contains(&d), "{d}");
        // A quarter of the equator.
        let q = distance_km(loc(0.0, 0.0), loc(0.0, 90.0));
        assert!((q - std::f64::consts::PI * EARTH_RADIUS_KM / 2.0).abs() < 1e-6);
        // Antipodes: half the circumference, no NaN.
        let half = distance_km(loc(10.0, 20.0), loc(-10.0, -160.0));
        assert!(
            (half - std::f64::consts::PI * EARTH_RADIUS_KM).abs() < 1e-3,
            "{half}"
        );
        assert_eq!(distance_km(shenyang, shenyang), 0.0);
    }

    #[test]
    fn zoom_stays_in_bounds() {
        let mut v = MapView::world();
        for _ in 0..50 {
            v.zoom_in();
        }
        assert_eq!(v.zoom, MAX_ZOOM);
        for _ in 0..50 {
            v.zoom_out();
        }
        assert_eq!(v, MapView::world());
    }

    #[test]
    fn the_window_never_leaves_the_world() {
        let mut v = MapView::east_asia();
        for _ in 0..100 {
            v.pan(1.0, 1.0);
        }
        let b = v.bounds(100, 30);
        assert!(b.x[1] <= 180.0 + 1e-9 && b.y[1] <= 90.0 + 1e-9, "{b:?}");
        for _ in 0..200 {
            v.pan(-1.0, -1.0);
        }
        let b = v.bounds(100, 30);
        assert!(b.x[0] >= -180.0 - 1e-9 && b.y[0] >= -90.0 - 1e-9, "{b:?}");
    }

    #[test]
    fn world_bounds_keep_proportions() {
        let b = MapView::world().bounds(120, 30);
        assert_eq!(b.x, [-180.0, 180.0]);
        assert_eq!(b.y, [-90.0, 90.0]);
        let b = MapView::world().bounds(200, 20);
        assert_eq!(b.x, [-180.0, 180.0]);
        assert!((b.y[1] - b.y[0] - 72.0).abs() < 1e-9, "{b:?}");
    }

    #[test]
    fn presets_show_their_regions() {
        let asia = MapView::east_asia().bounds(100, 30);
        assert!(asia.contains(loc(41.80, 123.45)), "Shenyang");
        assert!(asia.contains(loc(43.06, 141.35)), "Sapporo");
        assert!(asia.contains(loc(37.46, 126.71)), "Incheon");
        let europe = MapView::europe().bounds(100, 30);
        assert!(europe.contains(loc(51.23, 6.77)), "Düsseldorf");
        assert!(europe.contains(loc(41.55, -8.43)), "Braga");
        assert!(europe.contains(loc(53.90, 27.57)), "Minsk");
    }
}
