//! What the user asked for: the JSON spec (preset or custom form), parsed and validated once, up front.
//!
//! Every later stage takes a [`Spec`] and cannot fail. Validation walks the raw JSON itself (not serde's
//! derive) so that each error names the exact field, the bad value and what is allowed. A well-formed
//! custom spec takes a faster road (`typed`): read straight into structs, then through the same checks;
//! whatever that road does not accept goes the JSON-tree way, which words the error. Both roads give the
//! same `Spec`. WebAssembly builds take the fast road too: it costs 21.6 KB of the module (8.3 KB
//! gzipped), and `check()` of a valid 1 MB spec, run on every keystroke in the page's editor, takes
//! 8.8 ms in Node with it against 15.8 ms without (the JSON tree alone took 13 ms).

pub mod fields;
mod strict;
mod typed;

use crate::error::{Error, describe, truncate};
use fields::{Absent, Field, Kind};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::LazyLock;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
    /// Light, switching to dark through the reader's `prefers-color-scheme` (embedded CSS).
    Auto,
}

/// How much of each worker node a preset shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Nodes as single boxes.
    Overview,
    /// Agent, kubelet, kube-proxy, runtime and the tasks or pods inside each node.
    Full,
}

/// Direction of flow: layers left to right or top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Lr,
    Tb,
}

/// An enum named by a choice field of [`fields::FIELDS`]: its variants in the order of the field's names,
/// so that a name and a variant are found from each other by position, and no name is written twice.
pub trait Named: Copy + 'static {
    /// The field whose names these are.
    const FIELD: Field;
    /// Every variant, in the field's order.
    const ALL: &'static [Self];
    /// The variant's position in [`Named::ALL`].
    fn index(self) -> usize;
    /// The variant's name in a spec.
    fn name(self) -> &'static str {
        Self::FIELD.choices()[self.index()].name
    }
    /// The variant a name means (any case), whatever the service.
    fn named(s: &str) -> Option<Self> {
        Self::FIELD.position(s, None).map(|i| Self::ALL[i])
    }
    /// The variant an absent field means; panics for a field whose default is not a name (a test checks
    /// every field of this trait).
    fn absent() -> Self {
        match Self::FIELD.absent {
            Absent::Name(n) => Self::named(n).expect("a field's default is one of its names"),
            _ => panic!("{} has no default name", Self::FIELD.name),
        }
    }
}

macro_rules! named {
    ($t:ident, $field:expr, [$($v:ident),+]) => {
        impl Named for $t {
            const FIELD: Field = $field;
            const ALL: &'static [Self] = &[$($t::$v),+];
            fn index(self) -> usize {
                self as usize
            }
        }
        const _: () = assert!(<$t as Named>::ALL.len() == $field.choices().len());
    };
}

named!(Service, fields::SERVICE, [Ecs, Eks]);
named!(Hosting, fields::HOSTING, [Ec2, Nodegroup, Fargate]);
named!(Registry, fields::REGISTRY, [Ecr, Dockerhub, Nexus]);
named!(Theme, fields::THEME, [Light, Dark, Auto]);
named!(Detail, fields::DETAIL, [Overview, Full]);
named!(Direction, fields::DIRECTION, [Lr, Tb]);

impl Default for Theme {
    /// The table's default theme (what a spec without one is drawn in, unless the reader prefers).
    fn default() -> Self {
        Self::absent()
    }
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
    /// None when the spec names no theme: light, unless the caller says what the reader prefers.
    pub theme: Option<Theme>,
    pub direction: Direction,
    pub title: Option<String>,
    /// What every id in the SVG starts with; None: derived from the spec text (see [`crate::id_prefix`]).
    pub id_prefix: Option<String>,
}

impl Spec {
    /// A hash (FNV-1a, 64 bits) of what the spec says, not of how its text is written: the same for any
    /// spacing, key order or escaping of one spec, and different, but for a 2^-32 chance in its low 32
    /// bits, for different specs. Every field is written with its length or a tag first, so no two
    /// specs write the same sequence.
    pub fn fingerprint(&self) -> u64 {
        let mut h = Fnv(0xcbf2_9ce4_8422_2325);
        match &self.form {
            Form::Preset(p) => {
                h.num(0);
                h.num(p.service as u64);
                h.num(p.hosting.len() as u64);
                p.hosting.iter().for_each(|&x| h.num(x as u64));
                h.num(p.registry as u64);
                h.num(p.azs.into());
                h.num(p.workers.into());
                h.num(p.detail as u64);
                h.num(p.responsibilities.into());
            }
            Form::Custom(c) => {
                h.num(1);
                for list in [&c.groups, &c.nodes] {
                    h.num(list.len() as u64);
                    for g in list {
                        h.text(Some(&g.id));
                        h.text(Some(&g.label));
                        h.text(g.parent.as_deref());
                        h.text(g.kind.as_deref());
                        h.text(g.managed_by.as_deref());
                    }
                }
                h.num(c.edges.len() as u64);
                for e in &c.edges {
                    h.text(Some(&e.from));
                    h.text(Some(&e.to));
                    h.text(e.label.as_deref());
                }
            }
        }
        h.num(self.theme.map_or(0, |t| t as u64 + 1));
        h.num(self.direction as u64);
        h.text(self.title.as_deref());
        h.0
    }
}

/// FNV-1a over tagged numbers and strings.
struct Fnv(u64);

impl Fnv {
    fn bytes(&mut self, b: &[u8]) {
        for &x in b {
            self.0 = (self.0 ^ u64::from(x)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn num(&mut self, n: u64) {
        self.bytes(&n.to_le_bytes());
    }
    fn text(&mut self, s: Option<&str>) {
        match s {
            None => self.num(u64::MAX),
            Some(s) => {
                self.num(s.len() as u64);
                self.bytes(s.as_bytes());
            }
        }
    }
}

/// The most elements and edges a custom spec may hold (the corpus's largest has about 4,300 boxes).
pub const MAX_ELEMENTS: usize = 20_000;
pub const MAX_EDGES: usize = 40_000;
const MAX_LABEL: usize = 200;
const MAX_ID: usize = 128;
/// The most bytes of spec text read at all: refused before parsing (the largest corpus file has 0.6 MB).
pub const MAX_BYTES: usize = 8 << 20;
/// The most JSON values (objects, lists, strings, numbers…) in a spec: about three times what the
/// largest valid spec needs, and a bound on the memory parsing can take (a value is 32 to 80 bytes).
pub const MAX_VALUES: usize = 1_000_000;
/// How deep groups may nest through `parent` links (the corpus nests 4 deep at most).
pub const MAX_DEPTH: usize = 64;
/// The longest `id_prefix`.
const MAX_PREFIX: usize = 40;

const ITEM_FIELDS: &str = "id, label, parent, kind, managed_by";
const EDGE_FIELDS: &str = "from, to, label";
/// Values of `managed_by` in the custom form.
pub const MANAGERS: &str = "\"you\", \"shared\", \"aws\", \"third-party\"";

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
    let custom = custom_key.is_some();
    let allowed: &'static str = if custom { &fields::CUSTOM_NAMES } else { &fields::PRESET_NAMES };
    let known = |k: &str| {
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
    let form = if custom { Form::Custom(custom_form(obj)?) } else { Form::Preset(preset(obj)?) };
    Ok(Spec { form, theme, direction, title, id_prefix })
}

/// Checks an id prefix: an XML name that needs no escaping anywhere (ids, `url(#…)`, CSS selectors).
pub fn check_prefix(s: Option<&str>, path: &str) -> Result<Option<String>, Error> {
    let Some(p) = s else {
        return Ok(None);
    };
    let Kind::Name { max, rule } = fields::ID_PREFIX.kind else { unreachable!("id_prefix is a name") };
    let ok = p.len() <= max
        && p.starts_with(|c: char| c.is_ascii_alphabetic())
        && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !ok {
        return Err(bad(path, p, rule));
    }
    Ok(Some(p.to_string()))
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

fn parse_theme(s: Option<&str>) -> Result<Option<Theme>, Error> {
    s.map(|s| theme_named(s, "theme")).transpose()
}

/// A theme by name (any case); `path` names the field in the error.
pub fn theme_named(s: &str, path: &str) -> Result<Theme, Error> {
    named_at(s, path)
}

/// The variant of `T` that `s` names (any case), or the error naming `path`, `s` and the field's names.
fn named_at<T: Named>(s: &str, path: &str) -> Result<T, Error> {
    T::named(s).ok_or_else(|| bad(path, s, &fields::allowed(&T::FIELD, None)))
}

/// A choice field of the preset form: absent, its default; otherwise the variant it names.
fn choice_field<T: Named>(obj: &Map<String, Value>) -> Result<T, Error> {
    let name = T::FIELD.name;
    opt_str(obj, name, name)?.map_or_else(|| Ok(T::absent()), |s| named_at(s, name))
}

fn parse_direction(s: Option<&str>) -> Result<Direction, Error> {
    s.map_or_else(|| Ok(Direction::absent()), |s| named_at(s, fields::DIRECTION.name))
}

fn check_title(s: Option<&str>) -> Result<Option<String>, Error> {
    let Kind::Text { max } = fields::TITLE.kind else { unreachable!("the title is text") };
    match s {
        None => Ok(None),
        Some(s) if s.chars().count() > max => Err(Error::BadValue {
            path: fields::TITLE.name.into(),
            value: format!("{} characters long", s.chars().count()),
            allowed: format!("at most {max} characters"),
        }),
        Some(s) => Ok(Some(s.to_string())),
    }
}

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
    let (Kind::Int { min, max }, Absent::Int(default)) = (field.kind, field.absent) else {
        unreachable!("{} is an integer field with a default", field.name)
    };
    let key = field.name;
    let Some(v) = obj.get(key) else {
        return Ok(default);
    };
    let range = format!("a whole number from {min} to {max}");
    match v {
        Value::Number(n) => match n.as_u64() {
            Some(x) if (u64::from(min)..=u64::from(max)).contains(&x) => Ok(x as u32),
            _ => Err(Error::BadValue { path: key.into(), value: format!("{n}"), allowed: range }),
        },
        _ => Err(Error::WrongType { path: key.into(), expected: "a whole number", got: describe(v) }),
    }
}

/// A boolean field of the preset form: absent, its default; otherwise `true` or `false`.
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
    let workers = int_field(obj, &fields::WORKERS)?;
    let detail = choice_field(obj)?;
    let responsibilities = bool_field(obj, &fields::RESPONSIBILITIES)?;
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
    if let Some(k) = kind.as_ref().filter(|k| crate::kinds::find(k).is_none()) {
        return Err(Error::BadValue {
            path: format!("{at}.kind"),
            value: format!("\"{}\"", truncate(k, 40)),
            allowed: crate::kinds::names().collect::<Vec<_>>().join(", "),
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
    // Each group's depth, walking up each parent chain once: a walk stops at a group already measured,
    // so the whole check is O(groups). A walk that meets itself is a cycle.
    let index: HashMap<&str, usize> = groups.iter().enumerate().map(|(i, g)| (g.id.as_str(), i)).collect();
    let parent_of: Vec<Option<usize>> =
        groups.iter().map(|g| g.parent.as_deref().and_then(|p| index.get(p).copied())).collect();
    // 0: not yet measured; usize::MAX: on the walk under way; otherwise depth + 1.
    let mut depth = vec![0usize; groups.len()];
    let mut walk = Vec::new();
    for start in 0..groups.len() {
        let mut cur = start;
        while depth[cur] == 0 {
            depth[cur] = usize::MAX;
            walk.push(cur);
            match parent_of[cur] {
                Some(p) => cur = p,
                None => break,
            }
        }
        if depth[cur] == usize::MAX && walk.last().is_some_and(|&w| parent_of[w] == Some(cur)) {
            let pos = walk.iter().position(|&w| w == cur).unwrap_or(0);
            let mut ids: Vec<String> = walk[pos..].iter().map(|&w| truncate(&groups[w].id, 40)).collect();
            ids.push(truncate(&groups[cur].id, 40));
            return Err(Error::ParentCycle { ids });
        }
        // Depths down the walk, from the group it stopped at (a root, or one measured before).
        let mut d = if depth[cur] == usize::MAX { 0 } else { depth[cur] };
        while let Some(w) = walk.pop() {
            d += 1;
            depth[w] = d;
            if d > MAX_DEPTH {
                return Err(Error::TooDeep { path: format!("groups[{w}]"), depth: d, max: MAX_DEPTH });
            }
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
