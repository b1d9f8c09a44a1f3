//! The domain graph: every element to draw (boxes, some of them containers) and every relation between
//! them, with who manages each part. Built from a valid [`Spec`](crate::spec::Spec); cannot fail.

mod arch;
mod builder;
mod preset;
mod types;
pub mod words;

use crate::spec::{Custom, Form, Spec};
pub use types::{EdgeStyle, Element, Manager, Model, Overlay, Relation};

/// Builds the domain graph for a spec.
pub fn build(spec: &Spec) -> Model {
    let mut m = match &spec.form {
        Form::Preset(p) => preset::build(p, spec),
        Form::Custom(c) => custom(c, spec),
        Form::Architecture(a) => arch::build(a, spec),
    };
    // Presets and architectures fit a docs column unless told otherwise; a width the spec gives may also
    // turn the drawing to the other direction, the default only wraps it.
    let default = match spec.form {
        Form::Custom(_) => None,
        Form::Preset(_) | Form::Architecture(_) => Some(crate::spec::fields::DOCS_COLUMN),
    };
    m.max_width = spec.max_width.or(default).map(f64::from);
    m.may_turn = spec.max_width.is_some();
    m.bundles = spec.bundles;
    m
}

fn custom(c: &Custom, spec: &Spec) -> Model {
    let mut m = Model::new(
        spec.title.clone().unwrap_or_else(|| "Diagram".into()),
        spec.theme.unwrap_or_default(),
        spec.direction,
    );
    let mut index = std::collections::BTreeMap::new();
    for (list, is_group) in [(&c.groups, true), (&c.nodes, false)] {
        for g in list {
            let kind = g.kind.clone().unwrap_or_else(|| if is_group { "group" } else { "node" }.to_string());
            let managed_by = g.managed_by.as_deref().map(Manager::parse).unwrap_or(Manager::You);
            let description = words::element(&g.label, &words::a_kind(&kind), managed_by);
            let i = m.add(Element {
                id: g.id.clone(),
                label: g.label.clone(),
                kind,
                managed_by,
                parent: None,
                is_group,
                description,
            });
            index.insert(g.id.clone(), i);
        }
    }
    for (list, offset) in [(&c.groups, 0), (&c.nodes, c.groups.len())] {
        for (k, g) in list.iter().enumerate() {
            m.elements[offset + k].parent = g.parent.as_ref().map(|p| index[p]);
        }
    }
    for o in &c.overlays {
        let kind = o.kind.clone().unwrap_or_else(|| "group".to_string());
        let managed_by = o.managed_by.as_deref().map(Manager::parse).unwrap_or(Manager::You);
        let (names, _) = words::counted(o.members.iter().map(|id| m.elements[index[id]].label.as_str()));
        let description = words::element(&o.label, &format!("{} round {names}", words::a_kind(&kind)), managed_by);
        let members = o.members.iter().map(|id| index[id]).collect();
        m.overlays.push(Overlay { id: o.id.clone(), label: o.label.clone(), kind, managed_by, members, description });
    }
    // Edge groups numbered in order of first use.
    let mut bundles = std::collections::BTreeMap::new();
    for e in &c.edges {
        m.relate(index[&e.from], index[&e.to], e.label.clone(), EdgeStyle::Plain);
        if let Some(name) = &e.bundle {
            let next = bundles.len();
            let k = *bundles.entry(name.clone()).or_insert(next);
            if let Some(r) = m.relations.last_mut() {
                r.bundle = Some(k);
            }
        }
    }
    m
}
