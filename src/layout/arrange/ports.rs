//! Ports: the edges that end at a child (rather than pass into it) leave or enter each side at their own
//! places. First spread along the side in the order of where they go, so they need not cross; at the end
//! slid, in that order, towards what they link to, so that edges run straight where they can.
//! Postcondition: a side's ports keep their order, at least a port spacing apart where the side allows,
//! and within `PORT_SPACING` twice of the side's corners once slid. Cost: O(n · e) to spread, linear to
//! slide.

use super::coords::isotonic;
use super::graph::Graph;
use super::input::Base;
use crate::layout::knobs::PORT_SPACING;
use std::collections::BTreeMap;

/// The links meeting one side of one child at ports of their own.
pub(super) struct PortGroup {
    pub(super) item: usize,
    /// The side facing the next layer (else the one facing the layer before).
    pub(super) below: bool,
    /// The links, in the order of their ports along the side.
    pub(super) links: Vec<usize>,
}

/// Where the ports were spread.
pub(super) struct Spread {
    /// (relation, item, offset across the flow from the item's centre).
    pub(super) ported: Vec<(usize, usize, f64)>,
    pub(super) groups: Vec<PortGroup>,
    /// `ported` by (relation, item).
    pub(super) ports_at: BTreeMap<(usize, usize), f64>,
}

impl Spread {
    /// Where relation `r` meets child `k`: at its port, else at its entry (see [`Base::offset`]).
    pub(super) fn meets(&self, base: &Base, r: usize, k: usize) -> f64 {
        self.ports_at.get(&(r, base.inp.items[k])).copied().unwrap_or_else(|| base.offset(r, k))
    }
}

/// Spreads every side's ports evenly, in the order of where their links' other ends lie in `pos`.
pub(super) fn spread(base: &Base, g: &mut Graph, pos: &[usize]) -> Spread {
    let inp = base.inp;
    let mut ported: Vec<(usize, usize, f64)> = Vec::new();
    let mut groups: Vec<PortGroup> = Vec::new();
    for v in 0..base.n {
        for below in [true, false] {
            let mut at: Vec<(f64, usize)> = g
                .links
                .iter()
                .enumerate()
                .filter(|(_, l)| if below { l.a == v } else { l.b == v })
                .filter(|(_, l)| !inp.entry.contains_key(&(l.relation, inp.items[v])))
                .map(|(i, l)| {
                    let (u, ou) = if below { (l.b, l.at_b) } else { (l.a, l.at_a) };
                    (pos[u] as f64 + g.part(u, ou), i)
                })
                .collect();
            if at.is_empty() {
                continue;
            }
            at.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            groups.push(PortGroup { item: v, below, links: at.iter().map(|t| t.1).collect() });
            if at.len() < 2 {
                continue;
            }
            let k = at.len() as f64;
            let step = (2.0 * PORT_SPACING).min((g.vdims[v].1 - 4.0 * PORT_SPACING).max(0.0) / (k - 1.0));
            for (j, &(_, i)) in at.iter().enumerate() {
                let off = ((j as f64 - (k - 1.0) / 2.0) * step).round();
                let l = &mut g.links[i];
                if below {
                    l.at_a = off;
                } else {
                    l.at_b = off;
                }
                ported.push((l.relation, inp.items[v], off));
            }
        }
    }
    let ports_at = ported.iter().map(|&(r, i, o)| ((r, i), o)).collect();
    Spread { ported, groups, ports_at }
}

/// Slides the ports towards what they link to: entering sides first, then leaving sides towards them (a
/// link between two ports then ends aligned). Returns where every relation ending at an item meets it.
pub(super) fn slide(base: &Base, g: &mut Graph, spread: Spread, center: &[f64]) -> Vec<(usize, usize, f64)> {
    let Spread { mut ported, groups, ports_at } = spread;
    let mut slid: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for group in groups.iter().filter(|g| !g.below).chain(groups.iter().filter(|g| g.below)) {
        let (v, below) = (group.item, group.below);
        let lim = (g.vdims[v].1 / 2.0 - 2.0 * PORT_SPACING).max(0.0);
        let k = group.links.len();
        let sep = if k > 1 { (2.0 * PORT_SPACING).min(2.0 * lim / (k - 1) as f64) } else { 0.0 };
        let want: Vec<f64> = group
            .links
            .iter()
            .map(|&i| {
                let l = g.links[i];
                let (u, ou) = if below { (l.b, l.at_b) } else { (l.a, l.at_a) };
                center[u] + ou - center[v]
            })
            .collect();
        let mut off = isotonic(&want, &vec![1.0; k], &vec![sep; k.saturating_sub(1)]);
        let shift = (-lim - off[0]).max(0.0) + (lim - off[k - 1]).min(0.0);
        off.iter_mut().for_each(|o| *o = (*o + shift).round());
        if off[0] < -lim - 0.5 || off[k - 1] > lim + 0.5 {
            continue;
        }
        for (&i, &o) in group.links.iter().zip(&off) {
            let l = &mut g.links[i];
            if below {
                l.at_a = o;
            } else {
                l.at_b = o;
            }
            slid.insert((l.relation, base.inp.items[v]), o);
        }
    }
    for p in ported.iter_mut() {
        if let Some(&o) = slid.get(&(p.0, p.1)) {
            p.2 = o;
        }
    }
    ported.extend(slid.iter().filter(|(k, _)| !ports_at.contains_key(k)).map(|(&(r, i), &o)| (r, i, o)));
    ported
}
