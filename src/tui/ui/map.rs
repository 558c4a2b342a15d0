//! The map view: a braille world map with Shenyang and the listed partners,
//! the selected one joined to Shenyang by its great circle, and the selected
//! partner's name, country, kind and distance beside the map (or, in narrow
//! terminals, in one or two lines under it).
//!
//! The geography is Natural Earth's (`src/geo`, decoded the first time a
//! map is drawn): coastlines and borders traced as lines, 1:110m for the
//! world and 1:50m once a dot covers less than half a degree; countries
//! with listed partners filled with a dot pattern whose density (and
//! colour) grows with their number of partners, so the shading reads
//! without colour too. On request, routes to every listed partner and
//! distance rings around Shenyang. All of it is rasterised into dot masks
//! ([`layers`]) and written as braille cells.
//!
//! Markers, the selected route and labels are put into the cells
//! afterwards, so that they can be placed without covering each other:
//! markers first (the selected partner, then Shenyang, then the rest), then
//! labels in the same priority order, each on whichever side of its marker
//! is free.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{cut_spans, labelled, spans_width, truncate, width};
use super::{kind_marker, pane};
use crate::data::{Location, PartnerIx, PartnerKind};
use crate::geo::{self, DotMask, Filler, Raster, Resolution, Window};
use crate::present::{Label as L, words};
use crate::tui::map::{Bounds, LabelMode, Projection, RING_KM, distance_km, route_pieces};
use crate::tui::state::State;

/// Marks on the map: they differ by shape, so colour is optional.
pub const HOME_MARK: &str = "■";
pub const SELECTED_MARK: &str = "◉";
/// The line from Shenyang to the selected partner: a chain of dots, which
/// reads as a route without colour, unlike the braille coastlines.
pub const LINE_MARK: &str = "·";

/// From this width the details sit in a side panel; below it, under the map.
pub const SIDE_PANEL_MIN_WIDTH: u16 = 70;
const SIDE_PANEL_WIDTH: u16 = 32;
/// Other partners are named once zoomed in this far (and not too many are
/// in view), or at any zoom once every label is asked for (`t`).
const LABEL_ALL_ZOOM: f64 = 3.0;
const LABEL_ALL_MAX: usize = 60;

/// Partner counts from which a country takes the next shade: 1, 2–4, 5+.
pub const SHADE_FROM: [usize; 3] = [1, 2, 5];

/// The dots of each shade inside a braille cell (bit `n` is braille dot
/// `n + 1`): two of eight, a checkerboard, all. Density tells the shades
/// apart without colour.
pub const SHADE_PATTERN: [u8; 3] = [0x41, 0x95, 0xFF];

/// The shade (0, 1, 2) of a country with `count` partners; none for 0.
pub fn shade_of(count: usize) -> Option<usize> {
    SHADE_FROM.iter().rposition(|&from| count >= from)
}

/// One braille cell drawn in a shade's pattern (for the legend).
pub fn shade_sample(shade: usize) -> char {
    let bits = SHADE_PATTERN.get(shade).copied().unwrap_or(0);
    char::from_u32(0x2800 + u32::from(bits)).unwrap_or(' ')
}

/// Where the map view's parts go in the body area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MapLayout {
    /// The map pane, border included.
    pub map: Rect,
    /// The side panel (wide terminals).
    pub side: Option<Rect>,
    /// Lines under the map (narrow terminals): selection, then legend.
    pub info: Option<Rect>,
}

pub fn layout(body: Rect) -> MapLayout {
    if body.width >= SIDE_PANEL_MIN_WIDTH {
        let [m, s] = Layout::horizontal([Constraint::Min(0), Constraint::Length(SIDE_PANEL_WIDTH)])
            .areas(body);
        return MapLayout {
            map: m,
            side: Some(s),
            info: None,
        };
    }
    let info_rows = match body.height {
        h if h >= 9 => 2,
        h if h >= 5 => 1,
        _ => 0,
    };
    if info_rows == 0 {
        return MapLayout {
            map: body,
            side: None,
            info: None,
        };
    }
    let [m, i] = Layout::vertical([Constraint::Min(0), Constraint::Length(info_rows)]).areas(body);
    MapLayout {
        map: m,
        side: None,
        info: Some(i),
    }
}

/// Columns and rows of the canvas (inside the map pane's border) for this
/// body area: what the map view's zoom and pan work with.
pub fn canvas_size(body: Rect) -> (u16, u16) {
    let m = layout(body).map;
    (m.width.saturating_sub(2), m.height.saturating_sub(2))
}

pub fn draw(app: &State, frame: &mut Frame, body: Rect) {
    let l = layout(body);
    let hidden = draw_canvas(app, frame, l.map);
    if let Some(side) = l.side {
        draw_side(app, frame, side, hidden);
    }
    if let Some(info) = l.info {
        let lines = info_lines(app, usize::from(info.width), usize::from(info.height));
        frame.render_widget(Paragraph::new(lines), info);
    }
}

/// What is drawn where on the canvas, in cells from its top left.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Plot {
    /// (column, row, symbol, style) of every marker shown.
    pub markers: Vec<(u16, u16, &'static str, Style)>,
    /// (column, row, text, style) of every label shown.
    pub labels: Vec<(u16, u16, String, Style)>,
    /// Cells of the line from Shenyang to the selected partner.
    pub line: Vec<(u16, u16)>,
    /// Listed partners in view whose cell another marker already took.
    pub hidden: usize,
}

/// Cell occupancy while placing markers and labels.
struct Cells {
    cols: u16,
    rows: u16,
    /// Markers and placed labels: never covered.
    used: Vec<bool>,
    /// The line to the selected partner: labels avoid it where they can.
    line: Vec<bool>,
}

impl Cells {
    fn new(cols: u16, rows: u16) -> Self {
        let n = usize::from(cols) * usize::from(rows);
        Self {
            cols,
            rows,
            used: vec![false; n],
            line: vec![false; n],
        }
    }

    fn mark_line(&mut self, x: u16, y: u16) {
        let i = self.ix(x, y);
        self.line[i] = true;
    }

    /// Whether `[from, to)` on row `y` crosses the line.
    fn on_line(&self, y: i32, from: i32, to: i32) -> bool {
        let Ok(y) = u16::try_from(y) else {
            return false;
        };
        y < self.rows
            && (from.max(0)..to.min(i32::from(self.cols))).any(|x| self.line[self.ix(x as u16, y)])
    }

    fn ix(&self, x: u16, y: u16) -> usize {
        usize::from(y) * usize::from(self.cols) + usize::from(x)
    }

    fn is_used(&self, x: u16, y: u16) -> bool {
        self.used[self.ix(x, y)]
    }

    fn take(&mut self, x: u16, y: u16) {
        let i = self.ix(x, y);
        self.used[i] = true;
    }

    /// Whether every cell of `[from, to)` on row `y` that lies in the canvas is free.
    fn free(&self, y: i32, from: i32, to: i32) -> bool {
        let Ok(y) = u16::try_from(y) else { return true };
        if y >= self.rows {
            return true;
        }
        (from.max(0)..to.min(i32::from(self.cols))).all(|x| !self.is_used(x as u16, y))
    }

    fn take_span(&mut self, y: i32, from: i32, to: i32) {
        let Ok(y) = u16::try_from(y) else { return };
        if y >= self.rows {
            return;
        }
        for x in from.max(0)..to.min(i32::from(self.cols)) {
            self.take(x as u16, y);
        }
    }
}

/// Which way a label should prefer to go from its marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prefer {
    Right,
    Left,
}

/// Which cells a label may cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Room {
    /// Its own row only, never across the line (other partners).
    Row,
    /// Its row or diagonally above or below, across the line only if
    /// nothing else fits (the selected partner and Shenyang).
    Anywhere,
}

/// Finds a place for a label of `text` next to the marker at `(cx, cy)`:
/// on its row, right or left (with a space between marker and text), or,
/// for labels that must show, diagonally above or below. The cells it
/// covers, plus one cell of margin, must hold no marker or label and the
/// text must fit the canvas. Returns the column and row where the text starts.
fn place(
    cells: &Cells,
    cx: u16,
    cy: u16,
    text_width: usize,
    prefer: Prefer,
    room: Room,
) -> Option<(u16, u16)> {
    let diagonals = room == Room::Anywhere;
    let (cx, cy, w) = (i32::from(cx), i32::from(cy), text_width as i32);
    let (cols, rows) = (i32::from(cells.cols), i32::from(cells.rows));
    // (row, first text column, reserved span [from, to)).
    let right = (cy, cx + 2, cx + 1, cx + 3 + w);
    let left = (cy, cx - 1 - w, cx - 2 - w, cx);
    let mut candidates = match prefer {
        Prefer::Right => vec![right, left],
        Prefer::Left => vec![left, right],
    };
    if diagonals {
        for dy in [-1, 1] {
            let r = (cy + dy, cx + 1, cx, cx + 2 + w);
            let l = (cy + dy, cx - w, cx - w - 1, cx + 1);
            match prefer {
                Prefer::Right => candidates.extend([r, l]),
                Prefer::Left => candidates.extend([l, r]),
            }
        }
    }
    let ok = |&(y, x, from, to): &(i32, i32, i32, i32), cross_line: bool| {
        let fits = y >= 0 && y < rows && x >= 0 && x + w <= cols;
        fits && cells.free(y, from, to) && (cross_line || !cells.on_line(y, from, to))
    };
    let found = candidates.iter().find(|c| ok(c, false)).or_else(|| {
        if room == Room::Anywhere {
            candidates.iter().find(|c| ok(c, true))
        } else {
            None
        }
    });
    found.map(|&(y, x, _, _)| (x as u16, y as u16))
}

/// The label as drawn: the text with the space between it and its marker
/// (which hides the land there), and the column it starts at.
fn label_text(marker: (u16, u16), at: (u16, u16), text: String) -> (u16, u16, String) {
    if at.1 != marker.1 {
        (at.0, at.1, text)
    } else if at.0 > marker.0 {
        (marker.0 + 1, at.1, format!(" {text}"))
    } else {
        (at.0, at.1, format!("{text} "))
    }
}

/// Reserves the cells of a placed label (text, the gap to its marker and a margin).
fn reserve_label(cells: &mut Cells, marker: (u16, u16), at: (u16, u16), text_width: usize) {
    let (mx, my) = (i32::from(marker.0), i32::from(marker.1));
    let (x, y, w) = (i32::from(at.0), i32::from(at.1), text_width as i32);
    let (from, to) = if y == my {
        if x > mx {
            (mx + 1, x + w + 1)
        } else {
            (x - 1, mx)
        }
    } else {
        (x - 1, x + w + 1)
    };
    cells.take_span(y, from, to);
}

/// Places a label that must be shown: full text if any place fits, else
/// the longest truncation that fits somewhere.
fn place_required(
    cells: &Cells,
    marker: (u16, u16),
    text: &str,
    prefer: Prefer,
) -> Option<(u16, u16, String)> {
    let full = width(text);
    (1..=full).rev().find_map(|w| {
        let t = truncate(text, w);
        let tw = width(&t);
        place(cells, marker.0, marker.1, tw, prefer, Room::Anywhere).map(|(x, y)| (x, y, t))
    })
}

/// Lays out the markers, the line and the labels for a canvas of
/// `cols` x `rows` cells.
pub fn plot(app: &State, cols: u16, rows: u16) -> Plot {
    let mut out = Plot::default();
    if cols == 0 || rows == 0 {
        return out;
    }
    let t = &app.theme;
    let proj = Projection::new(&app.map, cols, rows);
    let home = app.data.home.location;
    let selected = app.selected_partner();
    let selected_loc = selected
        .and_then(|ix| app.data.partners.get(ix))
        .and_then(|p| p.location);
    let home_cell = proj.cell(home);
    let selected_cell = selected_loc.and_then(|l| proj.cell(l));
    if let Some(loc) = selected_loc {
        out.line = proj.route_cells(home, loc);
        // The endpoints hold markers.
        out.line
            .retain(|c| Some(*c) != home_cell && Some(*c) != selected_cell);
    }

    let mut cells = Cells::new(cols, rows);
    for &(x, y) in &out.line {
        cells.mark_line(x, y);
    }
    // Markers, most important first; a later one in a taken cell is hidden.
    if let Some((x, y)) = selected_cell {
        cells.take(x, y);
        out.markers.push((x, y, SELECTED_MARK, t.map_line));
    }
    if let Some((x, y)) = home_cell
        && !cells.is_used(x, y)
    {
        cells.take(x, y);
        out.markers.push((x, y, HOME_MARK, t.map_home));
    }
    let mut others: Vec<(PartnerIx, (u16, u16))> = Vec::new();
    for hit in &app.partners.rows {
        if Some(hit.ix) == selected {
            continue;
        }
        let Some(p) = app.data.partners.get(hit.ix) else {
            continue;
        };
        let Some(cell) = p.location.and_then(|l| proj.cell(l)) else {
            continue;
        };
        if cells.is_used(cell.0, cell.1) {
            out.hidden += 1;
            continue;
        }
        cells.take(cell.0, cell.1);
        let (mark, style) = kind_marker(app, p.kind);
        out.markers.push((cell.0, cell.1, mark, style));
        others.push((hit.ix, cell));
    }

    // Labels: the selected partner's and Shenyang's always (on the side away
    // from each other, where the line is not), the others where they fit.
    let away = |from: Option<(u16, u16)>, to: Option<(u16, u16)>| match (from, to) {
        (Some(a), Some(b)) if b.0 > a.0 => Prefer::Left,
        _ => Prefer::Right,
    };
    if let (Some(ix), Some(cell)) = (selected, selected_cell) {
        let name = app.partner_name(ix).to_string();
        if let Some((x, y, text)) = place_required(&cells, cell, &name, away(Some(cell), home_cell))
        {
            reserve_label(&mut cells, cell, (x, y), width(&text));
            let (x, y, text) = label_text(cell, (x, y), text);
            out.labels.push((x, y, text, t.map_line));
        }
    }
    if let Some(cell) = home_cell {
        let name = app.home_name().to_string();
        if let Some((x, y, text)) =
            place_required(&cells, cell, &name, away(Some(cell), selected_cell))
        {
            reserve_label(&mut cells, cell, (x, y), width(&text));
            let (x, y, text) = label_text(cell, (x, y), text);
            out.labels.push((x, y, text, t.map_home));
        }
    }
    if app.map_layers.rings {
        for km in RING_KM {
            let text = words::km(app.lang, &thousands(km as u64));
            if let Some((x, y)) = place_on_ring(&cells, &proj, home, km, width(&text)) {
                cells.take_span(
                    i32::from(y),
                    i32::from(x) - 1,
                    i32::from(x) + width(&text) as i32 + 1,
                );
                out.labels.push((x, y, text, t.dim));
            }
        }
    }
    if app.map_layers.labels == LabelMode::All {
        // Every marker: its full name anywhere around it that covers no
        // marker or label, else the longest shortening of at least a few
        // characters that fits.
        for (ix, cell) in others {
            let name = app.partner_name(ix);
            if let Some((x, y, text)) = place_shortened(&cells, cell, name, ALL_LABELS_MIN) {
                reserve_label(&mut cells, cell, (x, y), width(&text));
                let (x, y, text) = label_text(cell, (x, y), text);
                out.labels.push((x, y, text, t.dim));
            }
        }
    } else if app.map_layers.labels == LabelMode::Auto
        && app.map.zoom >= LABEL_ALL_ZOOM
        && others.len() <= LABEL_ALL_MAX
    {
        for (ix, cell) in others {
            let name = app.partner_name(ix);
            let w = width(name);
            if let Some(at) = place(&cells, cell.0, cell.1, w, Prefer::Right, Room::Row) {
                reserve_label(&mut cells, cell, at, w);
                let (x, y, text) = label_text(cell, at, name.to_string());
                out.labels.push((x, y, text, t.dim));
            }
        }
    }
    out
}

/// The shortest a label may be cut to when every marker is labelled.
const ALL_LABELS_MIN: usize = 4;

/// Places a label anywhere around its marker: the full text if it fits,
/// else the longest of a few truncations (16, 12, 8 columns, then `min`)
/// that fits.
fn place_shortened(
    cells: &Cells,
    marker: (u16, u16),
    text: &str,
    min: usize,
) -> Option<(u16, u16, String)> {
    let full = width(text);
    // The full text, then a few shorter cuts (each try scans the cells
    // around the marker, so not every width).
    let widths = std::iter::once(full).chain(
        [16, 12, 8, min]
            .into_iter()
            .filter(move |&w| w < full && w >= min.min(full).max(1)),
    );
    widths.into_iter().find_map(|w| {
        let t = truncate(text, w);
        let tw = width(&t);
        place(cells, marker.0, marker.1, tw, Prefer::Right, Room::Anywhere).map(|(x, y)| (x, y, t))
    })
}

/// Where a ring's label goes: on the ring due south of Shenyang, else
/// north, east or west, wherever it is on screen and covers nothing.
fn place_on_ring(
    cells: &Cells,
    proj: &Projection,
    home: Location,
    km: f64,
    text_width: usize,
) -> Option<(u16, u16)> {
    let w = text_width as i32;
    [180.0, 0.0, 90.0, 270.0].into_iter().find_map(|bearing| {
        let (lon, lat) = geo::destination((home.lon, home.lat), bearing, km);
        let (cx, cy) = proj.cell(Location { lat, lon })?;
        let x = i32::from(cx) - w / 2;
        let fits = x >= 0 && x + w <= i32::from(cells.cols);
        (fits && cells.free(i32::from(cy), x - 1, x + w + 1)).then_some((x as u16, cy))
    })
}

/// Writes `text` at a canvas cell, replacing whatever the land drew there
/// (colour and attributes included) with the theme's base and `style`.
fn put(buf: &mut Buffer, area: Rect, base: Style, x: u16, y: u16, text: &str, style: Style) {
    let (x, y) = (area.x + x, area.y + y);
    if x >= area.right() || y >= area.bottom() {
        return;
    }
    let room = usize::from(area.right() - x);
    let w = width(text).min(room) as u16;
    buf.set_style(Rect::new(x, y, w.max(1), 1), Style::reset().patch(base));
    buf.set_stringn(x, y, text, room, style);
}

/// The dots of the map's layers on a canvas of `cols` x `rows` cells (2x4
/// dots each), before markers and labels.
#[derive(Debug, Clone)]
pub struct Dots {
    /// The Natural Earth scale drawn; `None` if the asset could not be read.
    pub resolution: Option<Resolution>,
    /// Coastlines and borders.
    pub land: DotMask,
    /// Countries with listed partners, one mask per shade (whole shapes:
    /// the shade's pattern is applied per cell).
    pub shades: [DotMask; 3],
    /// Routes to every listed partner (on request).
    pub routes: DotMask,
    /// Distance rings (on request).
    pub rings: DotMask,
}

/// The raster of a window on a canvas of `cols` x `rows` cells: the same
/// dot arithmetic as [`Projection`] (and ratatui's braille canvas).
pub fn raster(bounds: &Bounds, cols: u16, rows: u16) -> Raster {
    Raster::new(
        Window::new(bounds.x[0], bounds.x[1], bounds.y[0], bounds.y[1]),
        u32::from(cols) * 2,
        u32::from(rows) * 4,
    )
}

/// Listed partners per country (ISO alpha-2), largest first, then by code.
pub fn partners_per_country(app: &State) -> Vec<(&str, usize)> {
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for hit in &app.partners.rows {
        if let Some(p) = app.data.partners.get(hit.ix) {
            *counts.entry(p.country.as_str()).or_default() += 1;
        }
    }
    let mut out: Vec<(&str, usize)> = counts.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    out
}

/// Rasterises the map's layers for the current view; the geography is
/// decoded on the first call.
pub fn dots(app: &State, cols: u16, rows: u16) -> Dots {
    let bounds = app.map.bounds(cols, rows);
    let raster = raster(&bounds, cols, rows);
    let (w, h) = (raster.width, raster.height);
    let mut out = Dots {
        resolution: None,
        land: DotMask::new(w, h),
        shades: [DotMask::new(w, h), DotMask::new(w, h), DotMask::new(w, h)],
        routes: DotMask::new(w, h),
        rings: DotMask::new(w, h),
    };
    if w == 0 || h == 0 {
        return out;
    }
    let home = app.data.home.location;
    let home_ll = (home.lon, home.lat);
    if let Ok(atlas) = geo::atlas() {
        let res = Resolution::for_degrees_per_dot(raster.degrees_per_dot());
        out.resolution = Some(res);
        geo::trace_lines(atlas.land(res), &raster, &mut out.land);
        geo::trace_lines(atlas.borders(res), &raster, &mut out.land);
        let mut filler = Filler::new();
        for (code, count) in partners_per_country(app) {
            let (Some(shade), Some(shape)) = (shade_of(count), atlas.country(res, code)) else {
                continue;
            };
            if let Some(mask) = out.shades.get_mut(shade) {
                filler.fill(shape.rings(), &raster, mask);
            }
        }
    }
    if app.map_layers.all_routes {
        let mut seen: Vec<(u64, u64)> = Vec::new();
        for hit in &app.partners.rows {
            let Some(loc) = app.data.partners.get(hit.ix).and_then(|p| p.location) else {
                continue;
            };
            let key = (loc.lon.to_bits(), loc.lat.to_bits());
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            for piece in route_pieces(home, loc, bounds.central_meridian()) {
                geo::trace_polyline(&piece, &raster, &mut out.routes);
            }
        }
    }
    if app.map_layers.rings {
        for km in RING_KM {
            let ring = geo::distance_ring(home_ll, km, 180);
            for piece in geo::split_at_seam(&ring, bounds.central_meridian()) {
                geo::trace_polyline(&piece, &raster, &mut out.rings);
            }
        }
    }
    out
}

/// Writes the layers as braille cells into `area` (the canvas). A cell
/// takes the colour of its most important layer: routes, rings, shading,
/// then coastlines and borders.
fn write_dots(app: &State, buf: &mut Buffer, area: Rect, dots: &Dots) {
    let t = &app.theme;
    let shade_styles = [t.map_fill_1, t.map_fill_2, t.map_fill_3];
    for cy in 0..area.height {
        for cx in 0..area.width {
            let (x, y) = (u32::from(cx), u32::from(cy));
            let route = dots.routes.braille(x, y);
            let ring = dots.rings.braille(x, y);
            let land = dots.land.braille(x, y);
            let mut bits = route | ring | land;
            let mut shade = None;
            for (i, (mask, pattern)) in dots.shades.iter().zip(SHADE_PATTERN).enumerate() {
                let b = mask.braille(x, y);
                if b != 0 {
                    bits |= b & pattern;
                    shade = Some(i);
                }
            }
            if bits == 0 {
                continue;
            }
            let style = if route != 0 {
                t.map_line
            } else if ring != 0 {
                t.dim
            } else if let Some(s) = shade.and_then(|i| shade_styles.get(i)) {
                *s
            } else {
                t.map_land
            };
            let ch = char::from_u32(0x2800 + u32::from(bits)).unwrap_or(' ');
            if let Some(cell) = buf.cell_mut((area.x + cx, area.y + cy)) {
                cell.set_char(ch)
                    .set_style(Style::reset().patch(t.base).patch(style));
            }
        }
    }
}

/// Draws the map pane; returns how many listed partners hide behind
/// another marker.
fn draw_canvas(app: &State, frame: &mut Frame, area: Rect) -> usize {
    let t = &app.theme;
    let title = format!(" {} · {:.1}× ", app.lang.tr(L::Map), app.map.zoom);
    let block = pane(
        app,
        Line::from(Span::styled(
            truncate(&title, usize::from(area.width.saturating_sub(2))),
            t.heading,
        )),
        true,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let plot = plot(app, inner.width, inner.height);
    if inner.is_empty() {
        return plot.hidden;
    }
    let dots = dots(app, inner.width, inner.height);
    let buf = frame.buffer_mut();
    buf.set_style(inner, t.base);
    write_dots(app, buf, inner, &dots);
    for &(x, y) in &plot.line {
        put(buf, inner, t.base, x, y, LINE_MARK, t.map_line);
    }
    for (x, y, mark, style) in &plot.markers {
        put(buf, inner, t.base, *x, *y, mark, *style);
    }
    for (x, y, text, style) in &plot.labels {
        put(buf, inner, t.base, *x, *y, text, *style);
    }
    plot.hidden
}

/// "1,473 km from Shenyang" in the current language.
fn distance_text(app: &State, loc: Location) -> (String, String) {
    let km = thousands(distance_km(app.data.home.location, loc).round() as u64);
    (
        words::km_from(app.lang, &km, app.home_name()),
        words::km(app.lang, &km),
    )
}

fn kind_label(app: &State, kind: PartnerKind) -> &'static str {
    words::partner_kind_city(app.lang, kind)
}

/// The side panel: selected partner, legend and counts.
pub fn side_lines(app: &State, cols: usize, hidden: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let lang = app.lang;
    let cols = cols.max(1);
    let mut out: Vec<Line<'static>> = Vec::new();
    match app
        .selected_partner()
        .and_then(|ix| app.data.partners.get(ix).map(|p| (ix, p)))
    {
        Some((ix, p)) => {
            out.push(Line::from(Span::styled(
                truncate(app.partner_name(ix), cols),
                t.title,
            )));
            let country = format!("{} ({})", app.country_name(p.country), p.country);
            out.push(Line::from(Span::styled(truncate(&country, cols), t.text)));
            let (mark, style) = kind_marker(app, p.kind);
            out.push(Line::from(Span::styled(
                truncate(&format!("{mark} {}", kind_label(app, p.kind)), cols),
                style,
            )));
            if let Some(d) = p.established {
                out.extend(labelled(
                    &format!("{}: ", lang.tr(L::Established)),
                    &d.to_string(),
                    cols,
                    t.dim,
                    t.text,
                ));
            }
            let dist = match p.location {
                Some(loc) => distance_text(app, loc).0,
                None => lang.tr(L::NoCoordinates).to_string(),
            };
            out.extend(labelled("", &dist, cols, t.text, t.text));
        }
        None => out.push(Line::from(Span::styled(
            truncate(lang.tr(L::NoPartnersMatch), cols),
            t.dim,
        ))),
    }
    out.push(Line::default());
    out.push(Line::from(Span::styled(
        truncate(lang.tr(L::Legend), cols),
        t.heading,
    )));
    let home = format!("{HOME_MARK} {} ({})", app.home_name(), lang.tr(L::Home));
    out.push(Line::from(Span::styled(truncate(&home, cols), t.map_home)));
    let (s_mark, s_style) = kind_marker(app, PartnerKind::Sister);
    let (c_mark, c_style) = kind_marker(app, PartnerKind::Cooperative);
    out.push(Line::from(Span::styled(
        truncate(&format!("{s_mark} {}", lang.tr(L::SisterCity)), cols),
        s_style,
    )));
    out.push(Line::from(Span::styled(
        truncate(&format!("{c_mark} {}", lang.tr(L::CooperativeCity)), cols),
        c_style,
    )));
    let sel = format!(
        "{SELECTED_MARK}{LINE_MARK}{LINE_MARK}{LINE_MARK}{HOME_MARK} {} – {}",
        lang.tr(L::Selected),
        app.home_name()
    );
    out.push(Line::from(Span::styled(truncate(&sel, cols), t.map_line)));
    if app.map_layers.rings {
        let rings = RING_KM
            .iter()
            .map(|&km| thousands(km as u64))
            .collect::<Vec<_>>()
            .join(" / ");
        let text = format!("◌ {}", words::km(lang, &rings));
        out.push(Line::from(Span::styled(truncate(&text, cols), t.dim)));
    }
    // The shading: a sample of each pattern in its colour, and how many
    // countries have that many listed partners.
    out.push(Line::default());
    out.push(Line::from(Span::styled(
        truncate(lang.tr(L::PartnersPerCountry), cols),
        t.heading,
    )));
    let per_country = partners_per_country(app);
    let shade_styles = [t.map_fill_1, t.map_fill_2, t.map_fill_3];
    for (shade, style) in shade_styles.iter().enumerate() {
        let from = SHADE_FROM.get(shade).copied().unwrap_or(1);
        let range = match SHADE_FROM.get(shade + 1) {
            Some(&next) if next == from + 1 => from.to_string(),
            Some(&next) => format!("{from}–{}", next - 1),
            None => format!("{from}+"),
        };
        let countries = per_country
            .iter()
            .filter(|(_, n)| shade_of(*n) == Some(shade))
            .count();
        let sample: String = std::iter::repeat_n(shade_sample(shade), 2).collect();
        let text = words::countries_with(lang, &range, countries);
        out.push(Line::from(vec![
            Span::styled(sample, *style),
            Span::styled(
                truncate(&format!(" {text}"), cols.saturating_sub(2)),
                t.text,
            ),
        ]));
    }
    out.push(Line::default());
    let listed = app.partners.rows.len();
    let plotted = app
        .partners
        .rows
        .iter()
        .filter(|h| {
            app.data
                .partners
                .get(h.ix)
                .is_some_and(|p| p.location.is_some())
        })
        .count();
    let counts = words::plotted(lang, plotted, listed);
    out.extend(labelled("", &counts, cols, t.dim, t.dim));
    if hidden > 0 {
        let note = words::hidden_markers(lang, hidden);
        out.extend(labelled("", &note, cols, t.dim, t.dim));
    }
    out
}

/// The first of `variants` that fits in `cols`, else the last one cut to fit.
fn first_fitting(variants: Vec<Vec<Span<'static>>>, cols: usize) -> Line<'static> {
    let mut last = Vec::new();
    for v in variants {
        if spans_width(&v) <= cols {
            return Line::from(v);
        }
        last = v;
    }
    Line::from(cut_spans(last, cols))
}

/// The lines under the map in narrow terminals: the selected partner with
/// country, kind and distance; then, if there is a second line, the legend.
pub fn info_lines(app: &State, cols: usize, rows: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let lang = app.lang;
    let mut out = Vec::new();
    if rows == 0 || cols == 0 {
        return out;
    }
    let sep = || Span::styled(" · ", t.dim);
    let first = match app
        .selected_partner()
        .and_then(|ix| app.data.partners.get(ix).map(|p| (ix, p)))
    {
        Some((ix, p)) => {
            let name = Span::styled(
                format!("{SELECTED_MARK} {}", app.partner_name(ix)),
                t.map_line,
            );
            let country_long = Span::styled(
                format!("{} ({})", app.country_name(p.country), p.country),
                t.text,
            );
            let country_short = Span::styled(p.country.as_str().to_string(), t.text);
            let (mark, style) = kind_marker(app, p.kind);
            let kind_long = Span::styled(format!("{mark} {}", kind_label(app, p.kind)), style);
            let kind_short = Span::styled(mark.to_string(), style);
            let dist = Span::styled(
                match p.location {
                    Some(loc) => distance_text(app, loc).1,
                    None => lang.tr(L::NoCoordinates).to_string(),
                },
                t.text,
            );
            let v = |country: &Span<'static>, kind: &Span<'static>| {
                vec![
                    name.clone(),
                    sep(),
                    country.clone(),
                    sep(),
                    kind.clone(),
                    sep(),
                    dist.clone(),
                ]
            };
            first_fitting(
                vec![
                    v(&country_long, &kind_long),
                    v(&country_short, &kind_long),
                    v(&country_short, &kind_short),
                    vec![
                        name.clone(),
                        Span::raw(" "),
                        kind_short.clone(),
                        Span::raw(" "),
                        dist.clone(),
                    ],
                ],
                cols,
            )
        }
        None => Line::from(Span::styled(
            truncate(lang.tr(L::NoPartnersMatch), cols),
            t.dim,
        )),
    };
    out.push(first);
    if rows >= 2 {
        let (s_mark, s_style) = kind_marker(app, PartnerKind::Sister);
        let (c_mark, c_style) = kind_marker(app, PartnerKind::Cooperative);
        let legend = |sister: &str, coop: &str| {
            vec![
                Span::styled(format!("{HOME_MARK} {}", app.home_name()), t.map_home),
                Span::raw("  "),
                Span::styled(format!("{s_mark} {sister}"), s_style),
                Span::raw("  "),
                Span::styled(format!("{c_mark} {coop}"), c_style),
                Span::raw("  "),
                Span::styled(
                    format!(
                        "{SELECTED_MARK}{LINE_MARK}{LINE_MARK}{LINE_MARK} {}",
                        lang.tr(L::Selected)
                    ),
                    t.map_line,
                ),
            ]
        };
        out.push(first_fitting(
            vec![
                legend(lang.tr(L::SisterCity), lang.tr(L::CooperativeCity)),
                legend(lang.tr(L::Sister), lang.tr(L::Cooperative)),
            ],
            cols,
        ));
    }
    out
}

fn draw_side(app: &State, frame: &mut Frame, area: Rect, hidden: usize) {
    let block = pane(
        app,
        Line::from(Span::styled(
            format!(" {} ", app.lang.tr(L::Detail)),
            app.theme.heading,
        )),
        false,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(
        Paragraph::new(side_lines(app, usize::from(inner.width), hidden)),
        inner,
    );
}

/// 12345 → "12,345".
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1470), "1,470");
        assert_eq!(thousands(12345678), "12,345,678");
    }

    #[test]
    fn shades_follow_the_partner_count() {
        assert_eq!(shade_of(0), None);
        assert_eq!(shade_of(1), Some(0));
        assert_eq!(shade_of(2), Some(1));
        assert_eq!(shade_of(4), Some(1));
        assert_eq!(shade_of(5), Some(2));
        assert_eq!(shade_of(14), Some(2));
        // Denser with every shade, so they differ without colour.
        let dots: Vec<u32> = SHADE_PATTERN.iter().map(|p| p.count_ones()).collect();
        assert!(dots.windows(2).all(|w| w[0] < w[1]), "{dots:?}");
        assert_eq!(shade_sample(2), '⣿');
        assert_eq!(shade_sample(9), '\u{2800}');
    }

    #[test]
    fn every_label_shortens_to_fit_but_never_covers_a_marker() {
        // A marker at column 10 with markers two cells away on each side and
        // on the rows above and below: no room for the whole name anywhere.
        let mut cells = Cells::new(30, 3);
        for (x, y) in [(10, 1), (16, 1), (3, 1), (13, 0), (13, 2), (5, 0), (5, 2)] {
            cells.take(x, y);
        }
        let placed = place_shortened(&cells, (10, 1), "Gwangyang-si", 4).expect("a place");
        let (x, y, text) = placed;
        let w = width(&text) as u16;
        assert!((4..12).contains(&w), "{text}");
        assert!(text.ends_with('…'), "{text}");
        for cx in x..x + w {
            assert!(!cells.is_used(cx, y), "{text} covers ({cx}, {y})");
        }
        // A short name is placed whole.
        let (_, _, short) = place_shortened(&cells, (10, 1), "Ulm", 4).expect("a place");
        assert_eq!(short, "Ulm");
        // Nowhere at all: every cell around is taken.
        let mut full = Cells::new(3, 3);
        for x in 0..3 {
            for y in 0..3 {
                full.take(x, y);
            }
        }
        assert_eq!(place_shortened(&full, (1, 1), "Sapporo", 4), None);
    }

    #[test]
    fn labels_take_a_free_side_and_keep_a_margin() {
        let mut cells = Cells::new(20, 3);
        // A marker at column 10 and another at column 16 on the same row:
        // "name" (4 wide) to the right of 10 would end at 15 and touch 16.
        cells.take(10, 1);
        cells.take(16, 1);
        assert_eq!(
            place(&cells, 10, 1, 4, Prefer::Right, Room::Row),
            Some((5, 1))
        );
        // Nothing fits on the row: only a label allowed off it finds a place.
        cells.take(4, 1);
        assert_eq!(place(&cells, 10, 1, 4, Prefer::Right, Room::Row), None);
        assert_eq!(
            place(&cells, 10, 1, 4, Prefer::Right, Room::Anywhere),
            Some((11, 0))
        );
        // The line is avoided while another place fits, and crossed only by
        // a label that must show when nothing else fits.
        let mut cells = Cells::new(20, 1);
        cells.mark_line(13, 0);
        assert_eq!(
            place(&cells, 10, 0, 4, Prefer::Right, Room::Row),
            Some((5, 0))
        );
        cells.take(4, 0);
        assert_eq!(place(&cells, 10, 0, 4, Prefer::Right, Room::Row), None);
        assert_eq!(
            place(&cells, 10, 0, 4, Prefer::Right, Room::Anywhere),
            Some((12, 0))
        );
        // The canvas edge: no room on the right of the last column.
        let cells = Cells::new(20, 1);
        assert_eq!(
            place(&cells, 19, 0, 3, Prefer::Right, Room::Row),
            Some((15, 0))
        );
        assert_eq!(place(&cells, 1, 0, 30, Prefer::Right, Room::Anywhere), None);
        assert_eq!(
            label_text((19, 0), (15, 0), "abc".into()),
            (15, 0, "abc ".into())
        );
        assert_eq!(
            label_text((2, 0), (4, 0), "abc".into()),
            (3, 0, " abc".into())
        );
    }
}
