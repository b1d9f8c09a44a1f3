//! Quality metrics of a positioned scene: edge crossings, bends, collinear overlaps between edges,
//! overlapping boxes, edges through foreign boxes, edge labels on boxes or on each other, and the drawing's
//! size. Reported in the geometry JSON and compared with other layout engines.
//!
//! Crossings: every horizontal segment against the vertical segments whose x lies strictly inside it
//! (found by binary search over verticals sorted by x), O(S log S + K) for S segments and K candidates.

use super::knobs::LABEL_REACH;
use super::segments::{Grid, distance};
use super::verify;
use crate::scene::{Rect, Scene};

/// The numbers, all counts except the sizes.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Metrics {
    pub crossings: usize,
    pub bends: usize,
    /// Pairs of segments of different edges lying on one line and sharing a stretch.
    pub collinear_overlaps: usize,
    /// Pairs of boxes that overlap without one containing the other, and children outside their parent.
    pub overlaps: usize,
    /// Edge segments through a box that is neither an end of the edge nor an ancestor of one.
    pub through_box: usize,
    /// Edge labels overlapping a box they are not inside, or another label.
    pub label_overlaps: usize,
    /// Edge labels farther than [`LABEL_REACH`] from their own edge.
    pub labels_off_edge: usize,
    /// Edge labels that another edge runs through.
    pub labels_on_other_edges: usize,
    /// The length of every line drawn, a bundle's trunk counted once.
    pub ink: f64,
    /// Arrowheads drawn (a bundle into a box draws one), and the most on one side of one box.
    pub arrowheads: usize,
    pub arrowheads_per_side: usize,
    /// Bundles drawn with a trunk.
    pub bundles: usize,
    /// Overlays drawn as one outline, and those drawn as a mark round each member (no outline fitted).
    pub overlays: usize,
    pub overlays_marked: usize,
    /// Width and height of the drawing (boxes and edges, without title and legend).
    pub width: f64,
    pub height: f64,
    /// Which layout drew it: `simple` when the graph was too hard for the layered one within its budget.
    pub mode: crate::scene::Mode,
}

impl Metrics {
    pub fn area(&self) -> f64 {
        self.width * self.height
    }

    /// The numbers as the `layout` JSON gives them: sizes rounded to 0.1.
    pub fn rounded(&self) -> Rounded {
        let round = crate::scene::round;
        Rounded {
            area: round(self.area()),
            arrowheads: self.arrowheads,
            arrowheads_per_side: self.arrowheads_per_side,
            bends: self.bends,
            bundles: self.bundles,
            collinear_overlaps: self.collinear_overlaps,
            crossings: self.crossings,
            height: round(self.height),
            ink: round(self.ink),
            label_overlaps: self.label_overlaps,
            labels_off_edge: self.labels_off_edge,
            labels_on_other_edges: self.labels_on_other_edges,
            mode: self.mode.as_str(),
            overlaps: self.overlaps,
            overlays: self.overlays,
            overlays_marked: self.overlays_marked,
            through_box: self.through_box,
            width: round(self.width),
        }
    }
}

/// [`Metrics`] as the `layout` JSON writes them (fields in alphabetical order, as the keys).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Rounded {
    pub area: f64,
    pub arrowheads: usize,
    pub arrowheads_per_side: usize,
    pub bends: usize,
    pub bundles: usize,
    pub collinear_overlaps: usize,
    pub crossings: usize,
    pub height: f64,
    pub ink: f64,
    pub label_overlaps: usize,
    pub labels_off_edge: usize,
    pub labels_on_other_edges: usize,
    pub mode: &'static str,
    pub overlaps: usize,
    pub overlays: usize,
    pub overlays_marked: usize,
    pub through_box: usize,
    pub width: f64,
}

struct Seg {
    edge: usize,
    /// The fixed coordinate and the span along the other axis.
    at: f64,
    lo: f64,
    hi: f64,
}

/// The horizontal and vertical segments of every stroke ([`Scene::strokes`]: a bundle's trunk once).
fn segments(scene: &Scene) -> (Vec<Seg>, Vec<Seg>) {
    let mut hs = Vec::new();
    let mut vs = Vec::new();
    for (k, points) in scene.strokes() {
        for w in points.windows(2) {
            let (a, b) = (w[0], w[1]);
            if (a.1 - b.1).abs() < 1e-9 {
                hs.push(Seg { edge: k, at: a.1, lo: a.0.min(b.0), hi: a.0.max(b.0) });
            } else {
                vs.push(Seg { edge: k, at: a.0, lo: a.1.min(b.1), hi: a.1.max(b.1) });
            }
        }
    }
    (hs, vs)
}

/// Measures a scene.
pub fn measure(scene: &Scene) -> Metrics {
    let mut m = Metrics { mode: scene.mode, ..Metrics::default() };
    m.bends = scene.edges.iter().map(|e| e.points.len().saturating_sub(2)).sum();
    let (mut hs, mut vs) = segments(scene);
    m.ink = hs.iter().chain(&vs).map(|s| s.hi - s.lo).sum();
    m.bundles = scene.bundles.len();
    m.overlays = scene.overlays.iter().filter(|o| o.outline.is_some()).count();
    m.overlays_marked = scene.overlays.len() - m.overlays;
    (m.arrowheads, m.arrowheads_per_side) = arrowheads(scene);
    m.crossings = crossings(&hs, &vs);
    m.collinear_overlaps = collinear(&mut hs) + collinear(&mut vs);
    for v in verify::check(scene) {
        match v {
            verify::Violation::ThroughBox(..) => m.through_box += 1,
            verify::Violation::Overlap(..) | verify::Violation::OutsideParent(_) => m.overlaps += 1,
            _ => {}
        }
    }
    m.label_overlaps = label_overlaps(scene);
    (m.labels_off_edge, m.labels_on_other_edges) = labels_astray(scene);
    let (mut x0, mut y0, mut x1, mut y1) = (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
    let mut grow = |x: f64, y: f64| {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    };
    for b in &scene.boxes {
        grow(b.rect.x, b.rect.y);
        grow(b.rect.right(), b.rect.bottom());
    }
    for p in scene.edges.iter().flat_map(|e| e.points.iter()) {
        grow(p.0, p.1);
    }
    if x0.is_finite() {
        m.width = x1 - x0;
        m.height = y1 - y0;
    }
    m
}

/// Arrowheads drawn, and the most on one side of one box (a tip on a corner counts for both sides).
fn arrowheads(scene: &Scene) -> (usize, usize) {
    let mut per_side: std::collections::BTreeMap<(usize, usize), usize> = std::collections::BTreeMap::new();
    let mut total = 0;
    for (b, p) in scene.arrowheads() {
        total += 1;
        let r = scene.boxes[b].rect;
        let near = |a: f64, b: f64| (a - b).abs() < 0.05;
        let sides = [near(p.0, r.x), near(p.0, r.right()), near(p.1, r.y), near(p.1, r.bottom())];
        for (s, _) in sides.iter().enumerate().filter(|(_, on)| **on) {
            *per_side.entry((b, s)).or_insert(0) += 1;
        }
    }
    (total, per_side.values().copied().max().unwrap_or(0))
}

/// The crossings of a scene's strokes (as [`measure`] counts them).
pub(crate) fn crossings_of(scene: &Scene) -> usize {
    let (hs, vs) = segments(scene);
    crossings(&hs, &vs)
}

/// Pairs of segments of different edges lying on one line and sharing a stretch.
pub fn collinear_overlaps(scene: &Scene) -> usize {
    let (mut hs, mut vs) = segments(scene);
    collinear(&mut hs) + collinear(&mut vs)
}

use verify::tenths;

/// Crossings: pairs of a horizontal and a vertical segment of different edges, each passing strictly
/// through the other's interior. One sweep along x with a Fenwick tree over the horizontals' heights:
/// each vertical adds one to the heights strictly inside it, each horizontal asks how many verticals
/// strictly inside its x-range cover its height. O(S log S) however many segments cross; pairs within
/// one edge are taken off afterwards, edge by edge.
fn crossings(hs: &[Seg], vs: &[Seg]) -> usize {
    // Every sort here is of (whole number, index) pairs: one instance of the sort.
    let mut keyed: Vec<(i64, usize)> = hs.iter().map(|h| (tenths(h.at), 0)).collect();
    keyed.sort_unstable();
    let mut ys: Vec<i64> = keyed.iter().map(|k| k.0).collect();
    ys.dedup();
    let mut tree = vec![0i64; ys.len() + 1];
    let add = |tree: &mut Vec<i64>, mut i: usize, d: i64| {
        i += 1;
        while i < tree.len() {
            tree[i] += d;
            i += i & i.wrapping_neg();
        }
    };
    let sum = |tree: &[i64], i: usize| {
        let (mut i, mut s) = (i + 1, 0);
        while i > 0 {
            s += tree[i];
            i -= i & i.wrapping_neg();
        }
        s
    };
    let mut by_x: Vec<(i64, usize)> = vs.iter().enumerate().map(|(k, v)| (tenths(v.at), k)).collect();
    by_x.sort_unstable();
    let verticals: Vec<(i64, i64, i64)> = by_x.iter().map(|&(x, k)| (x, tenths(vs[k].lo), tenths(vs[k].hi))).collect();
    // Queries: (x up to which verticals count, twice the height index plus one for an upper end).
    let mut queries: Vec<(i64, usize)> = Vec::with_capacity(2 * hs.len());
    for h in hs {
        let y = ys.partition_point(|&v| v < tenths(h.at));
        queries.push((tenths(h.hi) - 1, 2 * y + 1));
        queries.push((tenths(h.lo), 2 * y));
    }
    queries.sort_unstable();
    let mut total: i64 = 0;
    let mut next = 0;
    for (x, code) in queries {
        let (y, sign) = (code / 2, if code % 2 == 1 { 1 } else { -1 });
        while next < verticals.len() && verticals[next].0 <= x {
            let (_, lo, hi) = verticals[next];
            // Heights strictly inside (lo, hi).
            let (a, b) = (ys.partition_point(|&v| v <= lo), ys.partition_point(|&v| v < hi));
            if a < b {
                add(&mut tree, a, 1);
                add(&mut tree, b, -1);
            }
            next += 1;
        }
        total += sign * sum(&tree, y);
    }
    // Pairs within one edge do not count.
    let mut own = 0;
    let mut by_edge: std::collections::BTreeMap<usize, (Vec<&Seg>, Vec<&Seg>)> = std::collections::BTreeMap::new();
    for h in hs {
        by_edge.entry(h.edge).or_default().0.push(h);
    }
    for v in vs {
        by_edge.entry(v.edge).or_default().1.push(v);
    }
    for (h, v) in by_edge.values() {
        for h in h {
            for v in v {
                let (x, y) = (tenths(v.at), tenths(h.at));
                if tenths(h.lo) < x && x < tenths(h.hi) && tenths(v.lo) < y && y < tenths(v.hi) {
                    own += 1;
                }
            }
        }
    }
    (total - own).max(0) as usize
}

/// Edge labels on a box they are not inside, or on a later label: each label counted once for each.
/// Labels are swept along x; boxes are found by walking the containment tree through the siblings that
/// may meet the label.
pub fn label_overlaps(scene: &Scene) -> usize {
    let labels: Vec<Rect> = scene.edges.iter().filter_map(|e| e.label_rect).collect();
    if labels.is_empty() {
        return 0;
    }
    let mut count = 0;
    let mut on_label = vec![false; labels.len()];
    let mut keyed: Vec<(i64, usize)> = labels.iter().enumerate().map(|(i, l)| (tenths(l.x), i)).collect();
    keyed.sort_unstable();
    let by_x: Vec<usize> = keyed.into_iter().map(|(_, i)| i).collect();
    for (k, &i) in by_x.iter().enumerate() {
        for &j in &by_x[k + 1..] {
            if labels[j].x >= labels[i].right() {
                break;
            }
            if labels[i].overlaps(&labels[j]) {
                on_label[i.min(j)] = true;
            }
        }
    }
    count += on_label.iter().filter(|&&b| b).count();
    let n = scene.boxes.len();
    let mut kids: Vec<Vec<usize>> = vec![Vec::new(); n + 1];
    for (i, b) in scene.boxes.iter().enumerate() {
        kids[b.parent.unwrap_or(n)].push(i);
    }
    let index: Vec<verify::Sorted> = kids.iter().map(|l| verify::Sorted::new(scene, l)).collect();
    let mut stack = Vec::new();
    for l in &labels {
        stack.clear();
        stack.push(n);
        let mut hit = false;
        while let Some(list) = stack.pop() {
            index[list].near(scene, l, |bx| {
                let r = scene.boxes[bx].rect;
                if r.overlaps(l) {
                    if r.holds(l) {
                        stack.push(bx);
                    } else {
                        hit = true;
                    }
                }
            });
        }
        count += usize::from(hit);
    }
    count
}

/// Edge labels away from their own edge (farther than [`LABEL_REACH`]), and those another edge runs
/// through (more than a pixel inside the label's box). O(L · k) for `L` labels and `k` segments near each.
pub fn labels_astray(scene: &Scene) -> (usize, usize) {
    if scene.edges.iter().all(|e| e.label_rect.is_none()) {
        return (0, 0);
    }
    let routes: Vec<Vec<(f64, f64)>> = scene.edges.iter().map(|e| e.points.clone()).collect();
    let grid = Grid::new(&routes);
    let (mut off, mut on) = (0, 0);
    for (k, e) in scene.edges.iter().enumerate() {
        let Some(r) = e.label_rect else { continue };
        off += usize::from(distance(&r, &e.points) > LABEL_REACH);
        on += usize::from(grid.crosses(&r, k, 1.0));
    }
    (off, on)
}

/// Pairs of segments of different edges on one line that share a stretch longer than a rounding step.
fn collinear(segs: &mut [Seg]) -> usize {
    segs.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.lo.total_cmp(&b.lo)));
    let mut count = 0;
    let mut i = 0;
    while i < segs.len() {
        let mut j = i;
        while j < segs.len() && (segs[j].at - segs[i].at).abs() < 1e-9 {
            j += 1;
        }
        for a in i..j {
            for b in a + 1..j {
                if segs[b].lo >= segs[a].hi - 0.05 {
                    break;
                }
                if segs[a].edge != segs[b].edge {
                    count += 1;
                }
            }
        }
        i = j;
    }
    count
}
