//! Counts the files that fit a width: `cargo run --release --example fit -- WIDTH FILE...` prints, per
//! folder, how many of its specs are at most WIDTH px wide as they are and with `max_width` set to it,
//! and the widest with it (used for the README's docs-column figures).

use std::collections::BTreeMap;

fn width(spec: &str) -> f64 {
    archdiag::scene(spec).expect("valid spec").1.width
}

fn main() {
    let mut args = std::env::args().skip(1);
    let max: u32 = args.next().and_then(|w| w.parse().ok()).expect("a width first");
    // Per folder: files, fit as they are, fit with max_width, widest with max_width (and its name).
    let mut rows: BTreeMap<String, (usize, usize, usize, f64, String)> = BTreeMap::new();
    for path in args {
        let text = std::fs::read_to_string(&path).expect("read");
        let mut spec: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let plain = width(&text);
        spec["max_width"] = max.into();
        let fitted = width(&spec.to_string());
        let p = std::path::Path::new(&path);
        let folder = p.parent().and_then(|d| d.file_name()).map_or(String::new(), |d| d.to_string_lossy().into());
        let name = p.file_stem().map_or(String::new(), |n| n.to_string_lossy().into());
        println!("{folder}/{name}: {plain} → {fitted}");
        let row = rows.entry(folder).or_insert((0, 0, 0, 0.0, String::new()));
        row.0 += 1;
        row.1 += usize::from(plain <= f64::from(max));
        row.2 += usize::from(fitted <= f64::from(max));
        if fitted > row.3 {
            row.3 = fitted;
            row.4 = name;
        }
    }
    println!("| folder | files | fit {max} px as they are | fit with max_width {max} | widest with it |");
    println!("| --- | ---: | ---: | ---: | --- |");
    for (folder, (n, plain, fitted, widest, name)) in rows {
        println!("| {folder} | {n} | {plain} | {fitted} | {name}, {widest} px |");
    }
}
