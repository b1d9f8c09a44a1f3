//! The checks both parsing roads share (the JSON tree's and the typed one's): names, themes, the title,
//! the id prefix, each group, node and edge, and the tree they form. Each error names the field, the
//! value and what is allowed; the first problem met is the one reported.

use super::fields::{self, Kind};
use super::limits::{MANAGERS, MAX_DEPTH, MAX_EDGES, MAX_ELEMENTS, MAX_ID, MAX_LABEL};
use super::types::{Direction, EdgeSpec, GroupSpec, Named, NodeSpec, Theme};
use crate::error::{Error, truncate};
use std::collections::HashMap;

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

pub(super) fn bad(path: &str, value: &str, allowed: &str) -> Error {
    Error::BadValue { path: path.into(), value: format!("\"{}\"", truncate(value, 40)), allowed: allowed.into() }
}

pub(super) fn parse_theme(s: Option<&str>) -> Result<Option<Theme>, Error> {
    s.map(|s| theme_named(s, "theme")).transpose()
}

/// A theme by name (any case); `path` names the field in the error.
pub fn theme_named(s: &str, path: &str) -> Result<Theme, Error> {
    named_at(s, path)
}

/// The variant of `T` that `s` names (any case), or the error naming `path`, `s` and the field's names.
pub(super) fn named_at<T: Named>(s: &str, path: &str) -> Result<T, Error> {
    T::named(s).ok_or_else(|| bad(path, s, &fields::allowed(&T::FIELD, None)))
}

pub(super) fn parse_direction(s: Option<&str>) -> Result<Direction, Error> {
    s.map_or_else(|| Ok(Direction::absent()), |s| named_at(s, fields::DIRECTION.name))
}

pub(super) fn check_title(s: Option<&str>) -> Result<Option<String>, Error> {
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

/// Where an item sits in the spec (`groups[3]`), written out only for an error message.
#[derive(Clone, Copy)]
pub(super) struct At {
    pub(super) list: &'static str,
    pub(super) index: usize,
}

impl std::fmt::Display for At {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}[{}]", self.list, self.index)
    }
}

/// The string fields of one group, node or edge, handed out one at a time in the order the checks ask
/// for them (so the first problem met is the one reported).
pub(super) trait Fields {
    /// The field's text; None when it is absent or null, an error when it holds something else.
    fn take(&mut self, key: &'static str, at: At) -> Result<Option<String>, Error>;
}

pub(super) fn check_id(id: &str, at: At) -> Result<(), Error> {
    if id.is_empty() || id.chars().count() > MAX_ID {
        return Err(Error::BadValue {
            path: format!("{at}.id"),
            value: format!("\"{}\"", truncate(id, 40)),
            allowed: format!("a non-empty id of at most {MAX_ID} characters"),
        });
    }
    Ok(())
}

pub(super) fn check_label(label: &str, at: At) -> Result<(), Error> {
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
pub(super) fn item(mut f: impl Fields, at: At, group: bool) -> Result<GroupSpec, Error> {
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

/// Every id of a custom spec: where it is declared and whether it names a group.
pub(super) type Ids<'a> = HashMap<&'a str, (At, bool)>;

/// Checks the groups and nodes as a whole: how many, unique ids, parents that are groups, no cycles.
pub(super) fn check_tree<'a>(groups: &'a [GroupSpec], nodes: &'a [NodeSpec]) -> Result<Ids<'a>, Error> {
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

pub(super) fn check_edge_count(count: usize) -> Result<(), Error> {
    if count > MAX_EDGES {
        return Err(Error::TooLarge { what: "edges", count, max: MAX_EDGES });
    }
    Ok(())
}

/// Checks one edge: both ends name a known node or group.
pub(super) fn edge(mut f: impl Fields, at: At, ids: &Ids) -> Result<EdgeSpec, Error> {
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
    let bundle = f.take("bundle", at)?;
    if let Some(b) = bundle.as_ref().filter(|b| b.is_empty() || b.chars().count() > MAX_ID) {
        return Err(Error::BadValue {
            path: format!("{at}.bundle"),
            value: format!("{} characters long", b.chars().count()),
            allowed: format!("a name of 1 to {MAX_ID} characters"),
        });
    }
    Ok(EdgeSpec { from, to, label, bundle })
}
