//! Property tests: layouts of generated compound graphs keep every invariant, in both directions. The
//! generator (a seeded xorshift, so each case is reproducible from its seed) mixes what breaks layouts:
//! edges between a group and its own descendants, self-loops, parallel and opposite edges, empty groups,
//! nesting ten deep, isolated nodes, a fan-out of 50 and labelled edges. A failing seed is printed with
//! its spec; pin it in `PINNED` to keep it as a regression case.

use archdiag::layout::{metrics, verify};
use serde_json::{Value, json};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// A random compound graph in the custom spec form.
fn generate(seed: u64) -> Value {
    let mut r = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut groups: Vec<(String, Option<String>)> = Vec::new();
    let n_groups = 1 + r.below(12);
    for g in 0..n_groups {
        let parent = if g > 0 && r.chance(70) { Some(groups[r.below(groups.len())].0.clone()) } else { None };
        groups.push((format!("g{g}"), parent));
    }
    // A chain ten deep.
    if r.chance(40) {
        for d in 0..10 {
            let parent = if d == 0 { None } else { Some(format!("deep{}", d - 1)) };
            groups.push((format!("deep{d}"), parent));
        }
    }
    let mut nodes: Vec<(String, Option<String>)> = Vec::new();
    let n_nodes = 2 + r.below(30);
    for n in 0..n_nodes {
        // Some groups stay empty: only pick among the first ones.
        let parent = if r.chance(75) { Some(groups[r.below(groups.len().max(2) - 1)].0.clone()) } else { None };
        nodes.push((format!("n{n}"), parent));
    }
    if groups.iter().any(|g| g.0 == "deep9") {
        nodes.push(("bottom".into(), Some("deep9".into())));
    }
    let ids: Vec<String> = groups.iter().map(|g| g.0.clone()).chain(nodes.iter().map(|n| n.0.clone())).collect();
    let mut edges = Vec::new();
    let n_edges = r.below(40);
    for _ in 0..n_edges {
        let a = ids[r.below(ids.len())].clone();
        let b = ids[r.below(ids.len())].clone();
        let mut e = json!({"from": a, "to": b});
        if r.chance(20) {
            e["label"] = json!(format!("rel{}", r.below(100)));
        }
        edges.push(e);
    }
    // Self-loop, parallel and opposite edges.
    edges.push(json!({"from": "n0", "to": "n0"}));
    edges.push(json!({"from": "n0", "to": "n1"}));
    edges.push(json!({"from": "n0", "to": "n1"}));
    edges.push(json!({"from": "n1", "to": "n0"}));
    // Group to its own descendant and back.
    for (id, parent) in &nodes {
        if let Some(p) = parent {
            edges.push(json!({"from": p, "to": id}));
            edges.push(json!({"from": id, "to": p, "label": "up"}));
            break;
        }
    }
    if r.chance(30) {
        nodes.push(("hub".into(), None));
        for k in 0..50 {
            nodes.push((format!("leaf{k}"), groups.first().map(|g| g.0.clone()).filter(|_| k % 2 == 0)));
            edges.push(json!({"from": "hub", "to": format!("leaf{k}")}));
        }
    }
    let groups: Vec<Value> = groups
        .iter()
        .map(|(id, p)| match p {
            Some(p) => json!({"id": id, "label": format!("group {id}"), "parent": p}),
            None => json!({"id": id, "label": format!("group {id}")}),
        })
        .collect();
    let nodes: Vec<Value> = nodes
        .iter()
        .map(|(id, p)| match p {
            Some(p) => json!({"id": id, "label": format!("node {id}"), "parent": p}),
            None => json!({"id": id, "label": format!("node {id}")}),
        })
        .collect();
    json!({"groups": groups, "nodes": nodes, "edges": edges})
}

/// Seeds that once failed, kept as regression cases.
const PINNED: &[u64] = &[];

fn check(seed: u64) -> Result<(), String> {
    let mut spec = generate(seed);
    for dir in ["lr", "tb"] {
        spec["direction"] = json!(dir);
        let text = spec.to_string();
        let (_, scene) = archdiag::scene(&text).map_err(|e| format!("seed {seed}: {e}"))?;
        let bad = verify::describe(&scene);
        if !bad.is_empty() {
            return Err(format!("seed {seed} {dir}: {} violations, first: {}\nspec: {text}", bad.len(), bad[0]));
        }
        let m = metrics::measure(&scene);
        if m.collinear_overlaps > 0 {
            return Err(format!("seed {seed} {dir}: {} collinear overlaps\nspec: {text}", m.collinear_overlaps));
        }
        if m.label_overlaps > 0 {
            return Err(format!("seed {seed} {dir}: {} edge labels overlap\nspec: {text}", m.label_overlaps));
        }
    }
    Ok(())
}

#[test]
fn generated_compound_graphs_keep_the_invariants() {
    let failures: Vec<String> = PINNED.iter().copied().chain(1..=300).filter_map(|s| check(s).err()).collect();
    assert!(failures.is_empty(), "{} failing seeds:\n{}", failures.len(), failures.join("\n\n"));
}

/// Edge labels on generated graphs (a relation in five labelled, fans and nesting ten deep): how many
/// lie away from their own edge or on another one, in both directions over 300 seeds. A ratchet: the
/// layout keeps room for a label only in the channel where its relation is lifted, so a label whose
/// edge finds no free spot along itself (crowded fans, short hops between nested containers) still
/// drifts or sits on another edge. Of 2,828 labels, before labels looked along their whole edge and
/// avoided other edges: 227 away, 1,467 on another edge; after: 215 and 335; with room kept in the
/// channel: 158 and 345. Lower the figures when a change does better.
#[test]
fn generated_graphs_keep_edge_labels_on_their_edges() {
    let (mut labels, mut off, mut on) = (0, 0, 0);
    for seed in 1..=300 {
        let mut spec = generate(seed);
        for dir in ["lr", "tb"] {
            spec["direction"] = json!(dir);
            let (_, scene) = archdiag::scene(&spec.to_string()).expect("generated spec is valid");
            let m = metrics::measure(&scene);
            labels += scene.edges.iter().filter(|e| e.label_rect.is_some()).count();
            off += m.labels_off_edge;
            on += m.labels_on_other_edges;
        }
    }
    assert_eq!(labels, 2828, "the generator changed: measure again");
    assert!(off <= 158 && on <= 345, "of {labels} labels, {off} away from their edge and {on} on another edge");
}

/// The generated graphs with edge groups: most edges in one of three groups, and a fan-in of eight
/// nodes into one sink in a fourth.
fn with_bundles(seed: u64) -> Value {
    let mut spec = generate(seed);
    let mut r = Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B);
    for e in spec["edges"].as_array_mut().expect("edges") {
        if r.chance(60) {
            e["bundle"] = json!(["a", "b", "all"][r.below(3)]);
        }
    }
    spec["nodes"].as_array_mut().expect("nodes").push(json!({"id": "sink", "label": "sink"}));
    let ids: Vec<String> =
        spec["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap().to_string()).collect();
    for k in 0..8 {
        let from = ids[r.below(ids.len() - 1)].clone();
        spec["edges"].as_array_mut().unwrap().push(
            json!({"from": from, "to": "sink", "bundle": "sink", "label": if k == 0 { Some("in") } else { None }}),
        );
    }
    spec
}

/// Bundles on generated graphs, in both directions over 300 seeds: every drawing keeps every invariant
/// (the verifier's bundle checks included: each member drawn by its own part and its trunk, trunks on
/// their boxes), and a bundle never costs a crossing or an arrowhead: each drawing has at most the
/// crossings and arrowheads of the same graph without groups (the routes before bundling are the same).
/// Not vacuous: the trunks drawn and the arrowheads saved are held to at least what they were.
#[test]
fn generated_graphs_with_edge_groups_keep_the_invariants_and_never_cost_a_crossing() {
    let (mut trunks, mut members, mut saved) = (0, 0, 0);
    let mut failures = Vec::new();
    for seed in 1..=300 {
        let mut spec = with_bundles(seed);
        for dir in ["lr", "tb"] {
            spec["direction"] = json!(dir);
            let text = spec.to_string();
            let (_, scene) = archdiag::scene(&text).expect("generated spec is valid");
            let bad = verify::describe(&scene);
            let m = metrics::measure(&scene);
            let mut plain = spec.clone();
            plain["edges"].as_array_mut().unwrap().iter_mut().for_each(|e| {
                e.as_object_mut().unwrap().remove("bundle");
            });
            let (_, before) = archdiag::scene(&plain.to_string()).expect("valid");
            let b = metrics::measure(&before);
            if !bad.is_empty() || m.collinear_overlaps > 0 || m.label_overlaps > 0 {
                failures.push(format!(
                    "seed {seed} {dir}: {bad:?}, {} collinear, {} labels\nspec: {text}",
                    m.collinear_overlaps, m.label_overlaps
                ));
            }
            if m.mode == b.mode && (m.crossings > b.crossings || m.arrowheads > b.arrowheads) {
                failures.push(format!(
                    "seed {seed} {dir}: crossings {} → {}, arrowheads {} → {}\nspec: {text}",
                    b.crossings, m.crossings, b.arrowheads, m.arrowheads
                ));
            }
            trunks += scene.bundles.len();
            members += scene.bundles.iter().map(|t| t.members.len()).sum::<usize>();
            saved += b.arrowheads - m.arrowheads.min(b.arrowheads);
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n\n"));
    println!("{trunks} trunks of {members} edges, {saved} arrowheads fewer");
    // When written: 984 trunks of 4,413 edges, 3,248 arrowheads fewer; with groups tried again in parts
    // by where their other ends lie, 1,168 of 4,862 and 3,510. Raise the figures when a change joins more.
    assert!(trunks >= 1168 && saved >= 3510, "{trunks} trunks of {members} edges, {saved} arrowheads fewer");
}

/// Overlays on generated graphs, in both directions over 300 seeds: one to three overlays a graph, each
/// round two to five nodes or groups picked at random (so most cannot be one rectangle). Every drawing
/// keeps every invariant, the verifier's overlay checks included (an outline holds every member and
/// meets only members, what is inside them and their ancestors; else a mark holds each member). Not
/// vacuous: outlines and marks are both held to at least what they were when this was written.
#[test]
fn generated_graphs_with_overlays_keep_the_invariants() {
    let (mut outlines, mut marked, mut tagged) = (0, 0, 0);
    let mut failures = Vec::new();
    for seed in 1..=300 {
        let mut spec = generate(seed);
        let mut r = Rng(seed ^ 0x0BAD_5EED_0F0F_1234);
        let ids: Vec<String> = ["groups", "nodes"]
            .iter()
            .flat_map(|k| spec[k].as_array().unwrap().iter().map(|v| v["id"].as_str().unwrap().to_string()))
            .collect();
        let overlays: Vec<Value> = (0..1 + r.below(3))
            .map(|k| {
                let mut members: Vec<String> = Vec::new();
                for _ in 0..2 + r.below(4) {
                    let m = ids[r.below(ids.len())].clone();
                    if !members.contains(&m) {
                        members.push(m);
                    }
                }
                json!({"id": format!("ov{k}"), "label": format!("overlay {k}"), "members": members})
            })
            .collect();
        spec["overlays"] = json!(overlays);
        for dir in ["lr", "tb"] {
            spec["direction"] = json!(dir);
            let text = spec.to_string();
            let (_, scene) = archdiag::scene(&text).expect("generated spec is valid");
            let bad = verify::describe(&scene);
            if !bad.is_empty() {
                failures.push(format!("seed {seed} {dir}: {bad:?}\nspec: {text}"));
            }
            outlines += scene.overlays.iter().filter(|o| o.outline.is_some()).count();
            marked += scene.overlays.iter().filter(|o| o.outline.is_none()).count();
            tagged += scene.overlays.iter().filter(|o| o.outline.is_none() && o.tag.is_some()).count();
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n\n"));
    // When written: 197 outlines and 1,055 overlays marked (random members seldom sit in one band).
    // Raise the outlines when the layout learns to align members.
    assert!(outlines >= 197 && outlines + marked == 1252, "{outlines} outlines, {marked} marked");
    // Marked overlays show their label beside one of their marks where there is room: all 1,055 here
    // (none before marks had tags).
    assert!(tagged >= 1055, "{tagged} of {marked} marked overlays tagged");
}

/// Generated graphs top to bottom with `max_width` 600: containers wrap their layers, and the drawing
/// keeps every invariant, stays in the layered layout when it was there without the limit, and is
/// never wider than without it. How many fit is a ratchet (over 300 seeds: 28 as they are, 116 with
/// the limit; most of the rest hold a fan-out of 50 or a chain of ten nested groups); raise it when a
/// change does better.
#[test]
fn generated_graphs_wrapped_to_a_width_keep_the_invariants() {
    let (mut plain_fit, mut fit, mut failures) = (0, 0, Vec::new());
    for seed in 1..=300u64 {
        let mut spec = generate(seed);
        spec["direction"] = json!("tb");
        let (_, plain) = archdiag::scene(&spec.to_string()).unwrap();
        spec["max_width"] = json!(600);
        let text = spec.to_string();
        let (_, scene) = archdiag::scene(&text).unwrap();
        let bad = verify::describe(&scene);
        let m = metrics::measure(&scene);
        if !bad.is_empty() || m.collinear_overlaps > 0 || m.label_overlaps > 0 {
            failures.push(format!("seed {seed}: {bad:?}, {} collinear\nspec: {text}", m.collinear_overlaps));
        }
        if plain.mode == archdiag::scene::Mode::Layered && scene.mode != plain.mode {
            failures.push(format!("seed {seed}: fell back to the simple layout\nspec: {text}"));
        }
        if scene.width > plain.width {
            failures.push(format!("seed {seed}: {} px with the limit, {} without", scene.width, plain.width));
        }
        plain_fit += usize::from(plain.width <= 600.0);
        fit += usize::from(scene.width <= 600.0);
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n\n"));
    eprintln!("fit 600 px: {plain_fit} as they are, {fit} with max_width");
    assert!(fit >= 116, "{fit} fit ({plain_fit} without the limit)");
}
