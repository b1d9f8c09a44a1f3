//! What each container learns of the edges crossing its border before it is arranged: every such edge as
//! a [`Port`] of the child it runs to or from (which side, where the other end lies across the flow from
//! the first pass, whether its first way in wound), and per child where its edges leaving the parent
//! went in the first pass. Pure reads of the model and of the first pass. Cost: O(r · depth²).

use crate::layout::arrange::Port;
use crate::layout::geom::Placement;
use crate::layout::geom::Stop;
use crate::layout::knobs::{LABEL_BAND, PAD, WINDING};
use crate::layout::tree::contains;
use crate::model::Model;
use crate::scene::Rect;

/// Across-the-flow coordinate of a rectangle's centre.
pub(super) fn cross(lr: bool, r: &Rect) -> f64 {
    if lr { r.cy() } else { r.cx() }
}

/// Where each element's edges that leave its parent went in the first pass: (sum of the other ends'
/// cross coordinates, how many).
pub(super) fn outside_ends(model: &Model, parent: &[Option<usize>], prior: &[Rect], lr: bool) -> Vec<(f64, usize)> {
    let mut ext = vec![(0.0f64, 0usize); model.elements.len()];
    for r in &model.relations {
        if r.from == r.to {
            continue;
        }
        for (a, b) in [(r.from, r.to), (r.to, r.from)] {
            let mut x = a;
            // The edge leaves parent(x) when b is not inside parent(x).
            while let Some(p) = parent[x] {
                let mut inside = false;
                let mut y = Some(b);
                while let Some(z) = y {
                    if z == p {
                        inside = true;
                        break;
                    }
                    y = parent[z];
                }
                if inside {
                    break;
                }
                ext[x].0 += cross(lr, &prior[b]);
                ext[x].1 += 1;
                x = p;
            }
        }
    }
    ext
}

/// Per container (index `n` for the top level): the hint and first-pass centre of each child, relative
/// to the container's content; all None without a first pass.
pub(super) fn hints(
    items: &[usize],
    container: Option<usize>,
    prior: Option<&[Rect]>,
    ext: &[(f64, usize)],
    lr: bool,
) -> (Vec<Option<f64>>, Vec<Option<f64>>) {
    let Some(r1) = prior else { return (vec![None; items.len()], vec![None; items.len()]) };
    let origin = container.map_or(0.0, |c| if lr { r1[c].y + LABEL_BAND + PAD } else { r1[c].x + PAD });
    let hint = items.iter().map(|&i| (ext[i].1 > 0).then(|| ext[i].0 / ext[i].1 as f64 - origin)).collect();
    let was = items.iter().map(|&i| Some(cross(lr, &r1[i]) - origin)).collect();
    (hint, was)
}

/// Edges that cross a container's border, as ports of the child they run to or from, per container.
pub(super) fn border_ports(
    model: &Model,
    parent: &[Option<usize>],
    first: Option<&Placement>,
    lr: bool,
) -> Vec<Vec<Port>> {
    let n = model.elements.len();
    let prior = first.map(|f| &f.rects[..]);
    let mut ports: Vec<Vec<Port>> = vec![Vec::new(); n + 1];
    for (ri, r) in model.relations.iter().enumerate() {
        for (x, y, incoming) in [(r.to, r.from, true), (r.from, r.to, false)] {
            let mut child = x;
            let mut step = 0;
            while let Some(c) = parent[child] {
                if contains(parent, c, y) && c != y {
                    break; // lifted to c or below
                }
                let leading = match prior {
                    Some(r1) if !contains(parent, y, c) => {
                        let (o, b) = (&r1[y], &r1[c]);
                        let (o0, o1, b0, b1) =
                            if lr { (o.x, o.right(), b.x, b.right()) } else { (o.y, o.bottom(), b.y, b.bottom()) };
                        if o1 <= b0 {
                            true
                        } else if o0 >= b1 {
                            false
                        } else {
                            incoming
                        }
                    }
                    _ => incoming,
                };
                let hint = first.filter(|_| c != y).map(|f| side_hint(f, ri, c, y, incoming, lr));
                let winding = first.filter(|_| incoming && c != y).is_some_and(|f| wound(f, ri, c, child, lr));
                let outside = c != y;
                let near = parent[c].is_none_or(|pc| contains(parent, pc, y));
                ports[c].push(Port {
                    child,
                    leading,
                    hint,
                    near,
                    other: y,
                    relation: ri,
                    at_source: !incoming,
                    step,
                    outside,
                    winding,
                });
                if c == y {
                    break;
                }
                child = c;
                step += 1;
            }
        }
    }
    ports
}

/// Where the first pass brought relation `ri` to container `c`'s side, relative to its content: its last
/// stop outside the container on the way from the other end `y` (else that end itself).
fn side_hint(f: &Placement, ri: usize, c: usize, y: usize, incoming: bool, lr: bool) -> f64 {
    let r1 = &f.rects;
    let origin = if lr { r1[c].y + LABEL_BAND + PAD } else { r1[c].x + PAD };
    let outside = f.lanes[ri].as_ref().and_then(|stops| {
        let inside = |st: &Stop| r1[c].holds(&st.rect);
        let k =
            if incoming { stops.iter().position(inside)?.checked_sub(1)? } else { stops.iter().rposition(inside)? + 1 };
        stops.get(k).map(|st| cross(lr, &st.rect) + st.port)
    });
    outside.unwrap_or_else(|| cross(lr, &r1[y])) - origin
}

/// Whether the first pass's way in, from its last stop outside container `c` to `child`, jogged
/// [`WINDING`] times or more: then entering from the side, in the child's channel, saves turns.
fn wound(f: &Placement, ri: usize, c: usize, child: usize, lr: bool) -> bool {
    let Some(stops) = f.lanes[ri].as_ref() else { return false };
    let r1 = &f.rects;
    let Some(k) = stops.iter().position(|st| r1[c].holds(&st.rect)) else { return false };
    let Some(j) = stops.iter().position(|st| r1[child].holds(&st.rect)) else { return false };
    let at = |st: &Stop| cross(lr, &st.rect) + st.port;
    k > 0 && j >= k && stops[k - 1..=j].windows(2).filter(|w| (at(&w[0]) - at(&w[1])).abs() >= 1.0).count() >= WINDING
}
