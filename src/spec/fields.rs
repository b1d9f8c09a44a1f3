//! The one table of the spec's top-level fields ([`FIELDS`]): per field its JSON name, CLI flag, type
//! (allowed names, integer range, boolean or text), what it means when absent, a one-line help and the
//! form(s) it belongs to. Guarantee: the parser's allowed-value lists, ranges and defaults, the CLI's
//! flags and usage text, the wasm `fields()` export (and so the page's controls and the element's
//! attributes) and the README's reference table are all read from here; none of them lists these fields
//! again.

use serde_json::{Value, json};
use std::sync::LazyLock;

/// Which of the spec's two forms a field belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forms {
    /// Only the preset form (service and hosting).
    Preset,
    /// Only the custom form (groups, nodes, edges).
    Custom,
    /// Either form.
    Both,
}

impl Forms {
    /// Whether a field of these forms may appear in a spec of the preset (`true`) or custom form.
    pub fn allows(self, preset: bool) -> bool {
        match self {
            Forms::Both => true,
            Forms::Preset => preset,
            Forms::Custom => !preset,
        }
    }

    fn names(self) -> &'static [&'static str] {
        match self {
            Forms::Preset => &["preset"],
            Forms::Custom => &["custom"],
            Forms::Both => &["preset", "custom"],
        }
    }
}

/// One allowed name of a choice field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    /// The name as the spec writes it (matched in any case).
    pub name: &'static str,
    /// The words a page shows for it.
    pub label: &'static str,
    /// The one service this name is allowed with, if only one.
    pub only: Option<&'static str>,
}

const fn choice(name: &'static str, label: &'static str) -> Choice {
    Choice { name, label, only: None }
}

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One of the names.
    Choice(&'static [Choice]),
    /// One of the names, or a non-empty list of distinct ones.
    Choices(&'static [Choice]),
    /// A whole number in `min..=max`.
    Int { min: u32, max: u32 },
    /// `true` or `false`.
    Bool,
    /// Free text of at most `max` characters.
    Text { max: usize },
    /// A name of at most `max` bytes safe everywhere in SVG and CSS: `rule` says what it may be, in words.
    Name { max: usize, rule: &'static str },
}

/// What a spec without the field means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Absent {
    /// The field must be given (in its form).
    Required,
    /// This name of a choice field.
    Name(&'static str),
    /// This number.
    Int(u32),
    /// This boolean.
    Bool(bool),
    /// Worked out from the rest of the spec, as the words say.
    Derived(&'static str),
}

/// One top-level field of the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The JSON key.
    pub name: &'static str,
    /// The CLI flag that sets it (also, without its dashes, the `<arch-diagram>` attribute).
    pub flag: &'static str,
    /// The page's label for its control.
    pub label: &'static str,
    pub kind: Kind,
    pub absent: Absent,
    /// One line saying what it does.
    pub help: &'static str,
    pub forms: Forms,
    /// Whether the page has a control for it (the page sets ids itself).
    pub on_page: bool,
}

impl Field {
    /// The names of a choice field (empty for any other).
    pub const fn choices(&self) -> &'static [Choice] {
        match self.kind {
            Kind::Choice(c) | Kind::Choices(c) => c,
            _ => &[],
        }
    }

    /// What a boolean field means when absent (false for any other kind).
    pub const fn default_bool(&self) -> bool {
        matches!(self.absent, Absent::Bool(true))
    }

    /// The `<arch-diagram>` attribute: the flag without its dashes.
    pub fn attribute(&self) -> &'static str {
        self.flag.trim_start_matches('-')
    }

    /// The flag that turns a boolean field off (`--no-…`); None for other kinds.
    pub fn negative_flag(&self) -> Option<String> {
        matches!(self.kind, Kind::Bool).then(|| format!("--no-{}", self.attribute()))
    }

    /// The index of `name` (any case) among the choices allowed with `service` (None: with any).
    pub fn position(&self, name: &str, service: Option<&str>) -> Option<usize> {
        let i = self.choices().iter().position(|c| c.name.eq_ignore_ascii_case(name))?;
        let c = self.choices()[i];
        c.only.is_none_or(|only| service.is_none_or(|s| s == only)).then_some(i)
    }

    /// The choices allowed with `service` (None: all of them).
    pub fn choices_for(&self, service: Option<&str>) -> impl Iterator<Item = &'static Choice> {
        self.choices().iter().filter(move |c| c.only.is_none_or(|only| service.is_none_or(|s| s == only)))
    }
}

pub const SERVICE: Field = Field {
    name: "service",
    flag: "--service",
    label: "Service",
    kind: Kind::Choice(&[choice("ecs", "ECS"), choice("eks", "EKS")]),
    absent: Absent::Required,
    help: "the orchestrator: Amazon ECS or Amazon EKS",
    forms: Forms::Preset,
    on_page: true,
};

pub const HOSTING: Field = Field {
    name: "hosting",
    flag: "--hosting",
    label: "Hosting",
    kind: Kind::Choices(&[
        choice("ec2", "EC2"),
        Choice { name: "managed-instances", label: "Managed Instances", only: Some("ecs") },
        Choice { name: "nodegroup", label: "Node group", only: Some("eks") },
        Choice { name: "auto-mode", label: "Auto Mode", only: Some("eks") },
        choice("fargate", "Fargate"),
    ]),
    absent: Absent::Required,
    help: "where containers run; a list (comma-separated on the command line) draws a mixed cluster",
    forms: Forms::Preset,
    on_page: true,
};

pub const REGISTRY: Field = Field {
    name: "registry",
    flag: "--registry",
    label: "Registry",
    kind: Kind::Choice(&[choice("ecr", "Amazon ECR"), choice("dockerhub", "Docker Hub"), choice("nexus", "Nexus")]),
    absent: Absent::Name("ecr"),
    help: "where the images come from",
    forms: Forms::Preset,
    on_page: true,
};

/// The fewest AZs an EKS cluster may have: it needs subnets in at least two.
pub const EKS_MIN_AZS: u32 = 2;

pub const AZS: Field = Field {
    name: "azs",
    flag: "--azs",
    label: "AZs",
    kind: Kind::Int { min: 1, max: 6 },
    absent: Absent::Int(2),
    help: "availability zones of the VPC (at least 2 for EKS)",
    forms: Forms::Preset,
    on_page: true,
};

pub const WORKERS: Field = Field {
    name: "workers",
    flag: "--workers",
    label: "Workers",
    kind: Kind::Int { min: 0, max: 64 },
    absent: Absent::Int(2),
    help: "EC2 instances per hosting kind, or Fargate tasks or pods",
    forms: Forms::Preset,
    on_page: true,
};

pub const DETAIL: Field = Field {
    name: "detail",
    flag: "--detail",
    label: "Detail",
    kind: Kind::Choice(&[choice("overview", "Overview"), choice("full", "Full (software in each node)")]),
    absent: Absent::Name("full"),
    help: "how much of each worker node to draw: full (agent, kubelet, kube-proxy, runtime, tasks or pods) or overview (one box); left out, full where it fits the width and overview where only that does",
    forms: Forms::Preset,
    on_page: true,
};

pub const RESPONSIBILITIES: Field = Field {
    name: "responsibilities",
    flag: "--responsibilities",
    label: "Who does what",
    kind: Kind::Bool,
    absent: Absent::Bool(true),
    help: "whether to draw the panel saying who is responsible for what",
    forms: Forms::Preset,
    on_page: true,
};

pub const THEME: Field = Field {
    name: "theme",
    flag: "--theme",
    label: "Theme",
    kind: Kind::Choice(&[choice("light", "Light"), choice("dark", "Dark"), choice("auto", "Auto (follow the system)")]),
    absent: Absent::Name("light"),
    help: "colours; auto follows the reader's prefers-color-scheme through embedded CSS",
    forms: Forms::Both,
    on_page: true,
};

pub const DIRECTION: Field = Field {
    name: "direction",
    flag: "--direction",
    label: "Direction",
    kind: Kind::Choice(&[choice("lr", "Left to right"), choice("tb", "Top to bottom")]),
    absent: Absent::Name("tb"),
    help: "direction of flow: layers left to right or top to bottom",
    forms: Forms::Both,
    on_page: true,
};

/// The width presets and architectures wrap to when the spec gives none: a docs column.
pub const DOCS_COLUMN: u32 = 800;

pub const MAX_WIDTH: Field = Field {
    name: "max_width",
    flag: "--max-width",
    label: "Max width",
    kind: Kind::Int { min: 320, max: 20_000 },
    absent: Absent::Derived(
        "800 for presets and architectures (a docs column: their containers wrap to it, the direction stays), none for custom graphs",
    ),
    help: "the widest the drawing should be, in px: the panel and the legend wrap to it, containers wrap their rows to it, and the layout turns to the other direction when that is narrower",
    forms: Forms::Both,
    on_page: false,
};

pub const BUNDLES: Field = Field {
    name: "bundles",
    flag: "--bundles",
    label: "Shared trunks",
    kind: Kind::Bool,
    absent: Absent::Bool(true),
    help: "whether edges of one group that share an end are drawn as one trunk that branches (the presets group their relations; a custom edge names its group in bundle)",
    forms: Forms::Both,
    on_page: true,
};

pub const TITLE: Field = Field {
    name: "title",
    flag: "--title",
    label: "Title",
    kind: Kind::Text { max: super::limits::MAX_LABEL },
    absent: Absent::Derived("from the service and hosting, e.g. \"Amazon EKS on Fargate\""),
    help: "the diagram's title",
    forms: Forms::Both,
    on_page: true,
};

pub const ID_PREFIX: Field = Field {
    name: "id_prefix",
    flag: "--id-prefix",
    label: "Id prefix",
    kind: Kind::Name { max: super::limits::MAX_PREFIX, rule: "a letter, then up to 39 letters, digits, - or _" },
    absent: Absent::Derived("ad and 8 hex digits of a hash of the spec"),
    help: "what every id in the SVG starts with",
    forms: Forms::Both,
    on_page: false,
};

/// Every top-level field but the custom form's lists, in the order messages and the usage text list them.
pub const FIELDS: &[Field] = &[
    SERVICE,
    HOSTING,
    REGISTRY,
    AZS,
    WORKERS,
    DETAIL,
    RESPONSIBILITIES,
    THEME,
    DIRECTION,
    MAX_WIDTH,
    BUNDLES,
    TITLE,
    ID_PREFIX,
];

/// The custom form's own fields: lists of items, which no flag sets (the README describes their items).
pub const CUSTOM_LISTS: &[&str] = &["groups", "nodes", "edges", "overlays"];

/// `"a", "b", "c"`.
pub fn quoted<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names.into_iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
}

/// `"a", "b" or "c"`.
pub fn quoted_or<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let all: Vec<String> = names.into_iter().map(|n| format!("\"{n}\"")).collect();
    match all.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => all.concat(),
    }
}

/// What a choice field allows, as its errors say it (`"ecr", "dockerhub", "nexus"`; hosting adds
/// "(or a list of them)"), for `service` where the names depend on it.
pub fn allowed(field: &Field, service: Option<&str>) -> String {
    let names = quoted(field.choices_for(service).map(|c| c.name));
    match field.kind {
        Kind::Choices(_) => format!("{names} (or a list of them)"),
        _ => names,
    }
}

/// The top-level fields a spec of one form may hold, comma-separated, as the unknown-field error lists them.
pub fn names_in(preset: bool) -> String {
    let lists = if preset { &[][..] } else { CUSTOM_LISTS };
    let fields = FIELDS.iter().filter(|f| f.forms.allows(preset)).map(|f| f.name);
    lists.iter().copied().chain(fields).collect::<Vec<_>>().join(", ")
}

/// The names allowed in the preset form, for the unknown-field error.
pub static PRESET_NAMES: LazyLock<String> = LazyLock::new(|| names_in(true));
/// The names allowed in the custom form.
pub static CUSTOM_NAMES: LazyLock<String> = LazyLock::new(|| names_in(false));

/// The table as JSON text: a list of fields, each
/// `{name, flag, attribute, negative_flag?, label, type, values?, min?, max?, default, required, default_text, help, forms, on_page}`
/// (`type` one of `choice`, `choices`, `integer`, `boolean`, `text`, `name`; `values` items `{name, label, only?}`;
/// `default` null where the field is required or derived). What the page and the element build from.
pub fn json() -> String {
    let list: Vec<Value> = FIELDS.iter().map(field_json).collect();
    Value::Array(list).to_string()
}

fn field_json(f: &Field) -> Value {
    let mut v = json!({
        "name": f.name,
        "flag": f.flag,
        "attribute": f.attribute(),
        "label": f.label,
        "help": f.help,
        "forms": f.forms.names(),
        "on_page": f.on_page,
        "required": f.absent == Absent::Required,
        "default_text": default_text(f),
        "default": match f.absent {
            Absent::Name(n) => json!(n),
            Absent::Int(n) => json!(n),
            Absent::Bool(b) => json!(b),
            Absent::Required | Absent::Derived(_) => Value::Null,
        },
    });
    let o = v.as_object_mut().expect("an object");
    let (ty, extra) = match f.kind {
        Kind::Choice(_) => ("choice", json!({})),
        Kind::Choices(_) => ("choices", json!({})),
        Kind::Int { min, max } => ("integer", json!({"min": min, "max": max})),
        Kind::Bool => ("boolean", json!({"negative_flag": f.negative_flag()})),
        Kind::Text { max } => ("text", json!({"max": max})),
        Kind::Name { max, rule } => ("name", json!({"max": max, "rule": rule})),
    };
    o.insert("type".into(), json!(ty));
    if let Value::Object(extra) = extra {
        o.extend(extra);
    }
    if !f.choices().is_empty() {
        let values: Vec<Value> = (f.choices().iter())
            .map(|c| match c.only {
                Some(s) => json!({"name": c.name, "label": c.label, "only": s}),
                None => json!({"name": c.name, "label": c.label}),
            })
            .collect();
        o.insert("values".into(), Value::Array(values));
    }
    v
}

/// The default in words, as the README and `--help` give it.
pub fn default_text(f: &Field) -> String {
    match f.absent {
        Absent::Required => "required".into(),
        Absent::Name(n) => n.into(),
        Absent::Int(n) => n.to_string(),
        Absent::Bool(b) => b.to_string(),
        Absent::Derived(how) => how.into(),
    }
}

/// What a field's flag takes, for the usage line: `ecs|eks`, `1-6`, `TEXT`… (empty for a boolean).
pub fn flag_value(f: &Field) -> String {
    let names = || f.choices().iter().map(|c| c.name).collect::<Vec<_>>().join("|");
    match f.kind {
        Kind::Choice(_) => names(),
        Kind::Choices(_) => format!("{}[,…]", names()),
        Kind::Int { min, max } => format!("{min}-{max}"),
        Kind::Bool => String::new(),
        Kind::Text { .. } => "TEXT".into(),
        Kind::Name { .. } => "NAME".into(),
    }
}

/// What a field allows in words, for the README: `` `ecr`, `dockerhub`, `nexus` ``, a range…
pub fn values_text(f: &Field) -> String {
    let names = || {
        (f.choices().iter())
            .map(|c| match c.only {
                Some(s) => format!("`{}` ({s} only)", c.name),
                None => format!("`{}`", c.name),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    match f.kind {
        Kind::Choice(_) => names(),
        Kind::Choices(_) => format!("{}, or a list of them", names()),
        Kind::Int { min, max } => format!("a whole number from {min} to {max}"),
        Kind::Bool => "`true`, `false`".into(),
        Kind::Text { max } => format!("text, at most {max} characters"),
        Kind::Name { rule, .. } => rule.into(),
    }
}

/// The README's reference table of the fields, generated (tests/fields.rs keeps the README's copy equal).
pub fn markdown() -> String {
    let mut out = String::from("| field | CLI flag | values | default | form | what it is |\n");
    out.push_str("| --- | --- | --- | --- | --- | --- |\n");
    for f in FIELDS {
        let flags = match f.negative_flag() {
            Some(no) => format!("`{}`, `{no}`", f.flag),
            None => format!("`{} {}`", f.flag, flag_value(f)),
        };
        let default = match f.absent {
            Absent::Required | Absent::Derived(_) => default_text(f),
            _ => format!("`{}`", default_text(f)),
        };
        let form = match f.forms {
            Forms::Both => "both".to_string(),
            other => other.names().concat(),
        };
        let cells = [format!("`{}`", f.name), flags, values_text(f), default, form, f.help.to_string()];
        out.push_str(&format!("| {} |\n", cells.map(|c| c.replace('|', "\\|")).join(" | ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_flags_and_defaults_are_consistent() {
        for (i, f) in FIELDS.iter().enumerate() {
            assert!(FIELDS[..i].iter().all(|g| g.name != f.name && g.flag != f.flag), "{} twice", f.name);
            assert_eq!(f.flag, format!("--{}", f.name.replace('_', "-")), "{}", f.name);
            match (f.kind, f.absent) {
                (Kind::Choice(_), Absent::Name(n)) => assert!(f.position(n, None).is_some(), "{n}"),
                (Kind::Int { min, max }, Absent::Int(n)) => assert!((min..=max).contains(&n) && min <= max),
                (Kind::Bool, Absent::Bool(_)) | (_, Absent::Required | Absent::Derived(_)) => {}
                other => panic!("{}: the default does not fit the type: {other:?}", f.name),
            }
        }
        assert_eq!(quoted_or(["ec2", "fargate"]), "\"ec2\" or \"fargate\"");
        assert_eq!(quoted_or(["a"]), "\"a\"");
        assert_eq!(HOSTING.position("NODEGROUP", Some("ecs")), None);
        assert_eq!(HOSTING.position("NODEGROUP", Some("eks")), Some(2));
        assert_eq!(HOSTING.position("auto-mode", Some("ecs")), None);
        assert_eq!(HOSTING.position("managed-instances", Some("eks")), None);
    }
}
