//! The passes' postconditions, each checked on its own output over the whole vendored corpus (both
//! directions) and the presets, before any later pass could mask a fault: placement's containment and
//! spacing, the stops it hands to routing, and the router's orthogonal, attached routes. (The scene's
//! invariants after all passes are `verify`'s, checked on every layout under the `verify` feature.)

use super::geom::Point;
use super::knobs::{GAP, LABEL_BAND, PAD, SEARCH_BUDGET};
use super::obstacles::{Boxes, Order};
use super::place::{Placement, place};
use super::route::Router;
use crate::model::Model;
use crate::scene::Rect;
use std::path::PathBuf;

/// Every corpus file in both directions and every preset, as models.
fn models() -> Vec<(String, Model)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut out = Vec::new();
    for sub in ["ptolemy", "synthetic"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join(sub))
            .expect("the vendored corpus")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).expect("readable");
            for dir in ["tb", "lr"] {
                let mut v: serde_json::Value = serde_json::from_str(&text).expect("json");
                v["direction"] = dir.into();
                let spec = crate::spec::parse(&v.to_string()).expect("a valid corpus file");
                out.push((format!("{} {dir}", f.display()), crate::model::build(&spec)));
            }
        }
    }
    for hosting in ["\"ec2\"", "\"fargate\"", "[\"ec2\",\"nodegroup\",\"fargate\"]"] {
        let spec = format!(r#"{{"service":"eks","hosting":{hosting},"azs":3,"workers":2}}"#);
        out.push((spec.clone(), crate::model::build(&crate::spec::parse(&spec).expect("valid"))));
    }
    assert!(out.len() > 250, "only {} cases", out.len());
    out
}

/// The cases the layered layout draws (the rest go to the simple layout, which these passes never see).
fn layered_models() -> Vec<(String, Model)> {
    models().into_iter().filter(|(_, m)| !super::budget::too_hard(m, &m.children().0, &m.children().1)).collect()
}

/// Both placements, as the layered layout runs them.
fn placed(m: &Model) -> (Vec<Vec<usize>>, Vec<usize>, Placement) {
    let (kids, roots) = m.children();
    let first = place(m, &kids, &roots, None, None);
    let second = place(m, &kids, &roots, Some(&first), None);
    (kids, roots, second)
}

#[test]
fn placement_keeps_children_inside_their_parents_and_siblings_apart() {
    let mut checked = 0;
    for (name, m) in layered_models() {
        let (kids, roots, p) = placed(&m);
        let r = &p.rects;
        for (g, list) in kids.iter().enumerate() {
            let b = r[g];
            for &c in list {
                let k = r[c];
                let inside = k.x >= b.x + PAD - 0.5
                    && k.right() <= b.right() - PAD + 0.5
                    && k.y >= b.y + LABEL_BAND + PAD - 0.5
                    && k.bottom() <= b.bottom() - PAD + 0.5;
                assert!(inside, "{name}: child {c} at {k:?} not inside {g} at {b:?} by the padding");
            }
        }
        for list in kids.iter().chain(std::iter::once(&roots)) {
            for (i, &a) in list.iter().enumerate() {
                for &b in &list[i + 1..] {
                    let (p, q) = (r[a], r[b]);
                    let gap_x = (q.x - p.right()).max(p.x - q.right());
                    let gap_y = (q.y - p.bottom()).max(p.y - q.bottom());
                    assert!(
                        gap_x.max(gap_y) >= GAP - 1.0,
                        "{name}: siblings {a} {p:?} and {b} {q:?} closer than a gap"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 10_000, "only {checked} sibling pairs");
}

#[test]
fn placement_hands_every_relation_stops_from_its_source_to_its_target() {
    for (name, m) in layered_models() {
        let (_, _, p) = placed(&m);
        for (ri, rel) in m.relations.iter().enumerate() {
            let Some(stops) = &p.lanes[ri] else { continue };
            assert!(stops.len() >= 2, "{name}: relation {ri} has {} stops", stops.len());
            let (first, last) = (stops[0], stops[stops.len() - 1]);
            assert!(first.border || first.rect == p.rects[rel.from], "{name}: relation {ri} starts off its source");
            assert!(last.border || last.rect == p.rects[rel.to], "{name}: relation {ri} ends off its target");
            for st in &stops[1..stops.len() - 1] {
                assert!(
                    st.rect.w == 0.0 || st.rect.h == 0.0,
                    "{name}: relation {ri}'s lane {:?} is not a line",
                    st.rect
                );
            }
        }
    }
}

/// Whether `p` lies on the border of `r`.
fn on_border(r: &Rect, p: Point) -> bool {
    let near = |a: f64, b: f64| (a - b).abs() < 0.01;
    let within = |v: f64, lo: f64, hi: f64| v >= lo - 0.01 && v <= hi + 0.01;
    (near(p.0, r.x) || near(p.0, r.right())) && within(p.1, r.y, r.bottom())
        || (near(p.1, r.y) || near(p.1, r.bottom())) && within(p.0, r.x, r.right())
}

#[test]
fn routing_draws_orthogonal_routes_from_border_to_border() {
    let mut routed = 0;
    for (name, m) in layered_models() {
        let (kids, roots, p) = placed(&m);
        let parent: Vec<Option<usize>> = m.elements.iter().map(|e| e.parent).collect();
        let label_rects = super::assemble::group_labels(&m, &p.rects, &p.label_dx);
        let order = Order::new(&p.rects, &kids);
        let boxes = Boxes {
            rects: &p.rects,
            parent: &parent,
            kids: &kids,
            roots: &roots,
            label_rects: &label_rects,
            direction: m.direction,
            lanes: &p.lanes,
            order: &order,
        };
        let edges: Vec<(usize, usize)> = m.relations.iter().map(|r| (r.from, r.to)).collect();
        let Some(routes) = Router::new(&boxes, SEARCH_BUDGET).route(&edges) else { continue };
        for (k, (pts, &(u, v))) in routes.iter().zip(&edges).enumerate() {
            assert!(pts.len() >= 2, "{name}: edge {k} has {} points", pts.len());
            for w in pts.windows(2) {
                let straight = (w[0].0 - w[1].0).abs() < 1e-6 || (w[0].1 - w[1].1).abs() < 1e-6;
                assert!(straight, "{name}: edge {k} runs diagonally from {:?} to {:?}", w[0], w[1]);
            }
            if u != v {
                assert!(on_border(&p.rects[u], pts[0]), "{name}: edge {k} leaves off its source's border");
                assert!(on_border(&p.rects[v], pts[pts.len() - 1]), "{name}: edge {k} ends off its target's border");
            }
        }
        routed += 1;
    }
    assert!(routed > 250, "only {routed} cases routed within the budget");
}
