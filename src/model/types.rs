//! The model's types: elements (boxes, some of them containers), relations between them, who manages
//! each part, and the model that holds them. Data, names and phrases only.

use crate::spec::{Direction, Theme};

/// Who runs a part of the system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Manager {
    You,
    Shared,
    Aws,
    /// A service run by someone other than you or AWS (Docker Hub).
    ThirdParty,
}

impl Manager {
    /// The value of `data-managed-by`.
    pub fn as_str(self) -> &'static str {
        match self {
            Manager::You => "you",
            Manager::Shared => "shared",
            Manager::Aws => "aws",
            Manager::ThirdParty => "third-party",
        }
    }

    /// How a person says it.
    pub fn phrase(self) -> &'static str {
        match self {
            Manager::You => "managed by you",
            Manager::Shared => "managed by you and AWS together",
            Manager::Aws => "managed by AWS",
            Manager::ThirdParty => "run by a third party",
        }
    }

    /// The same as a sentence of its own: "Managed by AWS."
    pub fn sentence(self) -> String {
        let p = self.phrase();
        format!("{}{}.", p[..1].to_uppercase(), &p[1..])
    }

    pub(super) fn parse(s: &str) -> Manager {
        match s {
            "shared" => Manager::Shared,
            "aws" => Manager::Aws,
            "third-party" => Manager::ThirdParty,
            _ => Manager::You,
        }
    }
}

/// One box of the diagram: a leaf or a container of other elements.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    /// The user's (or preset's) id; unique.
    pub id: String,
    pub label: String,
    /// The value of `data-kind`.
    pub kind: String,
    pub managed_by: Manager,
    /// Index of the containing element.
    pub parent: Option<usize>,
    /// Whether the element is drawn as a container (even when empty).
    pub is_group: bool,
    /// One sentence for people and screen readers.
    pub description: String,
}

/// What a relation means; render gives each meaning its own line style, explained in the legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EdgeStyle {
    /// A relation of a custom diagram.
    Plain,
    /// The control plane manages what runs on a node.
    Manages,
    /// An agent registers with the control plane.
    Registers,
    /// Capacity pulls container images from the registry.
    Pulls,
    /// A node group creates and deletes instances.
    Lifecycle,
    /// What you do yourself.
    Operates,
    /// Requests on their way in (internet → gateway → load balancer → targets) or out (through NAT).
    Traffic,
}

impl EdgeStyle {
    /// The value of `data-kind` of an edge and its words in the legend.
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeStyle::Plain => "relation",
            EdgeStyle::Manages => "manages",
            EdgeStyle::Registers => "registers",
            EdgeStyle::Pulls => "pulls images",
            EdgeStyle::Lifecycle => "creates / deletes",
            EdgeStyle::Operates => "you operate",
            EdgeStyle::Traffic => "traffic",
        }
    }
}

/// A relation, drawn as an arrow.
#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    pub from: usize,
    pub to: usize,
    /// Text drawn beside the arrow (custom diagrams).
    pub label: Option<String>,
    pub style: EdgeStyle,
    /// The edge group it belongs to: relations of one group that share an end are drawn with one trunk
    /// that branches (see `layout::bundle`).
    pub bundle: Option<usize>,
}

/// A group drawn round members that may sit in different containers (an ECS cluster across the AZs).
#[derive(Debug, Clone, PartialEq)]
pub struct Overlay {
    pub id: String,
    pub label: String,
    /// The value of `data-kind`.
    pub kind: String,
    pub managed_by: Manager,
    /// Indices of the member elements, each once.
    pub members: Vec<usize>,
    /// One sentence for people and screen readers.
    pub description: String,
}

/// The whole domain graph.
#[derive(Debug, Clone)]
pub struct Model {
    pub title: String,
    pub theme: Theme,
    pub direction: Direction,
    /// The widest the drawing should be, in px (the spec's `max_width`, or a preset's or architecture's
    /// default docs column).
    pub max_width: Option<f64>,
    /// Whether the layout may turn the drawing to the other direction to fit `max_width` (only when the
    /// spec asked for that width: a default width only wraps).
    pub may_turn: bool,
    /// Whether relations of one group that share an end are drawn as one trunk (the spec's `bundles`).
    pub bundles: bool,
    /// What every id of the drawing starts with (set by the caller; see [`crate::id_prefix`]).
    pub id_prefix: String,
    /// In a parent-before-child order is not guaranteed; ids are unique.
    pub elements: Vec<Element>,
    pub relations: Vec<Relation>,
    /// Groups across the containment tree, drawn as outlines round their members.
    pub overlays: Vec<Overlay>,
    /// The responsibilities panel: who does what, in order (empty: no panel).
    pub notes: Vec<(Manager, String)>,
    /// Containers whose children keep the order they were added in when nothing among them says
    /// otherwise (the software on identical instances and nodes), so that repeated structures read alike.
    pub ordered: std::collections::BTreeSet<usize>,
}

impl Model {
    pub(super) fn new(title: String, theme: Theme, direction: Direction) -> Model {
        Model {
            title,
            theme,
            direction,
            max_width: None,
            may_turn: false,
            bundles: true,
            id_prefix: String::from("ad"),
            elements: Vec::new(),
            relations: Vec::new(),
            overlays: Vec::new(),
            notes: Vec::new(),
            ordered: Default::default(),
        }
    }

    pub(super) fn add(&mut self, e: Element) -> usize {
        let i = self.elements.len();
        self.elements.push(e);
        i
    }

    pub(super) fn relate(&mut self, from: usize, to: usize, label: Option<String>, style: EdgeStyle) {
        self.relations.push(Relation { from, to, label, style, bundle: None });
    }

    /// Children of each element and the top-level elements, in model order.
    pub fn children(&self) -> (Vec<Vec<usize>>, Vec<usize>) {
        let mut kids = vec![Vec::new(); self.elements.len()];
        let mut roots = Vec::new();
        for (i, e) in self.elements.iter().enumerate() {
            match e.parent {
                Some(p) => kids[p].push(i),
                None => roots.push(i),
            }
        }
        (kids, roots)
    }
}
