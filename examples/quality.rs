//! Prints layout metrics and time for spec files: `cargo run --release --example quality -- FILE...`
//! (used when working on the layout; the comparison with ELK is scripts/compare-elk.mjs).

fn main() {
    println!(
        "{:<48} {:>7} {:>6} {:>6} {:>5} {:>5} {:>9} {:>8}",
        "file", "cross", "bends", "colin", "thru", "lbl", "Mpx2", "ms"
    );
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).expect("read");
        let t = std::time::Instant::now();
        let (_, scene) = archdiag::scene(&text).expect("valid spec");
        let ms = t.elapsed().as_secs_f64() * 1e3;
        let m = archdiag::layout::metrics::measure(&scene);
        let name = std::path::Path::new(&path).file_name().unwrap().to_string_lossy().to_string();
        println!(
            "{:<48} {:>7} {:>6} {:>6} {:>5} {:>5} {:>9.2} {:>8.1}",
            name,
            m.crossings,
            m.bends,
            m.collinear_overlaps,
            m.through_box + m.overlaps,
            m.label_overlaps,
            m.area() / 1e6,
            ms
        );
    }
}
