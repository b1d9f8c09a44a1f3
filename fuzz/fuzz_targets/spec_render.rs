//! spec_render: any UTF-8 text through `render` and `describe` never panics, both succeed or fail together, a spec that renders lays out with the layout's invariants kept (`verify::check` empty, zero collinear and label overlaps) and the same drawing twice, and its SVG is well-formed and safe to inline: no script, no `on…` event attribute, no style attribute, no href but to a `#…` fragment, no `javascript:` or external URL in an attribute or the `<style>`, every `<` and `&` of user text escaped.
#![no_main]

use archdiag::layout::{metrics, verify};
use archdiag_fuzz::{enabled, short};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let rendered = archdiag::render(text);
    let described = archdiag::describe(text);
    let (svg, description) = match (rendered, described) {
        (Ok(svg), Ok(d)) => (svg, d),
        (Err(a), Err(b)) => {
            assert_eq!(a, b, "render and describe report different errors");
            archdiag_fuzz::check_message("render error", &a.to_string());
            return;
        }
        (r, d) => panic!("render gave {:?} but describe gave {:?}", r.map(|_| ()), d.map(|_| ())),
    };
    archdiag_fuzz::check_svg(&svg);
    if !enabled("layout") {
        return;
    }
    let (_, scene) = archdiag::scene(text).unwrap_or_else(|e| panic!("render() accepted what scene() refused: {e}"));
    if enabled("verify") {
        let bad = verify::check(&scene);
        assert!(bad.is_empty(), "{} invariant violations, first: {:?}", bad.len(), &bad[..bad.len().min(5)]);
    }
    let m = metrics::measure(&scene);
    if enabled("collinear") {
        assert_eq!(m.collinear_overlaps, 0, "edges run along one another ({m:?})\nspec: {}", short(text));
    }
    if enabled("label-overlap") {
        assert_eq!(m.label_overlaps, 0, "edge labels on boxes or labels ({m:?})\nspec: {}", short(text));
    }
    if enabled("determinism") {
        assert!(svg == archdiag::render::svg(&scene, &description), "two layouts of one spec differ");
    }
});
