//! Quality metrics of a positioned scene: edge crossings, bends, collinear overlaps between edges,
//! overlapping boxes, edges through foreign boxes, edge labels on boxes or on each other, and the drawing's
//! size. Reported in the geometry JSON and compared with other layout engines.
//!
//! Crossings: every horizontal segment against the vertical segments whose x lies strictly inside it
//! (found by binary search over verticals sorted by x), O(S log S + K) for S segments and K candidates.

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
    /// Width and height of the drawing (boxes and edges, without title and legend).
    pub width: f64,
    pub height: f64,
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
            bends: self.bends,
            collinear_overlaps: self.collinear_overlaps,
            crossings: self.crossings,
            height: round(self.height),
            label_overlaps: self.label_overlaps,
            overlaps: self.overlaps,
            through_box: self.through_box,
            width: round(self.width),
        }
    }
}

/// [`Metrics`] as the `layout` JSON writes them (fields in alphabetical order, as the keys).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Rounded {
    pub area: f64,
    pub bends: usize,
    pub collinear_overlaps: usize,
    pub crossings: usize,
    pub height: f64,
    pub label_overlaps: usize,
    pub overlaps: usize,
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

/// Measures a scene.
pub fn measure(scene: &Scene) -> Metrics {
    let mut m = Metrics::default();
    let mut hs = Vec::new();
    let mut vs = Vec::new();
    for (k, e) in scene.edges.iter().enumerate() {
        m.bends += e.points.len().saturating_sub(2);
        for w in e.points.windows(2) {
            let (a, b) = (w[0], w[1]);
            if (a.1 - b.1).abs() < 1e-9 {
                hs.push(Seg { edge: k, at: a.1, lo: a.0.min(b.0), hi: a.0.max(b.0) });
            } else {
                vs.push(Seg { edge: k, at: a.0, lo: a.1.min(b.1), hi: a.1.max(b.1) });
            }
        }
    }
    vs.sort_by(|a, b| a.at.total_cmp(&b.at));
    let xs: Vec<f64> = vs.iter().map(|s| s.at).collect();
    for h in &hs {
        let from = xs.partition_point(|&x| x <= h.lo + 1e-9);
        let to = xs.partition_point(|&x| x < h.hi - 1e-9);
        for v in &vs[from..to.max(from)] {
            if v.edge != h.edge && v.lo < h.at - 1e-9 && h.at < v.hi - 1e-9 {
                m.crossings += 1;
            }
        }
    }
    m.collinear_overlaps = collinear(&mut hs) + collinear(&mut vs);

    for v in verify::check(scene) {
        if v.contains("passes through") {
            m.through_box += 1;
        } else if v.contains("overlap") || v.contains("not inside") {
            m.overlaps += 1;
        }
    }

    let labels: Vec<Rect> = scene.edges.iter().filter_map(|e| e.label_rect).collect();
    for (i, l) in labels.iter().enumerate() {
        if labels[i + 1..].iter().any(|o| o.overlaps(l)) {
            m.label_overlaps += 1;
        }
        if scene.boxes.iter().any(|b| b.rect.overlaps(l) && !b.rect.holds(l)) {
            m.label_overlaps += 1;
        }
    }

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
