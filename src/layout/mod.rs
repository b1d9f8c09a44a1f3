//! Layout: turns the domain graph into a positioned [`Scene`]. Passes, each in its own module:
//! [`place`] (recursive layered placement of boxes and lanes, one [`arrange`]ment per container),
//! [`route`] (orthogonal edge routing), then the title,
//! legend and edge labels are set around them and everything is rounded. [`verify`] checks the scene's
//! invariants after every layered layout (with the collinear and label checks of [`metrics`]).
//!
//! Guarantee: every scene keeps those invariants. A graph whose estimated work is over [`budget`], or
//! whose routing needs more search than its budget, or whose layered drawing broke an invariant, is
//! drawn by [`simple`] instead, which keeps them by construction in linear time; the scene's `mode`
//! says which layout drew it.

pub mod arrange;
pub mod budget;
pub mod labels;
pub mod metrics;
pub mod nudge;
pub mod place;
pub mod route;
pub mod simple;
pub mod straighten;
pub mod text;
pub mod verify;

use crate::model::{EdgeStyle, Manager, Model};
use crate::scene::{Legend, Mode, Panel, PanelLine, Rect, Scene, SceneBox, SceneEdge, Swatch, round};
use place::{GROUP_FONT, LABEL_BAND};

/// Space around the drawing.
pub const OUTER: f64 = 24.0;
/// Height of the title row.
pub const TITLE_H: f64 = 44.0;
pub const TITLE_FONT: f64 = 18.0;
pub const LEGEND_FONT: f64 = 12.0;
pub const EDGE_FONT: f64 = 11.0;
/// Height of the legend row.
pub const LEGEND_H: f64 = 40.0;

/// Lays out a model: with the layered layout, or with [`simple`] when [`budget`] finds the graph too hard
/// for the layered one (the scene's `mode` says which).
pub fn layout(model: &Model) -> Scene {
    let (kids, roots) = model.children();
    let layered = if budget::too_hard(model, &kids, &roots) { None } else { layered(model, &kids, &roots) };
    let scene = match layered.map(|d| assemble(model, Mode::Layered, d)) {
        Some(scene) if sound(&scene) => scene,
        _ => assemble(model, Mode::Simple, simple::draw(model, &kids, &roots)),
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
    checked(assemble(model, Mode::Simple, simple::draw(model, &kids, &roots)))
}

/// Whether a scene keeps every invariant: [`verify`] finds nothing, and no two edges run along one
/// another. The layered layout is checked after every run; where it broke one (on hostile graphs far
/// from the corpus's), the simple layout, sound by construction, draws instead.
fn sound(scene: &Scene) -> bool {
    verify::check(scene).is_empty() && metrics::collinear_overlaps(scene) == 0 && metrics::label_overlaps(scene) == 0
}

/// The layered layout: placement, routing and label placement; None when routing needs more than its
/// budget of search.
fn layered(model: &Model, kids: &[Vec<usize>], roots: &[usize]) -> Option<Drawn> {
    // Two passes: the second orders each container's children towards where their edges leave it, and
    // aims each lane to a container's side at where the first brought that edge to the side.
    let first = place::place(model, kids, roots, None);
    let placement = place::place(model, kids, roots, Some(&first));
    let rects = placement.rects;
    let label_rects: Vec<Option<Rect>> = model
        .elements
        .iter()
        .zip(&rects)
        .enumerate()
        .map(|(i, (e, r))| {
            e.is_group.then(|| Rect {
                x: r.x + placement.label_dx[i],
                y: r.y,
                w: (12.0 + icon_room(&e.kind) + text::width(&e.label, GROUP_FONT) + 6.0).min(r.w),
                h: LABEL_BAND,
            })
        })
        .collect();
    let parent: Vec<Option<usize>> = model.elements.iter().map(|e| e.parent).collect();
    let edges: Vec<(usize, usize)> = model.relations.iter().map(|r| (r.from, r.to)).collect();
    let order = route::Order::new(&rects, kids);
    let input = route::Input {
        rects: &rects,
        parent: &parent,
        kids,
        roots,
        label_rects: &label_rects,
        direction: model.direction,
        lanes: &placement.lanes,
        order: &order,
    };
    let routes = route::route_within(&input, &edges, route::SEARCH_BUDGET)?;
    let tree = labels::Tree { rects: &rects, kids, roots, label_rects: &label_rects };
    let texts: Vec<Option<&str>> = model.relations.iter().map(|r| r.label.as_deref()).collect();
    let labels = labels::place(&tree, &routes, &texts);
    Some(Drawn { rects, routes, labels, label_dx: placement.label_dx })
}

/// Boxes, routes and labels at layout coordinates, as either layout draws them, before the scene is
/// assembled around them.
struct Drawn {
    rects: Vec<Rect>,
    routes: Vec<Vec<(f64, f64)>>,
    labels: Vec<Option<Rect>>,
    /// Where each container's label starts, from its left side.
    label_dx: Vec<f64>,
}

/// The scene around what a layout drew: shifted below the title, rounded, in draw order, with the
/// panel and the legend.
fn assemble(model: &Model, mode: Mode, drawn: Drawn) -> Scene {
    let Drawn { rects, routes, labels: edge_labels, label_dx } = drawn;
    let parent: Vec<Option<usize>> = model.elements.iter().map(|e| e.parent).collect();
    // Bounding box of boxes and routes, then shift below the title.
    let (mut x0, mut y0, mut x1, mut y1) = (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
    for r in &rects {
        x0 = x0.min(r.x);
        y0 = y0.min(r.y);
        x1 = x1.max(r.right());
        y1 = y1.max(r.bottom());
    }
    for r in edge_labels.iter().flatten() {
        x0 = x0.min(r.x);
        y0 = y0.min(r.y);
        x1 = x1.max(r.right());
        y1 = y1.max(r.bottom());
    }
    for p in routes.iter().flatten() {
        x0 = x0.min(p.0);
        y0 = y0.min(p.1);
        x1 = x1.max(p.0);
        y1 = y1.max(p.1);
    }
    if !x0.is_finite() {
        (x0, y0, x1, y1) = (0.0, 0.0, 0.0, 0.0);
    }
    let (dx, dy) = (OUTER - x0, OUTER + TITLE_H - y0);

    // Draw order: parents before children (stable in model order otherwise).
    let depth = place::depths(&parent);
    let mut order: Vec<usize> = (0..rects.len()).collect();
    order.sort_by_key(|&i| depth[i]);
    let mut slot = vec![0usize; rects.len()];
    for (k, &i) in order.iter().enumerate() {
        slot[i] = k;
    }
    let shift = |r: &Rect| Rect { x: round(r.x + dx), y: round(r.y + dy), w: round(r.w), h: round(r.h) };
    let boxes: Vec<SceneBox> = order
        .iter()
        .map(|&i| {
            let e = &model.elements[i];
            let r = shift(&rects[i]);
            let icon = icon_room(&e.kind);
            let label_at = if e.is_group {
                (r.x + label_dx[i] + 12.0 + icon, r.y + 17.0)
            } else {
                (round(r.cx() + icon / 2.0), round(r.cy() + 4.5))
            };
            SceneBox {
                id: e.id.clone(),
                label: e.label.clone(),
                kind: e.kind.clone(),
                managed_by: e.managed_by,
                parent: e.parent.map(|p| slot[p]),
                is_group: e.is_group,
                rect: r,
                label_at,
                description: e.description.clone(),
            }
        })
        .collect();
    let edges: Vec<SceneEdge> = model
        .relations
        .iter()
        .zip(routes)
        .zip(edge_labels)
        .map(|((rel, pts), label_rect)| {
            let points: Vec<(f64, f64)> = pts.iter().map(|p| (round(p.0 + dx), round(p.1 + dy))).collect();
            let label_rect = label_rect.map(|r| shift(&r));
            SceneEdge {
                from: slot[rel.from],
                to: slot[rel.to],
                label: rel.label.clone(),
                style: rel.style,
                points,
                label_rect,
            }
        })
        .collect();

    let body_w = x1 - x0;
    let body_bottom = OUTER + TITLE_H + (y1 - y0);
    let panel = panel(model, body_w, round(body_bottom + 20.0));
    let below = panel.as_ref().map_or(body_bottom, |p| p.rect.bottom());
    let legend_y = round(below + 24.0);
    let legend = legend(model, OUTER, legend_y);
    let legend_w = legend.last().map_or(0.0, |l| l.x + 22.0 + text::width(&l.label, LEGEND_FONT) - OUTER);
    let title_w = text::width(&model.title, TITLE_FONT);
    let panel_w = panel.as_ref().map_or(0.0, |p| p.rect.w);
    let width = round(body_w.max(legend_w).max(title_w).max(panel_w) + 2.0 * OUTER).ceil();
    let height = (legend_y + LEGEND_H).ceil();
    Scene {
        title: model.title.clone(),
        theme: model.theme,
        id_prefix: model.id_prefix.clone(),
        mode,
        width,
        height,
        title_at: (OUTER, OUTER + 18.0),
        legend,
        panel,
        boxes,
        edges,
    }
}

fn icon_room(kind: &str) -> f64 {
    if crate::model::has_icon(kind) { place::ICON_ROOM } else { 0.0 }
}

/// Size of the panel's text.
pub const PANEL_FONT: f64 = 12.0;
const PANEL_LINE: f64 = 18.0;

/// The responsibilities panel: the model's notes, wrapped to the drawing's width (at least 560 px).
fn panel(model: &Model, body_w: f64, y: f64) -> Option<Panel> {
    if model.notes.is_empty() {
        return None;
    }
    let w = body_w.clamp(560.0, 900.0).round();
    let text_w = w - 2.0 * 14.0 - 20.0;
    let x = OUTER;
    let mut lines = Vec::new();
    let mut cy = y + 14.0 + 16.0 + PANEL_LINE;
    for (who, note) in &model.notes {
        let mut first = true;
        for line in wrap(note, text_w, PANEL_FONT) {
            let swatch = first.then_some(Rect { x: x + 14.0, y: cy - 10.0, w: 12.0, h: 12.0 });
            lines.push(PanelLine { who: *who, swatch, text: line, at: (x + 14.0 + 20.0, cy) });
            first = false;
            cy += PANEL_LINE;
        }
    }
    let h = cy - y - PANEL_LINE + 14.0;
    Some(Panel {
        rect: Rect { x, y, w, h: h.round() },
        title: "Who does what".into(),
        title_at: (x + 14.0, y + 14.0 + 12.0),
        lines,
    })
}

/// Greedy word wrap by the built-in metrics.
fn wrap(text: &str, width: f64, size: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in text.split(' ') {
        let candidate = if cur.is_empty() { word.to_string() } else { format!("{cur} {word}") };
        if !cur.is_empty() && text::width(&candidate, size) > width {
            lines.push(std::mem::take(&mut cur));
            cur = word.to_string();
        } else {
            cur = candidate;
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// The legend row: who manages what (for the managers present) and the relation styles present.
fn legend(model: &Model, x0: f64, y: f64) -> Vec<Legend> {
    let mut managers: Vec<Manager> = model.elements.iter().map(|e| e.managed_by).collect();
    managers.sort();
    managers.dedup();
    let mut styles: Vec<EdgeStyle> =
        model.relations.iter().map(|r| r.style).filter(|s| *s != EdgeStyle::Plain).collect();
    styles.sort();
    styles.dedup();
    let mut items = Vec::new();
    let mut x = x0;
    for m in managers {
        let label = match m {
            Manager::You => "managed by you",
            Manager::Shared => "shared (semi-managed)",
            Manager::Aws => "managed by AWS",
            Manager::ThirdParty => "third party",
        };
        items.push(Legend { swatch: Swatch::Manager(m), label: label.into(), x, y });
        x = round(x + 22.0 + text::width(label, LEGEND_FONT) + 18.0);
    }
    for s in styles {
        items.push(Legend { swatch: Swatch::Edge(s), label: s.as_str().into(), x, y });
        x = round(x + 34.0 + text::width(s.as_str(), LEGEND_FONT) + 18.0);
    }
    items
}
