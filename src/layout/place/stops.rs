//! Each relation's stops, in order from its source to its target, in absolute coordinates: its first
//! end, its lanes container by container outward from the source, across where the branches meet, inward
//! to the target, and its last end; each hop turning in the channel of the level where its two stops'
//! arrangements meet. Postcondition: every stop's rectangle is absolute; the first and last stops are the
//! ends (or the container's border, between a container and its content). Cost: O(r · depth).

use super::containers::Placer;
use crate::layout::geom::{Stop, moved};
use crate::layout::knobs::{LABEL_BAND, PAD};
use crate::layout::tree::{contains, lift};
use crate::scene::Rect;

/// The stops of every relation (None for self-loops, and for a relation between a container and its
/// content that no lane reaches).
pub(super) fn lanes(p: &mut Placer, rects: &[Rect]) -> Vec<Option<Vec<Stop>>> {
    let mut sides = std::mem::take(&mut p.sides);
    let p: &Placer = p;
    let (n, nr, lr) = (p.n, p.model.relations.len(), p.lr);
    let mut lanes: Vec<Option<Vec<Stop>>> = vec![None; nr];
    // Ancestors of a stop's arrangement, and the stops with their arrangements (buffers reused across
    // relations).
    let mut ca: Vec<usize> = Vec::new();
    let mut all: Vec<(Stop, usize)> = Vec::new();
    for (ri, lane) in lanes.iter_mut().enumerate() {
        let r = &p.model.relations[ri];
        if r.from == r.to {
            continue;
        }
        let (first, last) = if lift(&p.parent, &p.depth, r.from, r.to).is_some() {
            (end(p, rects, r.from, ri), end(p, rects, r.to, ri))
        } else if contains(&p.parent, r.from, r.to) {
            let Some(b) = border(p, rects, r.from, ri) else { continue };
            (b, end(p, rects, r.to, ri))
        } else {
            let Some(b) = border(p, rects, r.to, ri) else { continue };
            (end(p, rects, r.from, ri), b)
        };
        let [mut out_side, mut in_side] = std::mem::take(&mut sides[ri]);
        out_side.sort_by_key(|t| t.0);
        in_side.sort_by_key(|t| std::cmp::Reverse(t.0));
        let up = |x: usize| p.parent[x].unwrap_or(n);
        // Each stop with the arrangement it belongs to (a container, or n for the top level).
        let owner_of = |x: usize| if first.border && x == r.from || last.border && x == r.to { x } else { up(x) };
        let absolute = |l, g| absolute(l, g, origin(n, rects, g), lr);
        all.clear();
        all.push((first, owner_of(r.from)));
        for (_, g, l) in &out_side {
            all.extend(absolute(l, *g));
        }
        if let Some((g, l)) = &p.meet[ri] {
            all.extend(absolute(l, *g));
        }
        for (_, g, l) in &in_side {
            all.extend(absolute(l, *g).rev());
        }
        all.push((last, owner_of(r.to)));
        // A hop between two stops turns in the channel of the level where their arrangements meet:
        // every edge crossing that channel turns on one line there, so nudging orders them together.
        for k in 0..all.len() - 1 {
            if all[k].0.side {
                continue;
            }
            let (a, b) = (all[k].1, all[k + 1].1);
            ca.clear();
            ca.push(a);
            while let Some(&x) = ca.last().filter(|&&x| x != n) {
                ca.push(up(x));
            }
            let mut y = b;
            while !ca.contains(&y) {
                y = up(y);
            }
            all[k].0.hop = match ca.iter().position(|&x| x == y) {
                Some(0) | None => (all[k].0.before, all[k].0.after),
                Some(i) => {
                    let branch = ca[i - 1];
                    let o = origin(n, rects, y);
                    let main = if p.lr { o.0 } else { o.1 };
                    (p.band_of[branch].0 + main, p.band_of[branch].1 + main)
                }
            };
        }
        *lane = Some(all.iter().map(|t| t.0).collect());
    }
    lanes
}

/// A container's stops in absolute coordinates, each with the container.
fn absolute(l: &[Stop], g: usize, o: (f64, f64), lr: bool) -> impl DoubleEndedIterator<Item = (Stop, usize)> + '_ {
    l.iter().map(move |st| (moved(st, o, lr), g))
}

/// The top-left corner of arrangement `g`'s coordinates (the origin for the top level, `n`).
fn origin(n: usize, rects: &[Rect], g: usize) -> (f64, f64) {
    if g == n { (0.0, 0.0) } else { (rects[g].x, rects[g].y) }
}

/// The stop of end `x` of relation `r`: its box, at its port, with the channels around its layer.
fn end(p: &Placer, rects: &[Rect], x: usize, r: usize) -> Stop {
    let o = origin(p.n, rects, p.parent[x].unwrap_or(p.n));
    let main = if p.lr { o.0 } else { o.1 };
    let port = p.port_of.get(&(r, x)).copied().unwrap_or(0.0);
    let band = (p.band_of[x].0 + main, p.band_of[x].1 + main);
    Stop { rect: rects[x], before: band.0, after: band.1, border: false, port, hop: band, side: false }
}

/// Between a container `c` and its content, relation `ri` starts or ends on the container's own border,
/// across from where its lanes reach the side; None when no lane reaches it.
fn border(p: &Placer, rects: &[Rect], c: usize, ri: usize) -> Option<Stop> {
    let lr = p.lr;
    let &(leading, off) = p.own_side.get(&(ri, c))?;
    let b = rects[c];
    let (m0, m1) = if lr { (b.x, b.right()) } else { (b.y, b.bottom()) };
    let band = if leading { (m0, m0 + if lr { PAD } else { LABEL_BAND + PAD }) } else { (m1 - PAD, m1) };
    let cross = (if lr { b.cy() } else { b.cx() } + off).round();
    let rect = if lr {
        Rect { x: band.0, y: cross, w: band.1 - band.0, h: 0.0 }
    } else {
        Rect { x: cross, y: band.0, w: 0.0, h: band.1 - band.0 }
    };
    Some(Stop { rect, before: band.0, after: band.1, border: true, port: 0.0, hop: band, side: false })
}
