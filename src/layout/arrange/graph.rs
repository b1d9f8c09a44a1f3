//! The layered graph of one container: every child, plus one dummy (a lane) per relation and layer it
//! crosses, and the links joining consecutive layers. Built once; only the links' offsets change later
//! (as ports spread and slide). Guarantee: every link joins a node to one in the next layer down, and
//! every relation's chain of dummies covers exactly the layers between its ends.

use super::input::Base;
use crate::layout::knobs::{GAP, MARGIN, TRACK};

/// A link between consecutive layers: from `a` (upper layer) to `b` (the next one), meeting each at an
/// offset across the flow from its centre, for one relation.
#[derive(Clone, Copy, Debug)]
pub(super) struct Link {
    pub(super) a: usize,
    pub(super) b: usize,
    pub(super) at_a: f64,
    pub(super) at_b: f64,
    pub(super) relation: usize,
}

/// A lane that ends beside a child entered from its side: the child, which side (the right one?), and
/// where along the flow from the child's top the edge turns in.
#[derive(Clone, Copy, Debug)]
pub(super) struct Beside {
    pub(super) child: usize,
    pub(super) right: bool,
    pub(super) at: f64,
}

/// The dummies of a relation between two children, in flow order (lower layer first), and whether the
/// relation runs against the flow.
pub(super) struct PairChain {
    pub(super) relation: usize,
    pub(super) dummies: Vec<usize>,
    pub(super) against: bool,
}

/// The dummies of a relation crossing the container's border, from the child outward.
pub(super) struct PortChain {
    pub(super) relation: usize,
    pub(super) dummies: Vec<usize>,
}

/// The layered graph: nodes `0..n` are the children, `n..vn` the dummies.
pub(super) struct Graph {
    /// Layer of each child.
    pub(super) layer: Vec<usize>,
    pub(super) layers_n: usize,
    /// Layer of every node.
    pub(super) vlayer: Vec<usize>,
    /// (main, cross) extent of every node (a dummy is a track wide).
    pub(super) vdims: Vec<(f64, f64)>,
    /// Where a node wants to be across the flow (a port's outside end), relative to the content.
    pub(super) vhint: Vec<Option<f64>>,
    pub(super) links: Vec<Link>,
    /// A lane standing for an edge entering from this container's side: pinned to that end of its layer
    /// (the right one?), never drawn.
    pub(super) pin: Vec<Option<bool>>,
    pub(super) beside: Vec<Option<Beside>>,
    /// Whether a child has lanes kept beside it.
    pub(super) hosts: Vec<bool>,
    /// Whether a node is the outermost lane of a port whose other end lies beyond this container's parent.
    pub(super) far_end: Vec<bool>,
    pub(super) pair_chains: Vec<PairChain>,
    pub(super) port_chains: Vec<PortChain>,
    /// Whether the children form a grid (more than three, no edges among them).
    pub(super) packed: bool,
    /// Whether the children keep their input order: a grid, or an ordered container's children with no
    /// edges among them (see [`crate::model::Model::ordered`]).
    pub(super) keep: bool,
}

/// Links at each node (above or below it) as (the node at the other end, offset there, offset here), all
/// in one buffer, in the order the links were given.
pub(super) struct Adj {
    start: Vec<usize>,
    items: Vec<(usize, f64, f64)>,
}

impl Adj {
    pub(super) fn new(n: usize, links: impl Iterator<Item = (usize, (usize, f64, f64))> + Clone) -> Adj {
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

/// The neighbours of every node once ports have spread: above, below, and (on both sides) those of links
/// that meet both their children at fixed entries (into child containers), which only the children's
/// places can make straight.
pub(super) struct Adjacent {
    pub(super) up: Adj,
    pub(super) down: Adj,
    pub(super) rigid: Adj,
}

impl Adjacent {
    pub(super) fn new(base: &Base, g: &Graph) -> Adjacent {
        let (up, down) = g.adjacency();
        let (n, inp) = (base.n, base.inp);
        let fixed = |l: &Link| [l.a, l.b].iter().all(|&k| inp.entry.contains_key(&(l.relation, inp.items[k])));
        let rigid = Adj::new(
            g.vn(),
            g.links
                .iter()
                .filter(|l| l.a < n && l.b < n && fixed(l))
                .flat_map(|l| [(l.b, (l.a, l.at_a, l.at_b)), (l.a, (l.b, l.at_b, l.at_a))]),
        );
        Adjacent { up, down, rigid }
    }
}

impl Graph {
    /// Number of nodes, dummies included.
    pub(super) fn vn(&self) -> usize {
        self.vlayer.len()
    }

    /// Neighbours above and below, with (offset at the neighbour, offset at this node).
    pub(super) fn adjacency(&self) -> (Adj, Adj) {
        let vn = self.vn();
        let up = Adj::new(vn, self.links.iter().map(|l| (l.b, (l.a, l.at_a, l.at_b))));
        let down = Adj::new(vn, self.links.iter().map(|l| (l.a, (l.b, l.at_b, l.at_a))));
        (up, down)
    }

    /// An offset as a fraction of the node's extent across the flow, within (-0.5, 0.5).
    pub(super) fn part(&self, v: usize, off: f64) -> f64 {
        let d = self.vdims[v].1;
        if d > 0.0 { (off / d).clamp(-0.49, 0.49) } else { 0.0 }
    }

    /// Least distance between the centres of neighbours `a` and `b` in a layer: boxes keep a gap; a lane
    /// keeps a margin and half a track from a box, and lanes lie a track apart.
    pub(super) fn sep(&self, n: usize, a: usize, b: usize) -> f64 {
        let d = &self.vdims;
        match (a < n, b < n) {
            (true, true) => (d[a].1 + d[b].1) / 2.0 + GAP,
            (true, false) | (false, true) => (d[a].1 + d[b].1) / 2.0 + MARGIN + TRACK / 2.0,
            (false, false) => TRACK,
        }
    }

    /// Whether a node's place in its layer is bound: pinned to an end, beside a child, or with lanes beside.
    pub(super) fn bound(&self, v: usize) -> bool {
        self.pin[v].is_some() || self.beside[v].is_some() || self.hosts[v]
    }

    /// Puts a layer's pinned lanes at its ends and lanes beside a child next to it (in their order).
    pub(super) fn settle(&self, row: &mut Vec<usize>) {
        let (pin, beside, hosts) = (&self.pin, &self.beside, &self.hosts);
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
                let on = |right: bool| move |&&d: &&usize| beside[d].is_some_and(|b| b.child == v && b.right == right);
                out.extend(row.iter().filter(on(false)));
                out.push(v);
                out.extend(row.iter().filter(on(true)));
            } else {
                out.push(v);
            }
        }
        out.extend(row.iter().copied().filter(|&v| pin[v] == Some(true)));
        *row = out;
    }

    /// Each layer packed tight from the start of the content: every node's least centre, and each
    /// layer's length.
    pub(super) fn packing(&self, n: usize, rows: &[Vec<usize>]) -> (Vec<f64>, Vec<f64>) {
        let mut center = vec![0.0f64; self.vn()];
        let mut len = Vec::with_capacity(rows.len());
        for r in rows {
            len.push(self.pack_row(n, r, &mut center));
        }
        (center, len)
    }

    /// Packs one layer tight into `at` (each node's centre); returns the layer's length.
    pub(super) fn pack_row(&self, n: usize, r: &[usize], at: &mut [f64]) -> f64 {
        let mut c = r.first().map_or(0.0, |&v| self.vdims[v].1 / 2.0);
        for (k, &v) in r.iter().enumerate() {
            if k > 0 {
                c += self.sep(n, r[k - 1], v);
            }
            at[v] = c;
        }
        r.last().map_or(0.0, |&v| c + self.vdims[v].1 / 2.0)
    }
}

/// Adds a dummy in layer `l`, a track wide, wanting to lie at `h` across the flow.
fn dummy(g: &mut Graph, l: usize, h: Option<f64>) -> usize {
    g.vlayer.push(l);
    g.vdims.push((0.0, TRACK));
    g.vhint.push(h);
    g.vlayer.len() - 1
}

/// Builds the layered graph: a dummy in every layer a relation spans, links joining consecutive layers
/// that carry where they meet each end across the flow (a child container's entry for that relation),
/// and the lanes of ports, pinned or kept beside a child where they enter from a side.
pub(super) fn build(base: &Base, layer: Vec<usize>, side_port: &[Option<bool>], packed: bool, keep: bool) -> Graph {
    let inp = base.inp;
    let layers_n = layer.iter().max().map_or(1, |m| m + 1);
    let mut g = Graph {
        vlayer: layer.clone(),
        vdims: base.dims.clone(),
        vhint: inp.hint.to_vec(),
        layer,
        layers_n,
        links: Vec::new(),
        pin: Vec::new(),
        beside: Vec::new(),
        hosts: Vec::new(),
        far_end: Vec::new(),
        pair_chains: Vec::new(),
        port_chains: Vec::new(),
        packed,
        keep,
    };
    let mut beside_list: Vec<(usize, Beside)> = Vec::new();
    let mut pin_list: Vec<(usize, bool)> = Vec::new();
    let mut far_list: Vec<usize> = Vec::new();
    let link = |a: usize, b: usize, at_a: f64, at_b: f64, relation: usize| Link { a, b, at_a, at_b, relation };
    for &(ga, gb, r) in inp.edges {
        let (a, b) = (base.local[&ga], base.local[&gb]);
        let against = g.layer[a] > g.layer[b];
        let (x, y) = if against { (b, a) } else { (a, b) };
        // A lower end entered from its side: the chain runs on through its layer, beside it.
        let side = inp.side_in.get(&(r, inp.items[y])).copied();
        let (mut prev, mut off) = (x, base.offset(r, x));
        let mut chain = Vec::new();
        for l in g.layer[x] + 1..g.layer[y] + usize::from(side.is_some()) {
            let d = dummy(&mut g, l, None);
            g.links.push(link(prev, d, off, 0.0, r));
            chain.push(d);
            (prev, off) = (d, 0.0);
        }
        match side {
            Some((right, at)) => beside_list.push((prev, Beside { child: y, right, at })),
            None => g.links.push(link(prev, y, off, base.offset(r, y), r)),
        }
        g.pair_chains.push(PairChain { relation: r, dummies: chain, against });
    }
    // A port's relation runs through every layer between the child and the container's side; the
    // outermost dummy wants to be across from the outside end. Chains from the child outward.
    for (p, side_port) in inp.ports.iter().zip(side_port) {
        let c = base.local[&p.child];
        let (relation, c_layer) = (p.relation, g.layer[c]);
        if let &Some(right) = side_port {
            let d = dummy(&mut g, c_layer - 1, None);
            g.links.push(link(d, c, 0.0, base.offset(relation, c), relation));
            pin_list.push((d, right));
            g.port_chains.push(PortChain { relation, dummies: Vec::new() });
            continue;
        }
        let side = if p.leading { inp.side_in.get(&(relation, p.child)).copied() } else { None };
        let span: Vec<usize> = if p.leading {
            (0..g.layer[c] + usize::from(side.is_some())).rev().collect()
        } else {
            (g.layer[c] + 1..layers_n).collect()
        };
        let (mut prev, mut off) = (c, base.offset(relation, c));
        let mut chain = Vec::new();
        for (k, &l) in span.iter().enumerate() {
            let d = dummy(&mut g, l, if k + 1 == span.len() { p.hint } else { None });
            if k + 1 == span.len() && !p.near {
                far_list.push(d);
            }
            match side.filter(|_| k == 0) {
                Some((right, at)) => beside_list.push((d, Beside { child: c, right, at })),
                None => g.links.push(if p.leading {
                    link(d, prev, 0.0, off, relation)
                } else {
                    link(prev, d, off, 0.0, relation)
                }),
            }
            chain.push(d);
            (prev, off) = (d, 0.0);
        }
        g.port_chains.push(PortChain { relation, dummies: chain });
    }
    let vn = g.vn();
    g.far_end = vec![false; vn];
    for d in far_list {
        g.far_end[d] = true;
    }
    g.pin = vec![None; vn];
    for &(d, right) in &pin_list {
        g.pin[d] = Some(right);
    }
    g.beside = vec![None; vn];
    g.hosts = vec![false; vn];
    for &(d, b) in &beside_list {
        g.beside[d] = Some(b);
        g.hosts[b.child] = true;
    }
    g
}
