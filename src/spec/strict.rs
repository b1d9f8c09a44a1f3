//! Reading JSON text into a `serde_json::Value` tree under the spec's limits: a repeated key in one
//! object is an error, and counting stops at the first value over [`MAX_VALUES`] or the first item over
//! the limits of the top-level `groups`/`nodes` and `edges` lists, so memory and time stay in proportion
//! to what the limits allow, however long the text. Nesting is bounded by serde_json's own limit of 128.

use super::limits::{MAX_EDGES, MAX_ELEMENTS, MAX_VALUES};
use crate::error::{Error, truncate};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::cell::Cell;
use std::fmt;

/// Counts shared by every level of one parse, and the limit error that stopped it, if any.
#[derive(Default)]
pub(super) struct Count {
    values: Cell<usize>,
    elements: Cell<usize>,
    edges: Cell<usize>,
    pub(super) over: Cell<Option<Error>>,
}

/// Which top-level list a value's items belong to.
#[derive(Clone, Copy)]
pub(super) enum List {
    Elements,
    Edges,
}

/// One value to read; `list` is set for the top-level lists whose items are counted.
pub(super) struct Strict<'c> {
    pub(super) count: &'c Count,
    pub(super) list: Option<List>,
}

impl Count {
    /// Counts one more value; an error (kept for the caller) past the limit.
    fn one<E: de::Error>(&self) -> Result<(), E> {
        let n = self.values.get() + 1;
        self.values.set(n);
        if n > MAX_VALUES {
            return Err(self.stop(Error::OverLimit { what: "JSON values", max: MAX_VALUES }));
        }
        Ok(())
    }

    fn item<E: de::Error>(&self, list: List) -> Result<(), E> {
        let (cell, max, what) = match list {
            List::Elements => (&self.elements, MAX_ELEMENTS, "groups and nodes"),
            List::Edges => (&self.edges, MAX_EDGES, "edges"),
        };
        cell.set(cell.get() + 1);
        if cell.get() > max {
            return Err(self.stop(Error::OverLimit { what, max }));
        }
        Ok(())
    }

    fn stop<E: de::Error>(&self, e: Error) -> E {
        let msg = e.to_string();
        self.over.set(Some(e));
        E::custom(msg)
    }
}

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        self.count.one()?;
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        loop {
            if let Some(list) = self.list {
                // Counted before the item is read: the first item over the limit stops the parse.
                if let Some(v) = seq.next_element_seed(Strict { count: self.count, list: None })? {
                    self.count.item(list)?;
                    out.push(v);
                    continue;
                }
                break;
            }
            match seq.next_element_seed(Strict { count: self.count, list: None })? {
                Some(v) => out.push(v),
                None => break,
            }
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        // Only the top-level object's lists are counted as groups, nodes and edges.
        let top = self.count.values.get() == 1;
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let list = match key.as_str() {
                "groups" | "nodes" | "overlays" if top => Some(List::Elements),
                "edges" if top => Some(List::Edges),
                _ => None,
            };
            if out.contains_key(&key) {
                return Err(de::Error::custom(format!(
                    "key \"{}\" appears twice in one object; give each field once",
                    truncate(&key, 40)
                )));
            }
            let value = map.next_value_seed(Strict { count: self.count, list })?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}
