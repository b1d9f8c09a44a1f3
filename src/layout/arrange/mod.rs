//! Arrangement of one container: its children and the relations among them as one layered graph, with a
//! lane for every relation through each layer it crosses and for every port from its child to the
//! container's side. [`super::place`] runs it for every container, inside out; its boundary types are
//! [`Input`] and [`Arranged`], positions relative to the container's content. One file per phase, run in
//! this order by [`arrange`]:
//!
//! 0. [`components`]: children in several groups with no relation between them (and none crossing the
//!    border) are arranged group by group and packed in shelves.
//! 1. [`cycles`]: distinct pairs, cycles broken by depth-first search (from the children edges enter
//!    from outside, then sources, in input order).
//! 2. [`layers`]: longest-path layering (rows of a grid when the children have ports but no edges among
//!    them), layers wider than the input's `wrap` split into more, and which ports enter from the
//!    container's side.
//! 3. [`graph`]: one dummy per relation and layer (the lanes), the links between consecutive layers, and
//!    the lanes pinned to a layer's end or kept beside a child.
//! 4. [`order`]: barycenter sweeps on positions along each layer packed tight (as fractions of its
//!    length, so a wide child weighs its width and a lane its track), counted by [`crossings`].
//! 5. [`ports`]: the edges that end at a child spread along its side in the order of where they go.
//! 6. [`coords`]: coordinates across the flow by isotonic regression towards neighbours' medians (every
//!    layer within the length of the longest plus a slack of about one box), then [`transpose`]: swaps of
//!    neighbours that remove crossings, coordinates again after each round.
//! 7. [`snap`] and [`straighten`]: boxes snapped (in the second pass) to where the most of their links
//!    run straight, lanes straightened into the fewest lines their free ranges allow, boxes snapped again;
//!    then [`ports`] slide towards what they link to.
//! 8. [`squeeze`]: stripes across the flow that no node reaches closed up, order kept.
//! 9. [`channels`]: layers along the flow with channels sized for the tracks their turns take once
//!    nudged, and the lanes as stops.
//!
//! Which pulls count: a link that meets both its children at fixed entries (into child containers) can
//! only run straight if the children line up, so a child with such links follows them alone, on both
//! sides, in coordinates and transposes. A lane follows its neighbours on both sides in every coordinate
//! sweep. A port's outermost lane follows its child, not the outside end, in the sweeps that come from the
//! child's side when that end lies beyond the content or the edge runs on beyond the container's parent
//! (the end then says only which way the edge leaves, not where).
//!
//! Side entries: a port whose way in wound in the first pass enters from the container's side, in the
//! channel before its child. Inside, it is a lane pinned to that end of the layer before the child (so
//! ordering, ports and channel sizes count its run) and not drawn. In the parent, its lane runs on into the
//! child container's own layer, kept next to it on that side while ordering, and stops where it turns in.
//!
//! Preconditions: `edges` join distinct children of this container; `size` holds every child's size
//! (child containers already arranged); `entry` and `side_in` come from the children's own arrangements.
//! Postconditions: children at least [`GAP`] apart along a layer and [`LAYER_GAP`] across layers, all at
//! non-negative positions within the returned `w` × `h`; a lane keeps [`MARGIN`] and half a track from
//! the boxes beside it (checked on every corpus file, through the verifier, by `tests/invariants.rs`).
//! Cost: O((n + d) · (e + p) · sweeps) for `n` children, `d` dummies, `e` relations and `p` ports, plus
//! O(d · h) per ordering of a layer with `h` children entered from the side, plus O(Σ k²) per round of
//! snapping, for `k` links at each child. Knobs: SWEEPS, SKETCH_SWEEPS, TRANSPOSES, SWAP_PASSES,
//! COORD_SWEEPS, SLACK, STRAIGHTEN_ROUNDS, SNAP_ROUNDS, GAP, LAYER_GAP, TRACK, PORT_SPACING in
//! [`super::knobs`].

mod channels;
mod components;
mod coords;
mod crossings;
mod cycles;
mod graph;
mod layers;
mod order;
mod ports;
mod snap;
mod squeeze;
mod straighten;
mod transpose;

mod input;

#[cfg(doc)]
use super::knobs::{GAP, LAYER_GAP, MARGIN};
use input::Base;
pub(crate) use input::{Arranged, Input, Port};

/// Lays out the children and the relations lifted to them; returns top-left positions relative to the
/// content's top-left corner, the content's size, and each relation's lanes.
pub(crate) fn arrange(inp: &Input) -> Arranged {
    let base = Base::new(inp);
    if base.n == 0 {
        return base.plain((Vec::new(), 0.0, 0.0));
    }
    if !inp.edges.is_empty()
        && let Some(a) = components::pack(inp, &base.local, arrange)
    {
        return a;
    }
    let pairs = cycles::pairs(&base);
    // Items without edges among them pack in a grid of about √n per row, in input order (which keeps
    // repeated structures alike, as an ordered container's items keep theirs); when edges reach them
    // from outside, the rows become layers, so those edges get lanes between the items of the rows they
    // pass.
    let packed = pairs.is_empty() && base.n > 3;
    if packed && inp.ports.is_empty() {
        return base.plain(layers::grid(inp.items, inp.size, base.n, inp.wrap));
    }
    let dag = cycles::acyclic(&base, &pairs);
    let layer = layers::layers(&base, &dag, packed);
    let side_port = layers::side_ports(&base, &layer);
    let mut g = graph::build(&base, layer, &side_port, packed, packed || inp.ordered && pairs.is_empty());
    let (mut rows, mut pos) = order::order(&base, &g);
    let spread = ports::spread(&base, &mut g, &pos);
    let adj = graph::Adjacent::new(&base, &g);
    let mut coords = coords::Coords::new(&base, &g, &adj, &rows);
    transpose::transpose(&base, &g, &adj, &mut rows, &mut pos, &mut coords);
    let center = {
        let lanes = straighten::Lanes::new(&base, &g, &spread, &rows, &pos, &coords);
        let snapper = snap::Snapper::new(&base, &g, &lanes);
        let mut center = coords.at;
        snapper.snap(&mut center);
        straighten::straighten(&lanes, &mut center);
        snapper.snap(&mut center);
        squeeze::squeeze(&base, &g, &rows, &mut center);
        center
    };
    let ported = ports::slide(&base, &mut g, spread, &center);
    channels::finish(&base, &g, &side_port, ported, &center)
}

#[cfg(test)]
mod tests;
