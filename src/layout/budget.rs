//! The layered layout's budget: an estimate, in O(n + r · depth), of the work the layered layout would do
//! on a model, so that graphs too hard for it within the time budget are drawn by [`super::simple`]
//! instead. Deterministic: the same model always gets the same estimate and the same layout.
//!
//! The estimate follows the arrangement's own cost (see [`super::arrange`]): per container,
//! (children + dummies + ports) × (relations among the children + ports), where ports are the relations
//! through its border and the dummies come from a longest-path layering after depth-first cycle breaking
//! (what the arrangement does): one per relation and layer it spans, and half the layers for each port.
//! Summed over the containers it is 1.4 million for the corpus's largest file (arch-3000, about 100 ms to
//! lay out natively); on random graphs, on paths with long edges and on deep nestings with many edges
//! between them, the layered layout took 12 to 20 ns per unit of it (`examples/quality.rs` prints both).

pub use super::knobs::BUDGET;
use super::tree::{depths, lift};
use crate::model::Model;

/// Whether the layered layout would do more than [`BUDGET`] work on `model`.
pub fn too_hard(model: &Model, kids: &[Vec<usize>], roots: &[usize]) -> bool {
    cost(model, kids, roots) > BUDGET
}

/// The estimated work of the layered layout on `model` (it stops counting once over the budget).
pub fn cost(model: &Model, kids: &[Vec<usize>], roots: &[usize]) -> u64 {
    let n = model.elements.len();
    let parent: Vec<Option<usize>> = model.elements.iter().map(|e| e.parent).collect();
    let depth = depths(&parent);
    // Container slots: an element's own index, `n` for the top level.
    let slot = |c: Option<usize>| c.unwrap_or(n);
    let mut pairs: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n + 1];
    let mut ports = vec![0u64; n + 1];
    for r in &model.relations {
        // Every container an end lies in below where the relation is drawn has it as a port.
        let (top, ends) = match lift(&parent, &depth, r.from, r.to) {
            Some((c, x, y)) => {
                pairs[slot(c)].push((x, y));
                (c, [r.from, r.to])
            }
            None if depth[r.from] >= depth[r.to] => (Some(r.to), [r.from, r.from]),
            None => (Some(r.from), [r.to, r.to]),
        };
        for (k, end) in ends.into_iter().enumerate() {
            if k == 1 && ends[0] == ends[1] {
                break;
            }
            let mut z = parent[end];
            while z.is_some() && z != top {
                let Some(g) = z else { break };
                ports[g] += 1;
                z = parent[g];
            }
        }
    }
    let mut local = vec![usize::MAX; n];
    let mut total: u64 = 0;
    for s in 0..=n {
        let items: &[usize] = if s == n { roots } else { &kids[s] };
        if items.is_empty() {
            continue;
        }
        for (k, &i) in items.iter().enumerate() {
            local[i] = k;
        }
        let edges: Vec<(usize, usize)> = pairs[s].iter().map(|&(x, y)| (local[x], local[y])).collect();
        let layer = layering(items.len(), &edges);
        let layers = layer.iter().max().map_or(1, |m| m + 1) as u64;
        let spans: u64 = edges.iter().map(|&(a, b)| (layer[a].abs_diff(layer[b]) as u64).saturating_sub(1)).sum();
        let dummies = spans + ports[s] * layers.saturating_sub(1) / 2;
        let links = edges.len() as u64 + ports[s];
        total = total.saturating_add((items.len() as u64 + dummies + ports[s]).saturating_mul(links));
        if total > BUDGET {
            return total;
        }
    }
    total
}

/// Longest-path layers of `n` items under `edges`, after reversing the back edges of a depth-first
/// search (from the items in order): every edge then runs to a higher layer.
fn layering(n: usize, edges: &[(usize, usize)]) -> Vec<usize> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in edges {
        if a != b {
            out[a].push(b);
        }
    }
    // Iterative DFS; 0 unseen, 1 on the stack, 2 done. In reverse post-order every edge but the back
    // edges runs forward, and a back edge u → v (to an ancestor) runs backward, so reversed it runs forward.
    let mut state = vec![0u8; n];
    let mut post = Vec::with_capacity(n);
    let mut stack: Vec<(usize, usize)> = Vec::new();
    // Per item: whether each out-edge is a back edge, and the reversed back edges leaving it.
    let mut is_back: Vec<Vec<bool>> = out.iter().map(|o| vec![false; o.len()]).collect();
    let mut reversed: Vec<Vec<usize>> = vec![Vec::new(); n];
    for s in 0..n {
        if state[s] != 0 {
            continue;
        }
        state[s] = 1;
        stack.push((s, 0));
        while let Some(&(v, next)) = stack.last() {
            if let Some(&w) = out[v].get(next) {
                if let Some(top) = stack.last_mut() {
                    top.1 += 1;
                }
                match state[w] {
                    0 => {
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    1 => {
                        is_back[v][next] = true;
                        reversed[w].push(v);
                    }
                    _ => {}
                }
            } else {
                state[v] = 2;
                post.push(v);
                stack.pop();
            }
        }
    }
    let mut layer = vec![0usize; n];
    for &v in post.iter().rev() {
        let forward = out[v].iter().zip(&is_back[v]).filter(|(_, b)| !**b).map(|(w, _)| *w);
        for w in forward.chain(reversed[v].iter().copied()) {
            layer[w] = layer[w].max(layer[v] + 1);
        }
    }
    layer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layering_puts_every_forward_edge_downward() {
        let l = layering(4, &[(0, 1), (1, 2), (0, 2), (2, 3), (3, 1)]);
        assert!(l[1] > l[0] && l[2] > l[1]);
        assert_eq!(l.len(), 4);
    }
}
