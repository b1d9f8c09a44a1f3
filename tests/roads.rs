//! The two roads of spec parsing agree: on every corpus file, preset and hostile case, whatever the
//! typed road accepts, the tree road accepts as the same spec, and the typed road takes every corpus
//! file (it is the fast road for exactly those).

mod common;

#[test]
fn typed_and_tree_roads_agree_on_the_corpus_presets_and_hostile_cases() {
    let mut texts: Vec<(String, String)> = Vec::new();
    for path in common::corpus_files() {
        texts.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
    }
    for (name, spec) in common::presets() {
        texts.push((name.to_string(), spec));
    }
    let hostile = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let mut files: Vec<_> = std::fs::read_dir(&hostile).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for p in files.into_iter().filter(|p| p.extension().is_some_and(|x| x == "in")) {
        texts.push((p.display().to_string(), String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned()));
    }
    let (mut typed, mut corpus) = (0, 0);
    for (name, text) in &texts {
        let (fast, tree) = archdiag::spec::roads(text);
        if let Some(fast) = fast {
            typed += 1;
            assert_eq!(Some(&fast), tree.as_ref().ok(), "{name}: the roads disagree");
        } else if name.contains("corpus") {
            panic!("{name}: the typed road gave up on a corpus file");
        }
        if name.contains("corpus") {
            corpus += 1;
        }
    }
    assert!(typed >= corpus && corpus > 100, "typed road took {typed} of {} texts", texts.len());
}
