//! Compaction across the flow: a stripe of the content that no node of any layer reaches (no box, no
//! lane) is closed up as far as the layers allow, by moving everything beyond it back. Coordinates leave
//! such stripes where a chain is pulled towards one end of the content and its neighbours stay at the
//! other (a free row above a pulled chain), and the room every layer may slide in allows a whole box of
//! them.
//!
//! Precondition: each layer's nodes at least their separation ([`Graph::sep`]) apart. Postcondition: the
//! same, with the same order across the flow of every pair of nodes (of any layers): the map is monotone,
//! so no link gains a crossing, a jog only shortens, and a straight link stays straight. Cost: O((n + d)
//! log(n + d)) to find the stripes, plus O(s · L · log w) for `s` stripes, `L` layers of at most `w` nodes.

use super::graph::Graph;
use super::input::Base;

/// Closes the empty stripes across the flow, from the far end back (so that closing one does not move
/// the ones still to close).
pub(super) fn squeeze(base: &Base, g: &Graph, rows: &[Vec<usize>], center: &mut [f64]) {
    let vn = g.vn();
    if vn < 2 || g.packed {
        return;
    }
    let lo = |c: &[f64], v: usize| c[v] - g.vdims[v].1 / 2.0;
    let hi = |c: &[f64], v: usize| c[v] + g.vdims[v].1 / 2.0;
    let mut by_lo: Vec<usize> = (0..vn).collect();
    by_lo.sort_by(|&a, &b| lo(center, a).total_cmp(&lo(center, b)).then(a.cmp(&b)));
    // The gaps in the union of the nodes' extents, nearest first.
    let mut gaps = Vec::new();
    let mut reach = hi(center, by_lo[0]);
    for &v in &by_lo[1..] {
        if lo(center, v) > reach + 0.5 {
            gaps.push((reach, lo(center, v)));
        }
        reach = reach.max(hi(center, v));
    }
    if gaps.is_empty() {
        return;
    }
    // Each layer in order across the flow (its order, which coordinates keep).
    let sorted: Vec<Vec<usize>> = rows
        .iter()
        .map(|r| {
            let mut r = r.clone();
            r.sort_by(|&a, &b| center[a].total_cmp(&center[b]));
            r
        })
        .collect();
    for &(start, end) in gaps.iter().rev() {
        // The most the stripe may close: its width, and in every layer with nodes on both sides the
        // room the two nearest ones have beyond their separation.
        let mut shift = end - start;
        for r in &sorted {
            let k = r.partition_point(|&v| center[v] < start);
            if k == 0 || k == r.len() {
                continue;
            }
            let (a, b) = (r[k - 1], r[k]);
            shift = shift.min(center[b] - center[a] - g.sep(base.n, a, b));
        }
        let shift = shift.floor();
        if shift < 1.0 {
            continue;
        }
        for c in center.iter_mut() {
            if *c > start {
                *c -= shift;
            }
        }
    }
}
