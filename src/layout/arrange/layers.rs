//! Layering: longest-path layers with sources pulled down next to their successors (rows of a grid of
//! about √n when the children have no edges among them), and which ports enter from the container's
//! side. Postcondition: every DAG pair runs from a lower layer to a higher one. Cost: O(n + e).

use super::input::Base;
use crate::layout::knobs::GAP;
use std::collections::VecDeque;

/// The layer of every child.
pub(super) fn layers(n: usize, dag: &[(usize, usize)], packed: bool) -> Vec<usize> {
    let mut succ = vec![Vec::new(); n];
    let mut pred = vec![Vec::new(); n];
    for &(a, b) in dag {
        succ[a].push(b);
        pred[b].push(a);
    }
    let mut indeg: Vec<usize> = pred.iter().map(Vec::len).collect();
    let mut queue: VecDeque<usize> = (0..n).filter(|&v| indeg[v] == 0).collect();
    let mut topo = Vec::with_capacity(n);
    while let Some(v) = queue.pop_front() {
        topo.push(v);
        for &w in &succ[v] {
            indeg[w] -= 1;
            if indeg[w] == 0 {
                queue.push_back(w);
            }
        }
    }
    let mut layer = vec![0usize; n];
    for &v in &topo {
        for &w in &succ[v] {
            layer[w] = layer[w].max(layer[v] + 1);
        }
    }
    for &v in topo.iter().rev() {
        if pred[v].is_empty() && !succ[v].is_empty() {
            layer[v] = succ[v].iter().map(|&w| layer[w]).min().unwrap_or(1) - 1;
        }
    }
    if packed {
        let per_row = (n as f64).sqrt().ceil() as usize;
        layer = (0..n).map(|v| v / per_row).collect();
    }
    layer
}

/// Per port: whether it enters from the container's side (and then whether from the right one). An edge
/// from outside to a child past the first layer whose way in wound (see `Port::winding`) enters from the
/// container's side, in the channel before the child, instead of through the leading side and lanes past
/// the layers before (unless the child takes it from its own side). Left to right it is the bottom side,
/// as the label holds the top. Top to bottom, the side is the one with less way across, from the outside
/// end to the side and on to the child (which crosses less, too), by the first pass's content width.
pub(super) fn side_ports(base: &Base, layer: &[usize]) -> Vec<Option<bool>> {
    let inp = base.inp;
    let width = (0..base.n).filter_map(|k| inp.was[k].map(|w| w + base.dims[k].1 / 2.0)).fold(0.0, f64::max);
    inp.ports
        .iter()
        .map(|p| {
            let c = base.local[&p.child];
            let side = p.leading && p.outside && p.winding && layer[c] >= 1;
            (side && !inp.side_in.contains_key(&(p.relation, p.child)))
                .then(|| base.lr || p.hint.zip(inp.was[c]).is_some_and(|(h, w)| h + w > width))
        })
        .collect()
}

/// Packs edge-less items in a grid of about √n columns, in input order.
pub(super) fn grid(items: &[usize], size: &[(f64, f64)], n: usize) -> (Vec<(f64, f64)>, f64, f64) {
    let cols = (n as f64).sqrt().ceil() as usize;
    let cw = items.iter().map(|&i| size[i].0).fold(0.0, f64::max);
    let ch = items.iter().map(|&i| size[i].1).fold(0.0, f64::max);
    let rows = n.div_ceil(cols);
    let out = (0..n).map(|k| ((k % cols) as f64 * (cw + GAP), (k / cols) as f64 * (ch + GAP))).collect();
    (out, cols as f64 * (cw + GAP) - GAP, rows as f64 * (ch + GAP) - GAP)
}
