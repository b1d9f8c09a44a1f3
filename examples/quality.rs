//! Prints layout metrics and time for spec files: `cargo run --release --example quality -- FILE...`
//! (used when working on the layout; the comparison with ELK is scripts/compare-elk.mjs), with the layout
//! mode, the budget's estimate of the layered layout's work, and the time metrics take.

fn main() {
    println!(
        "{:<48} {:>7} {:>6} {:>6} {:>5} {:>5} {:>9} {:>8} {:>8} {:>11} {:>8}",
        "file", "cross", "bends", "colin", "thru", "lbl", "Mpx2", "ms", "mode", "budget", "verify"
    );
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).expect("read");
        let t = std::time::Instant::now();
        let (_, scene) = archdiag::scene(&text).expect("valid spec");
        let ms = t.elapsed().as_secs_f64() * 1e3;
        let t = std::time::Instant::now();
        let m = archdiag::layout::metrics::measure(&scene);
        let measure_ms = t.elapsed().as_secs_f64() * 1e3;
        let spec = archdiag::spec::parse(&text).expect("valid spec");
        let model = archdiag::model::build(&spec);
        let (kids, roots) = model.children();
        let cost = archdiag::layout::budget::cost(&model, &kids, &roots);
        let name = std::path::Path::new(&path).file_name().unwrap().to_string_lossy().to_string();
        println!(
            "{:<48} {:>7} {:>6} {:>6} {:>5} {:>5} {:>9.2} {:>8.1} {:>8} {:>11} {:>8.1}",
            name,
            m.crossings,
            m.bends,
            m.collinear_overlaps,
            m.through_box + m.overlaps,
            m.label_overlaps,
            m.area() / 1e6,
            ms,
            scene.mode.as_str(),
            cost,
            measure_ms
        );
    }
}
