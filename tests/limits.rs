//! Inputs at and past the limits, generated here (not stored): over the limits, a clear error before any
//! drawing and with little memory; within them, no panic, every layout invariant kept (the graphs too
//! hard for the layered layout drawn by the simple one), and memory within 256 MiB. Times are not
//! asserted here (see the closing notes and `examples/quality.rs`); a hang would still fail CI.

mod common;

use archdiag::layout::{metrics, verify};
use archdiag::scene::{Mode, Scene};
use common::{Rng, custom, random_graph};
use std::process::Command;

/// Every zero-invariant of a scene, in words (as tests/invariants.rs checks them).
fn problems(scene: &Scene) -> Vec<String> {
    let mut bad = verify::describe(scene);
    let c = metrics::collinear_overlaps(scene);
    if c > 0 {
        bad.push(format!("{c} collinear overlaps"));
    }
    let l = metrics::label_overlaps(scene);
    if l > 0 {
        bad.push(format!("{l} label overlaps"));
    }
    bad
}

fn sound(name: &str, spec: &str) -> Scene {
    let (_, scene) = archdiag::scene(spec).unwrap_or_else(|e| panic!("{name}: {e}"));
    let bad = problems(&scene);
    assert!(bad.is_empty(), "{name}: {} violations, first: {:?}", bad.len(), &bad[..bad.len().min(3)]);
    scene
}

/// Peak resident memory of the CLI on `spec` (written to a file), in KiB, and its exit code.
fn peak_kib(name: &str, spec: &str, args: &[&str]) -> (u64, Option<i32>, String) {
    let dir = std::env::temp_dir().join(format!("archdiag-limits-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("spec.json");
    std::fs::write(&file, spec).unwrap();
    assert!(std::path::Path::new("/usr/bin/time").exists(), "GNU time (/usr/bin/time) is needed");
    let o = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(env!("CARGO_BIN_EXE_archdiag"))
        .args(args)
        .arg("--spec")
        .arg(&file)
        .arg("-o")
        .arg(dir.join("out"))
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    let kib = err.lines().last().and_then(|l| l.trim().parse().ok()).expect("peak memory from /usr/bin/time");
    (kib, o.status.code(), err)
}

#[test]
fn limits_are_checked_while_reading_not_after() {
    // Over the byte cap: refused before parsing.
    let big = format!("{{\"title\":\"{}\"}}", "x".repeat(archdiag::spec::MAX_BYTES));
    let e = archdiag::render(&big).unwrap_err().to_string();
    assert!(e.contains("at most 8388608"), "{e}");
    // 300,000 edges in 6.6 MB: counting stops at the first one over 40,000.
    let edges = vec![r#"{"from":"a","to":"a"}"#; 300_000].join(",");
    let spec = format!(r#"{{"nodes":[{{"id":"a"}}],"edges":[{edges}]}}"#);
    assert!(spec.len() < archdiag::spec::MAX_BYTES);
    let e = archdiag::render(&spec).unwrap_err().to_string();
    assert_eq!(e, "spec has more than 40000 edges; at most 40000 are allowed");
    let (kib, code, err) = peak_kib("edges", &spec, &[]);
    assert_eq!(code, Some(2), "{err}");
    assert!(kib < 96 * 1024, "refusing 300,000 edges took {kib} KiB");
    // A million values anywhere.
    let zeros = vec!["0"; 1_000_001].join(",");
    let e = archdiag::render(&format!(r#"{{"nodes":[{{"id":"a"}}],"x":[{zeros}]}}"#)).unwrap_err().to_string();
    assert_eq!(e, "spec has more than 1000000 JSON values; at most 1000000 are allowed");
}

#[test]
fn an_endless_spec_file_is_refused() {
    let o = Command::new(env!("CARGO_BIN_EXE_archdiag")).args(["--spec", "/dev/zero"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("larger than 8388608 bytes"), "{err}");
}

#[test]
fn panic_within_the_limits_is_gone() {
    // The issue's case: 20,000 nodes and 40,000 random edges trapped the wasm module and took >10 GB.
    let spec = random_graph(20_000, 40_000, 1);
    let scene = sound("20k/40k", &spec);
    assert_eq!(scene.mode, Mode::Simple);
    assert_eq!(scene.edges.len(), 40_000);
    let (kib, code, err) = peak_kib("20k", &spec, &[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(kib < 256 * 1024, "20k/40k took {kib} KiB");
    let (kib, code, err) = peak_kib("20k-json", &spec, &["--format", "json"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(kib < 256 * 1024, "20k/40k as JSON took {kib} KiB");
}

#[test]
fn hangs_within_the_limits_are_gone() {
    // The issue's shapes: a random graph, a path with long edges, two deep chains joined by many edges.
    let scene = sound("random 2000/4000", &random_graph(2000, 4000, 2));
    assert_eq!(scene.mode, Mode::Simple);
    let mut r = Rng(3);
    let nodes: Vec<_> = (0..2000).map(|i| (format!("n{i}"), None)).collect();
    let mut edges: Vec<_> = (0..1999).map(|i| (format!("n{i}"), format!("n{}", i + 1))).collect();
    edges.extend((0..1000).map(|_| (format!("n{}", r.below(2000)), format!("n{}", r.below(2000)))));
    sound("path 2000 + 1000", &custom(&[], &nodes, &edges));
    let depth = archdiag::spec::MAX_DEPTH - 1;
    let mut groups = Vec::new();
    for side in ["a", "b"] {
        for i in 0..depth {
            groups.push((format!("{side}{i}"), (i > 0).then(|| format!("{side}{}", i - 1))));
        }
    }
    let nodes =
        vec![("la".to_string(), Some(format!("a{}", depth - 1))), ("lb".to_string(), Some(format!("b{}", depth - 1)))];
    let edges: Vec<_> = (0..3000)
        .map(|k| {
            let (x, y) = if k % 2 == 0 { ("a", "b") } else { ("b", "a") };
            (format!("{x}{}", r.below(depth)), format!("{y}{}", r.below(depth)))
        })
        .collect();
    sound("two deep chains", &custom(&groups, &nodes, &edges));
    // Many nodes without edges, and one hub with all the edges.
    let nodes: Vec<_> = (0..20_000).map(|i| (format!("n{i}"), None)).collect();
    sound("20k nodes alone", &custom(&[], &nodes, &[]));
    let edges: Vec<_> = (0..40_000).map(|i| ("n0".to_string(), format!("n{}", 1 + i % 19_999))).collect();
    sound("hub", &custom(&[], &nodes, &edges));
}

#[test]
fn a_deep_parent_chain_is_refused_in_linear_time() {
    let groups: Vec<_> = (0..4000).map(|i| (format!("g{i}"), (i > 0).then(|| format!("g{}", i - 1)))).collect();
    let spec = custom(&groups, &[("x".into(), Some("g3999".into()))], &[]);
    let e = archdiag::render(&spec).unwrap_err().to_string();
    assert_eq!(e, "groups[64] lies 65 groups deep; groups may nest at most 64 deep");
    // A long cycle is found in one walk too.
    let mut groups = groups;
    groups[0].1 = Some("g3999".into());
    let e = archdiag::check(&custom(&groups, &[], &[]));
    assert!(e.contains("parent links form a cycle"), "{e}");
}

/// The simple layout keeps every invariant on every preset and corpus file in both directions (it is
/// only used for graphs too hard for the layered one, so this is where it meets real structure).
#[test]
fn the_simple_layout_is_sound_on_every_corpus_file() {
    let mut specs: Vec<(String, String)> = Vec::new();
    for path in common::corpus_files() {
        specs.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
    }
    specs.push(("preset".into(), r#"{"service":"eks","hosting":["ec2","nodegroup","fargate"],"azs":3}"#.into()));
    let labelled = r#"{"groups":[{"id":"g"},{"id":"h","parent":"g"}],"nodes":[{"id":"a","parent":"h"},{"id":"b"},{"id":"c","parent":"g"}],
        "edges":[{"from":"a","to":"b","label":"a long label that is wider than the span"},{"from":"b","to":"c","label":"x"},
        {"from":"c","to":"a","label":"y"},{"from":"g","to":"a","label":"into its own"},{"from":"a","to":"a","label":"self"}]}"#;
    specs.push(("labelled".into(), labelled.into()));
    let mut failures = Vec::new();
    for (name, text) in specs {
        for dir in ["lr", "tb"] {
            let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
            v["direction"] = dir.into();
            let spec = archdiag::spec::parse(&v.to_string()).unwrap();
            let scene = archdiag::layout::layout_simple(&archdiag::model::build(&spec));
            let bad = problems(&scene);
            if !bad.is_empty() {
                failures.push(format!("{name} {dir}: {} violations, first: {}", bad.len(), bad[0]));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
