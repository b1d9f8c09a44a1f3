//! Ordering: each layer starts in the order of where its items' edges leave the container (in a second
//! pass), then barycenter sweeps, alternately down and up, reorder each layer by where its neighbours lie
//! in the layer before, as fractions of that layer's packed length (so a wide container weighs its width
//! and a lane its track; a link meets a container at its entry for that relation); a port's outside end
//! counts as one more neighbour. The order with the fewest crossings ([`super::crossings`]) is kept.
//! Postcondition: pinned and beside-a-child lanes are where `settle` puts them; a packed grid's items, and
//! those of an ordered container without edges among them, keep their input order. Cost: O((n + d) · e)
//! per sweep, at most `SWEEPS` sweeps (4 in a row without improvement end it).

use super::crossings::Crossings;
use super::graph::Graph;
use super::input::Base;
use crate::layout::knobs::{SKETCH_SWEEPS, SWEEPS};

/// Order of (key, index, payload) triples: by key, then index. One function for every such sort, so
/// that the module holds one copy of the sort.
pub(super) fn by_key(a: &(f64, usize, usize), b: &(f64, usize, usize)) -> std::cmp::Ordering {
    a.0.total_cmp(&b.0).then(a.1.cmp(&b.1))
}

/// Every node's index in its layer.
pub(super) fn reindex(rows: &[Vec<usize>], pos: &mut [usize]) {
    for r in rows {
        for (k, &v) in r.iter().enumerate() {
            pos[v] = k;
        }
    }
}

/// The layers in their best order, and every node's index in its layer.
pub(super) fn order(base: &Base, g: &Graph) -> (Vec<Vec<usize>>, Vec<usize>) {
    let (n, vn, layers_n) = (base.n, g.vn(), g.layers_n);
    let (hint, was, vhint) = (base.inp.hint, base.inp.was, &g.vhint);
    let (up, down) = g.adjacency();
    let part = |v: usize, off: f64| g.part(v, off);
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); layers_n];
    for v in 0..vn {
        rows[g.vlayer[v]].push(v);
    }
    // Start each layer in the order of where its items' edges leave the container.
    if vhint.iter().any(Option::is_some) {
        for r in rows.iter_mut() {
            let mut keyed: Vec<(f64, usize, usize)> = r
                .iter()
                .enumerate()
                .map(|(k, &v)| {
                    let key = if v < n {
                        hint[v].or(was[v]).unwrap_or(k as f64 * 1e-9)
                    } else {
                        vhint[v].unwrap_or(f64::MAX)
                    };
                    (key, v, 0)
                })
                .collect();
            keyed.sort_by(by_key);
            *r = keyed.into_iter().map(|t| t.1).collect();
        }
    }
    rows.iter_mut().for_each(|r| g.settle(r));
    let mut pos = vec![0usize; vn];
    reindex(&rows, &mut pos);
    // Where an item was in the first pass, or a lane's outside end: to rank outside hints among a layer.
    let estimate = |u: usize| if u < n { was[u] } else { vhint[u] };
    // Each layer's estimates, sorted (a layer's members do not change while sweeping).
    let estimates: Vec<Vec<f64>> = rows
        .iter()
        .map(|r| {
            let mut e: Vec<f64> = r.iter().filter_map(|&u| estimate(u)).collect();
            e.sort_by(f64::total_cmp);
            e
        })
        .collect();
    let sweeps = if base.sketch { SKETCH_SWEEPS } else { SWEEPS };
    // Where each node lies along its layer packed tight, as a fraction of the layer's length.
    let mut geo = vec![0.0f64; vn];
    let mut glen = vec![0.0f64; layers_n];
    for (l, r) in rows.iter().enumerate() {
        glen[l] = g.pack_row(n, r, &mut geo);
    }
    let mut best = rows.clone();
    let mut counter = Crossings::default();
    let mut best_c = counter.count(&rows, &down, &pos, &part);
    let mut since_best = 0;
    let mut last_c = best_c;
    // A layer's order before a sweep reorders it (a buffer reused across layers and sweeps).
    let mut prev: Vec<usize> = Vec::new();
    for it in 0..sweeps {
        if best_c == 0 || since_best >= 4 {
            break;
        }
        let downward = it % 2 == 0;
        let seq: Vec<usize> =
            if downward { (1..layers_n).collect() } else { (0..layers_n.saturating_sub(1)).rev().collect() };
        let mut changed = false;
        for l in seq {
            let len = rows[l].len() as f64;
            let frac = |u: usize, off: f64| {
                let half = g.vdims[u].1 / 2.0;
                (geo[u] + off.clamp(-half, half)) / glen[g.vlayer[u]].max(1.0)
            };
            let mut keyed: Vec<(f64, usize, usize)> = rows[l]
                .iter()
                .enumerate()
                .map(|(k, &v)| {
                    let nb = if downward { &up[v] } else { &down[v] };
                    // Where the item's outside edges point, as a rank among this layer's items.
                    let ext_rank = vhint[v].map(|h| {
                        let own = usize::from(estimate(v).is_some_and(|w| w < h));
                        let r = estimates[l].partition_point(|&w| w < h) - own;
                        (r as f64 + 0.5) / len
                    });
                    let key = match (nb.is_empty(), ext_rank) {
                        (true, None) => frac(v, 0.0),
                        (true, Some(e)) => e,
                        (false, e) => {
                            let s = nb.iter().map(|&(u, ou, _)| frac(u, ou)).sum::<f64>();
                            let c = nb.len() as f64;
                            match e {
                                Some(e) => (s + e) / (c + 1.0),
                                None => s / c,
                            }
                        }
                    };
                    (key, k, v)
                })
                .collect();
            keyed.sort_by(by_key);
            if keyed.iter().enumerate().all(|(j, t)| t.1 == j) {
                continue;
            }
            prev.clear();
            prev.extend_from_slice(&rows[l]);
            rows[l].clear();
            rows[l].extend(keyed.iter().map(|t| t.2));
            g.settle(&mut rows[l]);
            // Settling can give back the order the layer had.
            if rows[l] == prev {
                continue;
            }
            changed = true;
            for (k, &v) in rows[l].iter().enumerate() {
                pos[v] = k;
            }
            glen[l] = g.pack_row(n, &rows[l], &mut geo);
        }
        // An unchanged order keeps its count.
        if changed {
            last_c = counter.count(&rows, &down, &pos, &part);
        }
        since_best += 1;
        if last_c < best_c {
            best_c = last_c;
            best.clone_from(&rows);
            since_best = 0;
        }
    }
    let mut rows = best;
    // A packed grid, or an ordered container without edges among its children, keeps its items in
    // input order; only lanes move between them.
    if g.keep {
        for r in rows.iter_mut() {
            let mut real: Vec<usize> = r.iter().copied().filter(|&v| v < n).collect();
            real.sort_unstable();
            let mut next = real.into_iter();
            for v in r.iter_mut().filter(|v| **v < n) {
                *v = next.next().unwrap_or(*v);
            }
            g.settle(r);
        }
    }
    reindex(&rows, &mut pos);
    (rows, pos)
}
