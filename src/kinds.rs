//! The one table of element kinds: every kind the spec accepts, in the order its error message lists
//! them, with the glyph the drawing shows for it (archdiag's own 16 × 16 line drawings, stroked, no fill,
//! defined once per SVG as a `<symbol>` and placed with `<use>`, so the SVG references nothing outside).
//! The spec validates against it, layout leaves room for a glyph from it, and both painters draw from it;
//! nothing else lists kinds.

/// One kind of element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    /// The spec's name for it.
    pub name: &'static str,
    /// SVG path data of its glyph in a 16 × 16 box, if it has one.
    pub glyph: Option<&'static str>,
}

/// Every kind, in the spec's order.
pub const KINDS: &[Kind] = &[
    Kind { name: "node", glyph: None },
    Kind { name: "group", glyph: None },
    Kind {
        name: "cluster",
        glyph: Some("M8 1.5L14 5V11L8 14.5L2 11V5ZM8 6.2A1.8 1.8 0 1 0 8 9.8A1.8 1.8 0 1 0 8 6.2"),
    },
    Kind { name: "control-plane", glyph: Some("M2 3.5H14V12.5H2ZM4.5 6H11.5M4.5 8H9.5M4.5 10H11.5") },
    Kind {
        name: "api-server",
        glyph: Some(
            "M6 3C4.5 3 4.5 4 4.5 5V7L3 8L4.5 9V11C4.5 12 4.5 13 6 13M10 3C11.5 3 11.5 4 11.5 5V7L13 8L11.5 9V11C11.5 12 11.5 13 10 13",
        ),
    },
    Kind { name: "etcd", glyph: Some("M3 4C3 2 13 2 13 4V12C13 14 3 14 3 12ZM3 4C3 6 13 6 13 4M3 8C3 10 13 10 13 8") },
    Kind {
        name: "worker-node",
        glyph: Some(
            "M4.5 4.5H11.5V11.5H4.5ZM6.5 2V4.5M9.5 2V4.5M6.5 11.5V14M9.5 11.5V14M2 6.5H4.5M2 9.5H4.5M11.5 6.5H14M11.5 9.5H14",
        ),
    },
    Kind {
        name: "agent",
        glyph: Some(
            "M8 6.3A1.7 1.7 0 1 0 8 9.7A1.7 1.7 0 1 0 8 6.3M5 4.5A5 5 0 0 0 5 11.5M11 4.5A5 5 0 0 1 11 11.5M3 2.8A7.5 7.5 0 0 0 3 13.2M13 2.8A7.5 7.5 0 0 1 13 13.2",
        ),
    },
    Kind { name: "runtime", glyph: Some("M8 2L14 5V11L8 14L2 11V5ZM2 5L8 8L14 5M8 8V14") },
    Kind { name: "registry", glyph: Some("M2 10V13.5H14V10M8 2V9.5M5 6.5L8 9.5L11 6.5") },
    Kind { name: "az", glyph: Some("M3.5 2.5H12.5V14H3.5ZM6 5H7M9 5H10M6 8H7M9 8H10M7 14V11H9V14") },
    Kind {
        name: "vpc",
        glyph: Some("M8 1.5L13.5 3.5V8C13.5 11 11 13.5 8 14.5C5 13.5 2.5 11 2.5 8V3.5ZM6 8.5L7.5 10L10.5 6.5"),
    },
    Kind {
        name: "region",
        glyph: Some("M8 2A6 6 0 1 0 8 14A6 6 0 1 0 8 2M2 8H14M8 2C5.5 5 5.5 11 8 14C10.5 11 10.5 5 8 2"),
    },
    Kind {
        name: "fargate",
        glyph: Some(
            "M4.5 12.5H11.5A3 3 0 0 0 11.2 6.5A4 4 0 0 0 3.8 7.8A2.4 2.4 0 0 0 4.5 12.5ZM8.8 7.5L7 10H9L7.4 12",
        ),
    },
    Kind { name: "nodegroup", glyph: Some("M1.5 5.5H5V11H1.5ZM6.25 5.5H9.75V11H6.25ZM11 5.5H14.5V11H11ZM1.5 13H14.5") },
    Kind {
        name: "ec2",
        glyph: Some(
            "M4.5 4.5H11.5V11.5H4.5ZM6.5 2V4.5M9.5 2V4.5M6.5 11.5V14M9.5 11.5V14M2 6.5H4.5M2 9.5H4.5M11.5 6.5H14M11.5 9.5H14",
        ),
    },
    Kind { name: "task", glyph: Some("M2.5 4.5H13.5V11.5H2.5ZM5.5 4.5V11.5M8 4.5V11.5M10.5 4.5V11.5") },
    Kind { name: "pod", glyph: Some("M2.5 4.5H13.5V11.5H2.5ZM5.5 4.5V11.5M8 4.5V11.5M10.5 4.5V11.5") },
    Kind {
        name: "service",
        glyph: Some("M8 3A5 5 0 1 0 8 13A5 5 0 1 0 8 3M8 6.5A1.5 1.5 0 1 0 8 9.5A1.5 1.5 0 1 0 8 6.5"),
    },
    Kind {
        name: "database",
        glyph: Some("M3 4C3 2 13 2 13 4V12C13 14 3 14 3 12ZM3 4C3 6 13 6 13 4M3 8C3 10 13 10 13 8"),
    },
    Kind { name: "queue", glyph: Some("M2 5H14M2 8H14M2 11H14M11 3L14 5L11 7") },
    Kind { name: "user", glyph: Some("M8 2.5A2.5 2.5 0 1 0 8 7.5A2.5 2.5 0 1 0 8 2.5M3 14C3 10 13 10 13 14") },
    Kind { name: "network-interface", glyph: Some("M3 5.5H13V11.5H3ZM5.5 5.5V3.5M8 5.5V3.5M10.5 5.5V3.5M6 8.5H10") },
    Kind { name: "subnet", glyph: Some("M2.5 3.5H13.5V12.5H2.5ZM5 6H7V8H5ZM9 8H11V10H9Z") },
    Kind { name: "internet-gateway", glyph: Some("M3 14V6A5 5 0 0 1 13 6V14M2 14H14M8 7V14") },
    Kind { name: "nat-gateway", glyph: Some("M2 8H10M7 5L10 8L7 11M12.5 3V13") },
    Kind { name: "vpc-endpoint", glyph: Some("M6 2V5M10 2V5M4.5 5H11.5V8A3.5 3.5 0 0 1 4.5 8ZM8 11.5V14") },
    Kind {
        name: "load-balancer",
        glyph: Some("M6 6.5A1.5 1.5 0 1 0 6 9.5A1.5 1.5 0 1 0 6 6.5M2 8H4.5M7.3 7.2L13 3.5M7.5 8H13M7.3 8.8L13 12.5"),
    },
    Kind { name: "autoscaler", glyph: Some("M2.5 11.5A5.5 5.5 0 1 1 13.5 11.5M8 11.5L11 6.5M2.5 13.5H13.5") },
    Kind {
        name: "internet",
        glyph: Some("M4.5 12.5H11.5A3 3 0 0 0 11.2 6.5A4 4 0 0 0 3.8 7.8A2.4 2.4 0 0 0 4.5 12.5Z"),
    },
];

/// The kind of this name, if there is one.
pub fn find(name: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.name == name)
}

/// The path data of a kind's glyph, if it has one.
pub fn glyph(name: &str) -> Option<&'static str> {
    find(name).and_then(|k| k.glyph)
}

/// Whether elements of this kind carry a glyph (layout leaves room for it before the label).
pub fn has_glyph(name: &str) -> bool {
    glyph(name).is_some()
}

/// The spec's kind names, in order, as its error message lists them.
pub fn names() -> impl Iterator<Item = &'static str> {
    KINDS.iter().map(|k| k.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_only_the_two_generic_kinds_have_no_glyph() {
        let mut names: Vec<&str> = names().collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), KINDS.len());
        let bare: Vec<&str> = KINDS.iter().filter(|k| k.glyph.is_none()).map(|k| k.name).collect();
        assert_eq!(bare, ["node", "group"]);
        assert!(find("no-such-kind").is_none() && !has_glyph("node") && has_glyph("pod"));
    }
}
