//! Benchmark (run on demand with `cargo bench`): time of `render` for each preset and for the synthetic
//! corpus files, and of their layout alone, as the median of repeated runs, with ratios to the first case.

use std::time::Instant;

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
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/synthetic");
    for n in [30, 100, 300, 1000, 3000] {
        if let Ok(text) = std::fs::read_to_string(corpus.join(format!("arch-{n}.json"))) {
            cases.push((format!("arch-{n}.json"), text));
        }
    }
    println!("{:<30} {:>12} {:>10} {:>12}", "case", "median ms", "ratio", "layout ms");
    let mut base = None;
    for (name, spec) in &cases {
        if filter.as_ref().is_some_and(|f| !name.contains(f.as_str())) {
            continue;
        }
        let ms = median_ms(
            || {
                std::hint::black_box(archdiag::render(spec).expect("valid"));
            },
            3,
        );
        // Parsing and layout alone (the scene), without writing the SVG.
        let layout_ms = median_ms(
            || {
                std::hint::black_box(archdiag::scene(spec).expect("valid"));
            },
            3,
        );
        let b = *base.get_or_insert(ms);
        println!("{name:<30} {ms:>12.3} {:>10.1} {layout_ms:>12.3}", ms / b);
    }
}
