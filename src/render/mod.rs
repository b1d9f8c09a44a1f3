//! Render: writes a positioned [`Scene`] as SVG through the `svg` crate. It makes no layout decisions.
//!
//! Safety: user text only ever reaches text nodes (escaped by the crate) after control and bidi
//! characters are removed; ids are re-encoded to a safe alphabet; no attribute carries user text, no
//! script, no style attribute and no external reference is ever written (the only references are
//! `#P-…` fragments inside the document: markers and glyphs).
//!
//! Ids: every id starts with the scene's prefix `P` (unique per diagram on a page), and spec ids and the
//! drawing's own live in separate namespaces: `P-n-…` for the spec's groups and nodes, `P-title`,
//! `P-desc`, `P-edge-K`, `P-arrow-…` and `P-icon-…` for the rest. The root `<svg>` has the id `P`, and
//! the `auto` theme's CSS applies under `#P` only, so no diagram restyles another on the same page. Colours are presentation attributes, so the SVG also works under a
//! strict Content-Security-Policy; only the `auto` theme embeds a `<style>` element for its dark override.

#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
pub mod canvas;
pub mod theme;
mod write;

use crate::model::{EdgeStyle, Manager, words};
use crate::scene::{Rect, Scene, SceneBundle, SceneOverlay, Swatch, fmt, push_fmt};
use crate::spec::Theme;
use crate::{kinds, style};
use svg::Document;
use svg::node::Text as TextNode;
use svg::node::element::{
    Circle, Definitions, Description, Element, Group, Line, Marker, Path, Rectangle, Style, Symbol, Title, Use,
};
use svg::node::{Node, Value};

pub use crate::style::FONT_STACK;

/// Encodes a spec id into a safe, unique XML id: the prefix, `-n-`, then letters, digits, `-` and `_` as
/// they are, every other character as `.hex.`.
pub fn safe_id(prefix: &str, id: &str) -> String {
    safe_id_in(prefix, "-n-", id)
}

/// [`safe_id`] with another separator (`-o-` for an overlay's `<g>`).
fn safe_id_in(prefix: &str, sep: &str, id: &str) -> String {
    let mut out = String::with_capacity(prefix.len() + 3 + id.len());
    out.push_str(prefix);
    out.push_str(sep);
    for c in id.chars() {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            out.push(c);
        } else {
            out.push_str(&format!(".{:x}.", c as u32));
        }
    }
    out
}

/// User text made fit for XML and safe to show: control characters (forbidden in XML 1.0), bidi
/// embeddings, overrides and isolates, and the other characters of [`crate::safe::is_hidden`] become
/// spaces.
pub fn clean(s: &str) -> String {
    s.chars().map(|c| if crate::safe::is_hidden(c) { ' ' } else { c }).collect()
}

fn text(s: &str) -> TextNode {
    TextNode::new(clean(s))
}

/// A `<text>` element written on one line: the crate's own `Text` wraps its content in newlines, which
/// readers of the SVG see as stray spaces.
struct Label(Element);

impl Label {
    fn new(s: &str) -> Label {
        let mut e = roomy(Element::new("text"), 7);
        e.append(text(s));
        Label(e)
    }

    fn set<V: Into<Value>>(mut self, name: &str, value: V) -> Label {
        self.0.assign(name, value);
        self
    }
}

impl From<Label> for Box<dyn Node> {
    fn from(l: Label) -> Self {
        Box::new(l.0)
    }
}

/// A node with room for `n` attributes, so that the crate's map is not regrown as they are set.
fn roomy<T: Node>(mut node: T, n: usize) -> T {
    if let Some(a) = node.get_attributes_mut() {
        a.reserve(n);
    }
    node
}

fn rect(r: &Rect) -> Rectangle {
    roomy(Rectangle::new(), 10).set("x", fmt(r.x)).set("y", fmt(r.y)).set("width", fmt(r.w)).set("height", fmt(r.h))
}

/// A kind's name made safe for an id or class.
fn kind_slug(kind: &str) -> String {
    kind.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect()
}

/// Writes the SVG document of a scene: the bytes of [`document`]'s tree, written one top-level part at a
/// time as it is built (holding the whole tree took eight times the size of the text it makes).
pub fn svg(scene: &Scene, description: &str) -> String {
    let root = root(scene);
    let mut w = write::Stream::open(&root, 1024 + 512 * (scene.boxes.len() + scene.edges.len()));
    parts(scene, description, &mut |node| w.child(&*node));
    let mut out = w.close();
    out.push('\n');
    out
}

/// The SVG document of a scene, as the `svg` crate's node tree ([`svg`] writes the same as text).
pub fn document(scene: &Scene, description: &str) -> Document {
    let mut doc = root(scene);
    parts(scene, description, &mut |node| doc.append(node));
    doc
}

/// The root `<svg>` element, without its children.
fn root(scene: &Scene) -> Document {
    let p = scene.id_prefix.as_str();
    Document::new()
        .set("id", p)
        .set("xmlns", "http://www.w3.org/2000/svg")
        .set("xmlns:xlink", "http://www.w3.org/1999/xlink")
        .set("viewBox", format!("0 0 {} {}", fmt(scene.width), fmt(scene.height)))
        .set("width", fmt(scene.width))
        .set("height", fmt(scene.height))
        .set("role", "img")
        .set("aria-labelledby", format!("{p}-title {p}-desc"))
        .set("font-family", FONT_STACK)
        .set("class", "archdiag")
}

/// The root's children in document order, each handed to `emit` as soon as it is built.
fn parts(scene: &Scene, description: &str, emit: &mut dyn FnMut(Box<dyn Node>)) {
    let dark = theme::is_dark(scene.theme);
    let pal = theme::palette(dark);
    let p = scene.id_prefix.as_str();
    emit(Box::new(Title::new("").set("id", format!("{p}-title")).add(text(&scene.title))));
    emit(Box::new(Description::new().set("id", format!("{p}-desc")).add(text(description))));

    let mut defs = Definitions::new();
    if scene.theme == Theme::Auto {
        defs = defs.add(Style::new(theme::auto_css(p, !scene.overlays.is_empty())));
    }
    let mut styles: Vec<EdgeStyle> = scene.edges.iter().map(|e| e.style).collect();
    styles.extend(scene.legend.iter().filter_map(|l| if let Swatch::Edge(s) = l.swatch { Some(s) } else { None }));
    styles.sort();
    styles.dedup();
    for s in &styles {
        defs = defs.add(marker(p, *s, dark, pal.label_bg));
    }
    let mut kinds: Vec<&str> = scene.boxes.iter().map(|b| b.kind.as_str()).filter(|k| kinds::has_glyph(k)).collect();
    kinds.sort_unstable();
    kinds.dedup();
    for k in &kinds {
        defs = defs.add(
            Symbol::new()
                .set("id", format!("{p}-icon-{}", kind_slug(k)))
                .set("viewBox", "0 0 16 16")
                .add(Path::new().set("d", kinds::glyph(k).unwrap_or_default())),
        );
    }
    emit(Box::new(defs));
    emit(Box::new(
        Rectangle::new().set("width", "100%").set("height", "100%").set("fill", pal.background).set("class", "ad-bg"),
    ));
    emit(
        Label::new(&scene.title)
            .set("x", fmt(scene.title_at.0))
            .set("y", fmt(scene.title_at.1))
            .set("font-size", style::TITLE.attr)
            .set("fill", pal.text)
            .set("class", "ad-title ad-text")
            .into(),
    );

    for b in &scene.boxes {
        let paint = theme::paint(dark, b.managed_by);
        let who = b.managed_by.as_str();
        let shape = if b.is_group { "group" } else { "leaf" };
        let mut g = roomy(Group::new(), 5)
            .set("id", safe_id(p, &b.id))
            .set("class", format!("ad-box ad-{shape}"))
            .set("data-kind", clean(&b.kind))
            .set("data-managed-by", who);
        if let Some(parent) = b.parent {
            g = g.set("data-parent", safe_id(p, &scene.boxes[parent].id));
        }
        g = g.add(Title::new("").add(text(&b.description)));
        let mut r = rect(&b.rect)
            .set("rx", if b.is_group { style::GROUP_RADIUS.attr } else { style::LEAF_RADIUS.attr })
            .set("fill", if b.is_group { paint.group_fill } else { paint.leaf_fill })
            .set("stroke", paint.stroke)
            .set("stroke-width", if b.is_group { style::GROUP_STROKE.attr } else { style::LEAF_STROKE.attr })
            .set("class", format!("ad-{shape}-{who}"));
        if let Some(d) = theme::dash(b.managed_by) {
            r = r.set("stroke-dasharray", d);
        }
        g = g.add(r);
        if let Some((ix, iy)) = b.icon_at {
            g = g.add(
                roomy(Use::new(), 11)
                    .set("xlink:href", format!("#{p}-icon-{}", kind_slug(&b.kind)))
                    .set("x", fmt(ix))
                    .set("y", fmt(iy))
                    .set("width", fmt(style::ICON))
                    .set("height", fmt(style::ICON))
                    .set("fill", "none")
                    .set("stroke", paint.stroke)
                    .set("stroke-width", style::EDGE_STROKE.attr)
                    .set("stroke-linecap", "round")
                    .set("stroke-linejoin", "round")
                    .set("class", format!("ad-icon ad-{shape}-{who}")),
            );
        }
        let mut t = Label::new(&b.label)
            .set("x", fmt(b.label_at.0))
            .set("y", fmt(b.label_at.1))
            .set("fill", pal.text)
            .set("class", "ad-text")
            .set("font-size", if b.is_group { style::GROUP.attr } else { style::LEAF.attr });
        if !b.is_group {
            t = t.set("text-anchor", "middle");
        }
        g = g.add(t);
        emit(Box::new(g));
    }

    for (k, e) in scene.edges.iter().enumerate() {
        let look = theme::edge(dark, e.style);
        let slug = theme::slug(e.style);
        // A bundle's member draws its own part; the trunk, drawn once below, carries the arrowhead of
        // the members that end at the bundle's box.
        let (points, arrow) = match &e.bundle {
            Some((b, own)) => (own.as_slice(), !scene.bundles[*b].into),
            None => (e.points.as_slice(), true),
        };
        let mut d = String::with_capacity(points.len() * 12);
        polyline(&mut d, points);
        let (from, to) = (&scene.boxes[e.from], &scene.boxes[e.to]);
        let what = words::relation(&from.label, &to.label, e.style, e.label.as_deref(), false);
        let mut path = roomy(Path::new(), 7)
            .set("d", d)
            .set("fill", "none")
            .set("stroke", look.color)
            .set("stroke-width", look.width.attr)
            .set("class", format!("ad-stroke-{slug}"));
        if arrow {
            path = path.set("marker-end", format!("url(#{p}-arrow-{slug})"));
        }
        let mut g = roomy(Group::new(), 6)
            .set("id", format!("{p}-edge-{k}"))
            .set("class", "ad-edge")
            .set("data-kind", e.style.as_str())
            .set("data-from", safe_id(p, &from.id))
            .set("data-to", safe_id(p, &to.id))
            .add(Title::new("").add(text(&what)))
            .add(path);
        if let (Some(l), Some(r)) = (&e.label, e.label_rect) {
            g = g
                .add(
                    rect(&r)
                        .set("rx", style::SMALL_RADIUS.attr)
                        .set("fill", pal.label_bg)
                        .set("fill-opacity", "0.92")
                        .set("class", "ad-label-bg"),
                )
                .add(
                    Label::new(l)
                        .set("x", fmt(r.cx()))
                        .set("y", fmt(r.y + style::EDGE_LABEL_BASELINE))
                        .set("text-anchor", "middle")
                        .set("font-size", style::EDGE.attr)
                        .set("fill", pal.muted)
                        .set("class", "ad-muted"),
                );
        }
        emit(Box::new(g));
    }

    if let Some(p) = &scene.panel {
        let mut g = Group::new().set("class", "ad-panel").set("data-kind", "responsibilities");
        g = g.add(Title::new("").add(text("Who does what in this setup")));
        g = g.add(
            rect(&p.rect)
                .set("rx", style::PANEL_RADIUS.attr)
                .set("fill", pal.panel_fill)
                .set("stroke", pal.panel_stroke)
                .set("class", "ad-panel-box"),
        );
        g = g.add(
            Label::new(&p.title)
                .set("x", fmt(p.title_at.0))
                .set("y", fmt(p.title_at.1))
                .set("font-size", style::PANEL_TITLE.attr)
                .set("fill", pal.text)
                .set("class", "ad-text"),
        );
        for line in &p.lines {
            if let Some(s) = line.swatch {
                g = g.add(swatch(dark, line.who, &s));
            }
            g = g.add(
                Label::new(&line.text)
                    .set("x", fmt(line.at.0))
                    .set("y", fmt(line.at.1))
                    .set("font-size", style::PANEL.attr)
                    .set("fill", pal.text)
                    .set("class", "ad-text")
                    .set("data-managed-by", line.who.as_str()),
            );
        }
        emit(Box::new(g));
    }

    for (k, b) in scene.bundles.iter().enumerate() {
        emit(Box::new(bundle(scene, b, k, p, dark)));
    }
    for o in &scene.overlays {
        emit(Box::new(overlay(o, p, dark, pal.label_bg, pal.text)));
    }

    let mut legend = Group::new().set("class", "ad-legend").set("data-kind", "legend");
    for item in &scene.legend {
        match item.swatch {
            Swatch::Manager(m) => {
                let (side, up) = style::SWATCH;
                let r = Rect { x: item.x, y: item.y - up, w: side, h: side };
                let text = legend_text(item.x + item.swatch.text_after(), item.y, &item.label, pal.text);
                legend = legend.add(swatch(dark, m, &r)).add(text);
            }
            Swatch::Edge(s) => {
                let look = theme::edge(dark, s);
                let slug = theme::slug(s);
                let line = Line::new()
                    .set("x1", fmt(item.x))
                    .set("y1", fmt(item.y - style::LEGEND_LINE_AT.1))
                    .set("x2", fmt(item.x + style::LEGEND_LINE_AT.0))
                    .set("y2", fmt(item.y - style::LEGEND_LINE_AT.1))
                    .set("stroke", look.color)
                    .set("stroke-width", look.width.attr)
                    .set("class", format!("ad-stroke-{slug}"))
                    .set("marker-end", format!("url(#{p}-arrow-{slug})"));
                let text = legend_text(item.x + item.swatch.text_after(), item.y, &item.label, pal.text);
                legend = legend.add(line).add(text);
            }
            Swatch::Overlay => {
                let (side, up) = style::SWATCH;
                let r = Rect { x: item.x, y: item.y - up, w: style::LEGEND_LINE_AT.0, h: side };
                let sample = rect(&r)
                    .set("rx", style::SMALL_RADIUS.attr)
                    .set("fill", "none")
                    .set("stroke", pal.muted)
                    .set("stroke-width", style::GROUP_STROKE.attr)
                    .set("stroke-dasharray", style::OVERLAY_DASH)
                    .set("class", "ad-muted-stroke");
                let text = legend_text(item.x + item.swatch.text_after(), item.y, &item.label, pal.text);
                legend = legend.add(sample).add(text);
            }
        }
    }
    emit(Box::new(legend));
}

/// An overlay: its outline (dash-dot, no fill) with its label on a tag across the border, or a ring round
/// each member; a title saying what it is and who runs it.
fn overlay(o: &SceneOverlay, p: &str, dark: bool, tag_fill: &str, text_fill: &str) -> Group {
    let paint = theme::paint(dark, o.managed_by);
    let ring = |r: &Rect, radius: &str| {
        rect(r)
            .set("rx", radius)
            .set("fill", "none")
            .set("stroke", paint.stroke)
            .set("stroke-width", style::GROUP_STROKE.attr)
            .set("stroke-dasharray", style::OVERLAY_DASH)
            .set("class", format!("ad-overlay-{}", o.managed_by.as_str()))
    };
    let mut g = Group::new()
        .set("id", safe_id_in(p, "-o-", &o.id))
        .set("class", "ad-overlay")
        .set("data-kind", o.kind.as_str())
        .set("data-managed-by", o.managed_by.as_str())
        .add(Title::new("").add(text(&o.description)));
    match &o.outline {
        Some(r) => g = g.add(ring(r, style::GROUP_RADIUS.attr)),
        None => {
            for r in &o.marks {
                g = g.add(ring(r, style::LEAF_RADIUS.attr));
            }
        }
    }
    if let Some(t) = &o.tag {
        g = g.add(rect(t).set("rx", style::SMALL_RADIUS.attr).set("fill", tag_fill).set("class", "ad-label-bg"));
        g = g.add(
            Label::new(&o.label)
                .set("x", fmt(t.x + 5.0))
                .set("y", fmt(t.y + style::OVERLAY_BASELINE))
                .set("font-size", style::EDGE.attr)
                .set("fill", text_fill)
                .set("class", "ad-text"),
        );
    }
    g
}

/// A path's `d` for a polyline, appended to `d` (`M x,y L x,y …`).
fn polyline(d: &mut String, points: &[(f64, f64)]) {
    for (i, q) in points.iter().enumerate() {
        d.push_str(if i == 0 { "M" } else { " L" });
        push_fmt(d, q.0);
        d.push(',');
        push_fmt(d, q.1);
    }
}

/// A bundle's trunk (spine and stub in one path, the arrowhead at its end when the members end at the
/// bundle's box) and its junction dots, with a title naming every member's other end.
fn bundle(scene: &Scene, b: &SceneBundle, k: usize, p: &str, dark: bool) -> Group {
    let look = theme::edge(dark, b.style);
    let slug = theme::slug(b.style);
    let mut d = String::new();
    for (i, v) in b.trunk.iter().enumerate() {
        if i > 0 {
            d.push(' ');
        }
        polyline(&mut d, v);
    }
    let end = &scene.boxes[b.end];
    let far = |&m: &usize| {
        let e = &scene.edges[m];
        scene.boxes[if b.into { e.from } else { e.to }].label.as_str()
    };
    let ((others, many), n) = (words::counted(b.members.iter().map(far)), b.members.len());
    let what = if b.into {
        format!("{} One line for {n} relations.", words::relation(&others, &end.label, b.style, None, many))
    } else {
        format!("{} One line for {n} relations.", words::relation(&end.label, &others, b.style, None, false))
    };
    let mut path = Path::new()
        .set("d", d)
        .set("fill", "none")
        .set("stroke", look.color)
        .set("stroke-width", look.width.attr)
        .set("class", format!("ad-stroke-{slug}"));
    if b.into {
        path = path.set("marker-end", format!("url(#{p}-arrow-{slug})"));
    }
    let mut g = Group::new()
        .set("id", format!("{p}-bundle-{k}"))
        .set("class", "ad-bundle")
        .set("data-kind", "bundle")
        .set("data-relation", b.style.as_str())
        .set("data-end", safe_id(p, &end.id))
        .add(Title::new("").add(text(&what)))
        .add(path);
    for j in &b.junctions {
        g = g.add(
            Circle::new()
                .set("cx", fmt(j.0))
                .set("cy", fmt(j.1))
                .set("r", style::JUNCTION.attr)
                .set("fill", look.color)
                .set("class", format!("ad-fill-{slug}")),
        );
    }
    g
}

/// A relation's arrowhead: its head's shape at [`style::HEAD`] user units whatever the line's weight,
/// filled with the relation's colour, or outlined in it on the background (`bg`) when open.
fn marker(p: &str, s: EdgeStyle, dark: bool, bg: &str) -> Marker {
    let look = theme::edge(dark, s);
    let slug = theme::slug(s);
    let mut d = String::new();
    polyline(&mut d, look.head.points());
    let head = match look.head {
        theme::Head::Filled | theme::Head::Diamond => {
            d.push_str(" z");
            Path::new().set("fill", look.color).set("class", format!("ad-fill-{slug}"))
        }
        theme::Head::Open => {
            d.push_str(" z");
            Path::new()
                .set("fill", bg)
                .set("stroke", look.color)
                .set("stroke-width", style::HEAD_STROKE.attr)
                .set("stroke-linejoin", "round")
                .set("class", format!("ad-label-bg ad-stroke-{slug}"))
        }
        theme::Head::Chevron => Path::new()
            .set("fill", "none")
            .set("stroke", look.color)
            .set("stroke-width", style::HEAD_STROKE.attr)
            .set("stroke-linecap", "round")
            .set("stroke-linejoin", "round")
            .set("class", format!("ad-stroke-{slug}")),
    };
    Marker::new()
        .set("id", format!("{p}-arrow-{slug}"))
        .set("viewBox", "-1 -1 12 12")
        .set("refX", "9")
        .set("refY", "5")
        .set("markerUnits", "userSpaceOnUse")
        .set("markerWidth", style::HEAD.attr)
        .set("markerHeight", style::HEAD.attr)
        .set("orient", "auto-start-reverse")
        .add(head.set("d", d))
}

/// A small square in a manager's colours and line style.
fn swatch(dark: bool, m: Manager, r: &Rect) -> Rectangle {
    let p = theme::paint(dark, m);
    let mut s = rect(r)
        .set("rx", style::SMALL_RADIUS.attr)
        .set("fill", p.leaf_fill)
        .set("stroke", p.stroke)
        .set("stroke-width", style::SWATCH_STROKE.attr)
        .set("class", format!("ad-leaf-{}", m.as_str()))
        .set("data-managed-by", m.as_str());
    if let Some(d) = theme::dash(m) {
        s = s.set("stroke-dasharray", d);
    }
    s
}

fn legend_text(x: f64, y: f64, s: &str, fill: &str) -> Label {
    Label::new(s)
        .set("x", fmt(x))
        .set("y", fmt(y))
        .set("font-size", style::LEGEND.attr)
        .set("fill", fill)
        .set("class", "ad-text")
}
