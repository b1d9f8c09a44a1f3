//! The obstacle index: the placed boxes as every pass after placement sees them (the containment tree,
//! the label rows, the lanes placement kept), with each big container's children sorted along both axes,
//! so that checking a segment against a container looks only at the children within its reach.
//! Guarantee: [`segment_clear`] answers exactly as a check against every box would (tested).

use super::geom::{Stop, crosses_open};
use super::knobs::MANY;
use super::tree::contains;
use crate::scene::Rect;
use crate::spec::Direction;

/// What the router and the passes after it need of the placed diagram.
pub(crate) struct Boxes<'a> {
    pub rects: &'a [Rect],
    pub parent: &'a [Option<usize>],
    pub kids: &'a [Vec<usize>],
    pub roots: &'a [usize],
    /// The rectangle of each container's label (empty for leaves).
    pub label_rects: &'a [Option<Rect>],
    pub direction: Direction,
    /// Per edge, the stops placement prepared for it (see [`super::place::Placement`]).
    pub lanes: &'a [Option<Vec<Stop>>],
    /// The children of big containers in order along each axis (see [`Order`]).
    pub order: &'a Order,
}

/// The children of each container with more than `MANY` of them, sorted by left side and by top side,
/// with the widest and tallest child: a check of a segment against the children then looks only at those
/// within its reach along one axis, not at every child of a wide cluster. O(n log n) to build.
#[derive(Default)]
pub(crate) struct Order {
    by_x: Vec<Vec<usize>>,
    by_y: Vec<Vec<usize>>,
    most: Vec<(f64, f64)>,
}

impl Order {
    pub(crate) fn new(rects: &[Rect], kids: &[Vec<usize>]) -> Order {
        let mut o = Order::default();
        for list in kids {
            let (mut xs, mut ys) = (Vec::new(), Vec::new());
            let mut most = (0.0f64, 0.0f64);
            // One sort for both axes (each instance of a sort adds to the wasm).
            let sorted = |list: &[usize], x: bool| {
                let side = |k: usize| if x { rects[k].x } else { rects[k].y };
                let mut v = list.to_vec();
                v.sort_unstable_by(|&a, &b| side(a).total_cmp(&side(b)).then(a.cmp(&b)));
                v
            };
            if list.len() > MANY {
                xs = sorted(list, true);
                ys = sorted(list, false);
                for &k in list {
                    most = (most.0.max(rects[k].w), most.1.max(rects[k].h));
                }
            }
            o.by_x.push(xs);
            o.by_y.push(ys);
            o.most.push(most);
        }
        o
    }

    /// The children of `k` that may come within `reach` of the box from `a` to `b` (all of them, for a
    /// container with few); along the axis in which that box is narrower.
    pub(crate) fn near<'a>(
        &'a self,
        inp: &Boxes<'a>,
        k: usize,
        a: (f64, f64),
        b: (f64, f64),
        reach: f64,
    ) -> &'a [usize] {
        let all = &inp.kids[k];
        let Some(xs) = self.by_x.get(k).filter(|xs| !xs.is_empty()) else { return all };
        let reach = reach.max(0.0) + 1.0;
        let (x0, x1, y0, y1) = (a.0.min(b.0), a.0.max(b.0), a.1.min(b.1), a.1.max(b.1));
        let across = x1 - x0 <= y1 - y0;
        let (list, lo, hi) = if across {
            (xs, x0 - reach - self.most[k].0, x1 + reach)
        } else {
            (&self.by_y[k], y0 - reach - self.most[k].1, y1 + reach)
        };
        let start = |c: &usize| if across { inp.rects[*c].x } else { inp.rects[*c].y };
        let i = list.partition_point(|c| start(c) <= lo);
        let j = i + list[i..].partition_point(|c| start(c) < hi);
        &list[i..j]
    }
}

/// Whether a segment keeps clear (by `clear`) of every box it may not enter, of the interiors of its two
/// ends, and of the label rows of the containers it passes through. Walks the containment tree from the
/// top, descending only into allowed boxes.
pub(crate) fn segment_clear(
    inp: &Boxes,
    ends: (usize, usize),
    allowed: &[usize],
    a: (f64, f64),
    b: (f64, f64),
    clear: f64,
    stack: &mut Vec<usize>,
) -> bool {
    // An end that holds the other end is passed through like any ancestor.
    let holds = |a: usize, b: usize| contains(inp.parent, a, b);
    stack.clear();
    stack.extend_from_slice(inp.roots);
    while let Some(k) = stack.pop() {
        let r = inp.rects[k];
        let is_end = (k == ends.0 && !holds(k, ends.1)) || (k == ends.1 && !holds(k, ends.0));
        let grow = if is_end { 0.0 } else { clear };
        let big = Rect { x: r.x - grow, y: r.y - grow, w: r.w + 2.0 * grow, h: r.h + 2.0 * grow };
        if !crosses_open(&big, a, b) {
            continue;
        }
        if is_end || allowed.binary_search(&k).is_err() {
            return false;
        }
        if let Some(l) = inp.label_rects[k] {
            let l = Rect { x: l.x - clear, y: l.y - clear, w: l.w + 2.0 * clear, h: l.h + 2.0 * clear };
            if crosses_open(&l, a, b) {
                return false;
            }
        }
        stack.extend(inp.order.near(inp, k, a, b, clear));
    }
    true
}

/// Test boxes: box 0 holds every other one; no labels, laid out top to bottom. The router's tests and
/// those of the passes after it build their input from it.
#[cfg(test)]
pub(crate) struct Fixture {
    pub rects: Vec<Rect>,
    parent: Vec<Option<usize>>,
    kids: Vec<Vec<usize>>,
    labels: Vec<Option<Rect>>,
    order: Order,
}

#[cfg(test)]
impl Fixture {
    pub fn new(rects: Vec<Rect>) -> Fixture {
        let n = rects.len();
        let parent = (0..n).map(|i| (i > 0).then_some(0)).collect();
        let kids: Vec<Vec<usize>> = std::iter::once((1..n).collect()).chain((1..n).map(|_| vec![])).collect();
        let order = Order::new(&rects, &kids);
        Fixture { parent, kids, labels: vec![None; n], order, rects }
    }

    pub fn input(&self) -> Boxes<'_> {
        Boxes {
            rects: &self.rects,
            parent: &self.parent,
            kids: &self.kids,
            roots: &[0],
            label_rects: &self.labels,
            direction: Direction::Tb,
            lanes: &[],
            order: &self.order,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_near_keeps_every_child_a_segment_comes_within_reach_of() {
        // A container with a 9 × 9 grid of children of varied sizes, and segments across it.
        let mut rects = vec![Rect { x: 0.0, y: 0.0, w: 2000.0, h: 2000.0 }];
        for i in 0..81 {
            let (c, r) = ((i % 9) as f64, (i / 9) as f64);
            let (w, h) = (40.0 + (i * 37 % 160) as f64, 30.0 + (i * 53 % 90) as f64);
            rects.push(Rect { x: 20.0 + c * 215.0, y: 20.0 + r * 215.0, w, h });
        }
        let fixture = Fixture::new(rects);
        let (inp, rects, order) = (fixture.input(), &fixture.rects, &fixture.order);
        let mut checked = 0;
        for k in 0..400 {
            let (a, b) = ((k * 131 % 1900) as f64 + 3.0, (k * 277 % 1900) as f64 + 5.0);
            let (lo, hi) = ((k * 71 % 1000) as f64, (k * 71 % 1000 + 40 + k * 13 % 900) as f64);
            let (p, q) = if k % 2 == 0 { ((lo, a), (hi, a)) } else { ((b, lo), (b, hi)) };
            let reach = (k % 4) as f64 * 5.0;
            let near = order.near(&inp, 0, p, q, reach);
            assert!(near.len() < 81, "segment {k} looks at every child");
            for (c, r) in rects.iter().enumerate().skip(1) {
                let grown = Rect { x: r.x - reach, y: r.y - reach, w: r.w + 2.0 * reach, h: r.h + 2.0 * reach };
                if crosses_open(&grown, p, q) {
                    assert!(near.contains(&c), "segment {k} from {p:?} to {q:?} misses child {c}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 100, "only {checked} children met");
    }
}
