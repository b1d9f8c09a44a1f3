//! Browser and Node bindings (wasm32-unknown-unknown only): strings in, strings out, errors as JS `Error`s
//! carrying the same message as the CLI. Nothing here but conversion and delegation, and one guard: spec
//! text longer than the byte cap is refused by its length before it is copied into the module (a JS
//! string of n UTF-16 units is at least n bytes of UTF-8), so a 50 MB string costs nothing to refuse.

use crate::Error;
use js_sys::JsString;
use wasm_bindgen::prelude::*;

/// The spec text, unless it is certainly over [`crate::spec::MAX_BYTES`].
fn text(spec: &JsString) -> Result<String, Error> {
    if spec.length() as usize > crate::spec::MAX_BYTES {
        return Err(crate::spec::over_size());
    }
    Ok(String::from(spec))
}

fn js(e: Error) -> JsError {
    JsError::new(&e.to_string())
}

/// The SVG for a JSON spec; throws an `Error` naming what is wrong. `options`, JSON text
/// `{"id_prefix": "…", "prefers": "light"|"dark"}`, gives the diagram its own ids on a page and the
/// reader's colour scheme for a spec whose theme is `auto` or not given.
#[wasm_bindgen]
pub fn render(spec_json: &JsString, options: Option<String>) -> Result<String, JsError> {
    let options = crate::Options::parse(options.as_deref().unwrap_or("")).map_err(js)?;
    crate::render_with(&text(spec_json).map_err(js)?, &options).map_err(js)
}

/// The HTML that embeds a valid spec's diagram in a page, loading the element from `script`; throws for
/// an invalid spec.
#[wasm_bindgen]
pub fn snippet(spec_json: &JsString, script: &str) -> Result<String, JsError> {
    crate::embed::snippet(&text(spec_json).map_err(js)?, script).map_err(js)
}

/// The laid-out geometry for a JSON spec, as JSON text.
#[wasm_bindgen]
pub fn layout(spec_json: &JsString) -> Result<String, JsError> {
    crate::layout_json(&text(spec_json).map_err(js)?).map_err(js)
}

/// A plain-language description of the diagram for a JSON spec.
#[wasm_bindgen]
pub fn describe(spec_json: &JsString) -> Result<String, JsError> {
    crate::describe(&text(spec_json).map_err(js)?).map_err(js)
}

/// Validates a JSON spec for an editor: JSON text `{ok, message, line, column}`; never throws.
#[wasm_bindgen]
pub fn check(spec_json: &JsString) -> String {
    match text(spec_json) {
        Ok(t) => crate::check(&t),
        Err(e) => crate::verdict("", &e),
    }
}

/// Draws the diagram of a JSON spec on a canvas, `scale` device pixels per SVG unit (2 for a sharp PNG).
#[wasm_bindgen]
pub fn paint(spec_json: &JsString, canvas: &web_sys::HtmlCanvasElement, scale: f64) -> Result<(), JsError> {
    let (_, scene) = crate::scene(&text(spec_json).map_err(js)?).map_err(js)?;
    crate::render::canvas::draw(&scene, canvas, scale)
        .map_err(|e| JsError::new(&format!("cannot draw on the canvas: {e:?}")))
}

/// The spec's top-level fields as JSON text (name, flag, attribute, label, type, allowed values or range,
/// default, help, forms), for controls and attribute lists built from the core's own table.
#[wasm_bindgen]
pub fn fields() -> String {
    crate::fields_json()
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
