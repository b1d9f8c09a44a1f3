//! Nudging: edges that the router laid on one line and that share a stretch of it are spread apart into
//! parallel tracks, so no two edges ever overlap collinearly (and ports on one side of a box separate).
//!
//! For each line, overlapping segments form a bundle. Each segment's free range across the line is found
//! from the boxes it may not enter (a containment-tree walk) and, for the first and last segments, from the
//! side of the box it attaches to. The bundle is ordered so that segments turn away without crossing (an
//! end that lies inside the bundle's span goes to the side it turns to); in that order each edge takes the
//! first track past those of the edges it overlaps, so edges far apart along the line share a track. The
//! tracks lie a track apart around the line, or evenly within the common free range where that is
//! narrower (a segment may move as far as its bundle needs, not only a few margins). Horizontal bundles
//! first, then vertical ones, twice. Cost: O(S log S) for S segments plus the tree walks.

use crate::layout::geom::simplify;
use crate::layout::knobs::{APART, CORNER, MARGIN, NUDGE_CLEAR, TRACK};
use crate::layout::obstacles::Boxes;
use crate::layout::segments::{Lines, assign_tracks, by_line, line_key, overlaps_any, set_segments};
use crate::layout::tree::contains;
use crate::scene::Rect;
use std::collections::BTreeMap;

struct Seg {
    edge: usize,
    /// Index of the segment's first point in the edge's polyline.
    at_point: usize,
    /// The line's coordinate in tenths (as in [`line_key`]).
    line: i64,
    at: f64,
    lo: f64,
    hi: f64,
}

/// Spreads collinear overlapping segments of different edges apart, in place. When no two edges overlap
/// any more, returns the segments by line (for the passes after).
pub(super) fn nudge(b: &Boxes, ends: &[(usize, usize)], routes: &mut [Vec<(f64, f64)>]) -> Option<Lines> {
    // The routes before each pass (its buffers reused from pass to pass).
    let mut before: Vec<Vec<(f64, f64)>> = vec![Vec::new(); routes.len()];
    let mut segs = Vec::new();
    for _ in 0..2 {
        for horizontal in [true, false] {
            before.clone_from_slice(routes);
            pass(b, ends, routes, horizontal, &mut segs);
            // A move that bent a segment off the axis (two bundles pulling one point) is undone.
            for (k, pts) in routes.iter_mut().enumerate() {
                let straight = pts.windows(2).all(|w| (w[0].0 - w[1].0).abs() < 1e-9 || (w[0].1 - w[1].1).abs() < 1e-9);
                if !straight {
                    pts.clone_from(&before[k]);
                }
            }
        }
    }
    for pts in routes.iter_mut() {
        *pts = simplify(std::mem::take(pts));
    }
    repair(b, ends, routes)
}

/// Last resort for what bundling left: a segment still lying on another edge's segment moves by a few
/// pixels to a line where it, and the two segments it drags along, overlap nothing and stay clear of boxes.
/// The segments by line when it found nothing left to repair.
fn repair(b: &Boxes, ends: &[(usize, usize)], routes: &mut [Vec<(f64, f64)>]) -> Option<Lines> {
    let mut stack = Vec::new();
    for _ in 0..4 {
        let lines = by_line(routes);
        let mut moves: Vec<(usize, usize, bool, f64)> = Vec::new();
        for (&(h, _), list) in &lines {
            for (x, &(a, ia, lo1, hi1)) in list.iter().enumerate() {
                // Sorted by start: only the segments starting before this one ends can overlap it.
                for &(b, ib, _, hi2) in list[x + 1..].iter().take_while(|s| s.2 < hi1 - 0.05) {
                    if a != b && lo1 < hi2 - 0.05 {
                        // The later edge moves first; self-loops keep their place.
                        let ((e2, i2), (e1, i1)) = if a < b { ((b, ib), (a, ia)) } else { ((a, ia), (b, ib)) };
                        if ends[e2].0 != ends[e2].1 {
                            moves.push((e2, i2, h, 0.0));
                        }
                        if ends[e1].0 != ends[e1].1 {
                            moves.push((e1, i1, h, 1.0));
                        }
                    }
                }
            }
        }
        if moves.is_empty() {
            return Some(lines);
        }
        // Prefer moving the later edge of a pair; the earlier one only when the later cannot move.
        moves.sort_by(|a, b| a.3.total_cmp(&b.3).then((a.0, a.1).cmp(&(b.0, b.1))));
        moves.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
        let mut lines = lines;
        for (edge, i, horizontal, _) in moves {
            let pts = &routes[edge];
            if i + 1 >= pts.len() {
                continue;
            }
            let (p, q) = (pts[i], pts[i + 1]);
            let (span_lo, span_hi) =
                if horizontal { (p.0.min(q.0), p.0.max(q.0)) } else { (p.1.min(q.1), p.1.max(q.1)) };
            let still = lines.get(&line_key(horizontal, if horizontal { p.1 } else { p.0 }));
            if !overlaps_any(still, edge, span_lo, span_hi) {
                continue; // an earlier move already cleared this one
            }
            let (at, a, c) = if horizontal { (p.1, p.0, q.0) } else { (p.0, p.1, q.1) };
            let seg = Seg { edge, at_point: i, line: line_key(horizontal, at).1, at, lo: a.min(c), hi: a.max(c) };
            let (flo, fhi) = free_range(b, ends[edge], pts, &seg, horizontal, &mut stack, 1);
            let fits = |n: f64| -> bool {
                if n < flo || n > fhi || overlaps_any(lines.get(&line_key(horizontal, n)), edge, seg.lo, seg.hi) {
                    return false;
                }
                // The neighbours stay on their lines but stretch to the new coordinate.
                for j in [i.wrapping_sub(1), i + 1] {
                    if j == usize::MAX || j + 1 >= pts.len() {
                        continue;
                    }
                    // Only the stretch the neighbour gains can overlap anew.
                    let (r, t) = (pts[j], pts[j + 1]);
                    let (nat, old) = if horizontal {
                        (r.0, if j + 1 == i { t.1 } else { r.1 })
                    } else {
                        (r.1, if j + 1 == i { t.0 } else { r.0 })
                    };
                    let (far, _) = if horizontal {
                        (if j + 1 == i { r.1 } else { t.1 }, 0)
                    } else {
                        (if j + 1 == i { r.0 } else { t.0 }, 0)
                    };
                    let gains = (n - far).abs() > (old - far).abs();
                    if gains && overlaps_any(lines.get(&line_key(!horizontal, nat)), edge, old.min(n), old.max(n)) {
                        return false;
                    }
                }
                true
            };
            let Some(n) = [1.5, -1.5, 3.0, -3.0, 4.5, -4.5, 6.0, -6.0, 7.5, -7.5, 9.0, -9.0, 10.5, -10.5, 12.0, -12.0]
                .iter()
                .map(|d| at + d)
                .find(|&n| fits(n))
            else {
                continue;
            };
            set_segments(&mut lines, edge, &routes[edge], false);
            let pts = &mut routes[edge];
            for k in [i, i + 1] {
                if horizontal {
                    pts[k].1 = n;
                } else {
                    pts[k].0 = n;
                }
            }
            set_segments(&mut lines, edge, &routes[edge], true);
        }
    }
    None
}

/// One pass over the lines of one orientation; `segs` is a buffer kept from pass to pass.
fn pass(b: &Boxes, ends: &[(usize, usize)], routes: &mut [Vec<(f64, f64)>], horizontal: bool, segs: &mut Vec<Seg>) {
    // The segments sorted by line, each line by start (the segments of one edge in order on a tie).
    segs.clear();
    for (k, pts) in routes.iter().enumerate() {
        if ends[k].0 == ends[k].1 {
            continue; // self-loops keep their shape
        }
        for i in 0..pts.len().saturating_sub(1) {
            let (p, q) = (pts[i], pts[i + 1]);
            let is_h = (p.1 - q.1).abs() < 1e-9;
            if is_h != horizontal {
                continue;
            }
            let (at, a, c) = if horizontal { (p.1, p.0, q.0) } else { (p.0, p.1, q.1) };
            let line = line_key(horizontal, at).1;
            segs.push(Seg { edge: k, at_point: i, line, at, lo: a.min(c), hi: a.max(c) });
        }
    }
    segs.sort_unstable_by(|a, b| {
        (a.line.cmp(&b.line))
            .then_with(|| a.lo.total_cmp(&b.lo))
            .then_with(|| (a.edge, a.at_point).cmp(&(b.edge, b.at_point)))
    });
    for line in segs.chunk_by(|a, b| a.line == b.line) {
        if line.len() < 2 {
            continue;
        }
        let mut start = 0;
        let mut reach = line[0].hi;
        for i in 1..=line.len() {
            if i == line.len() || line[i].lo >= reach - 0.05 {
                if i - start >= 2 {
                    spread(b, ends, routes, &line[start..i], horizontal);
                }
                if i < line.len() {
                    start = i;
                    reach = line[i].hi;
                }
            } else {
                reach = reach.max(line[i].hi);
            }
        }
    }
}

fn spread(b: &Boxes, ends: &[(usize, usize)], routes: &mut [Vec<(f64, f64)>], bundle: &[Seg], horizontal: bool) {
    let edges: Vec<usize> = {
        let mut e: Vec<usize> = bundle.iter().map(|s| s.edge).collect();
        e.sort_unstable();
        e.dedup();
        e
    };
    if edges.len() < 2 {
        return;
    }
    let at = bundle[0].at;
    let span_lo = bundle.iter().map(|s| s.lo).fold(f64::INFINITY, f64::min);
    let span_hi = bundle.iter().map(|s| s.hi).fold(f64::NEG_INFINITY, f64::max);
    // Each segment's ordering key.
    let mut keyed: Vec<(f64, usize)> = Vec::with_capacity(bundle.len());
    for s in bundle {
        let pts = &routes[s.edge];
        // Turn directions at the segment's low and high ends (0 at a port).
        let turn = |end: usize| -> f64 {
            let (p, q) = if end == s.at_point {
                if end == 0 {
                    return 0.0;
                }
                (pts[end], pts[end - 1])
            } else {
                if end + 1 >= pts.len() {
                    return 0.0;
                }
                (pts[end], pts[end + 1])
            };
            if horizontal { (q.1 - p.1).signum() } else { (q.0 - p.0).signum() }
        };
        let first_is_low = {
            let p = pts[s.at_point];
            let v = if horizontal { p.0 } else { p.1 };
            (v - s.lo).abs() < 1e-9
        };
        let (low_end, high_end) =
            if first_is_low { (s.at_point, s.at_point + 1) } else { (s.at_point + 1, s.at_point) };
        let key = turn(low_end) * (s.lo - span_lo) + turn(high_end) * (span_hi - s.hi);
        keyed.push((key, s.edge));
    }
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    // Tracks in key order: an edge takes the first track past those of the edges before it whose
    // segments it overlaps (or nearly meets), so overlapping segments keep the order that lets them turn
    // away without crossing, and segments far apart along the line share a track. A bundle then needs
    // about as many tracks as edges overlap at one place, as many as its channel was sized for, not one per
    // edge. Segments of one edge share a track.
    let mut edges_in_order: Vec<usize> = Vec::with_capacity(edges.len());
    for &(_, e) in &keyed {
        if !edges_in_order.contains(&e) {
            edges_in_order.push(e);
        }
    }
    let spans: Vec<Vec<(f64, f64)>> =
        edges_in_order.iter().map(|&e| bundle.iter().filter(|s| s.edge == e).map(|s| (s.lo, s.hi)).collect()).collect();
    let assigned = assign_tracks(spans.iter().map(Vec::as_slice), APART);
    let track_of: BTreeMap<usize, usize> = edges_in_order.iter().copied().zip(assigned.iter().copied()).collect();
    let tracks = assigned.iter().max().map_or(0, |&t| t + 1);
    // Free range common to the bundle.
    let (mut flo, mut fhi) = (f64::NEG_INFINITY, f64::INFINITY);
    let mut stack = Vec::new();
    for s in bundle {
        let (lo, hi) = free_range(b, ends[s.edge], &routes[s.edge], s, horizontal, &mut stack, tracks);
        flo = flo.max(lo);
        fhi = fhi.min(hi);
    }
    if fhi - flo < 1.0 || !(flo <= at && at <= fhi) {
        return;
    }
    let n = tracks as f64;
    let mut step = TRACK;
    if (n - 1.0) * step > fhi - flo {
        step = (fhi - flo) / (n - 1.0);
    }
    let mut first = at - (n - 1.0) * step / 2.0;
    first = first.max(flo).min(fhi - (n - 1.0) * step);
    for s in bundle {
        let t = track_of[&s.edge] as f64;
        let c = ((first + t * step) * 10.0).round() / 10.0;
        let pts = &mut routes[s.edge];
        for p in [s.at_point, s.at_point + 1] {
            if horizontal {
                pts[p].1 = c;
            } else {
                pts[p].0 = c;
            }
        }
    }
}

/// How far a segment of a bundle spread over `tracks` tracks can move across its line without entering a
/// box it may not enter (or leaving the side of the box its port is on).
fn free_range(
    b: &Boxes,
    (u, v): (usize, usize),
    pts: &[(f64, f64)],
    s: &Seg,
    horizontal: bool,
    stack: &mut Vec<usize>,
    tracks: usize,
) -> (f64, f64) {
    // The boxes the edge may enter: its ends and their ancestors.
    let holds = |k: usize, x: usize| contains(b.parent, k, x);
    // As far as a bundle of `tracks` tracks needs to lie a track apart around the line, and at least three
    // margins. (Three margins alone squeezed a bundle of fifty edges into lines a pixel apart.)
    let reach = (3.0 * MARGIN).max((tracks + 1) as f64 * TRACK / 2.0 + MARGIN);
    let (mut lo, mut hi) = (s.at - reach, s.at + reach);
    let across = |r: &Rect| if horizontal { (r.y, r.bottom()) } else { (r.x, r.right()) };
    let along = |r: &Rect| if horizontal { (r.x, r.right()) } else { (r.y, r.bottom()) };
    let limit = |r: &Rect, clear: f64, lo: &mut f64, hi: &mut f64| {
        let (a0, a1) = along(r);
        if a1 <= s.lo + 1e-9 || a0 >= s.hi - 1e-9 {
            return;
        }
        let (c0, c1) = across(r);
        if c1 <= s.at + 1e-9 {
            *lo = lo.max(c1 + clear);
        } else if c0 >= s.at - 1e-9 {
            *hi = hi.min(c0 - clear);
        } else {
            *lo = s.at;
            *hi = s.at;
        }
    };
    let last = pts.len() - 2;
    let ends = if horizontal { ((s.lo, s.at), (s.hi, s.at)) } else { ((s.at, s.lo), (s.at, s.hi)) };
    stack.clear();
    stack.extend_from_slice(b.roots);
    while let Some(k) = stack.pop() {
        let r = b.rects[k];
        let is_end = k == u || k == v;
        let ancestor_end = is_end && holds(k, u) && holds(k, v);
        if !(holds(k, u) || holds(k, v)) || (is_end && !ancestor_end && !touches(&r, s, horizontal)) {
            limit(&r, NUDGE_CLEAR, &mut lo, &mut hi);
            continue;
        }
        if is_end && !ancestor_end {
            continue;
        }
        if let Some(l) = b.label_rects[k] {
            limit(&l, NUDGE_CLEAR, &mut lo, &mut hi);
        }
        // Children beyond the reach (and a clearance) cannot narrow the range.
        stack.extend(b.order.near(b, k, ends.0, ends.1, reach + NUDGE_CLEAR));
    }
    // A port stays on its side, clear of the corners.
    for (idx, end) in [(0usize, u), (last, v)] {
        if s.at_point == idx {
            let (c0, c1) = across(&b.rects[end]);
            lo = lo.max(c0 + CORNER);
            hi = hi.min(c1 - CORNER);
        }
    }
    (lo, hi)
}

/// Whether the segment starts or ends on the box's border (a stub into its own end box).
fn touches(r: &Rect, s: &Seg, horizontal: bool) -> bool {
    let (a0, a1) = if horizontal { (r.x, r.right()) } else { (r.y, r.bottom()) };
    let (c0, c1) = if horizontal { (r.y, r.bottom()) } else { (r.x, r.right()) };
    let on =
        (s.lo - a1).abs() < 1e-6 || (s.hi - a0).abs() < 1e-6 || (s.lo - a0).abs() < 1e-6 || (s.hi - a1).abs() < 1e-6;
    on && s.at > c0 && s.at < c1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::obstacles::Fixture;

    #[test]
    fn a_wide_bundle_spreads_a_track_apart_where_there_is_room() {
        // Twenty edges from a box at the top to one at the bottom, each stepping right on one line,
        // y = 500, with 700 px free above and below it.
        let fixture = Fixture::new(vec![
            Rect { x: 0.0, y: 0.0, w: 1000.0, h: 1000.0 },
            Rect { x: 100.0, y: 100.0, w: 600.0, h: 36.0 },
            Rect { x: 300.0, y: 800.0, w: 600.0, h: 36.0 },
        ]);
        let b = fixture.input();
        let mut routes: Vec<Vec<(f64, f64)>> = (0..20)
            .map(|i| {
                let (x0, x1) = (110.0 + 20.0 * i as f64, 320.0 + 20.0 * i as f64);
                vec![(x0, 136.0), (x0, 500.0), (x1, 500.0), (x1, 800.0)]
            })
            .collect();
        let ends = vec![(1, 2); 20];
        nudge(&b, &ends, &mut routes);
        let mut ys: Vec<f64> = routes.iter().map(|r| r[1].1).collect();
        ys.sort_by(f64::total_cmp);
        for w in ys.windows(2) {
            assert!(w[1] - w[0] >= TRACK - 1e-9, "steps {ys:?}");
        }
    }
}
