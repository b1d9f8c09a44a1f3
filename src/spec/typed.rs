//! The fast road of spec parsing: a well-formed custom spec read by serde's derive straight into structs,
//! with no JSON tree in between, then put through the same checks as the tree road.
//!
//! It never words an error. Whatever it cannot take as it stands (a preset, an unknown or repeated field,
//! a null where the tree road objects to one, a list where an object belongs, any failed check) makes it
//! give up, and [`super::parse`] goes the tree road, which finds the first problem and names it. So this
//! road only has to agree with the tree road on the specs both accept.

use super::checks::{At, Fields};
use super::limits::{MAX_EDGES, MAX_ELEMENTS};
use super::types::{Custom, Form, Spec};
use crate::error::Error;
use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor, value::MapAccessDeserializer};
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// Reads a well-formed custom spec; None for anything else.
pub(super) fn parse(text: &str) -> Option<Spec> {
    let Object(raw) = serde_json::from_str::<Object<Raw>>(text).ok()?;
    if raw.groups.is_none() && raw.nodes.is_none() && raw.edges.is_none() {
        return None; // a preset, or nothing to draw: the tree road tells which
    }
    check(raw).ok()
}

fn check(raw: Raw) -> Result<Spec, Error> {
    let theme = super::checks::parse_theme(raw.theme.as_ref().map(Str::as_str))?;
    let direction = super::checks::parse_direction(raw.direction.as_ref().map(Str::as_str))?;
    let title = super::checks::check_title(raw.title.as_ref().map(Str::as_str))?;
    let id_prefix = super::checks::check_prefix(raw.id_prefix.as_ref().map(Str::as_str), "id_prefix")?;
    let items = |list: Option<Capped<Object<Item>, { MAX_ELEMENTS }>>, key: &'static str, group: bool| {
        let list = list.map(|c| c.0).unwrap_or_default().into_iter().enumerate();
        list.map(|(i, Object(it))| super::checks::item(it, At { list: key, index: i }, group))
            .collect::<Result<Vec<_>, _>>()
    };
    let groups = items(raw.groups, "groups", true)?;
    let nodes = items(raw.nodes, "nodes", false)?;
    let ids = super::checks::check_tree(&groups, &nodes)?;
    let raw_edges = raw.edges.map(|c| c.0).unwrap_or_default();
    super::checks::check_edge_count(raw_edges.len())?;
    let edges = (raw_edges.into_iter().enumerate())
        .map(|(i, Object(e))| super::checks::edge(e, At { list: "edges", index: i }, &ids))
        .collect::<Result<Vec<_>, _>>()?;
    // Out of range: the tree road words the error.
    let max_width = match raw.max_width {
        None => None,
        Some(w) => match crate::spec::fields::MAX_WIDTH.kind {
            crate::spec::fields::Kind::Int { min, max } if (u64::from(min)..=u64::from(max)).contains(&w) => {
                Some(w as u32)
            }
            _ => {
                return Err(Error::BadValue { path: "max_width".into(), value: w.to_string(), allowed: String::new() });
            }
        },
    };
    let bundles = raw.bundles.unwrap_or(crate::spec::fields::BUNDLES.default_bool());
    Ok(Spec {
        form: Form::Custom(Custom { groups, nodes, edges, overlays: Vec::new() }),
        theme,
        direction,
        max_width,
        bundles,
        title,
        id_prefix,
    })
}

/// The custom form's top level. Its fields are absent or of the right type: a null is refused (the tree
/// road reports it), unlike in items, where null means absent.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw<'a> {
    #[serde(borrow, default, deserialize_with = "present")]
    groups: Option<Capped<Object<Item<'a>>, { MAX_ELEMENTS }>>,
    #[serde(borrow, default, deserialize_with = "present")]
    nodes: Option<Capped<Object<Item<'a>>, { MAX_ELEMENTS }>>,
    #[serde(borrow, default, deserialize_with = "present")]
    edges: Option<Capped<Object<Edge<'a>>, { MAX_EDGES }>>,
    #[serde(borrow, default, deserialize_with = "present")]
    theme: Option<Str<'a>>,
    #[serde(borrow, default, deserialize_with = "present")]
    direction: Option<Str<'a>>,
    #[serde(default, deserialize_with = "present")]
    max_width: Option<u64>,
    #[serde(default, deserialize_with = "present")]
    bundles: Option<bool>,
    #[serde(borrow, default, deserialize_with = "present")]
    title: Option<Str<'a>>,
    #[serde(borrow, default, deserialize_with = "present")]
    id_prefix: Option<Str<'a>>,
}

/// A group or a node.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Item<'a> {
    #[serde(borrow)]
    id: Option<Str<'a>>,
    #[serde(borrow)]
    label: Option<Str<'a>>,
    #[serde(borrow)]
    parent: Option<Str<'a>>,
    #[serde(borrow)]
    kind: Option<Str<'a>>,
    #[serde(borrow)]
    managed_by: Option<Str<'a>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Edge<'a> {
    #[serde(borrow)]
    from: Option<Str<'a>>,
    #[serde(borrow)]
    to: Option<Str<'a>>,
    #[serde(borrow)]
    label: Option<Str<'a>>,
    #[serde(borrow)]
    bundle: Option<Str<'a>>,
}

impl Fields for Item<'_> {
    fn take(&mut self, key: &'static str, _: At) -> Result<Option<String>, Error> {
        let field = match key {
            "id" => &mut self.id,
            "label" => &mut self.label,
            "parent" => &mut self.parent,
            "kind" => &mut self.kind,
            "managed_by" => &mut self.managed_by,
            _ => return Ok(None),
        };
        Ok(field.take().map(Str::into_string))
    }
}

impl Fields for Edge<'_> {
    fn take(&mut self, key: &'static str, _: At) -> Result<Option<String>, Error> {
        let field = match key {
            "from" => &mut self.from,
            "to" => &mut self.to,
            "label" => &mut self.label,
            "bundle" => &mut self.bundle,
            _ => return Ok(None),
        };
        Ok(field.take().map(Str::into_string))
    }
}

/// A field that, when there, must hold a `T` (null included only if `T` takes null).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// A JSON string, borrowed from the text unless it holds escapes.
struct Str<'a>(Cow<'a, str>);

impl Str<'_> {
    fn as_str(&self) -> &str {
        &self.0
    }

    fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<&'a str>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Str<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Str<'a>, E> {
                Ok(Str(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Str<'a>, E> {
                Ok(Str(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E>(self, s: String) -> Result<Str<'a>, E> {
                Ok(Str(Cow::Owned(s)))
            }
        }
        d.deserialize_str(V(PhantomData))
    }
}

/// A list of at most `MAX` items: reading stops at the first one more (the tree road then reports it).
struct Capped<T, const MAX: usize>(Vec<T>);

impl<'de, T: Deserialize<'de>, const MAX: usize> Deserialize<'de> for Capped<T, MAX> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T, const MAX: usize>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>, const MAX: usize> Visitor<'de> for V<T, MAX> {
            type Value = Capped<T, MAX>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Capped<T, MAX>, A::Error> {
                let mut out = Vec::new();
                while let Some(x) = seq.next_element()? {
                    if out.len() == MAX {
                        return Err(serde::de::Error::custom("too many items"));
                    }
                    out.push(x);
                }
                Ok(Capped(out))
            }
        }
        d.deserialize_seq(V(PhantomData))
    }
}

/// A `T` that must come from a JSON object: serde_json would also fill a struct from a list, field by
/// field, where the tree road wants an object.
struct Object<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Object<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Object<T>, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(Object)
            }
        }
        d.deserialize_map(V(PhantomData))
    }
}
