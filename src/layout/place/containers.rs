//! Containers inside out: placement's state while it runs (the tree, every container's ports and lifted
//! relations, and what each arranged container tells its parent and the stops), a leaf's size, and each
//! container arranged, sized round its content and its label, its label placed clear of entering edges.

use super::ports;
use crate::kinds::has_glyph;
use crate::layout::arrange::{Arranged, Input, Port, arrange};
use crate::layout::geom::{Placement, Stop, moved};
use crate::layout::knobs::{
    ICON_ROOM, LABEL_BAND, LEAF_H, LEAF_MIN_W, LEAF_PAD_X, MARGIN, OUTER, PAD, PORT_SPACING, TRACK,
};
use crate::layout::text;
use crate::layout::tree::{depths, lift};
use crate::model::Model;
use crate::scene::Rect;
use crate::spec::Direction;
use crate::style;
use std::collections::BTreeMap;

/// A relation's lanes on one side of where its ends' branches meet: (steps out from the end, container,
/// lanes there).
pub(super) type Side = Vec<(usize, usize, Vec<Stop>)>;

/// Placement's state while it runs inside out: the tree, the ports and lifted relations of every
/// container, and what each arranged container tells its parent and the stops.
pub(super) struct Placer<'a> {
    pub(super) model: &'a Model,
    pub(super) kids: &'a [Vec<usize>],
    pub(super) roots: &'a [usize],
    /// Number of elements; index `n` stands for the top level.
    pub(super) n: usize,
    pub(super) lr: bool,
    pub(super) parent: Vec<Option<usize>>,
    pub(super) depth: Vec<usize>,
    /// Per child, where its edges leaving the parent went in the first pass (sum, count).
    pub(super) ext: Vec<(f64, usize)>,
    pub(super) prior: Option<&'a [Rect]>,
    pub(super) ports: Vec<Vec<Port>>,
    /// Per container, the relations lifted to it: (source's branch, target's branch, relation).
    pub(super) lifted: Vec<Vec<(usize, usize, usize)>>,
    /// Per relation, its lanes in the container where its ends' branches meet (with that container).
    pub(super) meet: Vec<Option<(usize, Vec<Stop>)>>,
    /// Per relation, its lanes in the containers it leaves on either side (with the step outward).
    pub(super) sides: Vec<[Side; 2]>,
    /// Channels around each element's layer, along the flow, relative to its parent.
    pub(super) band_of: Vec<(f64, f64)>,
    pub(super) label_dx: Vec<f64>,
    /// Where a relation meets its end, across the flow from the end's centre, by (relation, end).
    pub(super) port_of: BTreeMap<(usize, usize), f64>,
    /// Where each relation crossing a container's border meets it, across the flow from its centre.
    pub(super) entry: BTreeMap<(usize, usize), f64>,
    /// Where a relation enters a container from its side (rather than through the top): which side (the
    /// right one?) and how far from the container's top, along the flow.
    pub(super) side_entry: BTreeMap<(usize, usize), (bool, f64)>,
    /// For a relation between a container and its content: its side of the container and its entry.
    pub(super) own_side: BTreeMap<(usize, usize), (bool, f64)>,
    /// Every element's size, once known.
    pub(super) size: Vec<(f64, f64)>,
    /// Per relation, the room its label takes along the flow: its width left to right (where it sits on
    /// a segment across the channel), nothing top to bottom (where it sits beside one, and a label's
    /// height fits the least channel).
    pub(super) label_room: Vec<f64>,
    /// Every element's position relative to its parent.
    pub(super) rel: Vec<(f64, f64)>,
    /// The drawing's width to wrap containers' layers to, if any.
    pub(super) wrap: Option<f64>,
}

impl<'a> Placer<'a> {
    pub(super) fn new(
        model: &'a Model,
        kids: &'a [Vec<usize>],
        roots: &'a [usize],
        first: Option<&'a Placement>,
        wrap: Option<f64>,
    ) -> Placer<'a> {
        let n = model.elements.len();
        let parent: Vec<Option<usize>> = model.elements.iter().map(|e| e.parent).collect();
        let depth = depths(&parent);
        let lr = model.direction == Direction::Lr;
        let prior = first.map(|f| &f.rects[..]);
        let ext = match prior {
            Some(r1) => ports::outside_ends(model, &parent, r1, lr),
            None => vec![(0.0, 0); n],
        };
        let ports = ports::border_ports(model, &parent, first, lr);
        // Lift every relation to the one container where its two ends' branches are siblings.
        let mut lifted: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new(); n + 1];
        for (ri, r) in model.relations.iter().enumerate() {
            if let Some((container, a, b)) = lift(&parent, &depth, r.from, r.to) {
                lifted[container.map_or(n, |c| c)].push((a, b, ri));
            }
        }
        let nr = model.relations.len();
        Placer {
            model,
            kids,
            roots,
            n,
            lr,
            parent,
            depth,
            ext,
            prior,
            ports,
            lifted,
            meet: vec![None; nr],
            sides: vec![Default::default(); nr],
            band_of: vec![(0.0, 0.0); n],
            label_dx: vec![0.0; n],
            port_of: BTreeMap::new(),
            entry: BTreeMap::new(),
            side_entry: BTreeMap::new(),
            own_side: BTreeMap::new(),
            size: vec![(0.0, 0.0); n],
            rel: vec![(0.0, 0.0); n],
            wrap,
            label_room: model
                .relations
                .iter()
                .map(|r| match &r.label {
                    Some(l) if lr => (text::width(l, style::EDGE.px) + 8.0).ceil() + 2.0 * TRACK,
                    _ => 0.0,
                })
                .collect(),
        }
    }

    /// Every element's (incoming, outgoing) relation count.
    pub(super) fn degrees(&self) -> Vec<(usize, usize)> {
        let mut degree = vec![(0usize, 0usize); self.n];
        for r in &self.model.relations {
            degree[r.from].1 += 1;
            degree[r.to].0 += 1;
        }
        degree
    }

    /// A leaf's size: its label (and glyph) with padding, and room for one port per edge on its incoming
    /// and outgoing sides.
    pub(super) fn leaf_size(&self, g: usize, degree: (usize, usize)) -> (f64, f64) {
        let e = &self.model.elements[g];
        let icon = if has_glyph(&e.kind) { ICON_ROOM } else { 0.0 };
        let w = (text::width(&e.label, style::LEAF.px) + 2.0 * LEAF_PAD_X + icon).max(LEAF_MIN_W).ceil();
        let ports = PORT_SPACING * (degree.0.max(degree.1) + 1) as f64;
        match self.model.direction {
            Direction::Tb => (w.max(ports).ceil(), LEAF_H),
            Direction::Lr => (w, LEAF_H.max(ports).ceil()),
        }
    }

    /// The arrangement of a container's children (the top level's for None).
    pub(super) fn arrange_children(&self, g: Option<usize>) -> Arranged {
        let (items, k) = match g {
            Some(g) => (&self.kids[g][..], g),
            None => (self.roots, self.n),
        };
        let (hint, was) = ports::hints(items, g, self.prior, &self.ext, self.lr);
        arrange(&Input {
            items,
            edges: &self.lifted[k],
            ports: self.ports.get(k).map_or(&[][..], |p| &p[..]),
            entry: &self.entry,
            side_in: &self.side_entry,
            size: &self.size,
            dir: self.model.direction,
            hint: &hint,
            was: &was,
            label_room: &self.label_room,
            wrap: self.wrap_at(g),
            ordered: g.is_some_and(|g| self.model.ordered.contains(&g)),
        })
    }

    /// The widest container `g`'s content (the top level's for None) may be for the drawing to fit the
    /// width to wrap to: that less the drawing's margins and the padding of `g` and every container
    /// round it. Top to bottom only (left to right, the layers run along the width).
    fn wrap_at(&self, g: Option<usize>) -> Option<f64> {
        let max = self.wrap.filter(|_| !self.lr)?;
        let rings = g.map_or(0, |g| self.depth[g] + 1) as f64;
        Some((max - 2.0 * OUTER - 2.0 * PAD * rings).max(LEAF_MIN_W))
    }

    /// Arranges container `g` and sizes it round its content and its label; records its children's
    /// places, its lanes, and where its relations meet its sides.
    pub(super) fn container(&mut self, g: usize) {
        let (e, lr, kids) = (&self.model.elements[g], self.lr, self.kids);
        let arranged = self.arrange_children(Some(g));
        let (pos, cw, ch) = (&arranged.pos, arranged.w, arranged.h);
        let icon = if has_glyph(&e.kind) { ICON_ROOM } else { 0.0 };
        let label_w = text::width(&e.label, style::GROUP.px) + 2.0 * PAD + icon;
        let mut w = (cw.ceil() + 2.0 * PAD).max(label_w).max(LEAF_MIN_W).ceil();
        let h = if kids[g].is_empty() { LABEL_BAND + PAD } else { LABEL_BAND + ch.ceil() + 2.0 * PAD };
        // Centre the content when the label is wider than it.
        let dx = (PAD + ((w - 2.0 * PAD - cw) / 2.0).max(0.0)).round();
        for (k, &c) in kids[g].iter().enumerate() {
            self.rel[c] = (dx + pos[k].0, LABEL_BAND + PAD + pos[k].1);
        }
        self.collect(g, &arranged, (dx, LABEL_BAND + PAD));
        // Top to bottom, edges enter through the top: the label moves along the top to where none does.
        if !lr {
            let lw = 12.0 + icon + text::width(&e.label, style::GROUP.px) + 6.0;
            let at: Vec<f64> = self.ports[g]
                .iter()
                .zip(&arranged.entries)
                .zip(&arranged.sides)
                .filter(|((p, _), side)| p.leading && side.is_none())
                .map(|((_, &(_, c)), _)| dx + c)
                .collect();
            self.label_dx[g] = label_place(at, lw, &mut w);
        }
        let h = h.ceil();
        for (p, side) in self.ports[g].iter().zip(&arranged.sides) {
            if let &Some((right, at)) = side {
                self.side_entry.insert((p.relation, g), (right, LABEL_BAND + PAD + at));
            }
        }
        for (p, &(ri, c)) in self.ports[g].iter().zip(&arranged.entries) {
            let off = if lr { LABEL_BAND + PAD + c - h / 2.0 } else { dx + c - w / 2.0 };
            self.entry.insert((ri, g), off);
            if p.other == g {
                self.own_side.insert((ri, g), (p.leading, off));
            }
        }
        self.size[g] = (w, h);
    }

    /// Records what an arrangement of container `g` (the top level for `n`) says for the stops, moved by
    /// the content's `offset` within the container.
    pub(super) fn collect(&mut self, g: usize, arranged: &Arranged, offset: (f64, f64)) {
        let lr = self.lr;
        let shift = |l: &Vec<Stop>| -> Vec<Stop> { l.iter().map(|st| moved(st, offset, lr)).collect() };
        self.port_of.extend(arranged.ported.iter().map(|&(r, i, o)| ((r, i), o)));
        let items = if g == self.n { self.roots } else { &self.kids[g][..] };
        let main = if lr { offset.0 } else { offset.1 };
        for (&c, &(b, a)) in items.iter().zip(&arranged.bands) {
            self.band_of[c] = (b + main, a + main);
        }
        for (&ri, l) in &arranged.pair_lanes {
            self.meet[ri] = Some((g, shift(l)));
        }
        for p in self.ports.get(g).into_iter().flatten() {
            if let Some(l) = arranged.port_lanes.get(&p.relation) {
                self.sides[p.relation][usize::from(!p.at_source)].push((p.step, g, shift(l)));
            }
        }
    }

    /// Absolute rectangles, top down from the top level's positions.
    pub(super) fn absolute(&self, pos: &[(f64, f64)]) -> Vec<Rect> {
        let mut rects = vec![Rect::default(); self.n];
        let mut stack: Vec<(usize, f64, f64)> =
            self.roots.iter().enumerate().map(|(k, &r)| (r, pos[k].0, pos[k].1)).collect();
        while let Some((i, x, y)) = stack.pop() {
            rects[i] = Rect { x, y, w: self.size[i].0, h: self.size[i].1 };
            for &c in &self.kids[i] {
                stack.push((c, x + self.rel[c].0, y + self.rel[c].1));
            }
        }
        rects
    }
}

/// Where a container's label of width `lw` starts along its top, clear (by a margin) of the entries
/// `at`: at the left when it can, else after the first entry that leaves room. Where entries leave no
/// room, the container (of width `w`) grows to hold its label after the last one, rather than make those
/// edges run round the label.
fn label_place(mut at: Vec<f64>, lw: f64, w: &mut f64) -> f64 {
    at.sort_by(f64::total_cmp);
    let free = |x0: f64| !at.iter().any(|&c| c > x0 - MARGIN && c < x0 + lw + MARGIN);
    let x0 =
        [0.0].into_iter().chain(at.iter().map(|c| (c + MARGIN).ceil())).find(|&x0| x0 + lw <= *w - 6.0 && free(x0));
    x0.unwrap_or_else(|| {
        let x0 = at.last().map_or(0.0, |c| (c + MARGIN).ceil());
        *w = w.max((x0 + lw + 6.0).ceil());
        x0
    })
}
