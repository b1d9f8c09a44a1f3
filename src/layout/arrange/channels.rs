//! Channels and the result: layers along the flow, each as thick as its thickest child, with a channel
//! before the next sized for the tracks its jogs take once nudged (not one per link: straight links need
//! none, and jogs far apart share a track); positions rounded and shifted to the content's origin; every
//! lane as a [`Stop`]. Postcondition: layers at least `LAYER_GAP` apart; every position and lane within
//! the returned `w` × `h`. Cost: O(n + d + Σ j²) for `j` jogs per channel.

use super::graph::Graph;
use super::input::{Arranged, Base};
use super::order::by_key;
use crate::layout::geom::Stop;
use crate::layout::knobs::{APART, LAYER_GAP, MARGIN, TRACK};
use crate::layout::segments::assign_tracks;
use crate::scene::Rect;
use std::collections::BTreeMap;

/// Where the layers start along the flow, and how thick each is.
struct Layers {
    start: Vec<f64>,
    thick: Vec<f64>,
}

impl Layers {
    /// The layers, with channels sized for the jogs of the links at `center`.
    fn new(base: &Base, g: &Graph, center: &[f64]) -> Layers {
        let layers_n = g.layers_n;
        let mut thick = vec![0.0f64; layers_n];
        for v in 0..base.n {
            thick[g.layer[v]] = thick[g.layer[v]].max(g.vdims[v].0);
        }
        let mut jogs: Vec<Vec<(f64, f64, bool)>> = vec![Vec::new(); layers_n];
        for l in &g.links {
            let (x, y) = (center[l.a] + l.at_a, center[l.b] + l.at_b);
            if (x - y).abs() >= 1.0 {
                jogs[g.vlayer[l.a]].push((x.min(y), x.max(y), x < y));
            }
        }
        let channel: Vec<usize> = jogs.iter().map(|j| tracks(j)).collect();
        // A relation lifted here keeps the room its label takes in the first channel it crosses.
        let mut label = vec![0.0f64; layers_n];
        for &(a, b, r) in base.inp.edges {
            if let (Some(&ka), Some(&kb)) = (base.local.get(&a), base.local.get(&b)) {
                let l = g.layer[ka].min(g.layer[kb]);
                if g.layer[ka] != g.layer[kb] {
                    label[l] = label[l].max(base.inp.label_room[r]);
                }
            }
        }
        let mut start = vec![0.0f64; layers_n];
        for l in 1..layers_n {
            let gap = LAYER_GAP.max(2.0 * MARGIN + TRACK * channel[l - 1] as f64).max(label[l - 1]);
            start[l] = start[l - 1] + thick[l - 1] + gap;
        }
        Layers { start, thick }
    }

    /// Middles of the channels around layer `l` (a margin into the padding at the first and last).
    fn band(&self, l: usize) -> (f64, f64) {
        let (start, thick) = (&self.start, &self.thick);
        let last = start.len() - 1;
        let before = if l == 0 { -MARGIN } else { ((start[l - 1] + thick[l - 1] + start[l]) / 2.0).round() };
        let after =
            if l == last { start[l] + thick[l] + MARGIN } else { ((start[l] + thick[l] + start[l + 1]) / 2.0).round() };
        (before, after)
    }
}

/// The arrangement: positions, size, lanes, bands, ports and entries.
pub(super) fn finish(
    base: &Base,
    g: &Graph,
    side_port: &[Option<bool>],
    ported: Vec<(usize, usize, f64)>,
    center: &[f64],
) -> Arranged {
    let (n, vn, inp) = (base.n, g.vn(), base.inp);
    let layers = Layers::new(base, g, center);
    let (start, thick) = (&layers.start, &layers.thick);
    let min_cross = (0..vn).map(|v| center[v] - g.vdims[v].1 / 2.0).fold(f64::INFINITY, f64::min);
    let mut out = Vec::with_capacity(n);
    let (mut w, mut h) = (0.0f64, 0.0f64);
    for (v, &c) in center.iter().enumerate().take(n) {
        let l = g.layer[v];
        let main = start[l] + (thick[l] - g.vdims[v].0) / 2.0;
        let cross = c - g.vdims[v].1 / 2.0 - min_cross;
        let (x, y) = if base.lr { (main.round(), cross.round()) } else { (cross.round(), main.round()) };
        let (sw, sh) = inp.size[inp.items[v]];
        w = w.max(x + sw);
        h = h.max(y + sh);
        out.push((x, y));
    }
    let bands = (0..n).map(|v| layers.band(g.layer[v])).collect();
    // A lane runs across its layer at its dummy's centre; the content holds the lanes' tracks too.
    // A lane beside a child entered from its side stops where it turns in, in the child's channel.
    let lane = |d: &usize| {
        let c = (center[*d] - min_cross).round();
        let l = g.vlayer[*d];
        let (before, mut after) = layers.band(l);
        let (m0, mut m1) = (start[l], start[l] + thick[l]);
        if let Some(b) = g.beside[*d] {
            let k = b.child;
            m1 = start[g.layer[k]] + (thick[g.layer[k]] - g.vdims[k].0) / 2.0 + b.at;
            after = m1;
        }
        let rect =
            if base.lr { Rect { x: m0, y: c, w: m1 - m0, h: 0.0 } } else { Rect { x: c, y: m0, w: 0.0, h: m1 - m0 } };
        Stop { rect, before, after, border: false, port: 0.0, hop: (before, after), side: g.beside[*d].is_some() }
    };
    for (v, &c) in center.iter().enumerate().skip(n) {
        let far = (c + g.vdims[v].1 / 2.0 - min_cross).ceil();
        if base.lr {
            h = h.max(far);
        } else {
            w = w.max(far);
        }
    }
    let pair_lanes = g
        .pair_chains
        .iter()
        .map(|c| {
            let mut l: Vec<Stop> = c.dummies.iter().map(lane).collect();
            if c.against {
                l.reverse();
            }
            (c.relation, l)
        })
        .collect();
    let port_lanes: BTreeMap<usize, Vec<Stop>> =
        g.port_chains.iter().map(|c| (c.relation, c.dummies.iter().map(lane).collect())).collect();
    // Where each port's relation meets this container's side: its outermost lane, else the child's entry.
    let mut entries = base.entries_at(&out);
    for (e, c) in entries.iter_mut().zip(&g.port_chains) {
        if let Some(&d) = c.dummies.last() {
            e.1 = (center[d] - min_cross).round();
        }
    }
    let sides = inp
        .ports
        .iter()
        .zip(side_port)
        .map(|(p, side)| side.map(|right| (right, layers.band(g.layer[base.local[&p.child]]).0)))
        .collect();
    Arranged { pos: out, w, h, pair_lanes, port_lanes, entries, bands, ported, sides }
}

/// How many tracks the jogs of one channel take once nudged: each jog (low end, high end, whether its low
/// end is the one it comes from) in the order that lets them turn away without crossing takes the first
/// track past those of the jogs before it that it overlaps or nearly meets, as nudging assigns
/// them (both by [`assign_tracks`]). (Counting only the jogs that overlap at one place, the
/// density, undersized channels under wide boxes: nudging then squeezed their jogs a pixel or two
/// apart.) O(j²) for j jogs.
pub(super) fn tracks(jogs: &[(f64, f64, bool)]) -> usize {
    let lo = jogs.iter().map(|j| j.0).fold(f64::INFINITY, f64::min);
    let hi = jogs.iter().map(|j| j.1).fold(f64::NEG_INFINITY, f64::max);
    // Turning back towards the layer it comes from counts -1, on towards the next +1, at each end.
    let mut keyed: Vec<(f64, usize, usize)> = jogs
        .iter()
        .enumerate()
        .map(|(k, &(a, b, from_low))| {
            let (at_low, at_high) = if from_low { (-1.0, 1.0) } else { (1.0, -1.0) };
            (at_low * (a - lo) + at_high * (hi - b), k, 0)
        })
        .collect();
    keyed.sort_by(by_key);
    let spans: Vec<[(f64, f64); 1]> = keyed.iter().map(|&(_, k, _)| [(jogs[k].0, jogs[k].1)]).collect();
    assign_tracks(spans.iter().map(|s| &s[..]), APART).iter().map(|t| t + 1).max().unwrap_or(0)
}
