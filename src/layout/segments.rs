//! The segment index: every route's segments by line (orientation and coordinate in tenths of a pixel),
//! each line sorted by start, kept up to date as passes move segments; and the track assignment that both
//! nudging and the channel sizing of `arrange` use. Ordered maps only, so iteration order is fixed.

use std::collections::BTreeMap;

/// Key of a line: orientation and coordinate in tenths.
pub(crate) fn line_key(horizontal: bool, at: f64) -> (bool, i64) {
    (horizontal, (at * 10.0).round() as i64)
}

/// The segments of all edges by line: (edge, index of the first point, low end, high end).
pub(crate) type Lines = BTreeMap<(bool, i64), Vec<(usize, usize, f64, f64)>>;

pub(crate) fn by_line(routes: &[Vec<(f64, f64)>]) -> Lines {
    let mut lines: Lines = BTreeMap::new();
    for (k, pts) in routes.iter().enumerate() {
        for i in 0..pts.len().saturating_sub(1) {
            let (p, q) = (pts[i], pts[i + 1]);
            let h = (p.1 - q.1).abs() < 1e-9;
            let (at, a, c) = if h { (p.1, p.0, q.0) } else { (p.0, p.1, q.1) };
            lines.entry(line_key(h, at)).or_default().push((k, i, a.min(c), a.max(c)));
        }
    }
    for list in lines.values_mut() {
        list.sort_by(|a, b| a.2.total_cmp(&b.2).then((a.0, a.1).cmp(&(b.0, b.1))));
    }
    lines
}

/// Whether a segment of another edge than `edge` on this line overlaps the stretch from `lo` to `hi`.
pub(crate) fn overlaps_any(list: Option<&Vec<(usize, usize, f64, f64)>>, edge: usize, lo: f64, hi: f64) -> bool {
    list.is_some_and(|l| l.iter().any(|&(e, _, a, b)| e != edge && a < hi - 0.05 && lo < b - 0.05))
}

/// Takes an edge's segments out of `lines` or puts them in (keeping each line sorted by start).
pub(crate) fn set_segments(lines: &mut Lines, edge: usize, pts: &[(f64, f64)], add: bool) {
    for i in 0..pts.len().saturating_sub(1) {
        let (p, q) = (pts[i], pts[i + 1]);
        let h = (p.1 - q.1).abs() < 1e-9;
        let (at, a, c) = if h { (p.1, p.0, q.0) } else { (p.0, p.1, q.1) };
        let list = lines.entry(line_key(h, at)).or_default();
        if add {
            let seg = (edge, i, a.min(c), a.max(c));
            let k = list.partition_point(|s| s.2.total_cmp(&seg.2).then((s.0, s.1).cmp(&(edge, i))).is_lt());
            list.insert(k, seg);
        } else {
            list.retain(|s| s.0 != edge);
        }
    }
}

/// Tracks for items taken in order, each a set of spans along one line: an item takes the first track
/// past those of the earlier items whose spans it overlaps or comes within `apart` of, so items far apart
/// along the line share a track. Nudging spreads a bundle's edges so; arrangement sizes channels by it.
/// O(s²) for s spans.
pub(crate) fn assign_tracks<'a>(items: impl IntoIterator<Item = &'a [(f64, f64)]>, apart: f64) -> Vec<usize> {
    let mut placed: Vec<(f64, f64, usize)> = Vec::new();
    let mut out = Vec::new();
    for spans in items {
        let t = spans
            .iter()
            .flat_map(|&(lo, hi)| placed.iter().filter(move |p| p.0 < hi + apart && lo < p.1 + apart).map(|p| p.2 + 1))
            .max()
            .unwrap_or(0);
        placed.extend(spans.iter().map(|&(lo, hi)| (lo, hi, t)));
        out.push(t);
    }
    out
}

/// The edges (other than self-loops) that still share a stretch of a line with an earlier edge.
pub(crate) fn overlapping(ends: &[(usize, usize)], routes: &[Vec<(f64, f64)>]) -> Vec<usize> {
    let mut out = Vec::new();
    for list in by_line(routes).values() {
        for (x, &(e1, _, lo1, hi1)) in list.iter().enumerate() {
            for &(e2, _, _, hi2) in list[x + 1..].iter().take_while(|s| s.2 < hi1 - 0.05) {
                if e1 != e2 && lo1 < hi2 - 0.05 {
                    let later = if ends[e1.max(e2)].0 != ends[e1.max(e2)].1 { e1.max(e2) } else { e1.min(e2) };
                    out.push(later);
                }
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Every route's segments in the cells of a uniform grid, to find those near a rectangle (edge labels:
/// where they may go and, in the metrics, whether they sit on their own edge and on no other). At most
/// 256 cells a side (a cell grows with the drawing, from 64 px, and with the segments' mean length), held
/// as one list bucketed by cell (counted, then filled): no hashing and no sorting, so a fixed order and
/// little code. Memory: at most 65,536 cells and 6 entries a segment.
pub(crate) struct Grid<'a> {
    routes: &'a [Vec<(f64, f64)>],
    origin: (f64, f64),
    cell: f64,
    /// Cells across and down.
    size: (usize, usize),
    /// Where each cell's segments start in `items` (one more entry than cells).
    start: Vec<usize>,
    /// (edge, index of the segment's first point), bucketed by cell.
    items: Vec<(usize, usize)>,
}

impl<'a> Grid<'a> {
    pub(crate) fn new(routes: &'a [Vec<(f64, f64)>]) -> Grid<'a> {
        let (mut lo, mut hi) = ((f64::INFINITY, f64::INFINITY), (f64::NEG_INFINITY, f64::NEG_INFINITY));
        for p in routes.iter().flatten() {
            lo = (lo.0.min(p.0), lo.1.min(p.1));
            hi = (hi.0.max(p.0), hi.1.max(p.1));
        }
        if lo.0 > hi.0 {
            (lo, hi) = ((0.0, 0.0), (0.0, 0.0));
        }
        // Each orthogonal segment lies in at most its length over the cell, plus 2, cells: a cell of at
        // least a quarter of the mean segment length keeps the list within 6 entries a segment.
        let (mut length, mut count) = (0.0f64, 0usize);
        for pts in routes {
            for s in pts.windows(2) {
                length += (s[1].0 - s[0].0).abs() + (s[1].1 - s[0].1).abs();
                count += 1;
            }
        }
        let cell = ((hi.0 - lo.0).max(hi.1 - lo.1) / 255.0).max(64.0).max(length / (4.0 * count.max(1) as f64));
        let size = (((hi.0 - lo.0) / cell) as usize + 1, ((hi.1 - lo.1) / cell) as usize + 1);
        let mut g = Grid { routes, origin: lo, cell, size, start: vec![0; size.0 * size.1 + 1], items: Vec::new() };
        // Count each cell's segments, then fill each cell from its start.
        let mut next = Vec::new();
        for fill in [false, true] {
            if fill {
                for k in 1..g.start.len() {
                    g.start[k] += g.start[k - 1];
                }
                g.items = vec![(0, 0); g.start[g.start.len() - 1]];
                next = g.start.clone();
            }
            for (e, pts) in routes.iter().enumerate() {
                for i in 0..pts.len().saturating_sub(1) {
                    let (a, b) = (pts[i], pts[i + 1]);
                    let (c0, c1) = (g.at(a.0.min(b.0), a.1.min(b.1)), g.at(a.0.max(b.0), a.1.max(b.1)));
                    for cy in c0.1..=c1.1 {
                        for cx in c0.0..=c1.0 {
                            let c = cy * g.size.0 + cx;
                            if fill {
                                g.items[next[c]] = (e, i);
                                next[c] += 1;
                            } else {
                                g.start[c + 1] += 1;
                            }
                        }
                    }
                }
            }
        }
        g
    }

    /// The cell of a point, clamped to the grid.
    fn at(&self, x: f64, y: f64) -> (usize, usize) {
        let k = |v: f64, o: f64, n: usize| (((v - o) / self.cell).max(0.0) as usize).min(n - 1);
        (k(x, self.origin.0, self.size.0), k(y, self.origin.1, self.size.1))
    }

    /// Whether a segment of an edge other than `edge` passes through `r` shrunk by `inset` on every side.
    pub(crate) fn crosses(&self, r: &crate::scene::Rect, edge: usize, inset: f64) -> bool {
        let (x0, y0, x1, y1) = (r.x + inset, r.y + inset, r.right() - inset, r.bottom() - inset);
        if x0 >= x1 || y0 >= y1 {
            return false;
        }
        let (c0, c1) = (self.at(x0, y0), self.at(x1, y1));
        for cy in c0.1..=c1.1 {
            for cx in c0.0..=c1.0 {
                let c = cy * self.size.0 + cx;
                for &(e, i) in &self.items[self.start[c]..self.start[c + 1]] {
                    if e == edge {
                        continue;
                    }
                    let (a, b) = (self.routes[e][i], self.routes[e][i + 1]);
                    if a.0.max(b.0) > x0 && a.0.min(b.0) < x1 && a.1.max(b.1) > y0 && a.1.min(b.1) < y1 {
                        return true;
                    }
                }
            }
        }
        false
    }
}

/// The distance from a rectangle to the nearest point of a polyline (0 when they meet).
pub(crate) fn distance(r: &crate::scene::Rect, pts: &[(f64, f64)]) -> f64 {
    pts.windows(2)
        .map(|s| {
            let (lx, hx) = (s[0].0.min(s[1].0), s[0].0.max(s[1].0));
            let (ly, hy) = (s[0].1.min(s[1].1), s[0].1.max(s[1].1));
            let dx = (r.x - hx).max(lx - r.right()).max(0.0);
            let dy = (r.y - hy).max(ly - r.bottom()).max(0.0);
            dx.hypot(dy)
        })
        .fold(f64::INFINITY, f64::min)
}
