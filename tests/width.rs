//! `max_width`: a drawing wider than it is laid out in the other direction when that is narrower, and
//! its panel and legend wrap to it; without it, nothing changes for custom graphs, and presets and
//! architectures wrap (never turn) to a docs column of 800 px.

mod common;

use serde_json::Value;

fn geometry(spec: &str) -> Value {
    serde_json::from_str(&archdiag::layout_json(spec).expect("valid spec")).expect("layout JSON")
}

fn with(spec: &str, key: &str, value: Value) -> String {
    let mut v: Value = serde_json::from_str(spec).unwrap();
    v[key] = value;
    v.to_string()
}

#[test]
fn a_wide_drawing_turns_when_the_other_direction_fits() {
    // A Ptolemy model drawn left to right is over 1,500 px wide; top to bottom it fits 800.
    let path =
        common::corpus_files().into_iter().find(|p| p.ends_with("ptolemy/ci_router_dropqueuetest1.json")).unwrap();
    let spec = std::fs::read_to_string(path).unwrap();
    let wide = geometry(&spec)["width"].as_f64().unwrap();
    assert!(wide > 800.0, "{wide}");
    let fitted = geometry(&with(&spec, "max_width", 800.into()))["width"].as_f64().unwrap();
    assert!(fitted <= 800.0, "{fitted}");
    // A limit the drawing already meets leaves the layout as it was.
    let roomy = with(&spec, "max_width", 20_000.into());
    assert_eq!(geometry(&roomy)["width"].as_f64().unwrap(), wide);
}

#[test]
fn the_panel_and_the_legend_wrap_to_the_width() {
    let spec = r#"{"service":"ecs","hosting":["ec2","fargate"],"max_width":400}"#;
    let (_, s) = archdiag::scene(spec).expect("valid spec");
    let panel = s.panel.as_ref().expect("a panel");
    assert!(panel.rect.right() <= 400.0 - 24.0, "{:?}", panel.rect);
    assert!(s.legend.iter().any(|l| l.y > s.legend[0].y), "the legend wraps to a second row");
    let last = s.legend.iter().map(|l| l.y).fold(0.0, f64::max);
    assert!(s.height >= last + 20.0, "the canvas holds the last legend row");
    // The same spec with room to spare: one legend row.
    let (_, free) = archdiag::scene(r#"{"service":"ecs","hosting":["ec2","fargate"],"max_width":20000}"#).unwrap();
    assert!(free.legend.iter().all(|l| l.y == free.legend[0].y));
}

#[test]
fn the_legend_never_widens_a_drawing_by_itself() {
    // The legend has more items than a narrow drawing is wide: it wraps to the drawing, under any
    // `max_width` wider than the drawing.
    for spec in [r#"{"service":"ecs","hosting":"fargate"}"#, r#"{"service":"eks","hosting":"fargate"}"#] {
        let plain = geometry(&with(spec, "max_width", Value::from(20_000)));
        let roomy = geometry(&with(spec, "max_width", Value::from(1600)));
        assert_eq!(plain["width"], roomy["width"], "{spec}");
        let panel_right = plain["panel"]["x"].as_f64().unwrap() + plain["panel"]["width"].as_f64().unwrap();
        let widest_box = plain["boxes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["x"].as_f64().unwrap() + b["width"].as_f64().unwrap())
            .fold(0.0, f64::max);
        let w = plain["width"].as_f64().unwrap();
        assert!(
            w <= panel_right.max(widest_box).max(480.0 + 24.0) + 24.0,
            "{spec}: {w} px for content to {widest_box}"
        );
        assert!(
            plain["legend"].as_array().unwrap().iter().any(|l| l["y"] != plain["legend"][0]["y"]),
            "{spec}: one row"
        );
    }
}

#[test]
fn out_of_range_widths_are_refused_naming_the_field() {
    for bad in ["100", "0", "-5", "1e9", "\"wide\""] {
        let spec = format!(r#"{{"service":"eks","hosting":"ec2","max_width":{bad}}}"#);
        let e = archdiag::render(&spec).expect_err(&spec).to_string();
        assert!(e.contains("max_width"), "{e}");
        let spec = format!(r#"{{"nodes":[{{"id":"a"}}],"max_width":{bad}}}"#);
        let e = archdiag::render(&spec).expect_err(&spec).to_string();
        assert!(e.contains("max_width"), "{e}");
    }
}

/// The width of a spec's drawing with `max_width` set to `max`, and whether the layered layout drew it.
fn fitted(spec: &str, max: u32) -> (f64, bool) {
    let (_, s) = archdiag::scene(&with(spec, "max_width", max.into())).expect("valid spec");
    (s.width, s.mode == archdiag::scene::Mode::Layered)
}

#[test]
fn presets_and_architectures_fit_a_docs_column_by_default() {
    // Without a max_width, presets and architectures wrap to 800 px, at 100% (text 11 px and up): 13
    // of the 14 fit; the gallery's ECS with EC2 and Fargate side by side comes within 10% (807 px: its
    // stacked AZs stand a few lanes apart). The widest preset (three hosting kinds in three AZs) fits
    // only in overview, which it falls back to: 705 px (872 px in full detail). Left to right stays left
    // to right.
    let mut specs: Vec<(String, String)> = common::presets().into_iter().map(|(n, s)| (n.to_string(), s)).collect();
    for h in ["auto-mode", "managed-instances"] {
        let service = if h == "auto-mode" { "eks" } else { "ecs" };
        specs.push((h.into(), format!(r#"{{"service":"{service}","hosting":"{h}"}}"#)));
    }
    for f in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/architectures")).unwrap() {
        let path = f.unwrap().path();
        specs.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
    }
    let (mut widths, mut fit) = (Vec::new(), 0);
    for (name, spec) in &specs {
        let w = geometry(spec)["width"].as_f64().unwrap();
        widths.push(format!("{name} {w}"));
        assert!(w <= 880.0, "{name}: {w} px by default");
        fit += usize::from(w <= 800.0);
        // Left to right, the control plane (ECS's or EKS's) lies right of whatever drives it: You, or the
        // Internet of an architecture.
        let g = geometry(&with(spec, "direction", "lr".into()));
        let boxes = g["boxes"].as_array().unwrap();
        let find = |k: &str| boxes.iter().find(|b| b["kind"] == k);
        let first = find("user").or_else(|| find("internet")).expect("You or the Internet");
        let plane = boxes.iter().find(|b| b["id"] == "control-plane").expect("a control plane");
        let right = |b: &Value| b["x"].as_f64().unwrap() + b["width"].as_f64().unwrap();
        assert!(right(first) < plane["x"].as_f64().unwrap(), "{name}: the default width turned it");
    }
    assert!(widths.len() == 14 && fit >= 13, "{fit} fit: {widths:?}");
    // The fallback to overview: only where the full drawing does not fit, and never over a detail the
    // spec asks for.
    let mixed = r#"{"service":"eks","hosting":["ec2","nodegroup","fargate"],"azs":3,"workers":3}"#;
    let agents =
        |spec: &str| geometry(spec)["boxes"].as_array().unwrap().iter().filter(|b| b["kind"] == "agent").count();
    assert_eq!(agents(mixed), 0, "overview: one box per node");
    assert!(agents(&with(mixed, "detail", "full".into())) > 0);
    assert!(geometry(&with(mixed, "detail", "full".into()))["width"].as_f64().unwrap() > 800.0);
    assert!(agents(r#"{"service":"eks","hosting":"nodegroup"}"#) > 0, "a preset that fits keeps its detail");
    let text = archdiag::describe(mixed).unwrap();
    assert!(!text.contains("kubelets"), "the description says what is drawn: {text}");
    assert!(archdiag::describe(&with(mixed, "detail", "full".into())).unwrap().contains("kubelets"));
    // Custom graphs keep their natural width.
    let path =
        common::corpus_files().into_iter().find(|p| p.ends_with("ptolemy/ci_router_dropqueuetest1.json")).unwrap();
    assert!(geometry(&std::fs::read_to_string(path).unwrap())["width"].as_f64().unwrap() > 800.0);
}

#[test]
fn containers_wrap_their_children_to_fit_a_docs_column() {
    // Six presets of seven fit 800 px (one did before containers wrapped); the widest, with three
    // hosting kinds in three AZs, comes within 10% of it (872 px: 824 before the presets were drawn as
    // architectures, whose Region and subnet levels add two paddings). Each keeps the layered layout
    // (which the verifier checked, as on every drawing in the test suite).
    let mut fit = 0;
    for (name, spec) in common::presets() {
        let (w, layered) = fitted(&spec, 800);
        assert!(layered, "{name} fell back to the simple layout");
        assert!(w <= 880.0, "{name}: {w} px");
        fit += usize::from(w <= 800.0);
    }
    assert!(fit >= 6, "{fit} presets fit");
    // The Ptolemy models: 113 of 128 fit (80 when only the direction could turn).
    let mut fit = 0;
    for path in common::corpus_files().iter().filter(|p| p.to_string_lossy().contains("ptolemy")) {
        let spec = std::fs::read_to_string(path).unwrap();
        let plain = archdiag::scene(&spec).unwrap().1;
        let (w, layered) = fitted(&spec, 800);
        assert!(layered || plain.mode != archdiag::scene::Mode::Layered, "{}", path.display());
        fit += usize::from(w <= 800.0);
    }
    assert!(fit >= 113, "{fit} Ptolemy models fit");
}

#[test]
fn a_row_too_wide_wraps_into_rows_in_order_and_edges_still_run_down() {
    // Eight boxes fed from one above in their container: one row of 8 is over 1,000 px; within 500 they
    // wrap into rows, in order, each box still below the one that feeds it.
    let nodes: Vec<String> =
        (0..8).map(|k| format!(r#"{{"id":"n{k}","label":"worker node {k}","parent":"g"}}"#)).collect();
    let edges: Vec<String> = (0..8).map(|k| format!(r#"{{"from":"top","to":"n{k}"}}"#)).collect();
    let spec = format!(
        r#"{{"direction":"tb","groups":[{{"id":"g","label":"Workers"}}],"nodes":[{{"id":"top","label":"Scheduler","parent":"g"}},{}],"edges":[{}]}}"#,
        nodes.join(","),
        edges.join(",")
    );
    let wide = geometry(&spec)["width"].as_f64().unwrap();
    assert!(wide > 1000.0, "{wide}");
    let g = geometry(&with(&spec, "max_width", 500.into()));
    assert!(g["width"].as_f64().unwrap() <= 500.0, "{}", g["width"]);
    let rect = |id: &str| {
        let e = g["boxes"].as_array().unwrap().iter().find(|e| e["id"] == id).unwrap().clone();
        (e["x"].as_f64().unwrap(), e["y"].as_f64().unwrap(), e["width"].as_f64().unwrap())
    };
    let mut rows: Vec<f64> = (0..8).map(|k| rect(&format!("n{k}")).1).collect();
    let top = rect("top");
    assert!(rows.iter().all(|&y| y > top.1), "every box below its feeder");
    // Rows in order: a later box never in an earlier row.
    assert!(rows.windows(2).all(|w| w[1] >= w[0]), "{rows:?}");
    rows.dedup();
    assert!(rows.len() >= 3, "{rows:?}");
}
