//! Coordinates across the flow: every layer packed, then pulled towards where its nodes' neighbours
//! are, sweep by sweep (alternately down and up), by weighted isotonic regression, which keeps the order
//! and the separations. A node goes to the median of its pulls (in line with one of them, so its edge runs
//! straight; Brandes and Köpf align to medians too). Links between fixed entries pull first, from both
//! sides; a lane weighs its neighbours on both sides. Every layer slides within the length of the longest
//! plus `SLACK` (no further than the width to wrap to, if any), so big items in layers of their own
//! cannot drift into a staircase that widens the drawing. Postcondition: every node at least its separation from its neighbours, within
//! `[least, least + free]` of its layer. Cost: O((n + d) + e) per sweep, `COORD_SWEEPS` sweeps.

use super::graph::{Adjacent, Graph};
use super::input::Base;
use crate::layout::knobs::{COORD_SWEEPS, SKETCH_SWEEPS, SLACK};

/// The nodes' centres across the flow, and the room every layer slides within.
pub(super) struct Coords {
    pub(super) at: Vec<f64>,
    /// How wide the content may grow: the longest layer, packed, plus `SLACK` (less within a width to
    /// wrap to).
    pub(super) room: f64,
}

impl Coords {
    /// The room from the layers as ordered, and the coordinates in it.
    pub(super) fn new(base: &Base, g: &Graph, adj: &Adjacent, rows: &[Vec<usize>]) -> Coords {
        let longest = g.packing(base.n, rows).1.iter().fold(0.0, |a: f64, &b| a.max(b));
        // Within a width to wrap to, the slack only up to it.
        let room = longest + base.inp.wrap.map_or(SLACK, |_| 0.0);
        let at = coordinates(base, g, adj, room, rows);
        Coords { at, room }
    }

    /// The coordinates again, for layers reordered since (within the same room).
    pub(super) fn again(&mut self, base: &Base, g: &Graph, adj: &Adjacent, rows: &[Vec<usize>]) {
        self.at = coordinates(base, g, adj, self.room, rows);
    }
}

/// How far right the content reaches: the largest far side of any node.
pub(super) fn extent(g: &Graph, center: &[f64]) -> f64 {
    (0..g.vn()).map(|v| center[v] + g.vdims[v].1 / 2.0).fold(0.0, f64::max)
}

/// The sweeps of coordinate assignment over layers in this order.
fn coordinates(base: &Base, g: &Graph, adj: &Adjacent, room: f64, rows: &[Vec<usize>]) -> Vec<f64> {
    let (n, layers_n) = (base.n, g.layers_n);
    let Adjacent { up, down, rigid } = adj;
    let coord_sweeps = if base.sketch { SKETCH_SWEEPS } else { COORD_SWEEPS };
    let (least, len) = g.packing(n, rows);
    let mut center = least.clone();
    let extent = extent(g, &center);
    // Buffers reused across layers and sweeps.
    let (mut want, mut weights, mut seps, mut at) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut iso = Isotonic::default();
    for it in 0..coord_sweeps {
        let downward = it % 2 == 0;
        for step in 0..layers_n.saturating_sub(1) {
            let l = if downward { step + 1 } else { layers_n - 2 - step };
            let r = &rows[l];
            want.clear();
            let free = (room - len[l]).max(0.0);
            for &v in r {
                // A packed grid's items stay in their columns.
                if g.packed && v < n {
                    want.push(least[v]);
                    continue;
                }
                if let Some(right) = g.pin[v] {
                    want.push(if right { least[v] + free } else { least[v] });
                    continue;
                }
                // The median of where the neighbours (and an outside end) pull. Links between fixed
                // entries come first, from both sides (one side per sweep would let the last sweep undo
                // what the one before it lined up). A lane weighs its neighbours on both sides in every
                // sweep.
                let nb = if downward { &up[v] } else { &down[v] };
                at.clear();
                at.extend(rigid[v].iter().map(|&(u, ou, ov)| center[u] + ou - ov));
                if at.is_empty() {
                    at.extend(nb.iter().map(|&(u, ou, ov)| center[u] + ou - ov));
                    let other = if downward { &down[v] } else { &up[v] };
                    if v >= n {
                        at.extend(other.iter().map(|&(u, ou, ov)| center[u] + ou - ov));
                    }
                    // An outside end beyond the content tells only which way the edge leaves, not where,
                    // and so does one whose edge turns again beyond the parent: the outermost lane of a
                    // port follows its child in the sweeps that come from the child's side, and such an
                    // end only in those that come from the outside.
                    let within = |h: &f64| (0.0..=extent).contains(h) && !g.far_end[v];
                    if let Some(h) = g.vhint[v].filter(|h| at.is_empty() || !other.is_empty() || within(h)) {
                        at.push(h.clamp(0.0, extent));
                    }
                }
                if at.is_empty() {
                    want.push(center[v]);
                    continue;
                }
                at.sort_unstable_by(f64::total_cmp);
                // Even counts take the lower median in the first two sweeps of every four (one down, one
                // up) and the upper one in the other two. (Lower going down and upper going up, the
                // nearer of the two, or their mean, each gave more bends on the comparison files.)
                want.push(at[if it % 4 < 2 { (at.len() - 1) / 2 } else { at.len() / 2 }]);
            }
            weights.clear();
            weights.extend(r.iter().map(|&v| if v < n { 1.0 } else { 0.5 }));
            seps.clear();
            seps.extend((1..r.len()).map(|k| g.sep(n, r[k - 1], r[k])));
            let placed = iso.solve(&want, &weights, &seps);
            // Clamping every offset to one range keeps the least-squares optimum within the room.
            for (k, &v) in r.iter().enumerate() {
                center[v] = placed[k].clamp(least[v], least[v] + free);
            }
        }
    }
    center
}

/// Weighted least-squares placement of ordered items at `want`, keeping consecutive items at least `sep`
/// apart: isotonic regression by pool-adjacent-violators on the offsets. Linear time.
pub(super) fn isotonic(want: &[f64], weight: &[f64], sep: &[f64]) -> Vec<f64> {
    Isotonic::default().solve(want, weight, sep).to_vec()
}

/// [`isotonic`] with its buffers kept for the next call.
#[derive(Default)]
pub(super) struct Isotonic {
    offset: Vec<f64>,
    /// Blocks of (mean, total weight, count).
    blocks: Vec<(f64, f64, usize)>,
    out: Vec<f64>,
}

impl Isotonic {
    pub(super) fn solve(&mut self, want: &[f64], weight: &[f64], sep: &[f64]) -> &[f64] {
        let n = want.len();
        self.offset.clear();
        self.offset.resize(n, 0.0);
        for k in 1..n {
            self.offset[k] = self.offset[k - 1] + sep[k - 1];
        }
        let blocks = &mut self.blocks;
        blocks.clear();
        for k in 0..n {
            let mut b = (want[k] - self.offset[k], weight[k], 1usize);
            while let Some(&last) = blocks.last() {
                if last.0 > b.0 {
                    blocks.pop();
                    let tw = last.1 + b.1;
                    b = ((last.0 * last.1 + b.0 * b.1) / tw, tw, last.2 + b.2);
                } else {
                    break;
                }
            }
            blocks.push(b);
        }
        self.out.clear();
        for &(mean, _, count) in blocks.iter() {
            for _ in 0..count {
                let k = self.out.len();
                self.out.push(mean + self.offset[k]);
            }
        }
        &self.out
    }
}
