//! The laid-out geometry as the `layout` JSON sees it (wasm `layout`, `--format json`): every box with
//! where its label starts, every edge with its label's rectangle, trunks, overlays with their tags, the
//! title's, legend's and panel's positions, and the layout's quality metrics; keys in alphabetical order,
//! borrowed straight from the scene.

use crate::layout;
use crate::scene::Scene;

/// The geometry of a scene, to serialize: keys in alphabetical order, written straight from the scene
/// (building a `serde_json::Value` tree first took as long as the layout's routing on large inputs).
pub fn geometry(s: &Scene) -> Geometry<'_> {
    let id = |i: usize| s.boxes[i].id.as_str();
    Geometry {
        boxes: s
            .boxes
            .iter()
            .map(|b| GeoBox {
                group: b.is_group,
                height: b.rect.h,
                id: &b.id,
                kind: &b.kind,
                label: &b.label,
                label_at: [b.label_at.0, b.label_at.1],
                managed_by: b.managed_by.as_str(),
                parent: b.parent.map(id),
                width: b.rect.w,
                x: b.rect.x,
                y: b.rect.y,
            })
            .collect(),
        bundles: s
            .bundles
            .iter()
            .map(|b| GeoBundle {
                end: id(b.end),
                into: b.into,
                junctions: b.junctions.iter().map(|p| [p.0, p.1]).collect(),
                kind: b.style.as_str(),
                members: b.members.clone(),
                trunk: b.trunk.iter().map(|v| v.iter().map(|p| [p.0, p.1]).collect()).collect(),
            })
            .collect(),
        edges: s
            .edges
            .iter()
            .map(|e| GeoEdge {
                bundle: e.bundle.as_ref().map(|b| b.0),
                from: id(e.from),
                kind: e.style.as_str(),
                label: e.label.as_deref(),
                label_rect: e.label_rect.as_ref().map(GeoRect::of),
                own: e.bundle.as_ref().map(|(_, own)| own.iter().map(|p| [p.0, p.1]).collect()),
                points: e.points.iter().map(|p| [p.0, p.1]).collect(),
                to: id(e.to),
            })
            .collect(),
        height: s.height,
        metrics: layout::metrics::measure(s).rounded(),
        overlays: s
            .overlays
            .iter()
            .map(|o| GeoOverlay {
                id: &o.id,
                kind: &o.kind,
                label: &o.label,
                managed_by: o.managed_by.as_str(),
                marks: o.marks.iter().map(GeoRect::of).collect(),
                members: o.members.iter().map(|&m| id(m)).collect(),
                outline: o.outline.as_ref().map(GeoRect::of),
                tag: o.tag.as_ref().map(GeoRect::of),
            })
            .collect(),
        legend: s
            .legend
            .iter()
            .map(|l| {
                let (swatch, value) = match l.swatch {
                    crate::scene::Swatch::Manager(m) => ("manager", m.as_str()),
                    crate::scene::Swatch::Edge(e) => ("relation", e.as_str()),
                    crate::scene::Swatch::Overlay => ("overlay", "group"),
                };
                GeoLegend { label: &l.label, swatch, value, x: l.x, y: l.y }
            })
            .collect(),
        panel: s.panel.as_ref().map(|p| GeoPanel {
            height: p.rect.h,
            lines: p
                .lines
                .iter()
                .map(|l| GeoLine { managed_by: l.who.as_str(), text: &l.text, x: l.at.0, y: l.at.1 })
                .collect(),
            title: &p.title,
            title_at: [p.title_at.0, p.title_at.1],
            width: p.rect.w,
            x: p.rect.x,
            y: p.rect.y,
        }),
        title: &s.title,
        title_at: [s.title_at.0, s.title_at.1],
        width: s.width,
    }
}

/// The `layout` JSON (fields in alphabetical order, as the keys have always been written).
#[derive(serde::Serialize)]
pub struct Geometry<'a> {
    pub boxes: Vec<GeoBox<'a>>,
    pub bundles: Vec<GeoBundle<'a>>,
    pub edges: Vec<GeoEdge<'a>>,
    pub height: f64,
    /// The legend's entries: each swatch's top left and what it stands for.
    pub legend: Vec<GeoLegend<'a>>,
    pub metrics: layout::metrics::Rounded,
    pub overlays: Vec<GeoOverlay<'a>>,
    /// The who-does-what panel, if drawn.
    pub panel: Option<GeoPanel<'a>>,
    pub title: &'a str,
    /// The title's text anchor (its start, on the baseline).
    pub title_at: [f64; 2],
    pub width: f64,
}

/// A legend entry: `swatch` is "manager", "relation" or "overlay", `value` the `data-managed-by`, the
/// edge kind, or "group".
#[derive(serde::Serialize)]
pub struct GeoLegend<'a> {
    pub label: &'a str,
    pub swatch: &'static str,
    pub value: &'static str,
    pub x: f64,
    pub y: f64,
}

/// The panel: its rectangle, title anchor and lines (each line's text anchor; a statement may wrap).
#[derive(serde::Serialize)]
pub struct GeoPanel<'a> {
    pub height: f64,
    pub lines: Vec<GeoLine<'a>>,
    pub title: &'a str,
    pub title_at: [f64; 2],
    pub width: f64,
    pub x: f64,
    pub y: f64,
}

/// One drawn line of the panel.
#[derive(serde::Serialize)]
pub struct GeoLine<'a> {
    pub managed_by: &'static str,
    pub text: &'a str,
    pub x: f64,
    pub y: f64,
}

/// A box of the `layout` JSON.
#[derive(serde::Serialize)]
pub struct GeoBox<'a> {
    pub group: bool,
    pub height: f64,
    pub id: &'a str,
    pub kind: &'a str,
    pub label: &'a str,
    /// Where the label's text starts (its anchor, on the baseline).
    pub label_at: [f64; 2],
    pub managed_by: &'a str,
    pub parent: Option<&'a str>,
    pub width: f64,
    pub x: f64,
    pub y: f64,
}

/// A bundle of the `layout` JSON: edges (indices in `edges`) drawn with one trunk at the box `end`.
#[derive(serde::Serialize)]
pub struct GeoBundle<'a> {
    pub end: &'a str,
    pub into: bool,
    pub junctions: Vec<[f64; 2]>,
    pub kind: &'a str,
    pub members: Vec<usize>,
    pub trunk: Vec<Vec<[f64; 2]>>,
}

/// An overlay of the `layout` JSON: its outline round the members, or (null) a mark round each.
#[derive(serde::Serialize)]
pub struct GeoOverlay<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub label: &'a str,
    pub managed_by: &'a str,
    pub marks: Vec<GeoRect>,
    pub members: Vec<&'a str>,
    pub outline: Option<GeoRect>,
    /// The label's tag on the outline's border (null where the members are marked instead).
    pub tag: Option<GeoRect>,
}

/// A rectangle of the `layout` JSON.
#[derive(serde::Serialize)]
pub struct GeoRect {
    pub height: f64,
    pub width: f64,
    pub x: f64,
    pub y: f64,
}

impl GeoRect {
    fn of(r: &crate::scene::Rect) -> GeoRect {
        GeoRect { height: r.h, width: r.w, x: r.x, y: r.y }
    }
}

/// An edge of the `layout` JSON.
#[derive(serde::Serialize)]
pub struct GeoEdge<'a> {
    /// The index in `bundles` of the trunk it is drawn with.
    pub bundle: Option<usize>,
    pub from: &'a str,
    pub kind: &'a str,
    pub label: Option<&'a str>,
    /// The rectangle of the label's background, where it has one.
    pub label_rect: Option<GeoRect>,
    /// A bundle member's own part (the rest of `points` runs along its trunk); absent for other edges.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub own: Option<Vec<[f64; 2]>>,
    pub points: Vec<[f64; 2]>,
    pub to: &'a str,
}
