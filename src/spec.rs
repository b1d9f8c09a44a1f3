//! What the user asked for: the JSON spec (preset or custom form), parsed and validated once, up front.
//!
//! Every later stage takes a [`Spec`] and cannot fail. Validation walks the raw JSON itself (not serde's
//! derive) so that each error names the exact field, the bad value and what is allowed.

use crate::error::{Error, describe, truncate};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

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
    let theme = match opt_str(obj, "theme", "spec.theme")? {
        None => Theme::default(),
        Some(s) => match s.to_ascii_lowercase().as_str() {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            "auto" => Theme::Auto,
            _ => return Err(bad("theme", s, THEMES)),
        },
    };
    let direction = match opt_str(obj, "direction", "spec.direction")? {
        None => Direction::default(),
        Some(s) => match s.to_ascii_lowercase().as_str() {
            "lr" => Direction::Lr,
            "tb" => Direction::Tb,
            _ => return Err(bad("direction", s, DIRECTIONS)),
        },
    };
    let title = opt_label(obj, "title", "title")?;
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

fn opt_label(obj: &Map<String, Value>, key: &str, path: &str) -> Result<Option<String>, Error> {
    match opt_str(obj, key, path)? {
        None => Ok(None),
        Some(s) if s.chars().count() > MAX_LABEL => Err(Error::BadValue {
            path: path.into(),
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

fn item_str(item: &Map<String, Value>, key: &str, at: At) -> Result<Option<String>, Error> {
    match item.get(key) {
        None | Some(Value::Null) if key != "id" => Ok(None),
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(v) => Err(Error::WrongType { path: format!("{at}.{key}"), expected: "a string", got: describe(v) }),
    }
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

fn items(obj: &Map<String, Value>, key: &'static str, group: bool) -> Result<Vec<GroupSpec>, Error> {
    let mut out = Vec::new();
    for (i, v) in list(obj, key)?.iter().enumerate() {
        let at = At { list: key, index: i };
        let item = v.as_object().ok_or_else(|| Error::WrongType {
            path: at.to_string(),
            expected: "an object",
            got: describe(v),
        })?;
        if let Some(k) = item.keys().find(|k| !["id", "label", "parent", "kind", "managed_by"].contains(&k.as_str())) {
            return Err(Error::UnknownField { path: at.to_string(), name: truncate(k, 40), allowed: ITEM_FIELDS });
        }
        let id = item_str(item, "id", at)?.ok_or_else(|| Error::MissingField {
            path: at.to_string(),
            name: "id",
            hint: if group { "every group needs a unique id" } else { "every node needs a unique id" },
        })?;
        check_id(&id, at)?;
        let label = item_str(item, "label", at)?.unwrap_or_else(|| id.clone());
        check_label(&label, at)?;
        let parent = item_str(item, "parent", at)?;
        let kind = item_str(item, "kind", at)?;
        if let Some(k) = kind.as_ref().filter(|k| !KINDS.contains(&k.as_str())) {
            return Err(Error::BadValue {
                path: format!("{at}.kind"),
                value: format!("\"{}\"", truncate(k, 40)),
                allowed: KINDS.join(", "),
            });
        }
        let managed_by = item_str(item, "managed_by", at)?;
        if let Some(m) = managed_by.as_ref().filter(|m| !["you", "shared", "aws", "third-party"].contains(&m.as_str()))
        {
            return Err(Error::BadValue {
                path: format!("{at}.managed_by"),
                value: format!("\"{}\"", truncate(m, 40)),
                allowed: MANAGERS.into(),
            });
        }
        out.push(GroupSpec { id, label, parent, kind, managed_by });
    }
    Ok(out)
}

fn custom_form(obj: &Map<String, Value>) -> Result<Custom, Error> {
    let groups = items(obj, "groups", true)?;
    let nodes = items(obj, "nodes", false)?;
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
    // id -> (where, is_group); BTreeMap keeps every lookup order-independent.
    let mut ids: BTreeMap<&str, (At, bool)> = BTreeMap::new();
    for (key, list, is_group) in [("groups", &groups, true), ("nodes", &nodes, false)] {
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
    for (key, list) in [("groups", &groups), ("nodes", &nodes)] {
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
    let parent_of: BTreeMap<&str, &str> =
        groups.iter().filter_map(|g| g.parent.as_deref().map(|p| (g.id.as_str(), p))).collect();
    for g in &groups {
        let mut chain = vec![g.id.as_str()];
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
    let raw_edges = list(obj, "edges")?;
    if raw_edges.len() > MAX_EDGES {
        return Err(Error::TooLarge { what: "edges", count: raw_edges.len(), max: MAX_EDGES });
    }
    let mut edges = Vec::new();
    for (i, v) in raw_edges.iter().enumerate() {
        let at = At { list: "edges", index: i };
        let item = v.as_object().ok_or_else(|| Error::WrongType {
            path: at.to_string(),
            expected: "an object",
            got: describe(v),
        })?;
        if let Some(k) = item.keys().find(|k| !["from", "to", "label"].contains(&k.as_str())) {
            return Err(Error::UnknownField { path: at.to_string(), name: truncate(k, 40), allowed: EDGE_FIELDS });
        }
        let mut ends = Vec::new();
        for key in ["from", "to"] {
            let end = item_str(item, key, at)?.ok_or_else(|| Error::MissingField {
                path: at.to_string(),
                name: if key == "from" { "from" } else { "to" },
                hint: "an edge needs the ids of the node or group at each end",
            })?;
            if !ids.contains_key(end.as_str()) {
                return Err(Error::Dangling {
                    path: format!("{at}.{key}"),
                    id: truncate(&end, 40),
                    expected: "node or group",
                });
            }
            ends.push(end);
        }
        let label = item_str(item, "label", at)?;
        if let Some(l) = &label {
            check_label(l, at)?;
        }
        let to = ends.pop().unwrap_or_default();
        let from = ends.pop().unwrap_or_default();
        edges.push(EdgeSpec { from, to, label });
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
    fn syntax_error_has_position() {
        let e = parse("{\n  \"service\": }").unwrap_err().to_string();
        assert!(e.contains("line 2, column 14"), "{e}");
    }
}
