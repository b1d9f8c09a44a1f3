//! The positioned result of layout, the only thing render sees: boxes and arrows at absolute, finite,
//! rounded coordinates, in draw order (parents before children).
//!
//! Invariants (checked by [`crate::layout::verify`]): ids unique; every child box inside its parent with
//! padding; sibling boxes disjoint; every edge an orthogonal polyline from the border of its source box to
//! the border of its target box that crosses no box other than its ends and their ancestors.

use crate::model::Manager;
use crate::spec::Theme;

/// An axis-aligned rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
    pub fn cx(&self) -> f64 {
        self.x + self.w / 2.0
    }
    pub fn cy(&self) -> f64 {
        self.y + self.h / 2.0
    }
    /// Whether `o` lies within this rectangle (borders included).
    pub fn holds(&self, o: &Rect) -> bool {
        o.x >= self.x && o.right() <= self.right() && o.y >= self.y && o.bottom() <= self.bottom()
    }
    /// Whether the open interiors of two rectangles meet.
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }
}

/// One drawn element of the model.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneBox {
    pub id: String,
    pub label: String,
    pub kind: String,
    pub managed_by: Manager,
    /// Index of the parent box in [`Scene::boxes`].
    pub parent: Option<usize>,
    pub is_group: bool,
    pub rect: Rect,
    /// Where the label's baseline starts.
    pub label_at: (f64, f64),
    /// The top-left corner of the kind's glyph (a [`crate::style::ICON`] square), when it has one.
    pub icon_at: Option<(f64, f64)>,
    pub description: String,
}

/// One arrow.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneEdge {
    pub from: usize,
    pub to: usize,
    pub label: Option<String>,
    /// The relation's meaning, for the tooltip and the edge style.
    pub style: crate::model::EdgeStyle,
    /// Orthogonal polyline, first point on the source's border, last on the target's.
    pub points: Vec<(f64, f64)>,
    /// The box of the drawn label, if any.
    pub label_rect: Option<Rect>,
    /// The bundle it is drawn in (an index of [`Scene::bundles`]), and the part of `points` that is its
    /// own there: from its source to where it joins the trunk (into the bundle's box), or from where it
    /// leaves the trunk to its target (out of it). The rest of `points` runs along the trunk.
    pub bundle: Option<Membership>,
}

/// An edge's place in a bundle: the bundle's index and the edge's own part (see [`SceneEdge::bundle`]).
pub type Membership = (usize, Vec<(f64, f64)>);

/// A group across the containment tree: an outline round its members, or, where none fits, a mark round
/// each member.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneOverlay {
    pub id: String,
    pub label: String,
    pub kind: String,
    pub managed_by: Manager,
    /// The members, indices of [`Scene::boxes`].
    pub members: Vec<usize>,
    /// The outline round every member (None: drawn as `marks`).
    pub outline: Option<Rect>,
    /// The label's tag: across the outline's border, or just outside one of the marks (None: marks with
    /// no room for it).
    pub tag: Option<Rect>,
    /// A ring round each member, when there is no outline.
    pub marks: Vec<Rect>,
    pub description: String,
}

/// Edges that share an end drawn as one trunk that branches: the trunk runs from the shared box's
/// border along a spine that every member joins at right angles, with a dot where three lines meet.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneBundle {
    /// The box every member shares (an index of [`Scene::boxes`]).
    pub end: usize,
    /// Whether the members end at `end` (one arrowhead, on the trunk) or start there.
    pub into: bool,
    pub style: crate::model::EdgeStyle,
    /// The members, indices of [`Scene::edges`], in order.
    pub members: Vec<usize>,
    /// The trunk: one or two polylines (the spine, and the stub to the shared box), oriented as the
    /// members are (into the box: the last point of the last polyline is on its border).
    pub trunk: Vec<Vec<(f64, f64)>>,
    /// Where a member or the stub meets the spine with lines on three sides.
    pub junctions: Vec<(f64, f64)>,
}

/// The whole positioned diagram.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    pub title: String,
    pub theme: Theme,
    /// What every id in the drawing starts with: a letter, then letters, digits, `-` or `_`.
    pub id_prefix: String,
    /// How the boxes were placed and the edges routed ([`Mode::Simple`] for graphs too hard for the
    /// layered layout within its budget).
    pub mode: Mode,
    pub width: f64,
    pub height: f64,
    /// Baseline start of the title.
    pub title_at: (f64, f64),
    /// The legend entries, left to right.
    pub legend: Vec<Legend>,
    /// The responsibilities panel, below the drawing.
    pub panel: Option<Panel>,
    /// Parents always come before their children.
    pub boxes: Vec<SceneBox>,
    pub edges: Vec<SceneEdge>,
    /// Edges drawn with a shared trunk, in order of their first member.
    pub bundles: Vec<SceneBundle>,
    /// Groups across the containment tree, in model order.
    pub overlays: Vec<SceneOverlay>,
}

impl Scene {
    /// What is drawn as lines, each with its owner: every edge that is in no bundle whole, every bundle
    /// member its own part (owner: the edge's index), and each bundle's trunk (owner: the number of edges
    /// plus the bundle's index). Each stretch of ink belongs to one owner.
    pub fn strokes(&self) -> impl Iterator<Item = (usize, &[(f64, f64)])> {
        let n = self.edges.len();
        let edges = self.edges.iter().enumerate().map(|(k, e)| match &e.bundle {
            Some((_, own)) => (k, own.as_slice()),
            None => (k, e.points.as_slice()),
        });
        let trunks =
            self.bundles.iter().enumerate().flat_map(move |(b, t)| t.trunk.iter().map(move |v| (n + b, v.as_slice())));
        edges.chain(trunks)
    }

    /// Where arrowheads are drawn: the box each points into and the tip. One per edge, but one per bundle
    /// into its shared box for the edges of that bundle.
    pub fn arrowheads(&self) -> impl Iterator<Item = (usize, (f64, f64))> {
        let edges = self.edges.iter().filter_map(|e| match &e.bundle {
            Some((b, own)) => (!self.bundles[*b].into).then(|| own.last().map(|&p| (e.to, p))).flatten(),
            None => e.points.last().map(|&p| (e.to, p)),
        });
        let trunks = self
            .bundles
            .iter()
            .filter(|b| b.into)
            .filter_map(|b| b.trunk.last().and_then(|v| v.last()).map(|&p| (b.end, p)));
        edges.chain(trunks)
    }
}

/// Which layout drew a scene.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// The layered layout with lanes, routing, nudging and straightening.
    #[default]
    Layered,
    /// A row placement with one private track per edge: linear in the graph's size.
    Simple,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Layered => "layered",
            Mode::Simple => "simple",
        }
    }
}

/// Rounds a coordinate to one decimal, the precision of every output.
pub fn round(v: f64) -> f64 {
    let r = (v * 10.0).round() / 10.0;
    if r == 0.0 { 0.0 } else { r }
}

/// Formats a rounded coordinate without a trailing `.0`.
pub fn fmt(v: f64) -> String {
    let mut s = String::new();
    push_fmt(&mut s, v);
    s
}

/// Appends [`fmt`]`(v)` to `out`. The digits come from the integer number of tenths, which is what
/// `format!("{:.1}", round(v))` prints (the tenths are exact in it for every coordinate a drawing can
/// have) at a fraction of the cost of formatting a float.
pub fn push_fmt(out: &mut String, v: f64) {
    use std::fmt::Write;
    let tenths = (v * 10.0).round() as i64;
    if tenths < 0 {
        out.push('-');
    }
    let t = tenths.unsigned_abs();
    // Writing to a String cannot fail.
    let (whole, tenth) = (t / 10, t % 10);
    let _ = write!(out, "{whole}");
    if tenth != 0 {
        out.push('.');
        out.push(char::from(b'0' + tenth as u8));
    }
}

/// What a legend entry shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Swatch {
    Manager(Manager),
    Edge(crate::model::EdgeStyle),
    /// An overlay group's dash-dot outline (whoever runs it: its colour says that).
    Overlay,
}

impl Swatch {
    /// How far after the swatch's left end its words start: after a square, or after a sample line.
    pub fn text_after(self) -> f64 {
        if matches!(self, Swatch::Manager(_)) {
            crate::style::LEGEND_TEXT_AFTER.0
        } else {
            crate::style::LEGEND_TEXT_AFTER.1
        }
    }
}

/// What the legend says of an overlay's dash-dot outline.
pub const OVERLAY_LEGEND: &str = "group across boxes";

/// One legend entry: a swatch at (x, y) with its words after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Legend {
    pub swatch: Swatch,
    pub label: String,
    pub x: f64,
    pub y: f64,
}

/// The panel listing who does what.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    pub rect: Rect,
    pub title: String,
    pub title_at: (f64, f64),
    pub lines: Vec<PanelLine>,
}

/// One line of the panel: a swatch of who does it (on a statement's first line) and the words.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelLine {
    pub who: Manager,
    pub swatch: Option<Rect>,
    pub text: String,
    pub at: (f64, f64),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `fmt` as it was first written, with float formatting: the reference for the integer one.
    fn by_float(v: f64) -> String {
        let r = round(v);
        if r.fract() == 0.0 { format!("{}", r as i64) } else { format!("{r:.1}") }
    }

    #[test]
    fn fmt_prints_what_float_formatting_of_the_rounded_value_prints() {
        let mut cases = vec![0.0, -0.0, 0.04, -0.04, 0.05, -0.05, 0.15, 2.25, -2.25, 1e7 + 0.35, -123456.789];
        // A deterministic spread of values and of halves just around the rounding points.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for i in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = (x % 40_000_000) as f64 / 1000.0 - 20_000.0;
            cases.push(v);
            cases.push(f64::from(i) / 20.0 - 5000.0);
        }
        for v in cases {
            assert_eq!(fmt(v), by_float(v), "{v}");
        }
    }
}
