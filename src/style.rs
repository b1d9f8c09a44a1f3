//! The drawing's type and line style, one table for everyone: layout measures text at these sizes, and
//! both painters (SVG and canvas) draw with them, so a size changed here changes all three at once.
//! Colours live in [`crate::render::theme`].

/// The font stack whose metrics match the built-in width table (`layout::text`).
pub const FONT_STACK: &str = "Helvetica, Arial, 'Liberation Sans', sans-serif";

/// One measure of the drawing (a font size, a stroke width, a corner radius): the number layout and
/// the canvas use, and the same number as the SVG attribute writes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size {
    pub px: f64,
    pub attr: &'static str,
}

const fn size(px: f64, attr: &'static str) -> Size {
    Size { px, attr }
}

/// The diagram's title.
pub const TITLE: Size = size(18.0, "18");
/// A leaf's label.
pub const LEAF: Size = size(13.0, "13");
/// A container's label.
pub const GROUP: Size = size(12.0, "12");
/// An edge's label.
pub const EDGE: Size = size(11.0, "11");
/// The responsibilities panel's title.
pub const PANEL_TITLE: Size = size(13.0, "13");
/// The responsibilities panel's lines.
pub const PANEL: Size = size(12.0, "12");
/// The legend's labels.
pub const LEGEND: Size = size(12.0, "12");

/// A container's border.
pub const GROUP_STROKE: Size = size(1.3, "1.3");
/// A leaf's border.
pub const LEAF_STROKE: Size = size(1.6, "1.6");
/// An edge, and a glyph's lines.
pub const EDGE_STROKE: Size = size(1.4, "1.4");
/// A heavy edge (the relations that say who acts: manages, you operate, traffic).
pub const EDGE_STROKE_HEAVY: Size = size(2.2, "2.2");
/// An arrowhead's side, in user units (the same on every weight of line).
pub const HEAD: Size = size(11.0, "11");
/// An open arrowhead's and a chevron's outline.
pub const HEAD_STROKE: Size = size(1.4, "1.4");
/// A legend or panel swatch's border.
pub const SWATCH_STROKE: Size = size(1.5, "1.5");
/// An overlay's outline: dash-dot, as the AWS reference drawings draw a cluster across the AZs.
pub const OVERLAY_DASH: &str = "8 3 1.5 3";
/// Baseline of an overlay's label below the top of its tag.
pub const OVERLAY_BASELINE: f64 = 10.5;
/// Radius of the dot where a bundle's lines meet (a little over twice an edge's stroke).
pub const JUNCTION: Size = size(3.2, "3.2");

/// Corner radius of a container, as a number and as the attribute.
pub const GROUP_RADIUS: Size = size(8.0, "8");
/// Corner radius of a leaf.
pub const LEAF_RADIUS: Size = size(6.0, "6");
/// Corner radius of an edge label's backing and of a swatch.
pub const SMALL_RADIUS: Size = size(3.0, "3");
/// Corner radius of the responsibilities panel.
pub const PANEL_RADIUS: Size = size(8.0, "8");

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_attribute_writes_its_number() {
        let all = [
            TITLE,
            LEAF,
            GROUP,
            EDGE,
            PANEL_TITLE,
            PANEL,
            LEGEND,
            GROUP_STROKE,
            LEAF_STROKE,
            EDGE_STROKE,
            EDGE_STROKE_HEAVY,
            HEAD,
            HEAD_STROKE,
            SWATCH_STROKE,
            JUNCTION,
            GROUP_RADIUS,
            LEAF_RADIUS,
            SMALL_RADIUS,
            PANEL_RADIUS,
        ];
        for s in all {
            assert_eq!(crate::scene::fmt(s.px), s.attr);
        }
    }
}
