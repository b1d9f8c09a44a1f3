//! wasm-bindgen tests in a real browser (`wasm-pack test --headless --chrome -- --test web`): the exported
//! functions give SVG, geometry and JS `Error`s, as the page uses them.
#![cfg(all(target_arch = "wasm32", target_os = "unknown"))]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn renders_every_combination_in_the_browser() {
    for (service, hosting) in
        [("ecs", "ec2"), ("ecs", "fargate"), ("eks", "ec2"), ("eks", "nodegroup"), ("eks", "fargate")]
    {
        let spec = format!(r#"{{"service":"{service}","hosting":"{hosting}"}}"#);
        let svg = archdiag::render(&spec).expect("renders");
        assert!(svg.starts_with("<svg") && svg.contains(r#"data-kind="control-plane""#), "{service}+{hosting}");
    }
}

#[wasm_bindgen_test]
fn browser_output_equals_the_native_golden_file() {
    // The golden file was written by the native build; the browser must give the same bytes.
    let golden = include_str!("golden/eks-nodegroup.svg");
    assert_eq!(archdiag::render(r#"{"service":"eks","hosting":"nodegroup"}"#).unwrap(), golden);
}

#[wasm_bindgen_test]
fn bindings_throw_js_errors_with_the_cli_message() {
    use wasm_bindgen::{JsCast, JsValue};
    let spec = r#"{"service":"ecs","hosting":"nodegroup"}"#;
    let want = archdiag::render(spec).unwrap_err().to_string();
    let spec = &js_sys::JsString::from(spec);
    for result in [archdiag::web::render(spec, None), archdiag::web::layout(spec), archdiag::web::describe(spec)] {
        let value: JsValue = result.unwrap_err().into();
        let error: js_sys::Error = value.dyn_into().expect("a JS Error");
        assert_eq!(String::from(error.message()), want);
    }
    let g = archdiag::web::layout(&r#"{"service":"eks","hosting":"fargate"}"#.into()).unwrap();
    assert!(g.contains(r#""kind":"pod""#));
}

#[wasm_bindgen_test]
fn render_takes_an_id_prefix_and_the_readers_scheme_as_options() {
    let spec = &js_sys::JsString::from(r#"{"service":"ecs","hosting":"ec2"}"#);
    let svg = archdiag::web::render(spec, Some(r#"{"id_prefix":"fig-3","prefers":"dark"}"#.into())).unwrap();
    assert!(svg.contains(r#"id="fig-3""#) && svg.contains(r#"id="fig-3-title""#));
    assert_eq!(
        svg,
        archdiag::render(r#"{"service":"ecs","hosting":"ec2","theme":"dark","id_prefix":"fig-3"}"#).unwrap()
    );
    let bad = archdiag::web::render(spec, Some(r#"{"id_prefix":"1<x"}"#.into()));
    assert!(bad.is_err());
    let snippet = archdiag::web::snippet(spec, "archdiag-docs.js").unwrap();
    assert!(snippet.contains(r#"<arch-diagram service="ecs" hosting="ec2""#), "{snippet}");
}

/// Text over the byte cap is refused by its length, with the message every target gives.
#[wasm_bindgen_test]
fn over_long_text_is_refused_before_it_is_copied() {
    let big = js_sys::JsString::from("x".repeat(archdiag::spec::MAX_BYTES + 1).as_str());
    let want = archdiag::spec::over_size().to_string();
    let value: wasm_bindgen::JsValue = archdiag::web::render(&big, None).unwrap_err().into();
    let error: js_sys::Error = wasm_bindgen::JsCast::dyn_into(value).expect("a JS Error");
    assert_eq!(String::from(error.message()), want);
    assert!(archdiag::web::check(&big).contains(&want));
}
