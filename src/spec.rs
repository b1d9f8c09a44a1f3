//! What the user asked for: the JSON spec (preset or custom form), parsed and validated once, up front.
//!
//! Every later stage takes a [`Spec`] and cannot fail. Validation walks the raw JSON itself (not serde's
//! derive) so that each error names the exact field, the bad value and what is allowed. A well-formed
//! custom spec takes a faster road (`typed`): read straight into structs, then through the same checks;
//! whatever that road does not accept goes the JSON-tree way, which words the error. Both roads give the
//! same `Spec`. WebAssembly builds take the fast road too: it costs 21.6 KB of the module (8.3 KB
//! gzipped), and `check()` of a valid 1 MB spec, run on every keystroke in the page's editor, takes
//! 8.8 ms in Node with it against 15.8 ms without (the JSON tree alone took 13 ms).

pub mod arch;
mod checks;
pub mod fields;
mod limits;
mod strict;
mod typed;
mod types;

use crate::error::{Error, describe, truncate};
use checks::{
    At, Fields, bad, check_edge_count, check_title, check_tree, edge, item, named_at, parse_direction, parse_theme,
};
pub use checks::{check_prefix, theme_named};
use fields::{Absent, Field, Kind};
pub use limits::{MANAGERS, MAX_BYTES, MAX_DEPTH, MAX_EDGES, MAX_ELEMENTS, MAX_OVERLAYS, MAX_VALUES};
use serde_json::{Map, Value};
use std::sync::LazyLock;
pub use types::*;

const ITEM_FIELDS: &str = "id, label, parent, kind, managed_by";
const EDGE_FIELDS: &str = "from, to, label, bundle";
const OVERLAY_FIELDS: &str = "id, label, kind, managed_by, members";

/// Parses and validates a spec from JSON text.
pub fn parse(text: &str) -> Result<Spec, Error> {
    let text = body(text);
    check_size(text)?;
    if let Some(spec) = typed::parse(text) {
        return Ok(spec);
    }
    from_value(&parse_json(text)?)
}

/// The two roads of [`parse`] separately, for tests that compare them: the typed road (None where it
/// gives up) and the tree road (which words every error).
pub fn roads(text: &str) -> (Option<Spec>, Result<Spec, Error>) {
    let text = body(text);
    (typed::parse(text), parse_json(text).and_then(|v| from_value(&v)))
}

/// The spec text without a leading byte order mark (editors on Windows write one); positions in errors
/// count from after it.
pub fn body(text: &str) -> &str {
    text.strip_prefix('\u{FEFF}').unwrap_or(text)
}

/// Refuses text over [`MAX_BYTES`] before anything reads it.
pub fn check_size(text: &str) -> Result<(), Error> {
    if text.len() > MAX_BYTES {
        return Err(over_size());
    }
    Ok(())
}

/// The error for spec text over [`MAX_BYTES`] (the same wherever the text is measured).
pub fn over_size() -> Error {
    Error::OverLimit { what: "bytes", max: MAX_BYTES }
}

/// Parses JSON text, reporting a syntax error with its line and column (both 1-based, the column in
/// characters). A key repeated in one object is an error (JSON leaves it undefined; serde_json would
/// keep the last). Counting stops, with an error, at more than [`MAX_VALUES`] values, or more than
/// [`MAX_ELEMENTS`] groups and nodes or [`MAX_EDGES`] edges in the top-level lists, so over-limit input
/// costs no more than reading that much.
pub fn parse_json(text: &str) -> Result<Value, Error> {
    use serde::de::DeserializeSeed;
    let text = body(text);
    check_size(text)?;
    if text.trim_start().is_empty() {
        let line = text.matches('\n').count() + 1;
        let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        return Err(Error::Syntax { line, column, message: "the spec is empty; expected a JSON object".into() });
    }
    let count = strict::Count::default();
    let mut de = serde_json::Deserializer::from_str(text);
    let res = strict::Strict { count: &count, list: None }.deserialize(&mut de).and_then(|v| de.end().map(|_| v));
    res.map_err(|e| {
        if let Some(over) = count.over.take() {
            return over;
        }
        let (line, column) = char_position(text, e.line(), e.column());
        Error::Syntax { line, column, message: strip_position(&e.to_string()) }
    })
}

/// serde_json's line and byte column made a line and character column (1-based; never 0).
fn char_position(text: &str, line: usize, byte_col: usize) -> (usize, usize) {
    let start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    let rest = &text[start.min(text.len())..];
    let mut end = byte_col.saturating_sub(1).min(rest.len());
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    (line.max(1), rest[..end].chars().count() + 1)
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
    let preset_key = (fields::FIELDS.iter())
        .filter(|f| f.forms == fields::Forms::Preset)
        .map(|f| f.name)
        .find(|k| obj.contains_key(*k));
    let custom_key = fields::CUSTOM_LISTS.iter().copied().find(|k| obj.contains_key(*k));
    if let (Some(p), Some(c)) = (preset_key, custom_key) {
        return Err(Error::MixedForms { preset: p.into(), custom: c.into() });
    }
    if obj.contains_key(arch::KEY) {
        let other = preset_key.or(custom_key).or_else(|| {
            let form =
                |k: &&String| fields::FIELDS.iter().any(|f| f.name == k.as_str() && f.forms != fields::Forms::Both);
            obj.keys().find(form).map(String::as_str)
        });
        if let Some(k) = other {
            return Err(Error::BadValue {
                path: truncate(k, 40),
                value: format!("given beside \"{}\"", arch::KEY),
                allowed: format!("the architecture form takes {}", &*ARCH_NAMES),
            });
        }
    }
    let custom = custom_key.is_some();
    let architecture = obj.contains_key(arch::KEY);
    let allowed: &'static str = if architecture {
        &ARCH_NAMES
    } else if custom {
        &fields::CUSTOM_NAMES
    } else {
        &fields::PRESET_NAMES
    };
    let known = |k: &str| {
        if architecture {
            return k == arch::KEY || fields::FIELDS.iter().any(|f| f.name == k && f.forms == fields::Forms::Both);
        }
        (custom && fields::CUSTOM_LISTS.contains(&k))
            || fields::FIELDS.iter().any(|f| f.name == k && f.forms.allows(!custom))
    };
    // Report unknown fields in sorted order so the message does not depend on map order.
    if let Some(k) = obj.keys().find(|k| !known(k)) {
        return Err(Error::UnknownField { path: "spec".into(), name: truncate(k, 40), allowed });
    }
    let theme = parse_theme(opt_str(obj, fields::THEME.name, fields::THEME.name)?)?;
    let direction = parse_direction(opt_str(obj, fields::DIRECTION.name, fields::DIRECTION.name)?)?;
    let title = check_title(opt_str(obj, fields::TITLE.name, fields::TITLE.name)?)?;
    let id_prefix =
        check_prefix(opt_str(obj, fields::ID_PREFIX.name, fields::ID_PREFIX.name)?, fields::ID_PREFIX.name)?;
    let max_width = opt_int(obj, &fields::MAX_WIDTH)?;
    let bundles = bool_field(obj, &fields::BUNDLES)?;
    let form = if architecture {
        Form::Architecture(arch::parse(&obj[arch::KEY])?)
    } else if custom {
        Form::Custom(custom_form(obj)?)
    } else {
        Form::Preset(preset(obj)?)
    };
    Ok(Spec { form, theme, direction, max_width, bundles, title, id_prefix })
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

/// A choice field of the preset form: absent, its default; otherwise the variant it names.
fn choice_field<T: Named>(obj: &Map<String, Value>) -> Result<T, Error> {
    let name = T::FIELD.name;
    opt_str(obj, name, name)?.map_or_else(|| Ok(T::absent()), |s| named_at(s, name))
}

/// The top-level fields of the architecture form, as its errors list them.
static ARCH_NAMES: LazyLock<String> = LazyLock::new(|| {
    let both = fields::FIELDS.iter().filter(|f| f.forms == fields::Forms::Both).map(|f| f.name);
    std::iter::once(arch::KEY).chain(both).collect::<Vec<_>>().join(", ")
});

/// What `hosting` may be with `service`, as its errors say it.
fn hostings(service: Service) -> String {
    fields::allowed(&fields::HOSTING, Some(service.name()))
}

fn parse_hosting(s: &str, path: &str, service: Service) -> Result<Hosting, Error> {
    Hosting::named(s).ok_or_else(|| bad(path, s, &hostings(service)))
}

/// The hint of a spec without hosting, per service (in the order of [`Service::ALL`]).
static HOSTING_HINTS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let hint = |s: &Service| format!("{} for {} may be {}", fields::HOSTING.name, s.name(), hostings(*s));
    Service::ALL.iter().map(hint).collect()
});

/// The hint of a spec without a service.
static SERVICE_HINT: LazyLock<String> = LazyLock::new(|| {
    let services = fields::quoted_or(Service::ALL.iter().map(|s| s.name()));
    format!("a preset needs service ({services}) and hosting; a custom diagram needs nodes")
});

/// What hosting may be where a hosting kind needs another service (only ECS has such a limit).
static COMBINATIONS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let only = |s: &Service| fields::quoted_or(fields::HOSTING.choices_for(Some(s.name())).map(|c| c.name));
    Service::ALL.iter().map(only).collect()
});

/// An integer field of the preset form: absent, its default; otherwise a whole number in its range.
fn int_field(obj: &Map<String, Value>, field: &Field) -> Result<u32, Error> {
    let Absent::Int(default) = field.absent else { unreachable!("{} is an integer field with a default", field.name) };
    Ok(opt_int(obj, field)?.unwrap_or(default))
}

/// An integer field: absent, `None`; otherwise a whole number in the field's range.
fn opt_int(obj: &Map<String, Value>, field: &Field) -> Result<Option<u32>, Error> {
    let Kind::Int { min, max } = field.kind else { unreachable!("{} is an integer field", field.name) };
    let key = field.name;
    let Some(v) = obj.get(key) else {
        return Ok(None);
    };
    let range = format!("a whole number from {min} to {max}");
    match v {
        Value::Number(n) => match n.as_u64() {
            Some(x) if (u64::from(min)..=u64::from(max)).contains(&x) => Ok(Some(x as u32)),
            _ => Err(Error::BadValue { path: key.into(), value: format!("{n}"), allowed: range }),
        },
        _ => Err(Error::WrongType { path: key.into(), expected: "a whole number", got: describe(v) }),
    }
}

/// A boolean field: absent, its default; otherwise `true` or `false`.
fn bool_field(obj: &Map<String, Value>, field: &Field) -> Result<bool, Error> {
    let Absent::Bool(default) = field.absent else { unreachable!("{} is a boolean with a default", field.name) };
    match obj.get(field.name) {
        None => Ok(default),
        Some(Value::Bool(b)) => Ok(*b),
        Some(v) => Err(Error::WrongType { path: field.name.into(), expected: "true or false", got: describe(v) }),
    }
}

fn preset(obj: &Map<String, Value>) -> Result<Preset, Error> {
    let name = fields::SERVICE.name;
    let service: Service = match opt_str(obj, name, name)? {
        Some(s) => named_at(s, name)?,
        None => return Err(Error::MissingField { path: "spec".into(), name, hint: &SERVICE_HINT }),
    };
    let name = fields::HOSTING.name;
    let mut hosting = Vec::new();
    match obj.get(name) {
        None => {
            let hint: &'static str = &HOSTING_HINTS[service.index()];
            return Err(Error::MissingField { path: "spec".into(), name, hint });
        }
        Some(Value::String(s)) => hosting.push((parse_hosting(s, name, service)?, s.clone())),
        Some(Value::Array(items)) => {
            if items.is_empty() {
                return Err(Error::BadValue {
                    path: name.into(),
                    value: "an empty list".into(),
                    allowed: hostings(service),
                });
            }
            for (i, item) in items.iter().enumerate() {
                let path = format!("{name}[{i}]");
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
                path: name.into(),
                expected: "a string or a list of strings",
                got: describe(v),
            });
        }
    }
    // A hosting kind that only another service has (node groups: EKS).
    let elsewhere = |h: Hosting| fields::HOSTING.choices()[h.index()].only.is_some_and(|s| s != service.name());
    if let Some((_, raw)) = hosting.iter().find(|(h, _)| elsewhere(*h)) {
        return Err(Error::Combination {
            service: service.name().into(),
            hosting: truncate(raw, 20),
            allowed: &COMBINATIONS[service.index()],
        });
    }
    let mut hosting: Vec<Hosting> = hosting.into_iter().map(|(h, _)| h).collect();
    hosting.sort();
    let registry = choice_field(obj)?;
    let azs = int_field(obj, &fields::AZS)?;
    if service == Service::Eks && azs < fields::EKS_MIN_AZS {
        let Kind::Int { max, .. } = fields::AZS.kind else { unreachable!("azs is an integer field") };
        return Err(Error::BadValue {
            path: fields::AZS.name.into(),
            value: azs.to_string(),
            allowed: format!(
                "a whole number from {} to {max} for EKS: an EKS cluster needs subnets in at least two availability zones",
                fields::EKS_MIN_AZS
            ),
        });
    }
    let workers = int_field(obj, &fields::WORKERS)?;
    let detail = choice_field(obj)?;
    let detail_given = obj.contains_key(fields::DETAIL.name);
    let responsibilities = bool_field(obj, &fields::RESPONSIBILITIES)?;
    Ok(Preset { service, hosting, registry, azs, workers, detail, detail_given, responsibilities })
}

fn list<'a>(obj: &'a Map<String, Value>, key: &str) -> Result<&'a [Value], Error> {
    match obj.get(key) {
        None => Ok(&[]),
        Some(Value::Array(a)) => Ok(a),
        Some(v) => Err(Error::WrongType { path: key.into(), expected: "a list", got: describe(v) }),
    }
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

fn items(obj: &Map<String, Value>, key: &'static str, group: bool) -> Result<Vec<GroupSpec>, Error> {
    let mut out = Vec::new();
    for (i, v) in list(obj, key)?.iter().enumerate() {
        let at = At { list: key, index: i };
        out.push(item(Tree(object(v, at, &["id", "label", "parent", "kind", "managed_by"], ITEM_FIELDS)?), at, group)?);
    }
    Ok(out)
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
        edges.push(edge(Tree(object(v, at, &["from", "to", "label", "bundle"], EDGE_FIELDS)?), at, &ids)?);
    }
    let overlays = overlays(obj, &groups, &nodes, &ids)?;
    Ok(Custom { groups, nodes, edges, overlays })
}

/// The overlays: each an item like a group's (id, label, kind, managed_by) with `members`, a non-empty
/// list of the ids of nodes or groups, each once; overlay ids unique among every id.
fn overlays(
    obj: &Map<String, Value>,
    groups: &[GroupSpec],
    nodes: &[GroupSpec],
    ids: &checks::Ids,
) -> Result<Vec<OverlaySpec>, Error> {
    let raw = list(obj, "overlays")?;
    if raw.len() > MAX_OVERLAYS {
        return Err(Error::TooLarge { what: "overlays", count: raw.len(), max: MAX_OVERLAYS });
    }
    let count = groups.len() + nodes.len() + raw.len();
    if count > MAX_ELEMENTS {
        return Err(Error::TooLarge { what: "groups, nodes and overlays", count, max: MAX_ELEMENTS });
    }
    let mut out: Vec<OverlaySpec> = Vec::with_capacity(raw.len());
    let mut total = 0usize;
    for (i, v) in raw.iter().enumerate() {
        let at = At { list: "overlays", index: i };
        let o = object(v, at, &["id", "label", "kind", "managed_by", "members"], OVERLAY_FIELDS)?;
        let g = item(Tree(o), at, true)?;
        let dup = ids
            .get(g.id.as_str())
            .map(|(first, _)| first.to_string())
            .or_else(|| out.iter().position(|p| p.id == g.id).map(|k| At { list: "overlays", index: k }.to_string()));
        if let Some(first) = dup {
            return Err(Error::DuplicateId { path: at.to_string(), id: truncate(&g.id, 40), first });
        }
        let members = match o.get("members") {
            Some(Value::Array(a)) if !a.is_empty() => a,
            Some(Value::Array(_)) | None => {
                return Err(Error::MissingField {
                    path: at.to_string(),
                    name: "members",
                    hint: "an overlay needs the ids of the nodes or groups it goes round",
                });
            }
            Some(v) => {
                return Err(Error::WrongType { path: format!("{at}.members"), expected: "a list", got: describe(v) });
            }
        };
        total += members.len();
        if total > MAX_ELEMENTS {
            return Err(Error::TooLarge { what: "overlay members", count: total, max: MAX_ELEMENTS });
        }
        let mut names: Vec<String> = Vec::with_capacity(members.len());
        let mut seen = std::collections::BTreeSet::new();
        for (j, m) in members.iter().enumerate() {
            let path = format!("{at}.members[{j}]");
            let Value::String(m) = m else {
                return Err(Error::WrongType { path, expected: "a string", got: describe(m) });
            };
            if !ids.contains_key(m.as_str()) {
                return Err(Error::Dangling { path, id: truncate(m, 40), expected: "node or group" });
            }
            if !seen.insert(m.as_str()) {
                let value = format!("\"{}\" again", truncate(m, 40));
                return Err(Error::BadValue { path, value, allowed: "each member once".into() });
            }
            names.push(m.clone());
        }
        out.push(OverlaySpec { id: g.id, label: g.label, members: names, kind: g.kind, managed_by: g.managed_by });
    }
    Ok(out)
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

    fn round_trip<T: Named + PartialEq + std::fmt::Debug>() {
        assert_eq!(T::ALL.len(), T::FIELD.choices().len(), "{}", T::FIELD.name);
        for (i, &v) in T::ALL.iter().enumerate() {
            assert_eq!(v.index(), i);
            assert_eq!(T::named(&v.name().to_ascii_uppercase()), Some(v));
        }
    }

    #[test]
    fn every_named_enum_follows_its_field() {
        round_trip::<Service>();
        round_trip::<Hosting>();
        round_trip::<Registry>();
        round_trip::<Theme>();
        round_trip::<Detail>();
        round_trip::<Direction>();
        // The defaults that are names are names of their fields.
        let _ = (Registry::absent(), Theme::absent(), Detail::absent(), Direction::absent());
    }

    #[test]
    fn syntax_error_has_position() {
        let e = parse("{\n  \"service\": }").unwrap_err().to_string();
        assert!(e.contains("line 2, column 14"), "{e}");
    }
}
