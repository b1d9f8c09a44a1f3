//! Lane straightening: each chain of dummies moves onto as few lines as its neighbours in each layer
//! allow, so long edges run without jogs. A run of dummies whose free ranges overlap takes one line: the
//! first run in line with the end it starts from (or as near as it can), a later run as near the line
//! before it; where the whole chain fits, an end's entry or the chain's median if either fits. Chains
//! going left straighten first from the left, those going right first from the right (by where each
//! would go if the other lanes gave way), so a packed bundle moves in one round, each lane making room
//! for the next. Postcondition: every dummy within its range (its separation from its neighbours kept).
//! Cost: O(d log d) per round, at most `STRAIGHTEN_ROUNDS` rounds (until nothing moves).

use super::coords::{Coords, extent};
use super::graph::Graph;
use super::input::Base;
use super::order::by_key;
use super::ports::Spread;
use crate::layout::knobs::STRAIGHTEN_ROUNDS;

/// One chain to straighten: its dummies, the entry of the end next to its first dummy, and preferred
/// lines (the far end's first).
pub(super) struct Chain<'g> {
    pub(super) dummies: &'g [usize],
    start: f64,
    prefer: Vec<f64>,
}

/// The lanes as the coordinates left them: every chain, and where each dummy may lie.
pub(super) struct Lanes<'g> {
    pub(super) chains: Vec<Chain<'g>>,
    rows: &'g [Vec<usize>],
    pos: &'g [usize],
    /// Each node's least centre (its layer packed tight), and each layer's packed length.
    least: Vec<f64>,
    len: Vec<f64>,
    room: f64,
    n: usize,
    g: &'g Graph,
}

impl<'g> Lanes<'g> {
    pub(super) fn new(
        base: &Base,
        g: &'g Graph,
        spread: &Spread,
        rows: &'g [Vec<usize>],
        pos: &'g [usize],
        coords: &Coords,
    ) -> Lanes<'g> {
        let (inp, center) = (base.inp, &coords.at);
        let extent = extent(g, center);
        let (least, len) = g.packing(base.n, rows);
        let mut chains = Vec::new();
        for (c, &(ga, gb, _)) in g.pair_chains.iter().zip(inp.edges) {
            let (a, b) = (base.local[&ga], base.local[&gb]);
            let r = c.relation;
            let (x, y) = (center[a] + spread.meets(base, r, a), center[b] + spread.meets(base, r, b));
            let (start, prefer) = if c.against { (y, vec![x]) } else { (x, vec![y]) };
            chains.push(Chain { dummies: &c.dummies, start, prefer });
        }
        for (c, p) in g.port_chains.iter().zip(inp.ports) {
            let k = base.local[&p.child];
            let outside = p.hint.map(|h| h.clamp(0.0, extent));
            let start = center[k] + spread.meets(base, c.relation, k);
            chains.push(Chain { dummies: &c.dummies, start, prefer: outside.into_iter().collect() });
        }
        Lanes { chains, rows, pos, least, len, room: coords.room, n: base.n, g }
    }

    /// The layers, in order.
    pub(super) fn rows(&self) -> &'g [Vec<usize>] {
        self.rows
    }

    /// Where node `d` may lie: within its layer's room, clear of its neighbours.
    pub(super) fn range(&self, d: usize, center: &[f64]) -> (f64, f64) {
        let (g, least) = (self.g, &self.least);
        let r = &self.rows[g.vlayer[d]];
        let i = self.pos[d];
        let free = (self.room - self.len[g.vlayer[d]]).max(0.0);
        let sep = |a: usize, b: usize| g.sep(self.n, a, b);
        let lo = if i == 0 { least[d] } else { least[d].max(center[r[i - 1]] + sep(r[i - 1], d)) };
        let hi =
            if i + 1 == r.len() { least[d] + free } else { (least[d] + free).min(center[r[i + 1]] - sep(d, r[i + 1])) };
        (lo, hi)
    }

    /// Where each chain would go if the other lanes gave way: its ranges bounded only by the fixed items
    /// around it (as packed as they are), the lanes between packed.
    fn toward(&self, center: &[f64], buffers: &mut Buffers) -> Vec<f64> {
        let (g, n, least) = (self.g, self.n, &self.least);
        let fixed = |v: usize| v < n || g.pin[v].is_some();
        let mut loose = vec![(0.0f64, 0.0f64); g.vn()];
        for (l, r) in self.rows.iter().enumerate() {
            let free = (self.room - self.len[l]).max(0.0);
            let mut left: Option<usize> = None;
            for &v in r {
                if fixed(v) {
                    left = Some(v);
                } else {
                    loose[v].0 = left.map_or(least[v], |f| least[v].max(center[f] + least[v] - least[f]));
                }
            }
            let mut right: Option<usize> = None;
            for &v in r.iter().rev() {
                if fixed(v) {
                    right = Some(v);
                } else {
                    let hi = least[v] + free;
                    loose[v].1 = right.map_or(hi, |g| hi.min(center[g] - (least[g] - least[v])));
                }
            }
        }
        let Buffers { ranges, current, scratch } = buffers;
        self.chains
            .iter()
            .map(|c| {
                ranges.clear();
                ranges.extend(c.dummies.iter().map(|&d| loose[d]));
                current.clear();
                current.extend(c.dummies.iter().map(|&d| center[d]));
                lines(ranges, current, c.start, &c.prefer, scratch);
                current.iter().sum::<f64>() / c.dummies.len().max(1) as f64
            })
            .collect()
    }
}

/// Buffers reused from chain to chain.
#[derive(Default)]
struct Buffers {
    ranges: Vec<(f64, f64)>,
    current: Vec<f64>,
    scratch: Vec<f64>,
}

/// Straightens every chain, in rounds until nothing moves: a lane that moves makes room for its
/// neighbours' chains. Chains going left (or staying), by where they lie now from the left; then those
/// going right, from the right.
pub(super) fn straighten(lanes: &Lanes, center: &mut [f64]) {
    let mut buffers = Buffers::default();
    let toward = lanes.toward(center, &mut buffers);
    let Buffers { ranges, current, scratch } = &mut buffers;
    // (key, chain, unused), sorted as the ordering sweeps sort.
    let (mut left, mut right) = (Vec::<(f64, usize, usize)>::new(), Vec::<(f64, usize, usize)>::new());
    for _ in 0..STRAIGHTEN_ROUNDS {
        let mut moved = false;
        left.clear();
        right.clear();
        for (i, c) in lanes.chains.iter().enumerate().filter(|(_, c)| !c.dummies.is_empty()) {
            let now = c.dummies.iter().map(|&d| center[d]).sum::<f64>() / c.dummies.len() as f64;
            if toward[i] > now {
                right.push((-now, i, 0));
            } else {
                left.push((now, i, 0));
            }
        }
        left.sort_by(by_key);
        right.sort_by(by_key);
        for &(_, i, _) in left.iter().chain(&right) {
            let c = &lanes.chains[i];
            ranges.clear();
            ranges.extend(c.dummies.iter().map(|&d| lanes.range(d, center)));
            current.clear();
            current.extend(c.dummies.iter().map(|&d| center[d]));
            lines(ranges, current, c.start, &c.prefer, scratch);
            for (&d, &x) in c.dummies.iter().zip(current.iter()) {
                moved |= (center[d] - x).abs() > 1e-9;
                center[d] = x;
            }
        }
        if !moved {
            break;
        }
    }
}

/// Lines for a chain of lanes, one per layer, given where each may lie (`ranges`) and where it lies now:
/// the fewest runs of equal lines, taken greedily from the chain's start. The first run lies as near
/// `start` (the entry of the end it leaves from) as it can, each later one as near the run before it
/// (the last one in line with the far end, `prefer`'s first line, where it can); a chain that fits on one
/// line takes the first of `start`, `prefer` and its median line that fits.
/// A lane with no room of its own (already squeezed) stays where it is. Writes the lines over `current`;
/// `scratch` is a buffer for the median.
pub(super) fn lines(ranges: &[(f64, f64)], current: &mut [f64], start: f64, prefer: &[f64], scratch: &mut Vec<f64>) {
    let mut median = |current: &[f64]| {
        scratch.clear();
        scratch.extend_from_slice(current);
        let mid = scratch.len() / 2;
        scratch.select_nth_unstable_by(mid, f64::total_cmp);
        scratch.get(mid).copied()
    };
    let mut k = 0;
    let mut target = start;
    while k < ranges.len() {
        // The longest run from k whose ranges share a point.
        let (mut lo, mut hi) = ranges[k];
        let mut end = k + 1;
        while end < ranges.len() {
            let (l, h) = ranges[end];
            if l.max(lo) > h.min(hi) + 1e-9 {
                break;
            }
            (lo, hi) = (l.max(lo), h.min(hi));
            end += 1;
        }
        if lo > hi + 1e-9 {
            target = current[k];
            k += 1;
            continue;
        }
        let whole = k == 0 && end == ranges.len();
        let at = whole
            .then(|| {
                let fits = |c: &f64| (lo - 1e-9..=hi + 1e-9).contains(c);
                [start].iter().chain(prefer).copied().find(fits).or_else(|| median(current).filter(fits))
            })
            .flatten()
            .or_else(|| {
                // The last run of a split chain lines up with the far end when it can.
                (k > 0 && end == ranges.len())
                    .then(|| prefer.first().copied().filter(|c| (lo - 1e-9..=hi + 1e-9).contains(c)))
                    .flatten()
            })
            .unwrap_or_else(|| target.max(lo).min(hi.max(lo)));
        // Only lines from k on are read again, and those are still the current ones.
        current[k..end].fill(at);
        target = at;
        k = end;
    }
}
