//! Scene assembly, the layout's last pass: what a layout drew, shifted below the title, rounded to
//! tenths, in draw order (parents before children), with the glyph and label positions of every box, the
//! responsibilities panel and the legend. Render sees only what this writes: it measures nothing.
//!
//! Input: [`Drawn`] at layout coordinates. Output: the [`Scene`]. Postconditions: every coordinate
//! rounded by [`round`]; a box's parent comes before it; the canvas holds the drawing, the panel, the
//! legend and the title with [`OUTER`] to spare (checked by `verify` on every corpus file). Cost: O(n log n)
//! for the draw order, linear otherwise. Knobs: OUTER, TITLE_H, LEGEND_H, PANEL_LINE in [`super::knobs`].

use super::geom::Point;
use super::knobs::{ICON_ROOM, LABEL_BAND, LEGEND_H, LEGEND_ROW, OUTER, PANEL_LINE, TITLE_H};
use super::text;
use super::tree::depths;
use crate::kinds;
use crate::model::{EdgeStyle, Manager, Model};
use crate::scene::{
    Legend, Membership, Mode, OVERLAY_LEGEND, Panel, PanelLine, Rect, Scene, SceneBox, SceneBundle, SceneEdge, Swatch,
    round,
};
use crate::style;

/// Boxes, routes and labels at layout coordinates, as either layout draws them, before the scene is
/// assembled around them.
pub(super) struct Drawn {
    pub(super) rects: Vec<Rect>,
    pub(super) routes: Vec<Vec<Point>>,
    pub(super) labels: Vec<Option<Rect>>,
    /// Where each container's label starts, from its left side.
    pub(super) label_dx: Vec<f64>,
    /// The joined bundles.
    pub(super) bundles: Vec<super::bundle::Bundle>,
}

/// The rectangle of each container's label row at its placed position (None for leaves): the glyph, the
/// label, and a little room after, as far as the container is wide.
pub(super) fn group_labels(model: &Model, rects: &[Rect], label_dx: &[f64]) -> Vec<Option<Rect>> {
    model
        .elements
        .iter()
        .zip(rects)
        .enumerate()
        .map(|(i, (e, r))| {
            e.is_group.then(|| Rect {
                x: r.x + label_dx[i],
                y: r.y,
                w: (12.0 + icon_room(&e.kind) + text::width(&e.label, style::GROUP.px) + 6.0).min(r.w),
                h: LABEL_BAND,
            })
        })
        .collect()
}

/// The scene around what a layout drew: shifted below the title, rounded, in draw order, with the
/// panel and the legend.
pub(super) fn assemble(model: &Model, mode: Mode, drawn: Drawn) -> Scene {
    let Drawn { rects, routes, labels: edge_labels, label_dx, bundles } = drawn;
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
    let depth = depths(&parent);
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
            // The glyph stands before the label: left of a container's, and left of a leaf's centred one.
            let icon_at = kinds::has_glyph(&e.kind).then(|| {
                if e.is_group {
                    (label_at.0 - 22.0, r.y + 5.0)
                } else {
                    (label_at.0 - text::width(&e.label, style::LEAF.px) / 2.0 - 20.0, r.cy() - 8.0)
                }
            });
            SceneBox {
                id: e.id.clone(),
                label: e.label.clone(),
                kind: e.kind.clone(),
                managed_by: e.managed_by,
                parent: e.parent.map(|p| slot[p]),
                is_group: e.is_group,
                rect: r,
                label_at,
                icon_at,
                description: e.description.clone(),
            }
        })
        .collect();
    let at = |p: &Point| (round(p.0 + dx), round(p.1 + dy));
    let mut member_of: Vec<Option<Membership>> = vec![None; model.relations.len()];
    let bundles: Vec<SceneBundle> = bundles
        .into_iter()
        .enumerate()
        .map(|(b, bundle)| {
            let mut members = Vec::with_capacity(bundle.members.len());
            for (k, own) in bundle.members {
                member_of[k] = Some((b, own.iter().map(at).collect()));
                members.push(k);
            }
            SceneBundle {
                end: slot[bundle.end],
                into: bundle.into,
                style: model.relations[members[0]].style,
                members,
                trunk: bundle.trunk.iter().map(|v| v.iter().map(at).collect()).collect(),
                junctions: bundle.junctions.iter().map(at).collect(),
            }
        })
        .collect();
    let edges: Vec<SceneEdge> = model
        .relations
        .iter()
        .zip(routes)
        .zip(edge_labels)
        .zip(member_of)
        .map(|(((rel, pts), label_rect), bundle)| {
            let points: Vec<(f64, f64)> = pts.iter().map(at).collect();
            let label_rect = label_rect.map(|r| shift(&r));
            SceneEdge {
                from: slot[rel.from],
                to: slot[rel.to],
                label: rel.label.clone(),
                style: rel.style,
                points,
                label_rect,
                bundle,
            }
        })
        .collect();

    let body_w = x1 - x0;
    let body_bottom = OUTER + TITLE_H + (y1 - y0);
    let panel = panel(model, body_w, round(body_bottom + 20.0));
    let below = panel.as_ref().map_or(body_bottom, |p| p.rect.bottom());
    let legend_y = round(below + 24.0);
    let title_w = text::width(&model.title, style::TITLE.px);
    let panel_w = panel.as_ref().map_or(0.0, |p| p.rect.w);
    // The legend wraps to what the rest of the drawing takes (never below LEGEND_MIN_W, never beyond
    // `max_width`), so that it does not widen the drawing by itself.
    let rest = body_w.max(title_w).max(panel_w).max(LEGEND_MIN_W);
    let room = model.max_width.map_or(rest, |m| rest.min(m - 2.0 * OUTER));
    let legend = legend(model, OUTER, legend_y, room);
    let legend_w = legend
        .iter()
        .map(|l| l.x + l.swatch.text_after() + text::width(&l.label, style::LEGEND.px) - OUTER)
        .fold(0.0, f64::max);
    let width = round(body_w.max(legend_w).max(title_w).max(panel_w) + 2.0 * OUTER).ceil();
    let height = (legend.last().map_or(legend_y, |l| l.y) + LEGEND_H).ceil();
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
        overlays: super::overlays::place(model, &boxes, &edges, &slot),
        boxes,
        edges,
        bundles,
    }
}

/// Room before a label for the kind's glyph, if it has one.
pub(super) fn icon_room(kind: &str) -> f64 {
    if kinds::has_glyph(kind) { ICON_ROOM } else { 0.0 }
}

/// The responsibilities panel: the model's notes, wrapped to the drawing's width (at least 560 px, at
/// most 900, and within the model's `max_width`).
fn panel(model: &Model, body_w: f64, y: f64) -> Option<Panel> {
    if model.notes.is_empty() {
        return None;
    }
    let w = body_w.clamp(560.0, 900.0).min(model.max_width.map_or(f64::INFINITY, |m| m - 2.0 * OUTER)).round();
    let text_w = w - 2.0 * 14.0 - 20.0;
    let x = OUTER;
    let mut lines = Vec::new();
    let mut cy = y + 14.0 + 16.0 + PANEL_LINE;
    for (who, note) in &model.notes {
        let mut first = true;
        for line in wrap(note, text_w, style::PANEL.px) {
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

/// The least width the legend wraps to when nothing else in the drawing is wider.
const LEGEND_MIN_W: f64 = 480.0;

/// How far a legend item reaches along its row, with the gap before the next.
fn item_w(swatch: Swatch, label: &str) -> f64 {
    swatch.text_after() + 2.0 + text::width(label, style::LEGEND.px) + 18.0
}

/// The legend: who manages what (for the managers present), the relation styles present and, with
/// overlays, their outline, in rows of at most `width`.
fn legend(model: &Model, x0: f64, y: f64, width: f64) -> Vec<Legend> {
    let mut managers: Vec<Manager> =
        model.elements.iter().map(|e| e.managed_by).chain(model.overlays.iter().map(|o| o.managed_by)).collect();
    managers.sort();
    managers.dedup();
    let mut styles: Vec<EdgeStyle> =
        model.relations.iter().map(|r| r.style).filter(|s| *s != EdgeStyle::Plain).collect();
    styles.sort();
    styles.dedup();
    let mut items = Vec::new();
    let (mut x, mut y) = (x0, y);
    let entries = managers
        .into_iter()
        .map(|m| {
            let label = match m {
                Manager::You => "managed by you",
                Manager::Shared => "shared (semi-managed)",
                Manager::Aws => "managed by AWS",
                Manager::ThirdParty => "third party",
            };
            (Swatch::Manager(m), label)
        })
        .chain(styles.into_iter().map(|s| (Swatch::Edge(s), s.as_str())))
        .chain((!model.overlays.is_empty()).then_some((Swatch::Overlay, OVERLAY_LEGEND)));
    for (swatch, label) in entries {
        let w = item_w(swatch, label);
        if x > x0 && x + w - 18.0 > x0 + width {
            (x, y) = (x0, y + LEGEND_ROW);
        }
        items.push(Legend { swatch, label: label.into(), x, y });
        x = round(x + w);
    }
    items
}
