//! Routing: every relation becomes an orthogonal polyline. Most follow the lanes placement kept for them
//! (`along_lanes`): straight through each lane, turning only in the channel between layers at the level
//! where the two stops' arrangements meet (so every edge crossing a channel turns on one line there, and
//! nudging orders them), or from a lane beside a container entered from its side, in that container's
//! channel, stepping aside round a container's label when one is in the way. What has no
//! lane or finds it blocked takes a straight line or a Z between facing sides (`direct`), and failing
//! that an A* search over a sparse grid (the lines a margin away from each box it must avoid, through
//! box centres, and lanes between them), with costs for length, bends, and running along an earlier edge.
//!
//! For a searched edge u→v only the containers on the way matter: u's and v's ancestors up to their
//! lowest common ancestor `L`. Their other children are obstacles, as are the label rows of the
//! containers passed through, and the path stays inside `L`: O(k) grid lines for the k children on the
//! way, O(k² log k) per search. A lane route costs O(s · b) for `s` stops and `b` boxes on the way.
//!
//! Guarantees: orthogonal segments; no segment enters a box that is not an end of the edge or an
//! ancestor of one, nor the label row of a container it passes; the first point is on u's border and the
//! last on v's.

use super::place::{LABEL_BAND, MARGIN, Stop};

/// Distance kept from a box's corner by a port.
const CORNER: f64 = 4.0;
use crate::scene::Rect;
use crate::spec::Direction;
use std::cmp::Ordering;
use std::collections::{BTreeSet, BinaryHeap, HashMap};

const BEND: f64 = 30.0;
const OVERLAP: f64 = 60.0;
const CROSS: f64 = 40.0;
const EPS: f64 = 1e-6;

/// What the router needs of the placed diagram.
pub struct Input<'a> {
    pub rects: &'a [Rect],
    pub parent: &'a [Option<usize>],
    pub kids: &'a [Vec<usize>],
    pub roots: &'a [usize],
    /// The rectangle of each container's label (empty for leaves).
    pub label_rects: &'a [Option<Rect>],
    pub direction: Direction,
    /// Per edge, the stops placement prepared for it (see [`super::place::Placement`]).
    pub lanes: &'a [Option<Vec<Stop>>],
    /// The children of big containers in order along each axis (see [`Order`]).
    pub order: &'a Order,
}

/// The children of each container with more than `MANY` of them, sorted by left side and by top side,
/// with the widest and tallest child: a check of a segment against the children then looks only at those
/// within its reach along one axis, not at every child of a wide cluster. O(n log n) to build.
#[derive(Default)]
pub struct Order {
    by_x: Vec<Vec<usize>>,
    by_y: Vec<Vec<usize>>,
    most: Vec<(f64, f64)>,
}

/// Fewest children that a container needs to be ordered (fewer are simply all checked).
const MANY: usize = 12;

impl Order {
    pub fn new(rects: &[Rect], kids: &[Vec<usize>]) -> Order {
        let mut o = Order::default();
        for list in kids {
            let (mut xs, mut ys) = (Vec::new(), Vec::new());
            let mut most = (0.0f64, 0.0f64);
            // One sort for both axes (each instance of a sort adds to the wasm).
            let sorted = |list: &[usize], x: bool| {
                let side = |k: usize| if x { rects[k].x } else { rects[k].y };
                let mut v = list.to_vec();
                v.sort_unstable_by(|&a, &b| side(a).total_cmp(&side(b)).then(a.cmp(&b)));
                v
            };
            if list.len() > MANY {
                xs = sorted(list, true);
                ys = sorted(list, false);
                for &k in list {
                    most = (most.0.max(rects[k].w), most.1.max(rects[k].h));
                }
            }
            o.by_x.push(xs);
            o.by_y.push(ys);
            o.most.push(most);
        }
        o
    }

    /// The children of `k` that may come within `reach` of the box from `a` to `b` (all of them, for a
    /// container with few); along the axis in which that box is narrower.
    pub fn near<'a>(&'a self, inp: &Input<'a>, k: usize, a: (f64, f64), b: (f64, f64), reach: f64) -> &'a [usize] {
        let all = &inp.kids[k];
        let Some(xs) = self.by_x.get(k).filter(|xs| !xs.is_empty()) else { return all };
        let reach = reach.max(0.0) + 1.0;
        let (x0, x1, y0, y1) = (a.0.min(b.0), a.0.max(b.0), a.1.min(b.1), a.1.max(b.1));
        let across = x1 - x0 <= y1 - y0;
        let (list, lo, hi) = if across {
            (xs, x0 - reach - self.most[k].0, x1 + reach)
        } else {
            (&self.by_y[k], y0 - reach - self.most[k].1, y1 + reach)
        };
        let start = |c: &usize| if across { inp.rects[*c].x } else { inp.rects[*c].y };
        let i = list.partition_point(|c| start(c) <= lo);
        let j = i + list[i..].partition_point(|c| start(c) < hi);
        &list[i..j]
    }
}

/// Segments already drawn, by line (horizontal?, coordinate in tenths). Looked up once per grid line of
/// an edge's search, never iterated, so hash order cannot reach the output.
#[derive(Default)]
pub(crate) struct Used {
    lines: HashMap<(bool, i64), Vec<(f64, f64)>>,
}

impl Used {
    fn key(v: f64) -> i64 {
        (v * 10.0).round() as i64
    }
    fn on(&self, horizontal: bool, at: f64) -> &[(f64, f64)] {
        self.lines.get(&(horizontal, Self::key(at))).map_or(&[], |v| v.as_slice())
    }
    /// How many segments of a polyline run along a recorded segment.
    fn shared(&self, pts: &[(f64, f64)]) -> usize {
        pts.windows(2)
            .filter(|w| {
                let h = (w[0].1 - w[1].1).abs() < EPS;
                let (at, a, b) = if h { (w[0].1, w[0].0, w[1].0) } else { (w[0].0, w[0].1, w[1].1) };
                let (lo, hi) = (a.min(b), a.max(b));
                self.on(h, at).iter().any(|&(x, y)| x < hi - 0.05 && lo < y - 0.05)
            })
            .count()
    }
    fn add(&mut self, pts: &[(f64, f64)]) {
        for w in pts.windows(2) {
            let ((x0, y0), (x1, y1)) = (w[0], w[1]);
            if (y0 - y1).abs() < EPS {
                self.lines.entry((true, Self::key(y0))).or_default().push((x0.min(x1), x0.max(x1)));
            } else {
                self.lines.entry((false, Self::key(x0))).or_default().push((y0.min(y1), y0.max(y1)));
            }
        }
    }
}

/// Search state reused across edges: entries count only when stamped with the current generation, so a
/// new search costs nothing to clear. It also keeps the searches' budget: grid states allocated plus
/// states expanded, over all searches of one routing.
#[derive(Default)]
pub(crate) struct Scratch {
    dist: Vec<f64>,
    prev: Vec<usize>,
    src: Vec<usize>,
    stamp: Vec<u32>,
    generation: u32,
    work: u64,
    budget: u64,
    over: bool,
}

/// The most grid states one search may have (its scratch takes 28 bytes a state).
const MAX_STATES: usize = 2_000_000;
/// The most work all searches of one routing may do, in grid states allocated and expanded: the corpus
/// needs at most a few million (arch-3000); far more means a graph that the layered layout would take
/// seconds over, and is drawn by the simple layout instead.
pub const SEARCH_BUDGET: u64 = 4_000_000;

impl Scratch {
    fn with_budget(budget: u64) -> Scratch {
        Scratch { budget, ..Scratch::default() }
    }

    /// Spends `n` units of the budget; false (and the routing is over budget) when there are not enough.
    fn spend(&mut self, n: u64) -> bool {
        self.work = self.work.saturating_add(n);
        if self.work > self.budget {
            self.over = true;
        }
        !self.over
    }

    fn reset(&mut self, n: usize) {
        if self.stamp.len() < n {
            self.dist.resize(n, f64::INFINITY);
            self.prev.resize(n, usize::MAX);
            self.src.resize(n, usize::MAX);
            self.stamp.resize(n, 0);
        }
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.stamp.fill(0);
            self.generation = 1;
        }
    }
    fn touch(&mut self, i: usize) {
        if self.stamp[i] != self.generation {
            self.stamp[i] = self.generation;
            self.dist[i] = f64::INFINITY;
            self.prev[i] = usize::MAX;
            self.src[i] = usize::MAX;
        }
    }
    fn dist(&self, i: usize) -> f64 {
        if self.stamp[i] == self.generation { self.dist[i] } else { f64::INFINITY }
    }
    fn prev(&self, i: usize) -> usize {
        if self.stamp[i] == self.generation { self.prev[i] } else { usize::MAX }
    }
    fn source(&self, i: usize) -> usize {
        if self.stamp[i] == self.generation { self.src[i] } else { usize::MAX }
    }
    fn put(&mut self, i: usize, d: f64, p: usize) {
        self.touch(i);
        self.dist[i] = d;
        self.prev[i] = p;
    }
}

#[derive(PartialEq)]
struct Item(f64, usize);
impl Eq for Item {}
impl PartialOrd for Item {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Item {
    fn cmp(&self, o: &Self) -> Ordering {
        o.0.total_cmp(&self.0).then(o.1.cmp(&self.1))
    }
}

/// Directions: 0 = +x, 1 = -x, 2 = +y, 3 = -y.
const DX: [i64; 4] = [1, -1, 0, 0];
const DY: [i64; 4] = [0, 0, 1, -1];

struct End {
    /// Grid point a margin from the box.
    at: (f64, f64),
    /// Point on the box's border.
    border: (f64, f64),
    /// Direction of travel from the border to `at` (for a source) or from `at` to the border (target).
    dir: usize,
    cost: f64,
}

/// Routes every edge; returns one polyline per edge, in order.
pub fn route(inp: &Input, edges: &[(usize, usize)]) -> Vec<Vec<(f64, f64)>> {
    route_within(inp, edges, u64::MAX).unwrap_or_default()
}

/// [`route`] with at most `budget` units of search work (see [`SEARCH_BUDGET`]); None when that is not
/// enough.
pub fn route_within(inp: &Input, edges: &[(usize, usize)], budget: u64) -> Option<Vec<Vec<(f64, f64)>>> {
    let mut used: Option<Used> = None;
    let mut scratch = Scratch::with_budget(budget);
    let all = bbox(inp.rects);
    let mut out = Vec::with_capacity(edges.len());
    let mut loops: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut degree = vec![0usize; inp.rects.len()];
    for &(u, v) in edges {
        degree[u] += 1;
        degree[v] += 1;
    }
    for (e, &(u, v)) in edges.iter().enumerate() {
        let lanes = inp.lanes.get(e).and_then(Option::as_deref);
        let pts = if u == v {
            let k = loops.entry(u).or_insert(0);
            *k += 1;
            self_loop(&inp.rects[u], *k - 1)
        } else if let Some(p) = lanes.and_then(|l| along_lanes(inp, u, v, l, (degree[u], degree[v]))) {
            p
        } else if let Some(p) = direct(inp, u, v) {
            p
        } else {
            // The search avoids what is drawn so far: recorded from here on, once a search is needed.
            let used = used.get_or_insert_with(|| {
                let mut used = Used::default();
                out.iter().for_each(|p: &Vec<(f64, f64)>| used.add(p));
                used
            });
            route_one(inp, &all, used, u, v, false, &mut scratch)
        };
        if scratch.over {
            return None;
        }
        if let Some(used) = used.as_mut() {
            used.add(&pts);
        }
        out.push(pts);
    }
    let mut lines = super::nudge::nudge(inp, edges, &mut out);
    let clean = lines.is_some();
    // Whatever still runs along another edge is searched again, with that forbidden; the new route is
    // kept when it runs along fewer edges than the old one.
    for _ in 0..if clean { 0 } else { 4 } {
        let offenders = super::nudge::overlapping(edges, &out);
        if offenders.is_empty() {
            break;
        }
        for k in offenders {
            let (u, v) = edges[k];
            let mut used = Used::default();
            for (j, pts) in out.iter().enumerate() {
                if j != k {
                    used.add(pts);
                }
            }
            let pts = route_one(inp, &all, &used, u, v, true, &mut scratch);
            if scratch.over {
                return None;
            }
            if used.shared(&pts) < used.shared(&out[k]) {
                out[k] = pts;
                lines = None;
            }
        }
    }
    super::straighten::straighten(inp, edges, &mut out, lines);
    Some(out)
}

fn bbox(rects: &[Rect]) -> Rect {
    if rects.is_empty() {
        return Rect::default();
    }
    let x0 = rects.iter().map(|r| r.x).fold(f64::INFINITY, f64::min);
    let y0 = rects.iter().map(|r| r.y).fold(f64::INFINITY, f64::min);
    let x1 = rects.iter().map(|r| r.right()).fold(f64::NEG_INFINITY, f64::max);
    let y1 = rects.iter().map(|r| r.bottom()).fold(f64::NEG_INFINITY, f64::max);
    Rect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }
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

fn chain(parent: &[Option<usize>], mut x: usize) -> Vec<usize> {
    let mut c = Vec::with_capacity(8);
    c.push(x);
    while let Some(p) = parent[x] {
        c.push(p);
        x = p;
    }
    c
}

/// Searches a route. With `hard`, running along an earlier edge is forbidden rather than costly, and
/// every side offers extra ports beside its middle.
fn route_one(
    inp: &Input,
    all: &Rect,
    used: &Used,
    u: usize,
    v: usize,
    hard: bool,
    scratch: &mut Scratch,
) -> Vec<(f64, f64)> {
    // Most routes stay near their ends: search a window around them first, then everything.
    let (a, b) = (inp.rects[u], inp.rects[v]);
    let (x0, y0) = (a.x.min(b.x), a.y.min(b.y));
    let (x1, y1) = (a.right().max(b.right()), a.bottom().max(b.bottom()));
    let pad = 160.0 + 0.25 * (x1 - x0).max(y1 - y0);
    let window = Rect { x: x0 - pad, y: y0 - pad, w: x1 - x0 + 2.0 * pad, h: y1 - y0 + 2.0 * pad };
    search(inp, all, used, u, v, hard, Some(window), scratch)
        .or_else(|| search(inp, all, used, u, v, hard, None, scratch))
        .unwrap_or_else(|| fallback(&a, &b))
}

/// One A* search, within `window` when given; None when no route exists there.
#[allow(clippy::too_many_arguments)]
fn search(
    inp: &Input,
    all: &Rect,
    used: &Used,
    u: usize,
    v: usize,
    hard: bool,
    window: Option<Rect>,
    scratch: &mut Scratch,
) -> Option<Vec<(f64, f64)>> {
    if scratch.over {
        return None;
    }
    let m = MARGIN;
    let cu = chain(inp.parent, u);
    let cv = chain(inp.parent, v);
    let set_v: BTreeSet<usize> = cv.iter().copied().collect();
    let lca = cu.iter().copied().find(|x| set_v.contains(x));
    // Containers the path runs through.
    let mut through: BTreeSet<usize> = BTreeSet::new();
    for c in [&cu, &cv] {
        for &x in c.iter().skip(1) {
            if Some(x) == lca {
                break;
            }
            through.insert(x);
        }
    }
    if let Some(l) = lca {
        through.insert(l);
    }
    let mut obstacles: Vec<Rect> = Vec::new();
    let mut lanes: Vec<Rect> = Vec::new();
    let push_kids = |list: &[usize], obstacles: &mut Vec<Rect>| {
        for &k in list {
            if !through.contains(&k) {
                obstacles.push(inp.rects[k]);
            }
        }
    };
    if lca.is_none() {
        push_kids(inp.roots, &mut obstacles);
    }
    for &x in &through {
        push_kids(&inp.kids[x], &mut obstacles);
        if let Some(l) = inp.label_rects[x] {
            obstacles.push(l);
        }
        lanes.push(inp.rects[x]);
    }
    let bounds = match lca {
        Some(l) => {
            let r = inp.rects[l];
            Rect { x: r.x + m, y: r.y + m, w: r.w - 2.0 * m, h: r.h - 2.0 * m }
        }
        None => Rect { x: all.x - 3.0 * m, y: all.y - 3.0 * m, w: all.w + 6.0 * m, h: all.h + 6.0 * m },
    };
    let bounds = match window {
        Some(w) => {
            let (x0, y0) = (bounds.x.max(w.x), bounds.y.max(w.y));
            let (x1, y1) = (bounds.right().min(w.right()), bounds.bottom().min(w.bottom()));
            Rect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }
        }
        None => bounds,
    };
    if window.is_some() {
        let near = |r: &Rect| {
            r.x - m < bounds.right()
                && r.right() + m > bounds.x
                && r.y - m < bounds.bottom()
                && r.bottom() + m > bounds.y
        };
        obstacles.retain(near);
        lanes.retain(near);
    }

    let (ru, rv) = (inp.rects[u], inp.rects[v]);
    let fwd_lr = inp.direction == Direction::Lr;
    let mut sources = ends(&ru, through.contains(&u), true, fwd_lr, 0.0);
    let mut targets = ends(&rv, through.contains(&v), false, fwd_lr, 0.0);
    if hard {
        for shift in [-7.5, 7.5, -13.5, 13.5] {
            sources.extend(ends(&ru, through.contains(&u), true, fwd_lr, shift));
            targets.extend(ends(&rv, through.contains(&v), false, fwd_lr, shift));
        }
        // A port's stub must not lie on an earlier edge either.
        let clear = |e: &End| {
            let horizontal = (e.at.1 - e.border.1).abs() < EPS;
            let (at, a, b) = if horizontal { (e.at.1, e.at.0, e.border.0) } else { (e.at.0, e.at.1, e.border.1) };
            let (lo, hi) = (a.min(b), a.max(b));
            !used.on(horizontal, at).iter().any(|&(x, y)| x < hi - 0.05 && lo < y - 0.05)
        };
        sources.retain(clear);
        targets.retain(clear);
    }

    let mut xs = vec![bounds.x, bounds.right()];
    let mut ys = vec![bounds.y, bounds.bottom()];
    for o in &obstacles {
        xs.extend([o.x - m, o.cx(), o.right() + m]);
        ys.extend([o.y - m, o.cy(), o.bottom() + m]);
    }
    for l in &lanes {
        xs.extend([l.x - m, l.x + m, l.right() - m, l.right() + m]);
        ys.extend([l.y - m, l.y + LABEL_BAND + m, l.bottom() - m, l.bottom() + m]);
    }
    for e in sources.iter().chain(targets.iter()) {
        xs.push(e.at.0);
        ys.push(e.at.1);
    }
    let xs = lines(xs, bounds.x, bounds.right());
    let ys = lines(ys, bounds.y, bounds.bottom());
    let (nx, ny) = (xs.len(), ys.len());
    if nx * ny * 4 > MAX_STATES || !scratch.spend((nx * ny * 4) as u64) {
        scratch.over = true;
        return None;
    }
    let mut blocked = vec![false; nx * ny];
    for o in &obstacles {
        let i0 = xs.partition_point(|&x| x <= o.x - m + EPS);
        let i1 = xs.partition_point(|&x| x < o.right() + m - EPS);
        let j0 = ys.partition_point(|&y| y <= o.y - m + EPS);
        let j1 = ys.partition_point(|&y| y < o.bottom() + m - EPS);
        for j in j0..j1 {
            for i in i0..i1 {
                blocked[j * nx + i] = true;
            }
        }
    }
    let find = |vals: &[f64], v: f64| vals.iter().position(|&x| (x - v).abs() < 0.25);
    let cell = |p: (f64, f64)| -> Option<usize> {
        let (i, j) = (find(&xs, p.0)?, find(&ys, p.1)?);
        (!blocked[j * nx + i]).then_some(j * nx + i)
    };

    // Costs of running along or across earlier edges, per grid step: one lookup per grid line.
    let mut along_h = vec![false; nx * ny]; // step (i,j)->(i+1,j) runs on an earlier segment
    let mut along_v = vec![false; nx * ny]; // step (i,j)->(i,j+1)
    let mut across_h = vec![false; nx * ny]; // a horizontal move into (i,j) crosses an earlier vertical
    let mut across_v = vec![false; nx * ny];
    mark_used(used, true, &ys, &xs, |j, i| j * nx + i, &mut along_h, &mut across_v);
    mark_used(used, false, &xs, &ys, |i, j| j * nx + i, &mut along_v, &mut across_h);

    let states = nx * ny * 4;
    let sc = &mut *scratch;
    sc.reset(states + 1);
    let goal = states;
    let tcells: Vec<(usize, &End)> = targets.iter().filter_map(|t| cell(t.at).map(|c| (c, t))).collect();
    let h = |c: usize| {
        let (x, y) = (xs[c % nx], ys[c / nx]);
        tcells.iter().map(|(_, t)| (t.at.0 - x).abs() + (t.at.1 - y).abs()).fold(f64::INFINITY, f64::min)
    };
    let mut heap = BinaryHeap::new();
    for (k, s) in sources.iter().enumerate() {
        if let Some(c) = cell(s.at) {
            let st = c * 4 + s.dir;
            if s.cost < sc.dist(st) {
                sc.put(st, s.cost, usize::MAX);
                sc.src[st] = k;
                heap.push(Item(s.cost + h(c), st));
            }
        }
    }
    let mut goal_target = usize::MAX;
    while let Some(Item(_, st)) = heap.pop() {
        if st == goal {
            break;
        }
        if !sc.spend(1) {
            return None;
        }
        let (c, d) = (st / 4, st % 4);
        let g = sc.dist(st);
        for (k, (tc, t)) in tcells.iter().enumerate() {
            if *tc == c {
                let cost = g + if d == t.dir { 0.0 } else { BEND } + t.cost;
                if cost < sc.dist(goal) {
                    sc.put(goal, cost, st);
                    goal_target = k;
                    heap.push(Item(cost, goal));
                }
            }
        }
        let (i, j) = ((c % nx) as i64, (c / nx) as i64);
        for nd in 0..4 {
            if nd ^ 1 == d {
                continue;
            }
            let (ni, nj) = (i + DX[nd], j + DY[nd]);
            if ni < 0 || nj < 0 || ni >= nx as i64 || nj >= ny as i64 {
                continue;
            }
            let nc = nj as usize * nx + ni as usize;
            if blocked[nc] {
                continue;
            }
            let (x0, y0, x1, y1) = (xs[i as usize], ys[j as usize], xs[ni as usize], ys[nj as usize]);
            let horizontal = nd < 2;
            let mut cost = g + (x1 - x0).abs() + (y1 - y0).abs();
            if nd != d {
                cost += BEND;
            }
            let step =
                if horizontal { nj as usize * nx + i.min(ni) as usize } else { j.min(nj) as usize * nx + ni as usize };
            if (horizontal && along_h[step]) || (!horizontal && along_v[step]) {
                if hard {
                    continue;
                }
                cost += OVERLAP;
            }
            if (horizontal && across_h[nc]) || (!horizontal && across_v[nc]) {
                cost += CROSS;
            }
            let ns = nc * 4 + nd;
            if cost < sc.dist(ns) {
                sc.put(ns, cost, st);
                heap.push(Item(cost + h(nc), ns));
            }
        }
    }
    if sc.prev(goal) == usize::MAX {
        return None;
    }
    let t = tcells[goal_target].1;
    let mut cells = Vec::new();
    let mut st = sc.prev(goal);
    loop {
        cells.push(st / 4);
        if sc.source(st) != usize::MAX {
            break;
        }
        st = sc.prev(st);
    }
    let s = &sources[sc.source(st)];
    cells.reverse();
    let mut pts = vec![s.border];
    pts.extend(cells.iter().map(|&c| (xs[c % nx], ys[c / nx])));
    pts.push(t.border);
    Some(simplify(pts))
}

/// Sorted, deduplicated grid lines inside [lo, hi], plus lanes halfway across wide gaps.
fn lines(mut v: Vec<f64>, lo: f64, hi: f64) -> Vec<f64> {
    v.retain(|&x| x >= lo - EPS && x <= hi + EPS);
    v.sort_by(f64::total_cmp);
    v.dedup_by(|a, b| (*a - *b).abs() < 0.25);
    let mut out = Vec::with_capacity(v.len() * 2);
    for k in 0..v.len() {
        if k > 0 && v[k] - v[k - 1] > 4.0 * MARGIN {
            out.push(((v[k] + v[k - 1]) / 2.0).round());
        }
        out.push(v[k]);
    }
    out
}

/// The four attachment points of a box: outside it, or inside it when the other end is within.
fn ends(r: &Rect, inner: bool, source: bool, lr: bool, shift: f64) -> Vec<End> {
    let m = MARGIN;
    let (cx, cy) = (r.cx().round() + shift, r.cy().round() + shift);
    if shift.abs() * 2.0 + 8.0 > r.w.min(r.h) {
        return Vec::new();
    }
    // Preference: leave forward (right or down), arrive from behind (left or top).
    let pref = |side: usize| -> f64 {
        let forward = if lr { 0 } else { 2 };
        let back = forward + 1;
        let want = if source { forward } else { back };
        if side == want {
            0.0
        } else if side == (want ^ 1) {
            4.0 * m
        } else {
            1.5 * m
        }
    };
    // side: 0 = right, 1 = left, 2 = bottom, 3 = top (the direction pointing out of the box).
    let mut v = Vec::new();
    for side in 0..4 {
        let border = match side {
            0 => (r.right(), cy),
            1 => (r.x, cy),
            2 => (cx, r.bottom()),
            _ => (cx, r.y),
        };
        let out = [(1.0, 0.0), (-1.0, 0.0), (0.0, 1.0), (0.0, -1.0)][side];
        let (sign, dir) = if inner {
            if side == 3 {
                continue; // the label row
            }
            (-1.0, side ^ 1)
        } else {
            (1.0, side)
        };
        let at = (border.0 + sign * out.0 * m, border.1 + sign * out.1 * m);
        // A source leaves along `dir`; a target is entered against it.
        let dir = if source { dir } else { dir ^ 1 };
        v.push(End { at, border, dir, cost: m + pref(side) + shift.abs() });
    }
    v
}

fn fallback(a: &Rect, b: &Rect) -> Vec<(f64, f64)> {
    let mx = ((a.right() + b.x) / 2.0).round();
    simplify(vec![(a.right(), a.cy()), (mx, a.cy()), (mx, b.cy()), (b.x, b.cy())])
}

/// Drops repeated points and points in the middle of straight runs.
pub fn simplify(pts: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(pts.len());
    for p in pts {
        if out.last().is_some_and(|q| (q.0 - p.0).abs() < EPS && (q.1 - p.1).abs() < EPS) {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let same_x = (a.0 - b.0).abs() < EPS && (b.0 - p.0).abs() < EPS;
            let same_y = (a.1 - b.1).abs() < EPS && (b.1 - p.1).abs() < EPS;
            if same_x || same_y {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// The ends of an edge and all their ancestors: the boxes its path may enter.
pub(super) fn allowed(parent: &[Option<usize>], u: usize, v: usize) -> Vec<usize> {
    let mut a = chain(parent, u);
    a.extend(chain(parent, v));
    a.sort_unstable();
    a.dedup();
    a
}

/// Whether a segment keeps clear (by `clear`) of every box it may not enter, of the interiors of its two
/// ends, and of the label rows of the containers it passes through. Walks the containment tree from the
/// top, descending only into allowed boxes.
pub(super) fn segment_clear(
    inp: &Input,
    ends: (usize, usize),
    allowed: &[usize],
    a: (f64, f64),
    b: (f64, f64),
    clear: f64,
    stack: &mut Vec<usize>,
) -> bool {
    // An end that holds the other end is passed through like any ancestor.
    let holds = |a: usize, b: usize| super::place::contains(inp.parent, a, b);
    stack.clear();
    stack.extend_from_slice(inp.roots);
    while let Some(k) = stack.pop() {
        let r = inp.rects[k];
        let is_end = (k == ends.0 && !holds(k, ends.1)) || (k == ends.1 && !holds(k, ends.0));
        let grow = if is_end { 0.0 } else { clear };
        let big = Rect { x: r.x - grow, y: r.y - grow, w: r.w + 2.0 * grow, h: r.h + 2.0 * grow };
        if !crosses_open(&big, a, b) {
            continue;
        }
        if is_end || allowed.binary_search(&k).is_err() {
            return false;
        }
        if let Some(l) = inp.label_rects[k] {
            let l = Rect { x: l.x - clear, y: l.y - clear, w: l.w + 2.0 * clear, h: l.h + 2.0 * clear };
            if crosses_open(&l, a, b) {
                return false;
            }
        }
        stack.extend(inp.order.near(inp, k, a, b, clear));
    }
    true
}

fn crosses_open(r: &Rect, a: (f64, f64), b: (f64, f64)) -> bool {
    let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
    let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
    x1 > r.x + EPS && x0 < r.right() - EPS && y1 > r.y + EPS && y0 < r.bottom() - EPS
}

/// Marks, for the earlier segments lying on each line of one orientation (`lines`, crossed by `steps`),
/// the grid steps that run along them and the grid points where a perpendicular move crosses them.
fn mark_used(
    used: &Used,
    horizontal: bool,
    lines: &[f64],
    steps: &[f64],
    cell: impl Fn(usize, usize) -> usize,
    along: &mut [bool],
    across: &mut [bool],
) {
    for (line, &at) in lines.iter().enumerate() {
        for &(lo, hi) in used.on(horizontal, at) {
            let k0 = steps.partition_point(|&x| x < lo - EPS);
            let k1 = steps.partition_point(|&x| x <= hi + EPS);
            for k in k0..k1.saturating_sub(1) {
                along[cell(line, k)] = true;
            }
            for k in k0..k1 {
                if steps[k] > lo + EPS && steps[k] < hi - EPS {
                    across[cell(line, k)] = true;
                }
            }
        }
    }
}

/// The simple routes of a layered drawing, tried before any search: a straight line between facing
/// sides, or a Z through the channel between the two boxes. None when one end holds the other or
/// nothing simple fits.
fn direct(inp: &Input, u: usize, v: usize) -> Option<Vec<(f64, f64)>> {
    if chain(inp.parent, v).contains(&u) || chain(inp.parent, u).contains(&v) {
        return None;
    }
    let ok = allowed(inp.parent, u, v);
    let (a, b) = (inp.rects[u], inp.rects[v]);
    let m = MARGIN;
    let lr = inp.direction == Direction::Lr;
    // Work in (main, cross) coordinates: main runs along the flow.
    let flip = |p: (f64, f64)| if lr { p } else { (p.1, p.0) };
    let (a0, a1, ac) = if lr { (a.x, a.right(), a.cy().round()) } else { (a.y, a.bottom(), a.cx().round()) };
    let (b0, b1, bc) = if lr { (b.x, b.right(), b.cy().round()) } else { (b.y, b.bottom(), b.cx().round()) };
    let clear = m - 1.0;
    let try_path = |pts: Vec<(f64, f64)>| -> Option<Vec<(f64, f64)>> {
        let pts: Vec<(f64, f64)> = pts.into_iter().map(flip).collect();
        let mut stack = Vec::new();
        pts.windows(2).all(|w| segment_clear(inp, (u, v), &ok, w[0], w[1], clear, &mut stack)).then(|| simplify(pts))
    };
    // Forward (b after a) or backward along the main axis, with room for a channel between.
    let (from, to) = if b0 >= a1 + 2.0 * m {
        (a1, b0)
    } else if a0 >= b1 + 2.0 * m {
        (a0, b1)
    } else {
        return None;
    };
    if (ac - bc).abs() < 0.5 {
        return try_path(vec![(from, ac), (to, ac)]);
    }
    let dir = (to - from).signum();
    let mid = ((from + to) / 2.0).round();
    for at in [mid, from + dir * m, to - dir * m] {
        if let Some(p) = try_path(vec![(from, ac), (at, ac), (at, bc), (to, bc)]) {
            return Some(p);
        }
    }
    None
}

/// The route placement prepared for an edge: from its source through each of its lanes in turn to its
/// target, running along the flow and turning only in the gaps between (between layers, or in a
/// container's padding), or stepping aside round a container's label on the way in. None when an end
/// shares a layer with the next lane or no turn keeps clear.
fn along_lanes(inp: &Input, u: usize, v: usize, lanes: &[Stop], degree: (usize, usize)) -> Option<Vec<(f64, f64)>> {
    let lr = inp.direction == Direction::Lr;
    // Work in (main, cross) coordinates: main runs along the flow.
    let flip = |p: (f64, f64)| if lr { p } else { (p.1, p.0) };
    let span = |st: &Stop| {
        let r = st.rect;
        if lr { (r.x, r.right(), (r.cy() + st.port).round()) } else { (r.y, r.bottom(), (r.cx() + st.port).round()) }
    };
    let mut stops: Vec<(f64, f64, f64)> = lanes.iter().map(span).collect();
    // An end box with no other edge, whose side spans the next lane, meets the edge right there, straight,
    // without a turn (with other edges, its ports keep their order).
    let last = stops.len() - 1;
    for (end, next, deg) in [(0, 1, degree.0), (last, last - 1, degree.1)] {
        let st = &lanes[end];
        if deg > 1 {
            continue;
        }
        let (c0, c1) = if lr { (st.rect.y, st.rect.bottom()) } else { (st.rect.x, st.rect.right()) };
        let want = stops[next].2;
        if !st.border && last > 1 && want >= c0 + 2.0 * CORNER && want <= c1 - 2.0 * CORNER {
            stops[end].2 = want;
        }
    }
    let ok = allowed(inp.parent, u, v);
    let stack = std::cell::RefCell::new(Vec::new());
    let clear = |a: (f64, f64), b: (f64, f64)| {
        segment_clear(inp, (u, v), &ok, flip(a), flip(b), MARGIN - 1.0, &mut stack.borrow_mut())
    };
    let path_clear = |p: &[(f64, f64)]| p.windows(2).all(|w| clear(w[0], w[1]));
    // Label rows of the containers on the way, as (main0, main1, cross0, cross1).
    let labels: Vec<(f64, f64, f64, f64)> = ok
        .iter()
        .filter_map(|&a| inp.label_rects[a])
        .map(|l| if lr { (l.x, l.right(), l.y, l.bottom()) } else { (l.y, l.bottom(), l.x, l.right()) })
        .collect();
    let m = MARGIN;
    let (t0, t1) = if lr { (inp.rects[v].y, inp.rects[v].bottom()) } else { (inp.rects[v].x, inp.rects[v].right()) };
    let mut pts: Vec<(f64, f64)> = Vec::with_capacity(2 * stops.len() + 2);
    for k in 1..stops.len() {
        let (p0, p1, pc) = stops[k - 1];
        let (q0, q1, qc) = stops[k];
        let (g0, g1, fwd) = if q0 >= p1 - EPS {
            (p1, q0, true)
        } else if q1 <= p0 + EPS {
            (q1, p0, false)
        } else {
            return None;
        };
        if k == 1 {
            let border = lanes[0].border;
            pts.push((if fwd != border { p1 } else { p0 }, pc));
        }
        let cur = *pts.last()?;
        let (enter, leave) = if fwd { (q0, q1) } else { (q1, q0) };
        let inside = |j: f64| j >= g0 - EPS && j <= g1 + EPS;
        let mid = ((g0 + g1) / 2.0).round();
        let (near_p, near_q) = if fwd { (g0 + m, g1 - m) } else { (g1 - m, g0 + m) };
        // The channel next to the outer of the two layers: every edge leaving or entering that layer
        // turns on one line there, so nudging orders them all together.
        let (sp, sq) = (&lanes[k - 1], &lanes[k]);
        let channel = if fwd { [sp.hop.1, sq.before] } else { [sp.hop.0, sq.after] };
        // One turn in the gap, or none when the lane is straight ahead.
        // Where the route meets the target across the flow (its port, unless it steps round a label).
        let mut landing = qc;
        let mut hop: Option<Vec<(f64, f64)>> = if (pc - qc).abs() < 0.5 {
            clear(cur, (enter, qc)).then(Vec::new)
        } else {
            [channel[0], channel[1], mid, near_p, near_q]
                .into_iter()
                .filter(|&j| inside(j))
                .map(|j| [(j, pc), (j, qc)])
                .find(|turn| clear(cur, turn[0]) && clear(turn[0], turn[1]) && clear(turn[1], (enter, qc)))
                .map(|turn| turn.to_vec())
        };
        // Else step aside round a label in the gap: turn early, pass beside the label, turn in again
        // just before the stop.
        if hop.is_none() {
            'aside: for &(l0, l1, c0, c1) in &labels {
                if l1 <= g0 || l0 >= g1 {
                    continue;
                }
                let before = if fwd { (g0 + l0) / 2.0 } else { (l1 + g1) / 2.0 };
                for side in [c1 + m, c0 - m] {
                    for j in [channel[0], near_p, before.round()] {
                        if !inside(j) {
                            continue;
                        }
                        // Into the target itself, beside the label when its side reaches there.
                        if k == last && !lanes[k].border && side >= t0 + 2.0 * CORNER && side <= t1 - 2.0 * CORNER {
                            let turn = vec![(j, pc), (j, side)];
                            if path_clear(&[cur, turn[0], turn[1], (enter, side)]) {
                                hop = Some(turn);
                                landing = side;
                                break 'aside;
                            }
                        }
                        if !inside(near_q) {
                            continue;
                        }
                        let turn = vec![(j, pc), (j, side), (near_q, side), (near_q, qc)];
                        let mut full = vec![cur];
                        full.extend(&turn);
                        full.push((enter, qc));
                        if path_clear(&full) {
                            hop = Some(turn);
                            break 'aside;
                        }
                    }
                }
            }
        }
        pts.extend(hop?);
        if k + 1 == stops.len() {
            let end = if lanes[k].border { leave } else { enter };
            if !clear((enter, landing), (end, landing)) {
                return None;
            }
            pts.push((end, landing));
        } else {
            if !clear((enter, qc), (leave, qc)) {
                return None;
            }
            pts.push((leave, qc));
        }
    }
    Some(simplify(pts.into_iter().map(flip).collect()))
}

/// Test boxes: box 0 holds every other one; no labels, laid out top to bottom. The router's tests and
/// those of the passes after it build their input from it.
#[cfg(test)]
pub(super) struct Fixture {
    pub rects: Vec<Rect>,
    parent: Vec<Option<usize>>,
    kids: Vec<Vec<usize>>,
    labels: Vec<Option<Rect>>,
    order: Order,
}

#[cfg(test)]
impl Fixture {
    pub fn new(rects: Vec<Rect>) -> Fixture {
        let n = rects.len();
        let parent = (0..n).map(|i| (i > 0).then_some(0)).collect();
        let kids: Vec<Vec<usize>> = std::iter::once((1..n).collect()).chain((1..n).map(|_| vec![])).collect();
        let order = Order::new(&rects, &kids);
        Fixture { parent, kids, labels: vec![None; n], order, rects }
    }

    pub fn input(&self) -> Input<'_> {
        Input {
            rects: &self.rects,
            parent: &self.parent,
            kids: &self.kids,
            roots: &[0],
            label_rects: &self.labels,
            direction: Direction::Tb,
            lanes: &[],
            order: &self.order,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_near_keeps_every_child_a_segment_comes_within_reach_of() {
        // A container with a 9 × 9 grid of children of varied sizes, and segments across it.
        let mut rects = vec![Rect { x: 0.0, y: 0.0, w: 2000.0, h: 2000.0 }];
        for i in 0..81 {
            let (c, r) = ((i % 9) as f64, (i / 9) as f64);
            let (w, h) = (40.0 + (i * 37 % 160) as f64, 30.0 + (i * 53 % 90) as f64);
            rects.push(Rect { x: 20.0 + c * 215.0, y: 20.0 + r * 215.0, w, h });
        }
        let fixture = Fixture::new(rects);
        let (inp, rects, order) = (fixture.input(), &fixture.rects, &fixture.order);
        let mut checked = 0;
        for k in 0..400 {
            let (a, b) = ((k * 131 % 1900) as f64 + 3.0, (k * 277 % 1900) as f64 + 5.0);
            let (lo, hi) = ((k * 71 % 1000) as f64, (k * 71 % 1000 + 40 + k * 13 % 900) as f64);
            let (p, q) = if k % 2 == 0 { ((lo, a), (hi, a)) } else { ((b, lo), (b, hi)) };
            let reach = (k % 4) as f64 * 5.0;
            let near = order.near(&inp, 0, p, q, reach);
            assert!(near.len() < 81, "segment {k} looks at every child");
            for (c, r) in rects.iter().enumerate().skip(1) {
                let grown = Rect { x: r.x - reach, y: r.y - reach, w: r.w + 2.0 * reach, h: r.h + 2.0 * reach };
                if crosses_open(&grown, p, q) {
                    assert!(near.contains(&c), "segment {k} from {p:?} to {q:?} misses child {c}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 100, "only {checked} children met");
    }
}
