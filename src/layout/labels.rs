//! Edge label placement: each label goes to the first free spot among candidates along its edge (on and
//! beside each segment, longest segment first, middle first), preferring one that no other edge runs
//! through. Free means: inside or clear of every box (never across a border), clear of container label
//! rows and of labels already placed. Only when no spot along its edge is free does a label go to the
//! nearest free spot around it (the metrics count such labels, `labels_off_edge`). Candidates are checked
//! by a walk of the containment tree, O(depth × children) each, and against the other edges through a
//! grid of their segments.

use super::geom::Point;
use super::knobs::EDGE_LABEL_H;
use super::obstacles::Boxes;
use super::segments::Grid;
use super::text;
use crate::scene::Rect;
use crate::style;

/// The most spots tried along one segment (a label on a very long edge looks near its middle first).
const SPOTS: usize = 32;

/// Places the labels (`None` for edges without one), in edge order. A bundle member's label looks only
/// along its own part (`own`, by relation; the rest of its route is its trunk, shared with the others).
pub(crate) fn place(
    tree: &Boxes,
    routes: &[Vec<(f64, f64)>],
    labels: &[Option<&str>],
    own: &[Option<&[Point]>],
) -> Vec<Option<Rect>> {
    let mut placed: Vec<Rect> = Vec::new();
    let mut out = Vec::with_capacity(routes.len());
    if labels.iter().all(Option::is_none) {
        return vec![None; routes.len()];
    }
    let grid = Grid::new(routes);
    for (k, (pts, label)) in routes.iter().zip(labels).enumerate() {
        let Some(label) = label else {
            out.push(None);
            continue;
        };
        let pts: &[Point] = own.get(k).copied().flatten().unwrap_or(pts);
        let w = (text::width(label, style::EDGE.px) + 8.0).ceil();
        let h = EDGE_LABEL_H;
        let mut segs: Vec<(f64, Point, Point)> =
            pts.windows(2).map(|s| ((s[1].0 - s[0].0).abs() + (s[1].1 - s[0].1).abs(), s[0], s[1])).collect();
        segs.sort_by(|a, b| b.0.total_cmp(&a.0));
        // On and beside every segment, longest first: its middle, then spots further out on both sides,
        // about every 12 px (at most `SPOTS` a segment), so a label finds room anywhere along its edge.
        let mut candidates = Vec::new();
        for &(len, a, b) in &segs {
            let horizontal = (a.1 - b.1).abs() < 1e-9;
            let steps = ((len / 24.0).floor() as usize).min(SPOTS / 2);
            let ts = std::iter::once(0.5).chain((1..=steps).flat_map(|k| {
                let d = k as f64 / (2.0 * steps as f64 + 1.0);
                [0.5 - d, 0.5 + d]
            }));
            for t in ts {
                let (cx, cy) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
                candidates.push((cx, cy));
                if horizontal {
                    candidates.push((cx, cy - h / 2.0 - 3.0));
                    candidates.push((cx, cy + h / 2.0 + 3.0));
                } else {
                    candidates.push((cx + w / 2.0 + 3.0, cy));
                    candidates.push((cx - w / 2.0 - 3.0, cy));
                }
            }
        }
        // Then rings of spots around the middle of the longest segment, nearest first: 960 more
        // candidates, generated as they are tried.
        let (mx, my) = segs.first().map_or((0.0, 0.0), |&(_, a, b)| ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0));
        let rings = (1..=60).flat_map(|ring| {
            let d = ring as f64 * 8.0;
            (0..16).map(move |k| {
                let t = k as f64 / 16.0 * 4.0;
                // Walk the square of half-side d: four sides, four spots each.
                let (ox, oy) = match t as usize {
                    0 => (-d + 2.0 * d * t.fract(), -d),
                    1 => (d, -d + 2.0 * d * t.fract()),
                    2 => (d - 2.0 * d * t.fract(), d),
                    _ => (-d, d - 2.0 * d * t.fract()),
                };
                (mx + ox, my + oy)
            })
        });
        let rect_at = |c: (f64, f64)| Rect { x: (c.0 - w / 2.0).round(), y: (c.1 - h / 2.0).round(), w, h };
        let rings = if segs.is_empty() { None } else { Some(rings) };
        let clear = |r: &Rect| free(tree, r) && placed.iter().all(|p| !p.overlaps(r));
        // On or beside its own edge and crossed by no other, else on or beside its own edge, else (only
        // when its edge has no room at all) the nearest free spot around it.
        // One pass along the edge: the first clear spot no other edge crosses, else the first clear one.
        let mut first_clear = None;
        let along = candidates.iter().copied().map(rect_at).filter(|r| clear(r)).find(|r| {
            first_clear.get_or_insert(*r);
            !grid.crosses(r, k, 1.0)
        });
        let choice = along.or(first_clear).or_else(|| rings.into_iter().flatten().map(rect_at).find(|r| clear(r)));
        let r = choice.unwrap_or_else(|| rect_at(candidates.first().copied().unwrap_or((0.0, 0.0))));
        placed.push(r);
        out.push(Some(r));
    }
    out
}

/// Whether a label box lies inside or clear of every box, and clear of every container's label row.
fn free(tree: &Boxes, r: &Rect) -> bool {
    let mut stack: Vec<usize> = tree.roots.to_vec();
    while let Some(k) = stack.pop() {
        let b = tree.rects[k];
        if !b.overlaps(r) {
            continue;
        }
        if !b.holds(r) || tree.kids[k].is_empty() && tree.label_rects[k].is_none() {
            return false;
        }
        if tree.label_rects[k].is_some_and(|l| l.overlaps(r)) {
            return false;
        }
        stack.extend(&tree.kids[k]);
    }
    true
}
