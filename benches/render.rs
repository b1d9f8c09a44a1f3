//! Benchmark (run on demand with `cargo bench`): time of `render` for each preset and for the synthetic
//! corpus files, and of their layout alone, as the median of repeated runs, with ratios to the first case.
//! For the layout it also gives the first run's time (the process's heap still cold, as in a CLI run) and
//! the median per leaf box, which shows how the time grows with the size of the drawing.

use std::time::Instant;

#[path = "../tests/common/mod.rs"]
mod common;

fn median_ms(mut f: impl FnMut(), min_runs: usize) -> f64 {
    let mut times = Vec::new();
    let start = Instant::now();
    while times.len() < min_runs || (start.elapsed().as_secs_f64() < 1.0 && times.len() < 1000) {
        let t = Instant::now();
        f();
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let filter = std::env::args().nth(1).filter(|a| !a.starts_with('-'));
    let mut cases: Vec<(String, String)> = [
        ("ecs+ec2", r#"{"service":"ecs","hosting":"ec2"}"#),
        ("ecs+fargate", r#"{"service":"ecs","hosting":"fargate"}"#),
        ("eks+ec2", r#"{"service":"eks","hosting":"ec2"}"#),
        ("eks+nodegroup", r#"{"service":"eks","hosting":"nodegroup"}"#),
        ("eks+fargate", r#"{"service":"eks","hosting":"fargate"}"#),
        (
            "eks mixed 6 AZs 64 workers",
            r#"{"service":"eks","hosting":["ec2","nodegroup","fargate"],"azs":6,"workers":64}"#,
        ),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/synthetic");
    for n in [30, 100, 300, 1000, 3000] {
        if let Ok(text) = std::fs::read_to_string(corpus.join(format!("arch-{n}.json"))) {
            cases.push((format!("arch-{n}.json"), text));
        }
    }
    println!(
        "{:<30} {:>12} {:>8} {:>12} {:>14} {:>8} {:>14}",
        "case", "median ms", "ratio", "layout ms", "first layout", "leaves", "layout µs/leaf"
    );
    let mut base = None;
    for (name, spec) in &cases {
        if filter.as_ref().is_some_and(|f| !name.contains(f.as_str())) {
            continue;
        }
        // Parsing and layout alone (the scene), without writing the SVG: first the run on a cold heap.
        let t = Instant::now();
        let (_, scene) = archdiag::scene(spec).expect("valid");
        let first_ms = t.elapsed().as_secs_f64() * 1e3;
        let leaves = scene.boxes.iter().filter(|b| !b.is_group).count();
        let ms = median_ms(
            || {
                std::hint::black_box(archdiag::render(spec).expect("valid"));
            },
            3,
        );
        let layout_ms = median_ms(
            || {
                std::hint::black_box(archdiag::scene(spec).expect("valid"));
            },
            3,
        );
        let b = *base.get_or_insert(ms);
        println!(
            "{name:<30} {ms:>12.3} {:>8.1} {layout_ms:>12.3} {first_ms:>14.3} {leaves:>8} {:>14.1}",
            ms / b,
            layout_ms * 1e3 / leaves.max(1) as f64
        );
    }
    hostile(filter.as_deref());
}

/// Validation alone (`check`, run on every keystroke in the page) on the largest corpus file and on a
/// 1 MB spec, and the whole layout of the issue's hard shapes: which layout drew them and how long it
/// took (the first, cold run and the median).
fn hostile(filter: Option<&str>) {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/synthetic/arch-3000.json");
    let mut cases: Vec<(String, String)> = Vec::new();
    if let Ok(text) = std::fs::read_to_string(corpus) {
        cases.push(("arch-3000.json".into(), text));
    }
    cases.push(("random 300/600".into(), common::random_graph(300, 600, 5)));
    cases.push(("random 2000/4000".into(), common::random_graph(2000, 4000, 2)));
    cases.push(("random 20000/40000".into(), common::random_graph(20_000, 40_000, 1)));
    let mut r = common::Rng(3);
    let nodes: Vec<_> = (0..2000).map(|i| (format!("n{i}"), None)).collect();
    let mut edges: Vec<_> = (0..1999).map(|i| (format!("n{i}"), format!("n{}", i + 1))).collect();
    edges.extend((0..1000).map(|_| (format!("n{}", r.below(2000)), format!("n{}", r.below(2000)))));
    cases.push(("path 2000 + 1000 long".into(), common::custom(&[], &nodes, &edges)));
    let mut groups = Vec::new();
    for side in ["a", "b"] {
        for i in 0..63 {
            groups.push((format!("{side}{i}"), (i > 0).then(|| format!("{side}{}", i - 1))));
        }
    }
    let leaves = vec![("la".to_string(), Some("a62".to_string())), ("lb".to_string(), Some("b62".to_string()))];
    let joins: Vec<_> = (0..3000)
        .map(|k| (format!("{}{}", ["a", "b"][k % 2], r.below(63)), format!("{}{}", ["b", "a"][k % 2], r.below(63))))
        .collect();
    cases.push(("two 63-deep chains, 3000 edges".into(), common::custom(&groups, &leaves, &joins)));
    let nodes: Vec<String> =
        (0..18_000).map(|i| format!(r#"{{"id":"node-{i}","label":"Node number {i} of many"}}"#)).collect();
    cases.push(("1 MB of nodes".into(), format!(r#"{{"nodes":[{}]}}"#, nodes.join(","))));
    println!("\n{:<34} {:>8} {:>10} {:>9} {:>12} {:>12}", "case", "bytes", "check ms", "mode", "first ms", "median ms");
    for (name, spec) in &cases {
        if filter.is_some_and(|f| !name.contains(f)) {
            continue;
        }
        let check_ms = median_ms(|| drop(std::hint::black_box(archdiag::check(spec))), 3);
        let t = Instant::now();
        let (_, scene) = archdiag::scene(spec).expect("valid");
        let first = t.elapsed().as_secs_f64() * 1e3;
        let ms = median_ms(|| drop(std::hint::black_box(archdiag::scene(spec).expect("valid"))), 3);
        println!("{name:<34} {:>8} {check_ms:>10.3} {:>9} {first:>12.1} {ms:>12.1}", spec.len(), scene.mode.as_str());
    }
}
