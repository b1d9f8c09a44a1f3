//! Helpers shared by the integration tests: where the corpus is, and the preset combinations.
#![allow(dead_code)]

use std::path::PathBuf;

/// The vendored corpus in `tests/corpus` (see its README), or `$ARCHDIAG_CORPUS`. A missing corpus is a
/// test failure, never a silent skip.
pub fn corpus_files() -> Vec<PathBuf> {
    let dir = std::env::var_os("ARCHDIAG_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus"));
    let mut files = Vec::new();
    for sub in ["ptolemy", "synthetic"] {
        let d = dir.join(sub);
        let entries = std::fs::read_dir(&d).unwrap_or_else(|e| panic!("corpus folder {} is missing: {e}", d.display()));
        for e in entries {
            let p = e.expect("corpus entry").path();
            if p.extension().is_some_and(|x| x == "json") {
                files.push(p);
            }
        }
    }
    files.sort();
    assert!(files.len() > 100, "expected the whole corpus, found {} files", files.len());
    files
}

/// The preset combinations (the five valid ones and two mixed), by name and spec, from
/// `tests/presets.json`, which the ELK comparison and the gallery read too.
pub fn presets() -> Vec<(&'static str, String)> {
    let table: Vec<(String, serde_json::Value)> =
        serde_json::from_str(include_str!("../presets.json")).expect("tests/presets.json is a list of [name, spec]");
    table.into_iter().map(|(n, s)| (&*Box::leak(n.into_boxed_str()), s.to_string())).collect()
}

/// Sets `direction` in a JSON spec.
pub fn with_direction(spec: &str, dir: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(spec).expect("json");
    v["direction"] = serde_json::Value::String(dir.into());
    v.to_string()
}

/// A small deterministic generator (xorshift64*).
pub struct Rng(pub u64);

impl Rng {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }
}

/// A custom spec of groups and nodes (id, parent) and edges (from, to).
pub fn custom(
    groups: &[(String, Option<String>)],
    nodes: &[(String, Option<String>)],
    edges: &[(String, String)],
) -> String {
    let item = |(id, parent): &(String, Option<String>)| match parent {
        Some(p) => serde_json::json!({"id": id, "parent": p}),
        None => serde_json::json!({"id": id}),
    };
    serde_json::json!({
        "groups": groups.iter().map(item).collect::<Vec<_>>(),
        "nodes": nodes.iter().map(item).collect::<Vec<_>>(),
        "edges": edges.iter().map(|(a, b)| serde_json::json!({"from": a, "to": b})).collect::<Vec<_>>(),
    })
    .to_string()
}

/// `n` nodes and `m` edges between random ends.
pub fn random_graph(n: usize, m: usize, seed: u64) -> String {
    let mut r = Rng(seed);
    let nodes: Vec<_> = (0..n).map(|i| (format!("n{i}"), None)).collect();
    let edges: Vec<_> = (0..m).map(|_| (format!("n{}", r.below(n)), format!("n{}", r.below(n)))).collect();
    custom(&[], &nodes, &edges)
}

/// A laid-out spec's geometry JSON, with lookups by id, kind and relation.
pub struct G {
    pub boxes: Vec<serde_json::Value>,
    pub edges: Vec<serde_json::Value>,
    pub raw: serde_json::Value,
}

/// The geometry of a valid spec.
pub fn geo(spec: &str) -> G {
    let v: serde_json::Value = serde_json::from_str(&archdiag::layout_json(spec).expect("valid")).unwrap();
    G { boxes: v["boxes"].as_array().unwrap().clone(), edges: v["edges"].as_array().unwrap().clone(), raw: v }
}

impl G {
    pub fn of_kind(&self, kind: &str) -> Vec<&serde_json::Value> {
        self.boxes.iter().filter(|b| b["kind"] == kind).collect()
    }
    pub fn by_id(&self, id: &str) -> &serde_json::Value {
        self.boxes.iter().find(|b| b["id"] == id).unwrap_or_else(|| panic!("no box {id}"))
    }
    pub fn labels_in(&self, parent: &str) -> Vec<&str> {
        self.boxes.iter().filter(|b| b["parent"] == parent).map(|b| b["label"].as_str().unwrap()).collect()
    }
    /// The ids of a box's containers, innermost first.
    pub fn ancestors(&self, id: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut cur = self.by_id(id);
        while let Some(p) = cur["parent"].as_str() {
            out.push(p.to_string());
            cur = self.by_id(p);
        }
        out
    }
    /// The kinds and labels of a box's containers ("vpc:Your VPC"), innermost first.
    pub fn kinds_of_ancestors(&self, id: &str) -> Vec<String> {
        let b = |p: &String| {
            let x = self.by_id(p);
            format!("{}:{}", x["kind"].as_str().unwrap(), x["label"].as_str().unwrap())
        };
        self.ancestors(id).iter().map(b).collect()
    }
    pub fn has_edge(&self, from: &str, to: &str, kind: &str) -> bool {
        self.edges.iter().any(|e| e["from"] == from && e["to"] == to && e["kind"] == kind)
    }
    pub fn overlay(&self, id: &str) -> &serde_json::Value {
        let list = self.raw["overlays"].as_array().unwrap();
        list.iter().find(|o| o["id"] == id).unwrap_or_else(|| panic!("no overlay {id}"))
    }
}
