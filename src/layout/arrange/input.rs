//! The arrangement's boundary types: what [`super::arrange`] is given ([`Input`], with the [`Port`]s of
//! the edges crossing the container's border) and what it returns ([`Arranged`]), and what every phase
//! knows of the input ([`Base`]). Data only, and the few reads of it that every phase shares.

use crate::layout::geom::Stop;
use crate::layout::knobs::MARGIN as M;
use crate::spec::Direction;
use std::collections::BTreeMap;

/// An edge crossing a container's border, seen from inside: it runs to or from `child`, through the
/// container's leading (top or left) or trailing side, towards `other` (an element outside, or the
/// container itself) at `hint` across the flow (relative to the content, from a first pass).
#[derive(Clone, Debug)]
pub(crate) struct Port {
    pub(crate) child: usize,
    pub(crate) leading: bool,
    pub(crate) hint: Option<f64>,
    /// Whether the other end lies in this container's parent (its lane there runs straight to it).
    pub(crate) near: bool,
    pub(crate) other: usize,
    pub(crate) relation: usize,
    /// Whether `child` holds the relation's source.
    pub(crate) at_source: bool,
    /// How many containers lie between the end and this one.
    pub(crate) step: usize,
    /// Whether the other end lies outside the container (not the container itself).
    pub(crate) outside: bool,
    /// Whether the first pass's way in from outside to the child jogged `WINDING` times or more.
    pub(crate) winding: bool,
}

/// What one container's arrangement is given.
pub(crate) struct Input<'a> {
    /// The children (element indices).
    pub(crate) items: &'a [usize],
    /// Relations lifted to this container: (branch of the source, branch of the target, relation).
    pub(crate) edges: &'a [(usize, usize, usize)],
    /// The relations crossing the container's border.
    pub(crate) ports: &'a [Port],
    /// Where, across the flow and from its centre, a relation enters or leaves a child container (known
    /// from the child's own arrangement), by (relation, child).
    pub(crate) entry: &'a BTreeMap<(usize, usize), f64>,
    /// Which relations enter a child container from its side (the right one?) and where along the flow
    /// from its top or left, by (relation, child).
    pub(crate) side_in: &'a BTreeMap<(usize, usize), (bool, f64)>,
    /// Every element's size (width, height).
    pub(crate) size: &'a [(f64, f64)],
    pub(crate) dir: Direction,
    /// Per child: where, across the flow, its edges leaving the container went in a first pass.
    pub(crate) hint: &'a [Option<f64>],
    /// Per child: its centre across the flow in a first pass.
    pub(crate) was: &'a [Option<f64>],
    /// Per relation: the room its label takes along the flow (0 without one), which the first channel it
    /// crosses keeps, in the container the relation is lifted to.
    pub(crate) label_room: &'a [f64],
    /// The widest the content may be across the flow (from the drawing's `max_width`, top to bottom
    /// only): layers and grid rows wider than it wrap into more of them, and groups pack within it.
    pub(crate) wrap: Option<f64>,
    /// Whether the children keep their input order when there are no edges among them.
    pub(crate) ordered: bool,
}

/// One container's arrangement, relative to its content's top-left corner.
pub(crate) struct Arranged {
    pub(crate) pos: Vec<(f64, f64)>,
    pub(crate) w: f64,
    pub(crate) h: f64,
    /// Lanes of each relation between two children, from its source's branch to its target's.
    pub(crate) pair_lanes: BTreeMap<usize, Vec<Stop>>,
    /// Lanes of each relation crossing the container's border, from the child outward.
    pub(crate) port_lanes: BTreeMap<usize, Vec<Stop>>,
    /// Middles of the channels before and after each item's layer, along the flow.
    pub(crate) bands: Vec<(f64, f64)>,
    /// Where relations ending at an item meet it: (relation, item, offset across the flow from its centre).
    pub(crate) ported: Vec<(usize, usize, f64)>,
    /// Where each relation crossing the border meets the container's side, across the flow, relative
    /// to the content.
    pub(crate) entries: Vec<(usize, f64)>,
    /// Per port: for one that enters from the container's side rather than its top, which side (the
    /// right one?) and the middle of the channel it runs in, along the flow, relative to the content.
    pub(crate) sides: Vec<Option<(bool, f64)>>,
}

/// What every phase knows of the input: its size, direction, children's extents and indices.
pub(crate) struct Base<'a> {
    pub(super) inp: &'a Input<'a>,
    /// Number of children.
    pub(super) n: usize,
    pub(super) lr: bool,
    /// Each child's (main, cross) extent: main runs along the flow.
    pub(super) dims: Vec<(f64, f64)>,
    /// Each child's index among the children, by element.
    pub(super) local: BTreeMap<usize, usize>,
    /// A first pass (without hints) only sketches where things go: fewer sweeps are enough there, and
    /// boxes do not snap.
    pub(super) sketch: bool,
}

impl<'a> Base<'a> {
    pub(super) fn new(inp: &'a Input<'a>) -> Base<'a> {
        let lr = inp.dir == Direction::Lr;
        let size = inp.size;
        let dims = inp.items.iter().map(|&i| if lr { size[i] } else { (size[i].1, size[i].0) }).collect();
        let local = inp.items.iter().enumerate().map(|(k, &i)| (i, k)).collect();
        let sketch = !inp.hint.iter().chain(inp.was).any(Option::is_some);
        Base { inp, n: inp.items.len(), lr, dims, local, sketch }
    }

    /// Where relation `r` meets child `k`, across the flow from the child's centre.
    pub(super) fn offset(&self, r: usize, k: usize) -> f64 {
        self.inp.entry.get(&(r, self.inp.items[k])).copied().unwrap_or(0.0)
    }

    /// Each port's entry on this container's side when no lane leads to it: the child's own entry.
    pub(super) fn entries_at(&self, pos: &[(f64, f64)]) -> Vec<(usize, f64)> {
        self.inp
            .ports
            .iter()
            .map(|p| {
                let k = self.local[&p.child];
                let c = if self.lr { pos[k].1 } else { pos[k].0 } + self.dims[k].1 / 2.0;
                (p.relation, c + self.offset(p.relation, k))
            })
            .collect()
    }

    /// The arrangement of children placed without lanes (none, or a grid of unlinked ones).
    pub(super) fn plain(&self, (pos, w, h): (Vec<(f64, f64)>, f64, f64)) -> Arranged {
        let entries = self.entries_at(&pos);
        let bands = pos
            .iter()
            .zip(&self.dims)
            .map(|(p, d)| {
                let m = if self.lr { p.0 } else { p.1 };
                (m - M, m + d.0 + M)
            })
            .collect();
        Arranged {
            pos,
            w,
            h,
            pair_lanes: BTreeMap::new(),
            port_lanes: BTreeMap::new(),
            entries,
            bands,
            ported: Vec::new(),
            sides: vec![None; self.inp.ports.len()],
        }
    }
}
