//! Colours of the light and dark themes: per manager (you / shared / AWS / third party), per relation
//! style, and for the page itself. Text colours meet WCAG AA contrast on their fills.

use crate::model::{EdgeStyle, Manager};
use crate::spec::Theme;

/// Fill and stroke of a box.
pub struct Paint {
    pub group_fill: &'static str,
    pub leaf_fill: &'static str,
    pub stroke: &'static str,
}

pub struct Palette {
    pub background: &'static str,
    pub text: &'static str,
    pub muted: &'static str,
    pub label_bg: &'static str,
}

pub fn palette(t: Theme) -> Palette {
    match t {
        Theme::Light => Palette { background: "#ffffff", text: "#0f172a", muted: "#334155", label_bg: "#ffffff" },
        Theme::Dark => Palette { background: "#0b1220", text: "#e2e8f0", muted: "#cbd5e1", label_bg: "#0b1220" },
    }
}

pub fn paint(t: Theme, m: Manager) -> Paint {
    match (t, m) {
        (Theme::Light, Manager::You) => Paint { group_fill: "#fff8f0", leaf_fill: "#ffedd5", stroke: "#c2410c" },
        (Theme::Light, Manager::Shared) => Paint { group_fill: "#faf5ff", leaf_fill: "#f3e8ff", stroke: "#7e22ce" },
        (Theme::Light, Manager::Aws) => Paint { group_fill: "#f3f8fe", leaf_fill: "#dbeafe", stroke: "#1d4ed8" },
        (Theme::Light, Manager::ThirdParty) => Paint { group_fill: "#f8fafc", leaf_fill: "#e2e8f0", stroke: "#475569" },
        (Theme::Dark, Manager::You) => Paint { group_fill: "#1c140d", leaf_fill: "#3b2412", stroke: "#fb923c" },
        (Theme::Dark, Manager::Shared) => Paint { group_fill: "#170f24", leaf_fill: "#2e1a47", stroke: "#c084fc" },
        (Theme::Dark, Manager::Aws) => Paint { group_fill: "#0c1628", leaf_fill: "#132b52", stroke: "#60a5fa" },
        (Theme::Dark, Manager::ThirdParty) => Paint { group_fill: "#111827", leaf_fill: "#1f2937", stroke: "#94a3b8" },
    }
}

/// Stroke colour and dash pattern of a relation.
pub fn edge(t: Theme, s: EdgeStyle) -> (&'static str, Option<&'static str>) {
    let dark = t == Theme::Dark;
    match s {
        EdgeStyle::Plain => (if dark { "#94a3b8" } else { "#475569" }, None),
        EdgeStyle::Manages => (if dark { "#60a5fa" } else { "#1d4ed8" }, None),
        EdgeStyle::Registers => (if dark { "#93c5fd" } else { "#2563eb" }, Some("6 4")),
        EdgeStyle::Pulls => (if dark { "#94a3b8" } else { "#475569" }, Some("2 3")),
        EdgeStyle::Lifecycle => (if dark { "#c084fc" } else { "#7e22ce" }, Some("8 3 2 3")),
    }
}
