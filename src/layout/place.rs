//! Placement: a recursive, inside-out layered layout. Each container lays out its direct children (leaves
//! and already-sized sub-containers) as one layered graph of the edges lifted to that level, then takes
//! the size of its content plus padding; absolute positions follow top-down.
//!
//! Per container with `n` children and `e` lifted edges: greedy cycle breaking (Eades, Lin, Smyth 1993,
//! petgraph's `greedy_feedback_arc_set`), longest-path layering, dummy nodes on long edges, barycenter
//! layer sweeps keeping the order with the fewest crossings, and coordinates by repeated isotonic
//! regression towards neighbours' centres (pool-adjacent-violators, so each sweep is linear). A container
//! without inner edges packs its children in a grid. Cost: O((n + d) · e · sweeps) for `d` dummies.
//!
//! Guarantees: siblings never overlap (at least [`GAP`] apart along a layer, [`LAYER_GAP`] across layers);
//! every child lies inside its parent at least [`PAD`] from each side and below the label band.

use super::text;
use crate::model::Model;
use crate::scene::Rect;
use crate::spec::Direction;
use petgraph::algo::feedback_arc_set::greedy_feedback_arc_set;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

/// Clearance the router keeps from every box it must avoid.
pub const MARGIN: f64 = 10.0;
/// Padding between a container's border and its children (room for a routing lane on each side).
pub const PAD: f64 = 2.0 * MARGIN;
/// Height of a container's label row, above its padding.
pub const LABEL_BAND: f64 = 24.0;
/// Minimum gap between neighbours in a layer.
pub const GAP: f64 = 30.0;
/// Minimum gap between layers.
pub const LAYER_GAP: f64 = 50.0;
/// Room per edge in a channel between layers.
pub const TRACK: f64 = 8.0;
pub const LEAF_H: f64 = 36.0;
/// Room a glyph takes before a label.
pub const ICON_ROOM: f64 = 20.0;
/// Room per port along a leaf's side, so that many edges at one box never share a port.
pub const PORT_SPACING: f64 = 6.0;
pub const LEAF_MIN_W: f64 = 72.0;
pub const LEAF_PAD_X: f64 = 14.0;
pub const LEAF_FONT: f64 = 13.0;
pub const GROUP_FONT: f64 = 12.0;

/// Absolute rectangles of every element, indexed like `model.elements`.
///
/// With `prior` (the rectangles of a first pass), each container also orders and places its children
/// towards where their edges leave it: the other ends' positions in the first pass. That carries
/// information across levels of nesting, which a purely inside-out layout lacks.
pub fn place(model: &Model, kids: &[Vec<usize>], roots: &[usize], prior: Option<&[Rect]>) -> Vec<Rect> {
    let n = model.elements.len();
    let parent: Vec<Option<usize>> = model.elements.iter().map(|e| e.parent).collect();
    let depth = depths(&parent);
    let lr = model.direction == Direction::Lr;
    let cross = |r: &Rect| if lr { r.cy() } else { r.cx() };

    // Where each element's edges that leave its parent go (first-pass cross coordinates).
    let mut ext = vec![(0.0f64, 0usize); n];
    if let Some(r1) = prior {
        for r in &model.relations {
            if r.from == r.to {
                continue;
            }
            for (a, b) in [(r.from, r.to), (r.to, r.from)] {
                let mut x = a;
                // The edge leaves parent(x) when b is not inside parent(x).
                while let Some(p) = parent[x] {
                    let mut inside = false;
                    let mut y = Some(b);
                    while let Some(z) = y {
                        if z == p {
                            inside = true;
                            break;
                        }
                        y = parent[z];
                    }
                    if inside {
                        break;
                    }
                    ext[x].0 += cross(&r1[b]);
                    ext[x].1 += 1;
                    x = p;
                }
            }
        }
    }
    // Per container: the hint and first-pass centre of each child, relative to the container's content.
    let hints = |items: &[usize], container: Option<usize>| -> (Vec<Option<f64>>, Vec<Option<f64>>) {
        let Some(r1) = prior else { return (vec![None; items.len()], vec![None; items.len()]) };
        let origin = container.map_or(0.0, |c| if lr { r1[c].y + LABEL_BAND + PAD } else { r1[c].x + PAD });
        let hint = items.iter().map(|&i| (ext[i].1 > 0).then(|| ext[i].0 / ext[i].1 as f64 - origin)).collect();
        let was = items.iter().map(|&i| Some(cross(&r1[i]) - origin)).collect();
        (hint, was)
    };

    // Lift every relation to the one container where its two ends' branches are siblings.
    let mut lifted: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n + 1];
    for r in &model.relations {
        if let Some((container, a, b)) = lift(&parent, &depth, r.from, r.to) {
            lifted[container.map_or(n, |c| c)].push((a, b));
        }
    }

    // Room for one port per edge on a leaf's incoming and outgoing sides.
    let mut degree = vec![(0usize, 0usize); n];
    for r in &model.relations {
        degree[r.from].1 += 1;
        degree[r.to].0 += 1;
    }
    let mut size = vec![(0.0, 0.0); n];
    let mut rel = vec![(0.0, 0.0); n];
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(depth[i]));
    for &g in &order {
        let e = &model.elements[g];
        if !e.is_group {
            let icon = if crate::model::has_icon(&e.kind) { ICON_ROOM } else { 0.0 };
            let w = (text::width(&e.label, LEAF_FONT) + 2.0 * LEAF_PAD_X + icon).max(LEAF_MIN_W).ceil();
            let ports = PORT_SPACING * (degree[g].0.max(degree[g].1) + 1) as f64;
            size[g] = match model.direction {
                Direction::Tb => (w.max(ports).ceil(), LEAF_H),
                Direction::Lr => (w, LEAF_H.max(ports).ceil()),
            };
            continue;
        }
        let (hint, was) = hints(&kids[g], Some(g));
        let (pos, cw, ch) = arrange(&kids[g], &lifted[g], &size, model.direction, &hint, &was);
        let icon = if crate::model::has_icon(&e.kind) { ICON_ROOM } else { 0.0 };
        let label_w = text::width(&e.label, GROUP_FONT) + 2.0 * PAD + icon;
        let w = (cw.ceil() + 2.0 * PAD).max(label_w).max(LEAF_MIN_W).ceil();
        let h = if kids[g].is_empty() { LABEL_BAND + PAD } else { LABEL_BAND + ch.ceil() + 2.0 * PAD };
        // Centre the content when the label is wider than it.
        let dx = (PAD + ((w - 2.0 * PAD - cw) / 2.0).max(0.0)).round();
        for (k, &c) in kids[g].iter().enumerate() {
            rel[c] = (dx + pos[k].0, LABEL_BAND + PAD + pos[k].1);
        }
        size[g] = (w, h.ceil());
    }
    let (hint, was) = hints(roots, None);
    let (pos, _, _) = arrange(roots, &lifted[n], &size, model.direction, &hint, &was);
    let mut rects = vec![Rect::default(); n];
    let mut stack: Vec<(usize, f64, f64)> = roots.iter().enumerate().map(|(k, &r)| (r, pos[k].0, pos[k].1)).collect();
    while let Some((i, x, y)) = stack.pop() {
        rects[i] = Rect { x, y, w: size[i].0, h: size[i].1 };
        for &c in &kids[i] {
            stack.push((c, x + rel[c].0, y + rel[c].1));
        }
    }
    rects
}

/// Depth of every element (0 for top level).
pub fn depths(parent: &[Option<usize>]) -> Vec<usize> {
    let mut depth = vec![usize::MAX; parent.len()];
    for i in 0..parent.len() {
        let mut chain = vec![i];
        let mut cur = i;
        while depth[cur] == usize::MAX {
            match parent[cur] {
                Some(p) if depth[p] == usize::MAX => {
                    chain.push(p);
                    cur = p;
                }
                Some(p) => {
                    depth[cur] = depth[p] + 1;
                    break;
                }
                None => {
                    depth[cur] = 0;
                    break;
                }
            }
        }
        while let Some(c) = chain.pop() {
            if depth[c] == usize::MAX {
                depth[c] = depth[parent[c].expect("non-root")] + 1;
            }
        }
    }
    depth
}

/// For an edge a→b: the container where their branches meet and the two sibling branches, or `None` when
/// one end contains the other (or they are the same element).
pub fn lift(parent: &[Option<usize>], depth: &[usize], a: usize, b: usize) -> Option<(Option<usize>, usize, usize)> {
    let (mut x, mut y) = (a, b);
    while depth[x] > depth[y] {
        x = parent[x]?;
    }
    while depth[y] > depth[x] {
        y = parent[y]?;
    }
    if x == y {
        return None;
    }
    while parent[x] != parent[y] {
        x = parent[x]?;
        y = parent[y]?;
    }
    Some((parent[x], x, y))
}

/// Lays out `items` (with sizes) and edges between them; returns top-left positions relative to the
/// content's top-left corner, and the content's width and height.
fn arrange(
    items: &[usize],
    edges: &[(usize, usize)],
    size: &[(f64, f64)],
    dir: Direction,
    hint: &[Option<f64>],
    was: &[Option<f64>],
) -> (Vec<(f64, f64)>, f64, f64) {
    let n = items.len();
    if n == 0 {
        return (Vec::new(), 0.0, 0.0);
    }
    let local: std::collections::BTreeMap<usize, usize> = items.iter().enumerate().map(|(k, &i)| (i, k)).collect();
    let lr = dir == Direction::Lr;
    // (main, cross) sizes: main runs along the flow.
    let dims: Vec<(f64, f64)> = items.iter().map(|&i| if lr { size[i] } else { (size[i].1, size[i].0) }).collect();

    // Distinct pairs; of two opposite pairs keep the one met first (the preset's primary direction:
    // the control plane manages the agents before they register back).
    let mut first: std::collections::BTreeMap<(usize, usize), usize> = std::collections::BTreeMap::new();
    for (k, (a, b)) in edges.iter().enumerate() {
        first.entry((local[a], local[b])).or_insert(k);
    }
    let pairs: Vec<(usize, usize)> =
        first.iter().filter(|&(&(a, b), &k)| first.get(&(b, a)).is_none_or(|&j| k < j)).map(|(&p, _)| p).collect();

    if pairs.is_empty() && n > 3 {
        // Input order keeps repeated structures (nodes, AZs) alike.
        return grid(items, size, n);
    }

    // 1. Cycle breaking.
    let mut g: DiGraph<(), ()> = DiGraph::with_capacity(n, pairs.len());
    for _ in 0..n {
        g.add_node(());
    }
    for &(a, b) in &pairs {
        g.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
    }
    let reversed: std::collections::BTreeSet<usize> = greedy_feedback_arc_set(&g).map(|e| e.id().index()).collect();
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
    let layers_n = layer.iter().max().map_or(1, |m| m + 1);

    // 3. Dummy nodes on long edges: virtual nodes n.. with their layer; `links` join consecutive layers.
    let mut vlayer = layer.clone();
    let mut vdims = dims.clone();
    let mut links: Vec<(usize, usize)> = Vec::new();
    for &(a, b) in &dag {
        let mut prev = a;
        for l in layer[a] + 1..layer[b] {
            let d = vlayer.len();
            vlayer.push(l);
            vdims.push((0.0, TRACK));
            links.push((prev, d));
            prev = d;
        }
        links.push((prev, b));
    }
    let vn = vlayer.len();
    let mut up = vec![Vec::new(); vn];
    let mut down = vec![Vec::new(); vn];
    for &(a, b) in &links {
        down[a].push(b);
        up[b].push(a);
    }

    // 4. Ordering by barycenter sweeps; keep the best.
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); layers_n];
    for v in 0..vn {
        rows[vlayer[v]].push(v);
    }
    // Start each layer in the order of where its items' edges leave the container.
    if hint.iter().any(Option::is_some) {
        for r in rows.iter_mut() {
            let mut keyed: Vec<(f64, usize)> = r
                .iter()
                .enumerate()
                .map(|(k, &v)| (if v < n { hint[v].or(was[v]).unwrap_or(k as f64 * 1e-9) } else { f64::MAX }, v))
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            *r = keyed.into_iter().map(|t| t.1).collect();
        }
    }
    let mut pos = vec![0usize; vn];
    let reindex = |rows: &Vec<Vec<usize>>, pos: &mut Vec<usize>| {
        for r in rows {
            for (k, &v) in r.iter().enumerate() {
                pos[v] = k;
            }
        }
    };
    reindex(&rows, &mut pos);
    let mut best = rows.clone();
    let mut best_c = crossings(&rows, &down, &pos);
    for it in 0..12 {
        let downward = it % 2 == 0;
        let seq: Vec<usize> =
            if downward { (1..layers_n).collect() } else { (0..layers_n.saturating_sub(1)).rev().collect() };
        for l in seq {
            let mut keyed: Vec<(f64, usize, usize)> = rows[l]
                .iter()
                .enumerate()
                .map(|(k, &v)| {
                    let nb = if downward { &up[v] } else { &down[v] };
                    // Where the item's outside edges point, as a rank among this layer's items.
                    let ext_rank = (v < n).then(|| hint[v]).flatten().map(|h| {
                        rows[l].iter().filter(|&&u| u < n && u != v && was[u].is_some_and(|w| w < h)).count() as f64
                    });
                    let key = match (nb.is_empty(), ext_rank) {
                        (true, None) => k as f64,
                        (true, Some(e)) => e,
                        (false, e) => {
                            let (s, c) = (nb.iter().map(|&u| pos[u] as f64).sum::<f64>(), nb.len() as f64);
                            match e {
                                Some(e) => (s + e) / (c + 1.0),
                                None => s / c,
                            }
                        }
                    };
                    (key, k, v)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            rows[l] = keyed.into_iter().map(|t| t.2).collect();
            for (k, &v) in rows[l].iter().enumerate() {
                pos[v] = k;
            }
        }
        let c = crossings(&rows, &down, &pos);
        if c < best_c {
            best_c = c;
            best = rows.clone();
        }
    }
    let rows = best;
    reindex(&rows, &mut pos);

    // 5. Cross-axis coordinates: pack, then pull towards neighbours' centres.
    let sep = |a: usize, b: usize| {
        let g = if a < n && b < n { GAP } else { GAP / 2.0 };
        (vdims[a].1 + vdims[b].1) / 2.0 + g
    };
    let mut center = vec![0.0f64; vn];
    for r in &rows {
        let mut c = 0.0;
        for (k, &v) in r.iter().enumerate() {
            if k > 0 {
                c += sep(r[k - 1], v);
            }
            center[v] = c;
        }
    }
    for it in 0..8 {
        let seq: Vec<usize> =
            if it % 2 == 0 { (1..layers_n).collect() } else { (0..layers_n.saturating_sub(1)).rev().collect() };
        for l in seq {
            let r = &rows[l];
            let want: Vec<f64> = r
                .iter()
                .map(|&v| {
                    let nb = if it % 2 == 0 { &up[v] } else { &down[v] };
                    let (mut s, mut c) = (nb.iter().map(|&u| center[u]).sum::<f64>(), nb.len() as f64);
                    if let Some(h) = (v < n).then(|| hint[v]).flatten() {
                        s += h;
                        c += 1.0;
                    }
                    if c == 0.0 { center[v] } else { s / c }
                })
                .collect();
            let weights: Vec<f64> = r.iter().map(|&v| if v < n { 1.0 } else { 0.5 }).collect();
            let seps: Vec<f64> = (1..r.len()).map(|k| sep(r[k - 1], r[k])).collect();
            let placed = isotonic(&want, &weights, &seps);
            for (k, &v) in r.iter().enumerate() {
                center[v] = placed[k];
            }
        }
    }

    // 6. Main-axis coordinates: layer thickness plus a channel sized for the edges crossing it.
    let mut thick = vec![0.0f64; layers_n];
    for v in 0..n {
        thick[layer[v]] = thick[layer[v]].max(vdims[v].0);
    }
    let mut channel = vec![0usize; layers_n];
    for &(a, _) in &links {
        channel[vlayer[a]] += 1;
    }
    let mut start = vec![0.0f64; layers_n];
    for l in 1..layers_n {
        let gap = LAYER_GAP.max(2.0 * MARGIN + TRACK * channel[l - 1] as f64);
        start[l] = start[l - 1] + thick[l - 1] + gap;
    }
    let min_cross = (0..n).map(|v| center[v] - vdims[v].1 / 2.0).fold(f64::INFINITY, f64::min);
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
    (out, w, h)
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

/// Number of crossings between consecutive layers (inversions counted with a Fenwick tree).
fn crossings(rows: &[Vec<usize>], down: &[Vec<usize>], pos: &[usize]) -> usize {
    let mut total = 0;
    for l in 0..rows.len().saturating_sub(1) {
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for &v in &rows[l] {
            for &w in &down[v] {
                pairs.push((pos[v], pos[w]));
            }
        }
        pairs.sort_unstable();
        let m = rows[l + 1].len();
        let mut tree = vec![0usize; m + 1];
        for (k, &(_, b)) in pairs.iter().enumerate() {
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

/// Weighted least-squares placement of ordered items at `want`, keeping consecutive items at least `sep`
/// apart: isotonic regression by pool-adjacent-violators on the offsets. Linear time.
fn isotonic(want: &[f64], weight: &[f64], sep: &[f64]) -> Vec<f64> {
    let n = want.len();
    let mut offset = vec![0.0; n];
    for k in 1..n {
        offset[k] = offset[k - 1] + sep[k - 1];
    }
    // Blocks of (mean, total weight, count).
    let mut blocks: Vec<(f64, f64, usize)> = Vec::with_capacity(n);
    for k in 0..n {
        let mut b = (want[k] - offset[k], weight[k], 1usize);
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
    let mut out = Vec::with_capacity(n);
    for (mean, _, count) in blocks {
        for _ in 0..count {
            let k = out.len();
            out.push(mean + offset[k]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isotonic_keeps_order_and_separation() {
        let p = isotonic(&[10.0, 0.0, 5.0], &[1.0, 1.0, 1.0], &[4.0, 4.0]);
        assert!(p[1] - p[0] >= 4.0 - 1e-9 && p[2] - p[1] >= 4.0 - 1e-9);
        // Unconstrained items stay where they want to be.
        assert_eq!(isotonic(&[0.0, 50.0], &[1.0, 1.0], &[10.0]), vec![0.0, 50.0]);
    }

    #[test]
    fn crossings_counts_inversions() {
        let rows = vec![vec![0, 1], vec![2, 3]];
        let down = vec![vec![3], vec![2], vec![], vec![]];
        let pos = vec![0, 1, 0, 1];
        assert_eq!(crossings(&rows, &down, &pos), 1);
    }
}
