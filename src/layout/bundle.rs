//! Bundling, after the finishing passes: the relations of one edge group that share an end and meet it
//! on one side are joined into a trunk. The trunk is a spine across the channel before the shared box
//! (on the line of the member's track nearest the box) and one stub from the spine to the box. Each
//! member runs as routed until its last turn towards the box, then straight on to the spine (or, when it
//! has no such turn, from its last point before the box).
//!
//! Input: the finished routes, the boxes' rectangles and the relations' groups. Output: the routes with
//! every joined member rerouted through its spine and stub, and one [`Bundle`] per trunk. Preconditions:
//! routes orthogonal, first point on the source's border, last on the target's. Postconditions: the same
//! for every rerouted member (it still starts and ends where it did, at its own ends), every member's
//! route is its own part followed by the trunk from its join point, and two members never join the
//! spine at one point. Whether the new segments keep the drawing's invariants (no box crossed, no edge
//! run along another) is not decided here: `layout` checks the whole scene and joins fewer bundles when
//! it breaks one. Cost: O(m) for the m members, after grouping in O(e log e).

use super::geom::{EPS, Point, simplify};
use super::knobs::{MIN_SPINE, SPINES};
use super::obstacles::{Boxes, segment_clear};
use super::tree::{allowed, chain};
use super::verify::tenths;
use crate::model::Model;
use crate::scene::Rect;
use std::collections::BTreeMap;

/// Members' new routes: (relation index, full route).
pub(crate) type Rerouted = Vec<(usize, Vec<Point>)>;

/// One joined trunk, at layout coordinates.
#[derive(Clone)]
pub(crate) struct Bundle {
    /// The shared box (an index of the model's elements) and whether the members end there.
    pub(crate) end: usize,
    pub(crate) into: bool,
    /// The members (relation indices), each with its own part: source to join (into), join to target.
    pub(crate) members: Vec<(usize, Vec<Point>)>,
    /// One or two polylines, oriented as the members are.
    pub(crate) trunk: Vec<Vec<Point>>,
    /// In the order of the members that join there, then the stub's.
    pub(crate) junctions: Vec<Point>,
}

/// The groups of relations to join: for each edge group, the relations that end at one box on one side
/// of it (two or more), then, of the rest, those that start at one box on one side of it. In order of
/// their first member; members in relation order.
pub(crate) fn groups(model: &Model, rects: &[Rect], routes: &[Vec<Point>]) -> Vec<(usize, bool, Vec<usize>)> {
    let mut taken = vec![false; routes.len()];
    let mut out = Vec::new();
    if !model.bundles {
        return out;
    }
    for into in [true, false] {
        let mut index: BTreeMap<(usize, usize), usize> = BTreeMap::new();
        let mut found: Vec<(usize, bool, Vec<usize>)> = Vec::new();
        for (k, r) in model.relations.iter().enumerate() {
            let (Some(b), false) = (r.bundle, taken[k]) else { continue };
            if r.from == r.to || routes[k].len() < 2 {
                continue;
            }
            let pts = &routes[k];
            let (end, last) =
                if into { (r.to, (pts[pts.len() - 2], pts[pts.len() - 1])) } else { (r.from, (pts[1], pts[0])) };
            let Some(side) = side_of(&rects[end], last) else { continue };
            let next = found.len();
            let g = *index.entry((b * 4 + side as usize, end)).or_insert(next);
            if g == next {
                found.push((end, into, Vec::new()));
            }
            found[g].2.push(k);
        }
        for g in found.into_iter().filter(|g| g.2.len() >= 2) {
            g.2.iter().for_each(|&k| taken[k] = true);
            out.push(g);
        }
    }
    // In order of first member, by a slot per relation (no sort: each sort instance costs the page
    // module kilobytes).
    let mut by_first: Vec<Option<(usize, bool, Vec<usize>)>> = vec![None; routes.len()];
    for g in out {
        let first = g.2[0];
        by_first[first] = Some(g);
    }
    by_first.into_iter().flatten().collect()
}

/// A group in parts: its members split by the child, of the deepest container holding every member's
/// other end, that holds each one's other end (the AZs or hosting groups of a fan-out from the control
/// plane). Parts of two or more members, in order of their first member; none when it does not split.
pub(crate) fn split(model: &Model, (end, into, members): &(usize, bool, Vec<usize>)) -> Vec<(usize, bool, Vec<usize>)> {
    let parent: Vec<Option<usize>> = model.elements.iter().map(|e| e.parent).collect();
    let far = |k: usize| {
        let r = &model.relations[k];
        if *into { r.from } else { r.to }
    };
    // Each other end's chain from the top; the common prefix ends at the deepest common container.
    let chains: Vec<Vec<usize>> = members
        .iter()
        .map(|&k| {
            let mut c = chain(&parent, far(k));
            c.reverse();
            c
        })
        .collect();
    let common = (0..).take_while(|&d| chains.iter().all(|c| c.len() > d && c[d] == chains[0][d])).count();
    let mut parts: Vec<(usize, bool, Vec<usize>)> = Vec::new();
    let mut part_of: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (&k, c) in members.iter().zip(&chains) {
        let key = c.get(common).copied().unwrap_or(usize::MAX);
        let next = parts.len();
        let at = *part_of.entry((key, 0)).or_insert(next);
        if at == next {
            parts.push((key, *into, Vec::new()));
        }
        parts[at].2.push(k);
    }
    if parts.len() < 2 {
        return Vec::new();
    }
    parts.into_iter().filter(|p| p.2.len() >= 2).map(|p| (*end, p.1, p.2)).collect()
}

/// Joins one group: the rerouted members (relation index, full route) and the bundle, or None when
/// fewer than two members can join.
pub(crate) fn join(
    inp: &Boxes,
    edges: &[(usize, usize)],
    (end, into, members): (usize, bool, &[usize]),
    routes: &[Vec<Point>],
) -> Option<(Rerouted, Bundle)> {
    let rect = &inp.rects[end];
    let mut stack = Vec::new();
    // Every member as if it ended at the shared box.
    let pts: Vec<Vec<Point>> =
        members.iter().map(|&k| if into { routes[k].clone() } else { reversed(&routes[k]) }).collect();
    let side = side_of(rect, (pts[0][pts[0].len() - 2], pts[0][pts[0].len() - 1]))?;
    let f = Frame::new(rect, side);
    // Where the spine may run: on the track of a member's last turn (its coordinate taken as it is,
    // so the spine lies exactly on that track), at most SPINES of them spread from nearest to farthest;
    // halfway to the nearest member's start when none turns. The one that draws the least ink wins.
    // Sorted by distance in tenths (the sort instance every metric uses).
    let mut keyed: Vec<(i64, usize)> =
        pts.iter().enumerate().filter(|(_, v)| v.len() >= 3).map(|(i, v)| (tenths(f.n(v[v.len() - 2])), i)).collect();
    keyed.sort_unstable();
    keyed.dedup_by_key(|k| k.0);
    let mut tracks: Vec<(f64, f64)> =
        keyed.iter().map(|&(_, i)| (f.n(pts[i][pts[i].len() - 2]), f.across(pts[i][pts[i].len() - 2]))).collect();
    if tracks.is_empty() {
        let least = pts.iter().map(|v| f.n(v[v.len() - 2])).fold(f64::INFINITY, f64::min);
        let n = (least / 2.0).floor();
        tracks.push((n, f.world_n(n)));
    }
    let step = tracks.len().div_ceil(SPINES).max(1);
    let mut best: Option<Spine> = None;
    for (i, &(n, across)) in tracks.iter().enumerate() {
        if n < MIN_SPINE || (i % step != 0 && i + 1 != tracks.len()) {
            continue;
        }
        let Some(c) = spine_at(inp, edges, (end, members), &pts, &f, (n, across), &mut stack) else { continue };
        if best.as_ref().is_none_or(|b| c.ink < b.ink - EPS) {
            best = Some(c);
        }
    }
    let Spine { across: spine, port, joined, joins, .. } = best?;
    let p = f.along(port);
    let lo = joins.iter().copied().fold(p, f64::min);
    let hi = joins.iter().copied().fold(p, f64::max);
    let (s, t) = (|a: f64| f.point(spine, a), (lo, hi));
    let trunk: Vec<Vec<Point>> = if t.1 - t.0 < EPS {
        vec![vec![s(p), port]]
    } else if (p - t.0).abs() < EPS {
        vec![vec![s(t.1), s(p), port]]
    } else if (p - t.1).abs() < EPS {
        vec![vec![s(t.0), s(p), port]]
    } else {
        vec![vec![s(t.0), s(t.1)], vec![s(p), port]]
    };
    // A dot where three lines meet: a member (or the stub) and the spine on both sides.
    let mut junctions = Vec::new();
    let inside = |a: f64| a > lo + EPS && a < hi - EPS;
    for &j in &joins {
        let stub = (j - p).abs() < EPS;
        if inside(j) || (stub && t.1 - t.0 > EPS) {
            junctions.push(s(j));
        }
    }
    if inside(p) && !joins.iter().any(|&j| (j - p).abs() < EPS) {
        junctions.push(s(p));
    }
    let flip = |v: Vec<Point>| if into { v } else { reversed(&v) };
    let rerouted = joined.iter().map(|(k, full, _)| (*k, flip(full.clone()))).collect();
    let bundle = Bundle {
        end,
        into,
        members: joined.into_iter().map(|(k, _, own)| (k, flip(own))).collect(),
        trunk: if into { trunk } else { trunk.into_iter().rev().map(|v| reversed(&v)).collect() },
        junctions,
    };
    Some((rerouted, bundle))
}

/// A spine tried at one distance from the shared box: where it runs, the port of its stub, the members
/// that join it (relation, full route, own part) with where each joins along it, and the ink drawn.
struct Spine {
    across: f64,
    port: Point,
    joined: Vec<(usize, Vec<Point>, Vec<Point>)>,
    joins: Vec<f64>,
    ink: f64,
}

/// The spine `n` out from the shared box (at world coordinate `across`): each member joins it straight
/// on from before its last turn when that segment reaches the spine clear of every box (its turn's
/// run goes), else where its last segment crosses the spine; a member whose last segment does not reach
/// it, or that would join where another does, stays apart. None when fewer than two join, or when the
/// spine would cross a box.
fn spine_at(
    inp: &Boxes,
    edges: &[(usize, usize)],
    (end, members): (usize, &[usize]),
    pts: &[Vec<Point>],
    f: &Frame,
    (n, across): (f64, f64),
    stack: &mut Vec<usize>,
) -> Option<Spine> {
    let mut joined = Vec::new();
    let mut joins: Vec<f64> = Vec::new();
    let mut ports: Vec<(Point, bool)> = Vec::new();
    // The joins taken so far by tenths (offset to stay positive), to find one within half a pixel in
    // O(log m) rather than against every earlier member.
    let mut taken: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let key = |j: f64| (tenths(j) + (1 << 40)).max(0) as usize;
    for (&k, pts) in members.iter().zip(pts) {
        let m = pts.len() - 1;
        let last = pts[m - 1];
        let square = pts.len() >= 4 && (f.along(pts[m - 3]) - f.along(pts[m - 2])).abs() < EPS;
        let on = square && f.n(pts[m - 3]) > n + EPS && {
            let (u, v) = edges[k];
            let at = f.point(across, f.along(pts[m - 2]));
            segment_clear(inp, (u, v), &allowed(inp.parent, u, v), pts[m - 3], at, 0.0, stack)
        };
        let (keep, j) = if on {
            (m - 3, f.along(pts[m - 2]))
        } else if f.n(last) >= n - EPS {
            (m - 1, f.along(last))
        } else {
            continue;
        };
        let t = key(j);
        if taken.range((t - 4, 0)..=(t + 4, usize::MAX)).next().is_some() {
            continue;
        }
        let mut own: Vec<Point> = pts[..=keep].to_vec();
        own.push(f.point(across, j));
        let own = simplify(own);
        if own.len() < 2 {
            continue;
        }
        joins.push(j);
        taken.insert((t, 0), 0);
        // Whether the member runs straight on from the spine to its port (the stub would be its own line).
        ports.push((pts[m], (f.along(pts[m]) - j).abs() < EPS));
        joined.push((k, own));
    }
    if joined.len() < 2 {
        return None;
    }
    // The stub: at a port within the joins' span (no longer a spine), else at the port nearest the
    // span; of those, one a member runs straight on into (no bend more), then the nearest the middle.
    let (lo, hi) = joins.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &j| (lo.min(j), hi.max(j)));
    let mid = (lo + hi) / 2.0;
    let off = |&(q, straight): &(Point, bool)| {
        let a = f.along(q);
        let out = (lo - a).max(a - hi).max(0.0);
        (out, !straight, (a - mid).abs())
    };
    let port = ports
        .iter()
        .min_by(|a, b| {
            let (x, y) = (off(a), off(b));
            x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)).then(x.2.total_cmp(&y.2))
        })?
        .0;
    let p = f.along(port);
    let (lo, hi) = (lo.min(p), hi.max(p));
    // The spine enters no box but the shared box's ancestors (the stub runs on a member's segment).
    let mut around = inp.parent[end].map_or_else(Vec::new, |q| chain(inp.parent, q));
    around.sort_unstable();
    let (a, b) = (f.point(across, lo), f.point(across, hi));
    if !segment_clear(inp, (usize::MAX, usize::MAX), &around, a, b, 0.0, stack) {
        return None;
    }
    let length = |v: &[Point]| v.windows(2).map(|s| (s[1].0 - s[0].0).abs() + (s[1].1 - s[0].1).abs()).sum::<f64>();
    let mut ink = (hi - lo) + n;
    let joined: Vec<(usize, Vec<Point>, Vec<Point>)> = joined
        .into_iter()
        .map(|(k, own)| {
            ink += length(&own);
            let mut full = own.clone();
            full.extend([f.point(across, p), port]);
            (k, simplify(full), own)
        })
        .collect();
    Some(Spine { across, port, joined, joins, ink })
}

fn reversed(pts: &[Point]) -> Vec<Point> {
    pts.iter().rev().copied().collect()
}

/// The side of `r` a route's last segment (`a` to `b`) ends on, square to it: 0 left, 1 right, 2 top,
/// 3 bottom; None when it does not meet the side at right angles from outside.
fn side_of(r: &Rect, (a, b): (Point, Point)) -> Option<u8> {
    let horizontal = (a.1 - b.1).abs() < EPS;
    let side = if horizontal && (b.0 - r.x).abs() < EPS && a.0 < b.0 {
        0
    } else if horizontal && (b.0 - r.right()).abs() < EPS && a.0 > b.0 {
        1
    } else if !horizontal && (b.1 - r.y).abs() < EPS && a.1 < b.1 {
        2
    } else if !horizontal && (b.1 - r.bottom()).abs() < EPS && a.1 > b.1 {
        3
    } else {
        return None;
    };
    Some(side)
}

/// Coordinates against one side of a box: `n` how far out from the side, `along` the side.
struct Frame {
    side: u8,
    at: f64,
}

impl Frame {
    fn new(r: &Rect, side: u8) -> Frame {
        let at = [r.x, r.right(), r.y, r.bottom()][side as usize];
        Frame { side, at }
    }
    fn n(&self, p: Point) -> f64 {
        match self.side {
            0 => self.at - p.0,
            1 => p.0 - self.at,
            2 => self.at - p.1,
            _ => p.1 - self.at,
        }
    }
    fn along(&self, p: Point) -> f64 {
        if self.side < 2 { p.1 } else { p.0 }
    }
    fn across(&self, p: Point) -> f64 {
        if self.side < 2 { p.0 } else { p.1 }
    }
    /// The world coordinate across the side `n` out from it.
    fn world_n(&self, n: f64) -> f64 {
        if matches!(self.side, 0 | 2) { self.at - n } else { self.at + n }
    }
    /// The point at world coordinate `across` (x for a left or right side) and `along`.
    fn point(&self, across: f64, along: f64) -> Point {
        if self.side < 2 { (across, along) } else { (along, across) }
    }
}
