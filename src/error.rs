//! The one public error type: everything a user can get wrong in a spec, with messages that name the
//! field, the bad value and what is allowed.

use std::fmt;

/// An invalid spec. Layout and render never fail: every error is found here, up front.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The input is not JSON at all (line and column are 1-based).
    Syntax { line: usize, column: usize, message: String },
    /// The spec is JSON but not an object.
    NotAnObject { got: String },
    /// A field that the spec (or one of its items) does not know.
    UnknownField { path: String, name: String, allowed: &'static str },
    /// A field is required but missing.
    MissingField { path: String, name: &'static str, hint: &'static str },
    /// A field holds a value of the wrong JSON type.
    WrongType { path: String, expected: &'static str, got: String },
    /// A field holds a value outside its allowed set or range.
    BadValue { path: String, value: String, allowed: String },
    /// Two items share one id.
    DuplicateId { path: String, id: String, first: String },
    /// A reference (`parent`, `from`, `to`) names no known id.
    Dangling { path: String, id: String, expected: &'static str },
    /// `parent` links form a cycle.
    ParentCycle { ids: Vec<String> },
    /// The service and hosting do not go together.
    Combination { service: String, hosting: String, allowed: &'static str },
    /// Preset fields and custom-form fields in one spec.
    MixedForms { preset: String, custom: String },
    /// The spec is too large to draw.
    TooLarge { what: &'static str, count: usize, max: usize },
    /// The spec holds more than `max` of something; counting stopped there.
    OverLimit { what: &'static str, max: usize },
    /// Parent links nest groups deeper than allowed.
    TooDeep { path: String, depth: usize, max: usize },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Syntax { line, column, message } => {
                write!(f, "spec is not valid JSON at line {line}, column {column}: {message}")
            }
            Error::NotAnObject { got } => {
                write!(f, "spec must be a JSON object, got {got}")
            }
            Error::UnknownField { path, name, allowed } => {
                write!(f, "unknown field \"{name}\" in {path}; allowed fields: {allowed}")
            }
            Error::MissingField { path, name, hint } => {
                write!(f, "missing field \"{name}\" in {path}; {hint}")
            }
            Error::WrongType { path, expected, got } => {
                write!(f, "{path} must be {expected}, got {got}")
            }
            Error::BadValue { path, value, allowed } => {
                write!(f, "{path} is {value}; allowed: {allowed}")
            }
            Error::DuplicateId { path, id, first } => {
                write!(f, "{path} repeats id \"{id}\" already used by {first}; ids must be unique")
            }
            Error::Dangling { path, id, expected } => {
                write!(f, "{path} is \"{id}\", which is not the id of any {expected}")
            }
            Error::ParentCycle { ids } => {
                write!(f, "parent links form a cycle: {}; a group cannot contain itself", ids.join(" -> "))
            }
            Error::Combination { service, hosting, allowed } => {
                write!(
                    f,
                    "hosting \"{hosting}\" is not available with service \"{service}\": {}; hosting for {service} may be {allowed}",
                    only_with(hosting)
                )
            }
            Error::MixedForms { preset, custom } => {
                write!(
                    f,
                    "spec mixes preset field \"{preset}\" with custom field \"{custom}\"; use either service/hosting or groups/nodes/edges"
                )
            }
            Error::TooLarge { what, count, max } => {
                write!(f, "spec has {count} {what}; at most {max} are allowed")
            }
            Error::OverLimit { what, max } => {
                write!(f, "spec has more than {max} {what}; at most {max} are allowed")
            }
            Error::TooDeep { path, depth, max } => {
                write!(f, "{path} lies {depth} groups deep; groups may nest at most {max} deep")
            }
        }
    }
}

impl std::error::Error for Error {}

/// Describes a JSON value briefly for error messages: its type and, for scalars, its value.
pub(crate) fn describe(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(n) => format!("{n}"),
        Value::String(s) => format!("\"{}\"", truncate(s, 40)),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// The first `max` characters of `s` (and `…` if there were more), with every control or bidi character
/// written as a visible escape: messages stay on one line and show what the input holds.
pub(crate) fn truncate(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).collect();
    if s.chars().nth(max).is_some() {
        out.push('…');
    }
    crate::safe::terminal(&out).into_owned()
}

/// Why a hosting kind is not available with the other service, from the field table: "Node group is
/// an EKS feature".
fn only_with(hosting: &str) -> String {
    let choice = crate::spec::fields::HOSTING.choices().iter().find(|c| c.name.eq_ignore_ascii_case(hosting));
    match choice.and_then(|c| Some((c.label, c.only?))) {
        Some((label, only)) => format!("{label} is an {} feature", only.to_ascii_uppercase()),
        None => "it belongs to the other service".into(),
    }
}
