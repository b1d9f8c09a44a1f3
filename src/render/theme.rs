//! Colours and line styles of the themes. Who manages a part is shown twice, so it reads in grayscale and
//! for colour-blind readers: by colour, and by the border's line style (you: solid, shared: dashed, AWS:
//! dotted, third party: dash-dot). `auto` writes the light colours as attributes and a dark override in
//! embedded CSS behind `prefers-color-scheme: dark`. Every text colour meets WCAG AA (4.5:1) on every
//! fill it is drawn on (tested).

use crate::model::{EdgeStyle, Manager};
use crate::spec::Theme;

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
            background: "#0b1220",
            text: "#e2e8f0",
            muted: "#cbd5e1",
            label_bg: "#0b1220",
            panel_fill: "#111a2e",
            panel_stroke: "#475569",
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
        (false, Manager::Shared) => Paint { group_fill: "#faf5ff", leaf_fill: "#f3e8ff", stroke: "#7e22ce" },
        (false, Manager::Aws) => Paint { group_fill: "#f3f8fe", leaf_fill: "#dbeafe", stroke: "#1d4ed8" },
        (false, Manager::ThirdParty) => Paint { group_fill: "#f8fafc", leaf_fill: "#e2e8f0", stroke: "#475569" },
        (true, Manager::You) => Paint { group_fill: "#1c140d", leaf_fill: "#3b2412", stroke: "#fb923c" },
        (true, Manager::Shared) => Paint { group_fill: "#170f24", leaf_fill: "#2e1a47", stroke: "#c084fc" },
        (true, Manager::Aws) => Paint { group_fill: "#0c1628", leaf_fill: "#132b52", stroke: "#60a5fa" },
        (true, Manager::ThirdParty) => Paint { group_fill: "#111827", leaf_fill: "#1f2937", stroke: "#94a3b8" },
    }
}

/// The border style of a manager: the second channel besides colour.
pub fn dash(m: Manager) -> Option<&'static str> {
    match m {
        Manager::You => None,
        Manager::Shared => Some("7 4"),
        Manager::Aws => Some("2 2.5"),
        Manager::ThirdParty => Some("9 3 2 3"),
    }
}

/// Stroke colour and dash pattern of a relation.
pub fn edge(dark: bool, s: EdgeStyle) -> (&'static str, Option<&'static str>) {
    match s {
        EdgeStyle::Plain => (if dark { "#94a3b8" } else { "#475569" }, None),
        EdgeStyle::Manages => (if dark { "#60a5fa" } else { "#1d4ed8" }, None),
        EdgeStyle::Registers => (if dark { "#93c5fd" } else { "#2563eb" }, Some("6 4")),
        EdgeStyle::Pulls => (if dark { "#94a3b8" } else { "#475569" }, Some("2 3")),
        EdgeStyle::Lifecycle => (if dark { "#c084fc" } else { "#7e22ce" }, Some("8 3 2 3")),
        EdgeStyle::Operates => (if dark { "#fb923c" } else { "#c2410c" }, None),
        EdgeStyle::Traffic => (if dark { "#4ade80" } else { "#15803d" }, Some("10 3")),
    }
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
        let (color, _) = edge(true, s);
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
