//! Arrangement of one container: its children and the relations among them as one layered graph, with a
//! lane for every relation through each layer it crosses and for every port from its child to the
//! container's side. The stage [`super::place`] runs for every container, inside out; its boundary type
//! is [`Arranged`], positions relative to the container's content.
//!
//! Steps, for `n` children, `e` relations and `p` ports: cycle breaking by depth-first search (from the
//! children edges enter from outside, then sources, in input order), longest-path layering (rows of a
//! grid when the children have ports but no edges among them), one dummy per relation and layer,
//! barycenter sweeps on positions along each layer packed tight (as fractions of its length, so a wide
//! child weighs its width and a lane its track) with ports at their entries, transposes, ports spread and
//! slid along each side, coordinates by isotonic regression towards neighbours' medians (every layer kept
//! within the length of the longest plus a slack of about one box, so the content is hardly wider than it
//! must be), lanes straightened into the fewest lines their free ranges allow, boxes snapped (in the
//! second pass) to where the most of their links run straight within the room their neighbours leave, and
//! layers along the flow with channels sized for the tracks their turns take once nudged.
//!
//! Which pulls count: a link that meets both its children at fixed entries (into child containers) can
//! only run straight if the children line up, so a child with such links follows them alone, on both
//! sides, in coordinates and transposes. A lane follows its neighbours on both sides in every coordinate
//! sweep. A port's outermost lane follows its child, not the outside end, in the sweeps that come from the
//! child's side when that end lies beyond the content or the edge runs on beyond the container's parent
//! (the end then says only which way the edge leaves, not where). Lanes straighten chain by chain,
//! those moving left from the left and those moving right from the right (by where each would go if the
//! other lanes gave way), so a packed bundle moves in one round.
//!
//! Side entries: a port whose way in wound in the first pass enters from the container's side, in the
//! channel before its child. Inside, it is a lane pinned to that end of the layer before the child (so
//! ordering, ports and channel sizes count its run) and not drawn. In the parent, its lane runs on into the
//! child container's own layer, kept next to it on that side while ordering, and stops where it turns in.
//!
//! Cost: O((n + d) · (e + p) · sweeps) for `d` dummies, plus O(d · h) per ordering of a layer with `h`
//! children entered from the side, plus O(Σ k²) per round of snapping, for `k` links at each child.

use super::geom::Stop;
use super::knobs::{
    APART, COORD_SWEEPS, GAP, LAYER_GAP, MARGIN, PORT_SPACING, SKETCH_SWEEPS, SLACK, SNAP_ROUNDS, STRAIGHTEN_ROUNDS,
    SWAP_PASSES, SWEEPS, TRACK, TRANSPOSES,
};
use super::place::Port;
use super::segments::assign_tracks;
use crate::scene::Rect;
use crate::spec::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{DfsEvent, depth_first_search};
use std::collections::{BTreeMap, BTreeSet};

/// One container's arrangement, relative to its content's top-left corner.
pub(super) struct Arranged {
    pub(super) pos: Vec<(f64, f64)>,
    pub(super) w: f64,
    pub(super) h: f64,
    /// Lanes of each relation between two children, from its source's branch to its target's.
    pub(super) pair_lanes: BTreeMap<usize, Vec<Stop>>,
    /// Lanes of each relation crossing the container's border, from the child outward.
    pub(super) port_lanes: BTreeMap<usize, Vec<Stop>>,
    /// Middles of the channels before and after each item's layer, along the flow.
    pub(super) bands: Vec<(f64, f64)>,
    /// Where relations ending at an item meet it: (relation, item, offset across the flow from its centre).
    pub(super) ported: Vec<(usize, usize, f64)>,
    /// Where each relation crossing the border meets the container's side, across the flow, relative
    /// to the content.
    pub(super) entries: Vec<(usize, f64)>,
    /// Per port: for one that enters from the container's side rather than its top, which side (the
    /// right one?) and the middle of the channel it runs in, along the flow, relative to the content.
    pub(super) sides: Vec<Option<(bool, f64)>>,
}

/// Lays out `items` (with sizes) and the relations lifted to them; returns top-left positions relative
/// to the content's top-left corner, the content's size, and each relation's lanes.
///
/// `edges` are (branch of the source, branch of the target, relation); `ports` the relations crossing the
/// container's border; `entry` where, across the flow and from its centre, a relation enters or leaves a
/// child container (known from the child's own arrangement); `side_in` which relations enter a child
/// container from its side (the right one?) and where along the flow from its top or left.
#[allow(clippy::too_many_arguments)]
pub(super) fn arrange(
    items: &[usize],
    edges: &[(usize, usize, usize)],
    ports: &[Port],
    entry: &BTreeMap<(usize, usize), f64>,
    side_in: &BTreeMap<(usize, usize), (bool, f64)>,
    size: &[(f64, f64)],
    dir: Direction,
    hint: &[Option<f64>],
    was: &[Option<f64>],
) -> Arranged {
    let n = items.len();
    let lr = dir == Direction::Lr;
    // (main, cross) sizes: main runs along the flow.
    let dims: Vec<(f64, f64)> = items.iter().map(|&i| if lr { size[i] } else { (size[i].1, size[i].0) }).collect();
    let local: BTreeMap<usize, usize> = items.iter().enumerate().map(|(k, &i)| (i, k)).collect();
    // Where a relation meets a child, across the flow from the child's centre.
    let offset = |r: usize, k: usize| entry.get(&(r, items[k])).copied().unwrap_or(0.0);
    // A port's entry on this container's side when no lane leads to it: the child's own entry.
    let entries_at = |pos: &[(f64, f64)]| -> Vec<(usize, f64)> {
        ports
            .iter()
            .map(|p| {
                let k = local[&p.child];
                let c = if lr { pos[k].1 } else { pos[k].0 } + dims[k].1 / 2.0;
                (p.relation, c + offset(p.relation, k))
            })
            .collect()
    };
    let plain = |(pos, w, h): (Vec<(f64, f64)>, f64, f64)| {
        let entries = entries_at(&pos);
        let bands = pos
            .iter()
            .zip(&dims)
            .map(|(p, d)| {
                let m = if lr { p.0 } else { p.1 };
                (m - MARGIN, m + d.0 + MARGIN)
            })
            .collect();
        Arranged {
            pos,
            w,
            h,
            pair_lanes: BTreeMap::new(),
            port_lanes: BTreeMap::new(),
            entries,
            bands,
            ported: Vec::new(),
            sides: vec![None; ports.len()],
        }
    };
    if n == 0 {
        return plain((Vec::new(), 0.0, 0.0));
    }

    // Distinct pairs; of two opposite pairs keep the one met first (the preset's primary direction:
    // the control plane manages the agents before they register back).
    let mut first: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (k, (a, b, _)) in edges.iter().enumerate() {
        first.entry((local[a], local[b])).or_insert(k);
    }
    let pairs: Vec<(usize, usize)> =
        first.iter().filter(|&(&(a, b), &k)| first.get(&(b, a)).is_none_or(|&j| k < j)).map(|(&p, _)| p).collect();

    // Items without edges among them pack in a grid of about √n per row, in input order (which keeps
    // repeated structures alike); when edges reach them from outside, the rows become layers, so those
    // edges get lanes between the items of the rows they pass.
    let packed = pairs.is_empty() && n > 3;
    if packed && ports.is_empty() {
        return plain(grid(items, size, n));
    }

    // 1. Cycle breaking.
    let mut g: DiGraph<(), ()> = DiGraph::with_capacity(n, pairs.len());
    for _ in 0..n {
        g.add_node(());
    }
    // Added last to first: petgraph walks a node's edges newest first, so the search meets them in order.
    for &(a, b) in pairs.iter().rev() {
        g.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
    }
    // Depth-first search from the items that edges enter from outside, then from sources, then the rest
    // (in input order, so the drawing follows the order the diagram was written in): the edges back to
    // an item on the search stack are reversed.
    let mut indeg = vec![0usize; n];
    for &(_, b) in &pairs {
        indeg[b] += 1;
    }
    let entered: BTreeSet<usize> = ports.iter().filter(|p| p.leading).map(|p| local[&p.child]).collect();
    let mut roots: Vec<usize> = entered.iter().copied().collect();
    roots.extend((0..n).filter(|v| indeg[*v] == 0 && !entered.contains(v)));
    roots.extend(0..n);
    let index: BTreeMap<(usize, usize), usize> = pairs.iter().enumerate().map(|(k, &p)| (p, k)).collect();
    let mut reversed: BTreeSet<usize> = BTreeSet::new();
    depth_first_search(&g, roots.into_iter().map(NodeIndex::new), |event| {
        if let DfsEvent::BackEdge(a, b) = event {
            reversed.insert(index[&(a.index(), b.index())]);
        }
    });
    let dag: Vec<(usize, usize)> =
        pairs.iter().enumerate().map(|(k, &(a, b))| if reversed.contains(&k) { (b, a) } else { (a, b) }).collect();

    // 2. Longest-path layering, then sources pulled down next to their successors.
    let mut succ = vec![Vec::new(); n];
    let mut pred = vec![Vec::new(); n];
    for &(a, b) in &dag {
        succ[a].push(b);
        pred[b].push(a);
    }
    let mut indeg: Vec<usize> = pred.iter().map(Vec::len).collect();
    let mut queue: std::collections::VecDeque<usize> = (0..n).filter(|&v| indeg[v] == 0).collect();
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
    let layers_n = layer.iter().max().map_or(1, |m| m + 1);
    // An edge from outside to a child past the first layer whose way in wound (see `Port::winding`) enters
    // from the container's side, in the channel before the child, instead of through the leading side and
    // lanes past the layers before (unless the child takes it from its own side). Left to right it is the
    // bottom side, as the label holds the top.
    // The first pass's content width: the side is the one with less way across, from the outside end to
    // the side and on to the child (which crosses less, too).
    let width = (0..n).filter_map(|k| was[k].map(|w| w + dims[k].1 / 2.0)).fold(0.0, f64::max);
    let side_port: Vec<Option<bool>> = ports
        .iter()
        .map(|p| {
            let c = local[&p.child];
            let side = p.leading && p.outside && p.winding && layer[c] >= 1;
            (side && !side_in.contains_key(&(p.relation, p.child)))
                .then(|| lr || p.hint.zip(was[c]).is_some_and(|(h, w)| h + w > width))
        })
        .collect();

    // 3. One lane per relation: a dummy in every layer it spans. Links join consecutive layers and carry
    // where they meet each end across the flow (a child container's entry for that relation).
    let mut vlayer = layer.clone();
    let mut vdims = dims.clone();
    let mut links: Vec<(usize, usize, f64, f64, usize)> = Vec::new();
    // Where a virtual node wants to be across the flow (a port's outside end), relative to the content.
    let mut vhint: Vec<Option<f64>> = hint.to_vec();
    let mut dummy = |l: usize, h: Option<f64>, vlayer: &mut Vec<usize>| {
        vlayer.push(l);
        vdims.push((0.0, TRACK));
        vhint.push(h);
        vlayer.len() - 1
    };
    // Lanes that end beside a child entered from its side: (dummy, child, right side?, where along the flow
    // from the child's top the edge turns in). They lie next to the child, on that side, in its layer.
    let mut beside_list: Vec<(usize, usize, bool, f64)> = Vec::new();
    // Lanes that stand for an edge entering from this container's side: pinned to that end of their layer
    // (the right one?), never drawn.
    let mut pin_list: Vec<(usize, bool)> = Vec::new();
    // Outermost lanes of ports whose other end lies beyond this container's parent.
    let mut far_list: Vec<usize> = Vec::new();
    // Chains in flow order (lower layer first), with whether the relation runs against the flow.
    let mut pair_chains: Vec<(usize, Vec<usize>, bool)> = Vec::new();
    for &(ga, gb, r) in edges {
        let (a, b) = (local[&ga], local[&gb]);
        let against = layer[a] > layer[b];
        let (x, y) = if against { (b, a) } else { (a, b) };
        // A lower end entered from its side: the chain runs on through its layer, beside it.
        let side = side_in.get(&(r, items[y])).copied();
        let (mut prev, mut off) = (x, offset(r, x));
        let mut chain = Vec::new();
        for l in layer[x] + 1..layer[y] + usize::from(side.is_some()) {
            let d = dummy(l, None, &mut vlayer);
            links.push((prev, d, off, 0.0, r));
            chain.push(d);
            (prev, off) = (d, 0.0);
        }
        match side {
            Some((right, at)) => beside_list.push((prev, y, right, at)),
            None => links.push((prev, y, off, offset(r, y), r)),
        }
        pair_chains.push((r, chain, against));
    }
    // A port's relation runs through every layer between the child and the container's side; the
    // outermost dummy wants to be across from the outside end. Chains from the child outward.
    let mut port_chains: Vec<(usize, Vec<usize>)> = Vec::new();
    for (p, side_port) in ports.iter().zip(&side_port) {
        let c = local[&p.child];
        if let &Some(right) = side_port {
            let d = dummy(layer[c] - 1, None, &mut vlayer);
            links.push((d, c, 0.0, offset(p.relation, c), p.relation));
            pin_list.push((d, right));
            port_chains.push((p.relation, Vec::new()));
            continue;
        }
        let side = if p.leading { side_in.get(&(p.relation, p.child)).copied() } else { None };
        let span: Vec<usize> = if p.leading {
            (0..layer[c] + usize::from(side.is_some())).rev().collect()
        } else {
            (layer[c] + 1..layers_n).collect()
        };
        let (mut prev, mut off) = (c, offset(p.relation, c));
        let mut chain = Vec::new();
        for (k, &l) in span.iter().enumerate() {
            let d = dummy(l, if k + 1 == span.len() { p.hint } else { None }, &mut vlayer);
            if k + 1 == span.len() && !p.near {
                far_list.push(d);
            }
            match side.filter(|_| k == 0) {
                Some((right, at)) => beside_list.push((d, c, right, at)),
                None => links.push(if p.leading {
                    (d, prev, 0.0, off, p.relation)
                } else {
                    (prev, d, off, 0.0, p.relation)
                }),
            }
            chain.push(d);
            (prev, off) = (d, 0.0);
        }
        port_chains.push((p.relation, chain));
    }
    let vn = vlayer.len();
    let mut far_end = vec![false; vn];
    for d in far_list {
        far_end[d] = true;
    }
    let mut pin: Vec<Option<bool>> = vec![None; vn];
    for &(d, right) in &pin_list {
        pin[d] = Some(right);
    }
    let mut beside: Vec<Option<(usize, bool, f64)>> = vec![None; vn];
    let mut hosts = vec![false; vn];
    for &(d, c, right, at) in &beside_list {
        beside[d] = Some((c, right, at));
        hosts[c] = true;
    }
    // Whether a node's place in its layer is bound: pinned to an end, beside a child, or with lanes beside.
    let bound = |v: usize| pin[v].is_some() || beside[v].is_some() || hosts[v];
    // Puts a layer's pinned lanes at its ends and lanes beside a child next to it (in their order).
    let (pin, beside, hosts) = (&pin, &beside, &hosts);
    let settle = |row: &mut Vec<usize>| {
        if !row.iter().any(|&v| pin[v].is_some() || beside[v].is_some()) {
            return;
        }
        let mut out = Vec::with_capacity(row.len());
        out.extend(row.iter().copied().filter(|&v| pin[v] == Some(false)));
        for &v in row.iter() {
            if pin[v].is_some() || beside[v].is_some() {
                continue;
            }
            if hosts[v] {
                let on = |right: bool| move |&&d: &&usize| beside[d].is_some_and(|b| b.0 == v && b.1 == right);
                out.extend(row.iter().filter(on(false)));
                out.push(v);
                out.extend(row.iter().filter(on(true)));
            } else {
                out.push(v);
            }
        }
        out.extend(row.iter().copied().filter(|&v| pin[v] == Some(true)));
        *row = out;
    };
    // Neighbours above and below, with (offset at the neighbour, offset at this node).
    let adjacency = |links: &[(usize, usize, f64, f64, usize)]| {
        let up = Adj::new(vn, links.iter().map(|&(a, b, oa, ob, _)| (b, (a, oa, ob))));
        let down = Adj::new(vn, links.iter().map(|&(a, b, oa, ob, _)| (a, (b, ob, oa))));
        (up, down)
    };
    let (up, down) = adjacency(&links);
    // An offset as a fraction of the node's extent across the flow, within (-0.5, 0.5).
    let part = |v: usize, off: f64| if vdims[v].1 > 0.0 { (off / vdims[v].1).clamp(-0.49, 0.49) } else { 0.0 };

    // 4. Ordering by barycenter sweeps; keep the best.
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); layers_n];
    for v in 0..vn {
        rows[vlayer[v]].push(v);
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
    rows.iter_mut().for_each(settle);
    let mut pos = vec![0usize; vn];
    let reindex = |rows: &Vec<Vec<usize>>, pos: &mut Vec<usize>| {
        for r in rows {
            for (k, &v) in r.iter().enumerate() {
                pos[v] = k;
            }
        }
    };
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
    // A first pass (without hints) only sketches where things go: fewer sweeps are enough there.
    let sketch = !hint.iter().chain(was).any(Option::is_some);
    let (sweeps, coord_sweeps) = if sketch { (SKETCH_SWEEPS, SKETCH_SWEEPS) } else { (SWEEPS, COORD_SWEEPS) };
    // Boxes keep a gap; a lane keeps a margin and a track from a box, and lanes lie a track apart.
    let sep = |a: usize, b: usize| match (a < n, b < n) {
        (true, true) => (vdims[a].1 + vdims[b].1) / 2.0 + GAP,
        (true, false) | (false, true) => (vdims[a].1 + vdims[b].1) / 2.0 + MARGIN + TRACK / 2.0,
        (false, false) => TRACK,
    };
    // Where each node lies along its layer packed tight, as a fraction of the layer's length: sweeps
    // compare layers by these, so a wide container weighs its width and a lane its track.
    let mut geo = vec![0.0f64; vn];
    let mut glen = vec![0.0f64; layers_n];
    let pack_row = |r: &[usize], geo: &mut [f64]| -> f64 {
        let mut c = r.first().map_or(0.0, |&v| vdims[v].1 / 2.0);
        for (k, &v) in r.iter().enumerate() {
            if k > 0 {
                c += sep(r[k - 1], v);
            }
            geo[v] = c;
        }
        r.last().map_or(0.0, |&v| c + vdims[v].1 / 2.0)
    };
    for (l, r) in rows.iter().enumerate() {
        glen[l] = pack_row(r, &mut geo);
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
            // Positions as fractions of their layer's length, so that layers of different sizes compare;
            // a link meets a container at its entry for that relation.
            let len = rows[l].len() as f64;
            let frac = |u: usize, off: f64| {
                let half = vdims[u].1 / 2.0;
                (geo[u] + off.clamp(-half, half)) / glen[vlayer[u]].max(1.0)
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
            settle(&mut rows[l]);
            // Settling can give back the order the layer had.
            if rows[l] == prev {
                continue;
            }
            changed = true;
            for (k, &v) in rows[l].iter().enumerate() {
                pos[v] = k;
            }
            glen[l] = pack_row(&rows[l], &mut geo);
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
    // A packed grid keeps its items in input order; only lanes move between them.
    if packed {
        for r in rows.iter_mut() {
            let mut real: Vec<usize> = r.iter().copied().filter(|&v| v < n).collect();
            real.sort_unstable();
            let mut next = real.into_iter();
            for v in r.iter_mut().filter(|v| **v < n) {
                *v = next.next().unwrap_or(*v);
            }
            settle(r);
        }
    }
    reindex(&rows, &mut pos);

    // Ports: the edges that end at an item (rather than pass into it) leave or enter each side at their
    // own places, spread along the side in the order of where they go, so they need not cross.
    let mut ported: Vec<(usize, usize, f64)> = Vec::new();
    let mut groups: Vec<(usize, bool, Vec<usize>)> = Vec::new();
    for v in 0..n {
        for below in [true, false] {
            let mut at: Vec<(f64, usize)> = links
                .iter()
                .enumerate()
                .filter(|(_, l)| if below { l.0 == v } else { l.1 == v })
                .filter(|(_, l)| !entry.contains_key(&(l.4, items[v])))
                .map(|(i, l)| {
                    let (u, ou) = if below { (l.1, l.3) } else { (l.0, l.2) };
                    (pos[u] as f64 + part(u, ou), i)
                })
                .collect();
            if at.is_empty() {
                continue;
            }
            at.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            groups.push((v, below, at.iter().map(|t| t.1).collect()));
            if at.len() < 2 {
                continue;
            }
            let k = at.len() as f64;
            let step = (2.0 * PORT_SPACING).min((vdims[v].1 - 4.0 * PORT_SPACING).max(0.0) / (k - 1.0));
            for (j, &(_, i)) in at.iter().enumerate() {
                let off = ((j as f64 - (k - 1.0) / 2.0) * step).round();
                if below {
                    links[i].2 = off;
                } else {
                    links[i].3 = off;
                }
                ported.push((links[i].4, items[v], off));
            }
        }
    }
    let (up, down) = adjacency(&links);
    // Each item's links, on both sides, that meet it and their other end at fixed entries (into child
    // containers): only the items' places can make these straight, so an item aligns with them first.
    // Ports on a box slide towards their links and lanes straighten later, so those pull only when an
    // item has no such link.
    let rigid = Adj::new(
        vn,
        links
            .iter()
            .filter(|l| l.0 < n && l.1 < n && [l.0, l.1].iter().all(|&k| entry.contains_key(&(l.4, items[k]))))
            .flat_map(|&(a, b, oa, ob, _)| [(b, (a, oa, ob)), (a, (b, ob, oa))]),
    );
    let ports_at: BTreeMap<(usize, usize), f64> = ported.iter().map(|&(r, i, o)| ((r, i), o)).collect();
    let meets = |r: usize, k: usize| ports_at.get(&(r, items[k])).copied().unwrap_or_else(|| offset(r, k));

    // 5. Cross-axis coordinates: pack, then pull towards neighbours' centres (at their entries).
    // An outside end pulls its lane towards it, but never beyond the packed content.
    // Layers packed from the start of the content: each item's least centre, and each layer's length.
    let packing = |rows: &Vec<Vec<usize>>| -> (Vec<f64>, Vec<f64>) {
        let mut center = vec![0.0f64; vn];
        let mut len = Vec::with_capacity(rows.len());
        for r in rows {
            let mut c = r.first().map_or(0.0, |&v| vdims[v].1 / 2.0);
            for (k, &v) in r.iter().enumerate() {
                if k > 0 {
                    c += sep(r[k - 1], v);
                }
                center[v] = c;
            }
            len.push(r.last().map_or(0.0, |&v| c + vdims[v].1 / 2.0));
        }
        (center, len)
    };
    // The content is as wide across the flow as its longest layer and a little more (SLACK): every layer
    // slides within that width, so big items in layers of their own cannot drift into a staircase that
    // widens the drawing.
    let room = packing(&rows).1.iter().fold(0.0, |a: f64, &b| a.max(b)) + SLACK;
    let coordinates = |rows: &Vec<Vec<usize>>| -> Vec<f64> {
        let (least, len) = packing(rows);
        let mut center = least.clone();
        let extent = (0..vn).map(|v| center[v] + vdims[v].1 / 2.0).fold(0.0, f64::max);
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
                    if packed && v < n {
                        want.push(least[v]);
                        continue;
                    }
                    if let Some(right) = pin[v] {
                        want.push(if right { least[v] + free } else { least[v] });
                        continue;
                    }
                    // The median of where the neighbours (and an outside end) pull: in line with one of
                    // them, so that its edge runs straight (Brandes and Köpf align to medians too). Links
                    // between fixed entries come first, from both sides (one side per sweep would let
                    // the last sweep undo what the one before it lined up). A lane weighs its neighbours
                    // on both sides in every sweep.
                    let nb = if downward { &up[v] } else { &down[v] };
                    at.clear();
                    at.extend(rigid[v].iter().map(|&(u, ou, ov)| center[u] + ou - ov));
                    if at.is_empty() {
                        at.extend(nb.iter().map(|&(u, ou, ov)| center[u] + ou - ov));
                        let other = if downward { &down[v] } else { &up[v] };
                        if v >= n {
                            at.extend(other.iter().map(|&(u, ou, ov)| center[u] + ou - ov));
                        }
                        // An outside end beyond the content tells only which way the edge leaves, not
                        // where, and so does one whose edge turns again beyond the parent: the outermost
                        // lane of a port follows its child in the sweeps that come from the child's side,
                        // and such an end only in those that come from the outside.
                        let within = |h: &f64| (0.0..=extent).contains(h) && !far_end[v];
                        if let Some(h) = vhint[v].filter(|h| at.is_empty() || !other.is_empty() || within(h)) {
                            at.push(h.clamp(0.0, extent));
                        }
                    }
                    if at.is_empty() {
                        want.push(center[v]);
                        continue;
                    }
                    at.sort_unstable_by(f64::total_cmp);
                    // Even counts take the lower median in the first two sweeps of every four (one down,
                    // one up) and the upper one in the other two. (Lower going down and upper going up, the
                    // nearer of the two, or their mean, each gave more bends on the comparison files.)
                    want.push(at[if it % 4 < 2 { (at.len() - 1) / 2 } else { at.len() / 2 }]);
                }
                weights.clear();
                weights.extend(r.iter().map(|&v| if v < n { 1.0 } else { 0.5 }));
                seps.clear();
                seps.extend((1..r.len()).map(|k| sep(r[k - 1], r[k])));
                let placed = iso.solve(&want, &weights, &seps);
                // Clamping every offset to one range keeps the least-squares optimum within the room.
                for (k, &v) in r.iter().enumerate() {
                    center[v] = placed[k].clamp(least[v], least[v] + free);
                }
            }
        }
        center
    };
    let mut center = coordinates(&rows);
    // Transpose: neighbours in a layer swap when that removes crossings, or, at equal crossings, when
    // each would then lie nearer where its edges pull it (ties of the sweeps otherwise send lanes the
    // long way round). Coordinates follow each round of (up to SWAP_PASSES passes of) swaps.
    let extent = (0..vn).map(|v| center[v] + vdims[v].1 / 2.0).fold(0.0, f64::max);
    let transposes = if sketch { 1 } else { TRANSPOSES };
    for _ in 0..transposes {
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
            if let Some(h) = vhint[v].filter(|&h| c == 0.0 || (!far_end[v] && (0.0..=extent).contains(&h))) {
                s += h.clamp(0.0, extent);
                c += 1.0;
            }
            if c == 0.0 { center[v] } else { s / c }
        };
        let at = |u: usize, off: f64, pos: &[usize]| pos[u] as f64 + part(u, off);
        // Crossings among the edges of a and b, above and below, with a placed before b and after it.
        let (mut xs, mut ys) = (Vec::new(), Vec::new());
        let mut between = |a: usize, b: usize, pos: &[usize]| -> (usize, usize) {
            let (mut before, mut after) = (0, 0);
            for adj in [&up, &down] {
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
                    if packed && a < n && b < n || bound(a) || bound(b) {
                        continue;
                    }
                    let (keep, swap) = between(a, b, &pos);
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
        center = coordinates(&rows);
    }
    let rows = rows;
    let extent = (0..vn).map(|v| center[v] + vdims[v].1 / 2.0).fold(0.0, f64::max);

    // Straighten lanes: move each chain of dummies onto as few lines as its neighbours in each layer
    // allow, so long edges run without jogs. A run of dummies whose free ranges overlap takes one line:
    // the first run in line with the end it starts from (or as near as it can), a later run as near the
    // line before it; where the whole chain fits, an end's entry or the chain's median if either fits.
    let (least, len) = packing(&rows);
    // (chain, the entry of the end next to its first dummy, preferred lines: the far end's first).
    let mut straight: Vec<(&Vec<usize>, f64, Vec<f64>)> = Vec::new();
    for ((r, chain, against), &(ga, gb, _)) in pair_chains.iter().zip(edges) {
        let (a, b) = (local[&ga], local[&gb]);
        let (x, y) = (center[a] + meets(*r, a), center[b] + meets(*r, b));
        straight.push(if *against { (chain, y, vec![x]) } else { (chain, x, vec![y]) });
    }
    for ((r, chain), p) in port_chains.iter().zip(ports) {
        let c = local[&p.child];
        let outside = p.hint.map(|h| h.clamp(0.0, extent));
        straight.push((chain, center[c] + meets(*r, c), outside.into_iter().collect()));
    }
    // Where each dummy may lie: within its layer's room, clear of its neighbours.
    let range = |d: usize, center: &[f64]| {
        let r = &rows[vlayer[d]];
        let i = pos[d];
        let free = (room - len[vlayer[d]]).max(0.0);
        let lo = if i == 0 { least[d] } else { least[d].max(center[r[i - 1]] + sep(r[i - 1], d)) };
        let hi =
            if i + 1 == r.len() { least[d] + free } else { (least[d] + free).min(center[r[i + 1]] - sep(d, r[i + 1])) };
        (lo, hi)
    };
    // Boxes snap into line with their links where their neighbours leave room. The sweeps above place an
    // item at a compromise of its neighbours' pulls, which can leave every one of its links with a jog:
    // a box moves, keeping its order, to where the most of its links can run straight, when that is more
    // than where it is. A link can run straight when its two ends lie no further apart than the ports at
    // its two ends can slide (they do, after the lanes), so a box that its ports already line up stays.
    // Each move adds straight links, so the rounds end. Boxes snap before lanes straighten (so lanes line
    // up with them) and again after (so boxes line up with the lanes). Only in the second pass: in the
    // first, the moves changed the hints the second orders by, and the largest preset drew twice the
    // crossings. Over the whole corpus this took bends from 1.02 of ELK's to 0.95 (1.15 to 0.96 on the
    // Ptolemy files; 0.98 when boxes snapped after the lanes only), crossings the same.
    let mut snap = (!packed && !sketch).then(|| {
        let (rows, links, range, bound) = (&rows, &links, &range, &bound);
        // How far a box's ports may slide from its centre (as below), and whether a link meets an item at a
        // fixed entry (where its port does not slide).
        let slide = |k: usize| if k < n { (vdims[k].1 / 2.0 - 2.0 * PORT_SPACING).max(0.0) } else { 0.0 };
        let fixed_at = |r: usize, k: usize| k >= n || entry.contains_key(&(r, items[k]));
        // The links of each item.
        let mut of = vec![Vec::new(); n];
        for (i, l) in links.iter().enumerate() {
            for k in [l.0, l.1].into_iter().filter(|&k| k < n) {
                of[k].push(i);
            }
        }
        // Child containers stay: their links meet them at fixed entries, and moving one for some of them
        // takes the rest the long way round.
        let entered: Vec<bool> = (0..n).map(|k| of[k].iter().any(|&i| fixed_at(links[i].4, k))).collect();
        // Each link of the item: where its other end is (at its entry, if fixed) and how far apart the two
        // may be and the link still run straight once the ports slide (reused from item to item).
        let mut wants: Vec<(f64, f64)> = Vec::new();
        move |center: &mut Vec<f64>| {
            for _ in 0..SNAP_ROUNDS {
                let mut moved = false;
                for r in rows {
                    for &v in r.iter().filter(|&&v| v < n && !bound(v) && !entered[v]) {
                        wants.clear();
                        for l in of[v].iter().map(|&i| links[i]) {
                            let (u, ou) = if l.0 == v { (l.1, l.3) } else { (l.0, l.2) };
                            let (at, reach) =
                                if fixed_at(l.4, u) { (center[u] + ou, 0.0) } else { (center[u], slide(u)) };
                            wants.push((at, reach + slide(v)));
                        }
                        // How many links can run straight with the item's centre at c.
                        let straight_at = |c: f64| wants.iter().filter(|&&(w, d)| (w - c).abs() <= d + 0.5).count();
                        let (lo, hi) = range(v, center);
                        let now = straight_at(center[v]);
                        let mut best = (now, center[v]);
                        let candidates = wants.iter().flat_map(|&(w, d)| [w - d, w, w + d]);
                        for c in candidates.filter(|&c| lo - 1e-9 <= c && c <= hi + 1e-9) {
                            let k = straight_at(c);
                            if k > best.0 || (k == best.0 && (c - center[v]).abs() < (best.1 - center[v]).abs()) {
                                best = (k, c);
                            }
                        }
                        if best.0 > now {
                            center[v] = best.1;
                            moved = true;
                        }
                    }
                }
                if !moved {
                    break;
                }
            }
        }
    });
    if let Some(snap) = snap.as_mut() {
        snap(&mut center);
    }

    let (mut ranges, mut current, mut scratch) = (Vec::new(), Vec::new(), Vec::new());
    // The order chains straighten in. Each chain's lines as if the other lanes gave way (its ranges bounded
    // only by the boxes around it, the lanes between packed) tell which way it would go. Chains going
    // left straighten first from the left, those going right first from the right, so that a packed
    // bundle moves in one round, each lane making room for the next.
    let toward: Vec<f64> = {
        let fixed = |v: usize| v < n || pin[v].is_some();
        // For each lane, the range it has between the fixed items around it (as packed as they are).
        let mut loose = vec![(0.0f64, 0.0f64); vn];
        for (l, r) in rows.iter().enumerate() {
            let free = (room - len[l]).max(0.0);
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
        straight
            .iter()
            .map(|(chain, start, prefer)| {
                ranges.clear();
                ranges.extend(chain.iter().map(|&d| loose[d]));
                current.clear();
                current.extend(chain.iter().map(|&d| center[d]));
                lines(&ranges, &mut current, *start, prefer, &mut scratch);
                current.iter().sum::<f64>() / chain.len().max(1) as f64
            })
            .collect()
    };
    // A lane that moves makes room for its neighbours' chains: rounds until nothing moves.
    // Chains going left (or staying), by where they lie now from the left; then those going right, from
    // the right: (key, chain, unused), sorted as the ordering sweeps sort.
    let (mut left, mut right) = (Vec::<(f64, usize, usize)>::new(), Vec::<(f64, usize, usize)>::new());
    for _ in 0..STRAIGHTEN_ROUNDS {
        let mut moved = false;
        left.clear();
        right.clear();
        for (i, (chain, _, _)) in straight.iter().enumerate().filter(|(_, s)| !s.0.is_empty()) {
            let now = chain.iter().map(|&d| center[d]).sum::<f64>() / chain.len() as f64;
            if toward[i] > now {
                right.push((-now, i, 0));
            } else {
                left.push((now, i, 0));
            }
        }
        left.sort_by(by_key);
        right.sort_by(by_key);
        for &(_, i, _) in left.iter().chain(&right) {
            let (chain, start, prefer) = &straight[i];
            ranges.clear();
            ranges.extend(chain.iter().map(|&d| range(d, &center)));
            current.clear();
            current.extend(chain.iter().map(|&d| center[d]));
            lines(&ranges, &mut current, *start, prefer, &mut scratch);
            for (&d, &c) in chain.iter().zip(&current) {
                moved |= (center[d] - c).abs() > 1e-9;
                center[d] = c;
            }
        }
        if !moved {
            break;
        }
    }

    if let Some(snap) = snap.as_mut() {
        snap(&mut center);
    }

    // Ports slide, in order, towards what they link to, so that edges run straight where they can.
    let mut slid: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    // Entering sides first, then leaving sides towards them: a link between two ports then ends aligned.
    for (v, below, group) in groups.iter().filter(|g| !g.1).chain(groups.iter().filter(|g| g.1)) {
        let lim = (vdims[*v].1 / 2.0 - 2.0 * PORT_SPACING).max(0.0);
        let k = group.len();
        let sep = if k > 1 { (2.0 * PORT_SPACING).min(2.0 * lim / (k - 1) as f64) } else { 0.0 };
        let want: Vec<f64> = group
            .iter()
            .map(|&i| {
                let l = links[i];
                let (u, ou) = if *below { (l.1, l.3) } else { (l.0, l.2) };
                center[u] + ou - center[*v]
            })
            .collect();
        let mut off = isotonic(&want, &vec![1.0; k], &vec![sep; k.saturating_sub(1)]);
        let shift = (-lim - off[0]).max(0.0) + (lim - off[k - 1]).min(0.0);
        off.iter_mut().for_each(|o| *o = (*o + shift).round());
        if off[0] < -lim - 0.5 || off[k - 1] > lim + 0.5 {
            continue;
        }
        for (&i, &o) in group.iter().zip(&off) {
            if *below {
                links[i].2 = o;
            } else {
                links[i].3 = o;
            }
            slid.insert((links[i].4, items[*v]), o);
        }
    }
    for p in ported.iter_mut() {
        if let Some(&o) = slid.get(&(p.0, p.1)) {
            p.2 = o;
        }
    }
    ported.extend(slid.iter().filter(|(k, _)| !ports_at.contains_key(k)).map(|(&(r, i), &o)| (r, i, o)));

    // 6. Main-axis coordinates: layer thickness plus a channel sized for the edges crossing it.
    let mut thick = vec![0.0f64; layers_n];
    for v in 0..n {
        thick[layer[v]] = thick[layer[v]].max(vdims[v].0);
    }
    // A channel needs as many tracks as nudging will spread its jogs over (see [`tracks`]), not one per
    // link: straight links need none, and jogs far apart share a track.
    let mut jogs: Vec<Vec<(f64, f64, bool)>> = vec![Vec::new(); layers_n];
    for &(a, b, oa, ob, _) in &links {
        let (x, y) = (center[a] + oa, center[b] + ob);
        if (x - y).abs() >= 1.0 {
            jogs[vlayer[a]].push((x.min(y), x.max(y), x < y));
        }
    }
    let channel: Vec<usize> = jogs.iter().map(|j| tracks(j)).collect();
    let mut start = vec![0.0f64; layers_n];
    for l in 1..layers_n {
        let gap = LAYER_GAP.max(2.0 * MARGIN + TRACK * channel[l - 1] as f64);
        start[l] = start[l - 1] + thick[l - 1] + gap;
    }
    let min_cross = (0..vn).map(|v| center[v] - vdims[v].1 / 2.0).fold(f64::INFINITY, f64::min);
    let mut out = Vec::with_capacity(n);
    let (mut w, mut h) = (0.0f64, 0.0f64);
    for v in 0..n {
        let main = start[layer[v]] + (thick[layer[v]] - vdims[v].0) / 2.0;
        let cross = center[v] - vdims[v].1 / 2.0 - min_cross;
        let (x, y) = if lr { (main.round(), cross.round()) } else { (cross.round(), main.round()) };
        let (sw, sh) = size[items[v]];
        w = w.max(x + sw);
        h = h.max(y + sh);
        out.push((x, y));
    }
    // Middles of the channels around each layer (a margin into the padding at the first and last).
    let last = layers_n - 1;
    let band = |l: usize| {
        let before = if l == 0 { -MARGIN } else { ((start[l - 1] + thick[l - 1] + start[l]) / 2.0).round() };
        let after =
            if l == last { start[l] + thick[l] + MARGIN } else { ((start[l] + thick[l] + start[l + 1]) / 2.0).round() };
        (before, after)
    };
    let bands = (0..n).map(|v| band(layer[v])).collect();
    // A lane runs across its layer at its dummy's centre; the content holds the lanes' tracks too.
    // A lane beside a child entered from its side stops where it turns in, in the child's channel.
    let lane = |d: &usize| {
        let c = (center[*d] - min_cross).round();
        let (before, mut after) = band(vlayer[*d]);
        let (m0, mut m1) = (start[vlayer[*d]], start[vlayer[*d]] + thick[vlayer[*d]]);
        if let Some((k, _, at)) = beside[*d] {
            m1 = start[layer[k]] + (thick[layer[k]] - vdims[k].0) / 2.0 + at;
            after = m1;
        }
        let rect = if lr { Rect { x: m0, y: c, w: m1 - m0, h: 0.0 } } else { Rect { x: c, y: m0, w: 0.0, h: m1 - m0 } };
        Stop { rect, before, after, border: false, port: 0.0, hop: (before, after), side: beside[*d].is_some() }
    };
    for v in n..vn {
        let far = (center[v] + vdims[v].1 / 2.0 - min_cross).ceil();
        if lr {
            h = h.max(far);
        } else {
            w = w.max(far);
        }
    }
    let pair_lanes = pair_chains
        .iter()
        .map(|(r, c, against)| {
            let mut l: Vec<Stop> = c.iter().map(lane).collect();
            if *against {
                l.reverse();
            }
            (*r, l)
        })
        .collect();
    let port_lanes: BTreeMap<usize, Vec<Stop>> =
        port_chains.iter().map(|(r, c)| (*r, c.iter().map(lane).collect())).collect();
    // Where each port's relation meets this container's side: its outermost lane, else the child's entry.
    let mut entries = entries_at(&out);
    for (e, (_, c)) in entries.iter_mut().zip(&port_chains) {
        if let Some(&d) = c.last() {
            e.1 = (center[d] - min_cross).round();
        }
    }
    let sides = ports
        .iter()
        .zip(&side_port)
        .map(|(p, side)| side.map(|right| (right, band(layer[local[&p.child]]).0)))
        .collect();
    Arranged { pos: out, w, h, pair_lanes, port_lanes, entries, bands, ported, sides }
}

/// Of all pairs (x, y) of one list and the other, how many have x > y and how many y > x: the crossings
/// between two neighbours' edges in either order. O(|xs| · |ys|) for short lists, else O(n log n); sorts
/// both lists.
fn inversions(xs: &mut [f64], ys: &mut [f64]) -> (usize, usize) {
    if xs.len() * ys.len() <= 32 {
        let mut n = (0, 0);
        for &x in xs.iter() {
            for &y in ys.iter() {
                n.0 += usize::from(x > y);
                n.1 += usize::from(y > x);
            }
        }
        return n;
    }
    xs.sort_unstable_by(f64::total_cmp);
    ys.sort_unstable_by(f64::total_cmp);
    let count = |p: &[f64], q: &[f64]| {
        let (mut j, mut n) = (0, 0);
        for &x in p {
            while j < q.len() && q[j] < x {
                j += 1;
            }
            n += j;
        }
        n
    };
    (count(xs, ys), count(ys, xs))
}

/// Order of (key, index, payload) triples: by key, then index. One function for every such sort, so
/// that the module holds one copy of the sort.
fn by_key(a: &(f64, usize, usize), b: &(f64, usize, usize)) -> std::cmp::Ordering {
    a.0.total_cmp(&b.0).then(a.1.cmp(&b.1))
}

/// How many tracks the jogs of one channel take once nudged: each jog (low end, high end, whether its low
/// end is the one it comes from) in the order that lets them turn away without crossing takes the first
/// track past those of the jogs before it that it overlaps or nearly meets, as [`super::nudge`] assigns
/// them (both by `nudge::assign_tracks`). (Counting only the jogs that overlap at one place, the
/// density, undersized channels under wide boxes: nudging then squeezed their jogs a pixel or two
/// apart.) O(j²) for j jogs.
fn tracks(jogs: &[(f64, f64, bool)]) -> usize {
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

/// Lines for a chain of lanes, one per layer, given where each may lie (`ranges`) and where it lies now:
/// the fewest runs of equal lines, taken greedily from the chain's start. The first run lies as near
/// `start` (the entry of the end it leaves from) as it can, each later one as near the run before it
/// (the last one in line with the far end, `prefer`'s first line, where it can); a chain that fits on one
/// line takes the first of `start`, `prefer` and its median line that fits.
/// A lane with no room of its own (already squeezed) stays where it is. Writes the lines over `current`;
/// `scratch` is a buffer for the median.
fn lines(ranges: &[(f64, f64)], current: &mut [f64], start: f64, prefer: &[f64], scratch: &mut Vec<f64>) {
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

/// Packs edge-less items in a grid of about √n columns, in input order.
fn grid(items: &[usize], size: &[(f64, f64)], n: usize) -> (Vec<(f64, f64)>, f64, f64) {
    let cols = (n as f64).sqrt().ceil() as usize;
    let cw = items.iter().map(|&i| size[i].0).fold(0.0, f64::max);
    let ch = items.iter().map(|&i| size[i].1).fold(0.0, f64::max);
    let rows = n.div_ceil(cols);
    let out = (0..n).map(|k| ((k % cols) as f64 * (cw + GAP), (k / cols) as f64 * (ch + GAP))).collect();
    (out, cols as f64 * (cw + GAP) - GAP, rows as f64 * (ch + GAP) - GAP)
}

/// Links at each node (above or below it) as (the node at the other end, offset there, offset here), all
/// in one buffer, in the order the links were given.
struct Adj {
    start: Vec<usize>,
    items: Vec<(usize, f64, f64)>,
}

impl Adj {
    fn new(n: usize, links: impl Iterator<Item = (usize, (usize, f64, f64))> + Clone) -> Adj {
        let mut start = vec![0usize; n + 1];
        for (v, _) in links.clone() {
            start[v + 1] += 1;
        }
        for v in 0..n {
            start[v + 1] += start[v];
        }
        let mut next = start.clone();
        let mut items = vec![(0, 0.0, 0.0); start[n]];
        for (v, item) in links {
            items[next[v]] = item;
            next[v] += 1;
        }
        Adj { start, items }
    }
}

impl std::ops::Index<usize> for Adj {
    type Output = [(usize, f64, f64)];
    fn index(&self, v: usize) -> &Self::Output {
        &self.items[self.start[v]..self.start[v + 1]]
    }
}

/// Counts crossings between consecutive layers (inversions counted with a Fenwick tree), keeping its
/// buffers for the next count. A link's end at a container sits at its entry along that container's
/// side (`part` of the node's extent).
#[derive(Default)]
struct Crossings {
    pairs: Vec<(f64, f64)>,
    lower: Vec<f64>,
    tree: Vec<usize>,
}

impl Crossings {
    fn count(&mut self, rows: &[Vec<usize>], down: &Adj, pos: &[usize], part: &impl Fn(usize, f64) -> f64) -> usize {
        let mut total = 0;
        let Crossings { pairs, lower, tree } = self;
        // The last layer has no links below, so every layer can be taken as the upper one.
        for row in rows {
            pairs.clear();
            for &v in row {
                for &(w, ow, ov) in &down[v] {
                    pairs.push((pos[v] as f64 + part(v, ov), pos[w] as f64 + part(w, ow)));
                }
            }
            // Rank the lower ends (equal places share a rank).
            lower.clear();
            lower.extend(pairs.iter().map(|p| p.1));
            lower.sort_unstable_by(f64::total_cmp);
            lower.dedup();
            pairs.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
            let m = lower.len();
            tree.clear();
            tree.resize(m + 1, 0);
            for (k, &(_, b)) in pairs.iter().enumerate() {
                let b = lower.partition_point(|&x| x < b);
                // Count earlier edges whose lower end is right of b.
                let mut i = b + 1;
                let mut le = 0;
                while i > 0 {
                    le += tree[i];
                    i -= i & i.wrapping_neg();
                }
                total += k - le;
                let mut i = b + 1;
                while i <= m {
                    tree[i] += 1;
                    i += i & i.wrapping_neg();
                }
            }
        }
        total
    }
}

/// Weighted least-squares placement of ordered items at `want`, keeping consecutive items at least `sep`
/// apart: isotonic regression by pool-adjacent-violators on the offsets. Linear time.
fn isotonic(want: &[f64], weight: &[f64], sep: &[f64]) -> Vec<f64> {
    Isotonic::default().solve(want, weight, sep).to_vec()
}

/// [`isotonic`] with its buffers kept for the next call.
#[derive(Default)]
struct Isotonic {
    offset: Vec<f64>,
    /// Blocks of (mean, total weight, count).
    blocks: Vec<(f64, f64, usize)>,
    out: Vec<f64>,
}

impl Isotonic {
    fn solve(&mut self, want: &[f64], weight: &[f64], sep: &[f64]) -> &[f64] {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn port(child: usize, relation: usize, hint: Option<f64>) -> Port {
        let (leading, other, at_source, step, outside, winding) = (true, 99, false, 0, true, true);
        Port { child, leading, hint, near: true, other, relation, at_source, step, outside, winding }
    }

    #[test]
    fn a_winding_edge_enters_from_the_side_in_the_channel_above_its_child() {
        // a over b inside the container; an edge from far left outside comes in to b.
        let size = [(100.0, 36.0), (100.0, 36.0)];
        let (hint, was) = ([None, None], [Some(50.0), Some(50.0)]);
        let ports = [port(1, 7, Some(-300.0))];
        let (entry, side_in) = (BTreeMap::new(), BTreeMap::new());
        let a = arrange(&[0, 1], &[(0, 1, 0)], &ports, &entry, &side_in, &size, Direction::Tb, &hint, &was);
        let (right, at) = a.sides[0].expect("a side entry");
        assert!(!right, "the edge comes from the left");
        // In the channel between a's bottom and b's top, and no lane drawn inside for it.
        assert!(at > a.pos[0].1 + 36.0 && at < a.pos[1].1, "turns in at {at}, between {:?}", a.pos);
        assert!(a.port_lanes[&7].is_empty());
        // Without the first pass's winding way in, the same edge comes through the top, down a lane.
        let ports = [Port { winding: false, ..port(1, 7, Some(-300.0)) }];
        let a = arrange(&[0, 1], &[(0, 1, 0)], &ports, &entry, &side_in, &size, Direction::Tb, &hint, &was);
        assert_eq!(a.sides[0], None);
        assert_eq!(a.port_lanes[&7].len(), 1);
    }

    #[test]
    fn a_lane_to_a_side_entry_ends_beside_its_child_where_the_edge_turns_in() {
        // s feeds x and c (a container entered on its left, 60 px below its top) in the next layer.
        let size = [(100.0, 36.0), (100.0, 36.0), (300.0, 200.0)];
        let (hint, was) = ([None; 3], [None; 3]);
        let entry = BTreeMap::new();
        let side_in = BTreeMap::from([((8, 2), (false, 60.0))]);
        let edges = [(0, 1, 7), (0, 2, 8)];
        let a = arrange(&[0, 1, 2], &edges, &[], &entry, &side_in, &size, Direction::Tb, &hint, &was);
        let lane = &a.pair_lanes[&8];
        assert_eq!(lane.len(), 1);
        let st = lane[0];
        assert!(st.side);
        let (cx, cy) = a.pos[2];
        assert_eq!(st.rect.bottom(), cy + 60.0);
        assert_eq!(st.hop.1, cy + 60.0);
        // Left of c, with nothing between.
        assert!(st.rect.x < cx);
        let (xx, xw) = (a.pos[1].0, size[1].0);
        assert!(xx + xw < st.rect.x || xx > cx, "x at {xx} lies between the lane at {} and c at {cx}", st.rect.x);
    }

    #[test]
    fn an_item_lines_up_with_a_link_between_fixed_entries_first() {
        // a and s above b. The edge a → b enters both containers at fixed places (40 px right of a's
        // centre, 40 px left of b's); s's edge ends on b's side, where its port can slide. Only b's place
        // can make the first straight.
        let size = [(200.0, 100.0), (100.0, 36.0), (200.0, 100.0)];
        let (hint, was) = ([None; 3], [None; 3]);
        let entry = BTreeMap::from([((7, 0), 40.0), ((7, 2), -40.0)]);
        for edges in [[(0, 2, 7), (1, 2, 8)], [(1, 2, 8), (0, 2, 7)]] {
            let a = arrange(&[0, 1, 2], &edges, &[], &entry, &BTreeMap::new(), &size, Direction::Tb, &hint, &was);
            let centre = |k: usize| a.pos[k].0 + size[k].0 / 2.0;
            assert_eq!(centre(0) + 40.0, centre(2) - 40.0, "{:?}", a.pos);
        }
    }

    #[test]
    fn isotonic_keeps_order_and_separation() {
        let p = isotonic(&[10.0, 0.0, 5.0], &[1.0, 1.0, 1.0], &[4.0, 4.0]);
        assert!(p[1] - p[0] >= 4.0 - 1e-9 && p[2] - p[1] >= 4.0 - 1e-9);
        // Unconstrained items stay where they want to be.
        assert_eq!(isotonic(&[0.0, 50.0], &[1.0, 1.0], &[10.0]), vec![0.0, 50.0]);
    }

    #[test]
    fn lanes_take_the_fewest_lines() {
        let lines = |ranges: &[(f64, f64)], current: &[f64], start: f64, prefer: &[f64]| {
            let mut out = current.to_vec();
            super::lines(ranges, &mut out, start, prefer, &mut Vec::new());
            out
        };
        let inf = (f64::NEG_INFINITY, f64::INFINITY);
        // Free everywhere: one line, in line with the end the chain leaves from.
        assert_eq!(lines(&[inf, inf, inf], &[3.0, 9.0, 4.0], 5.0, &[]), vec![5.0; 3]);
        // Overlapping ranges that exclude the start, the other end and the median: one line all the same,
        // as near the start as the ranges allow (a few candidate lines alone would leave three jogs).
        assert_eq!(lines(&[(0.0, 10.0), (6.0, 20.0), (2.0, 8.0)], &[1.0, 19.0, 3.0], 30.0, &[-5.0]), vec![8.0; 3]);
        // A preferred line inside the common range wins over a nearer point.
        assert_eq!(lines(&[(0.0, 10.0), (6.0, 20.0)], &[7.0, 7.0], 30.0, &[9.0]), vec![9.0; 2]);
        // Disjoint ranges: runs from the start, each as near the one before as it can.
        assert_eq!(lines(&[(0.0, 10.0), (5.0, 20.0), (30.0, 40.0)], &[0.0, 9.0, 35.0], 0.0, &[]), vec![5.0, 5.0, 30.0]);
        // The last run of a split chain lines up with the far end when its range holds it.
        assert_eq!(
            lines(&[(0.0, 10.0), (5.0, 20.0), (30.0, 40.0)], &[0.0, 9.0, 35.0], 0.0, &[38.0]),
            vec![5.0, 5.0, 38.0]
        );
        // A squeezed lane keeps its place, and the next run starts from it.
        assert_eq!(
            lines(&[(0.0, 10.0), (12.0, 11.0), (0.0, 50.0)], &[4.0, 11.5, 7.0], 4.0, &[]),
            vec![4.0, 11.5, 11.5]
        );
    }

    #[test]
    fn inversions_by_merge_agree_with_every_pair_ties_included() {
        // Lists long enough for the sorted merge, with many equal places (ties cross neither way).
        let xs: Vec<f64> = (0..9).map(|i| f64::from(i * 7 % 5)).collect();
        let ys: Vec<f64> = (0..8).map(|i| f64::from(i * 3 % 4) + if i % 3 == 0 { 0.5 } else { 0.0 }).collect();
        let pairs = |a: &[f64], b: &[f64]| a.iter().map(|x| b.iter().filter(|y| x > *y).count()).sum::<usize>();
        let expected = (pairs(&xs, &ys), pairs(&ys, &xs));
        assert!(xs.len() * ys.len() > 32);
        assert_eq!(inversions(&mut xs.clone(), &mut ys.clone()), expected);
        assert_eq!(
            inversions(&mut xs[..4].to_vec(), &mut ys[..4].to_vec()),
            (pairs(&xs[..4], &ys[..4]), pairs(&ys[..4], &xs[..4]))
        );
    }

    #[test]
    fn crossings_counts_inversions() {
        let rows = vec![vec![0, 1], vec![2, 3]];
        let down = Adj::new(4, [(0, (3, 0.0, 0.0)), (1, (2, 0.0, 0.0))].into_iter());
        let pos = vec![0, 1, 0, 1];
        assert_eq!(Crossings::default().count(&rows, &down, &pos, &|_, _| 0.0), 1);
        // Two links into one container at different places along its side cross when they swap.
        let rows = vec![vec![0, 1], vec![2]];
        let down = Adj::new(3, [(0, (2, 0.3, 0.0)), (1, (2, -0.3, 0.0))].into_iter());
        assert_eq!(Crossings::default().count(&rows, &down, &[0, 1, 0], &|_, o| o), 1);
    }
}
