//! Placement: a recursive, inside-out layered layout that also keeps a lane free for every edge. Each container lays
//! out its direct children (leaves and already-sized sub-containers) as one layered graph of the relations lifted to
//! that level, then takes the size of its content plus padding; absolute positions follow top-down. A second pass
//! repeats this with the first pass's positions as hints of where edges leaving a container go (for a lane to the
//! container's side: where the first pass brought that edge to the side from outside), which carries information across
//! levels of nesting. In the second pass, an edge whose first way into a container jogged [`WINDING`] times or more
//! enters it from its side instead (see [`super::arrange`]). A container whose entering edges leave no room for its
//! label along the top grows to hold it after the last one.
//!
//! Each container's children are arranged by [`super::arrange`] (layering, ordering, ports, coordinates, lanes); this
//! module runs it inside out, sizes the containers, places their labels clear of entering edges, and assembles each
//! relation's stops (end, lanes level by level, end) in absolute coordinates.
//!
//! Input: the model, its containment tree as children lists, and (in the second pass) the first pass's [`Placement`].
//! Output: a [`Placement`]. Preconditions: the parents form a forest. Cost: the sum of the arrangements, plus O(r ·
//! depth) to assemble `r` relations' stops ([`stops`]), plus O(r · depth²) for the ports ([`ports`]). Knobs: PAD,
//! LABEL_BAND, LEAF_H, LEAF_MIN_W, LEAF_PAD_X, ICON_ROOM, PORT_SPACING and WINDING in [`super::knobs`].
//!
//! Postconditions (checked on this pass's own output over the corpus by `layout/contracts.rs`): siblings never overlap
//! (at least [`GAP`] apart along a layer, [`LAYER_GAP`] across layers); every child lies inside its parent at least
//! [`PAD`] from each side and below the label band; a lane keeps a margin from every box beside it.

mod containers;
mod ports;
mod stops;

pub(crate) use super::geom::Placement;
#[cfg(doc)]
use super::knobs::{GAP, LAYER_GAP, PAD, WINDING};
use crate::model::Model;
use containers::Placer;

/// Absolute rectangles of every element, indexed like `model.elements`, and the lanes of every relation.
///
/// With `first` (a first pass's placement), each container also orders and places its children towards
/// where their edges leave it: the other ends' positions in the first pass, and for a lane to its side
/// the first pass's last stop outside it. With `wrap` (a drawing's width, top to bottom), each
/// container's layers wrap to fit it (see [`super::arrange`]'s layering). That carries information across levels of nesting, which a
/// purely inside-out layout lacks.
pub(crate) fn place(
    model: &Model,
    kids: &[Vec<usize>],
    roots: &[usize],
    first: Option<&Placement>,
    wrap: Option<f64>,
) -> Placement {
    let mut p = Placer::new(model, kids, roots, first, wrap);
    let mut order: Vec<usize> = (0..p.n).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(p.depth[i]));
    let degree = p.degrees();
    for &g in &order {
        if model.elements[g].is_group {
            p.container(g);
        } else {
            p.size[g] = p.leaf_size(g, degree[g]);
        }
    }
    let top = p.arrange_children(None);
    p.collect(p.n, &top, (0.0, 0.0));
    let rects = p.absolute(&top.pos);
    let lanes = stops::lanes(&mut p, &rects);
    Placement { rects, lanes, label_dx: p.label_dx }
}
