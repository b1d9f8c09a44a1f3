//! The simple routes of a layered drawing, tried before any search: a straight line between facing
//! sides, or a Z through the channel between the two boxes. Guarantee: a route it returns keeps a margin
//! (less a pixel) from every box it may not enter, by the obstacle index's own check.

use crate::layout::geom::simplify;
use crate::layout::knobs::MARGIN;
use crate::layout::obstacles::{Boxes, segment_clear};
use crate::layout::tree::{allowed, chain};
use crate::spec::Direction;

/// The simple routes of a layered drawing, tried before any search: a straight line between facing
/// sides, or a Z through the channel between the two boxes. None when one end holds the other or
/// nothing simple fits.
pub(super) fn direct(inp: &Boxes, u: usize, v: usize) -> Option<Vec<(f64, f64)>> {
    if chain(inp.parent, v).contains(&u) || chain(inp.parent, u).contains(&v) {
        return None;
    }
    let ok = allowed(inp.parent, u, v);
    let (a, b) = (inp.rects[u], inp.rects[v]);
    let m = MARGIN;
    let lr = inp.direction == Direction::Lr;
    // Work in (main, cross) coordinates: main runs along the flow.
    let flip = |p: (f64, f64)| if lr { p } else { (p.1, p.0) };
    let (a0, a1, ac) = if lr { (a.x, a.right(), a.cy().round()) } else { (a.y, a.bottom(), a.cx().round()) };
    let (b0, b1, bc) = if lr { (b.x, b.right(), b.cy().round()) } else { (b.y, b.bottom(), b.cx().round()) };
    let clear = m - 1.0;
    let try_path = |pts: Vec<(f64, f64)>| -> Option<Vec<(f64, f64)>> {
        let pts: Vec<(f64, f64)> = pts.into_iter().map(flip).collect();
        let mut stack = Vec::new();
        pts.windows(2).all(|w| segment_clear(inp, (u, v), &ok, w[0], w[1], clear, &mut stack)).then(|| simplify(pts))
    };
    // Forward (b after a) or backward along the main axis, with room for a channel between.
    let (from, to) = if b0 >= a1 + 2.0 * m {
        (a1, b0)
    } else if a0 >= b1 + 2.0 * m {
        (a0, b1)
    } else {
        return None;
    };
    if (ac - bc).abs() < 0.5 {
        return try_path(vec![(from, ac), (to, ac)]);
    }
    let dir = (to - from).signum();
    let mid = ((from + to) / 2.0).round();
    for at in [mid, from + dir * m, to - dir * m] {
        if let Some(p) = try_path(vec![(from, ac), (at, ac), (at, bc), (to, bc)]) {
            return Some(p);
        }
    }
    None
}
