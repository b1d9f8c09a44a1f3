//! Compaction across the flow: a stripe of the content that no node of any layer reaches (no box, no
//! lane) is closed up as far as the layers allow, by moving everything beyond it back. Coordinates leave
//! such stripes where a chain is pulled towards one end of the content and its neighbours stay at the
//! other (a free row above a pulled chain), and the room every layer may slide in allows a whole box of
//! them.
//!
//! Precondition: each layer's nodes at least their separation ([`Graph::sep`]) apart. Postcondition: the
//! same, with the same order across the flow of every pair of nodes (of any layers): the map is monotone,
//! so no link gains a crossing, a jog only shortens, and a straight link stays straight. Cost: O((n + d)
//! log(n + d)) to find the stripes (none when a layer is out of order), plus O(s · L · log w) for `s` stripes, `L` layers of at most `w` nodes.

use super::graph::Graph;
use super::input::Base;

/// Closes the empty stripes across the flow, from the far end back (so that closing one does not move
/// the ones still to close).
pub(super) fn squeeze(base: &Base, g: &Graph, rows: &[Vec<usize>], center: &mut [f64]) {
    let vn = g.vn();
    if vn < 2 || g.packed {
        return;
    }
    // Each layer must be in order across the flow (coordinates keep the order they are given).
    if rows.iter().any(|r| r.windows(2).any(|w| center[w[0]] > center[w[1]])) {
        return;
    }
    // The gaps in the union of the nodes' extents, nearest first: where as many extents have ended as
    // have begun (both ends sorted alone, as plain numbers).
    let mut lows: Vec<f64> = (0..vn).map(|v| center[v] - g.vdims[v].1 / 2.0).collect();
    let mut highs: Vec<f64> = (0..vn).map(|v| center[v] + g.vdims[v].1 / 2.0).collect();
    lows.sort_unstable_by(f64::total_cmp);
    highs.sort_unstable_by(f64::total_cmp);
    let mut gaps = Vec::new();
    let mut i = 0;
    for (ended, &h) in highs.iter().enumerate() {
        while i < vn && lows[i] <= h {
            i += 1;
        }
        if i == ended + 1 && i < vn && lows[i] > h + 0.5 {
            gaps.push((h, lows[i]));
        }
    }
    for &(start, end) in gaps.iter().rev() {
        // The most the stripe may close: its width, and in every layer with nodes on both sides the
        // room the two nearest ones have beyond their separation.
        let mut shift = end - start;
        for r in rows {
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
