//! Longitudes on a map centred on any meridian, and cutting lines at the
//! map's seam (the meridian opposite the centre).

use super::LonLat;

/// `lon` moved by a multiple of 360° into `[centre - 180, centre + 180)`,
/// the longitudes of a map whose central meridian is `centre`.
pub fn wrap_lon(lon: f64, centre: f64) -> f64 {
    let lo = centre - 180.0;
    if lon >= lo && lon < centre + 180.0 {
        return lon;
    }
    let r = (lon - lo).rem_euclid(360.0);
    // rem_euclid can round up to the divisor itself.
    let out = lo + if r >= 360.0 { 0.0 } else { r };
    if out >= centre + 180.0 { lo } else { out }
}

/// A difference of longitudes as the shorter way round, in [-180, 180).
pub fn wrap_delta(delta: f64) -> f64 {
    wrap_lon(delta, 0.0)
}

/// The points with longitudes made continuous: each differs from the one
/// before by less than 180°, so a line that crosses the antimeridian runs on
/// past ±180° instead of jumping back. The first point is kept as it is.
pub fn unwrap_lons(points: &[LonLat]) -> Vec<LonLat> {
    let mut out = Vec::with_capacity(points.len());
    unwrap_into(points, &mut out);
    out
}

/// [`unwrap_lons`] into a buffer, cleared first.
pub(super) fn unwrap_into(points: &[LonLat], out: &mut Vec<LonLat>) {
    out.clear();
    let mut prev: Option<f64> = None;
    for &(lon, lat) in points {
        let lon = match prev {
            Some(p) => p + wrap_delta(lon - p),
            None => lon,
        };
        prev = Some(lon);
        out.push((lon, lat));
    }
}

/// Cuts a line where it crosses the seam of a map centred on `centre` (the
/// meridian `centre ± 180`), each step taken the shorter way round. Every
/// piece has its longitudes in `[centre - 180, centre + 180]` and no step of
/// more than 180°; a piece that reaches the seam ends on it, and the next
/// starts on the other edge at the same latitude (interpolated linearly in
/// degrees, as the map draws it). Non-finite points break the line.
pub fn split_at_seam(points: &[LonLat], centre: f64) -> Vec<Vec<LonLat>> {
    let (lo, hi) = (centre - 180.0, centre + 180.0);
    let mut out: Vec<Vec<LonLat>> = Vec::new();
    let mut piece: Vec<LonLat> = Vec::new();
    let keep_single = points.len() == 1;
    let flush = |piece: &mut Vec<LonLat>, out: &mut Vec<Vec<LonLat>>| {
        if piece.len() >= 2 || (keep_single && piece.len() == 1) {
            out.push(std::mem::take(piece));
        } else {
            piece.clear();
        }
    };
    let push = |piece: &mut Vec<LonLat>, p: LonLat| {
        if piece.last() != Some(&p) {
            piece.push(p);
        }
    };
    let mut prev: Option<LonLat> = None;
    for &(lon, lat) in points {
        if !(lon.is_finite() && lat.is_finite()) {
            flush(&mut piece, &mut out);
            prev = None;
            continue;
        }
        let Some((plon, plat)) = prev else {
            let p = (wrap_lon(lon, centre), lat);
            push(&mut piece, p);
            prev = Some(p);
            continue;
        };
        let d = wrap_delta(lon - plon);
        let next = plon + d;
        if next >= hi || next < lo {
            let (seam, other) = if next >= hi { (hi, lo) } else { (lo, hi) };
            let t = if d == 0.0 { 0.0 } else { (seam - plon) / d };
            let lat_seam = plat + t.clamp(0.0, 1.0) * (lat - plat);
            push(&mut piece, (seam, lat_seam));
            flush(&mut piece, &mut out);
            push(&mut piece, (other, lat_seam));
            let p = (wrap_lon(next, centre), lat);
            push(&mut piece, p);
            prev = Some(p);
        } else {
            push(&mut piece, (next, lat));
            prev = Some((next, lat));
        }
    }
    flush(&mut piece, &mut out);
    out
}

/// [`split_at_seam`] for a map centred on Greenwich: cut at ±180°.
pub fn split_antimeridian(points: &[LonLat]) -> Vec<Vec<LonLat>> {
    split_at_seam(points, 0.0)
}

#[cfg(test)]
mod tests {
    use super::super::{distance_ring, great_circle};
    use super::*;

    #[test]
    fn wrap_lon_lands_in_the_half_open_range() {
        assert_eq!(wrap_lon(0.0, 0.0), 0.0);
        assert_eq!(wrap_lon(180.0, 0.0), -180.0);
        assert_eq!(wrap_lon(-180.0, 0.0), -180.0);
        assert_eq!(wrap_lon(190.0, 0.0), -170.0);
        assert_eq!(wrap_lon(-190.0, 0.0), 170.0);
        assert_eq!(wrap_lon(720.5, 0.0), 0.5);
        // A Pacific-centred map: [-30, 330).
        assert_eq!(wrap_lon(-87.65, 150.0), 272.35);
        assert_eq!(wrap_lon(123.5, 150.0), 123.5);
        assert_eq!(wrap_lon(-30.0, 150.0), -30.0);
        assert_eq!(wrap_lon(330.0, 150.0), -30.0);
        assert_eq!(wrap_lon(-31.0, 150.0), 329.0);
        for centre in [-170.0, -12.5, 0.0, 123.4, 150.0, 180.0] {
            for i in -100..100 {
                let lon = i as f64 * 7.3 + 0.1;
                let w = wrap_lon(lon, centre);
                assert!(
                    w >= centre - 180.0 && w < centre + 180.0,
                    "{lon} {centre}: {w}"
                );
                let k = (w - lon) / 360.0;
                assert!((k - k.round()).abs() < 1e-9, "{lon} {centre}: {w}");
            }
        }
        // Tiny negatives that rem_euclid would round to the divisor.
        let w = wrap_lon(-1e-17, 180.0);
        assert!((0.0..360.0).contains(&w), "{w}");
        assert_eq!(wrap_delta(-350.0), 10.0);
    }

    fn check_pieces(pieces: &[Vec<LonLat>], centre: f64) {
        for piece in pieces {
            assert!(piece.len() >= 2, "{piece:?}");
            for &(lon, _) in piece {
                assert!(
                    lon >= centre - 180.0 && lon <= centre + 180.0,
                    "{lon} outside the map centred on {centre}"
                );
            }
            for w in piece.windows(2) {
                assert!((w[1].0 - w[0].0).abs() <= 180.0, "{w:?}");
            }
        }
    }

    #[test]
    fn antimeridian_split_of_a_route_across_the_pacific() {
        let route = great_circle((123.43278, 41.79222), (-87.65005, 41.85003), 64);
        // Greenwich-centred: cut once, at ±180.
        let pieces = split_antimeridian(&route);
        assert_eq!(pieces.len(), 2, "{pieces:?}");
        check_pieces(&pieces, 0.0);
        let (end, start) = (pieces[0].last().copied(), pieces[1].first().copied());
        let (end, start) = (end.unwrap_or_default(), start.unwrap_or_default());
        assert_eq!(end.0, 180.0);
        assert_eq!(start.0, -180.0);
        assert_eq!(end.1, start.1);
        // Pacific-centred (150°E): the same route is not cut at all.
        let pieces = split_at_seam(&route, 150.0);
        assert_eq!(pieces.len(), 1);
        check_pieces(&pieces, 150.0);
        assert_eq!(pieces[0].len(), route.len());
        assert_eq!(pieces[0][64].0, -87.65005 + 360.0);
    }

    #[test]
    fn seam_split_of_a_route_across_the_atlantic_on_a_pacific_map() {
        // Shenyang to Braga on a 150°E map: the seam is at 30°W/330°E.
        let route = great_circle((123.43278, 41.79222), (-8.43, 41.55), 64);
        let pieces = split_at_seam(&route, 150.0);
        assert_eq!(pieces.len(), 1, "the route stays over Eurasia");
        let route = great_circle((-74.0, 40.7), (-9.14, 38.72), 32); // New York–Lisbon
        let pieces = split_at_seam(&route, 150.0);
        assert_eq!(pieces.len(), 2);
        check_pieces(&pieces, 150.0);
    }

    #[test]
    fn rings_split_at_the_seam_stay_on_the_map() {
        // 10,000 km around Shenyang encloses the North Pole and crosses the
        // seam of any map; 1,000 km crosses none on a Pacific map.
        for centre in [0.0, 150.0, -30.0] {
            let ring = distance_ring((123.43278, 41.79222), 10_000.0, 180);
            let pieces = split_at_seam(&ring, centre);
            assert!(!pieces.is_empty());
            check_pieces(&pieces, centre);
            let points: usize = pieces.iter().map(Vec::len).sum();
            assert!(points >= ring.len() - 1);
        }
        let ring = distance_ring((123.43278, 41.79222), 1_000.0, 90);
        assert_eq!(split_at_seam(&ring, 150.0).len(), 1);
    }

    #[test]
    fn split_edge_cases() {
        assert!(split_at_seam(&[], 0.0).is_empty());
        assert_eq!(
            split_at_seam(&[(190.0, 5.0)], 0.0),
            vec![vec![(-170.0, 5.0)]]
        );
        // A point exactly on the seam starts a piece on the left edge.
        let pieces = split_antimeridian(&[(170.0, 0.0), (180.0, 0.0), (-170.0, 0.0)]);
        check_pieces(&pieces, 0.0);
        assert_eq!(pieces.len(), 2, "{pieces:?}");
        // NaN breaks the line.
        let pieces = split_antimeridian(&[
            (0.0, 0.0),
            (1.0, 1.0),
            (f64::NAN, 0.0),
            (2.0, 2.0),
            (3.0, 3.0),
        ]);
        assert_eq!(pieces.len(), 2);
    }

    #[test]
    fn unwrap_makes_longitudes_continuous() {
        let u = unwrap_lons(&[(170.0, 0.0), (-170.0, 0.0), (-150.0, 1.0), (170.0, 0.0)]);
        assert_eq!(
            u,
            vec![(170.0, 0.0), (190.0, 0.0), (210.0, 1.0), (170.0, 0.0)]
        );
    }
}
