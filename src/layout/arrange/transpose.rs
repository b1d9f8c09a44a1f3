//! Transposing: neighbours in a layer swap when that removes crossings, or, at equal crossings, when each
//! would then lie nearer where its edges pull it (ties of the sweeps otherwise send lanes the long way
//! round). Coordinates follow each round of (up to `SWAP_PASSES` passes of) swaps. Postcondition: crossings
//! never increase; bound nodes and the items of a grid or an ordered container keep their places. Cost:
//! O(e) per pass over a layer's pairs, `TRANSPOSES` rounds (one in a sketch), each followed by the
//! coordinates.

use super::coords::{Coords, extent};
use super::crossings::inversions;
use super::graph::{Adjacent, Graph};
use super::input::Base;
use crate::layout::knobs::{SWAP_PASSES, TRANSPOSES};

/// Swaps neighbours while that helps, recomputing the coordinates after every round that swapped.
pub(super) fn transpose(
    base: &Base,
    g: &Graph,
    adj: &Adjacent,
    rows: &mut [Vec<usize>],
    pos: &mut [usize],
    coords: &mut Coords,
) {
    let n = base.n;
    let Adjacent { up, down, rigid } = adj;
    let extent = extent(g, &coords.at);
    let transposes = if base.sketch { 1 } else { TRANSPOSES };
    for _ in 0..transposes {
        let center = &coords.at;
        let pull = |v: usize| {
            // Links at fixed entries first, as in the coordinates.
            let fixed = &rigid[v];
            if !fixed.is_empty() {
                return fixed.iter().map(|&(u, ou, ov)| center[u] + ou - ov).sum::<f64>() / fixed.len() as f64;
            }
            let nb = up[v].iter().chain(&down[v]);
            let mut s = nb.clone().map(|&(u, ou, ov)| center[u] + ou - ov).sum::<f64>();
            let mut c = nb.count() as f64;
            // An outside end beyond the content, or beyond the parent, pulls only a lane with nothing else
            // to follow, as in the coordinates.
            if let Some(h) = g.vhint[v].filter(|&h| c == 0.0 || (!g.far_end[v] && (0.0..=extent).contains(&h))) {
                s += h.clamp(0.0, extent);
                c += 1.0;
            }
            if c == 0.0 { center[v] } else { s / c }
        };
        let at = |u: usize, off: f64, pos: &[usize]| pos[u] as f64 + g.part(u, off);
        // Crossings among the edges of a and b, above and below, with a placed before b and after it.
        let (mut xs, mut ys) = (Vec::new(), Vec::new());
        let mut between = |a: usize, b: usize, pos: &[usize]| -> (usize, usize) {
            let (mut before, mut after) = (0, 0);
            for adj in [up, down] {
                xs.clear();
                xs.extend(adj[a].iter().map(|&(x, ox, _)| at(x, ox, pos)));
                ys.clear();
                ys.extend(adj[b].iter().map(|&(y, oy, _)| at(y, oy, pos)));
                let (c, d) = inversions(&mut xs, &mut ys);
                before += c;
                after += d;
            }
            (before, after)
        };
        let mut changed = false;
        for _ in 0..SWAP_PASSES {
            let mut again = false;
            for row in rows.iter_mut() {
                for i in 0..row.len().saturating_sub(1) {
                    let (a, b) = (row[i], row[i + 1]);
                    if g.keep && a < n && b < n || g.bound(a) || g.bound(b) {
                        continue;
                    }
                    let (keep, swap) = between(a, b, pos);
                    if swap < keep || (swap == keep && pull(a) > pull(b) + 1.0) {
                        row.swap(i, i + 1);
                        pos[a] = i + 1;
                        pos[b] = i;
                        again = true;
                    }
                }
            }
            changed |= again;
            if !again {
                break;
            }
        }
        if !changed {
            break;
        }
        coords.again(base, g, adj, rows);
    }
}
