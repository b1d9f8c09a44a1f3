//! The simple layout, for graphs too hard for the layered one within its budget (see [`super::budget`]):
//! linear placement and routing that keeps every invariant of the scene by construction, in
//! O(n + r log r) time and O(n + r) memory for `n` elements and `r` relations.
//!
//! Placement: every container lays its children out in one row along the cross axis (left to right
//! top to bottom, top to bottom left to right), aligned at its content's start, with room after them for
//! ports of its own. Every box so has an interval along the row that no box but its ancestors and
//! descendants shares, and nothing lies beyond a box's far side (its bottom, or its right) but its
//! ancestors' borders.
//!
//! Routing: every relation end gets a port of its own on its box's far side (leaves spread their ports
//! along it; containers put theirs in their own room after their children), and every relation runs
//! from its source's port out past all boxes to a track, along the track, and back to its target's port.
//! Tracks are lines beyond the drawing, shared by relations whose spans (labels included) lie apart,
//! assigned greedily by where spans start (the fewest tracks possible). So: ports are all distinct (no
//! two edges on one line across the flow), spans on one track are apart (none along the flow), a leg from
//! a port to its track crosses only the end's ancestors, and tracks cross no box. Labels sit just past
//! their track within their span, clear of boxes and of one another.
//!
//! Preconditions: a model whose parents form a forest (as the spec guarantees). Postconditions: the
//! invariants of [`crate::scene`] and no collinear edge overlaps or label overlaps (tested on graphs of
//! every shape in `tests/limits.rs` and by the fuzz target `custom_graph`).

use super::assemble::Drawn;
use super::knobs::{
    EDGE_LABEL_H, GAP, ICON_ROOM, LABEL_BAND, LEAF_H, LEAF_MIN_W, LEAF_PAD_X, PAD, SIMPLE_CLEAR, SIMPLE_PORT,
    SIMPLE_TRACK,
};
use super::text;
use crate::kinds::has_glyph;
use crate::model::Model;
use crate::scene::Rect;
use crate::spec::Direction;
use crate::style;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// A box in row coordinates: `a` along the row, `b` across it (towards the far side).
#[derive(Clone, Copy, Default)]
struct Span {
    a: f64,
    b: f64,
    len_a: f64,
    len_b: f64,
}

/// A relation's ends along the row, and its span on a track (its label's room included).
struct Leg {
    from: f64,
    to: f64,
    lo: f64,
    hi: f64,
    /// The label's extent along the row and across it.
    label: Option<(f64, f64)>,
}

/// Each leg's track, and each track's depth (the room its labels need across the row).
fn tracks(legs: &[Leg]) -> (Vec<usize>, Vec<f64>) {
    // Tracks: the span starting first takes the track that came free first (or a new one), so no two
    // spans on a track come within SIMPLE_PORT of each other. Coordinates are whole or half units: compare
    // them as integer tenths.
    let tenths = |v: f64| (v * 10.0).round() as i64;
    let mut by_start: Vec<(i64, usize)> = legs.iter().enumerate().map(|(k, l)| (tenths(l.lo), k)).collect();
    by_start.sort_unstable();
    let mut free: BinaryHeap<Reverse<(i64, usize)>> = BinaryHeap::new();
    let mut track_of = vec![0usize; legs.len()];
    let mut depth_of: Vec<f64> = Vec::new();
    for &(_, k) in &by_start {
        let leg = &legs[k];
        let t = match free.peek() {
            Some(&Reverse((end, t))) if end + tenths(SIMPLE_PORT) <= tenths(leg.lo) => {
                free.pop();
                t
            }
            _ => {
                depth_of.push(0.0);
                depth_of.len() - 1
            }
        };
        track_of[k] = t;
        depth_of[t] = depth_of[t].max(leg.label.map_or(0.0, |l| l.1 + 6.0));
        free.push(Reverse((tenths(leg.hi), t)));
    }
    (track_of, depth_of)
}

/// Lays out a model with the simple layout.
pub(super) fn draw(model: &Model, kids: &[Vec<usize>], roots: &[usize]) -> Drawn {
    let n = model.elements.len();
    let lr = model.direction == Direction::Lr;
    let parent: Vec<Option<usize>> = model.elements.iter().map(|e| e.parent).collect();
    let depth = super::tree::depths(&parent);
    // Every relation end, in relation order, gets the next port of its box.
    let mut ends = vec![0usize; n];
    for r in &model.relations {
        ends[r.from] += 1;
        ends[r.to] += 1;
    }
    // Padding before and after the content along the row and across it: the label band is on top.
    let (pad_a0, pad_b0) = if lr { (LABEL_BAND + PAD, PAD) } else { (PAD, LABEL_BAND + PAD) };
    let own_room = |k: usize| if k == 0 { 0.0 } else { SIMPLE_PORT * (k + 1) as f64 };

    // Sizes, inside out.
    let mut size = vec![(0.0f64, 0.0f64); n];
    // Deepest first. Every sort here is of (whole number, index) pairs, one instance of the sort in all.
    let mut order: Vec<(i64, usize)> = (0..n).map(|i| (-(depth[i] as i64), i)).collect();
    order.sort_unstable();
    for &(_, i) in &order {
        let e = &model.elements[i];
        let icon = if has_glyph(&e.kind) { ICON_ROOM } else { 0.0 };
        let (w, h) = if e.is_group {
            let row: f64 = kids[i].iter().map(|&c| size[c].0).sum::<f64>()
                + GAP * kids[i].len().saturating_sub(1) as f64
                + own_room(ends[i]);
            let deep = kids[i].iter().map(|&c| size[c].1).fold(0.0, f64::max);
            let label = (text::width(&e.label, style::GROUP.px) + 2.0 * PAD + icon).ceil();
            let (len_a, len_b) = (pad_a0 + row + PAD, pad_b0 + deep + PAD);
            let (w, h) = if lr { (len_b, len_a) } else { (len_a, len_b) };
            (w.max(label).max(LEAF_MIN_W), h)
        } else {
            let w = (text::width(&e.label, style::LEAF.px) + 2.0 * LEAF_PAD_X + icon).max(LEAF_MIN_W);
            let ports = SIMPLE_PORT * (ends[i] + 1) as f64;
            if lr { (w, LEAF_H.max(ports)) } else { (w.max(ports), LEAF_H) }
        };
        // `a` runs along the row: x top to bottom, y left to right.
        size[i] = if lr { (h.ceil(), w.ceil()) } else { (w.ceil(), h.ceil()) };
    }

    // Positions, outside in: each row starts at its container's content and runs along `a`.
    let mut span = vec![Span::default(); n];
    let mut stack: Vec<(usize, f64, f64)> = Vec::new();
    let mut at = 0.0;
    for &r in roots {
        stack.push((r, at, 0.0));
        at += size[r].0 + GAP;
    }
    while let Some((i, a, b)) = stack.pop() {
        span[i] = Span { a, b, len_a: size[i].0, len_b: size[i].1 };
        let mut at = a + pad_a0;
        for &c in &kids[i] {
            stack.push((c, at, b + pad_b0));
            at += size[c].0 + GAP;
        }
    }

    // Ports, in relation order: a leaf spreads its ports over the middle of its far side; a container
    // puts them in its own room after its children.
    let mut next = vec![0usize; n];
    let mut port = |i: usize| -> f64 {
        let k = next[i];
        next[i] += 1;
        let s = &span[i];
        if model.elements[i].is_group {
            s.a + s.len_a - PAD - own_room(ends[i]) + SIMPLE_PORT * (k + 1) as f64
        } else {
            let run = SIMPLE_PORT * ends[i].saturating_sub(1) as f64;
            s.a + ((s.len_a - run) / 2.0).floor() + SIMPLE_PORT * k as f64
        }
    };
    let far = span.iter().map(|s| s.b + s.len_b).fold(0.0, f64::max);
    let legs: Vec<Leg> = model
        .relations
        .iter()
        .map(|r| {
            let (from, to) = (port(r.from), port(r.to));
            let (lo, mut hi) = (from.min(to), from.max(to));
            let label = r.label.as_deref().map(|l| {
                let w = (text::width(l, style::EDGE.px) + 8.0).ceil();
                // Along the row and across it, as the label lies beside its track.
                let (la, lb) = if lr { (EDGE_LABEL_H, w) } else { (w, EDGE_LABEL_H) };
                hi = hi.max(lo + 4.0 + la);
                (la, lb)
            });
            Leg { from, to, lo, hi, label }
        })
        .collect();

    let (track_of, depth_of) = tracks(&legs);
    // Where each track lies across the row: past the far side, each after the room its labels need.
    let mut line = Vec::with_capacity(depth_of.len());
    let mut b = far + SIMPLE_CLEAR;
    for d in &depth_of {
        line.push(b);
        b += SIMPLE_TRACK.max(*d);
    }

    let point = |a: f64, b: f64| if lr { (b, a) } else { (a, b) };
    let mut routes = Vec::with_capacity(legs.len());
    let mut labels = Vec::with_capacity(legs.len());
    for (k, (leg, r)) in legs.iter().zip(&model.relations).enumerate() {
        let t = line[track_of[k]];
        let (sf, st) = (&span[r.from], &span[r.to]);
        routes.push(vec![
            point(leg.from, sf.b + sf.len_b),
            point(leg.from, t),
            point(leg.to, t),
            point(leg.to, st.b + st.len_b),
        ]);
        labels.push(leg.label.map(|(la, lb)| {
            let (x, y) = point(leg.lo + 4.0, t + 3.0);
            if lr { Rect { x, y, w: lb, h: la } } else { Rect { x, y, w: la, h: lb } }
        }));
    }
    let rects = span
        .iter()
        .map(|s| {
            let (x, y) = point(s.a, s.b);
            if lr { Rect { x, y, w: s.len_b, h: s.len_a } } else { Rect { x, y, w: s.len_a, h: s.len_b } }
        })
        .collect();
    // Container labels start at their left side, as nothing enters through the top.
    let label_dx = vec![0.0; n];
    Drawn { rects, routes, labels, label_dx, bundles: Vec::new() }
}
