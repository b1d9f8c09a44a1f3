//! custom_graph: structured custom-form graphs (up to 60 groups, 200 nodes, 400 edges in edge groups, 4 overlays, hostile ids and labels) lay out within the time budget with no invariant broken (`verify::check` empty, zero collinear and label overlaps), deterministically, and render to a safe SVG; a graph valid by construction is accepted, and an invalid one (cycle, dangling or duplicate id, bad kind) is refused with a one-line message.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use archdiag::layout::{metrics, verify};
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value, json};
use std::time::Instant;

const MAX_GROUPS: usize = 60;
const MAX_NODES: usize = 200;
const MAX_EDGES: usize = 400;

/// What ids, labels and titles are made of: plain letters and digits, XML's special characters,
/// whitespace and controls, bidi and zero-width marks, emoji and combining marks, and text that looks like
/// markup or script. Never `#`, which the generator uses to keep ids unique.
const PIECES: &[&str] = &[
    "a",
    "B",
    "7",
    "x y",
    " ",
    "<",
    ">",
    "&",
    "&amp;",
    "\"",
    "'",
    "\n",
    "\r\n",
    "\t",
    "\u{0}",
    "\u{1b}[31m",
    "\u{7f}",
    "\u{85}",
    "\u{202E}",
    "\u{2066}",
    "\u{2028}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{FFFF}",
    "\u{1F600}",
    "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}",
    "\u{E9}",
    "e\u{301}",
    "\u{4E2D}\u{6587}",
    "\u{645}\u{631}\u{62D}\u{628}\u{627}",
    "-",
    "_",
    ".",
    "/",
    "\\",
    "]]>",
    "<!--",
    "javascript:",
    " onload=",
    "<script>",
    "%s",
    "{}",
    "WWWWWWWWWWWWWWWWWWWW",
    "iiiiiiiiiiiiiiiiiiii",
];

const MANAGED_BY: &[&str] = &["you", "shared", "aws", "third-party"];

#[derive(Debug)]
struct Graph {
    /// Low three bits all zero: "wild", where references may dangle, parents may cycle, ids may repeat
    /// and kinds may be unknown. Bit 3: absent fields written as `null` (the parser's slower road).
    /// Bit 4: a title.
    flags: u8,
    theme: u8,
    direction: u8,
    title: Text,
    groups: Vec<Item>,
    nodes: Vec<Item>,
    edges: Vec<Edge>,
    overlays: Vec<Overlay>,
}

#[derive(Debug, Arbitrary)]
struct Overlay {
    id: Text,
    label: Option<Text>,
    members: Vec<u16>,
}

/// The counts come first, from the front of the input, so that a few bytes can ask for a large graph
/// (a derived `Vec` stops at each element with even odds, and random inputs would stay tiny). Items past
/// the end of the input are all alike (`arbitrary` gives zeros), which still makes a valid graph.
impl<'a> Arbitrary<'a> for Graph {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let flags = u.arbitrary()?;
        let theme = u.arbitrary()?;
        let direction = u.arbitrary()?;
        // A size class first, 0 to 7: class 7 may use the whole 60/200/400, each class below half as
        // much (at least 2 of each), so that most inputs are small and fast and one in eight can be large.
        let class: u32 = u.int_in_range(0..=7)?;
        let cap = |max: usize| (max >> (7 - class)).max(2);
        let groups = u.int_in_range(0..=cap(MAX_GROUPS))?;
        let nodes = u.int_in_range(0..=cap(MAX_NODES))?;
        let edges = u.int_in_range(0..=cap(MAX_EDGES))?;
        let title = u.arbitrary()?;
        Ok(Graph {
            flags,
            theme,
            direction,
            title,
            groups: (0..groups).map(|_| u.arbitrary()).collect::<arbitrary::Result<_>>()?,
            nodes: (0..nodes).map(|_| u.arbitrary()).collect::<arbitrary::Result<_>>()?,
            edges: (0..edges).map(|_| u.arbitrary()).collect::<arbitrary::Result<_>>()?,
            overlays: (0..u.int_in_range(0..=4)?).map(|_| u.arbitrary()).collect::<arbitrary::Result<_>>()?,
        })
    }
}

#[derive(Debug, Arbitrary)]
struct Item {
    id: Text,
    /// In a wild graph: the id as drawn, without the suffix that makes it unique.
    raw_id: bool,
    label: Option<Text>,
    parent: Option<u8>,
    kind: Option<u8>,
    managed_by: Option<u8>,
}

#[derive(Debug, Arbitrary)]
struct Edge {
    from: u16,
    to: u16,
    label: Option<Text>,
    /// Its edge group: one of a few names (hostile text among them), or none.
    bundle: Option<u8>,
}

/// A string as a list of picks from [`PIECES`].
#[derive(Debug, Arbitrary)]
struct Text(Vec<u8>);

impl Text {
    fn make(&self, max_pieces: usize, max_chars: usize) -> String {
        let s: String = self.0.iter().take(max_pieces).map(|&p| PIECES[p as usize % PIECES.len()]).collect();
        s.chars().take(max_chars).collect()
    }
}

/// The custom-form JSON of a graph, and whether it is valid by construction.
fn build(g: &Graph) -> (String, bool) {
    let wild = g.flags & 0b111 == 0;
    let nulls = g.flags & 0b1000 != 0;
    let groups = &g.groups[..g.groups.len().min(MAX_GROUPS)];
    let mut nodes: Vec<&Item> = g.nodes.iter().take(MAX_NODES).collect();
    let fallback = Item { id: Text(vec![0]), raw_id: false, label: None, parent: None, kind: None, managed_by: None };
    if groups.is_empty() && nodes.is_empty() && !wild {
        nodes.push(&fallback);
    }
    let id = |it: &Item, tag: char, i: usize| {
        let base = it.id.make(8, 60);
        if wild && it.raw_id { base } else { format!("{base}#{tag}{i}") }
    };
    let group_ids: Vec<String> = groups.iter().enumerate().map(|(i, it)| id(it, 'g', i)).collect();
    let node_ids: Vec<String> = nodes.iter().enumerate().map(|(i, it)| id(it, 'n', i)).collect();
    let item = |it: &Item, own: &str, parent: Option<String>| {
        let mut o = Map::new();
        o.insert("id".into(), json!(own));
        let mut opt = |k: &str, v: Option<String>| match v {
            Some(v) => {
                o.insert(k.into(), json!(v));
            }
            None if nulls => {
                o.insert(k.into(), Value::Null);
            }
            None => {}
        };
        opt("label", it.label.as_ref().map(|t| t.make(40, 200)));
        opt("parent", parent);
        opt(
            "kind",
            it.kind.map(|k| match archdiag::kinds::KINDS.get(k as usize) {
                Some(k) => k.name.to_string(),
                None if wild => "boat".to_string(),
                None => archdiag::kinds::KINDS[k as usize % archdiag::kinds::KINDS.len()].name.to_string(),
            }),
        );
        opt(
            "managed_by",
            it.managed_by.map(|m| match MANAGED_BY.get(m as usize % 16) {
                Some(m) => m.to_string(),
                None if wild => "nobody".to_string(),
                None => MANAGED_BY[m as usize % MANAGED_BY.len()].to_string(),
            }),
        );
        Value::Object(o)
    };
    // A parent index: in a tame graph always an earlier group (so no cycle), in a wild one any group or,
    // past the end, an id that names nothing.
    let parent_of = |p: Option<u8>, before: usize| -> Option<String> {
        let p = p? as usize;
        if wild {
            Some(group_ids.get(p).cloned().unwrap_or_else(|| "nowhere".to_string()))
        } else if before == 0 {
            None
        } else {
            Some(group_ids[p % before].clone())
        }
    };
    let gjson: Vec<Value> =
        groups.iter().enumerate().map(|(i, it)| item(it, &group_ids[i], parent_of(it.parent, i))).collect();
    let njson: Vec<Value> =
        nodes.iter().enumerate().map(|(i, it)| item(it, &node_ids[i], parent_of(it.parent, group_ids.len()))).collect();
    let all: Vec<&String> = group_ids.iter().chain(&node_ids).collect();
    let end = |k: u16| -> String {
        let k = k as usize;
        if wild {
            all.get(k % (all.len() + 1)).map_or_else(|| "nowhere".to_string(), |s| s.to_string())
        } else {
            all[k % all.len()].clone()
        }
    };
    let ejson: Vec<Value> = if all.is_empty() {
        Vec::new()
    } else {
        g.edges
            .iter()
            .take(MAX_EDGES)
            .map(|e| {
                let mut o = Map::new();
                o.insert("from".into(), json!(end(e.from)));
                o.insert("to".into(), json!(end(e.to)));
                match (&e.label, nulls) {
                    (Some(l), _) => {
                        o.insert("label".into(), json!(l.make(20, 200)));
                    }
                    (None, true) => {
                        o.insert("label".into(), Value::Null);
                    }
                    (None, false) => {}
                }
                if let Some(b) = e.bundle {
                    o.insert("bundle".into(), json!(["a", "b", "\"><script>", "\u{202E}x"][b as usize % 4]));
                }
                Value::Object(o)
            })
            .collect()
    };
    // Overlays: in a tame graph members are distinct known ids; in a wild one they may dangle or repeat.
    let ojson: Vec<Value> = if all.is_empty() {
        Vec::new()
    } else {
        g.overlays
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let mut members: Vec<String> = Vec::new();
                for &m in o.members.iter().take(6) {
                    let id = end(m);
                    if wild || !members.contains(&id) {
                        members.push(id);
                    }
                }
                if members.is_empty() && !wild {
                    members.push(all[0].clone());
                }
                let mut v = json!({"id": format!("{}#o{i}", o.id.make(8, 60)), "members": members});
                if let Some(l) = &o.label {
                    v["label"] = json!(l.make(20, 200));
                }
                v
            })
            .collect()
    };
    let mut spec = Map::new();
    if !ojson.is_empty() {
        spec.insert("overlays".into(), Value::Array(ojson));
    }
    spec.insert("groups".into(), Value::Array(gjson));
    spec.insert("nodes".into(), Value::Array(njson));
    spec.insert("edges".into(), Value::Array(ejson));
    spec.insert("theme".into(), json!(["light", "dark", "auto", "DARK"][g.theme as usize % 4]));
    spec.insert("direction".into(), json!(["tb", "lr", "LR"][g.direction as usize % 3]));
    if g.flags & 0b1_0000 != 0 {
        spec.insert("title".into(), json!(g.title.make(40, 200)));
    }
    (Value::Object(spec).to_string(), !wild)
}

fuzz_target!(|g: Graph| {
    use archdiag_fuzz::{enabled, short};
    let (spec, valid) = build(&g);
    archdiag_fuzz::print(&spec);
    let budget = archdiag_fuzz::budget();
    let start = Instant::now();
    let result = archdiag::scene(&spec);
    let took = start.elapsed();
    let (_, scene) = match result {
        Ok(s) => s,
        Err(e) => {
            if enabled("refused") {
                assert!(!valid, "a graph valid by construction was refused: {e}\nspec: {}", short(&spec));
            }
            archdiag_fuzz::check_message("scene error", &e.to_string());
            return;
        }
    };
    if enabled("budget") {
        assert!(
            took <= budget,
            "slow case: scene() took {took:?}, over the {budget:?} budget, for {} boxes and {} edges",
            scene.boxes.len(),
            scene.edges.len()
        );
    }
    if enabled("verify") {
        let bad = verify::check(&scene);
        assert!(
            bad.is_empty(),
            "{} invariant violations, first: {:?}\nspec: {}",
            bad.len(),
            &bad[..bad.len().min(5)],
            short(&spec)
        );
    }
    let m = metrics::measure(&scene);
    if enabled("collinear") {
        assert_eq!(m.collinear_overlaps, 0, "edges run along one another ({m:?})\nspec: {}", short(&spec));
    }
    if enabled("label-overlap") {
        assert_eq!(m.label_overlaps, 0, "edge labels on boxes or labels ({m:?})\nspec: {}", short(&spec));
    }

    let start = Instant::now();
    let svg = archdiag::render(&spec).unwrap_or_else(|e| panic!("scene() accepted what render() refused: {e}"));
    let took = start.elapsed();
    if enabled("budget") {
        assert!(took <= budget * 2, "slow case: render() took {took:?}, over twice the {budget:?} budget");
    }
    if enabled("determinism") {
        // Laying the same spec out again gives the same drawing.
        let description = archdiag::describe(&spec).unwrap_or_else(|e| panic!("describe() refused: {e}"));
        assert!(
            svg == archdiag::render::svg(&scene, &description),
            "two layouts of one spec differ\nspec: {}",
            short(&spec)
        );
    }
    archdiag_fuzz::check_svg(&svg);
});
