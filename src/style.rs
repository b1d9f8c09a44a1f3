//! The drawing's type and line style, one table for everyone: layout measures text at these sizes, and
//! both painters (SVG and canvas) draw with them, so a size changed here changes all three at once.
//! Colours live in [`crate::render::theme`].

/// The font stack whose metrics match the built-in width table (`layout::text`).
pub const FONT_STACK: &str = "Helvetica, Arial, 'Liberation Sans', sans-serif";

/// One kind of text in the drawing: its size, and the same size as the SVG attribute writes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Font {
    pub size: f64,
    pub attr: &'static str,
}

/// The diagram's title.
pub const TITLE: Font = Font { size: 18.0, attr: "18" };
/// A leaf's label.
pub const LEAF: Font = Font { size: 13.0, attr: "13" };
/// A container's label.
pub const GROUP: Font = Font { size: 12.0, attr: "12" };
/// An edge's label.
pub const EDGE: Font = Font { size: 11.0, attr: "11" };
/// The responsibilities panel's title.
pub const PANEL_TITLE: Font = Font { size: 13.0, attr: "13" };
/// The responsibilities panel's lines.
pub const PANEL: Font = Font { size: 12.0, attr: "12" };
/// The legend's labels.
pub const LEGEND: Font = Font { size: 12.0, attr: "12" };

/// A stroke width, as a number (canvas) and as the SVG attribute writes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    pub width: f64,
    pub attr: &'static str,
}

/// A container's border.
pub const GROUP_STROKE: Stroke = Stroke { width: 1.3, attr: "1.3" };
/// A leaf's border.
pub const LEAF_STROKE: Stroke = Stroke { width: 1.6, attr: "1.6" };
/// An edge, and a glyph's lines.
pub const EDGE_STROKE: Stroke = Stroke { width: 1.4, attr: "1.4" };
/// A legend or panel swatch's border.
pub const SWATCH_STROKE: Stroke = Stroke { width: 1.5, attr: "1.5" };
/// A legend's sample line of a relation.
pub const LEGEND_LINE: Stroke = Stroke { width: 1.6, attr: "1.6" };

/// Corner radius of a container, as a number and as the attribute.
pub const GROUP_RADIUS: (f64, &str) = (8.0, "8");
/// Corner radius of a leaf.
pub const LEAF_RADIUS: (f64, &str) = (6.0, "6");
/// Corner radius of an edge label's backing and of a swatch.
pub const SMALL_RADIUS: (f64, &str) = (3.0, "3");
/// Corner radius of the responsibilities panel.
pub const PANEL_RADIUS: (f64, &str) = (8.0, "8");

/// Side of a glyph's square.
pub const ICON: f64 = 16.0;
/// Side of a legend swatch, and how far its top lies above the text's baseline.
pub const SWATCH: (f64, f64) = (14.0, 11.0);
/// Where a legend item's text starts after a manager's swatch, and after a relation's sample line.
pub const LEGEND_TEXT_AFTER: (f64, f64) = (20.0, 32.0);
/// Length of a legend's sample line, and how far above the baseline it runs.
pub const LEGEND_LINE_AT: (f64, f64) = (26.0, 4.0);
/// Baseline of an edge label below the top of its box.
pub const EDGE_LABEL_BASELINE: f64 = 11.5;
