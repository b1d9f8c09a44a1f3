//! Overlays: groups across the containment tree (`overlays` in the custom form), drawn as one outline
//! round members in different containers, or as a mark round each member where no outline fits. The two
//! cases of the AWS reference drawings (an ECS cluster and an Auto Scaling group across two AZ columns,
//! in `tests/overlays/`), an overlay no rectangle can hold, hostile names, and the spec's checks.

use serde_json::{Value, json};

fn geometry(spec: &str) -> Value {
    serde_json::from_str(&archdiag::layout_json(spec).expect("valid spec")).expect("json")
}

fn file(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/overlays/{name}.json", env!("CARGO_MANIFEST_DIR"))).expect("fixture")
}

fn rect(v: &Value) -> (f64, f64, f64, f64) {
    let f = |k: &str| v[k].as_f64().unwrap();
    (f("x"), f("y"), f("x") + f("width"), f("y") + f("height"))
}

/// The ids of a box's ancestors.
fn ancestors(g: &Value, id: &str) -> Vec<String> {
    let boxes = g["boxes"].as_array().unwrap();
    let mut out = Vec::new();
    let mut cur = boxes.iter().find(|b| b["id"] == id).unwrap();
    while let Some(p) = cur["parent"].as_str() {
        out.push(p.to_string());
        cur = boxes.iter().find(|b| b["id"] == p).unwrap();
    }
    out
}

/// The outline holds every member and meets only members, what is inside them, and their ancestors.
fn assert_outline_holds_only_its_members(g: &Value, k: usize) {
    let o = &g["overlays"][k];
    let outline = rect(&o["outline"]);
    let members: Vec<&str> = o["members"].as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect();
    let above: Vec<String> = members.iter().flat_map(|m| ancestors(g, m)).collect();
    for b in g["boxes"].as_array().unwrap() {
        let id = b["id"].as_str().unwrap();
        let r = rect(b);
        let within = members.contains(&id) || ancestors(g, id).iter().any(|a| members.contains(&a.as_str()));
        if within {
            assert!(
                outline.0 <= r.0 && outline.1 <= r.1 && r.2 <= outline.2 && r.3 <= outline.3,
                "{id} outside the outline"
            );
        } else if !above.contains(&id.to_string()) {
            let meets = r.0 < outline.2 && outline.0 < r.2 && r.1 < outline.3 && outline.1 < r.3;
            assert!(!meets, "the outline of {} meets {id}", o["id"]);
        }
    }
}

#[test]
fn an_ecs_cluster_is_one_band_across_the_az_columns() {
    let g = geometry(&file("ecs-cluster-across-azs"));
    assert_eq!((g["metrics"]["overlays"].as_u64(), g["metrics"]["overlays_marked"].as_u64()), (Some(1), Some(0)));
    assert_outline_holds_only_its_members(&g, 0);
    // The band crosses both AZ columns: it reaches into each.
    let outline = rect(&g["overlays"][0]["outline"]);
    for az in ["az-a", "az-b"] {
        let r = rect(g["boxes"].as_array().unwrap().iter().find(|b| b["id"] == az).unwrap());
        assert!(outline.0 < r.2 && r.0 < outline.2, "the band reaches {az}");
    }
    let svg = archdiag::render(&file("ecs-cluster-across-azs")).unwrap();
    let p = archdiag::id_prefix(&archdiag::spec::parse(&file("ecs-cluster-across-azs")).unwrap());
    let line = svg.lines().find(|l| l.contains(&format!("id=\"{p}-o-cluster\""))).expect("overlay drawn");
    assert!(
        line.starts_with("<g ")
            && line.contains("data-kind=\"cluster\"")
            && line.contains("data-managed-by=\"shared\""),
        "{line}"
    );
    assert!(svg.contains("ECS cluster: a cluster round 4 EC2 instances. Managed by you and AWS together."));
    assert!(svg.contains(&format!("stroke-dasharray=\"{}\"", archdiag::style::OVERLAY_DASH)));
}

#[test]
fn an_auto_scaling_group_spans_the_private_subnets_of_both_azs() {
    let g = geometry(&file("auto-scaling-group-across-azs"));
    assert_eq!(g["metrics"]["overlays"], 1);
    assert_outline_holds_only_its_members(&g, 0);
    for dir in ["lr", "tb"] {
        let mut spec: Value = serde_json::from_str(&file("auto-scaling-group-across-azs")).unwrap();
        spec["direction"] = json!(dir);
        let g = geometry(&spec.to_string());
        let o = &g["overlays"][0];
        if o["outline"].is_null() {
            assert_eq!(o["marks"].as_array().unwrap().len(), 2, "{dir}");
        } else {
            assert_outline_holds_only_its_members(&g, 0);
        }
    }
}

#[test]
fn an_overlay_no_rectangle_can_hold_marks_each_member() {
    // Instances 1 and 4 have 2 and 3 between them, in the same row: any rectangle round both holds them.
    let mut spec: Value = serde_json::from_str(&file("ecs-cluster-across-azs")).unwrap();
    spec["overlays"][0]["members"] = json!(["i1", "i4"]);
    let g = geometry(&spec.to_string());
    assert_eq!((g["metrics"]["overlays"].as_u64(), g["metrics"]["overlays_marked"].as_u64()), (Some(0), Some(1)));
    let o = &g["overlays"][0];
    assert!(o["outline"].is_null());
    let marks = o["marks"].as_array().unwrap();
    assert_eq!(marks.len(), 2);
    for (m, id) in marks.iter().zip(["i1", "i4"]) {
        let (mr, br) = (rect(m), rect(g["boxes"].as_array().unwrap().iter().find(|b| b["id"] == id).unwrap()));
        assert!(mr.0 <= br.0 && mr.1 <= br.1 && br.2 <= mr.2 && br.3 <= mr.3, "the mark holds {id}");
    }
}

#[test]
fn overlay_names_are_escaped_and_checked() {
    let evil = json!({
        "nodes": [{"id": "a"}, {"id": "b"}],
        "overlays": [{"id": "o\"><script>", "label": "</text><script>alert(1)</script>", "members": ["a", "b"]}]
    });
    let svg = archdiag::render(&evil.to_string()).unwrap();
    assert!(!svg.contains("<script") && svg.contains("&lt;/text&gt;&lt;script&gt;"), "label escaped");
    assert!(svg.contains("-o-o.22..3e..3c.script.3e.\""), "id escaped");
    let cases = [
        (json!([{"id": "o", "members": []}]), "overlays[0]"),
        (json!([{"id": "o"}]), "overlays[0]"),
        (json!([{"id": "o", "members": "a"}]), "overlays[0].members"),
        (json!([{"id": "o", "members": ["a", 3]}]), "overlays[0].members[1]"),
        (json!([{"id": "o", "members": ["a", "zz"]}]), "overlays[0].members[1]"),
        (json!([{"id": "o", "members": ["a", "a"]}]), "overlays[0].members[1]"),
        (json!([{"id": "a", "members": ["b"]}]), "overlays[0]"),
        (json!([{"id": "o", "members": ["a"]}, {"id": "o", "members": ["b"]}]), "overlays[1]"),
        (json!([{"id": "o", "members": ["a"], "colour": "red"}]), "overlays[0]"),
        (json!([{"id": "o", "members": ["a"], "kind": "spaceship"}]), "overlays[0].kind"),
    ];
    for (overlays, path) in cases {
        let spec = json!({"nodes": [{"id": "a"}, {"id": "b"}], "overlays": overlays});
        let err = archdiag::render(&spec.to_string()).expect_err("bad overlay");
        assert!(err.to_string().contains(path), "{path}: {err}");
    }
    // Too many: over the limit, a clear error.
    let many: Vec<Value> = (0..65).map(|k| json!({"id": format!("o{k}"), "members": ["a"]})).collect();
    let err =
        archdiag::render(&json!({"nodes": [{"id": "a"}], "overlays": many}).to_string()).expect_err("65 overlays");
    assert!(err.to_string().contains("overlays"), "{err}");
}

#[test]
fn a_spec_without_overlays_keeps_its_ids() {
    let plain = json!({"nodes": [{"id": "a"}, {"id": "b"}]});
    let with = json!({"nodes": [{"id": "a"}, {"id": "b"}], "overlays": []});
    let id = |v: &Value| archdiag::id_prefix(&archdiag::spec::parse(&v.to_string()).unwrap());
    assert_eq!(id(&plain), id(&with));
}

#[test]
fn a_large_overlay_names_its_first_eight_members_then_how_many_more() {
    let nodes: Vec<Value> = (0..12).map(|k| json!({"id": format!("n{k}"), "label": format!("web{k}")})).collect();
    let members: Vec<String> = (0..12).map(|k| format!("n{k}")).collect();
    let spec = json!({"nodes": nodes, "overlays": [{"id": "o", "label": "Fleet", "members": members}]});
    let svg = archdiag::render(&spec.to_string()).unwrap();
    let names: Vec<String> = (0..8).map(|k| format!("web{k}")).collect();
    assert!(svg.contains(&format!("Fleet: a group round {} and 4 more. Managed by you.", names.join(", "))), "{svg}");
    // Names that differ only in a number are counted instead.
    let nodes: Vec<Value> = (0..12).map(|k| json!({"id": format!("n{k}"), "label": format!("Node {k}")})).collect();
    let spec = json!({"nodes": nodes, "overlays": [{"id": "o", "label": "Fleet", "members": members}]});
    assert!(archdiag::render(&spec.to_string()).unwrap().contains("Fleet: a group round 12 Nodes. Managed by you."));
}
