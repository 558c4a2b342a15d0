//! Geography for the map view: the visible window (centre and zoom), its
//! projection onto the canvas's terminal cells, and great-circle distances.
//!
//! One function, [`MapView::spans`], decides how many degrees the canvas
//! shows across and down; clamping the centre, panning, the bounds handed to
//! the canvas and the cell of a point all use it, so they always agree.
//!
//! The world is drawn centred on [`CENTRAL_MERIDIAN`] (150°E, the western
//! Pacific), so Shenyang sits near the middle rather than at the right edge
//! of a Greenwich-centred map. Longitudes of the view run over
//! `[CENTRAL_MERIDIAN - 180, CENTRAL_MERIDIAN + 180]` (-30° to 330°): a
//! place west of 30°W, the Americas, is shown at its longitude plus 360°.

use crate::data::Location;
use crate::geo::wrap_lon;

/// The meridian in the middle of the whole-world view. The seam (30°W)
/// runs through the Atlantic, away from every partner.
pub const CENTRAL_MERIDIAN: f64 = 150.0;

/// A longitude as the map's frame writes it, in `[-30, 330)`.
pub fn frame_lon(lon: f64) -> f64 {
    wrap_lon(lon, CENTRAL_MERIDIAN)
}

/// Mean Earth radius (IUGG), km.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

pub const MIN_ZOOM: f64 = 1.0;
pub const MAX_ZOOM: f64 = 32.0;

/// A terminal cell is about twice as tall as it is wide. Braille gives 2x4
/// dots per cell, so with this ratio every dot is square and a degree of
/// longitude is as long on screen as a degree of latitude.
pub const CELL_ASPECT: f64 = 2.0;

/// What part of the world the map shows: an equirectangular window centred
/// on a point. At zoom 1 the whole world fits the canvas (the spare width or
/// height stays empty); every zoom step narrows the window by the same factor.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapView {
    pub lon: f64,
    pub lat: f64,
    pub zoom: f64,
}

/// What the map draws on request, besides land, borders, shading and
/// markers. Each is toggled by a key and kept across views and presets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MapLayers {
    /// Which markers are named.
    pub labels: LabelMode,
    /// Great circles from Shenyang to every listed partner.
    pub all_routes: bool,
    /// Circles at [`RING_KM`] from Shenyang.
    pub rings: bool,
}

/// Which markers the map names (the selected partner and Shenyang always).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LabelMode {
    /// The others from zoom 3 on, beside their marker where they fit.
    #[default]
    Auto,
    /// Every marker at any zoom, around it wherever it covers nothing,
    /// shortened if need be.
    All,
    /// Only the selected partner and Shenyang, leaving the land clear.
    Selected,
}

impl LabelMode {
    /// The next mode for the labels key: auto, all, only the selection.
    pub fn next(self) -> Self {
        match self {
            LabelMode::Auto => LabelMode::All,
            LabelMode::All => LabelMode::Selected,
            LabelMode::Selected => LabelMode::Auto,
        }
    }
}

/// The distance rings' radii, km.
pub const RING_KM: [f64; 3] = [1_000.0, 5_000.0, 10_000.0];

/// Longitude and latitude ranges of the visible window. At zoom 1 they can
/// reach beyond ±180° / ±90°: that is the empty margin around the world.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub x: [f64; 2],
    pub y: [f64; 2],
}

impl Bounds {
    /// The meridian in the middle of the window: places are drawn at their
    /// longitude wrapped around it.
    pub fn central_meridian(&self) -> f64 {
        (self.x[0] + self.x[1]) / 2.0
    }

    /// A place's longitude in the window's frame.
    pub fn lon_of(&self, loc: Location) -> f64 {
        wrap_lon(loc.lon, self.central_meridian())
    }

    pub fn contains(&self, loc: Location) -> bool {
        (self.x[0]..=self.x[1]).contains(&self.lon_of(loc))
            && (self.y[0]..=self.y[1]).contains(&loc.lat)
    }
}

/// Keeps a window of `span` degrees centred on `centre` inside
/// `[mid - half_world, mid + half_world]`; a window wider than the world is
/// centred on `mid`.
fn clamp_axis(centre: f64, span: f64, mid: f64, half_world: f64) -> f64 {
    let half = span / 2.0;
    if half >= half_world || !centre.is_finite() {
        mid
    } else {
        centre.clamp(mid - half_world + half, mid + half_world - half)
    }
}

impl MapView {
    /// The whole world, centred on the western Pacific.
    pub fn world() -> Self {
        Self {
            lon: CENTRAL_MERIDIAN,
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

    /// Degrees of longitude and latitude shown on a canvas of `cols` x
    /// `rows` cells: the whole world fits at zoom 1 (contain, not cover),
    /// with square braille dots.
    pub fn spans(&self, cols: u16, rows: u16) -> (f64, f64) {
        let (cols, rows) = (f64::from(cols.max(1)), f64::from(rows.max(1)));
        let zoom = if self.zoom.is_finite() {
            self.zoom.clamp(MIN_ZOOM, MAX_ZOOM)
        } else {
            MIN_ZOOM
        };
        // Degrees per column: enough for 360° across and 180° down.
        let per_col = (360.0 / cols).max(180.0 / (CELL_ASPECT * rows)) / zoom;
        (per_col * cols, per_col * CELL_ASPECT * rows)
    }

    /// Moves the centre to the nearest point where the window stays inside
    /// the world on a canvas of this size.
    pub fn clamp(&mut self, cols: u16, rows: u16) {
        let (span_x, span_y) = self.spans(cols, rows);
        self.lon = clamp_axis(self.lon, span_x, CENTRAL_MERIDIAN, 180.0);
        self.lat = clamp_axis(self.lat, span_y, 0.0, 90.0);
    }

    /// Zooms in on `focus` (the selection, or Shenyang): it becomes the
    /// centre, as far as the world's edges allow.
    pub fn zoom_in(&mut self, focus: Location, cols: u16, rows: u16) {
        self.zoom = (self.zoom * 1.5).min(MAX_ZOOM);
        self.centre_on(focus, cols, rows);
    }

    /// Zooms out around `focus`; at zoom 1 the whole world.
    pub fn zoom_out(&mut self, focus: Location, cols: u16, rows: u16) {
        self.zoom = (self.zoom / 1.5).max(MIN_ZOOM);
        if self.zoom <= MIN_ZOOM {
            *self = Self::world();
        } else {
            self.centre_on(focus, cols, rows);
        }
        self.clamp(cols, rows);
    }

    /// Puts `focus` in the middle, as far as the world's edges allow.
    pub fn centre_on(&mut self, focus: Location, cols: u16, rows: u16) {
        if focus.lon.is_finite() && focus.lat.is_finite() {
            self.lon = frame_lon(focus.lon);
            self.lat = focus.lat;
        }
        self.clamp(cols, rows);
    }

    /// Whether `loc` is on screen with `margin` cells to spare on every
    /// side (fewer where the world's edge is nearer).
    pub fn shows(&self, loc: Location, margin: u16, cols: u16, rows: u16) -> bool {
        let b = self.bounds(cols, rows);
        let (span_x, span_y) = (b.x[1] - b.x[0], b.y[1] - b.y[0]);
        let mx = (span_x * f64::from(margin) / f64::from(cols.max(1))).min(span_x / 4.0);
        let my = (span_y * f64::from(margin) / f64::from(rows.max(1))).min(span_y / 4.0);
        let lon = b.lon_of(loc);
        let lo_x = if b.x[0] <= CENTRAL_MERIDIAN - 180.0 {
            b.x[0]
        } else {
            b.x[0] + mx
        };
        let hi_x = if b.x[1] >= CENTRAL_MERIDIAN + 180.0 {
            b.x[1]
        } else {
            b.x[1] - mx
        };
        let lo_y = if b.y[0] <= -90.0 { b.y[0] } else { b.y[0] + my };
        let hi_y = if b.y[1] >= 90.0 { b.y[1] } else { b.y[1] - my };
        (lo_x..=hi_x).contains(&lon) && (lo_y..=hi_y).contains(&loc.lat)
    }

    /// Brings `loc` into view if it is off screen (or within a cell of the
    /// edge): the view centres on it. Returns whether the view moved.
    pub fn follow(&mut self, loc: Location, cols: u16, rows: u16) -> bool {
        if self.shows(loc, 1, cols, rows) {
            return false;
        }
        let before = *self;
        self.centre_on(loc, cols, rows);
        *self != before
    }

    /// Moves the centre by an eighth of the visible width (`dx`) or height
    /// (`dy`), from where the view is on screen, and keeps it in the world.
    pub fn pan(&mut self, dx: f64, dy: f64, cols: u16, rows: u16) {
        self.clamp(cols, rows);
        let (span_x, span_y) = self.spans(cols, rows);
        self.lon += dx * span_x / 8.0;
        self.lat += dy * span_y / 8.0;
        self.clamp(cols, rows);
    }

    /// The window for a canvas of `cols` x `rows` terminal cells.
    pub fn bounds(&self, cols: u16, rows: u16) -> Bounds {
        let (span_x, span_y) = self.spans(cols, rows);
        let lon = clamp_axis(self.lon, span_x, CENTRAL_MERIDIAN, 180.0);
        let lat = clamp_axis(self.lat, span_y, 0.0, 90.0);
        Bounds {
            x: [lon - span_x / 2.0, lon + span_x / 2.0],
            y: [lat - span_y / 2.0, lat + span_y / 2.0],
        }
    }
}

/// Maps coordinates to cells of a canvas: the same arithmetic as the braille
/// canvas uses for its dots (2x4 per cell), so a marker sits in the cell where
/// the map draws that place.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    pub bounds: Bounds,
    pub cols: u16,
    pub rows: u16,
}

impl Projection {
    pub fn new(view: &MapView, cols: u16, rows: u16) -> Self {
        Self {
            bounds: view.bounds(cols, rows),
            cols,
            rows,
        }
    }

    /// Dot coordinates (fractional) of a point, dot (0, 0) at the top left.
    fn dot(&self, lon: f64, lat: f64) -> (f64, f64) {
        let b = &self.bounds;
        let dots_x = f64::from(self.cols) * 2.0 - 1.0;
        let dots_y = f64::from(self.rows) * 4.0 - 1.0;
        (
            (lon - b.x[0]) * dots_x / (b.x[1] - b.x[0]),
            (b.y[1] - lat) * dots_y / (b.y[1] - b.y[0]),
        )
    }

    fn cell_of_dot(&self, (x, y): (f64, f64)) -> Option<(u16, u16)> {
        let (x, y) = (x.round(), y.round());
        if !(x >= 0.0 && y >= 0.0) {
            return None;
        }
        let (cx, cy) = ((x / 2.0).floor(), (y / 4.0).floor());
        if cx < f64::from(self.cols) && cy < f64::from(self.rows) {
            Some((cx as u16, cy as u16))
        } else {
            None
        }
    }

    /// The cell (column, row from the canvas's top left) showing a place, if
    /// it is in view.
    pub fn cell(&self, loc: Location) -> Option<(u16, u16)> {
        if self.cols == 0 || self.rows == 0 || !self.bounds.contains(loc) {
            return None;
        }
        self.cell_of_dot(self.dot(self.bounds.lon_of(loc), loc.lat))
    }

    /// The cells a straight line between two points of the window's frame
    /// (longitudes already wrapped) crosses, cut to the window, appended to
    /// `out` without repeating the last cell.
    fn segment_cells(&self, a: (f64, f64), b: (f64, f64), out: &mut Vec<(u16, u16)>) {
        let Some((p, q)) = clip(&self.bounds, a, b) else {
            return;
        };
        if self.cols == 0 || self.rows == 0 {
            return;
        }
        let (p, q) = (self.dot(p.0, p.1), self.dot(q.0, q.1));
        // Half-dot steps never skip a cell.
        let steps = ((q.0 - p.0).abs().max((q.1 - p.1).abs()) * 2.0).ceil();
        let steps = if steps.is_finite() {
            steps.min(100_000.0) as usize + 1
        } else {
            1
        };
        for i in 0..=steps {
            let t = i as f64 / steps as f64;
            let dot = (p.0 + (q.0 - p.0) * t, p.1 + (q.1 - p.1) * t);
            if let Some(c) = self.cell_of_dot(dot)
                && out.last() != Some(&c)
            {
                out.push(c);
            }
        }
    }

    /// The cells a straight line (on the map) between two places crosses,
    /// from `a` to `b`, cut to the window (empty if it never enters it).
    pub fn line_cells(&self, a: Location, b: Location) -> Vec<(u16, u16)> {
        let mut out = Vec::new();
        let (la, lb) = (self.bounds.lon_of(a), self.bounds.lon_of(b));
        self.segment_cells((la, a.lat), (lb, b.lat), &mut out);
        out
    }

    /// The cells the great circle from `a` to `b` crosses, in order from
    /// `a`: the arc in [`ROUTE_SEGMENTS`] straight segments, cut where it
    /// crosses the window's seam and to the window.
    pub fn route_cells(&self, a: Location, b: Location) -> Vec<(u16, u16)> {
        let mut out = Vec::new();
        for piece in route_pieces(a, b, self.bounds.central_meridian()) {
            for w in piece.windows(2) {
                self.segment_cells(w[0], w[1], &mut out);
            }
        }
        out
    }
}

/// Segments of a drawn route: about 1.5° of arc each on the longest route.
pub const ROUTE_SEGMENTS: usize = 128;

/// The great circle from `a` to `b` as polylines on a map centred on
/// `centre`: [`ROUTE_SEGMENTS`] segments, split where the route crosses the
/// seam (each piece's longitudes within `centre ± 180`).
pub fn route_pieces(a: Location, b: Location, centre: f64) -> Vec<Vec<(f64, f64)>> {
    let arc = crate::geo::great_circle((a.lon, a.lat), (b.lon, b.lat), ROUTE_SEGMENTS);
    crate::geo::split_at_seam(&arc, centre)
}

/// The part of the segment `p`–`q` inside the bounds (Liang–Barsky).
fn clip(b: &Bounds, p: (f64, f64), q: (f64, f64)) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (q.0 - p.0, q.1 - p.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (denom, num) in [
        (-dx, p.0 - b.x[0]),
        (dx, b.x[1] - p.0),
        (-dy, p.1 - b.y[0]),
        (dy, b.y[1] - p.1),
    ] {
        if denom == 0.0 {
            if num < 0.0 {
                return None;
            }
        } else {
            let t = num / denom;
            if denom < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    if t0 > t1 || !t0.is_finite() || !t1.is_finite() {
        return None;
    }
    Some((
        (p.0 + t0 * dx, p.1 + t0 * dy),
        (p.0 + t1 * dx, p.1 + t1 * dy),
    ))
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
    use proptest::prelude::*;

    const EPS: f64 = 1e-9;

    fn loc(lat: f64, lon: f64) -> Location {
        Location { lat, lon }
    }

    const SHENYANG: Location = Location {
        lat: 41.79,
        lon: 123.43,
    };

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
            v.zoom_in(SHENYANG, 100, 30);
        }
        assert_eq!(v.zoom, MAX_ZOOM);
        for _ in 0..50 {
            v.zoom_out(SHENYANG, 100, 30);
        }
        assert_eq!(v, MapView::world());
    }

    /// The whole world is inside the window: every coordinate on Earth shows.
    fn shows_whole_world(b: &Bounds) -> bool {
        b.x[0] <= CENTRAL_MERIDIAN - 180.0 + EPS
            && b.x[1] >= CENTRAL_MERIDIAN + 180.0 - EPS
            && b.y[0] <= -90.0 + EPS
            && b.y[1] >= 90.0 - EPS
    }

    #[test]
    fn the_whole_world_fits_at_zoom_1_in_any_shape() {
        // Wide panes (200x30 terminal: 166x25 canvas), tall ones, square, tiny.
        for (cols, rows) in [
            (166, 25),
            (86, 36),
            (120, 30),
            (200, 20),
            (30, 60),
            (1, 1),
            (2, 300),
        ] {
            let b = MapView::world().bounds(cols, rows);
            assert!(shows_whole_world(&b), "{cols}x{rows}: {b:?}");
            // Letterboxed, not stretched: one axis is exactly the world's.
            let exact_x = (b.x[1] - b.x[0] - 360.0).abs() < EPS;
            let exact_y = (b.y[1] - b.y[0] - 180.0).abs() < EPS;
            assert!(exact_x || exact_y, "{cols}x{rows}: {b:?}");
            // Centred on the western Pacific and the equator.
            assert!((b.central_meridian() - CENTRAL_MERIDIAN).abs() < EPS);
            assert!((b.y[0] + b.y[1]).abs() < EPS);
        }
    }

    #[test]
    fn degrees_per_dot_are_equal_across_and_down() {
        for zoom in [1.0, 2.25, 6.0, 32.0] {
            for (cols, rows) in [(166, 25), (86, 36), (40, 6)] {
                let v = MapView {
                    lon: 100.0,
                    lat: 30.0,
                    zoom,
                };
                let b = v.bounds(cols, rows);
                let per_dot_x = (b.x[1] - b.x[0]) / (f64::from(cols) * 2.0);
                let per_dot_y = (b.y[1] - b.y[0]) / (f64::from(rows) * 4.0);
                assert!((per_dot_x - per_dot_y).abs() < 1e-9, "{zoom} {cols}x{rows}");
            }
        }
    }

    #[test]
    fn presets_show_their_regions() {
        for (cols, rows) in [(66, 25), (86, 36), (166, 25)] {
            let asia = MapView::east_asia().bounds(cols, rows);
            assert!(asia.contains(loc(41.80, 123.45)), "Shenyang {cols}x{rows}");
            assert!(asia.contains(loc(43.06, 141.35)), "Sapporo {cols}x{rows}");
            assert!(asia.contains(loc(37.46, 126.71)), "Incheon {cols}x{rows}");
            let europe = MapView::europe().bounds(cols, rows);
            assert!(
                europe.contains(loc(51.23, 6.77)),
                "Düsseldorf {cols}x{rows}"
            );
            assert!(europe.contains(loc(41.55, -8.43)), "Braga {cols}x{rows}");
            assert!(europe.contains(loc(53.90, 27.57)), "Minsk {cols}x{rows}");
        }
    }

    /// The tester's sequence: East Asia, out, out, in, north to the edge;
    /// then the very first step south must move the view.
    #[test]
    fn south_after_reaching_the_north_edge_moves_at_once() {
        let (cols, rows) = (86, 36);
        let mut v = MapView::east_asia();
        v.zoom_out(SHENYANG, cols, rows);
        v.zoom_out(SHENYANG, cols, rows);
        v.zoom_in(SHENYANG, cols, rows);
        for _ in 0..60 {
            v.pan(0.0, 1.0, cols, rows);
        }
        let top = v.bounds(cols, rows);
        assert!((top.y[1] - 90.0).abs() < EPS, "at the north edge: {top:?}");
        v.pan(0.0, -1.0, cols, rows);
        let after = v.bounds(cols, rows);
        assert!(after.y[1] < top.y[1] - 1.0, "{top:?} -> {after:?}");
    }

    #[test]
    fn projection_puts_corners_and_centre_in_the_right_cells() {
        let v = MapView::world();
        let p = Projection::new(&v, 88, 22);
        // 88x22 cells hold the world exactly (176x88 dots).
        assert_eq!(p.bounds.x, [-30.0, 330.0]);
        assert!((p.bounds.y[1] - 90.0).abs() < EPS);
        assert_eq!(p.cell(loc(90.0, -30.0)), Some((0, 0)));
        // Just west of 30°W is the far east of the map.
        assert_eq!(p.cell(loc(-90.0, -30.001)), Some((87, 21)));
        assert_eq!(p.cell(loc(0.0, 150.0)), Some((44, 11)));
        // Chicago is east of the Pacific, not west of Europe.
        let chicago = p.cell(loc(41.85, -87.65)).expect("Chicago in view");
        let shenyang = p.cell(SHENYANG).expect("Shenyang in view");
        assert!(chicago.0 > shenyang.0 + 20, "{chicago:?} {shenyang:?}");
        // Shenyang is well inside the world view, not at its edge.
        assert!((30..58).contains(&shenyang.0), "{shenyang:?}");
        assert_eq!(p.cell(loc(100.0, 0.0)), None);
        let line = p.line_cells(loc(0.0, -30.0), loc(0.0, 329.999));
        assert_eq!(line.len(), 88, "one cell per column: {line:?}");
        assert!(line.windows(2).all(|w| w[1].0 == w[0].0 + 1));
        // A line that starts off screen is cut to the window.
        let zoomed = Projection::new(&MapView::east_asia(), 86, 36);
        let cells = zoomed.line_cells(loc(41.80, 123.45), loc(-34.60, -58.38));
        assert_eq!(cells.first(), zoomed.cell(loc(41.80, 123.45)).as_ref());
        assert!(cells.len() > 5);
        // A line wholly outside the window has no cells.
        assert!(
            zoomed
                .line_cells(loc(50.0, 0.0), loc(40.0, 10.0))
                .is_empty()
        );
        // The route to Chicago goes over the Arctic: north of both ends.
        let route = p.route_cells(SHENYANG, loc(41.85, -87.65));
        let top = route.iter().map(|c| c.1).min().expect("cells");
        assert!(top + 3 <= shenyang.1, "{route:?}");
        assert_eq!(route.first(), Some(&shenyang));
        assert_eq!(route.last(), Some(&chicago));
        // Every step of the route is to a neighbouring cell: no gaps, no jumps.
        assert!(
            route
                .windows(2)
                .all(|w| w[0].0.abs_diff(w[1].0) <= 1 && w[0].1.abs_diff(w[1].1) <= 1),
            "{route:?}"
        );
        // A zero-sized canvas shows nothing.
        assert_eq!(Projection::new(&v, 0, 0).cell(loc(0.0, 0.0)), None);
    }

    #[test]
    fn zoom_centres_on_the_focus() {
        let (cols, rows) = (86, 36);
        let mut v = MapView::world();
        let sapporo = loc(43.06, 141.35);
        for _ in 0..4 {
            v.zoom_in(sapporo, cols, rows);
        }
        let b = v.bounds(cols, rows);
        assert!((b.central_meridian() - 141.35).abs() < EPS, "{b:?}");
        assert!(((b.y[0] + b.y[1]) / 2.0 - 43.06).abs() < EPS, "{b:?}");
        // A place in the Americas is centred at its longitude in the frame.
        let chicago = loc(41.85, -87.65);
        v.zoom_in(chicago, cols, rows);
        assert!((v.bounds(cols, rows).central_meridian() - 272.35).abs() < 1e-6);
        // Near the world's edge the view stops at the edge instead.
        let mut v = MapView::world();
        let south_pole = loc(-89.0, 0.0);
        for _ in 0..3 {
            v.zoom_in(south_pole, cols, rows);
        }
        let b = v.bounds(cols, rows);
        assert!((b.y[0] + 90.0).abs() < EPS, "{b:?}");
        assert!(b.contains(south_pole));
    }

    #[test]
    fn follow_pans_only_when_the_place_is_off_screen() {
        let (cols, rows) = (86, 36);
        let mut v = MapView::east_asia();
        // Sapporo is on screen: nothing moves.
        assert!(!v.follow(loc(43.06, 141.35), cols, rows));
        assert_eq!(v, MapView::east_asia());
        // Düsseldorf is not: the view centres on it, zoom kept.
        let dus = loc(51.23, 6.77);
        assert!(!v.shows(dus, 1, cols, rows));
        assert!(v.follow(dus, cols, rows));
        assert!(v.shows(dus, 1, cols, rows));
        assert_eq!(v.zoom, 6.0);
        assert!((v.bounds(cols, rows).central_meridian() - 6.77).abs() < EPS);
        // The whole world shows every place: nothing to follow.
        let mut w = MapView::world();
        assert!(!w.follow(loc(-34.6, -58.4), cols, rows));
        assert!(!w.follow(loc(89.0, -29.9), cols, rows));
    }

    #[derive(Debug, Clone, Copy)]
    enum Op {
        In,
        Out,
        Pan(i8, i8),
        Resize(u16, u16),
        World,
        EastAsia,
        Europe,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            2 => Just(Op::In),
            1 => Just(Op::Out),
            6 => (-1i8..=1, -1i8..=1).prop_map(|(x, y)| Op::Pan(x, y)),
            1 => (1u16..300, 1u16..100).prop_map(|(c, r)| Op::Resize(c, r)),
            1 => Just(Op::World),
            1 => Just(Op::EastAsia),
            1 => Just(Op::Europe),
        ]
    }

    /// The window is inside the world, or centred on it where it is wider.
    fn assert_within_limits(b: &Bounds) {
        for (lo, hi, mid, half) in [
            (b.x[0], b.x[1], CENTRAL_MERIDIAN, 180.0),
            (b.y[0], b.y[1], 0.0, 90.0),
        ] {
            if hi - lo < 2.0 * half - EPS {
                assert!(lo >= mid - half - EPS && hi <= mid + half + EPS, "{b:?}");
            } else {
                assert!(
                    ((lo + hi) / 2.0 - mid).abs() < EPS,
                    "wider than the world but not centred: {b:?}"
                );
            }
        }
    }

    proptest! {
        /// After any sequence of zooms, pans, presets and resizes the window
        /// is within the world, and a pan in any direction either moves the
        /// window that way or the window is already at the world's edge there.
        #[test]
        fn pans_always_move_unless_at_the_limit(
            ops in prop::collection::vec(op(), 0..80),
            start in (1u16..300, 1u16..100),
        ) {
            let (mut cols, mut rows) = start;
            let mut v = MapView::world();
            for op in ops {
                match op {
                    Op::In => v.zoom_in(SHENYANG, cols, rows),
                    Op::Out => v.zoom_out(SHENYANG, cols, rows),
                    Op::Pan(dx, dy) => v.pan(f64::from(dx), f64::from(dy), cols, rows),
                    Op::Resize(c, r) => (cols, rows) = (c, r),
                    Op::World => v = MapView::world(),
                    Op::EastAsia => v = MapView::east_asia(),
                    Op::Europe => v = MapView::europe(),
                }
                let b = v.bounds(cols, rows);
                assert_within_limits(&b);
                prop_assert!((MIN_ZOOM..=MAX_ZOOM).contains(&v.zoom));
                for (dx, dy) in [(1.0, 0.0), (-1.0, 0.0), (0.0, 1.0), (0.0, -1.0)] {
                    let mut moved = v;
                    moved.pan(dx, dy, cols, rows);
                    let after = moved.bounds(cols, rows);
                    let (before_c, after_c, edge) = if dx != 0.0 {
                        ((b.x[0] + b.x[1]) / 2.0, (after.x[0] + after.x[1]) / 2.0,
                         if dx > 0.0 { b.x[1] >= 330.0 - EPS } else { b.x[0] <= -30.0 + EPS })
                    } else {
                        ((b.y[0] + b.y[1]) / 2.0, (after.y[0] + after.y[1]) / 2.0,
                         if dy > 0.0 { b.y[1] >= 90.0 - EPS } else { b.y[0] <= -90.0 + EPS })
                    };
                    let step = (after_c - before_c) * (dx + dy);
                    prop_assert!(
                        step > EPS || (edge && step.abs() < EPS),
                        "pan ({dx}, {dy}) at {cols}x{rows} from {b:?} to {after:?}"
                    );
                }
            }
        }
    }
}
