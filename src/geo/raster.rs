//! Drawing onto a grid of dots: the visible window of the map, lines
//! traced dot by dot, and countries filled by scanline.
//!
//! Dots are numbered from the top left. Dot `(x, y)` shows the point at
//! longitude `west + x * (east - west) / (width - 1)` and latitude
//! `north - y * (north - south) / (height - 1)`: the same arithmetic as a
//! ratatui braille canvas uses, so a dot set here lands where the canvas
//! would put that coordinate.

use super::asset::Lines;
use super::seam::{unwrap_into, wrap_delta, wrap_lon};
use super::{BBox, LonLat};

/// The part of the world a map shows, in the longitudes of a map whose
/// central meridian is the middle of `west..east`.
///
/// `west`/`east` may go past ±180° (a Pacific-centred world is `-30..330`).
/// Each place is drawn once, at its longitude wrapped into
/// `[centre - 180, centre + 180)`: a window wider than 360° leaves its
/// margins empty rather than repeating the world.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    pub west: f64,
    pub east: f64,
    pub south: f64,
    pub north: f64,
}

impl Window {
    pub fn new(west: f64, east: f64, south: f64, north: f64) -> Self {
        Self {
            west,
            east,
            south,
            north,
        }
    }

    /// `span_lon` x `span_lat` degrees around `centre`.
    pub fn around(centre: LonLat, span_lon: f64, span_lat: f64) -> Self {
        Self {
            west: centre.0 - span_lon / 2.0,
            east: centre.0 + span_lon / 2.0,
            south: centre.1 - span_lat / 2.0,
            north: centre.1 + span_lat / 2.0,
        }
    }

    /// The whole world, centred on a meridian (150.0: the Pacific).
    pub fn world(central_meridian: f64) -> Self {
        Self::new(
            central_meridian - 180.0,
            central_meridian + 180.0,
            -90.0,
            90.0,
        )
    }

    /// The meridian in the middle; longitudes are wrapped around it.
    pub fn central_meridian(&self) -> f64 {
        (self.west + self.east) / 2.0
    }

    /// The longitudes where anything is drawn: the window, but no more than
    /// one turn of the world around its centre.
    pub fn lon_limits(&self) -> (f64, f64) {
        let c = self.central_meridian();
        (self.west.max(c - 180.0), self.east.min(c + 180.0))
    }

    /// Whether a place shows in the window (at its wrapped longitude).
    pub fn contains(&self, p: LonLat) -> bool {
        let lon = wrap_lon(p.0, self.central_meridian());
        let (lo, hi) = self.lon_limits();
        lon >= lo && lon <= hi && p.1 >= self.south && p.1 <= self.north
    }

    /// The multiples of 360° that, added to longitudes in `west..=east`,
    /// bring some of them into the window (none, one, or two for a line
    /// across the seam).
    pub fn offsets(&self, west: f64, east: f64) -> impl Iterator<Item = f64> + use<> {
        let (lo, hi) = self.lon_limits();
        let first = ((lo - east) / 360.0).ceil();
        let last = ((hi - west) / 360.0).floor();
        let (first, last) = if first.is_finite() && last.is_finite() {
            (first.max(-4.0) as i32, last.min(4.0) as i32)
        } else {
            (1, 0)
        };
        (first..=last).map(|k| f64::from(k) * 360.0)
    }

    /// Whether anything inside the box can show (culling: a `false` means
    /// the box's lines or shapes can be skipped).
    pub fn intersects(&self, bbox: &BBox) -> bool {
        !bbox.is_empty()
            && bbox.south <= self.north
            && bbox.north >= self.south
            && self.offsets(bbox.west, bbox.east).next().is_some()
    }
}

/// A window laid over a grid of `width` x `height` dots.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Raster {
    pub window: Window,
    pub width: u32,
    pub height: u32,
}

impl Raster {
    pub fn new(window: Window, width: u32, height: u32) -> Self {
        Self {
            window,
            width,
            height,
        }
    }

    fn scales(&self) -> (f64, f64) {
        let w = &self.window;
        let sx = f64::from(self.width.saturating_sub(1)) / (w.east - w.west);
        let sy = f64::from(self.height.saturating_sub(1)) / (w.north - w.south);
        (
            if sx.is_finite() { sx } else { 0.0 },
            if sy.is_finite() { sy } else { 0.0 },
        )
    }

    /// Degrees of longitude between neighbouring dots (to pick a
    /// [`Resolution`](super::Resolution)).
    pub fn degrees_per_dot(&self) -> f64 {
        (self.window.east - self.window.west) / f64::from(self.width.saturating_sub(1).max(1))
    }

    /// Fractional dot coordinates of a place, its longitude wrapped around
    /// the window's central meridian. Not limited to the grid.
    pub fn project(&self, p: LonLat) -> (f64, f64) {
        let (sx, sy) = self.scales();
        let lon = wrap_lon(p.0, self.window.central_meridian());
        (
            (lon - self.window.west) * sx,
            (self.window.north - p.1) * sy,
        )
    }

    /// The dot showing a place, if it is in the window.
    pub fn dot(&self, p: LonLat) -> Option<(u32, u32)> {
        if !self.window.contains(p) {
            return None;
        }
        let (x, y) = self.project(p);
        let (x, y) = ((x + 0.5).floor(), (y + 0.5).floor());
        (x >= 0.0 && y >= 0.0 && x < f64::from(self.width) && y < f64::from(self.height))
            .then_some((x as u32, y as u32))
    }

    /// Dot x (fractional) of a longitude already in the window's frame.
    fn x_of(&self, lon: f64, sx: f64) -> f64 {
        (lon - self.window.west) * sx
    }

    /// The rectangle, in dot coordinates, inside which lines are drawn:
    /// the grid, narrowed to [`Window::lon_limits`].
    fn clip_rect(&self, sx: f64) -> [f64; 4] {
        let (lo, hi) = self.window.lon_limits();
        let w = f64::from(self.width);
        let h = f64::from(self.height);
        [
            self.x_of(lo, sx).max(-0.5),
            self.x_of(hi, sx).min(w - 0.5),
            -0.5,
            h - 0.5,
        ]
    }
}

/// One bit per dot, row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DotMask {
    width: u32,
    height: u32,
    words_per_row: usize,
    words: Vec<u64>,
}

impl DotMask {
    pub fn new(width: u32, height: u32) -> Self {
        let words_per_row = (width as usize).div_ceil(64);
        Self {
            width,
            height,
            words_per_row,
            words: vec![0; words_per_row * height as usize],
        }
    }

    pub fn width(&self) -> u32 {
        self.width
    }

    pub fn height(&self) -> u32 {
        self.height
    }

    /// Clears every dot, keeping the allocation.
    pub fn clear(&mut self) {
        self.words.fill(0);
    }

    pub fn get(&self, x: u32, y: u32) -> bool {
        if x >= self.width || y >= self.height {
            return false;
        }
        let i = y as usize * self.words_per_row + x as usize / 64;
        self.words.get(i).is_some_and(|w| w >> (x % 64) & 1 == 1)
    }

    /// Sets a dot; outside the grid: nothing.
    pub fn set(&mut self, x: u32, y: u32) {
        if x >= self.width || y >= self.height {
            return;
        }
        let i = y as usize * self.words_per_row + x as usize / 64;
        if let Some(w) = self.words.get_mut(i) {
            *w |= 1 << (x % 64);
        }
    }

    /// Sets dots `x0..=x1` of row `y` (clipped to the grid).
    pub fn set_span(&mut self, y: u32, x0: u32, x1: u32) {
        if y >= self.height || x0 > x1 || x0 >= self.width {
            return;
        }
        let x1 = x1.min(self.width - 1);
        let row = y as usize * self.words_per_row;
        let (w0, w1) = (x0 as usize / 64, x1 as usize / 64);
        for wi in w0..=w1 {
            let lo = if wi == w0 { x0 % 64 } else { 0 };
            let hi = if wi == w1 { x1 % 64 } else { 63 };
            let bits = (u64::MAX >> (63 - hi)) & (u64::MAX << lo);
            if let Some(w) = self.words.get_mut(row + wi) {
                *w |= bits;
            }
        }
    }

    /// Number of dots set.
    pub fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// The dots set, row by row.
    pub fn iter(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        let wpr = self.words_per_row.max(1);
        self.words.iter().enumerate().flat_map(move |(i, &word)| {
            let y = (i / wpr) as u32;
            let base = ((i % wpr) * 64) as u32;
            let mut bits = word;
            std::iter::from_fn(move || {
                if bits == 0 {
                    return None;
                }
                let b = bits.trailing_zeros();
                bits &= bits - 1;
                Some((base + b, y))
            })
        })
    }

    /// Adds every dot of `other` (of the same size; otherwise nothing).
    pub fn union_with(&mut self, other: &DotMask) {
        if other.width == self.width && other.height == self.height {
            for (a, b) in self.words.iter_mut().zip(&other.words) {
                *a |= b;
            }
        }
    }

    /// The Unicode braille pattern of terminal cell `(cx, cy)`, which holds
    /// dots `2cx..2cx+2` x `4cy..4cy+4`: bit `n` is braille dot `n + 1`, so
    /// `char::from_u32(0x2800 + bits)` is the character to print.
    pub fn braille(&self, cx: u32, cy: u32) -> u8 {
        const BITS: [[u8; 2]; 4] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]];
        let mut out = 0u8;
        for (dy, row) in BITS.iter().enumerate() {
            for (dx, bit) in row.iter().enumerate() {
                if self.get(cx * 2 + dx as u32, cy * 4 + dy as u32) {
                    out |= bit;
                }
            }
        }
        out
    }
}

/// Traces a polyline (any longitudes: it is made continuous, then drawn at
/// every position where it shows, so it wraps at the window's seam). A
/// single point is drawn as a dot.
pub fn trace_polyline(points: &[LonLat], raster: &Raster, mask: &mut DotMask) {
    let mut continuous = Vec::with_capacity(points.len());
    unwrap_into(points, &mut continuous);
    let bbox = BBox::of(&continuous);
    trace_continuous(&continuous, &bbox, raster, mask);
}

/// Traces every polyline of `lines` that can show in the window, skipping
/// the others by their bounding boxes; returns how many were traced.
pub fn trace_lines(lines: &Lines, raster: &Raster, mask: &mut DotMask) -> usize {
    let mut traced = 0;
    for (points, bbox) in lines.iter() {
        if trace_continuous(points, &bbox, raster, mask) {
            traced += 1;
        }
    }
    traced
}

/// Traces a polyline whose longitudes are continuous, at each offset of
/// 360° where its box meets the window. Returns whether it was in view.
fn trace_continuous(points: &[LonLat], bbox: &BBox, raster: &Raster, mask: &mut DotMask) -> bool {
    let window = &raster.window;
    if bbox.is_empty() || bbox.south > window.north || bbox.north < window.south {
        return false;
    }
    let (sx, sy) = raster.scales();
    let rect = raster.clip_rect(sx);
    let mut shown = false;
    for offset in window.offsets(bbox.west, bbox.east) {
        shown = true;
        let to_dot =
            |&(lon, lat): &LonLat| ((lon + offset - window.west) * sx, (window.north - lat) * sy);
        let mut iter = points.iter().map(to_dot);
        let Some(mut p) = iter.next() else {
            continue;
        };
        if points.len() == 1 {
            plot(mask, p, &rect);
            continue;
        }
        // Wholly inside (most pieces at any zoom): no clipping needed.
        let (x0, y0) = to_dot(&(bbox.west, bbox.north));
        let (x1, y1) = to_dot(&(bbox.east, bbox.south));
        if x0 >= rect[0] && x1 <= rect[1] && y0 >= rect[2] && y1 <= rect[3] {
            for q in iter {
                draw_inside(mask, p, q);
                p = q;
            }
        } else {
            for q in iter {
                draw_segment(mask, p, q, &rect);
                p = q;
            }
        }
    }
    shown
}

fn plot(mask: &mut DotMask, (x, y): (f64, f64), rect: &[f64; 4]) {
    if x >= rect[0] && x <= rect[1] && y >= rect[2] && y <= rect[3] {
        let (x, y) = ((x + 0.5).floor(), (y + 0.5).floor());
        if x >= 0.0 && y >= 0.0 {
            mask.set(x as u32, y as u32);
        }
    }
}

/// Draws the part of segment `p`–`q` inside `rect` ([x0, x1, y0, y1]),
/// one dot per step along its longer axis.
fn draw_segment(mask: &mut DotMask, p: (f64, f64), q: (f64, f64), rect: &[f64; 4]) {
    // Quick rejection: both ends beyond the same side.
    if (p.0 < rect[0] && q.0 < rect[0])
        || (p.0 > rect[1] && q.0 > rect[1])
        || (p.1 < rect[2] && q.1 < rect[2])
        || (p.1 > rect[3] && q.1 > rect[3])
    {
        return;
    }
    let Some((a, b)) = clip(p, q, rect) else {
        return;
    };
    draw_inside(mask, a, b);
}

/// Draws segment `a`–`b`, both ends inside the grid (coordinates of at
/// least -0.5), one dot per step along its longer axis.
fn draw_inside(mask: &mut DotMask, a: (f64, f64), b: (f64, f64)) {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    if !(dx.is_finite() && dy.is_finite()) {
        return;
    }
    let steps = dx.abs().max(dy.abs()).ceil();
    // Casting rounds towards zero, which is floor for these non-negative
    // values (and saturates anything stray to 0 or u32::MAX).
    if steps < 1.0 {
        mask.set((a.0 + 0.5) as u32, (a.1 + 0.5) as u32);
        mask.set((b.0 + 0.5) as u32, (b.1 + 0.5) as u32);
        return;
    }
    let n = steps.min(65_536.0) as u32;
    let (step_x, step_y) = (dx / f64::from(n), dy / f64::from(n));
    let (mut x, mut y) = (a.0 + 0.5, a.1 + 0.5);
    for _ in 0..=n {
        mask.set(x as u32, y as u32);
        x += step_x;
        y += step_y;
    }
}

/// Liang–Barsky: the part of `p`–`q` inside `rect`.
fn clip(p: (f64, f64), q: (f64, f64), rect: &[f64; 4]) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (q.0 - p.0, q.1 - p.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (denom, num) in [
        (-dx, p.0 - rect[0]),
        (dx, rect[1] - p.0),
        (-dy, p.1 - rect[2]),
        (dy, rect[3] - p.1),
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
    (t0 <= t1 && t0.is_finite() && t1.is_finite()).then_some((
        (p.0 + t0 * dx, p.1 + t0 * dy),
        (p.0 + t1 * dx, p.1 + t1 * dy),
    ))
}

/// Fills polygons onto a [`DotMask`] by scanline, even-odd; keeps its
/// buffers between calls so filling many countries allocates once.
#[derive(Debug, Default, Clone)]
pub struct Filler {
    ring: Vec<LonLat>,
    /// (row, x) where an edge crosses a row's centre line.
    crossings: Vec<(u32, f32)>,
    row_starts: Vec<u32>,
    xs: Vec<f32>,
}

impl Filler {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets every dot whose centre is inside the shape made of `rings`
    /// (outer boundaries and holes alike, even-odd; a ring need not repeat
    /// its first point). Each ring's longitudes are made continuous, and a
    /// ring that goes once round the world (Antarctica) is closed through
    /// the pole on its side. Shapes across the window's seam are filled on
    /// both edges. Dots already set stay set.
    pub fn fill<'a>(
        &mut self,
        rings: impl IntoIterator<Item = &'a [LonLat]>,
        raster: &Raster,
        mask: &mut DotMask,
    ) {
        let (width, height) = (
            raster.width.min(mask.width()),
            raster.height.min(mask.height()),
        );
        if width == 0 || height == 0 {
            return;
        }
        let window = raster.window;
        let (sx, sy) = raster.scales();
        self.crossings.clear();
        for ring in rings {
            unwrap_into(ring, &mut self.ring);
            let (Some(&first), Some(&last)) = (self.ring.first(), self.ring.last()) else {
                continue;
            };
            // Once round the world: close the ring along the pole's parallel.
            let turn = last.0 + wrap_delta(first.0 - last.0) - first.0;
            if turn.abs() > 180.0 {
                let mean_lat = self.ring.iter().map(|p| p.1).sum::<f64>() / self.ring.len() as f64;
                let pole = if mean_lat < 0.0 { -90.0 } else { 90.0 };
                self.ring.push((last.0, pole));
                self.ring.push((first.0, pole));
            }
            let bbox = BBox::of(&self.ring);
            if bbox.is_empty() || bbox.south > window.north || bbox.north < window.south {
                continue;
            }
            for offset in window.offsets(bbox.west, bbox.east) {
                let n = self.ring.len();
                for i in 0..n {
                    let (Some(&a), Some(&b)) = (self.ring.get(i), self.ring.get((i + 1) % n))
                    else {
                        continue;
                    };
                    let (ax, ay) = ((a.0 + offset - window.west) * sx, (window.north - a.1) * sy);
                    let (bx, by) = ((b.0 + offset - window.west) * sx, (window.north - b.1) * sy);
                    if ay == by || !(ay.is_finite() && by.is_finite()) {
                        continue;
                    }
                    // Rows whose centre y = j satisfies min <= j < max.
                    let (y0, y1) = (ay.min(by), ay.max(by));
                    let j0 = y0.ceil().max(0.0);
                    let j1 = (y1.ceil() - 1.0).min(f64::from(height - 1));
                    if j0 > j1 {
                        continue;
                    }
                    let slope = (bx - ax) / (by - ay);
                    let mut j = j0;
                    while j <= j1 {
                        self.crossings
                            .push((j as u32, (ax + (j - ay) * slope) as f32));
                        j += 1.0;
                    }
                }
            }
        }
        if self.crossings.is_empty() {
            return;
        }
        // Group by row (counting sort), then sort each row's few crossings.
        self.row_starts.clear();
        self.row_starts.resize(height as usize + 1, 0);
        for &(row, _) in &self.crossings {
            if let Some(c) = self.row_starts.get_mut(row as usize + 1) {
                *c += 1;
            }
        }
        for i in 1..self.row_starts.len() {
            let prev = self.row_starts.get(i - 1).copied().unwrap_or(0);
            if let Some(c) = self.row_starts.get_mut(i) {
                *c += prev;
            }
        }
        self.xs.clear();
        self.xs.resize(self.crossings.len(), 0.0);
        let mut next = self.row_starts.clone();
        for &(row, x) in &self.crossings {
            if let Some(slot) = next.get_mut(row as usize) {
                if let Some(dst) = self.xs.get_mut(*slot as usize) {
                    *dst = x;
                }
                *slot += 1;
            }
        }
        // Columns whose longitude is within the drawn range.
        let (lo, hi) = window.lon_limits();
        let col_min = raster.x_of(lo, sx).ceil().max(0.0);
        let col_max = raster.x_of(hi, sx).floor().min(f64::from(width - 1));
        if col_min > col_max {
            return;
        }
        for row in 0..height {
            let (Some(&s), Some(&e)) = (
                self.row_starts.get(row as usize),
                self.row_starts.get(row as usize + 1),
            ) else {
                continue;
            };
            let Some(xs) = self.xs.get_mut(s as usize..e as usize) else {
                continue;
            };
            if xs.len() < 2 {
                continue;
            }
            xs.sort_unstable_by(f32::total_cmp);
            for pair in xs.chunks_exact(2) {
                // Dots i with a <= i < b.
                let a = f64::from(pair[0]).ceil().max(col_min);
                let b = (f64::from(pair[1]).ceil() - 1.0).min(col_max);
                if a <= b {
                    mask.set_span(row, a as u32, b as u32);
                }
            }
        }
    }
}

/// Fills one shape with a fresh [`Filler`] (use one [`Filler`] for many).
pub fn fill_rings<'a>(
    rings: impl IntoIterator<Item = &'a [LonLat]>,
    raster: &Raster,
    mask: &mut DotMask,
) {
    Filler::new().fill(rings, raster, mask);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(w: f64, s: f64, e: f64, n: f64) -> Vec<LonLat> {
        vec![(w, s), (e, s), (e, n), (w, n), (w, s)]
    }

    /// 361 x 181 dots over the world: one dot per degree, dot (x, y) at
    /// lon -180 + x, lat 90 - y.
    fn degree_grid(centre: f64) -> Raster {
        Raster::new(Window::world(centre), 361, 181)
    }

    #[test]
    fn window_offsets_and_limits() {
        let w = Window::world(150.0);
        assert_eq!(w.central_meridian(), 150.0);
        assert_eq!(w.lon_limits(), (-30.0, 330.0));
        let offs: Vec<f64> = w.offsets(-180.0, -170.0).collect();
        assert_eq!(offs, vec![360.0]);
        let offs: Vec<f64> = w.offsets(-50.0, -20.0).collect();
        assert_eq!(offs, vec![0.0, 360.0], "Greenland straddles the seam");
        assert!(w.contains((-87.65, 41.85)));
        // A window wider than the world draws each place once.
        let wide = Window::new(-250.0, 250.0, -90.0, 90.0);
        assert_eq!(wide.lon_limits(), (-180.0, 180.0));
        assert_eq!(wide.offsets(10.0, 20.0).count(), 1);
        let europe = Window::around((12.0, 48.0), 60.0, 36.0);
        assert!(europe.intersects(&BBox::of(&[(5.0, 50.0), (6.0, 51.0)])));
        assert!(!europe.intersects(&BBox::of(&[(125.0, 30.0), (145.0, 45.0)])));
        assert!(!europe.intersects(&BBox::EMPTY));
    }

    #[test]
    fn projection_matches_the_canvas_arithmetic() {
        let r = degree_grid(0.0);
        assert_eq!(r.project((-180.0, 90.0)), (0.0, 0.0));
        assert_eq!(r.project((0.0, 0.0)), (180.0, 90.0));
        assert_eq!(r.dot((179.0, -90.0)), Some((359, 180)));
        let pacific = degree_grid(150.0);
        assert_eq!(pacific.dot((123.0, 41.0)), Some((153, 49)));
        assert_eq!(pacific.dot((-87.0, 41.0)), Some((303, 49)));
        let europe = Raster::new(Window::around((12.0, 48.0), 60.0, 36.0), 400, 240);
        assert_eq!(europe.dot((123.0, 41.0)), None);
    }

    #[test]
    fn fill_of_a_square() {
        let r = degree_grid(0.0);
        let mut m = DotMask::new(361, 181);
        fill_rings([square(10.0, 20.0, 20.0, 30.0).as_slice()], &r, &mut m);
        // Dot centres at whole degrees: x 10..20 (lon), rows for lat in (20, 30].
        assert_eq!(m.count(), 10 * 10, "{}", m.count());
        assert!(m.get(190, 60)); // lon 10, lat 30
        assert!(m.get(199, 69)); // lon 19, lat 21
        assert!(!m.get(200, 65)); // lon 20
        assert!(!m.get(195, 70)); // lat 20
        // The same square without its closing point, wound the other way.
        let mut m2 = DotMask::new(361, 181);
        let open = [(10.0, 20.0), (10.0, 30.0), (20.0, 30.0), (20.0, 20.0)];
        fill_rings([open.as_slice()], &r, &mut m2);
        assert_eq!(m, m2);
    }

    #[test]
    fn fill_of_a_square_with_a_hole() {
        let r = degree_grid(0.0);
        let mut m = DotMask::new(361, 181);
        let outer = square(0.5, 0.5, 10.5, 10.5);
        let hole = square(3.5, 3.5, 6.5, 6.5);
        fill_rings([outer.as_slice(), hole.as_slice()], &r, &mut m);
        assert_eq!(m.count(), 100 - 9);
        assert!(!m.get(185, 85)); // lon 5, lat 5: in the hole
        assert!(m.get(181, 89)); // lon 1, lat 1
    }

    #[test]
    fn fill_across_the_seam_lands_on_both_edges() {
        // A square from 170°E to 170°W on a Greenwich map.
        let r = degree_grid(0.0);
        let mut m = DotMask::new(361, 181);
        fill_rings([square(169.5, -5.5, -169.5, 4.5).as_slice()], &r, &mut m);
        // 170°E..180° (11 columns, 180° included) and 180°..170°W (11
        // columns, -180° included: the grid shows that meridian twice).
        assert_eq!(m.count(), 22 * 10);
        assert!(m.get(355, 90)); // 175°E
        assert!(m.get(5, 90)); // 175°W
        assert!(!m.get(180, 90));
        // On a Pacific map it is one block in the middle.
        let r = degree_grid(180.0);
        let mut m = DotMask::new(361, 181);
        fill_rings([square(169.5, -5.5, -169.5, 4.5).as_slice()], &r, &mut m);
        assert_eq!(m.count(), 21 * 10);
        assert!(m.get(180, 90));
    }

    #[test]
    fn fill_of_a_ring_round_the_pole() {
        // Antarctica-like: a ring along 60°S all the way round, open.
        let ring: Vec<LonLat> = (0..=36)
            .map(|i| (-180.0 + 10.0 * f64::from(i), -60.0))
            .collect();
        let r = degree_grid(150.0);
        let mut m = DotMask::new(361, 181);
        fill_rings([ring.as_slice()], &r, &mut m);
        // Rows for lat -60 .. -89 (30 rows), every column.
        assert_eq!(m.count(), 30 * 361, "{}", m.count());
    }

    #[test]
    fn traced_lines_wrap_at_the_seam() {
        // A line across the antimeridian on a Greenwich map: two short
        // pieces at the edges, nothing across the middle.
        let r = degree_grid(0.0);
        let mut m = DotMask::new(361, 181);
        trace_polyline(&[(170.0, 0.0), (-170.0, 0.0)], &r, &mut m);
        assert!(m.get(360, 90) && m.get(350, 90) && m.get(0, 90) && m.get(10, 90));
        assert!(!m.get(180, 90));
        assert_eq!(m.count(), 11 + 11);
        // Non-finite points draw nothing (and do not reach dot (0, 0)).
        let mut m = DotMask::new(361, 181);
        trace_polyline(&[(f64::NAN, 0.0), (10.0, 10.0)], &r, &mut m);
        assert!(!m.get(0, 0));
        // A single point is a dot.
        let mut m = DotMask::new(361, 181);
        trace_polyline(&[(0.0, 0.0)], &r, &mut m);
        assert_eq!(m.iter().collect::<Vec<_>>(), vec![(180, 90)]);
        // Outside a regional window: nothing.
        let europe = Raster::new(Window::around((12.0, 48.0), 60.0, 36.0), 400, 240);
        let mut m = DotMask::new(400, 240);
        trace_polyline(&[(120.0, 30.0), (140.0, 40.0)], &europe, &mut m);
        assert_eq!(m.count(), 0);
    }

    #[test]
    fn dot_mask_spans_iter_and_braille() {
        let mut m = DotMask::new(130, 3);
        m.set_span(1, 60, 129);
        assert_eq!(m.count(), 70);
        m.set_span(2, 200, 300);
        m.set(500, 0);
        assert_eq!(m.count(), 70);
        let dots: Vec<(u32, u32)> = m.iter().take(2).collect();
        assert_eq!(dots, vec![(60, 1), (61, 1)]);
        let mut b = DotMask::new(4, 8);
        b.set(0, 0);
        b.set(1, 3);
        assert_eq!(b.braille(0, 0), 0x01 | 0x80);
        assert_eq!(b.braille(1, 1), 0);
        let mut c = DotMask::new(4, 8);
        c.union_with(&b);
        assert_eq!(c, b);
        c.clear();
        assert_eq!(c.count(), 0);
    }
}
