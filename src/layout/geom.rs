//! Shared geometry of the layered layout: the stops placement keeps for a relation, and the point and
//! rectangle helpers every pass uses, and placement's result ([`Placement`]). Pure functions; nothing here depends on another layout module.

use crate::scene::Rect;

/// A point of a route.
pub(crate) type Point = (f64, f64);

/// Tolerance of coordinate comparisons (coordinates are whole or half pixels until nudging).
pub(crate) const EPS: f64 = 1e-6;

/// One stop on a relation's way: a box (its first and last stop) or a lane (a zero-width rectangle: a
/// run across one layer, along the flow, with nothing beside it for a margin), with the middles of the
/// channels before and after its layer (along the flow).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Stop {
    pub rect: Rect,
    pub before: f64,
    pub after: f64,
    /// A band of a container's padding: the route ends on its outer edge (the container's border).
    pub border: bool,
    /// Where the route meets a box, across the flow from its centre.
    pub port: f64,
    /// The channels (before, after along the flow) where the route turns on its way to the next stop.
    pub hop: (f64, f64),
    /// A lane beside a container that the route leaves sideways, into the container, in the channel
    /// `hop` names (inside the container): its own hop stands.
    pub side: bool,
}

/// Where placement put the boxes, and the lanes it kept free for each relation.
pub(crate) struct Placement {
    /// Absolute rectangles, indexed like `model.elements`.
    pub rects: Vec<Rect>,
    /// Per relation (None for self-loops and edges between a container and its content): its stops in
    /// order from source to target.
    pub lanes: Vec<Option<Vec<Stop>>>,
    /// Where each container's label starts along its top, from its left edge (clear of entering edges).
    pub label_dx: Vec<f64>,
}

/// A stop moved by `by`.
pub(crate) fn moved(st: &Stop, by: (f64, f64), lr: bool) -> Stop {
    let r = st.rect;
    let main = if lr { by.0 } else { by.1 };
    Stop {
        rect: Rect { x: r.x + by.0, y: r.y + by.1, w: r.w, h: r.h },
        before: st.before + main,
        after: st.after + main,
        border: st.border,
        port: st.port,
        hop: (st.hop.0 + main, st.hop.1 + main),
        side: st.side,
    }
}

/// Drops repeated points and points in the middle of straight runs.
pub(crate) fn simplify(pts: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(pts.len());
    for p in pts {
        if out.last().is_some_and(|q| (q.0 - p.0).abs() < EPS && (q.1 - p.1).abs() < EPS) {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let same_x = (a.0 - b.0).abs() < EPS && (b.0 - p.0).abs() < EPS;
            let same_y = (a.1 - b.1).abs() < EPS && (b.1 - p.1).abs() < EPS;
            if same_x || same_y {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// Whether the segment from `a` to `b` enters the open interior of `r`.
pub(crate) fn crosses_open(r: &Rect, a: (f64, f64), b: (f64, f64)) -> bool {
    let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
    let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
    x1 > r.x + EPS && x0 < r.right() - EPS && y1 > r.y + EPS && y0 < r.bottom() - EPS
}

/// The bounding box of all rectangles (empty at the origin when there are none).
pub(crate) fn bbox(rects: &[Rect]) -> Rect {
    if rects.is_empty() {
        return Rect::default();
    }
    let x0 = rects.iter().map(|r| r.x).fold(f64::INFINITY, f64::min);
    let y0 = rects.iter().map(|r| r.y).fold(f64::INFINITY, f64::min);
    let x1 = rects.iter().map(|r| r.right()).fold(f64::NEG_INFINITY, f64::max);
    let y1 = rects.iter().map(|r| r.bottom()).fold(f64::NEG_INFINITY, f64::max);
    Rect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }
}
