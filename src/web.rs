//! Browser and Node bindings (wasm32-unknown-unknown only): strings in, strings out, errors as JS `Error`s
//! carrying the same message as the CLI. Nothing here but conversion and delegation.

use wasm_bindgen::prelude::*;

/// The SVG for a JSON spec; throws an `Error` naming what is wrong. `options`, JSON text
/// `{"id_prefix": "…", "prefers": "light"|"dark"}`, gives the diagram its own ids on a page and the
/// reader's colour scheme for a spec whose theme is `auto` or not given.
#[wasm_bindgen]
pub fn render(spec_json: &str, options: Option<String>) -> Result<String, JsError> {
    let err = |e: crate::Error| JsError::new(&e.to_string());
    let options = crate::Options::parse(options.as_deref().unwrap_or("")).map_err(err)?;
    crate::render_with(spec_json, &options).map_err(err)
}

/// The HTML that embeds a valid spec's diagram in a page, loading the element from `script`; throws for
/// an invalid spec.
#[wasm_bindgen]
pub fn snippet(spec_json: &str, script: &str) -> Result<String, JsError> {
    crate::embed::snippet(spec_json, script).map_err(|e| JsError::new(&e.to_string()))
}

/// The laid-out geometry for a JSON spec, as JSON text.
#[wasm_bindgen]
pub fn layout(spec_json: &str) -> Result<String, JsError> {
    crate::layout_json(spec_json).map_err(|e| JsError::new(&e.to_string()))
}

/// A plain-language description of the diagram for a JSON spec.
#[wasm_bindgen]
pub fn describe(spec_json: &str) -> Result<String, JsError> {
    crate::describe(spec_json).map_err(|e| JsError::new(&e.to_string()))
}

/// Validates a JSON spec for an editor: JSON text `{ok, message, line, column}`; never throws.
#[wasm_bindgen]
pub fn check(spec_json: &str) -> String {
    crate::check(spec_json)
}

/// Draws the diagram of a JSON spec on a canvas, `scale` device pixels per SVG unit (2 for a sharp PNG).
#[wasm_bindgen]
pub fn paint(spec_json: &str, canvas: &web_sys::HtmlCanvasElement, scale: f64) -> Result<(), JsError> {
    let (_, scene) = crate::scene(spec_json).map_err(|e| JsError::new(&e.to_string()))?;
    crate::render::canvas::draw(&scene, canvas, scale)
        .map_err(|e| JsError::new(&format!("cannot draw on the canvas: {e:?}")))
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
