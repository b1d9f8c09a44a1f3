//! The layout verifier: checks a [`Scene`] against the invariants written on it and lists every
//! violation as a typed [`Violation`] (which says itself in words). The layout runs it after every
//! layered drawing; tests run it on every preset, corpus file and generated graph, in every profile.
//!
//! Edge checks walk the containment tree top-down and descend only into boxes an edge may cross (its ends
//! and their ancestors), finding the siblings a segment may meet by binary search in lists sorted along
//! each axis, so a check costs O(segments × depth × (log children + near siblings)); sibling overlaps are
//! found by a sweep along x. Both stay near-linear on the simple layout's rows of thousands of boxes.

use super::knobs::PAD;
use crate::scene::{Rect, Scene};
use std::collections::BTreeSet;

const TOL: f64 = 0.21;

/// One broken invariant, naming the boxes (by index) and edges (by index) involved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Violation {
    /// Two boxes share an id (the second named).
    DuplicateId(usize),
    /// A box's rectangle is not finite or has no area.
    BadRect(usize),
    /// A box reaches outside the canvas.
    OffCanvas(usize),
    /// A box comes before its parent in the list.
    BeforeParent(usize),
    /// A box is not inside its parent with the padding.
    OutsideParent(usize),
    /// Two sibling boxes overlap (lower index first).
    Overlap(usize, usize),
    /// An edge has fewer than two points.
    TooFewPoints(usize),
    /// An edge has a segment that is neither horizontal nor vertical (the segment's first point index).
    Diagonal(usize, usize),
    /// An edge does not start on its source's border.
    OffSource(usize),
    /// An edge does not end on its target's border.
    OffTarget(usize),
    /// An edge passes through a box that is neither one of its ends nor an ancestor of one.
    ThroughBox(usize, usize),
    /// A bundle member (the edge named) is not drawn by its own part and its bundle's trunk: it does not
    /// meet the bundle's box, its own part leaves its route, or its route leaves the two.
    Unbundled(usize),
    /// A bundle (named) whose trunk does not end on its box, or a junction off the trunk.
    BadTrunk(usize),
    /// An overlay's outline (or mark) does not hold a member (overlay, box).
    OverlayMisses(usize, usize),
    /// An overlay's outline or tag meets a box that is not a member, inside one or an ancestor of one, or
    /// its tag an ancestor's label row (overlay, box).
    OverlayMeets(usize, usize),
    /// Two overlays' tags overlap, or their outlines are one rectangle (overlay, overlay).
    OverlaysMeet(usize, usize),
}

impl Violation {
    /// The violation in words, naming boxes by id.
    pub fn describe(&self, scene: &Scene) -> String {
        let id = |b: usize| scene.boxes[b].id.as_str();
        let edge = |k: usize| {
            let e = &scene.edges[k];
            format!("edge {k} ({} -> {})", id(e.from), id(e.to))
        };
        match *self {
            Violation::DuplicateId(b) => format!("duplicate id {}", id(b)),
            Violation::BadRect(b) => format!("box {} has a bad rectangle {:?}", id(b), scene.boxes[b].rect),
            Violation::OffCanvas(b) => format!("box {} leaves the canvas", id(b)),
            Violation::BeforeParent(b) => format!("box {} is drawn before its parent", id(b)),
            Violation::OutsideParent(b) => {
                let p = scene.boxes[b].parent.map_or("?", id);
                format!("box {} is not inside its parent {p} with padding", id(b))
            }
            Violation::Overlap(a, b) => format!("boxes {} and {} overlap", id(a), id(b)),
            Violation::TooFewPoints(k) => format!("{} has fewer than two points", edge(k)),
            Violation::Diagonal(k, i) => {
                let p = &scene.edges[k].points;
                format!("{} has a diagonal segment {:?} -> {:?}", edge(k), p[i], p[i + 1])
            }
            Violation::OffSource(k) => format!("{} does not start on its source's border", edge(k)),
            Violation::OffTarget(k) => format!("{} does not end on its target's border", edge(k)),
            Violation::ThroughBox(k, b) => format!("{} passes through box {}", edge(k), id(b)),
            Violation::Unbundled(k) => format!("{} is not drawn by its own part and its bundle's trunk", edge(k)),
            Violation::OverlayMisses(o, b) => {
                format!("overlay {} does not hold its member {}", scene.overlays[o].id, id(b))
            }
            Violation::OverlayMeets(o, b) => format!("overlay {} meets box {}", scene.overlays[o].id, id(b)),
            Violation::OverlaysMeet(a, b) => {
                format!("overlays {} and {} share an outline or a tag", scene.overlays[a].id, scene.overlays[b].id)
            }
            Violation::BadTrunk(b) => {
                format!("bundle {b} at {} has a trunk off its box or a dot off its trunk", id(scene.bundles[b].end))
            }
        }
    }
}

/// Every violation of the scene, in words (see [`Violation::describe`]).
pub fn describe(scene: &Scene) -> Vec<String> {
    check(scene).iter().map(|v| v.describe(scene)).collect()
}

/// Every violated invariant of the scene; empty when the scene is sound.
pub fn check(scene: &Scene) -> Vec<Violation> {
    let mut bad = Vec::new();
    let n = scene.boxes.len();
    let mut kids: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut roots = Vec::new();
    let mut ids = BTreeSet::new();
    for (i, b) in scene.boxes.iter().enumerate() {
        if !ids.insert(b.id.as_str()) {
            bad.push(Violation::DuplicateId(i));
        }
        let r = b.rect;
        if ![r.x, r.y, r.w, r.h].iter().all(|v| v.is_finite()) || r.w <= 0.0 || r.h <= 0.0 {
            bad.push(Violation::BadRect(i));
        }
        if r.x < 0.0 || r.y < 0.0 || r.right() > scene.width + TOL || r.bottom() > scene.height + TOL {
            bad.push(Violation::OffCanvas(i));
        }
        match b.parent {
            Some(p) if p >= i => bad.push(Violation::BeforeParent(i)),
            Some(p) => {
                kids[p].push(i);
                let q = scene.boxes[p].rect;
                if r.x < q.x + PAD - TOL
                    || r.right() > q.right() - PAD + TOL
                    || r.y < q.y + PAD - TOL
                    || r.bottom() > q.bottom() - PAD + TOL
                {
                    bad.push(Violation::OutsideParent(i));
                }
            }
            None => roots.push(i),
        }
    }
    // Sibling lists sorted along both axes, to find the boxes that may meet a box or a segment without
    // trying every sibling.
    let index: Vec<Sorted> = kids.iter().chain(std::iter::once(&roots)).map(|l| Sorted::new(scene, l)).collect();
    let root_index = n;
    for list in &index {
        // Sweep along x: a box can only overlap those that start before it ends.
        for (a, &i) in list.by_x.iter().enumerate() {
            let r = scene.boxes[i].rect;
            for &j in &list.by_x[a + 1..] {
                let o = scene.boxes[j].rect;
                if o.x >= r.right() {
                    break;
                }
                if r.overlaps(&o) {
                    bad.push(Violation::Overlap(i.min(j), i.max(j)));
                }
            }
        }
    }
    // Reused across edges: the boxes an edge may cross (its ends and their ancestors), and the walk.
    let (mut allowed, mut stack) = (Vec::new(), Vec::new());
    for (k, e) in scene.edges.iter().enumerate() {
        if e.points.len() < 2 {
            bad.push(Violation::TooFewPoints(k));
            continue;
        }
        for (i, w) in e.points.windows(2).enumerate() {
            if (w[0].0 - w[1].0).abs() > 1e-9 && (w[0].1 - w[1].1).abs() > 1e-9 {
                bad.push(Violation::Diagonal(k, i));
            }
        }
        if !on_border(&scene.boxes[e.from].rect, e.points[0]) {
            bad.push(Violation::OffSource(k));
        }
        if !on_border(&scene.boxes[e.to].rect, *e.points.last().unwrap_or(&(0.0, 0.0))) {
            bad.push(Violation::OffTarget(k));
        }
        allowed.clear();
        for mut x in [e.from, e.to] {
            allowed.push(x);
            while let Some(p) = scene.boxes[x].parent {
                allowed.push(p);
                x = p;
            }
        }
        for w in e.points.windows(2) {
            let (x0, y0) = (w[0].0.min(w[1].0), w[0].1.min(w[1].1));
            let seg = Rect { x: x0, y: y0, w: w[0].0.max(w[1].0) - x0, h: w[0].1.max(w[1].1) - y0 };
            stack.clear();
            stack.push(root_index);
            while let Some(list) = stack.pop() {
                index[list].near(scene, &seg, |b| {
                    if crosses(&scene.boxes[b].rect, w[0], w[1]) {
                        if allowed.contains(&b) {
                            stack.push(b);
                        } else {
                            bad.push(Violation::ThroughBox(k, b));
                        }
                    }
                });
            }
        }
    }
    bundles(scene, &mut bad);
    overlays(scene, &mut bad);
    bad
}

/// The overlays' checks: an outline holds every member and meets no box but the members, what lies
/// inside them and their ancestors; without an outline, each member has a mark that holds it, and no
/// two overlays ring a member with one ring; a tag meets no box but those ancestors and none of their
/// label rows, and no other overlay's tag. O(boxes + members × depth) each.
fn overlays(scene: &Scene, bad: &mut Vec<Violation>) {
    let n = scene.boxes.len();
    for (a, oa) in scene.overlays.iter().enumerate() {
        for (b, ob) in scene.overlays.iter().enumerate().skip(a + 1) {
            let one_outline = oa.outline.is_some() && oa.outline == ob.outline;
            let tags_meet = matches!((oa.tag, ob.tag), (Some(ta), Some(tb)) if ta.overlaps(&tb));
            // Rings round one member from two overlays would read as one.
            let one_ring = oa.marks.iter().any(|r| ob.marks.contains(r));
            if one_outline || tags_meet || one_ring {
                bad.push(Violation::OverlaysMeet(a, b));
            }
        }
    }
    for (o, ov) in scene.overlays.iter().enumerate() {
        let mut inside = vec![false; n];
        ov.members.iter().for_each(|&m| inside[m] = true);
        for i in 0..n {
            if let Some(p) = scene.boxes[i].parent {
                inside[i] = inside[i] || inside[p];
            }
        }
        let mut above = vec![false; n];
        for &m in &ov.members {
            let mut cur = scene.boxes[m].parent;
            while let Some(p) = cur {
                above[p] = true;
                cur = scene.boxes[p].parent;
            }
        }
        match ov.outline {
            Some(r) => {
                for &m in &ov.members {
                    if !r.holds(&scene.boxes[m].rect) {
                        bad.push(Violation::OverlayMisses(o, m));
                    }
                }
                for (i, b) in scene.boxes.iter().enumerate() {
                    if !above[i] && !inside[i] && b.rect.overlaps(&r) {
                        bad.push(Violation::OverlayMeets(o, i));
                    }
                }
            }
            None => {
                for (k, &m) in ov.members.iter().enumerate() {
                    if !ov.marks.get(k).is_some_and(|r| r.holds(&scene.boxes[m].rect)) {
                        bad.push(Violation::OverlayMisses(o, m));
                    }
                }
            }
        }
        // A tag, on an outline or beside a mark, lies over no box but the ancestors, and over none of
        // their label rows.
        if let Some(t) = ov.tag {
            for (i, b) in scene.boxes.iter().enumerate() {
                let band = Rect { h: super::knobs::LABEL_BAND, ..b.rect };
                let meets = if above[i] { b.is_group && band.overlaps(&t) } else { b.rect.overlaps(&t) };
                if meets {
                    bad.push(Violation::OverlayMeets(o, i));
                }
            }
        }
    }
}

/// The bundles' own checks: every member's route is covered by its own part and the trunk, its own
/// part runs on its route from the member's far end, the trunk ends on the bundle's box, and every dot
/// lies on the trunk. O(s log s) for a bundle's s segments.
fn bundles(scene: &Scene, bad: &mut Vec<Violation>) {
    for (b, t) in scene.bundles.iter().enumerate() {
        let trunk_end =
            if t.into { t.trunk.last().and_then(|v| v.last()) } else { t.trunk.first().and_then(|v| v.first()) };
        let on_trunk = |p: (f64, f64)| t.trunk.iter().any(|v| v.windows(2).any(|s| on_segment(p, s[0], s[1])));
        if !trunk_end.is_some_and(|&p| on_border(&scene.boxes[t.end].rect, p))
            || !t.junctions.iter().all(|&j| on_trunk(j))
        {
            bad.push(Violation::BadTrunk(b));
        }
        for &k in &t.members {
            let e = &scene.edges[k];
            let ok = match &e.bundle {
                Some((bb, own)) if *bb == b && own.len() >= 2 && (if t.into { e.to } else { e.from }) == t.end => {
                    let (far, join) = if t.into { (own[0], own[own.len() - 1]) } else { (own[own.len() - 1], own[0]) };
                    let far_end = if t.into { e.points[0] } else { e.points[e.points.len() - 1] };
                    let lines: Vec<&[(f64, f64)]> =
                        std::iter::once(own.as_slice()).chain(t.trunk.iter().map(Vec::as_slice)).collect();
                    far == far_end
                        && on_trunk(join)
                        && own.windows(2).all(|s| covered(s[0], s[1], &[&e.points]))
                        && e.points.windows(2).all(|s| covered(s[0], s[1], &lines))
                }
                _ => false,
            };
            if !ok {
                bad.push(Violation::Unbundled(k));
            }
        }
    }
}

/// Whether `p` lies on the segment from `a` to `b` (within the rounding tolerance).
fn on_segment(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> bool {
    let within = |v: f64, x: f64, y: f64| v >= x.min(y) - TOL && v <= x.max(y) + TOL;
    within(p.0, a.0, b.0)
        && within(p.1, a.1, b.1)
        && ((p.0 - a.0).abs() <= TOL && (a.0 - b.0).abs() <= TOL
            || (p.1 - a.1).abs() <= TOL && (a.1 - b.1).abs() <= TOL)
}

/// Whether the axis-aligned segment from `a` to `b` lies within the union of the polylines' segments
/// on its line.
fn covered(a: (f64, f64), b: (f64, f64), lines: &[&[(f64, f64)]]) -> bool {
    let horizontal = (a.1 - b.1).abs() <= 1e-9;
    let (at, lo, hi) = if horizontal { (a.1, a.0.min(b.0), a.0.max(b.0)) } else { (a.0, a.1.min(b.1), a.1.max(b.1)) };
    let mut spans: Vec<(f64, f64)> = Vec::new();
    for v in lines {
        for s in v.windows(2) {
            let (p, q) = (s[0], s[1]);
            let same = if horizontal {
                (p.1 - q.1).abs() <= 1e-9 && (p.1 - at).abs() <= TOL
            } else {
                (p.0 - q.0).abs() <= 1e-9 && (p.0 - at).abs() <= TOL
            };
            if same {
                spans.push(if horizontal { (p.0.min(q.0), p.0.max(q.0)) } else { (p.1.min(q.1), p.1.max(q.1)) });
            }
        }
    }
    // Reach along the line from `lo` through spans that start within reach (a few spans a line).
    let mut reach = lo;
    while let Some(&(_, y)) = spans.iter().find(|&&(x, y)| x <= reach + TOL && y > reach + TOL) {
        reach = y;
    }
    reach >= hi - TOL
}

/// One list of siblings, sorted by left and by top side, with the widest and tallest of them: the boxes
/// whose left side lies within the widest box's width before a point are the only ones that can hold it.
pub(crate) struct Sorted {
    by_x: Vec<usize>,
    by_y: Vec<usize>,
    max_w: f64,
    max_h: f64,
}

impl Sorted {
    pub(crate) fn new(scene: &Scene, list: &[usize]) -> Sorted {
        let r = |i: usize| scene.boxes[i].rect;
        // Scene coordinates are in tenths: sorted as whole numbers of tenths (one sort instance).
        let sorted = |side: fn(&Rect) -> f64| {
            let mut keyed: Vec<(i64, usize)> = list.iter().map(|&i| (tenths(side(&r(i))), i)).collect();
            keyed.sort_unstable();
            keyed.into_iter().map(|(_, i)| i).collect::<Vec<usize>>()
        };
        let (by_x, by_y) = (sorted(|r| r.x), sorted(|r| r.y));
        let max_w = list.iter().map(|&i| r(i).w).fold(0.0, f64::max);
        let max_h = list.iter().map(|&i| r(i).h).fold(0.0, f64::max);
        Sorted { by_x, by_y, max_w, max_h }
    }

    /// Calls `f` with every sibling that may meet the rectangle `r` (a superset: those whose extent
    /// along the axis `r` is thinner in could reach it), found by binary search.
    pub(crate) fn near(&self, scene: &Scene, r: &Rect, mut f: impl FnMut(usize)) {
        let along_x = r.w <= r.h;
        let (list, lo, hi) = if along_x {
            (&self.by_x, r.x - self.max_w - 1.0, r.right() + 1.0)
        } else {
            (&self.by_y, r.y - self.max_h - 1.0, r.bottom() + 1.0)
        };
        let key = |i: usize| if along_x { scene.boxes[i].rect.x } else { scene.boxes[i].rect.y };
        let start = list.partition_point(|&i| key(i) < lo);
        for &i in &list[start..] {
            if key(i) > hi {
                break;
            }
            f(i);
        }
    }
}

/// A coordinate as a whole number of tenths, the precision of every scene.
pub(crate) fn tenths(v: f64) -> i64 {
    (v * 10.0).round() as i64
}

fn on_border(r: &Rect, p: (f64, f64)) -> bool {
    let within_x = p.0 >= r.x - TOL && p.0 <= r.right() + TOL;
    let within_y = p.1 >= r.y - TOL && p.1 <= r.bottom() + TOL;
    let on_v = (p.0 - r.x).abs() <= TOL || (p.0 - r.right()).abs() <= TOL;
    let on_h = (p.1 - r.y).abs() <= TOL || (p.1 - r.bottom()).abs() <= TOL;
    within_x && within_y && (on_v || on_h)
}

/// Whether an axis-aligned segment meets the open interior of a rectangle.
pub fn crosses(r: &Rect, a: (f64, f64), b: (f64, f64)) -> bool {
    let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
    let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
    let t = TOL;
    x1 > r.x + t && x0 < r.right() - t && y1 > r.y + t && y0 < r.bottom() - t
}
