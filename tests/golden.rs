//! Golden SVGs: one per preset combination (the five valid ones and two mixed), compared byte for byte.
//! Regenerate only on purpose with `ARCHDIAG_UPDATE_GOLDEN=1 cargo test --test golden`, and look at the
//! diff before committing it.

mod common;

use std::path::PathBuf;

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

#[test]
fn presets_match_their_golden_svg() {
    let update = std::env::var_os("ARCHDIAG_UPDATE_GOLDEN").is_some();
    let mut stale = Vec::new();
    for (name, spec) in common::presets() {
        let svg = archdiag::render(&spec).expect("preset renders");
        let path = golden_dir().join(format!("{name}.svg"));
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
fn rendering_is_deterministic() {
    for (name, spec) in common::presets() {
        assert_eq!(archdiag::render(&spec).unwrap(), archdiag::render(&spec).unwrap(), "{name}");
        assert_eq!(archdiag::layout_json(&spec).unwrap(), archdiag::layout_json(&spec).unwrap(), "{name}");
    }
    let text = std::fs::read_to_string(&common::corpus_files()[0]).unwrap();
    assert_eq!(archdiag::render(&text).unwrap(), archdiag::render(&text).unwrap());
}
