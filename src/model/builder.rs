//! How the preset and architecture builders add boxes and overlays to a model: each with its sentence
//! ("label: what. Managed by …."; people and the internet, whom nobody manages, without the last part).

use super::types::{Element, Manager, Model, Overlay};
use super::words;

pub(super) struct Builder {
    pub(super) m: Model,
}

impl Builder {
    /// Adds a box and returns its index.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn el(
        &mut self,
        id: impl Into<String>,
        label: &str,
        kind: &str,
        by: Manager,
        parent: Option<usize>,
        group: bool,
        what: &str,
    ) -> usize {
        let description = if matches!(kind, "user" | "internet") {
            format!("{label}: {what}.")
        } else {
            words::element(label, what, by)
        };
        self.m.add(Element {
            id: id.into(),
            label: label.into(),
            kind: kind.into(),
            managed_by: by,
            parent,
            is_group: group,
            description,
        })
    }

    /// Adds an overlay round `members`; none when there are no members.
    pub(super) fn overlay(
        &mut self,
        id: String,
        label: &str,
        kind: &str,
        by: Manager,
        members: Vec<usize>,
        what: &str,
    ) {
        if members.is_empty() {
            return;
        }
        let description = words::element(label, what, by);
        self.m.overlays.push(Overlay {
            id,
            label: label.into(),
            kind: kind.into(),
            managed_by: by,
            members,
            description,
        });
    }
}
