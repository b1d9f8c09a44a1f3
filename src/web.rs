//! Browser and Node bindings (wasm32-unknown-unknown only): strings in, strings out, errors as JS `Error`s
//! carrying the same message as the CLI. Nothing here but conversion and delegation.

use wasm_bindgen::prelude::*;

/// The SVG for a JSON spec; throws an `Error` naming what is wrong.
#[wasm_bindgen]
pub fn render(spec_json: &str) -> Result<String, JsError> {
    crate::render(spec_json).map_err(|e| JsError::new(&e.to_string()))
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

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
