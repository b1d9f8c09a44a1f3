//! Disconnected parts of one container, laid out apart and packed: when no relation crosses the
//! container's border and its children fall into several groups with no relation between them, each
//! group is arranged on its own and the groups are packed in shelves (rows along the flow, stacked across
//! it), the shelf length chosen so that the packing fits the smallest rectangle of a fixed aspect ratio. Otherwise the wide layer of one group would push
//! every layer of the others along (a long chain beside a wide container started after the container's
//! whole width).
//!
//! Precondition: no ports (nothing outside the container joins two groups, so each group's arrangement
//! is complete on its own). Postcondition: groups at least [`GAP`] apart across the flow and
//! [`LAYER_GAP`] along it, so children of different groups keep the arrangement's separations; every
//! position, lane and band of a group moved by its offset. Cost: the groups' arrangements, plus O(m · c)
//! to pack `m` groups with `c` candidate shelf lengths.

use super::input::{Arranged, Input};
use crate::layout::knobs::{GAP, LAYER_GAP};
use crate::spec::Direction;
use std::collections::BTreeMap;

/// Candidate shelf lengths, as fractions of the groups' total length along the flow (each at least the
/// longest group's length).
const SHELVES: [f64; 8] = [0.0, 0.2, 0.3, 0.4, 0.5, 0.65, 0.8, 1.0];

/// The shape packings aim at, width over height: ELK's default for packing components, and about a
/// page's shape turned sideways.
const ASPECT: f64 = 1.6;

/// The arrangement by separate groups, each arranged by `arrange` (the whole arrangement, which finds
/// one group in each), or `None` when the children form one group (or relations cross
/// the border).
pub(super) fn pack(inp: &Input, local: &BTreeMap<usize, usize>, arrange: fn(&Input) -> Arranged) -> Option<Arranged> {
    let n = inp.items.len();
    if !inp.ports.is_empty() || n < 2 {
        return None;
    }
    let mut root: Vec<usize> = (0..n).collect();
    let find = |root: &mut Vec<usize>, mut x: usize| {
        while root[x] != x {
            root[x] = root[root[x]];
            x = root[x];
        }
        x
    };
    for &(a, b, _) in inp.edges {
        if let (Some(&ka), Some(&kb)) = (local.get(&a), local.get(&b)) {
            let (ra, rb) = (find(&mut root, ka), find(&mut root, kb));
            root[ra.max(rb)] = ra.min(rb);
        }
    }
    // Groups in the order of their first child, and each child's group.
    let mut group_of = vec![usize::MAX; n];
    let mut member = vec![0; n];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (k, m) in member.iter_mut().enumerate() {
        let r = find(&mut root, k);
        if group_of[r] == usize::MAX {
            group_of[r] = groups.len();
            groups.push(Vec::new());
        }
        *m = group_of[r];
        groups[*m].push(k);
    }
    if groups.len() < 2 {
        return None;
    }
    let arranged: Vec<Arranged> = groups
        .iter()
        .enumerate()
        .map(|(gi, g)| {
            let items: Vec<usize> = g.iter().map(|&k| inp.items[k]).collect();
            let edges: Vec<(usize, usize, usize)> = inp
                .edges
                .iter()
                .copied()
                .filter(|&(a, _, _)| local.get(&a).is_some_and(|&k| member[k] == gi))
                .collect();
            let hint: Vec<Option<f64>> = g.iter().map(|&k| inp.hint.get(k).copied().flatten()).collect();
            let was: Vec<Option<f64>> = g.iter().map(|&k| inp.was.get(k).copied().flatten()).collect();
            arrange(&Input { items: &items, edges: &edges, hint: &hint, was: &was, ..*inp })
        })
        .collect();
    let lr = inp.dir == Direction::Lr;
    // (along the flow, across it) of each group.
    let dims: Vec<(f64, f64)> = arranged.iter().map(|a| if lr { (a.w, a.h) } else { (a.h, a.w) }).collect();
    let total: f64 = dims.iter().map(|d| d.0).sum::<f64>() + LAYER_GAP * (dims.len() - 1) as f64;
    let longest = dims.iter().map(|d| d.0).fold(0.0, f64::max);
    // The packing that fits in the smallest rectangle of the aspect ratio `ASPECT` (the least area alone
    // chose one long row: 2,661 × 217 px for a model ELK draws 1,365 × 444), then the least area.
    let fit = |&(along, across): &(f64, f64)| {
        let (w, h) = if lr { (along, across) } else { (across, along) };
        (w.max(ASPECT * h), w * h)
    };
    // With a width to wrap to, packings within it come first (top to bottom, shelves run down and
    // stack across, so the longest shelves are the narrowest).
    let over = |&(_, across): &(f64, f64)| inp.wrap.map_or(0.0, |w| (across - w).max(0.0));
    let best = SHELVES.iter().map(|f| shelves(&dims, longest.max(total * f))).min_by(|a, b| {
        let (fa, fb) = (fit(&a.1), fit(&b.1));
        over(&a.1).total_cmp(&over(&b.1)).then(fa.0.total_cmp(&fb.0)).then(fa.1.total_cmp(&fb.1))
    })?;
    let mut out = Arranged {
        pos: vec![(0.0, 0.0); n],
        w: 0.0,
        h: 0.0,
        pair_lanes: BTreeMap::new(),
        port_lanes: BTreeMap::new(),
        bands: vec![(0.0, 0.0); n],
        ported: Vec::new(),
        entries: Vec::new(),
        sides: Vec::new(),
    };
    for ((g, a), &(along, across)) in groups.iter().zip(arranged).zip(&best.0) {
        let (dx, dy) = if lr { (along, across) } else { (across, along) };
        for (j, &k) in g.iter().enumerate() {
            out.pos[k] = (a.pos[j].0 + dx, a.pos[j].1 + dy);
            out.bands[k] = (a.bands[j].0 + along, a.bands[j].1 + along);
        }
        for (r, mut stops) in a.pair_lanes {
            for s in &mut stops {
                s.rect.x += dx;
                s.rect.y += dy;
                s.before += along;
                s.after += along;
                s.hop = (s.hop.0 + along, s.hop.1 + along);
            }
            out.pair_lanes.insert(r, stops);
        }
        out.ported.extend(a.ported);
        out.w = out.w.max(dx + a.w);
        out.h = out.h.max(dy + a.h);
    }
    Some(out)
}

/// Groups of (along, across) extents in shelves of at most `length` along the flow (a group longer than
/// that alone on its shelf), in order: each group's offset (along, across), and the packing's size
/// (along, across).
fn shelves(dims: &[(f64, f64)], length: f64) -> (Vec<(f64, f64)>, (f64, f64)) {
    let mut at = Vec::with_capacity(dims.len());
    let (mut along, mut across, mut thick, mut longest) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
    for &(l, c) in dims {
        if along > 0.0 && along + l > length {
            across += thick + GAP;
            along = 0.0;
            thick = 0.0;
        }
        at.push((along, across));
        longest = longest.max(along + l);
        along += l + LAYER_GAP;
        thick = thick.max(c);
    }
    (at, (longest, across + thick))
}
