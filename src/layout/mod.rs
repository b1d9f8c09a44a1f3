//! Layout: turns the domain model into a positioned [`Scene`], as a pipeline of passes with one boundary
//! type each. The layered layout, in order:
//!
//! 1. [`place`]: boxes and the lanes kept for every relation, each container's children arranged by
//!    [`arrange`] (cycles, layers, order, ports, coordinates, lanes, snapping, channels), inside out,
//!    twice (the second pass ordering towards where the first brought each edge). → [`place::Placement`]
//! 2. [`route`]: one orthogonal polyline per relation, along its lanes where it can. → routes
//! 3. [`finish`]: nudging, searching again what still overlaps, jog removal. → routes, moved in place
//! 4. [`bundle`]: the edges of one group that share an end joined into a trunk. → routes, [`bundle::Bundle`]s
//! 5. [`labels`]: each edge label beside its route. → label rectangles
//! 6. [`assemble`]: the title, the panel and the legend around the drawing, rounded, in draw order.
//!    → [`Scene`]
//!
//! Passes 4 to 6 run once with every bundle joined; when that scene breaks an invariant or has more
//! crossings than the one without bundles, they run again per group, keeping each that does neither.
//!
//! [`verify`] checks the scene's invariants after every layered layout (with the collinear and label
//! checks of [`metrics`]). At the bottom, used by the passes and using none of them: [`knobs`] (every
//! tuning constant), [`geom`] (stops, points, rectangles), [`tree`] (the containment tree),
//! [`obstacles`] (the boxes as routing sees them, indexed), [`segments`] (routes' segments by line) and
//! [`text`] (text widths).
//!
//! Guarantee: every scene keeps those invariants. A graph whose estimated work is over [`budget`], or
//! whose routing needs more search than its budget, or whose layered drawing broke an invariant, is
//! drawn by [`simple`] instead, which keeps them by construction in linear time; the scene's `mode`
//! says which layout drew it.

mod arrange;
mod assemble;
pub mod budget;
mod bundle;
#[cfg(test)]
mod contracts;
mod finish;
mod geom;
pub(crate) mod knobs;
mod labels;
pub mod metrics;
mod obstacles;
mod overlays;
mod place;
mod route;
mod segments;
mod simple;
pub(crate) mod text;
mod tree;
pub mod verify;

use crate::model::Model;
use crate::scene::{Mode, Scene};
use crate::spec::Direction;
use assemble::Drawn;
use obstacles::{Boxes, Order};
use route::Router;

/// Lays out a model: with the layered layout, or with [`simple`] when [`budget`] finds the graph too hard
/// for the layered one (the scene's `mode` says which). A drawing wider than the model's `max_width` is
/// laid out again: top to bottom with containers wrapping their layers to the width, and, when the model
/// may turn, in the other direction (left to right as it is; top to bottom as it is, then wrapped); the
/// first that fits is kept, else the narrowest.
pub fn layout(model: &Model) -> Scene {
    let scene = layout_as_given(model, false);
    let Some(max) = model.max_width.filter(|&m| scene.width > m) else { return scene };
    let mut turned = model.clone();
    turned.direction = match model.direction {
        Direction::Lr => Direction::Tb,
        Direction::Tb => Direction::Lr,
    };
    let tries: &[(&Model, bool)] = match (model.direction, model.may_turn) {
        (Direction::Tb, true) => &[(model, true), (&turned, false)],
        (Direction::Lr, true) => &[(&turned, false), (&turned, true)],
        (Direction::Tb, false) => &[(model, true)],
        (Direction::Lr, false) => &[],
    };
    let mut best = scene;
    for &(m, wrap) in tries {
        let other = layout_as_given(m, wrap);
        if other.width < best.width {
            best = other;
        }
        if best.width <= max {
            break;
        }
    }
    best
}

/// [`layout`] in the model's own direction; with `wrap`, containers wrap their layers to the model's
/// `max_width` (top to bottom only).
fn layout_as_given(model: &Model, wrap: bool) -> Scene {
    let (kids, roots) = model.children();
    let wrap = model.max_width.filter(|_| wrap && model.direction == Direction::Tb);
    let layered = if budget::too_hard(model, &kids, &roots) { None } else { layered(model, &kids, &roots, wrap) };
    let scene = match layered {
        Some(scene) => scene,
        None => assemble::assemble(model, Mode::Simple, simple::draw(model, &kids, &roots)),
    };
    checked(scene)
}

/// With the `verify` feature (the test suite's, in every profile), panics on a scene that breaks an
/// invariant, naming every violation; otherwise returns the scene as it is.
fn checked(scene: Scene) -> Scene {
    #[cfg(feature = "verify")]
    {
        let bad = verify::describe(&scene);
        assert!(bad.is_empty(), "{} layout broke {} invariants: {bad:?}", scene.mode.as_str(), bad.len());
    }
    scene
}

/// Lays out a model with the simple layout, whatever its size (for tests and comparisons).
pub fn layout_simple(model: &Model) -> Scene {
    let (kids, roots) = model.children();
    checked(assemble::assemble(model, Mode::Simple, simple::draw(model, &kids, &roots)))
}

/// Whether a scene keeps every invariant: [`verify`] finds nothing, and no two edges run along one
/// another. The layered layout is checked after every run; where it broke one (on hostile graphs far
/// from the corpus's), the simple layout, sound by construction, draws instead.
fn sound(scene: &Scene) -> bool {
    verify::check(scene).is_empty() && metrics::collinear_overlaps(scene) == 0 && metrics::label_overlaps(scene) == 0
}

/// The layered layout, pass by pass: a [`sound`] scene, or None when routing needs more than its budget
/// of search or the drawing broke an invariant. Each scene is checked once.
fn layered(model: &Model, kids: &[Vec<usize>], roots: &[usize], wrap: Option<f64>) -> Option<Scene> {
    // Two placements: the second orders each container's children towards where their edges leave it,
    // and aims each lane to a container's side at where the first brought that edge to the side.
    let first = place::place(model, kids, roots, None, wrap);
    let placement = place::place(model, kids, roots, Some(&first), wrap);
    let label_rects = assemble::group_labels(model, &placement.rects, &placement.label_dx);
    let parent: Vec<Option<usize>> = model.elements.iter().map(|e| e.parent).collect();
    let edges: Vec<(usize, usize)> = model.relations.iter().map(|r| (r.from, r.to)).collect();
    let order = Order::new(&placement.rects, kids);
    let boxes = Boxes {
        rects: &placement.rects,
        parent: &parent,
        kids,
        roots,
        label_rects: &label_rects,
        direction: model.direction,
        lanes: &placement.lanes,
        order: &order,
    };
    let mut router = Router::new(&boxes, route::SEARCH_BUDGET);
    let mut routes = router.route(&edges)?;
    finish::finish(&mut router, &edges, &mut routes)?;
    let texts: Vec<Option<&str>> = model.relations.iter().map(|r| r.label.as_deref()).collect();
    let draw = |routes, bundles| draw(model, &boxes, &texts, &placement.label_dx, routes, bundles);
    // Bundles: all the groups joined, if the drawing stays sound with no more crossings than without
    // them; else each group in turn (at most BUNDLE_TRIES, fewer on large graphs: BUNDLE_WORK), kept on the same terms.
    let groups = bundle::groups(model, &placement.rects, &routes);
    let if_sound = |scene: Scene| sound(&scene).then_some(scene);
    if groups.is_empty() {
        return if_sound(draw(routes, Vec::new()));
    }
    let join = |routes: &mut Vec<Vec<geom::Point>>, g: &(usize, bool, Vec<usize>)| {
        let (rerouted, b) = bundle::join(&boxes, &edges, (g.0, g.1, &g.2), routes)?;
        rerouted.into_iter().for_each(|(k, pts)| routes[k] = pts);
        Some(b)
    };
    let mut all = routes.clone();
    let bundles: Vec<bundle::Bundle> = groups.iter().filter_map(|g| join(&mut all, g)).collect();
    let plain = draw(routes.clone(), Vec::new());
    if bundles.is_empty() {
        return if_sound(plain);
    }
    let mut crossings = metrics::crossings_of(&plain);
    let scene = draw(all, bundles);
    if sound(&scene) && metrics::crossings_of(&scene) <= crossings {
        return Some(scene);
    }
    // A group that cannot join whole is tried again in parts: its members split by where their other
    // ends lie (the containers just below the one that holds them all).
    // `best` is sound once a group has joined (each join is checked); the plain scene only at the end.
    let (mut kept_routes, mut kept, mut best, mut joined_any) = (routes, Vec::new(), plain, false);
    let mut queue: std::collections::VecDeque<(usize, bool, Vec<usize>)> = groups.into_iter().collect();
    let (mut tries, most) = (0, (knobs::BUNDLE_WORK / edges.len().max(1)).clamp(2, knobs::BUNDLE_TRIES));
    while let Some(g) = queue.pop_front() {
        if tries == most {
            break;
        }
        tries += 1;
        let mut more = kept_routes.clone();
        let joined = join(&mut more, &g).and_then(|b| {
            kept.push(b);
            let scene = draw(more.clone(), kept.clone());
            let c = metrics::crossings_of(&scene);
            if sound(&scene) && c <= crossings {
                Some((scene, c))
            } else {
                kept.pop();
                None
            }
        });
        match joined {
            Some((scene, c)) => (kept_routes, best, crossings, joined_any) = (more, scene, c, true),
            None => bundle::split(model, &g).into_iter().rev().for_each(|part| queue.push_front(part)),
        }
    }
    if joined_any { Some(best) } else { if_sound(best) }
}

/// Passes 5 and 6: the edge labels along the routes, and the scene assembled around them. Not inlined:
/// the layered layout calls it up to `BUNDLE_TRIES` + 2 times, from four places.
#[inline(never)]
fn draw(
    model: &Model,
    boxes: &Boxes,
    texts: &[Option<&str>],
    label_dx: &[f64],
    routes: Vec<Vec<geom::Point>>,
    bundles: Vec<bundle::Bundle>,
) -> Scene {
    let mut own: Vec<Option<&[geom::Point]>> = vec![None; routes.len()];
    for b in &bundles {
        b.members.iter().for_each(|(k, part)| own[*k] = Some(part.as_slice()));
    }
    let labels = labels::place(boxes, &routes, texts, &own);
    let drawn = Drawn { rects: boxes.rects.to_vec(), routes, labels, label_dx: label_dx.to_vec(), bundles };
    assemble::assemble(model, Mode::Layered, drawn)
}
