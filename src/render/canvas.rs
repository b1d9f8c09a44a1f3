//! The canvas renderer (browser only): draws a positioned [`Scene`] on a 2D canvas at any scale, the same
//! picture as the SVG, so the page can export a PNG without loading the SVG as an image (which a strict
//! Content-Security-Policy forbids).

use super::theme;
use crate::kinds;
use crate::scene::{Rect, Scene, Swatch};
use crate::style::{self, FONT_STACK};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, Path2d};

fn dash(ctx: &CanvasRenderingContext2d, d: Option<&str>) -> Result<(), JsValue> {
    let arr = js_sys::Array::new();
    for part in d.unwrap_or("").split_whitespace() {
        arr.push(&JsValue::from_f64(part.parse().unwrap_or(0.0)));
    }
    ctx.set_line_dash(&arr)
}

fn rounded(ctx: &CanvasRenderingContext2d, r: &Rect, rad: f64) -> Result<(), JsValue> {
    ctx.begin_path();
    ctx.move_to(r.x + rad, r.y);
    ctx.arc_to(r.right(), r.y, r.right(), r.bottom(), rad)?;
    ctx.arc_to(r.right(), r.bottom(), r.x, r.bottom(), rad)?;
    ctx.arc_to(r.x, r.bottom(), r.x, r.y, rad)?;
    ctx.arc_to(r.x, r.y, r.right(), r.y, rad)?;
    ctx.close_path();
    Ok(())
}

fn text(
    ctx: &CanvasRenderingContext2d,
    s: &str,
    x: f64,
    y: f64,
    size: f64,
    color: &str,
    center: bool,
) -> Result<(), JsValue> {
    ctx.set_font(&format!("{size}px {FONT_STACK}"));
    ctx.set_text_align(if center { "center" } else { "left" });
    ctx.set_fill_style_str(color);
    ctx.fill_text(&super::clean(s), x, y)
}

/// A relation's arrowhead at `b`, coming from `a`: the SVG marker's shape and size
/// ([`theme::Head::points`] in its 12-unit box of [`style::HEAD`] user units, tip one unit past `b`).
fn arrow(ctx: &CanvasRenderingContext2d, a: (f64, f64), b: (f64, f64), look: theme::Look, bg: &str) {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = (dx * dx + dy * dy).sqrt().max(1e-9);
    let (ux, uy) = (dx / len, dy / len);
    let k = style::HEAD.px / 12.0;
    // Box point (x, y) → canvas: along the line from refX 9, across it from refY 5.
    let at = |(x, y): (f64, f64)| {
        (b.0 + ux * (x - 9.0) * k - uy * (y - 5.0) * k, b.1 + uy * (x - 9.0) * k + ux * (y - 5.0) * k)
    };
    ctx.begin_path();
    for (i, &q) in look.head.points().iter().enumerate() {
        let (x, y) = at(q);
        if i == 0 { ctx.move_to(x, y) } else { ctx.line_to(x, y) }
    }
    match look.head {
        theme::Head::Filled | theme::Head::Diamond => {
            ctx.close_path();
            ctx.set_fill_style_str(look.color);
            ctx.fill();
        }
        theme::Head::Open | theme::Head::Chevron => {
            if look.head == theme::Head::Open {
                ctx.close_path();
                ctx.set_fill_style_str(bg);
                ctx.fill();
            }
            ctx.set_stroke_style_str(look.color);
            ctx.set_line_width(style::HEAD_STROKE.px * k);
            ctx.set_line_join("round");
            ctx.set_line_cap("round");
            ctx.stroke();
        }
    }
}

/// Draws the scene on the canvas, `scale` device pixels per unit.
pub fn draw(scene: &Scene, canvas: &HtmlCanvasElement, scale: f64) -> Result<(), JsValue> {
    let dark = theme::is_dark(scene.theme);
    let pal = theme::palette(dark);
    canvas.set_width((scene.width * scale).ceil() as u32);
    canvas.set_height((scene.height * scale).ceil() as u32);
    let ctx: CanvasRenderingContext2d =
        canvas.get_context("2d")?.ok_or_else(|| JsValue::from_str("no 2d context"))?.dyn_into()?;
    ctx.scale(scale, scale)?;
    ctx.set_fill_style_str(pal.background);
    ctx.fill_rect(0.0, 0.0, scene.width, scene.height);
    text(&ctx, &scene.title, scene.title_at.0, scene.title_at.1, style::TITLE.px, pal.text, false)?;
    for b in &scene.boxes {
        let p = theme::paint(dark, b.managed_by);
        rounded(&ctx, &b.rect, if b.is_group { style::GROUP_RADIUS.px } else { style::LEAF_RADIUS.px })?;
        ctx.set_fill_style_str(if b.is_group { p.group_fill } else { p.leaf_fill });
        ctx.fill();
        dash(&ctx, theme::dash(b.managed_by))?;
        ctx.set_stroke_style_str(p.stroke);
        ctx.set_line_width(if b.is_group { style::GROUP_STROKE.px } else { style::LEAF_STROKE.px });
        ctx.stroke();
        dash(&ctx, None)?;
        if let (Some(g), Some((ix, iy))) = (kinds::glyph(&b.kind), b.icon_at) {
            let path = Path2d::new_with_path_string(g)?;
            ctx.save();
            ctx.translate(ix, iy)?;
            ctx.set_line_width(style::EDGE_STROKE.px);
            ctx.set_line_cap("round");
            ctx.set_line_join("round");
            ctx.stroke_with_path(&path);
            ctx.restore();
        }
        let font = if b.is_group { style::GROUP } else { style::LEAF };
        text(&ctx, &b.label, b.label_at.0, b.label_at.1, font.px, pal.text, !b.is_group)?;
    }
    // Every stroke as the SVG draws it: members' own parts, each trunk once, an arrowhead where the SVG
    // has one (a trunk into its box carries its members').
    let n = scene.edges.len();
    for (owner, points) in scene.strokes() {
        let (style_of, arrowed) = match owner.checked_sub(n) {
            None => {
                let e = &scene.edges[owner];
                (e.style, e.bundle.as_ref().is_none_or(|(b, _)| !scene.bundles[*b].into))
            }
            Some(b) => {
                let t = &scene.bundles[b];
                (t.style, t.into && t.trunk.last().is_some_and(|v| v.as_slice() == points))
            }
        };
        let look = theme::edge(dark, style_of);
        ctx.set_stroke_style_str(look.color);
        ctx.set_line_width(look.width.px);
        ctx.begin_path();
        for (i, p) in points.iter().enumerate() {
            if i == 0 { ctx.move_to(p.0, p.1) } else { ctx.line_to(p.0, p.1) }
        }
        ctx.stroke();
        if arrowed && points.len() >= 2 {
            arrow(&ctx, points[points.len() - 2], points[points.len() - 1], look, pal.label_bg);
        }
    }
    for b in &scene.bundles {
        ctx.set_fill_style_str(theme::edge(dark, b.style).color);
        for j in &b.junctions {
            ctx.begin_path();
            ctx.arc(j.0, j.1, style::JUNCTION.px, 0.0, std::f64::consts::TAU)?;
            ctx.fill();
        }
    }
    // Overlays: the outline dash-dot with its tag, or a ring round each member.
    for o in &scene.overlays {
        let paint = theme::paint(dark, o.managed_by);
        let rings: Vec<(Rect, f64)> = match o.outline {
            Some(r) => vec![(r, style::GROUP_RADIUS.px)],
            None => o.marks.iter().map(|m| (*m, style::LEAF_RADIUS.px)).collect(),
        };
        for (r, radius) in rings {
            rounded(&ctx, &r, radius)?;
            dash(&ctx, Some(style::OVERLAY_DASH))?;
            ctx.set_stroke_style_str(paint.stroke);
            ctx.set_line_width(style::GROUP_STROKE.px);
            ctx.stroke();
            dash(&ctx, None)?;
        }
        if let Some(t) = &o.tag {
            rounded(&ctx, t, style::SMALL_RADIUS.px)?;
            ctx.set_fill_style_str(pal.label_bg);
            ctx.fill();
            let y = t.y + style::OVERLAY_BASELINE;
            text(&ctx, &o.label, t.x + 5.0, y, style::EDGE.px, pal.text, false)?;
        }
    }
    for e in &scene.edges {
        if let (Some(l), Some(r)) = (&e.label, e.label_rect) {
            rounded(&ctx, &r, style::SMALL_RADIUS.px)?;
            ctx.set_fill_style_str(pal.label_bg);
            ctx.fill();
            text(&ctx, l, r.cx(), r.y + style::EDGE_LABEL_BASELINE, style::EDGE.px, pal.muted, true)?;
        }
    }
    let swatch = |m, r: &Rect| -> Result<(), JsValue> {
        let p = theme::paint(dark, m);
        rounded(&ctx, r, style::SMALL_RADIUS.px)?;
        ctx.set_fill_style_str(p.leaf_fill);
        ctx.fill();
        dash(&ctx, theme::dash(m))?;
        ctx.set_stroke_style_str(p.stroke);
        ctx.set_line_width(style::SWATCH_STROKE.px);
        ctx.stroke();
        dash(&ctx, None)
    };
    if let Some(p) = &scene.panel {
        rounded(&ctx, &p.rect, style::PANEL_RADIUS.px)?;
        ctx.set_fill_style_str(pal.panel_fill);
        ctx.fill();
        ctx.set_stroke_style_str(pal.panel_stroke);
        ctx.set_line_width(1.0);
        ctx.stroke();
        text(&ctx, &p.title, p.title_at.0, p.title_at.1, style::PANEL_TITLE.px, pal.text, false)?;
        for line in &p.lines {
            if let Some(s) = line.swatch {
                swatch(line.who, &s)?;
            }
            text(&ctx, &line.text, line.at.0, line.at.1, style::PANEL.px, pal.text, false)?;
        }
    }
    for item in &scene.legend {
        match item.swatch {
            Swatch::Manager(m) => {
                let (side, up) = style::SWATCH;
                swatch(m, &Rect { x: item.x, y: item.y - up, w: side, h: side })?;
                let x = item.x + item.swatch.text_after();
                text(&ctx, &item.label, x, item.y, style::LEGEND.px, pal.text, false)?;
            }
            Swatch::Edge(s) => {
                let look = theme::edge(dark, s);
                ctx.set_stroke_style_str(look.color);
                ctx.set_line_width(look.width.px);
                let (len, up) = style::LEGEND_LINE_AT;
                let (a, b) = ((item.x, item.y - up), (item.x + len, item.y - up));
                ctx.begin_path();
                ctx.move_to(a.0, a.1);
                ctx.line_to(b.0, b.1);
                ctx.stroke();
                arrow(&ctx, a, b, look, pal.label_bg);
                let x = item.x + item.swatch.text_after();
                text(&ctx, &item.label, x, item.y, style::LEGEND.px, pal.text, false)?;
            }
            Swatch::Overlay => {
                let (side, up) = style::SWATCH;
                rounded(
                    &ctx,
                    &Rect { x: item.x, y: item.y - up, w: style::LEGEND_LINE_AT.0, h: side },
                    style::SMALL_RADIUS.px,
                )?;
                dash(&ctx, Some(style::OVERLAY_DASH))?;
                ctx.set_stroke_style_str(pal.muted);
                ctx.set_line_width(style::GROUP_STROKE.px);
                ctx.stroke();
                dash(&ctx, None)?;
                let x = item.x + item.swatch.text_after();
                text(&ctx, &item.label, x, item.y, style::LEGEND.px, pal.text, false)?;
            }
        }
    }
    Ok(())
}
