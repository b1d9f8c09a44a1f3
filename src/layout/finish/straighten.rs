//! Jog removal: the last routing pass takes out Z-shaped steps (two bends) where one of the step's two
//! parallel runs can slide onto the other's line without touching a box, a label row or another edge.
//!
//! A route is ... → A → J0 → J1 → B → … where A→J0 and J1→B run the same way and J0→J1 is the jog. The
//! jog goes when the run after it moves onto the line of the run before it (or the other way round), the
//! segment beyond the moved run stretching or shrinking to meet it; an end that moves stays on its
//! box's side, clear of the corners. A move is kept only if every new segment keeps a margin from the
//! boxes it may not enter and from container labels (the router's own check), comes no nearer another
//! edge than the old segments did (a track away where they were, never onto one line; touching an edge
//! no more often), and the route crosses no more edges than before. Jogs go in two rounds, in the order of
//! where their runs would move from, so that a packed bundle stepping aside as one straightens run by run;
//! in the first, those whose removal saves crossings go before the rest. Guarantees: the zero-invariants
//! the router established still hold; bends and crossings never increase. Cost: O(R · J · (log S + K))
//! for R rounds, J jogs, S segments and K segments met near the new lines (crossings are counted among
//! the segments listed in the band of a run's line, see [`Bands`]).

use crate::layout::geom::{Point, simplify};
use crate::layout::knobs::{END_CORNER, JOG_ROUNDS, MARGIN, TINY_JOG, TOUCH, TRACK};
use crate::layout::obstacles::{Boxes, segment_clear};
use crate::layout::segments::{Lines, by_line, set_segments};
use crate::layout::tree::allowed;
use std::collections::BTreeMap;
/// Beyond any coordinate: puts the jogs whose runs move towards higher coordinates (right or down) before
/// those moving towards lower ones.
const FAR: f64 = 1e9;

/// Removes the jogs it can from every route, in place; `lines`, when given, are the routes' segments.
pub(super) fn straighten(inp: &Boxes, ends: &[(usize, usize)], routes: &mut [Vec<Point>], lines: Option<Lines>) {
    let mut lines = lines.unwrap_or_else(|| by_line(routes));
    let mut bands = Bands::new(routes);
    let mut stack = Vec::new();
    // The containers each edge may enter, worked out when first needed.
    let mut oks: Vec<Option<Vec<usize>>> = vec![None; ends.len()];
    // How many times each route has changed: a jog's candidates checked in the first round stand while
    // its route has not.
    let mut version = vec![0usize; ends.len()];
    let mut jogs: Vec<Jog> = Vec::new();
    let mut order: Vec<(usize, f64, usize)> = Vec::new();
    for round in 0..JOG_ROUNDS {
        jogs.clear();
        for (k, &(u, v)) in ends.iter().enumerate() {
            if u == v || routes[k].len() < 4 {
                continue;
            }
            let pts = &routes[k];
            let ok = if round == 0 { &*oks[k].get_or_insert_with(|| allowed(inp.parent, u, v)) } else { &[][..] };
            for j in 1..pts.len() - 2 {
                // In the first round, the candidates that touch no box (a move elsewhere cannot change
                // that) and what the best of them would save; counted in the first round only, as the
                // count is costly and later rounds mostly finish what the first began.
                let (saves, fit) = if round > 0 {
                    (0, None)
                } else {
                    let fit: Vec<Vec<Point>> = without_jog(pts, j, inp, (u, v))
                        .unwrap_or_default()
                        .into_iter()
                        .filter(|c| {
                            c.len() + 2 <= pts.len()
                                && !near_self(c)
                                && difference(pts, c)
                                    .0
                                    .windows(2)
                                    .all(|w| segment_clear(inp, (u, v), ok, w[0], w[1], MARGIN - 1.0, &mut stack))
                        })
                        .collect();
                    let saves = fit.iter().map(|c| {
                        let (fresh, gone) = difference(pts, c);
                        let was = bands.crossings(k, gone, usize::MAX);
                        was - bands.crossings(k, fresh, was)
                    });
                    (saves.max().unwrap_or(0), Some(fit))
                };
                // The run after the jog would move from the line of its second point to that of its first.
                // Runs moving towards lower coordinates go first from the low end, the others first from
                // the high end, so that a bundle stepping aside as one moves a run at a time into room its
                // neighbour has just left.
                let (j0, j1) = (pts[j], pts[j + 1]);
                let (from, to) = if (j0.1 - j1.1).abs() < 1e-9 { (j1.0, j0.0) } else { (j1.1, j0.1) };
                let key = if to < from { from } else { -from - FAR };
                jogs.push(Jog { saves, key, edge: k, at: (j0, j1), version: version[k], fit });
            }
        }
        // Jogs whose removal saves crossings first (the order decides which of two rival moves wins).
        // (Jogs were found edge by edge, so their index breaks ties by edge, and then in route order.)
        order.clear();
        order.extend(jogs.iter().enumerate().map(|(i, j)| (j.saves, j.key, i)));
        order.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut changed = false;
        for &(_, _, i) in &order {
            let jog = &mut jogs[i];
            let (k, (j0, j1)) = (jog.edge, jog.at);
            let (u, v) = ends[k];
            let Some(j) = routes[k].windows(2).position(|w| w[0] == j0 && w[1] == j1) else {
                continue;
            };
            if j == 0 || j + 2 >= routes[k].len() {
                continue;
            }
            let old = &routes[k];
            // Candidates already found clear of boxes, on a route that has not changed since, need only
            // the checks against other edges.
            let fit = jog.fit.take().filter(|_| jog.version == version[k]);
            let checked = fit.is_some();
            let cands = fit.unwrap_or_else(|| without_jog(old, j, inp, (u, v)).unwrap_or_default());
            let ok = &*oks[k].get_or_insert_with(|| allowed(inp.parent, u, v));
            // A step of a pixel or two (ports squeezed on a short side) may go even where the runs lie
            // closer than a track to another edge: they already did, and the step only blurs them.
            let reach =
                if (j0.0 - j1.0).abs() + (j0.1 - j1.1).abs() <= TINY_JOG { TINY_JOG + 0.5 } else { TRACK - 0.5 };
            let fits = cands.into_iter().find(|c| {
                if c.len() + 2 > old.len() {
                    return false;
                }
                // Only the segments a candidate adds or drops need checking.
                let (fresh, gone) = difference(old, c);
                // The cheaper checks first.
                (checked
                    || !near_self(c)
                        && fresh
                            .windows(2)
                            .all(|w| segment_clear(inp, (u, v), ok, w[0], w[1], MARGIN - 1.0, &mut stack)))
                    && {
                        let was = bands.crossings(k, gone, usize::MAX);
                        bands.crossings(k, fresh, was + 1) <= was
                    }
                    && no_nearer(&lines, &bands, k, fresh, gone, reach)
            });
            if let Some(c) = fits {
                set_segments(&mut lines, k, &routes[k], false);
                let (fresh, gone) = difference(&routes[k], &c);
                bands.set(k, gone, false);
                bands.set(k, fresh, true);
                routes[k] = c;
                set_segments(&mut lines, k, &routes[k], true);
                version[k] += 1;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// A jog found in a round, to remove in order.
struct Jog {
    /// How many crossings its removal would save (first round only).
    saves: usize,
    /// Where its run moves from (see [`FAR`]).
    key: f64,
    edge: usize,
    /// Its two points: it is found again by them, as earlier removals in its route shift the indices.
    at: (Point, Point),
    /// The version of its route when found, and (first round) its candidates clear of boxes then.
    version: usize,
    fit: Option<Vec<Vec<Point>>>,
}

/// The stretches where two versions of a route differ: the new one's and the old one's (each a run of
/// points, the shared points at either end included).
fn difference<'a>(old: &'a [Point], new: &'a [Point]) -> (&'a [Point], &'a [Point]) {
    let eq = |p: &Point, q: &Point| (p.0 - q.0).abs() < 1e-9 && (p.1 - q.1).abs() < 1e-9;
    let most = old.len().min(new.len());
    let pre = old.iter().zip(new).take_while(|(p, q)| eq(p, q)).count().min(most);
    let suf = old.iter().rev().zip(new.iter().rev()).take_while(|(p, q)| eq(p, q)).count().min(most - pre);
    let cut = |pts: &'a [Point]| &pts[pre.saturating_sub(1)..(pts.len() - suf + 1).min(pts.len())];
    (cut(new), cut(old))
}

/// The route without the jog from point `j` to `j + 1`, by moving the run after it or the run before it;
/// None when that segment is no Z-shaped jog.
fn without_jog(pts: &[Point], j: usize, inp: &Boxes, (u, v): (usize, usize)) -> Option<Vec<Vec<Point>>> {
    let (a, j0, j1, b) = (pts[j - 1], pts[j], pts[j + 1], pts[j + 2]);
    let horizontal = (j0.1 - j1.1).abs() < 1e-9;
    // Along the runs (main) and across them (cross).
    let main = |p: Point| if horizontal { p.1 } else { p.0 };
    let cross = |p: Point| if horizontal { p.0 } else { p.1 };
    let at = |m: f64, c: f64| if horizontal { (c, m) } else { (m, c) };
    let (d0, d1) = (main(j0) - main(a), main(b) - main(j1));
    if d0 * d1 <= 0.0 || (cross(a) - cross(j0)).abs() > 1e-9 || (cross(b) - cross(j1)).abs() > 1e-9 {
        return None;
    }
    let last = pts.len() - 1;
    // Whether an end point may slide across to `c` along its box's side.
    let end_fits = |end: usize, c: f64| {
        let r = inp.rects[end];
        let (lo, hi) = if horizontal { (r.x, r.right()) } else { (r.y, r.bottom()) };
        c >= lo + END_CORNER && c <= hi - END_CORNER
    };
    let mut out = Vec::with_capacity(2);
    // The run after the jog onto the line before it.
    let (c0, c1) = (cross(j0), cross(j1));
    if j + 2 < last || end_fits(v, c0) {
        let mut p: Vec<Point> = pts[..j].to_vec();
        p.push(at(main(b), c0));
        p.extend_from_slice(&pts[j + 3..]);
        out.push(simplify(p));
    }
    // The run before the jog onto the line after it.
    if j > 1 || end_fits(u, c1) {
        let mut p: Vec<Point> = pts[..j - 1].to_vec();
        p.push(at(main(a), c1));
        p.extend_from_slice(&pts[j + 2..]);
        out.push(simplify(p));
    }
    Some(out)
}

/// A segment as (horizontal, fixed coordinate, low end, high end).
fn seg(w: &[Point]) -> (bool, f64, f64, f64) {
    let h = (w[0].1 - w[1].1).abs() < 1e-9;
    let (at, a, c) = if h { (w[0].1, w[0].0, w[1].0) } else { (w[0].0, w[0].1, w[1].1) };
    (h, at, a.min(c), a.max(c))
}

/// Whether two segments of one route, not next to each other, run along each other.
fn near_self(pts: &[Point]) -> bool {
    let n = pts.len().saturating_sub(1);
    (0..n).any(|i| {
        let s = seg(&pts[i..i + 2]);
        (i + 2..n)
            .map(|j| seg(&pts[j..j + 2]))
            .any(|t| t.0 == s.0 && (t.1 - s.1).abs() < TRACK - 0.5 && t.2 < s.3 + TOUCH && s.2 < t.3 + TOUCH)
    })
}

fn key(at: f64) -> i64 {
    (at * 10.0).round() as i64
}

/// Whether new segments (`fresh`, replacing `gone`) come no nearer other edges than the old ones did:
/// each parallel segment of another edge less than `reach` away lies at least as far from the new ones
/// as it did from the old (and never within half a pixel: one line to the eye), and each other edge
/// touched (an end on a new segment, or a new end on it, without a clean crossing) is touched no more
/// often than before. In packed channels the old route often ran nearer than a track already; the move
/// then only has to make nothing worse.
fn no_nearer(lines: &Lines, bands: &Bands, edge: usize, fresh: &[Point], gone: &[Point], reach: f64) -> bool {
    let (mut par, mut touch) = (Vec::new(), Vec::new());
    near(lines, bands, edge, fresh, reach, &mut par, &mut touch);
    if par.is_empty() && touch.is_empty() {
        return true;
    }
    if par.iter().any(|&(_, d)| d < 0.5) {
        return false;
    }
    let (mut was_par, mut was_touch) = (Vec::new(), Vec::new());
    near(lines, bands, edge, gone, TRACK - 0.5, &mut was_par, &mut was_touch);
    let was = |e: usize| was_par.iter().filter(|p| p.0 == e).map(|p| p.1).fold(f64::INFINITY, f64::min);
    let count = |list: &[usize], e: usize| list.iter().filter(|&&x| x == e).count();
    par.iter().all(|&(e, d)| d >= was(e).min(reach) - 1e-6)
        && touch.iter().all(|&e| count(&touch, e) <= count(&was_touch, e))
}

/// The other edges a run of points comes near: parallel segments less than `reach` away along a shared
/// stretch, as (edge, distance), and perpendicular ones that touch it (end on it, or are met by its end)
/// without a clean crossing. Perpendicular lines near the run's ends come from `lines`; those between
/// can only touch it with an end, so they come from the band of the run's line.
fn near(
    lines: &Lines,
    bands: &Bands,
    edge: usize,
    run: &[Point],
    reach: f64,
    par: &mut Vec<(usize, f64)>,
    touch: &mut Vec<usize>,
) {
    let reach = key(reach);
    for (h, at, lo, hi) in run.windows(2).map(seg) {
        for (&(_, line), list) in lines.range((h, key(at) - reach)..=(h, key(at) + reach)) {
            let d = (line as f64 / 10.0 - at).abs();
            par.extend(list.iter().filter(|s| s.0 != edge && s.2 < hi + TOUCH && lo < s.3 + TOUCH).map(|s| (s.0, d)));
        }
        // Lines within a touch of either end (one stretch when the run is short).
        let (a0, a1, b0, b1) = (key(lo - TOUCH), key(lo + TOUCH), key(hi - TOUCH), key(hi + TOUCH));
        let apart = b0 > a1 + 1;
        let stretches = if apart { [(a0, a1), (b0, b1)] } else { [(a0, b1), (0, -1)] };
        for (k0, k1) in stretches.into_iter().filter(|s| s.0 <= s.1) {
            for (&(_, k), list) in lines.range((!h, k0)..=(!h, k1)) {
                let y = k as f64 / 10.0;
                let at_end = (y - lo).abs() < TOUCH || (y - hi).abs() < TOUCH;
                for s in list {
                    if s.0 == edge || s.2 > at + TOUCH || s.3 < at - TOUCH {
                        continue;
                    }
                    let their_end = (s.2 - at).abs() < TOUCH || (s.3 - at).abs() < TOUCH;
                    if at_end || their_end {
                        touch.push(s.0);
                    }
                }
            }
        }
        // Lines between, ending within a touch of the run's line: listed in the band of one of the
        // points a touch either side of it (in the second only if not also in the first).
        if apart {
            let (first, second) = (((at - TOUCH) / BAND).floor() as i64, ((at + TOUCH) / BAND).floor() as i64);
            for b in first..=second {
                let Some(band) = bands.0.get(&(!h, b)) else { continue };
                for s in band.lines(a1 + 1, b0) {
                    if s.id.1 == edge || (b > first && s.lo < b as f64 * BAND) || s.lo > at + TOUCH || s.hi < at - TOUCH
                    {
                        continue;
                    }
                    if (s.lo - at).abs() < TOUCH || (s.hi - at).abs() < TOUCH {
                        touch.push(s.id.1);
                    }
                }
            }
        }
    }
}

/// The segments of all edges by orientation and by band of their span: each is listed, by (line in
/// tenths, edge, ends in tenths), in every band of [`BAND`] px that its span meets, with its ends and how
/// many times the edge has it (a segment an edge has twice, one on the other, is crossed once). A
/// crossing query then looks only at the perpendicular segments that reach the band of its own line,
/// not at every line its span passes (thousands, for a run across a wide container); a move updates
/// only the segments it changes.
type Id = (i64, usize, i64, i64);
/// A listed segment: its id, its ends, and how many times its edge has it.
struct Listed {
    id: Id,
    lo: f64,
    hi: f64,
    n: u32,
}
/// A band's segments: most in a vector sorted by id (a query scans a stretch of it in order), the latest
/// additions in a short unsorted one that is merged in when it grows past [`FRESH`]; a removed segment
/// of the sorted part stays, counted zero times, until then. (Inserting into the sorted vector at once
/// moved 230 M instructions of memory on arch-3000.)
#[derive(Default)]
struct Band {
    sorted: Vec<Listed>,
    fresh: Vec<Listed>,
}
/// Most additions a band holds unsorted.
const FRESH: usize = 32;
struct Bands(BTreeMap<(bool, i64), Band>);

/// Width of a band (a long segment is listed in each band it meets). On arch-3000, 256, 512, 1024 and
/// 2048 px took 962, 903, 880 and 885 M instructions for parse and layout: narrower bands cost more
/// listings, wider ones longer scans.
const BAND: f64 = 1024.0;

impl Band {
    /// The segments on lines (in tenths) from `first` up to but not including `end`.
    fn lines(&self, first: i64, end: i64) -> impl Iterator<Item = &Listed> {
        let a = self.sorted.partition_point(|s| s.id.0 < first);
        let b = a + self.sorted[a..].partition_point(|s| s.id.0 < end);
        let fresh = self.fresh.iter().filter(move |s| (first..end).contains(&s.id.0));
        self.sorted[a..b].iter().filter(|s| s.n > 0).chain(fresh)
    }

    /// Counts a segment once more (`add`) or once less.
    fn set(&mut self, id: Id, lo: f64, hi: f64, add: bool) {
        let step = |n: &mut u32| if add { *n += 1 } else { *n = n.saturating_sub(1) };
        if let Ok(i) = self.sorted.binary_search_by(|s| s.id.cmp(&id))
            && (add || self.sorted[i].n > 0)
        {
            return step(&mut self.sorted[i].n);
        }
        if let Some(i) = self.fresh.iter().position(|s| s.id == id) {
            step(&mut self.fresh[i].n);
            if self.fresh[i].n == 0 {
                self.fresh.swap_remove(i);
            }
        } else if add {
            self.fresh.push(Listed { id, lo, hi, n: 1 });
            if self.fresh.len() > FRESH {
                by_id(&mut self.fresh);
                let old = std::mem::take(&mut self.sorted);
                let mut fresh = std::mem::take(&mut self.fresh).into_iter().peekable();
                self.sorted.reserve(old.len() + FRESH + 1);
                for s in old.into_iter().filter(|s| s.n > 0) {
                    while let Some(f) = fresh.next_if(|f| f.id < s.id) {
                        self.sorted.push(f);
                    }
                    self.sorted.push(s);
                }
                self.sorted.extend(fresh);
            }
        }
    }
}

/// Sorts listed segments by id (one sort for both uses).
fn by_id(list: &mut [Listed]) {
    list.sort_unstable_by_key(|s| s.id);
}

impl Bands {
    fn new(routes: &[Vec<Point>]) -> Bands {
        let mut bands = Bands(BTreeMap::new());
        for (k, pts) in routes.iter().enumerate() {
            for (h, at, lo, hi) in pts.windows(2).map(seg) {
                for b in (lo / BAND).floor() as i64..=(hi / BAND).floor() as i64 {
                    let id = (key(at), k, key(lo), key(hi));
                    bands.0.entry((h, b)).or_default().sorted.push(Listed { id, lo, hi, n: 1 });
                }
            }
        }
        // Listed unsorted, then sorted once per band (much cheaper than one insert at a time).
        for band in bands.0.values_mut() {
            by_id(&mut band.sorted);
            band.sorted.dedup_by(|a, b| {
                a.id == b.id && {
                    b.n += 1;
                    true
                }
            });
        }
        bands
    }

    /// Puts the segments of a run of an edge's points in, or takes them out.
    fn set(&mut self, edge: usize, pts: &[Point], add: bool) {
        for (h, at, lo, hi) in pts.windows(2).map(seg) {
            let id = (key(at), edge, key(lo), key(hi));
            for b in (lo / BAND).floor() as i64..=(hi / BAND).floor() as i64 {
                self.0.entry((h, b)).or_default().set(id, lo, hi, add);
            }
        }
    }

    /// How many segments of other edges a run of points crosses (strictly, not at an end), counting no
    /// further than `limit` (a run that reaches it is no better).
    fn crossings(&self, edge: usize, run: &[Point], limit: usize) -> usize {
        let mut n = 0;
        for (h, at, lo, hi) in run.windows(2).map(seg) {
            let Some(band) = self.0.get(&(!h, (at / BAND).floor() as i64)) else { continue };
            n += band
                .lines(key(lo) + 1, key(hi))
                .filter(|s| s.id.1 != edge && s.lo < at - 1e-9 && at + 1e-9 < s.hi)
                .count();
            if n >= limit {
                return limit;
            }
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::obstacles::Fixture;
    use crate::scene::Rect;

    /// Two boxes inside a container, `a` above and left of `b`, and optionally a third box in between.
    fn boxes(blocker: bool) -> Fixture {
        let mut rects = vec![
            Rect { x: 0.0, y: 0.0, w: 400.0, h: 400.0 },
            Rect { x: 40.0, y: 40.0, w: 100.0, h: 36.0 },
            Rect { x: 60.0, y: 300.0, w: 100.0, h: 36.0 },
        ];
        if blocker {
            rects.push(Rect { x: 80.0, y: 150.0, w: 100.0, h: 36.0 });
        }
        Fixture::new(rects)
    }

    fn run(blocker: bool, routes: &mut [Vec<(f64, f64)>], ends: &[(usize, usize)]) {
        straighten(&boxes(blocker).input(), ends, routes, None);
    }

    /// a's bottom to b's top with a jog halfway, to x = 150: beyond a's side, so only the later run can
    /// move (onto x = 100, within b's side).
    fn z() -> Vec<(f64, f64)> {
        vec![(100.0, 76.0), (100.0, 200.0), (150.0, 200.0), (150.0, 300.0)]
    }

    #[test]
    fn a_free_jog_goes() {
        let mut routes = vec![z()];
        run(false, &mut routes, &[(1, 2)]);
        assert_eq!(routes[0], vec![(100.0, 76.0), (100.0, 300.0)]);
    }

    #[test]
    fn a_jog_round_a_box_stays() {
        // The box at x 80..180, y 150..186 stands in the way of both straight lines.
        let mut routes =
            vec![vec![(100.0, 76.0), (100.0, 120.0), (200.0, 120.0), (200.0, 250.0), (130.0, 250.0), (130.0, 300.0)]];
        let before = routes[0].clone();
        run(true, &mut routes, &[(1, 2)]);
        assert_eq!(routes[0], before);
    }

    #[test]
    fn a_jog_stays_when_the_new_line_would_run_along_another_edge() {
        // Another edge runs down x = 103 below the jog only: 3 px from where the later run would land,
        // and far from both old runs.
        let mut routes = vec![z(), vec![(103.0, 210.0), (103.0, 290.0)]];
        let before = routes[0].clone();
        run(false, &mut routes, &[(1, 2), (0, 0)]);
        assert_eq!(routes[0], before, "a run moved to within a track of another edge");
    }

    #[test]
    fn a_jog_goes_beside_an_edge_the_route_already_ran_as_near() {
        // Another edge runs down x = 103 from above the jog to below it: the run before the jog already
        // lies 3 px from it, and the straight route lies no nearer.
        let mut routes = vec![z(), vec![(103.0, 120.0), (103.0, 290.0)]];
        run(false, &mut routes, &[(1, 2), (0, 0)]);
        assert_eq!(routes[0], vec![(100.0, 76.0), (100.0, 300.0)]);
    }

    #[test]
    fn a_jog_stays_when_the_new_line_comes_nearer_another_edge() {
        // Another edge runs 4 px beside the later run (x = 146), then 2 px from where it would land
        // (x = 102).
        let other = vec![(146.0, 210.0), (146.0, 250.0), (102.0, 250.0), (102.0, 290.0)];
        let mut routes = vec![z(), other];
        let before = routes[0].clone();
        run(false, &mut routes, &[(1, 2), (0, 0)]);
        assert_eq!(routes[0], before, "a run moved nearer another edge than it was");
    }

    #[test]
    fn a_bundle_stepping_aside_straightens_as_one() {
        // Three edges a track apart, each stepping one track right halfway, listed from the right: a
        // later run can only move back onto its line once the edge to its left has left it.
        let step = |x: f64, y: f64| vec![(x, 76.0), (x, y), (x + 6.0, y), (x + 6.0, 300.0)];
        let mut routes = vec![step(112.0, 200.0), step(106.0, 202.0), step(100.0, 204.0)];
        run(false, &mut routes, &[(1, 2), (1, 2), (1, 2)]);
        for (k, x) in [112.0, 106.0, 100.0].into_iter().enumerate() {
            assert_eq!(routes[k], vec![(x, 76.0), (x, 300.0)], "edge {k}");
        }
    }

    #[test]
    fn a_jog_stays_when_removing_it_adds_a_crossing() {
        // A horizontal edge crosses x = 100 between y 200 and 300 but ends before x = 150.
        let mut routes = vec![z(), vec![(20.0, 250.0), (115.0, 250.0)]];
        let before = routes[0].clone();
        run(false, &mut routes, &[(1, 2), (0, 0)]);
        assert_eq!(routes[0], before);
    }

    #[test]
    fn a_one_pixel_step_goes_even_beside_another_edge() {
        // Another edge runs down x = 104, 4 px from both runs: too near for a long step to land there,
        // but this step only blurs two runs that were as near already.
        let mut routes = vec![
            vec![(100.0, 76.0), (100.0, 200.0), (101.0, 200.0), (101.0, 300.0)],
            vec![(104.0, 120.0), (104.0, 290.0)],
        ];
        run(false, &mut routes, &[(1, 2), (0, 0)]);
        assert_eq!(routes[0].len(), 2, "{:?}", routes[0]);
    }

    /// A small deterministic generator for the property tests below.
    fn lcg(state: &mut u64) -> u64 {
        *state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        *state >> 33
    }

    #[test]
    fn bands_count_crossings_as_a_plain_list_does_through_adds_and_removals() {
        let mut rng = 7u64;
        let mut bands = Bands::new(&[]);
        // The plain list: every segment listed, by (edge, horizontal, line, low, high).
        let mut plain: Vec<(usize, bool, f64, f64, f64)> = Vec::new();
        let mut gone: Vec<(usize, bool, f64, f64, f64)> = Vec::new();
        let random_seg = |rng: &mut u64| {
            let h = lcg(rng).is_multiple_of(2);
            let at = (lcg(rng) % 700) as f64 * 7.0;
            let lo = (lcg(rng) % 700) as f64 * 7.0;
            (h, at, lo, lo + 7.0 * (1 + lcg(rng) % 400) as f64)
        };
        let pts = |(h, at, lo, hi): (bool, f64, f64, f64)| if h { [(lo, at), (hi, at)] } else { [(at, lo), (at, hi)] };
        for step in 0..4000 {
            match lcg(&mut rng) % 3 {
                // A segment put back after its removal, or a new one.
                0 if !gone.is_empty() => {
                    let s = gone.swap_remove((lcg(&mut rng) as usize) % gone.len());
                    bands.set(s.0, &pts((s.1, s.2, s.3, s.4)), true);
                    plain.push(s);
                }
                2 if !plain.is_empty() => {
                    let s = plain.swap_remove((lcg(&mut rng) as usize) % plain.len());
                    bands.set(s.0, &pts((s.1, s.2, s.3, s.4)), false);
                    gone.push(s);
                }
                _ => {
                    let (edge, (h, at, lo, hi)) = ((lcg(&mut rng) % 40) as usize, random_seg(&mut rng));
                    if !plain.iter().any(|s| s.0 == edge && s.1 == h && s.2 == at && s.3 == lo && s.4 == hi) {
                        bands.set(edge, &pts((h, at, lo, hi)), true);
                        plain.push((edge, h, at, lo, hi));
                    }
                }
            }
            if step % 50 == 0 {
                for _ in 0..20 {
                    let (edge, (h, at, lo, hi)) = ((lcg(&mut rng) % 40) as usize, random_seg(&mut rng));
                    let expected = plain
                        .iter()
                        .filter(|s| s.0 != edge && s.1 != h && s.2 > lo && s.2 < hi && s.3 < at && at < s.4)
                        .count();
                    assert_eq!(bands.crossings(edge, &pts((h, at, lo, hi)), usize::MAX), expected, "step {step}");
                }
            }
        }
    }
}
