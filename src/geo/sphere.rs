//! Great circles, distances and distance rings on a spherical Earth.

use super::LonLat;
use super::seam::wrap_delta;

/// Mean Earth radius (IUGG), km.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

type Vec3 = [f64; 3];

fn to_vec((lon, lat): LonLat) -> Vec3 {
    let (lon, lat) = (lon.to_radians(), lat.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

fn to_lonlat([x, y, z]: Vec3) -> LonLat {
    let lat = z.atan2(x.hypot(y)).to_degrees();
    // At a pole any longitude is right; atan2(0, 0) gives 0.
    let lon = y.atan2(x).to_degrees();
    (wrap_delta(lon), lat)
}

fn dot(a: Vec3, b: Vec3) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

fn norm(a: Vec3) -> f64 {
    dot(a, a).sqrt()
}

fn scale(a: Vec3, k: f64) -> Vec3 {
    [a[0] * k, a[1] * k, a[2] * k]
}

fn sub(a: Vec3, b: Vec3) -> Vec3 {
    [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
}

fn normalise(p: LonLat) -> LonLat {
    (wrap_delta(p.0), p.1.clamp(-90.0, 90.0))
}

/// Great-circle distance (haversine), km.
pub fn haversine_km(a: LonLat, b: LonLat) -> f64 {
    let (la1, la2) = (a.1.to_radians(), b.1.to_radians());
    let dlat = la2 - la1;
    let dlon = (b.0 - a.0).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// Bearing from `a` towards `b` at the start of the great circle, degrees
/// clockwise from north in [0, 360).
pub fn initial_bearing(a: LonLat, b: LonLat) -> f64 {
    let (p1, p2) = (a.1.to_radians(), b.1.to_radians());
    let dl = (b.0 - a.0).to_radians();
    let y = dl.sin() * p2.cos();
    let x = p1.cos() * p2.sin() - p1.sin() * p2.cos() * dl.cos();
    y.atan2(x).to_degrees().rem_euclid(360.0)
}

/// `segments + 1` points along the shorter great circle from `a` to `b`
/// (spherical linear interpolation), both ends included. Longitudes are in
/// [-180, 180), so the line may jump at the antimeridian: hand it to
/// [`split_at_seam`](super::split_at_seam) (or a rasteriser, which does
/// that itself). Between antipodes, where every great circle is as short,
/// it goes over the pole nearer `a` (north from the equator).
pub fn great_circle(a: LonLat, b: LonLat, segments: usize) -> Vec<LonLat> {
    let n = segments.max(1);
    let (va, vb) = (to_vec(a), to_vec(b));
    let cos = dot(va, vb).clamp(-1.0, 1.0);
    // The part of b at right angles to a: the direction to head off in.
    let mut u = sub(vb, scale(va, cos));
    let mut len = norm(u);
    let omega = len.atan2(cos);
    // Below a nanoradian (6 mm) the direction is rounding noise.
    if len < 1e-9 {
        if cos > 0.0 {
            return vec![normalise(a); n + 1];
        }
        // Antipodes: head for the pole on a's side (north from the equator).
        let pole = if va[2] < 0.0 { -1.0 } else { 1.0 };
        u = sub([0.0, 0.0, pole], scale(va, va[2] * pole));
        len = norm(u);
        if len < 1e-12 {
            // a is a pole itself: follow the prime meridian.
            u = [1.0, 0.0, 0.0];
            len = 1.0;
        }
    }
    let u = scale(u, 1.0 / len);
    let mut out = Vec::with_capacity(n + 1);
    out.push(normalise(a));
    for i in 1..n {
        let t = omega * i as f64 / n as f64;
        let (s, c) = t.sin_cos();
        out.push(to_lonlat([
            va[0] * c + u[0] * s,
            va[1] * c + u[1] * s,
            va[2] * c + u[2] * s,
        ]));
    }
    out.push(normalise(b));
    out
}

/// Where one arrives going `distance_km` from `from` on the initial
/// `bearing_deg` (clockwise from north) along a great circle.
pub fn destination(from: LonLat, bearing_deg: f64, distance_km: f64) -> LonLat {
    let delta = distance_km / EARTH_RADIUS_KM;
    let theta = bearing_deg.to_radians();
    let (phi1, lambda1) = (from.1.to_radians(), from.0.to_radians());
    let sin_phi2 = phi1.sin() * delta.cos() + phi1.cos() * delta.sin() * theta.cos();
    let phi2 = sin_phi2.clamp(-1.0, 1.0).asin();
    let lambda2 = lambda1
        + (theta.sin() * delta.sin() * phi1.cos()).atan2(delta.cos() - phi1.sin() * sin_phi2);
    (wrap_delta(lambda2.to_degrees()), phi2.to_degrees())
}

/// The small circle of points `radius_km` from `centre`: `segments + 1`
/// points by bearing from north clockwise, the last equal to the first.
/// Longitudes are in [-180, 180): split it at the seam to draw it.
pub fn distance_ring(centre: LonLat, radius_km: f64, segments: usize) -> Vec<LonLat> {
    let n = segments.max(3);
    let mut out: Vec<LonLat> = (0..n)
        .map(|i| destination(centre, 360.0 * i as f64 / n as f64, radius_km))
        .collect();
    if let Some(&first) = out.first() {
        out.push(first);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHENYANG: LonLat = (123.43278, 41.79222);
    const CHICAGO: LonLat = (-87.65005, 41.85003);

    fn close(a: LonLat, b: LonLat, eps: f64) -> bool {
        wrap_delta(a.0 - b.0).abs() < eps && (a.1 - b.1).abs() < eps
    }

    #[test]
    fn haversine_of_known_pairs() {
        let q = haversine_km((0.0, 0.0), (90.0, 0.0));
        assert!((q - std::f64::consts::PI * EARTH_RADIUS_KM / 2.0).abs() < 1e-6);
        let half = haversine_km((20.0, 10.0), (-160.0, -10.0));
        assert!((half - std::f64::consts::PI * EARTH_RADIUS_KM).abs() < 1e-3);
        let d = haversine_km(SHENYANG, (141.35, 43.06)); // Sapporo
        assert!((1440.0..1500.0).contains(&d), "{d}");
        assert_eq!(haversine_km(SHENYANG, SHENYANG), 0.0);
    }

    #[test]
    fn great_circle_along_the_equator_has_its_midpoint_halfway() {
        let line = great_circle((0.0, 0.0), (90.0, 0.0), 2);
        assert_eq!(line.len(), 3);
        assert!(close(line[1], (45.0, 0.0), 1e-9), "{:?}", line[1]);
        // Across the antimeridian, the short way.
        let line = great_circle((170.0, 0.0), (-170.0, 0.0), 2);
        assert!(close(line[1], (180.0, 0.0), 1e-9), "{:?}", line[1]);
        // Along a meridian, over the pole.
        let line = great_circle((0.0, 60.0), (180.0, 60.0), 2);
        assert!((line[1].1 - 90.0).abs() < 1e-9, "{:?}", line[1]);
    }

    #[test]
    fn great_circle_ends_and_spacing() {
        let line = great_circle(SHENYANG, CHICAGO, 50);
        assert_eq!(line.len(), 51);
        assert_eq!(line[0], SHENYANG);
        assert_eq!(line[50], CHICAGO);
        let total = haversine_km(SHENYANG, CHICAGO);
        for w in line.windows(2) {
            let step = haversine_km(w[0], w[1]);
            assert!((step - total / 50.0).abs() < 1e-6, "{step}");
        }
        // The midpoint is as far from both ends.
        let mid = line[25];
        assert!((haversine_km(SHENYANG, mid) - haversine_km(mid, CHICAGO)).abs() < 1e-6);
    }

    #[test]
    fn shenyang_to_chicago_goes_over_the_arctic() {
        let line = great_circle(SHENYANG, CHICAGO, 64);
        let max_lat = line.iter().map(|p| p.1).fold(f64::MIN, f64::max);
        // Both ends are near 41.8°N; the route passes north of the Arctic
        // Circle (vertex about 73°N, off the north coast of Alaska).
        assert!(max_lat > 70.0, "{max_lat}");
        // And it crosses the antimeridian (the Pacific side), not Greenwich.
        assert!(line.iter().all(|p| p.0.abs() > 80.0), "{line:?}");
    }

    #[test]
    fn great_circle_degenerate_cases() {
        let same = great_circle(SHENYANG, SHENYANG, 4);
        assert_eq!(same.len(), 5);
        assert!(same.iter().all(|&p| close(p, SHENYANG, 1e-12)));
        // Antipodes: still a half circle, every step the same length.
        let a = (10.0, 0.0);
        let b = (-170.0, 0.0);
        let line = great_circle(a, b, 8);
        assert!((line[4].1 - 90.0).abs() < 1e-9, "{:?}", line[4]);
        for w in line.windows(2) {
            let step = haversine_km(w[0], w[1]);
            assert!((step - std::f64::consts::PI * EARTH_RADIUS_KM / 8.0).abs() < 1e-6);
        }
        // No segments asked for: still both ends.
        assert_eq!(great_circle(a, SHENYANG, 0).len(), 2);
    }

    #[test]
    fn destination_and_bearing_agree_with_haversine() {
        for (bearing, km) in [(0.0, 1000.0), (45.0, 5000.0), (200.0, 10000.0), (90.0, 1.0)] {
            let p = destination(SHENYANG, bearing, km);
            assert!(
                (haversine_km(SHENYANG, p) - km).abs() < 1e-6,
                "{bearing} {km}"
            );
            if km < 10000.0 {
                let b = initial_bearing(SHENYANG, p);
                assert!(wrap_delta(b - bearing).abs() < 1e-6, "{bearing}: {b}");
            }
        }
        // Due north 1,000 km: about 9° of latitude, same meridian.
        let north = destination(SHENYANG, 0.0, 1000.0);
        assert!((north.0 - SHENYANG.0).abs() < 1e-9);
        assert!((north.1 - SHENYANG.1 - 8.993).abs() < 1e-3, "{north:?}");
    }

    #[test]
    fn distance_rings_have_their_radius() {
        for km in [1000.0, 5000.0, 10000.0] {
            let ring = distance_ring(SHENYANG, km, 90);
            assert_eq!(ring.len(), 91);
            assert_eq!(ring.first(), ring.last());
            for &p in &ring {
                assert!((haversine_km(SHENYANG, p) - km).abs() < 1e-6, "{km}: {p:?}");
                assert!((-180.0..180.0).contains(&p.0) && (-90.0..=90.0).contains(&p.1));
            }
        }
    }
}
