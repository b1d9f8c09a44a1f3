//! Cycle breaking: the distinct pairs of children that relations join, made acyclic by reversing the
//! back edges of a depth-first search. Postcondition: the returned pairs form a DAG (every pair kept or
//! reversed, none dropped). Cost: O(n + e log e).

use super::input::Base;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{DfsEvent, depth_first_search};
use std::collections::{BTreeMap, BTreeSet};

/// The distinct pairs (local indices) the relations join; of two opposite pairs, the one met first (the
/// preset's primary direction: the control plane manages the agents before they register back).
pub(super) fn pairs(base: &Base) -> Vec<(usize, usize)> {
    let mut first: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (k, (a, b, _)) in base.inp.edges.iter().enumerate() {
        first.entry((base.local[a], base.local[b])).or_insert(k);
    }
    first.iter().filter(|&(&(a, b), &k)| first.get(&(b, a)).is_none_or(|&j| k < j)).map(|(&p, _)| p).collect()
}

/// The pairs with every back edge of a depth-first search reversed. The search starts from the items that
/// edges enter from outside, then from sources, then the rest (in input order, so the drawing follows the
/// order the diagram was written in).
pub(super) fn acyclic(base: &Base, pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let n = base.n;
    let mut g: DiGraph<(), ()> = DiGraph::with_capacity(n, pairs.len());
    for _ in 0..n {
        g.add_node(());
    }
    // Added last to first: petgraph walks a node's edges newest first, so the search meets them in order.
    for &(a, b) in pairs.iter().rev() {
        g.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
    }
    let mut indeg = vec![0usize; n];
    for &(_, b) in pairs {
        indeg[b] += 1;
    }
    let entered: BTreeSet<usize> = base.inp.ports.iter().filter(|p| p.leading).map(|p| base.local[&p.child]).collect();
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
    pairs.iter().enumerate().map(|(k, &(a, b))| if reversed.contains(&k) { (b, a) } else { (a, b) }).collect()
}
