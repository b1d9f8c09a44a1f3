//! `max_width`: a drawing wider than it is laid out in the other direction when that is narrower, and
//! its panel and legend wrap to it; without it, nothing changes.

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
    // The same spec without the limit: one legend row.
    let (_, free) = archdiag::scene(r#"{"service":"ecs","hosting":["ec2","fargate"]}"#).unwrap();
    assert!(free.legend.iter().all(|l| l.y == free.legend[0].y));
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
