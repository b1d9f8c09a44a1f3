//! Layout invariants (no overlap, containment with padding, orthogonal edges that pass through no foreign
//! box) on every preset and every corpus file, in both directions.

mod common;

use archdiag::layout::verify;

fn check(name: &str, spec: &str) -> usize {
    let (_, scene) = archdiag::scene(spec).unwrap_or_else(|e| panic!("{name}: {e}"));
    let bad = verify::check(&scene);
    assert!(bad.is_empty(), "{name}: {} violations, first: {:?}", bad.len(), &bad[..bad.len().min(5)]);
    scene.boxes.len()
}

#[test]
fn presets_are_sound_in_both_directions() {
    for (name, spec) in common::presets() {
        for dir in ["lr", "tb"] {
            check(&format!("{name} {dir}"), &common::with_direction(&spec, dir));
        }
    }
    // The largest presets too.
    for dir in ["lr", "tb"] {
        let s = format!(
            r#"{{"service":"eks","hosting":["ec2","nodegroup","fargate"],"azs":6,"workers":64,"direction":"{dir}"}}"#
        );
        check(&format!("largest {dir}"), &s);
    }
}

#[test]
fn corpus_is_sound_in_both_directions() {
    let mut failures = Vec::new();
    for path in common::corpus_files() {
        let text = std::fs::read_to_string(&path).expect("read corpus file");
        for dir in ["lr", "tb"] {
            let spec = common::with_direction(&text, dir);
            let (_, scene) = archdiag::scene(&spec).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let bad = verify::check(&scene);
            if !bad.is_empty() {
                failures.push(format!("{} {dir}: {} violations, first: {}", path.display(), bad.len(), bad[0]));
            }
        }
    }
    assert!(failures.is_empty(), "{} failing layouts:\n{}", failures.len(), failures.join("\n"));
}
