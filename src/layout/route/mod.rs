//! Routing: every relation becomes an orthogonal polyline. Most follow the lanes placement kept for them ([`lanes`]):
//! straight through each lane, turning only in the channel between layers at the level where the two stops'
//! arrangements meet (so every edge crossing a channel turns on one line there, and nudging orders them), or from a
//! lane beside a container entered from its side, in that container's channel, stepping aside round a container's label
//! when one is in the way. What has no lane or finds it blocked takes a straight line or a Z between facing sides
//! ([`direct`]), and failing that an A* search over a sparse grid ([`search`]: the lines a margin away from each box it
//! must avoid, through box centres, and lanes between them), with costs for length, bends, and running along an earlier
//! edge. The finishing passes ([`super::finish`]) come after, and search again through [`Router::reroute`].
//!
//! Input: the placed boxes ([`Boxes`]) and the relations' ends. Preconditions: the boxes keep the placement's
//! guarantees (siblings apart, children inside their parents). Output: one polyline per relation, in order.
//! Postconditions: orthogonal segments; no segment enters a box that is not an end of the edge or an ancestor of one,
//! nor the label row of a container it passes; the first point is on u's border and the last on v's (checked on this
//! pass's own output over the corpus by `layout/contracts.rs`, and after all passes by the verifier). Cost: a lane
//! route O(s · b) for `s` stops and `b` boxes on the way; a search O(k² log k) for the k children on the way, all
//! searches within [`SEARCH_BUDGET`] units of work. Knobs: BEND, OVERLAP, CROSS, MAX_STATES and SEARCH_BUDGET in
//! [`super::knobs`].

mod direct;
mod lanes;
mod search;

use super::geom::{Point, bbox};
pub(crate) use super::knobs::SEARCH_BUDGET;
use super::obstacles::Boxes;
use crate::scene::Rect;
use search::{Query, Scratch, Used};
use std::collections::BTreeMap;

/// Routes relations over one placed diagram, keeping the search budget across every search it makes.
pub(crate) struct Router<'a> {
    boxes: &'a Boxes<'a>,
    /// The bounding box of every box: the searches of edges between top-level boxes stay near it.
    all: Rect,
    scratch: Scratch,
}

impl<'a> Router<'a> {
    /// A router with at most `budget` units of search work (see [`SEARCH_BUDGET`]).
    pub(crate) fn new(boxes: &'a Boxes<'a>, budget: u64) -> Router<'a> {
        Router { boxes, all: bbox(boxes.rects), scratch: Scratch::with_budget(budget) }
    }

    /// The boxes routed over.
    pub(crate) fn boxes(&self) -> &'a Boxes<'a> {
        self.boxes
    }

    /// Routes every edge; one polyline per edge, in order. None when the searches needed more than the
    /// budget.
    pub(crate) fn route(&mut self, edges: &[(usize, usize)]) -> Option<Vec<Vec<Point>>> {
        let inp = self.boxes;
        let mut used: Option<Used> = None;
        let mut out = Vec::with_capacity(edges.len());
        let mut loops: BTreeMap<usize, usize> = BTreeMap::new();
        let mut degree = vec![0usize; inp.rects.len()];
        for &(u, v) in edges {
            degree[u] += 1;
            degree[v] += 1;
        }
        for (e, &(u, v)) in edges.iter().enumerate() {
            let stops = inp.lanes.get(e).and_then(Option::as_deref);
            let pts = if u == v {
                let k = loops.entry(u).or_insert(0);
                *k += 1;
                self_loop(&inp.rects[u], *k - 1)
            } else if let Some(p) = stops.and_then(|l| lanes::along_lanes(inp, u, v, l, (degree[u], degree[v]))) {
                p
            } else if let Some(p) = direct::direct(inp, u, v) {
                p
            } else {
                // The search avoids what is drawn so far: recorded from here on, once a search is needed.
                let used = used.get_or_insert_with(|| {
                    let mut used = Used::default();
                    out.iter().for_each(|p: &Vec<Point>| used.add(p));
                    used
                });
                search::route_one(&Query { inp, all: &self.all, used, u, v, hard: false }, &mut self.scratch)
            };
            if self.scratch.over {
                return None;
            }
            if let Some(used) = used.as_mut() {
                used.add(&pts);
            }
            out.push(pts);
        }
        Some(out)
    }

    /// Searches edge `k` again with running along any other route forbidden, and takes the new route when
    /// it runs along fewer of them than the old one. Whether it did; None when over the budget.
    pub(crate) fn reroute(&mut self, edges: &[(usize, usize)], routes: &mut [Vec<Point>], k: usize) -> Option<bool> {
        let (u, v) = edges[k];
        let mut used = Used::default();
        for (j, pts) in routes.iter().enumerate() {
            if j != k {
                used.add(pts);
            }
        }
        let query = Query { inp: self.boxes, all: &self.all, used: &used, u, v, hard: true };
        let pts = search::route_one(&query, &mut self.scratch);
        if self.scratch.over {
            return None;
        }
        let better = used.shared(&pts) < used.shared(&routes[k]);
        if better {
            routes[k] = pts;
        }
        Some(better)
    }
}

/// A small loop over the top-right corner of a box.
/// The `k`-th loop of a box: ports within a few pixels of a corner (where nudged ports never go) and a lane
/// inside the margin band, closer than any routed lane, so loops never run along other edges or each other.
/// Loops take the four corners in turn (top-right first), then step outwards.
fn self_loop(r: &Rect, k: usize) -> Vec<(f64, f64)> {
    let level = (k / 4) as f64;
    let o = 5.5 + 1.5 * level;
    let inset = 2.5 - 0.5 * level.min(4.0);
    // The loop at the top-right corner, then mirrored onto the corner's side.
    let (sx, sy) = [(1.0, 1.0), (1.0, -1.0), (-1.0, -1.0), (-1.0, 1.0)][k % 4];
    let (cx, cy) = (r.cx(), r.cy());
    let (hw, hh) = (r.w / 2.0, r.h / 2.0);
    [(hw, -hh + inset), (hw + o, -hh + inset), (hw + o, -hh - o), (hw - inset, -hh - o), (hw - inset, -hh)]
        .iter()
        .map(|&(x, y)| (cx + sx * x, cy + sy * y))
        .collect()
}
