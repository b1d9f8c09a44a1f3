//! What the user asked for: the JSON spec (preset or custom form), parsed and validated once, up front.
//!
//! Every later stage takes a [`Spec`] and cannot fail. Validation walks the raw JSON itself (not serde's
//! derive) so that each error names the exact field, the bad value and what is allowed. A well-formed
//! custom spec takes a faster road (`typed`): read straight into structs, then through the same checks;
//! whatever that road does not accept goes the JSON-tree way, which words the error. WebAssembly builds
//! leave the fast road out: it is about 17 KB of the module (3%) for a few percent of the time on large
//! custom specs, and both roads give the same `Spec`.

#[cfg(not(target_family = "wasm"))]
mod typed;

use crate::error::{Error, describe, truncate};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// The orchestrator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Service {
    Ecs,
    Eks,
}

/// Where containers run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Hosting {
    Ec2,
    Nodegroup,
    Fargate,
}

/// Where images come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Registry {
    Ecr,
    Dockerhub,
    Nexus,
}

/// Colour scheme of the SVG.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Light,
    Dark,
    /// Light, switching to dark through the reader's `prefers-color-scheme` (embedded CSS).
    Auto,
}

/// How much of each worker node a preset shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Detail {
    /// Nodes as single boxes.
    Overview,
    /// Agent, kubelet, kube-proxy, runtime and the tasks or pods inside each node.
    #[default]
    Full,
}

/// Direction of flow: layers left to right or top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    Lr,
    #[default]
    Tb,
}

/// A preset diagram: one service with one or more hosting kinds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preset {
    pub service: Service,
    /// Sorted, without repeats, never empty.
    pub hosting: Vec<Hosting>,
    pub registry: Registry,
    pub azs: u32,
    pub workers: u32,
    pub detail: Detail,
    /// Whether to draw the panel listing who is responsible for what.
    pub responsibilities: bool,
}

/// A group (container) of the custom form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupSpec {
    pub id: String,
    pub label: String,
    pub parent: Option<String>,
    pub kind: Option<String>,
    pub managed_by: Option<String>,
}

/// A node (leaf box) of the custom form.
pub type NodeSpec = GroupSpec;

/// An edge of the custom form; either end may be a node or a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EdgeSpec {
    pub from: String,
    pub to: String,
    pub label: Option<String>,
}

/// A custom diagram: explicit groups, nodes and edges.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Custom {
    pub groups: Vec<GroupSpec>,
    pub nodes: Vec<NodeSpec>,
    pub edges: Vec<EdgeSpec>,
}

/// Which of the two forms the spec uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Form {
    Preset(Preset),
    Custom(Custom),
}

/// A validated spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    pub form: Form,
    pub theme: Theme,
    pub direction: Direction,
    pub title: Option<String>,
}

/// The most elements and edges a custom spec may hold (the corpus's largest has about 4,300 boxes).
pub const MAX_ELEMENTS: usize = 20_000;
pub const MAX_EDGES: usize = 40_000;
const MAX_LABEL: usize = 200;
const MAX_ID: usize = 128;

pub const SERVICES: &str = "\"ecs\", \"eks\"";
pub const HOSTINGS_ECS: &str = "\"ec2\", \"fargate\" (or a list of them)";
pub const HOSTINGS_EKS: &str = "\"ec2\", \"nodegroup\", \"fargate\" (or a list of them)";
const REGISTRIES: &str = "\"ecr\", \"dockerhub\", \"nexus\"";
const THEMES: &str = "\"light\", \"dark\", \"auto\"";
const DETAILS: &str = "\"overview\", \"full\"";
const DIRECTIONS: &str = "\"lr\", \"tb\"";
const PRESET_FIELDS: &str =
    "service, hosting, registry, azs, workers, detail, responsibilities, theme, direction, title";
const CUSTOM_FIELDS: &str = "groups, nodes, edges, theme, direction, title";
const ITEM_FIELDS: &str = "id, label, parent, kind, managed_by";
const EDGE_FIELDS: &str = "from, to, label";
/// Values of `managed_by` in the custom form.
pub const MANAGERS: &str = "\"you\", \"shared\", \"aws\", \"third-party\"";
/// Values of `kind` in the custom form.
pub const KINDS: &[&str] = &[
    "node",
    "group",
    "cluster",
    "control-plane",
    "api-server",
    "etcd",
    "worker-node",
    "agent",
    "runtime",
    "registry",
    "az",
    "vpc",
    "region",
    "fargate",
    "nodegroup",
    "ec2",
    "task",
    "pod",
    "service",
    "database",
    "queue",
    "user",
    "network-interface",
];

/// Parses and validates a spec from JSON text.
pub fn parse(text: &str) -> Result<Spec, Error> {
    #[cfg(not(target_family = "wasm"))]
    if let Some(spec) = typed::parse(text) {
        return Ok(spec);
    }
    from_value(&parse_json(text)?)
}

/// Parses JSON text, reporting a syntax error with its line and column.
pub fn parse_json(text: &str) -> Result<Value, Error> {
    serde_json::from_str(text).map_err(|e| Error::Syntax {
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    })
}

fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// Validates a spec already parsed as JSON.
pub fn from_value(value: &Value) -> Result<Spec, Error> {
    let obj = value.as_object().ok_or_else(|| Error::NotAnObject { got: describe(value) })?;
    let preset_key = ["service", "hosting", "registry", "azs", "workers", "detail", "responsibilities"]
        .into_iter()
        .find(|k| obj.contains_key(*k));
    let custom_key = ["groups", "nodes", "edges"].into_iter().find(|k| obj.contains_key(*k));
    if let (Some(p), Some(c)) = (preset_key, custom_key) {
        return Err(Error::MixedForms { preset: p.into(), custom: c.into() });
    }
    let custom = custom_key.is_some();
    let allowed = if custom { CUSTOM_FIELDS } else { PRESET_FIELDS };
    let known: &[&str] = if custom {
        &["groups", "nodes", "edges", "theme", "direction", "title"]
    } else {
        &[
            "service",
            "hosting",
            "registry",
            "azs",
            "workers",
            "detail",
            "responsibilities",
            "theme",
            "direction",
            "title",
        ]
    };
    // Report unknown fields in sorted order so the message does not depend on map order.
    if let Some(k) = obj.keys().find(|k| !known.contains(&k.as_str())) {
        return Err(Error::UnknownField { path: "spec".into(), name: truncate(k, 40), allowed });
    }
    let theme = parse_theme(opt_str(obj, "theme", "spec.theme")?)?;
    let direction = parse_direction(opt_str(obj, "direction", "spec.direction")?)?;
    let title = check_title(opt_str(obj, "title", "title")?)?;
    let form = if custom { Form::Custom(custom_form(obj)?) } else { Form::Preset(preset(obj)?) };
    Ok(Spec { form, theme, direction, title })
}

fn bad(path: &str, value: &str, allowed: &str) -> Error {
    Error::BadValue { path: path.into(), value: format!("\"{}\"", truncate(value, 40)), allowed: allowed.into() }
}

fn opt_str<'a>(obj: &'a Map<String, Value>, key: &str, path: &str) -> Result<Option<&'a str>, Error> {
    match obj.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(v) => Err(Error::WrongType {
            path: path.trim_start_matches("spec.").into(),
            expected: "a string",
            got: describe(v),
        }),
    }
}

fn parse_theme(s: Option<&str>) -> Result<Theme, Error> {
    let Some(s) = s else {
        return Ok(Theme::default());
    };
    match s.to_ascii_lowercase().as_str() {
        "light" => Ok(Theme::Light),
        "dark" => Ok(Theme::Dark),
        "auto" => Ok(Theme::Auto),
        _ => Err(bad("theme", s, THEMES)),
    }
}

fn parse_direction(s: Option<&str>) -> Result<Direction, Error> {
    let Some(s) = s else {
        return Ok(Direction::default());
    };
    match s.to_ascii_lowercase().as_str() {
        "lr" => Ok(Direction::Lr),
        "tb" => Ok(Direction::Tb),
        _ => Err(bad("direction", s, DIRECTIONS)),
    }
}

fn check_title(s: Option<&str>) -> Result<Option<String>, Error> {
    match s {
        None => Ok(None),
        Some(s) if s.chars().count() > MAX_LABEL => Err(Error::BadValue {
            path: "title".into(),
            value: format!("{} characters long", s.chars().count()),
            allowed: format!("at most {MAX_LABEL} characters"),
        }),
        Some(s) => Ok(Some(s.to_string())),
    }
}

fn parse_service(s: &str) -> Result<Service, Error> {
    match s.to_ascii_lowercase().as_str() {
        "ecs" => Ok(Service::Ecs),
        "eks" => Ok(Service::Eks),
        _ => Err(bad("service", s, SERVICES)),
    }
}

fn parse_hosting(s: &str, path: &str, service: Service) -> Result<Hosting, Error> {
    match s.to_ascii_lowercase().as_str() {
        "ec2" => Ok(Hosting::Ec2),
        "nodegroup" => Ok(Hosting::Nodegroup),
        "fargate" => Ok(Hosting::Fargate),
        _ => Err(bad(
            path,
            s,
            match service {
                Service::Ecs => HOSTINGS_ECS,
                Service::Eks => HOSTINGS_EKS,
            },
        )),
    }
}

fn int_field(obj: &Map<String, Value>, key: &'static str, lo: u64, hi: u64, default: u32) -> Result<u32, Error> {
    let Some(v) = obj.get(key) else {
        return Ok(default);
    };
    let range = format!("a whole number from {lo} to {hi}");
    match v {
        Value::Number(n) => match n.as_u64() {
            Some(x) if (lo..=hi).contains(&x) => Ok(x as u32),
            _ => Err(Error::BadValue { path: key.into(), value: format!("{n}"), allowed: range }),
        },
        _ => Err(Error::WrongType { path: key.into(), expected: "a whole number", got: describe(v) }),
    }
}

fn preset(obj: &Map<String, Value>) -> Result<Preset, Error> {
    let service = match opt_str(obj, "service", "service")? {
        Some(s) => parse_service(s)?,
        None => {
            return Err(Error::MissingField {
                path: "spec".into(),
                name: "service",
                hint: "a preset needs service (\"ecs\" or \"eks\") and hosting; a custom diagram needs nodes",
            });
        }
    };
    let allowed_hosting = match service {
        Service::Ecs => HOSTINGS_ECS,
        Service::Eks => HOSTINGS_EKS,
    };
    let mut hosting = Vec::new();
    match obj.get("hosting") {
        None => {
            return Err(Error::MissingField {
                path: "spec".into(),
                name: "hosting",
                hint: if service == Service::Ecs {
                    "hosting for ecs may be \"ec2\", \"fargate\" (or a list of them)"
                } else {
                    "hosting for eks may be \"ec2\", \"nodegroup\", \"fargate\" (or a list of them)"
                },
            });
        }
        Some(Value::String(s)) => hosting.push((parse_hosting(s, "hosting", service)?, s.clone())),
        Some(Value::Array(items)) => {
            if items.is_empty() {
                return Err(Error::BadValue {
                    path: "hosting".into(),
                    value: "an empty list".into(),
                    allowed: allowed_hosting.into(),
                });
            }
            for (i, item) in items.iter().enumerate() {
                let path = format!("hosting[{i}]");
                let s = item.as_str().ok_or_else(|| Error::WrongType {
                    path: path.clone(),
                    expected: "a string",
                    got: describe(item),
                })?;
                let h = parse_hosting(s, &path, service)?;
                if hosting.iter().any(|(x, _)| *x == h) {
                    return Err(Error::BadValue {
                        path: path.clone(),
                        value: format!("\"{}\" a second time", truncate(s, 20)),
                        allowed: "each hosting kind once".into(),
                    });
                }
                hosting.push((h, s.to_string()));
            }
        }
        Some(v) => {
            return Err(Error::WrongType {
                path: "hosting".into(),
                expected: "a string or a list of strings",
                got: describe(v),
            });
        }
    }
    if let Some((_, raw)) = hosting.iter().find(|(h, _)| *h == Hosting::Nodegroup && service == Service::Ecs) {
        return Err(Error::Combination {
            service: "ecs".into(),
            hosting: truncate(raw, 20),
            allowed: "\"ec2\" or \"fargate\"",
        });
    }
    let mut hosting: Vec<Hosting> = hosting.into_iter().map(|(h, _)| h).collect();
    hosting.sort();
    let registry = match opt_str(obj, "registry", "registry")? {
        None => Registry::Ecr,
        Some(s) => match s.to_ascii_lowercase().as_str() {
            "ecr" => Registry::Ecr,
            "dockerhub" => Registry::Dockerhub,
            "nexus" => Registry::Nexus,
            _ => return Err(bad("registry", s, REGISTRIES)),
        },
    };
    let azs = int_field(obj, "azs", 1, 6, 2)?;
    let workers = int_field(obj, "workers", 0, 64, 2)?;
    let detail = match opt_str(obj, "detail", "detail")? {
        None => Detail::default(),
        Some(s) => match s.to_ascii_lowercase().as_str() {
            "overview" => Detail::Overview,
            "full" => Detail::Full,
            _ => return Err(bad("detail", s, DETAILS)),
        },
    };
    let responsibilities = match obj.get("responsibilities") {
        None => true,
        Some(Value::Bool(b)) => *b,
        Some(v) => {
            return Err(Error::WrongType {
                path: "responsibilities".into(),
                expected: "true or false",
                got: describe(v),
            });
        }
    };
    Ok(Preset { service, hosting, registry, azs, workers, detail, responsibilities })
}

fn list<'a>(obj: &'a Map<String, Value>, key: &str) -> Result<&'a [Value], Error> {
    match obj.get(key) {
        None => Ok(&[]),
        Some(Value::Array(a)) => Ok(a),
        Some(v) => Err(Error::WrongType { path: key.into(), expected: "a list", got: describe(v) }),
    }
}

/// Where an item sits in the spec (`groups[3]`), written out only for an error message.
#[derive(Clone, Copy)]
struct At {
    list: &'static str,
    index: usize,
}

impl std::fmt::Display for At {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}[{}]", self.list, self.index)
    }
}

/// The string fields of one group, node or edge, handed out one at a time in the order the checks ask
/// for them (so the first problem met is the one reported).
trait Fields {
    /// The field's text; None when it is absent or null, an error when it holds something else.
    fn take(&mut self, key: &'static str, at: At) -> Result<Option<String>, Error>;
}

/// An item still in the JSON tree.
struct Tree<'a>(&'a Map<String, Value>);

impl Fields for Tree<'_> {
    fn take(&mut self, key: &'static str, at: At) -> Result<Option<String>, Error> {
        item_str(self.0, key, at)
    }
}

fn item_str(item: &Map<String, Value>, key: &str, at: At) -> Result<Option<String>, Error> {
    match item.get(key) {
        None | Some(Value::Null) if key != "id" => Ok(None),
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(v) => Err(Error::WrongType { path: format!("{at}.{key}"), expected: "a string", got: describe(v) }),
    }
}

/// The item at `at` as an object with none but the `known` fields.
fn object<'a>(v: &'a Value, at: At, known: &[&str], allowed: &'static str) -> Result<&'a Map<String, Value>, Error> {
    let item = v.as_object().ok_or_else(|| Error::WrongType {
        path: at.to_string(),
        expected: "an object",
        got: describe(v),
    })?;
    if let Some(k) = item.keys().find(|k| !known.contains(&k.as_str())) {
        return Err(Error::UnknownField { path: at.to_string(), name: truncate(k, 40), allowed });
    }
    Ok(item)
}

fn check_id(id: &str, at: At) -> Result<(), Error> {
    if id.is_empty() || id.chars().count() > MAX_ID {
        return Err(Error::BadValue {
            path: format!("{at}.id"),
            value: format!("\"{}\"", truncate(id, 40)),
            allowed: format!("a non-empty id of at most {MAX_ID} characters"),
        });
    }
    Ok(())
}

fn check_label(label: &str, at: At) -> Result<(), Error> {
    if label.chars().count() > MAX_LABEL {
        return Err(Error::BadValue {
            path: format!("{at}.label"),
            value: format!("{} characters long", label.chars().count()),
            allowed: format!("at most {MAX_LABEL} characters"),
        });
    }
    Ok(())
}

/// Checks one group or node on its own.
fn item(mut f: impl Fields, at: At, group: bool) -> Result<GroupSpec, Error> {
    let id = f.take("id", at)?.ok_or_else(|| Error::MissingField {
        path: at.to_string(),
        name: "id",
        hint: if group { "every group needs a unique id" } else { "every node needs a unique id" },
    })?;
    check_id(&id, at)?;
    let label = f.take("label", at)?.unwrap_or_else(|| id.clone());
    check_label(&label, at)?;
    let parent = f.take("parent", at)?;
    let kind = f.take("kind", at)?;
    if let Some(k) = kind.as_ref().filter(|k| !KINDS.contains(&k.as_str())) {
        return Err(Error::BadValue {
            path: format!("{at}.kind"),
            value: format!("\"{}\"", truncate(k, 40)),
            allowed: KINDS.join(", "),
        });
    }
    let managed_by = f.take("managed_by", at)?;
    if let Some(m) = managed_by.as_ref().filter(|m| !["you", "shared", "aws", "third-party"].contains(&m.as_str())) {
        return Err(Error::BadValue {
            path: format!("{at}.managed_by"),
            value: format!("\"{}\"", truncate(m, 40)),
            allowed: MANAGERS.into(),
        });
    }
    Ok(GroupSpec { id, label, parent, kind, managed_by })
}

fn items(obj: &Map<String, Value>, key: &'static str, group: bool) -> Result<Vec<GroupSpec>, Error> {
    let mut out = Vec::new();
    for (i, v) in list(obj, key)?.iter().enumerate() {
        let at = At { list: key, index: i };
        out.push(item(Tree(object(v, at, &["id", "label", "parent", "kind", "managed_by"], ITEM_FIELDS)?), at, group)?);
    }
    Ok(out)
}

/// Every id of a custom spec: where it is declared and whether it names a group.
type Ids<'a> = HashMap<&'a str, (At, bool)>;

/// Checks the groups and nodes as a whole: how many, unique ids, parents that are groups, no cycles.
fn check_tree<'a>(groups: &'a [GroupSpec], nodes: &'a [NodeSpec]) -> Result<Ids<'a>, Error> {
    if groups.len() + nodes.len() > MAX_ELEMENTS {
        return Err(Error::TooLarge { what: "groups and nodes", count: groups.len() + nodes.len(), max: MAX_ELEMENTS });
    }
    if nodes.is_empty() && groups.is_empty() {
        return Err(Error::BadValue {
            path: "nodes".into(),
            value: "empty".into(),
            allowed: "at least one node or group".into(),
        });
    }
    // Only ever looked up, never walked: no result depends on the map's order.
    let mut ids: Ids = HashMap::with_capacity(groups.len() + nodes.len());
    for (key, list, is_group) in [("groups", groups, true), ("nodes", nodes, false)] {
        for (i, g) in list.iter().enumerate() {
            let at = At { list: key, index: i };
            if let Some((first, _)) = ids.get(g.id.as_str()) {
                return Err(Error::DuplicateId {
                    path: at.to_string(),
                    id: truncate(&g.id, 40),
                    first: first.to_string(),
                });
            }
            ids.insert(&g.id, (at, is_group));
        }
    }
    for (key, list) in [("groups", groups), ("nodes", nodes)] {
        for (i, g) in list.iter().enumerate() {
            if let Some(p) = &g.parent {
                match ids.get(p.as_str()) {
                    Some((_, true)) => {}
                    _ => {
                        return Err(Error::Dangling {
                            path: format!("{key}[{i}].parent"),
                            id: truncate(p, 40),
                            expected: "group",
                        });
                    }
                }
            }
        }
    }
    // Walk parent chains; a chain longer than the number of groups has a cycle.
    let parent_of: HashMap<&str, &str> =
        groups.iter().filter_map(|g| g.parent.as_deref().map(|p| (g.id.as_str(), p))).collect();
    let mut chain = Vec::new();
    for g in groups {
        chain.clear();
        chain.push(g.id.as_str());
        let mut cur = g.id.as_str();
        while let Some(&p) = parent_of.get(cur) {
            if let Some(pos) = chain.iter().position(|&c| c == p) {
                let mut ids: Vec<String> = chain[pos..].iter().map(|s| truncate(s, 40)).collect();
                ids.push(truncate(p, 40));
                return Err(Error::ParentCycle { ids });
            }
            chain.push(p);
            cur = p;
        }
    }
    Ok(ids)
}

fn check_edge_count(count: usize) -> Result<(), Error> {
    if count > MAX_EDGES {
        return Err(Error::TooLarge { what: "edges", count, max: MAX_EDGES });
    }
    Ok(())
}

/// Checks one edge: both ends name a known node or group.
fn edge(mut f: impl Fields, at: At, ids: &Ids) -> Result<EdgeSpec, Error> {
    let mut end = |key: &'static str| -> Result<String, Error> {
        let end = f.take(key, at)?.ok_or_else(|| Error::MissingField {
            path: at.to_string(),
            name: key,
            hint: "an edge needs the ids of the node or group at each end",
        })?;
        if !ids.contains_key(end.as_str()) {
            return Err(Error::Dangling {
                path: format!("{at}.{key}"),
                id: truncate(&end, 40),
                expected: "node or group",
            });
        }
        Ok(end)
    };
    let from = end("from")?;
    let to = end("to")?;
    let label = f.take("label", at)?;
    if let Some(l) = &label {
        check_label(l, at)?;
    }
    Ok(EdgeSpec { from, to, label })
}

fn custom_form(obj: &Map<String, Value>) -> Result<Custom, Error> {
    let groups = items(obj, "groups", true)?;
    let nodes = items(obj, "nodes", false)?;
    let ids = check_tree(&groups, &nodes)?;
    let raw_edges = list(obj, "edges")?;
    check_edge_count(raw_edges.len())?;
    let mut edges = Vec::with_capacity(raw_edges.len());
    for (i, v) in raw_edges.iter().enumerate() {
        let at = At { list: "edges", index: i };
        edges.push(edge(Tree(object(v, at, &["from", "to", "label"], EDGE_FIELDS)?), at, &ids)?);
    }
    Ok(Custom { groups, nodes, edges })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preset_defaults() {
        let s = parse(r#"{"service":"eks","hosting":["fargate","nodegroup"]}"#).unwrap();
        let Form::Preset(p) = s.form else { panic!("preset expected") };
        assert_eq!(p.hosting, vec![Hosting::Nodegroup, Hosting::Fargate]);
        assert_eq!((p.azs, p.workers, p.registry), (2, 2, Registry::Ecr));
    }

    #[test]
    #[cfg(not(target_family = "wasm"))]
    fn typed_road_agrees_with_the_tree_road() {
        let valid = [
            r#"{"nodes":[{"id":"a"}]}"#,
            r#"{"nodes":[{"id":"a","label":null,"parent":null,"kind":null,"managed_by":null}],"edges":[]}"#,
            r#"{"groups":[{"id":"g","kind":"vpc","managed_by":"aws"}],"nodes":[{"id":"a\u00e9\n","parent":"g"}],
                "edges":[{"from":"g","to":"a\u00e9\n","label":"x\"y"},{"from":"g","to":"g","label":null}],
                "theme":"DARK","direction":"lr","title":"T\u00e9st"}"#,
        ];
        for text in valid {
            let tree = from_value(&parse_json(text).unwrap()).unwrap();
            assert_eq!(typed::parse(text), Some(tree), "{text}");
        }
        // What the typed road must leave to the tree road, even where the tree road accepts it.
        let others = [
            r#"{"service":"eks","hosting":"ec2"}"#,
            r#"{"nodes":[{"id":"a","id":"b"}]}"#,
            r#"{"nodes":[{"id":"a"}],"title":null}"#,
            r#"{"nodes":[{"id":"a"}],"edges":null}"#,
            r#"{"nodes":[["a"]]}"#,
            r#"{"nodes":[{"id":"a","size":1}]}"#,
            r#"{"nodes":[{"id":"a","kind":"boat"}]}"#,
            r#"{"nodes":[{"id":"a"}],"edges":[{"from":"a","to":"b"}]}"#,
            r#"{"nodes":[]}"#,
            r#"{}"#,
        ];
        for text in others {
            assert_eq!(typed::parse(text), None, "{text}");
        }
    }

    #[test]
    fn syntax_error_has_position() {
        let e = parse("{\n  \"service\": }").unwrap_err().to_string();
        assert!(e.contains("line 2, column 14"), "{e}");
    }
}
