//! The crossing counter: crossings between consecutive layers, counted as inversions with a Fenwick tree
//! (O(e log e) per count, buffers kept from count to count), and the inversions between two neighbours'
//! edges that transposing weighs. Exact: ties (equal places) cross neither way (tested against counting
//! every pair).

use super::graph::Adj;

/// Of all pairs (x, y) of one list and the other, how many have x > y and how many y > x: the crossings
/// between two neighbours' edges in either order. O(|xs| · |ys|) for short lists, else O(n log n); sorts
/// both lists.
pub(super) fn inversions(xs: &mut [f64], ys: &mut [f64]) -> (usize, usize) {
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

/// Counts crossings between consecutive layers (inversions counted with a Fenwick tree), keeping its
/// buffers for the next count. A link's end at a container sits at its entry along that container's
/// side (`part` of the node's extent).
#[derive(Default)]
pub(super) struct Crossings {
    pairs: Vec<(f64, f64)>,
    lower: Vec<f64>,
    tree: Vec<usize>,
}

impl Crossings {
    pub(super) fn count(
        &mut self,
        rows: &[Vec<usize>],
        down: &Adj,
        pos: &[usize],
        part: &impl Fn(usize, f64) -> f64,
    ) -> usize {
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
