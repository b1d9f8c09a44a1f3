//! Colours and line styles of the themes. Line style has one meaning: who manages a part. It is shown
//! twice, so it reads in grayscale and for colour-blind readers: by colour, and by the border's line
//! style (you: solid, shared: dashed, AWS: dotted, third party: dash-dot-dot); an overlay group's
//! outline is dash-dot whoever runs it. Edges are always solid: a relation is told by its colour, its
//! line's weight and its arrowhead's shape ([`Look`]), every pair of relations differing in weight or
//! head. `auto` writes the light colours as attributes and a dark override in embedded CSS behind
//! `prefers-color-scheme: dark`. Every text colour meets WCAG AA (4.5:1) on every fill it is drawn on
//! (tested).

use crate::model::{EdgeStyle, Manager};
use crate::spec::Theme;
use crate::style::{self, Size};

/// Fill and stroke of a box.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    pub group_fill: &'static str,
    pub leaf_fill: &'static str,
    pub stroke: &'static str,
}

/// Page-level colours.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    pub background: &'static str,
    pub text: &'static str,
    pub muted: &'static str,
    pub label_bg: &'static str,
    pub panel_fill: &'static str,
    pub panel_stroke: &'static str,
}

pub const MANAGERS: [Manager; 4] = [Manager::You, Manager::Shared, Manager::Aws, Manager::ThirdParty];
pub const EDGE_STYLES: [EdgeStyle; 7] = [
    EdgeStyle::Plain,
    EdgeStyle::Manages,
    EdgeStyle::Registers,
    EdgeStyle::Pulls,
    EdgeStyle::Lifecycle,
    EdgeStyle::Operates,
    EdgeStyle::Traffic,
];

pub fn palette(dark: bool) -> Palette {
    if dark {
        Palette {
            background: "#121316",
            text: "#e5e7eb",
            muted: "#d1d5db",
            label_bg: "#121316",
            panel_fill: "#1b1d22",
            panel_stroke: "#52525b",
        }
    } else {
        Palette {
            background: "#ffffff",
            text: "#0f172a",
            muted: "#334155",
            label_bg: "#ffffff",
            panel_fill: "#f8fafc",
            panel_stroke: "#94a3b8",
        }
    }
}

pub fn paint(dark: bool, m: Manager) -> Paint {
    match (dark, m) {
        (false, Manager::You) => Paint { group_fill: "#fff8f0", leaf_fill: "#ffedd5", stroke: "#c2410c" },
        (false, Manager::Shared) => Paint { group_fill: "#fdf2f8", leaf_fill: "#fce7f3", stroke: "#be185d" },
        (false, Manager::Aws) => Paint { group_fill: "#f3f8fe", leaf_fill: "#dbeafe", stroke: "#1d4ed8" },
        (false, Manager::ThirdParty) => Paint { group_fill: "#f8fafc", leaf_fill: "#e2e8f0", stroke: "#475569" },
        (true, Manager::You) => Paint { group_fill: "#1f1710", leaf_fill: "#3d2714", stroke: "#fb923c" },
        (true, Manager::Shared) => Paint { group_fill: "#22121b", leaf_fill: "#4a1c38", stroke: "#f472b6" },
        (true, Manager::Aws) => Paint { group_fill: "#111c30", leaf_fill: "#1e3a66", stroke: "#60a5fa" },
        (true, Manager::ThirdParty) => Paint { group_fill: "#1a1c20", leaf_fill: "#2c2f36", stroke: "#a1a1aa" },
    }
}

/// The border style of a manager: the second channel besides colour.
pub fn dash(m: Manager) -> Option<&'static str> {
    match m {
        Manager::You => None,
        Manager::Shared => Some("7 4"),
        Manager::Aws => Some("2 2.5"),
        Manager::ThirdParty => Some("10 3 2 3 2 3"),
    }
}

/// The shape of a relation's arrowhead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Head {
    /// A filled triangle.
    Filled,
    /// A triangle's outline, hollow.
    Open,
    /// Two strokes meeting at the tip.
    Chevron,
    /// A filled diamond.
    Diamond,
}

impl Head {
    /// The head's outline in a 10 × 10 box (drawn in a 12-unit box with a unit of margin), tip at
    /// (10, 5) pointing along +x: closed for every head but the chevron. One source for both painters.
    pub fn points(self) -> &'static [(f64, f64)] {
        match self {
            Head::Filled | Head::Open => &[(0.0, 0.0), (10.0, 5.0), (0.0, 10.0)],
            Head::Chevron => &[(1.0, 0.5), (10.0, 5.0), (1.0, 9.5)],
            Head::Diamond => &[(0.0, 5.0), (5.0, 1.5), (10.0, 5.0), (5.0, 8.5)],
        }
    }
}

/// How a relation's line is drawn: colour, weight and arrowhead. Always solid.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Look {
    pub color: &'static str,
    pub width: Size,
    pub head: Head,
}

/// The look of a relation: the one table both painters and the legend read.
pub fn edge(dark: bool, s: EdgeStyle) -> Look {
    let (thin, thick) = (style::EDGE_STROKE, style::EDGE_STROKE_HEAVY);
    let (light_c, dark_c, width, head) = match s {
        EdgeStyle::Plain => ("#475569", "#a1a1aa", thin, Head::Filled),
        EdgeStyle::Manages => ("#1d4ed8", "#60a5fa", thick, Head::Filled),
        EdgeStyle::Registers => ("#2563eb", "#93c5fd", thin, Head::Chevron),
        EdgeStyle::Pulls => ("#475569", "#a1a1aa", thin, Head::Open),
        EdgeStyle::Lifecycle => ("#7e22ce", "#c084fc", thin, Head::Diamond),
        EdgeStyle::Operates => ("#c2410c", "#fb923c", thick, Head::Chevron),
        EdgeStyle::Traffic => ("#15803d", "#4ade80", thick, Head::Open),
    };
    Look { color: if dark { dark_c } else { light_c }, width, head }
}

/// Whether the attributes are written in dark colours.
pub fn is_dark(t: Theme) -> bool {
    t == Theme::Dark
}

/// The embedded CSS of the `auto` theme: dark colours when the reader prefers them, by class.
pub fn auto_css(prefix: &str, overlays: bool) -> String {
    let p = palette(true);
    let mut css = String::from("@media (prefers-color-scheme: dark) {");
    css.push_str(&format!("#{prefix} .ad-bg{{fill:{}}}", p.background));
    css.push_str(&format!("#{prefix} .ad-text{{fill:{}}}", p.text));
    css.push_str(&format!("#{prefix} .ad-muted{{fill:{}}}", p.muted));
    if overlays {
        css.push_str(&format!("#{prefix} .ad-muted-stroke{{stroke:{}}}", p.muted));
    }
    css.push_str(&format!("#{prefix} .ad-label-bg{{fill:{}}}", p.label_bg));
    css.push_str(&format!("#{prefix} .ad-panel-box{{fill:{};stroke:{}}}", p.panel_fill, p.panel_stroke));
    for m in MANAGERS {
        let q = paint(true, m);
        let c = m.as_str();
        css.push_str(&format!("#{prefix} .ad-group-{c}{{fill:{};stroke:{}}}", q.group_fill, q.stroke));
        css.push_str(&format!("#{prefix} .ad-leaf-{c}{{fill:{};stroke:{}}}", q.leaf_fill, q.stroke));
        // Only in drawings with overlays, so that every other drawing keeps its bytes.
        if overlays {
            css.push_str(&format!("#{prefix} .ad-overlay-{c}{{stroke:{}}}", q.stroke));
        }
    }
    for s in EDGE_STYLES {
        let color = edge(true, s).color;
        let slug = slug(s);
        css.push_str(&format!(
            "#{prefix} .ad-stroke-{slug}{{stroke:{color}}}#{prefix} .ad-fill-{slug}{{fill:{color}}}"
        ));
    }
    css.push('}');
    css
}

/// A relation style's name in ids and classes.
pub fn slug(s: EdgeStyle) -> &'static str {
    match s {
        EdgeStyle::Plain => "plain",
        EdgeStyle::Manages => "manages",
        EdgeStyle::Registers => "registers",
        EdgeStyle::Pulls => "pulls",
        EdgeStyle::Lifecycle => "lifecycle",
        EdgeStyle::Operates => "operates",
        EdgeStyle::Traffic => "traffic",
    }
}

/// WCAG relative luminance of a `#rrggbb` colour.
pub fn luminance(hex: &str) -> f64 {
    let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0);
    let ch = |shift: u32| {
        let c = ((v >> shift) & 0xff) as f64 / 255.0;
        if c <= 0.03928 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * ch(16) + 0.7152 * ch(8) + 0.0722 * ch(0)
}

/// WCAG contrast ratio of two colours.
pub fn contrast(a: &str, b: &str) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}
