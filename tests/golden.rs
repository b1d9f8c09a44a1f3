//! Golden SVGs: one per preset combination (the five valid ones and two mixed), compared byte for byte.
//! Regenerate only on purpose with `ARCHDIAG_UPDATE_GOLDEN=1 cargo test --test golden`, and look at the
//! diff before committing it.

mod common;

use std::path::PathBuf;

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// Renders each spec and compares it with `tests/golden/{prefix}{name}.svg` (or rewrites them all when
/// `ARCHDIAG_UPDATE_GOLDEN` is set).
fn compare(cases: impl IntoIterator<Item = (String, String)>, prefix: &str) {
    let update = std::env::var_os("ARCHDIAG_UPDATE_GOLDEN").is_some();
    let mut stale = Vec::new();
    for (name, spec) in cases {
        let svg = archdiag::render(&spec).unwrap_or_else(|e| panic!("{name} renders: {e}"));
        let path = golden_dir().join(format!("{prefix}{name}.svg"));
        if update {
            std::fs::write(&path, &svg).expect("write golden");
            continue;
        }
        let want = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (set ARCHDIAG_UPDATE_GOLDEN=1 to create it)", path.display()));
        if want != svg {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "SVG differs from golden for {stale:?}; if the change is intended, rerun with ARCHDIAG_UPDATE_GOLDEN=1 and review the diff"
    );
}

#[test]
fn presets_match_their_golden_svg() {
    compare(common::presets().into_iter().map(|(n, s)| (n.to_string(), s)), "");
}

/// The architecture-form examples of `tests/architectures/`, in name order.
fn architectures() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/architectures");
    let mut v: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("tests/architectures")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    v.sort();
    v
}

#[test]
fn architectures_match_their_golden_svg() {
    let all = architectures();
    assert!(all.len() >= 3, "the gallery of architectures is there");
    compare(all, "arch-");
}

#[test]
fn rendering_is_deterministic() {
    for (name, spec) in common::presets() {
        assert_eq!(archdiag::render(&spec).unwrap(), archdiag::render(&spec).unwrap(), "{name}");
        assert_eq!(archdiag::layout_json(&spec).unwrap(), archdiag::layout_json(&spec).unwrap(), "{name}");
    }
    let text = std::fs::read_to_string(&common::corpus_files()[0]).unwrap();
    assert_eq!(archdiag::render(&text).unwrap(), archdiag::render(&text).unwrap());
}

/// `render::svg` writes the `svg` crate's node tree itself (faster than the crate's `Display`); its text
/// must be the crate's own, byte for byte, on every preset in both directions and every corpus file, with
/// markup characters in the description.
#[test]
fn svg_writer_gives_the_bytes_of_the_svg_crates_display() {
    let mut specs: Vec<(String, String)> = Vec::new();
    for (name, spec) in common::presets() {
        specs.push((format!("{name} LR"), common::with_direction(&spec, "LR")));
        specs.push((name.to_string(), spec));
    }
    // The auto theme embeds a <style> element, whose text the crate writes on its own line.
    specs.push(("auto".into(), r#"{"service":"eks","hosting":"fargate","theme":"auto","title":"<T> & 'q'"}"#.into()));
    for path in common::corpus_files() {
        specs.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
    }
    let description = r#"a <b> & "c" 'd'"#;
    for (name, spec) in &specs {
        let (_, scene) = archdiag::scene(spec).unwrap();
        let ours = archdiag::render::svg(&scene, description);
        let crates = format!("{}\n", archdiag::render::document(&scene, description));
        assert!(ours == crates, "{name}: the SVG writer differs from the svg crate's Display");
    }
}

/// The layout JSON keeps the form it has always had: keys in alphabetical order at every level (as a
/// `serde_json::Value` wrote them before the geometry was serialized straight from the scene), and a
/// missing parent or edge label as `null`.
#[test]
fn layout_json_keeps_its_keys_in_alphabetical_order() {
    let (_, spec) = &common::presets()[0];
    let text = archdiag::layout_json(spec).unwrap();
    let in_order = |part: &str, keys: &[&str]| {
        let at: Vec<usize> = keys
            .iter()
            .map(|k| part.find(&format!("\"{k}\":")).unwrap_or_else(|| panic!("no {k} in {part}")))
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "keys out of order in {part}: {keys:?} at {at:?}");
    };
    assert!(text.starts_with("{\"boxes\":[{"), "{}", &text[..40]);
    let first_box = &text[..text.find('}').unwrap()];
    in_order(
        first_box,
        &["group", "height", "id", "kind", "label", "label_at", "managed_by", "parent", "width", "x", "y"],
    );
    assert!(first_box.contains("\"parent\":null"), "a top-level box has no parent: {first_box}");
    let edges = &text[text.find("\"edges\":[").unwrap()..];
    in_order(
        &edges[..edges.find("\"to\":").unwrap() + 5],
        &["bundle", "from", "kind", "label", "label_rect", "points", "to"],
    );
    let after_edges = text.rfind("}],\"height\":").unwrap();
    in_order(&text[after_edges..], &["height", "legend", "metrics", "overlays", "panel"]);
    assert!(
        text.rfind("\"title\":") < text.rfind("\"title_at\":")
            && text.rfind("\"title_at\":") < text.rfind("\"width\":")
    );
    let bundles = &text[text.find("\"bundles\":[{").expect("the preset draws a trunk")..];
    in_order(
        &bundles[..bundles.find("\"trunk\"").unwrap() + 9],
        &["end", "into", "junctions", "kind", "members", "trunk"],
    );
    assert!(text.find("\"bundles\":[").unwrap() < text.find("\"edges\":[").unwrap());
    let metrics = &text[text.find("\"metrics\":{").unwrap()..];
    let metrics = &metrics[..metrics.find('}').unwrap()];
    let names = [
        "area",
        "arrowheads",
        "arrowheads_per_side",
        "bends",
        "bundles",
        "collinear_overlaps",
        "crossings",
        "height",
        "ink",
        "label_overlaps",
        "labels_off_edge",
        "labels_on_other_edges",
        "overlaps",
        "overlays",
        "overlays_marked",
        "through_box",
        "width",
    ];
    in_order(metrics, &names);
    assert!(text.find("\"edges\":[").unwrap() < after_edges);
}
