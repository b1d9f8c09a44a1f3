//! Routes along the lanes placement kept: from the source through each lane in turn to the target,
//! running along the flow and turning only in the channels between layers (or in a container's padding),
//! stepping aside round a container's label on the way in. Guarantee: every segment of a route it returns
//! keeps a margin (less a pixel) from every box it may not enter; None otherwise.

use crate::layout::geom::{EPS, Stop, simplify};
use crate::layout::knobs::{END_CORNER, MARGIN};
use crate::layout::obstacles::{Boxes, segment_clear};
use crate::layout::tree::allowed;
use crate::spec::Direction;

/// The route placement prepared for an edge: from its source through each of its lanes in turn to its
/// target, running along the flow and turning only in the gaps between (between layers, or in a
/// container's padding), or stepping aside round a container's label on the way in. None when an end
/// shares a layer with the next lane or no turn keeps clear.
pub(super) fn along_lanes(
    inp: &Boxes,
    u: usize,
    v: usize,
    lanes: &[Stop],
    degree: (usize, usize),
) -> Option<Vec<(f64, f64)>> {
    let lr = inp.direction == Direction::Lr;
    // Work in (main, cross) coordinates: main runs along the flow.
    let flip = |p: (f64, f64)| if lr { p } else { (p.1, p.0) };
    let span = |st: &Stop| {
        let r = st.rect;
        if lr { (r.x, r.right(), (r.cy() + st.port).round()) } else { (r.y, r.bottom(), (r.cx() + st.port).round()) }
    };
    let mut stops: Vec<(f64, f64, f64)> = lanes.iter().map(span).collect();
    // An end box with no other edge, whose side spans the next lane, meets the edge right there, straight,
    // without a turn (with other edges, its ports keep their order).
    let last = stops.len() - 1;
    for (end, next, deg) in [(0, 1, degree.0), (last, last - 1, degree.1)] {
        let st = &lanes[end];
        if deg > 1 {
            continue;
        }
        let (c0, c1) = if lr { (st.rect.y, st.rect.bottom()) } else { (st.rect.x, st.rect.right()) };
        let want = stops[next].2;
        if !st.border && last > 1 && want >= c0 + END_CORNER && want <= c1 - END_CORNER {
            stops[end].2 = want;
        }
    }
    let ok = allowed(inp.parent, u, v);
    let stack = std::cell::RefCell::new(Vec::new());
    let clear = |a: (f64, f64), b: (f64, f64)| {
        segment_clear(inp, (u, v), &ok, flip(a), flip(b), MARGIN - 1.0, &mut stack.borrow_mut())
    };
    let path_clear = |p: &[(f64, f64)]| p.windows(2).all(|w| clear(w[0], w[1]));
    // Label rows of the containers on the way, as (main0, main1, cross0, cross1).
    let labels: Vec<(f64, f64, f64, f64)> = ok
        .iter()
        .filter_map(|&a| inp.label_rects[a])
        .map(|l| if lr { (l.x, l.right(), l.y, l.bottom()) } else { (l.y, l.bottom(), l.x, l.right()) })
        .collect();
    let m = MARGIN;
    let (t0, t1) = if lr { (inp.rects[v].y, inp.rects[v].bottom()) } else { (inp.rects[v].x, inp.rects[v].right()) };
    let mut pts: Vec<(f64, f64)> = Vec::with_capacity(2 * stops.len() + 2);
    for k in 1..stops.len() {
        let (p0, p1, pc) = stops[k - 1];
        let (q0, q1, qc) = stops[k];
        let (g0, g1, fwd) = if q0 >= p1 - EPS {
            (p1, q0, true)
        } else if q1 <= p0 + EPS {
            (q1, p0, false)
        } else {
            return None;
        };
        if k == 1 {
            let border = lanes[0].border;
            pts.push((if fwd != border { p1 } else { p0 }, pc));
        }
        let cur = *pts.last()?;
        let (enter, leave) = if fwd { (q0, q1) } else { (q1, q0) };
        let inside = |j: f64| j >= g0 - EPS && j <= g1 + EPS;
        let mid = ((g0 + g1) / 2.0).round();
        let (near_p, near_q) = if fwd { (g0 + m, g1 - m) } else { (g1 - m, g0 + m) };
        // The channel next to the outer of the two layers: every edge leaving or entering that layer
        // turns on one line there, so nudging orders them all together.
        let (sp, sq) = (&lanes[k - 1], &lanes[k]);
        let channel = if fwd { [sp.hop.1, sq.before] } else { [sp.hop.0, sq.after] };
        // One turn in the gap, or none when the lane is straight ahead.
        // Where the route meets the target across the flow (its port, unless it steps round a label).
        let mut landing = qc;
        let mut hop: Option<Vec<(f64, f64)>> = if (pc - qc).abs() < 0.5 {
            clear(cur, (enter, qc)).then(Vec::new)
        } else {
            [channel[0], channel[1], mid, near_p, near_q]
                .into_iter()
                .filter(|&j| inside(j))
                .map(|j| [(j, pc), (j, qc)])
                .find(|turn| clear(cur, turn[0]) && clear(turn[0], turn[1]) && clear(turn[1], (enter, qc)))
                .map(|turn| turn.to_vec())
        };
        // Else step aside round a label in the gap: turn early, pass beside the label, turn in again
        // just before the stop.
        if hop.is_none() {
            'aside: for &(l0, l1, c0, c1) in &labels {
                if l1 <= g0 || l0 >= g1 {
                    continue;
                }
                let before = if fwd { (g0 + l0) / 2.0 } else { (l1 + g1) / 2.0 };
                for side in [c1 + m, c0 - m] {
                    for j in [channel[0], near_p, before.round()] {
                        if !inside(j) {
                            continue;
                        }
                        // Into the target itself, beside the label when its side reaches there.
                        if k == last && !lanes[k].border && side >= t0 + END_CORNER && side <= t1 - END_CORNER {
                            let turn = vec![(j, pc), (j, side)];
                            if path_clear(&[cur, turn[0], turn[1], (enter, side)]) {
                                hop = Some(turn);
                                landing = side;
                                break 'aside;
                            }
                        }
                        if !inside(near_q) {
                            continue;
                        }
                        let turn = vec![(j, pc), (j, side), (near_q, side), (near_q, qc)];
                        let mut full = vec![cur];
                        full.extend(&turn);
                        full.push((enter, qc));
                        if path_clear(&full) {
                            hop = Some(turn);
                            break 'aside;
                        }
                    }
                }
            }
        }
        pts.extend(hop?);
        if k + 1 == stops.len() {
            let end = if lanes[k].border { leave } else { enter };
            if !clear((enter, landing), (end, landing)) {
                return None;
            }
            pts.push((end, landing));
        } else {
            if !clear((enter, qc), (leave, qc)) {
                return None;
            }
            pts.push((leave, qc));
        }
    }
    Some(simplify(pts.into_iter().map(flip).collect()))
}
