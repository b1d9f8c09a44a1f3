//! Placement: a recursive, inside-out layered layout that also keeps a lane free for every edge. Each
//! container lays out its direct children (leaves and already-sized sub-containers) as one layered graph
//! of the relations lifted to that level, then takes the size of its content plus padding; absolute
//! positions follow top-down. A second pass repeats this with the first pass's positions as hints of
//! where edges leaving a container go (for a lane to the container's side: where the first pass brought
//! that edge to the side from outside), which carries information across levels of nesting. In the
//! second pass, an edge whose first way into a container jogged [`WINDING`] times or more enters it from
//! its side instead (see [`super::arrange`]). A container whose entering edges leave no room for its
//! label along the top grows to hold it after the last one.
//!
//! Each container's children are arranged by [`super::arrange`] (layering, ordering, ports, coordinates,
//! lanes); this module runs it inside out, sizes the containers, places their labels clear of entering
//! edges, and assembles each relation's stops (end, lanes level by level, end) in absolute coordinates.
//!
//! Cost: the sum of the arrangements, plus O(r · depth) to assemble `r` relations' stops.
//!
//! Guarantees: siblings never overlap (at least [`GAP`] apart along a layer, [`LAYER_GAP`] across
//! layers); every child lies inside its parent at least [`PAD`] from each side and below the label band;
//! a lane keeps a margin from every box beside it.

use super::arrange::{Arranged, Input, Port, arrange};
use super::geom::{Stop, moved};
use super::knobs::{ICON_ROOM, LABEL_BAND, LEAF_H, LEAF_MIN_W, LEAF_PAD_X, MARGIN, PAD, PORT_SPACING, WINDING};
use super::text;
use super::tree::{contains, depths, lift};
use crate::kinds::has_glyph;
use crate::model::Model;
use crate::scene::Rect;
use crate::spec::Direction;
use crate::style;
use std::collections::BTreeMap;

/// Absolute rectangles of every element, indexed like `model.elements`.
///
/// With `first` (a first pass's placement), each container also orders and places its children towards
/// where their edges leave it: the other ends' positions in the first pass, and for a lane to its side
/// the first pass's last stop outside it. That carries information across levels of nesting, which a
/// purely inside-out layout lacks.
pub(crate) fn place(model: &Model, kids: &[Vec<usize>], roots: &[usize], first: Option<&Placement>) -> Placement {
    let prior = first.map(|f| &f.rects[..]);
    let n = model.elements.len();
    let parent: Vec<Option<usize>> = model.elements.iter().map(|e| e.parent).collect();
    let depth = depths(&parent);
    let lr = model.direction == Direction::Lr;
    let cross = |r: &Rect| if lr { r.cy() } else { r.cx() };

    // Where each element's edges that leave its parent go (first-pass cross coordinates).
    let mut ext = vec![(0.0f64, 0usize); n];
    if let Some(r1) = prior {
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
                    ext[x].0 += cross(&r1[b]);
                    ext[x].1 += 1;
                    x = p;
                }
            }
        }
    }
    // Per container: the hint and first-pass centre of each child, relative to the container's content.
    let hints = |items: &[usize], container: Option<usize>| -> (Vec<Option<f64>>, Vec<Option<f64>>) {
        let Some(r1) = prior else { return (vec![None; items.len()], vec![None; items.len()]) };
        let origin = container.map_or(0.0, |c| if lr { r1[c].y + LABEL_BAND + PAD } else { r1[c].x + PAD });
        let hint = items.iter().map(|&i| (ext[i].1 > 0).then(|| ext[i].0 / ext[i].1 as f64 - origin)).collect();
        let was = items.iter().map(|&i| Some(cross(&r1[i]) - origin)).collect();
        (hint, was)
    };

    // Edges that cross a container's border, as ports of the child they run to or from: (child, whether
    // the port is on the leading side (top or left), where the other end lies across the flow).
    let mut ports: Vec<Vec<Port>> = vec![Vec::new(); n + 1];
    for (ri, r) in model.relations.iter().enumerate() {
        for (x, y, incoming) in [(r.to, r.from, true), (r.from, r.to, false)] {
            let mut child = x;
            let mut step = 0;
            while let Some(c) = parent[child] {
                if contains(&parent, c, y) && c != y {
                    break; // lifted to c or below
                }
                let leading = match prior {
                    Some(r1) if !contains(&parent, y, c) => {
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
                let hint = first.filter(|_| c != y).map(|f| {
                    let r1 = &f.rects;
                    let origin = if lr { r1[c].y + LABEL_BAND + PAD } else { r1[c].x + PAD };
                    // Where the first pass brought the relation to this container's side: its last stop
                    // outside the container on the way from the other end (else that end itself).
                    let outside = f.lanes[ri].as_ref().and_then(|stops| {
                        let inside = |st: &Stop| r1[c].holds(&st.rect);
                        let k = if incoming {
                            stops.iter().position(inside)?.checked_sub(1)?
                        } else {
                            stops.iter().rposition(inside)? + 1
                        };
                        stops.get(k).map(|st| cross(&st.rect) + st.port)
                    });
                    outside.unwrap_or_else(|| cross(&r1[y])) - origin
                });
                // Whether the first pass's way in, from its last stop outside the container to the child,
                // jogged often: then entering from the side, in the child's channel, saves turns.
                let winding = first.filter(|_| incoming && c != y).is_some_and(|f| {
                    let Some(stops) = f.lanes[ri].as_ref() else { return false };
                    let r1 = &f.rects;
                    let Some(k) = stops.iter().position(|st| r1[c].holds(&st.rect)) else { return false };
                    let Some(j) = stops.iter().position(|st| r1[child].holds(&st.rect)) else { return false };
                    let at = |st: &Stop| cross(&st.rect) + st.port;
                    k > 0
                        && j >= k
                        && stops[k - 1..=j].windows(2).filter(|w| (at(&w[0]) - at(&w[1])).abs() >= 1.0).count()
                            >= WINDING
                });
                let outside = c != y;
                let near = parent[c].is_none_or(|pc| contains(&parent, pc, y));
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

    // Lift every relation to the one container where its two ends' branches are siblings.
    let mut lifted: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new(); n + 1];
    for (ri, r) in model.relations.iter().enumerate() {
        if let Some((container, a, b)) = lift(&parent, &depth, r.from, r.to) {
            lifted[container.map_or(n, |c| c)].push((a, b, ri));
        }
    }
    // Lanes of each relation, relative to the container they lie in: in the container where its ends'
    // branches meet, and in the containers it leaves on either side (with the step outward from the end).
    let nr = model.relations.len();
    let mut meet: Vec<Option<(usize, Vec<Stop>)>> = vec![None; nr];
    let mut sides: Vec<[Side; 2]> = vec![Default::default(); nr];
    // Channels around each element's layer, along the flow, relative to its parent.
    let mut band_of: Vec<(f64, f64)> = vec![(0.0, 0.0); n];
    let mut label_dx = vec![0.0; n];
    // Where a relation meets its end, across the flow from the end's centre.
    let mut port_of: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    let mut collect = |g: usize, arranged: &Arranged, offset: (f64, f64)| {
        let shift = |l: &Vec<Stop>| -> Vec<Stop> { l.iter().map(|st| moved(st, offset, lr)).collect() };
        port_of.extend(arranged.ported.iter().map(|&(r, i, o)| ((r, i), o)));
        let items = if g == n { roots } else { &kids[g][..] };
        let main = if lr { offset.0 } else { offset.1 };
        for (&c, &(b, a)) in items.iter().zip(&arranged.bands) {
            band_of[c] = (b + main, a + main);
        }
        for (&ri, l) in &arranged.pair_lanes {
            meet[ri] = Some((g, shift(l)));
        }
        for p in ports.get(g).into_iter().flatten() {
            if let Some(l) = arranged.port_lanes.get(&p.relation) {
                sides[p.relation][usize::from(!p.at_source)].push((p.step, g, shift(l)));
            }
        }
    };
    // Where each relation crossing a container's border meets it, across the flow from its centre.
    let mut entry: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    // Where a relation enters a container from its side (rather than through the top): which side (the
    // right one?) and how far from the container's top, along the flow.
    let mut side_entry: BTreeMap<(usize, usize), (bool, f64)> = BTreeMap::new();
    // For a relation between a container and its content: its side of the container and its entry.
    let mut own_side: BTreeMap<(usize, usize), (bool, f64)> = BTreeMap::new();

    // Room for one port per edge on a leaf's incoming and outgoing sides.
    let mut degree = vec![(0usize, 0usize); n];
    for r in &model.relations {
        degree[r.from].1 += 1;
        degree[r.to].0 += 1;
    }
    let mut size = vec![(0.0, 0.0); n];
    let mut rel = vec![(0.0, 0.0); n];
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(depth[i]));
    for &g in &order {
        let e = &model.elements[g];
        if !e.is_group {
            let icon = if has_glyph(&e.kind) { ICON_ROOM } else { 0.0 };
            let w = (text::width(&e.label, style::LEAF.size) + 2.0 * LEAF_PAD_X + icon).max(LEAF_MIN_W).ceil();
            let ports = PORT_SPACING * (degree[g].0.max(degree[g].1) + 1) as f64;
            size[g] = match model.direction {
                Direction::Tb => (w.max(ports).ceil(), LEAF_H),
                Direction::Lr => (w, LEAF_H.max(ports).ceil()),
            };
            continue;
        }
        let (hint, was) = hints(&kids[g], Some(g));
        let arranged = arrange(&Input {
            items: &kids[g],
            edges: &lifted[g],
            ports: &ports[g],
            entry: &entry,
            side_in: &side_entry,
            size: &size,
            dir: model.direction,
            hint: &hint,
            was: &was,
        });
        let (pos, cw, ch) = (&arranged.pos, arranged.w, arranged.h);
        let icon = if has_glyph(&e.kind) { ICON_ROOM } else { 0.0 };
        let label_w = text::width(&e.label, style::GROUP.size) + 2.0 * PAD + icon;
        let mut w = (cw.ceil() + 2.0 * PAD).max(label_w).max(LEAF_MIN_W).ceil();
        let h = if kids[g].is_empty() { LABEL_BAND + PAD } else { LABEL_BAND + ch.ceil() + 2.0 * PAD };
        // Centre the content when the label is wider than it.
        let dx = (PAD + ((w - 2.0 * PAD - cw) / 2.0).max(0.0)).round();
        for (k, &c) in kids[g].iter().enumerate() {
            rel[c] = (dx + pos[k].0, LABEL_BAND + PAD + pos[k].1);
        }
        collect(g, &arranged, (dx, LABEL_BAND + PAD));
        // Top to bottom, edges enter through the top: the label moves along the top to where none does.
        if !lr {
            let icon = if has_glyph(&e.kind) { ICON_ROOM } else { 0.0 };
            let lw = 12.0 + icon + text::width(&e.label, style::GROUP.size) + 6.0;
            let mut at: Vec<f64> = ports[g]
                .iter()
                .zip(&arranged.entries)
                .zip(&arranged.sides)
                .filter(|((p, _), side)| p.leading && side.is_none())
                .map(|((_, &(_, c)), _)| dx + c)
                .collect();
            at.sort_by(f64::total_cmp);
            let free = |x0: f64| !at.iter().any(|&c| c > x0 - MARGIN && c < x0 + lw + MARGIN);
            let x0 = [0.0]
                .into_iter()
                .chain(at.iter().map(|c| (c + MARGIN).ceil()))
                .find(|&x0| x0 + lw <= w - 6.0 && free(x0));
            // Where entries leave no room, the container grows to hold its label after the last one,
            // rather than make those edges run round the label.
            label_dx[g] = x0.unwrap_or_else(|| {
                let x0 = at.last().map_or(0.0, |c| (c + MARGIN).ceil());
                w = w.max((x0 + lw + 6.0).ceil());
                x0
            });
        }
        let h = h.ceil();
        for (p, side) in ports[g].iter().zip(&arranged.sides) {
            if let &Some((right, at)) = side {
                side_entry.insert((p.relation, g), (right, LABEL_BAND + PAD + at));
            }
        }
        for (p, &(ri, c)) in ports[g].iter().zip(&arranged.entries) {
            let off = if lr { LABEL_BAND + PAD + c - h / 2.0 } else { dx + c - w / 2.0 };
            entry.insert((ri, g), off);
            if p.other == g {
                own_side.insert((ri, g), (p.leading, off));
            }
        }
        size[g] = (w, h);
    }
    let (hint, was) = hints(roots, None);
    let arranged = arrange(&Input {
        items: roots,
        edges: &lifted[n],
        ports: &[],
        entry: &entry,
        side_in: &side_entry,
        size: &size,
        dir: model.direction,
        hint: &hint,
        was: &was,
    });
    collect(n, &arranged, (0.0, 0.0));
    let pos = arranged.pos;
    let mut rects = vec![Rect::default(); n];
    let mut stack: Vec<(usize, f64, f64)> = roots.iter().enumerate().map(|(k, &r)| (r, pos[k].0, pos[k].1)).collect();
    while let Some((i, x, y)) = stack.pop() {
        rects[i] = Rect { x, y, w: size[i].0, h: size[i].1 };
        for &c in &kids[i] {
            stack.push((c, x + rel[c].0, y + rel[c].1));
        }
    }
    // Each relation's stops in order from its source to its target, in absolute coordinates.
    let origin = |g: usize| if g == n { (0.0, 0.0) } else { (rects[g].x, rects[g].y) };
    let up = |x: usize| parent[x].unwrap_or(n);
    // A container's stops in absolute coordinates, each with the container.
    fn absolute(l: &[Stop], g: usize, o: (f64, f64), lr: bool) -> impl DoubleEndedIterator<Item = (Stop, usize)> {
        l.iter().map(move |st| (moved(st, o, lr), g))
    }
    let end = |x: usize, r: usize| {
        let o = origin(parent[x].unwrap_or(n));
        let main = if lr { o.0 } else { o.1 };
        let port = port_of.get(&(r, x)).copied().unwrap_or(0.0);
        let band = (band_of[x].0 + main, band_of[x].1 + main);
        Stop { rect: rects[x], before: band.0, after: band.1, border: false, port, hop: band, side: false }
    };
    let mut lanes: Vec<Option<Vec<Stop>>> = vec![None; nr];
    // Ancestors of a stop's arrangement, and the stops with their arrangements (buffers reused across
    // relations).
    let mut ca: Vec<usize> = Vec::new();
    let mut all: Vec<(Stop, usize)> = Vec::new();
    for ri in 0..nr {
        let r = &model.relations[ri];
        if r.from == r.to {
            continue;
        }
        // Between a container and its content the relation starts or ends on the container's own
        // border, across from where its lanes reach the side.
        let border = |c: usize| -> Option<Stop> {
            let &(leading, off) = own_side.get(&(ri, c))?;
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
        };
        let (first, last) = if lift(&parent, &depth, r.from, r.to).is_some() {
            (end(r.from, ri), end(r.to, ri))
        } else if contains(&parent, r.from, r.to) {
            let Some(b) = border(r.from) else { continue };
            (b, end(r.to, ri))
        } else {
            let Some(b) = border(r.to) else { continue };
            (end(r.from, ri), b)
        };
        let [mut out_side, mut in_side] = std::mem::take(&mut sides[ri]);
        out_side.sort_by_key(|t| t.0);
        in_side.sort_by_key(|t| std::cmp::Reverse(t.0));
        // Each stop with the arrangement it belongs to (a container, or n for the top level).
        let owner_of = |x: usize| if first.border && x == r.from || last.border && x == r.to { x } else { up(x) };
        all.clear();
        all.push((first, owner_of(r.from)));
        for (_, g, l) in &out_side {
            all.extend(absolute(l, *g, origin(*g), lr));
        }
        if let Some((g, l)) = &meet[ri] {
            all.extend(absolute(l, *g, origin(*g), lr));
        }
        for (_, g, l) in &in_side {
            all.extend(absolute(l, *g, origin(*g), lr).rev());
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
                    let o = origin(y);
                    let main = if lr { o.0 } else { o.1 };
                    (band_of[branch].0 + main, band_of[branch].1 + main)
                }
            };
        }
        lanes[ri] = Some(all.iter().map(|t| t.0).collect());
    }
    Placement { rects, lanes, label_dx }
}

/// A relation's lanes on one side of where its ends' branches meet: (steps out from the end, container,
/// lanes there).
type Side = Vec<(usize, usize, Vec<Stop>)>;

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
