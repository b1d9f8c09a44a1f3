//! Layering: longest-path layers with sources pulled down next to their successors (rows of a grid of
//! about √n when the children have no edges among them), and which ports enter from the container's
//! side. With a width to wrap to, a layer (or grid row) wider than it across the flow is split, in
//! order, into as many as it takes. Postcondition: every DAG pair runs from a lower layer to a higher
//! one. Cost: O(n log n + e).

use super::input::Base;
use crate::layout::knobs::{GAP, MARGIN, TRACK};
use std::collections::VecDeque;

/// The layer of every child.
pub(super) fn layers(base: &Base, dag: &[(usize, usize)], packed: bool) -> Vec<usize> {
    let n = base.n;
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
    let Some(limit) = base.inp.wrap else { return layer };
    // The lanes through a layer take room in it too: wrapped once, each layer's limit is cut by the room
    // of the most lanes through any of the layers it became, and it is wrapped again from the start.
    let once = wrapped(&layer, &base.dims, |_| limit);
    let through = lanes_through(base, dag, &once);
    let mut room = vec![limit; layer.iter().max().map_or(0, |m| m + 1)];
    for (v, &l) in layer.iter().enumerate() {
        let lanes = through[once[v]] as f64;
        let taken = if lanes > 0.0 { 2.0 * MARGIN + lanes * TRACK } else { 0.0 };
        room[l] = room[l].min(limit - taken);
    }
    wrapped(&layer, &base.dims, |l| room[l])
}

/// How many lanes run through each layer: one per DAG pair for every layer between its ends', and one
/// per port for every layer between its child's and the side it leaves by.
fn lanes_through(base: &Base, dag: &[(usize, usize)], layer: &[usize]) -> Vec<usize> {
    let layers = layer.iter().max().map_or(0, |m| m + 1);
    // Differences: +1 where a run of layers starts, -1 after it ends.
    let mut diff = vec![0isize; layers + 1];
    let mut run = |from: usize, to: usize| {
        if from < to {
            diff[from] += 1;
            diff[to] -= 1;
        }
    };
    for &(a, b) in dag {
        run(layer[a].min(layer[b]) + 1, layer[a].max(layer[b]));
    }
    for p in base.inp.ports {
        let l = layer[base.local[&p.child]];
        if p.leading { run(0, l) } else { run(l + 1, layers) }
    }
    let mut sum = 0isize;
    diff[..layers]
        .iter()
        .map(|d| {
            sum += d;
            sum.max(0) as usize
        })
        .collect()
}

/// Layers no wider across the flow than `limit` (of each layer) where that can be: each layer, its children in order,
/// split into as many consecutive layers as it takes (one child wider than the limit alone in one).
/// Children of one layer have no edge between them, so every edge still runs to a later layer.
fn wrapped(layer: &[usize], dims: &[(f64, f64)], limit: impl Fn(usize) -> f64) -> Vec<usize> {
    let mut by_layer: Vec<(usize, usize)> = layer.iter().enumerate().map(|(v, &l)| (l, v)).collect();
    by_layer.sort_unstable();
    let mut out = vec![0; layer.len()];
    let (mut next, mut across, mut last) = (0usize, 0.0f64, usize::MAX);
    for &(l, v) in &by_layer {
        let wide = dims[v].1;
        if l != last {
            if last != usize::MAX {
                next += 1;
            }
            (across, last) = (0.0, l);
        } else if across + GAP + wide > limit(l) {
            (next, across) = (next + 1, 0.0);
        }
        across += if across > 0.0 { GAP + wide } else { wide };
        out[v] = next;
    }
    out
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

/// Packs edge-less items in a grid of about √n columns, in input order (fewer when they would be wider
/// than `wrap`, but at least one).
pub(super) fn grid(items: &[usize], size: &[(f64, f64)], n: usize, wrap: Option<f64>) -> (Vec<(f64, f64)>, f64, f64) {
    let cw = items.iter().map(|&i| size[i].0).fold(0.0, f64::max);
    let fit = wrap.map_or(usize::MAX, |w| (((w + GAP) / (cw + GAP)).floor() as usize).max(1));
    let cols = ((n as f64).sqrt().ceil() as usize).min(fit);
    let ch = items.iter().map(|&i| size[i].1).fold(0.0, f64::max);
    let rows = n.div_ceil(cols);
    let out = (0..n).map(|k| ((k % cols) as f64 * (cw + GAP), (k / cols) as f64 * (ch + GAP))).collect();
    (out, cols as f64 * (cw + GAP) - GAP, rows as f64 * (ch + GAP) - GAP)
}
