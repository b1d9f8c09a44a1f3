//! The A* search over a sparse grid, for the edges that neither a lane route nor a direct one can take.
//! For an edge u→v only the containers on the way matter: u's and v's ancestors up to their lowest common
//! ancestor `L`. Their other children are obstacles, as are the label rows of the containers passed
//! through, and the path stays inside `L`: O(k) grid lines for the k children on the way, O(k² log k)
//! per search. Guarantee: a found route enters no obstacle (grown by a margin); every search spends from
//! one budget and stops when it is gone.

use crate::layout::geom::{EPS, Point, simplify};
use crate::layout::knobs::{BEND, CROSS, LABEL_BAND, MARGIN, MAX_STATES, OVERLAP};
use crate::layout::obstacles::Boxes;
use crate::layout::tree::chain;
use crate::scene::Rect;
use crate::spec::Direction;
use std::cmp::Ordering;
use std::collections::{BTreeSet, BinaryHeap, HashMap};

/// Segments already drawn, by line (horizontal?, coordinate in tenths). Looked up once per grid line of
/// an edge's search, never iterated, so hash order cannot reach the output.
#[derive(Default)]
pub(super) struct Used {
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
    pub(super) fn shared(&self, pts: &[(f64, f64)]) -> usize {
        pts.windows(2)
            .filter(|w| {
                let h = (w[0].1 - w[1].1).abs() < EPS;
                let (at, a, b) = if h { (w[0].1, w[0].0, w[1].0) } else { (w[0].0, w[0].1, w[1].1) };
                let (lo, hi) = (a.min(b), a.max(b));
                self.on(h, at).iter().any(|&(x, y)| x < hi - 0.05 && lo < y - 0.05)
            })
            .count()
    }
    pub(super) fn add(&mut self, pts: &[(f64, f64)]) {
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
pub(super) struct Scratch {
    dist: Vec<f64>,
    prev: Vec<usize>,
    src: Vec<usize>,
    stamp: Vec<u32>,
    generation: u32,
    work: u64,
    budget: u64,
    pub(super) over: bool,
}

impl Scratch {
    pub(super) fn with_budget(budget: u64) -> Scratch {
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

/// One edge's search: what it routes over, what is drawn so far, its ends, and whether running along an
/// earlier edge is forbidden rather than costly (then every side offers extra ports beside its middle).
pub(super) struct Query<'q> {
    pub(super) inp: &'q Boxes<'q>,
    /// The bounding box of every box.
    pub(super) all: &'q Rect,
    pub(super) used: &'q Used,
    pub(super) u: usize,
    pub(super) v: usize,
    pub(super) hard: bool,
}

/// Searches a route: within a window around the ends first, then everywhere, and failing both a Z
/// between the two boxes.
pub(super) fn route_one(q: &Query, scratch: &mut Scratch) -> Vec<Point> {
    // Most routes stay near their ends: search a window around them first, then everything.
    let (a, b) = (q.inp.rects[q.u], q.inp.rects[q.v]);
    let (x0, y0) = (a.x.min(b.x), a.y.min(b.y));
    let (x1, y1) = (a.right().max(b.right()), a.bottom().max(b.bottom()));
    let pad = 160.0 + 0.25 * (x1 - x0).max(y1 - y0);
    let window = Rect { x: x0 - pad, y: y0 - pad, w: x1 - x0 + 2.0 * pad, h: y1 - y0 + 2.0 * pad };
    search(q, Some(window), scratch).or_else(|| search(q, None, scratch)).unwrap_or_else(|| fallback(&a, &b))
}

/// Where a search may go: the containers its path runs through, the boxes it must avoid, the containers
/// whose padding lanes it may use, and the rectangle it stays in.
struct Scope {
    through: BTreeSet<usize>,
    obstacles: Vec<Rect>,
    lanes: Vec<Rect>,
    bounds: Rect,
}

/// The scope of one search, within `window` when given.
fn scope(q: &Query, window: Option<Rect>) -> Scope {
    let (inp, m) = (q.inp, MARGIN);
    let cu = chain(inp.parent, q.u);
    let cv = chain(inp.parent, q.v);
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
    let all = q.all;
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
    Scope { through, obstacles, lanes, bounds }
}

/// The ports a search may start and end at; with `hard`, more of them, none on an earlier edge.
fn terminals(q: &Query, through: &BTreeSet<usize>) -> (Vec<End>, Vec<End>) {
    let (ru, rv) = (q.inp.rects[q.u], q.inp.rects[q.v]);
    let fwd_lr = q.inp.direction == Direction::Lr;
    let mut sources = ends(&ru, through.contains(&q.u), true, fwd_lr, 0.0);
    let mut targets = ends(&rv, through.contains(&q.v), false, fwd_lr, 0.0);
    if q.hard {
        for shift in [-7.5, 7.5, -13.5, 13.5] {
            sources.extend(ends(&ru, through.contains(&q.u), true, fwd_lr, shift));
            targets.extend(ends(&rv, through.contains(&q.v), false, fwd_lr, shift));
        }
        // A port's stub must not lie on an earlier edge either.
        let clear = |e: &End| {
            let horizontal = (e.at.1 - e.border.1).abs() < EPS;
            let (at, a, b) = if horizontal { (e.at.1, e.at.0, e.border.0) } else { (e.at.0, e.at.1, e.border.1) };
            let (lo, hi) = (a.min(b), a.max(b));
            !q.used.on(horizontal, at).iter().any(|&(x, y)| x < hi - 0.05 && lo < y - 0.05)
        };
        sources.retain(clear);
        targets.retain(clear);
    }
    (sources, targets)
}

/// The search grid: its lines, and which of its points lie inside an obstacle (grown by a margin).
struct Grid {
    xs: Vec<f64>,
    ys: Vec<f64>,
    nx: usize,
    ny: usize,
    blocked: Vec<bool>,
}

impl Grid {
    /// The grid point at `p`, if it lies on one and is free.
    fn cell(&self, p: Point) -> Option<usize> {
        let find = |vals: &[f64], v: f64| vals.iter().position(|&x| (x - v).abs() < 0.25);
        let (i, j) = (find(&self.xs, p.0)?, find(&self.ys, p.1)?);
        (!self.blocked[j * self.nx + i]).then_some(j * self.nx + i)
    }
}

/// The grid lines: a margin round each obstacle and through its centre, both sides of each lane, every
/// port; None when the grid would hold more states than one search may (or than the budget has left).
fn grid(sc: &Scope, ports: &[&End], scratch: &mut Scratch) -> Option<Grid> {
    let (bounds, m) = (sc.bounds, MARGIN);
    let mut xs = vec![bounds.x, bounds.right()];
    let mut ys = vec![bounds.y, bounds.bottom()];
    for o in &sc.obstacles {
        xs.extend([o.x - m, o.cx(), o.right() + m]);
        ys.extend([o.y - m, o.cy(), o.bottom() + m]);
    }
    for l in &sc.lanes {
        xs.extend([l.x - m, l.x + m, l.right() - m, l.right() + m]);
        ys.extend([l.y - m, l.y + LABEL_BAND + m, l.bottom() - m, l.bottom() + m]);
    }
    for e in ports {
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
    for o in &sc.obstacles {
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
    Some(Grid { xs, ys, nx, ny, blocked })
}

/// One A* search, within `window` when given; None when no route exists there.
fn search(q: &Query, window: Option<Rect>, scratch: &mut Scratch) -> Option<Vec<Point>> {
    if scratch.over {
        return None;
    }
    let sc = scope(q, window);
    let (sources, targets) = terminals(q, &sc.through);
    let ports: Vec<&End> = sources.iter().chain(targets.iter()).collect();
    let grid = grid(&sc, &ports, scratch)?;
    astar(q, &grid, &sources, &targets, scratch)
}

/// The cheapest path on the grid from a source port to a target port, by A* over (point, direction)
/// states; None when there is none or the budget ran out.
fn astar(q: &Query, grid: &Grid, sources: &[End], targets: &[End], scratch: &mut Scratch) -> Option<Vec<Point>> {
    let Grid { xs, ys, nx, ny, blocked } = grid;
    let (nx, ny) = (*nx, *ny);
    let cell = |p: Point| grid.cell(p);
    // Costs of running along or across earlier edges, per grid step: one lookup per grid line.
    let mut along_h = vec![false; nx * ny]; // step (i,j)->(i+1,j) runs on an earlier segment
    let mut along_v = vec![false; nx * ny]; // step (i,j)->(i,j+1)
    let mut across_h = vec![false; nx * ny]; // a horizontal move into (i,j) crosses an earlier vertical
    let mut across_v = vec![false; nx * ny];
    mark_used(q.used, true, ys, xs, |j, i| j * nx + i, &mut along_h, &mut across_v);
    mark_used(q.used, false, xs, ys, |i, j| j * nx + i, &mut along_v, &mut across_h);

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
                if q.hard {
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
