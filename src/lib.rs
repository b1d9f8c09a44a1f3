//! archdiag draws architecture diagrams of AWS container hosting (ECS or EKS on EC2, node groups or
//! Fargate) and of any nested graph given in its custom form.
//!
//! The pipeline, one module a stage, composed only in [`render`] and [`layout_json`]:
//! 1. [`spec::parse`]: JSON text → a validated [`spec::Spec`] (the only stage that can fail);
//! 2. [`model::build`]: spec → the domain graph [`model::Model`] (elements, containment, relations, who
//!    manages what);
//! 3. [`layout::layout`]: model → the positioned [`scene::Scene`] (placement, then routing);
//! 4. [`render::svg`]: scene → SVG text.
//!
//! The browser bindings (`web`, wasm32-unknown-unknown only) and the `archdiag` CLI are thin edges over
//! these functions, so every target gives the same bytes for the same input.
#![forbid(unsafe_code)]

pub mod describe;
pub mod embed;
pub mod error;
pub mod geometry;
pub mod kinds;
pub mod layout;
pub mod locate;
pub mod model;
pub mod render;
pub mod safe;
pub mod scene;
pub mod spec;
pub mod style;
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
pub mod web;

pub use error::Error;
pub use geometry::{GeoBox, GeoEdge, Geometry, geometry};

use scene::Scene;
use serde_json::json;
use spec::Theme;

/// What a caller may say beside the spec (the bindings' optional second argument, as JSON text
/// `{"id_prefix": "…", "prefers": "light"|"dark"}`): things a page knows and a spec cannot.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Overrides the spec's `id_prefix` (a page with several diagrams gives each its own).
    pub id_prefix: Option<String>,
    /// The reader's colour scheme: drawn for a spec whose theme is `auto` or not given.
    pub prefers: Option<Theme>,
}

impl Options {
    /// Reads options from JSON text (the empty string: none), with the spec's strictness.
    pub fn parse(text: &str) -> Result<Options, Error> {
        if text.trim().is_empty() {
            return Ok(Options::default());
        }
        let v = spec::parse_json(text)?;
        let obj = v.as_object().ok_or_else(|| Error::WrongType {
            path: "options".into(),
            expected: "an object",
            got: error::describe(&v),
        })?;
        let mut o = Options::default();
        for (k, v) in obj {
            let path = format!("options.{k}");
            let s = match (k.as_str(), v) {
                ("id_prefix" | "prefers", serde_json::Value::String(s)) => s.as_str(),
                ("id_prefix" | "prefers", _) => {
                    return Err(Error::WrongType { path, expected: "a string", got: error::describe(v) });
                }
                _ => {
                    return Err(Error::UnknownField {
                        path: "options".into(),
                        name: error::truncate(k, 40),
                        allowed: "id_prefix, prefers",
                    });
                }
            };
            if k == "id_prefix" {
                o.id_prefix = spec::check_prefix(Some(s), &path)?;
            } else {
                o.prefers = match spec::theme_named(s, &path)? {
                    Theme::Auto => {
                        return Err(Error::BadValue {
                            path,
                            value: "\"auto\"".into(),
                            allowed: "\"light\", \"dark\"".into(),
                        });
                    }
                    t => Some(t),
                };
            }
        }
        Ok(o)
    }
}

/// The id prefix of a spec that names none: `ad` and eight hex digits of [`spec::Spec::fingerprint`],
/// so that different specs on one page get different ids, and one spec the same bytes however its text
/// is spaced or ordered (the CLI's flags and the same spec as a file agree).
pub fn id_prefix(spec: &spec::Spec) -> String {
    let h = spec.fingerprint();
    format!("ad{:08x}", (h ^ (h >> 32)) as u32)
}

/// The table of the spec's top-level fields ([`spec::fields::FIELDS`]) as JSON text: what the page
/// builds its controls from and the `<arch-diagram>` element its attributes (the wasm `fields()`).
pub fn fields_json() -> String {
    spec::fields::json()
}

/// Parses, models and lays out a spec.
pub fn scene(spec_json: &str) -> Result<(model::Model, Scene), Error> {
    scene_with(spec_json, &Options::default())
}

/// [`scene`] with a caller's options.
pub fn scene_with(spec_json: &str, options: &Options) -> Result<(model::Model, Scene), Error> {
    let mut spec = spec::parse(spec_json)?;
    let prefix = options.id_prefix.clone().or_else(|| spec.id_prefix.clone()).unwrap_or_else(|| id_prefix(&spec));
    if let Some(t) = options.prefers
        && matches!(spec.theme, None | Some(Theme::Auto))
    {
        spec.theme = Some(t);
    }
    let mut model = model::build(&spec);
    model.id_prefix = prefix.clone();
    let scene = layout::layout(&model);
    // A preset in full detail (by default) too wide for its width is drawn in overview, one box per node,
    // when that is narrower.
    if let spec::Form::Preset(p) = &spec.form
        && !p.detail_given
        && p.detail == spec::Detail::Full
        && model.max_width.is_some_and(|m| scene.width > m)
    {
        let mut brief = spec.clone();
        if let spec::Form::Preset(q) = &mut brief.form {
            q.detail = spec::Detail::Overview;
        }
        let mut m2 = model::build(&brief);
        m2.id_prefix = prefix;
        let s2 = layout::layout(&m2);
        if s2.width < scene.width {
            return Ok((m2, s2));
        }
    }
    Ok((model, scene))
}

/// The SVG for a spec.
pub fn render(spec_json: &str) -> Result<String, Error> {
    render_with(spec_json, &Options::default())
}

/// The SVG for a spec, with a caller's options.
pub fn render_with(spec_json: &str, options: &Options) -> Result<String, Error> {
    let (model, scene) = scene_with(spec_json, options)?;
    Ok(render::svg(&scene, &describe::describe(&model)))
}

/// Validates a spec for an editor: `{"ok":true}` or `{"ok":false,"message":…,"line":…,"column":…}`
/// (line and column 1-based, absent when the error has no single place).
pub fn check(spec_json: &str) -> String {
    match spec::parse(spec_json) {
        Ok(_) => json!({"ok": true}).to_string(),
        Err(e) => verdict(spec_json, &e),
    }
}

/// [`check`]'s verdict on an error found in `spec_json`.
pub fn verdict(spec_json: &str, e: &Error) -> String {
    let place = locate::locate(spec::body(spec_json), e);
    json!({
        "ok": false,
        "message": e.to_string(),
        "line": place.map(|p| p.0),
        "column": place.map(|p| p.1),
    })
    .to_string()
}

/// A plain-language description of a diagram, every control or bidi character in it written as a visible
/// escape (see [`safe::terminal`]).
/// Of the model drawn: a preset that falls back to overview to fit its width is described so.
pub fn describe(spec_json: &str) -> Result<String, Error> {
    Ok(describe::describe(&scene(spec_json)?.0))
}

/// The laid-out geometry of a spec as JSON: every box (id, kind, parent, managed_by, label, x, y, width,
/// height), every edge (from, to, kind, label, points) and the layout's quality `metrics`.
pub fn layout_json(spec_json: &str) -> Result<String, Error> {
    let (_, s) = scene(spec_json)?;
    // Plain structs of strings, numbers and lists: serde_json has nothing to refuse in them.
    Ok(safe::json(serde_json::to_string(&geometry(&s)).unwrap_or_default()))
}
