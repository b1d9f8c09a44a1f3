//! architecture: structured architecture-form specs (any mix of ECS or EKS parts, the right service's and
//! the other's, Karpenter and Auto Mode NodePools, counts in and over range, hostile names, duplicates and dangling targets) are either
//! refused with a one-line message or drawn: laid out within the time budget with the layout's invariants
//! kept, the same drawing twice, a safe SVG, and one box per task, pod, node or instance asked for.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use archdiag::layout::verify;
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value, json};
use std::time::Instant;

const PIECES: &[&str] = &[
    "a", "B", "7", "web", " ", "<", ">", "&", "\"", "'", "\n", "\u{0}", "\u{1b}[31m", "\u{202E}", "\u{200B}", "\u{1F600}",
    "e\u{301}", "]]>", "<!--", "javascript:", " onload=", "<script>", "FARGATE", "FARGATE_SPOT", "-", ".",
];

fn name(u: &mut Unstructured) -> arbitrary::Result<String> {
    let n = u.int_in_range(0..=4)?;
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(u.choose(PIECES)?);
    }
    Ok(s)
}

fn pick<'a>(u: &mut Unstructured, xs: &'a [&'a str]) -> arbitrary::Result<&'a str> {
    u.choose(xs).copied()
}

fn count(u: &mut Unstructured) -> arbitrary::Result<Value> {
    Ok(match u.int_in_range(0..=9)? {
        0 => json!(-1),
        1 => json!(65),
        2 => json!("2"),
        3 => json!(1.5),
        k => json!(k - 4),
    })
}

/// Sets `key` to a value made by `f` in about two calls of three.
fn maybe(
    u: &mut Unstructured,
    o: &mut Map<String, Value>,
    key: &str,
    f: impl FnOnce(&mut Unstructured) -> arbitrary::Result<Value>,
) -> arbitrary::Result<()> {
    if u.ratio(2, 3)? {
        o.insert(key.into(), f(u)?);
    }
    Ok(())
}

fn list(u: &mut Unstructured, max: usize, f: impl Fn(&mut Unstructured) -> arbitrary::Result<Value>) -> arbitrary::Result<Value> {
    let n = u.int_in_range(0..=max)?;
    (0..n).map(|_| f(u)).collect::<arbitrary::Result<Vec<_>>>().map(Value::Array)
}

fn spec(u: &mut Unstructured) -> arbitrary::Result<(Value, Vec<String>)> {
    let mut names: Vec<String> = Vec::new();
    let mut nm = |u: &mut Unstructured| -> arbitrary::Result<String> {
        let n = if !names.is_empty() && u.ratio(1, 3)? { u.choose(&names)?.clone() } else { name(u)? };
        names.push(n.clone());
        Ok(n)
    };
    let mut a = Map::new();
    maybe(u, &mut a, "region", |u| name(u).map(Value::from))?;
    maybe(u, &mut a, "registry", |u| pick(u, &["ecr", "dockerhub", "nexus", "quay"]).map(Value::from))?;
    let mut vpc = Map::new();
    maybe(u, &mut vpc, "azs", |u| {
        Ok(if u.ratio(1, 2)? { json!(u.int_in_range(0..=7)?) } else { list(u, 7, |u| name(u).map(Value::from))? })
    })?;
    maybe(u, &mut vpc, "nat", |u| pick(u, &["per-az", "single", "none", "two"]).map(Value::from))?;
    maybe(u, &mut vpc, "endpoints", |u| list(u, 4, |u| pick(u, &["ecr.api", "ecr.dkr", "s3", "ecs", "logs", "x"]).map(Value::from)))?;
    a.insert("vpc".into(), Value::Object(vpc));
    let mut c = Map::new();
    c.insert("service".into(), Value::from(pick(u, &["ecs", "eks", "EKS", "k8s"])?));
    maybe(u, &mut c, "name", |u| name(u).map(Value::from))?;
    let mut provider_names = Vec::new();
    let mut target_names = Vec::new();
    if u.ratio(1, 2)? {
        let n = u.int_in_range(0..=4)?;
        let mut ps = Vec::new();
        for _ in 0..n {
            let p = nm(u)?;
            provider_names.push(p.clone());
            let mut o = Map::new();
            o.insert("name".into(), p.into());
            maybe(u, &mut o, "type", |u| pick(u, &["asg", "fargate", "fargate-spot", "managed-instances", "spot"]).map(Value::from))?;
            maybe(u, &mut o, "instances", count)?;
            ps.push(Value::Object(o));
        }
        c.insert("capacity_providers".into(), Value::Array(ps));
        let n = u.int_in_range(0..=4)?;
        let mut ss = Vec::new();
        for _ in 0..n {
            let s = nm(u)?;
            target_names.push(s.clone());
            let mut o = Map::new();
            o.insert("name".into(), s.into());
            maybe(u, &mut o, "desired", count)?;
            maybe(u, &mut o, "task_definition", |u| name(u).map(Value::from))?;
            if !provider_names.is_empty() {
                maybe(u, &mut o, "capacity_providers", |u| {
                    let k = u.int_in_range(1..=3)?;
                    (0..k).map(|_| u.choose(&provider_names).map(|p| Value::from(p.clone()))).collect::<arbitrary::Result<Vec<_>>>().map(Value::Array)
                })?;
            }
            ss.push(Value::Object(o));
        }
        c.insert("services".into(), Value::Array(ss));
    }
    if u.ratio(1, 2)? {
        let n = u.int_in_range(0..=4)?;
        let mut gs = Vec::new();
        for _ in 0..n {
            let g = nm(u)?;
            target_names.push(g.clone());
            let mut o = Map::new();
            o.insert("name".into(), g.into());
            maybe(u, &mut o, "managed", |u| Ok(Value::from(bool::arbitrary(u)?)))?;
            maybe(u, &mut o, "capacity", |u| pick(u, &["on-demand", "spot", "reserved"]).map(Value::from))?;
            maybe(u, &mut o, "instance_types", |u| list(u, 3, |u| name(u).map(Value::from)))?;
            for k in ["min", "desired", "max"] {
                maybe(u, &mut o, k, count)?;
            }
            gs.push(Value::Object(o));
        }
        c.insert("node_groups".into(), Value::Array(gs));
        let n = u.int_in_range(0..=3)?;
        let mut fs = Vec::new();
        for _ in 0..n {
            let f = nm(u)?;
            target_names.push(f.clone());
            let mut o = Map::new();
            o.insert("name".into(), f.into());
            maybe(u, &mut o, "pods", count)?;
            let sel = list(u, 6, |u| {
                let mut s = Map::new();
                maybe(u, &mut s, "namespace", |u| name(u).map(Value::from))?;
                maybe(u, &mut s, "labels", |u| {
                    let mut l = Map::new();
                    for _ in 0..u.int_in_range(0..=2)? {
                        l.insert(name(u)?, Value::from(name(u)?));
                    }
                    Ok(Value::Object(l))
                })?;
                Ok(Value::Object(s))
            })?;
            o.insert("selectors".into(), sel);
            fs.push(Value::Object(o));
        }
        c.insert("fargate_profiles".into(), Value::Array(fs));
        maybe(u, &mut c, "karpenter", |u| Ok(Value::from(bool::arbitrary(u)?)))?;
        maybe(u, &mut c, "auto_mode", |u| Ok(Value::from(bool::arbitrary(u)?)))?;
        if u.ratio(1, 2)? {
            let n = u.int_in_range(0..=3)?;
            let mut ps = Vec::new();
            for _ in 0..n {
                let p = nm(u)?;
                target_names.push(p.clone());
                let mut o = Map::new();
                o.insert("name".into(), p.into());
                maybe(u, &mut o, "nodes", count)?;
                maybe(u, &mut o, "capacity", |u| pick(u, &["on-demand", "spot", "reserved"]).map(Value::from))?;
                ps.push(Value::Object(o));
            }
            c.insert("node_pools".into(), Value::Array(ps));
        }
    }
    a.insert("cluster".into(), Value::Object(c));
    let lbs = list(u, 3, |u| {
        let mut o = Map::new();
        o.insert("name".into(), name(u)?.into());
        maybe(u, &mut o, "type", |u| pick(u, &["alb", "nlb", "gwlb"]).map(Value::from))?;
        maybe(u, &mut o, "scheme", |u| pick(u, &["internet-facing", "internal"]).map(Value::from))?;
        let t: Vec<Value> = if target_names.is_empty() || u.ratio(1, 8)? {
            vec![Value::from(name(u)?)]
        } else {
            vec![Value::from(u.choose(&target_names)?.clone())]
        };
        o.insert("targets".into(), Value::Array(t));
        Ok(Value::Object(o))
    })?;
    a.insert("load_balancers".into(), lbs);
    let mut top = Map::new();
    top.insert("architecture".into(), Value::Object(a));
    if u.ratio(1, 4)? {
        top.insert("max_width".into(), json!(u.int_in_range(320..=1200)?));
    }
    if u.ratio(1, 4)? {
        top.insert("theme".into(), Value::from(pick(u, &["dark", "auto"])?));
    }
    Ok((Value::Object(top), names))
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok((v, _)) = spec(&mut u) else { return };
    let text = v.to_string();
    archdiag_fuzz::print(&text);
    let started = Instant::now();
    let svg = match archdiag::render(&text) {
        Ok(svg) => svg,
        Err(e) => {
            archdiag_fuzz::check_message("architecture error", &e.to_string());
            return;
        }
    };
    let took = started.elapsed();
    assert!(took <= archdiag_fuzz::budget(), "took {took:?}\nspec: {}", archdiag_fuzz::short(&text));
    archdiag_fuzz::check_svg(&svg);
    assert_eq!(svg, archdiag::render(&text).unwrap(), "two drawings of one spec differ");
    let (model, scene) = archdiag::scene(&text).expect("render accepted it");
    if archdiag_fuzz::enabled("verify") {
        let bad = verify::check(&scene);
        assert!(bad.is_empty(), "{} violations, first {:?}\nspec: {}", bad.len(), &bad[..bad.len().min(3)], archdiag_fuzz::short(&text));
    }
    // One box per workload asked for: every task, pod and node the spec counts is drawn.
    let Some(a) = v["architecture"]["cluster"].as_object() else { return };
    let eks = a["service"].as_str().is_some_and(|s| s.eq_ignore_ascii_case("eks"));
    let sum = |key: &str, field: &str| -> u64 {
        a.get(key).and_then(Value::as_array).map_or(0, |xs| xs.iter().map(|x| x.get(field).and_then(Value::as_u64).unwrap_or(2)).sum())
    };
    let kinds = |k: &str| model.elements.iter().filter(|e| e.kind == k).count() as u64;
    if eks {
        let pools = match a.get("node_pools").and_then(Value::as_array) {
            Some(_) => sum("node_pools", "nodes"),
            // Karpenter or Auto Mode without pools draws one default pool of 2 nodes.
            None if [a.get("karpenter"), a.get("auto_mode")].iter().any(|v| v.and_then(Value::as_bool) == Some(true)) => 2,
            None => 0,
        };
        assert_eq!(kinds("worker-node"), sum("node_groups", "desired") + pools, "nodes\nspec: {text}");
        assert_eq!(kinds("pod"), sum("fargate_profiles", "pods"), "pods\nspec: {text}");
    } else {
        assert_eq!(kinds("task"), sum("services", "desired"), "tasks\nspec: {text}");
    }
});
