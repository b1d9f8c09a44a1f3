//! Bundled edges: the spec's edge groups (`bundle` on an edge), drawn as one trunk that branches, on
//! hand-made fans in both directions: one arrowhead where a fan-in meets its box, a trunk on the box's
//! border, less ink and no more crossings than the same fan drawn edge by edge, and the field's checks.

use archdiag::layout::metrics;
use serde_json::{Value, json};

/// `n` sources in a column (a group each, so they sit apart) and one sink, every source → sink edge in
/// one group; reversed, one source and `n` sinks.
fn fan(n: usize, into: bool, dir: &str, grouped: bool) -> String {
    let mut nodes = vec![json!({"id": "hub", "label": "Hub"})];
    let mut edges = Vec::new();
    for k in 0..n {
        nodes.push(json!({"id": format!("n{k}"), "label": format!("Node {k}")}));
        let (from, to) = if into { (format!("n{k}"), "hub".to_string()) } else { ("hub".to_string(), format!("n{k}")) };
        let mut e = json!({"from": from, "to": to});
        if grouped {
            e["bundle"] = json!("pulls");
        }
        edges.push(e);
    }
    json!({"direction": dir, "nodes": nodes, "edges": edges}).to_string()
}

fn geometry(spec: &str) -> Value {
    serde_json::from_str(&archdiag::layout_json(spec).expect("valid spec")).expect("json")
}

#[test]
fn a_fan_in_meets_its_box_with_one_arrowhead_and_less_ink() {
    for dir in ["lr", "tb"] {
        for n in [3, 6, 12] {
            let g = geometry(&fan(n, true, dir, true));
            let plain = geometry(&fan(n, true, dir, false));
            let (m, p) = (&g["metrics"], &plain["metrics"]);
            assert_eq!(m["bundles"], 1, "{dir} {n}: {m}");
            assert_eq!((m["arrowheads"].as_u64(), p["arrowheads"].as_u64()), (Some(1), Some(n as u64)), "{dir} {n}");
            assert_eq!(m["arrowheads_per_side"], 1);
            assert!(m["ink"].as_f64() < p["ink"].as_f64(), "{dir} {n}: ink {} against {}", m["ink"], p["ink"]);
            assert!(m["crossings"].as_u64() <= p["crossings"].as_u64());
            let b = &g["bundles"][0];
            assert_eq!(
                (b["end"].as_str(), b["into"].as_bool(), b["kind"].as_str()),
                (Some("hub"), Some(true), Some("relation"))
            );
            assert_eq!(b["members"].as_array().unwrap().len(), n);
            // Every member ends where the trunk does, on the hub's border.
            let trunk = b["trunk"].as_array().unwrap();
            let tip = trunk.last().unwrap().as_array().unwrap().last().unwrap().clone();
            for e in g["edges"].as_array().unwrap() {
                assert_eq!(e["bundle"], 0);
                assert_eq!(e["points"].as_array().unwrap().last().unwrap(), &tip);
            }
            // A dot wherever three lines meet: n members on one spine meet it at n-2 inner points at least.
            assert!(b["junctions"].as_array().unwrap().len() >= n - 2, "{dir} {n}: {b}");
        }
    }
}

#[test]
fn a_fan_out_leaves_its_box_on_one_stub_with_an_arrowhead_at_each_target() {
    for dir in ["lr", "tb"] {
        let g = geometry(&fan(6, false, dir, true));
        let plain = geometry(&fan(6, false, dir, false));
        assert_eq!(g["metrics"]["bundles"], 1);
        assert_eq!(g["metrics"]["arrowheads"], 6);
        assert!(g["metrics"]["ink"].as_f64() < plain["metrics"]["ink"].as_f64());
        let b = &g["bundles"][0];
        assert_eq!(b["into"], false);
        let start = b["trunk"][0][0].clone();
        for e in g["edges"].as_array().unwrap() {
            assert_eq!(e["points"][0], start, "every member leaves the hub at the stub");
        }
        // The SVG: one trunk, no arrowhead on it, one on each member's own part.
        let svg = archdiag::render(&fan(6, false, dir, true)).unwrap();
        let trunk = svg.lines().find(|l| l.contains("data-kind=\"bundle\"")).expect("trunk drawn");
        assert!(trunk.contains("data-relation=\"relation\""), "{trunk}");
        assert_eq!(svg.matches("marker-end=").count(), 6, "one a member (a custom diagram has no legend of relations)");
        let grouped = archdiag::render(&fan(6, true, dir, true)).unwrap();
        assert_eq!(grouped.matches("marker-end=").count(), 1, "into the hub: the trunk's arrowhead only");
    }
}

#[test]
fn edges_without_a_group_are_drawn_as_before_and_groups_do_not_mix() {
    let g = geometry(&fan(6, true, "lr", false));
    assert!(g["bundles"].as_array().unwrap().is_empty());
    assert!(g["edges"].as_array().unwrap().iter().all(|e| e["bundle"].is_null()));
    assert!(!archdiag::render(&fan(6, true, "lr", false)).unwrap().contains("<circle"));
    // Two groups into one box: two trunks (or edges apart), never one trunk for both.
    let mut spec: Value = serde_json::from_str(&fan(6, true, "lr", true)).unwrap();
    for (k, e) in spec["edges"].as_array_mut().unwrap().iter_mut().enumerate() {
        e["bundle"] = json!(if k % 2 == 0 { "even" } else { "odd" });
    }
    let g = geometry(&spec.to_string());
    for b in g["bundles"].as_array().unwrap() {
        let members: Vec<u64> = b["members"].as_array().unwrap().iter().map(|m| m.as_u64().unwrap()).collect();
        assert!(members.iter().all(|m| m % 2 == members[0] % 2), "{members:?}");
    }
}

#[test]
fn the_presets_share_a_trunk_where_it_costs_no_crossing() {
    for (name, spec) in [
        ("eks-mixed", r#"{"service":"eks","hosting":["ec2","nodegroup","fargate"],"azs":3,"workers":3}"#),
        ("ecs-mixed", r#"{"service":"ecs","hosting":["ec2","fargate"]}"#),
    ] {
        let g = geometry(spec);
        let m = &g["metrics"];
        assert!(m["bundles"].as_u64() >= Some(1), "{name}: {m}");
        // Every image pull reaches the registry through one arrowhead.
        let into_registry =
            g["bundles"].as_array().unwrap().iter().find(|b| b["end"] == "registry").expect("pulls bundled");
        let pulls = g["edges"].as_array().unwrap().iter().filter(|e| e["to"] == "registry").count();
        assert_eq!(into_registry["members"].as_array().unwrap().len(), pulls, "{name}");
    }
}

#[test]
fn the_group_name_is_checked_and_never_drawn() {
    for (bundle, path) in
        [(json!(""), "edges[0].bundle"), (json!("x".repeat(129)), "edges[0].bundle"), (json!(7), "edges[0].bundle")]
    {
        let spec = json!({"nodes": [{"id": "a"}, {"id": "b"}], "edges": [{"from": "a", "to": "b", "bundle": bundle}]});
        let err = archdiag::render(&spec.to_string()).expect_err("bad group name");
        assert!(err.to_string().contains(path), "{err}");
    }
    let evil = "\"><script>alert(1)</script>";
    let mut spec: Value = serde_json::from_str(&fan(4, true, "lr", true)).unwrap();
    spec["edges"].as_array_mut().unwrap().iter_mut().for_each(|e| e["bundle"] = json!(evil));
    let svg = archdiag::render(&spec.to_string()).unwrap();
    assert!(svg.contains("data-kind=\"bundle\"") && !svg.contains("script"), "the name is a key, not text");
    // The name changes what the spec says, so its ids; a spec without names keeps the ids it had.
    let plain = archdiag::id_prefix(&archdiag::spec::parse(&fan(4, true, "lr", false)).unwrap());
    let named = archdiag::id_prefix(&archdiag::spec::parse(&fan(4, true, "lr", true)).unwrap());
    assert_ne!(plain, named);
}

#[test]
fn the_trunk_is_counted_once_in_the_ink() {
    let g = geometry(&fan(6, true, "lr", true));
    let segs = |pts: &Value| -> f64 {
        let p = pts.as_array().unwrap();
        p.windows(2)
            .map(|w| {
                (w[0][0].as_f64().unwrap() - w[1][0].as_f64().unwrap()).abs()
                    + (w[0][1].as_f64().unwrap() - w[1][1].as_f64().unwrap()).abs()
            })
            .sum()
    };
    let full: f64 = g["edges"].as_array().unwrap().iter().map(|e| segs(&e["points"])).sum();
    let trunk: f64 = g["bundles"][0]["trunk"].as_array().unwrap().iter().map(segs).sum();
    let ink = g["metrics"]["ink"].as_f64().unwrap();
    assert!(ink < full, "ink {ink} against {full} edge by edge");
    assert!(ink >= trunk, "the trunk is drawn");
    let m = metrics::measure(&archdiag::scene(&fan(6, true, "lr", true)).unwrap().1);
    assert_eq!(archdiag::scene::round(m.ink), ink);
}
