//! What a valid spec is: the preset, custom and architecture forms as Rust types, the enums whose names the field
//! table lists (linked to it by position through [`Named`]), and the spec's fingerprint. Data only.

use super::fields::{self, Absent, Field};

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
    /// ECS Managed Instances: ECS provisions, patches and scales the EC2 instances.
    ManagedInstances,
    Nodegroup,
    /// EKS Auto Mode: AWS launches and runs the nodes from NodePools.
    AutoMode,
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
named!(Hosting, fields::HOSTING, [Ec2, ManagedInstances, Nodegroup, AutoMode, Fargate]);
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
    /// Whether the spec set `detail`: without it, a full drawing wider than its `max_width` is drawn in
    /// overview instead, when that is narrower.
    pub detail_given: bool,
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
    /// The edge group it is drawn with: edges of one group that share an end share a trunk.
    pub bundle: Option<String>,
}

/// An overlay of the custom form: a group drawn around members that may sit in different containers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverlaySpec {
    pub id: String,
    pub label: String,
    /// Ids of nodes or groups, each once, in the spec's order.
    pub members: Vec<String>,
    pub kind: Option<String>,
    pub managed_by: Option<String>,
}

/// A custom diagram: explicit groups, nodes and edges, and overlays across them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Custom {
    pub groups: Vec<GroupSpec>,
    pub nodes: Vec<NodeSpec>,
    pub edges: Vec<EdgeSpec>,
    pub overlays: Vec<OverlaySpec>,
}

// The architecture form (parsed by `super::arch`).

/// NAT gateways of the VPC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nat {
    PerAz,
    Single,
    None,
}

/// What an ECS capacity provider provides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderKind {
    Asg,
    Fargate,
    FargateSpot,
    ManagedInstances,
}

impl ProviderKind {
    /// Whether the provider's capacity is Fargate (no instances).
    pub fn is_fargate(self) -> bool {
        matches!(self, ProviderKind::Fargate | ProviderKind::FargateSpot)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vpc {
    pub name: String,
    /// AZ names, at least one, unique.
    pub azs: Vec<String>,
    pub nat: Nat,
    /// Endpoint names in the table's order, each once.
    pub endpoints: Vec<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provider {
    pub name: String,
    pub kind: ProviderKind,
    /// EC2 instances drawn (0 for Fargate providers).
    pub instances: u32,
    /// What each drawn member is called, numbered ("EC2 instance" → "EC2 instance 1"), where not the
    /// item's name (the presets set it; the form's JSON cannot).
    pub member: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EcsService {
    pub name: String,
    pub task_definition: String,
    pub desired: u32,
    /// Indices of the cluster's providers, at least one, all of one kind family.
    pub strategy: Vec<usize>,
    /// What each drawn member is called, numbered ("EC2 instance" → "EC2 instance 1"), where not the
    /// item's name (the presets set it; the form's JSON cannot).
    pub member: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeGroup {
    pub name: String,
    pub managed: bool,
    pub instance_types: Vec<String>,
    pub spot: bool,
    pub min: u32,
    pub desired: u32,
    pub max: u32,
    /// What each drawn member is called, numbered ("EC2 instance" → "EC2 instance 1"), where not the
    /// item's name (the presets set it; the form's JSON cannot).
    pub member: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    pub namespace: String,
    /// Sorted by name.
    pub labels: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FargateProfile {
    pub name: String,
    pub selectors: Vec<Selector>,
    pub pods: u32,
    /// What each drawn member is called, numbered ("EC2 instance" → "EC2 instance 1"), where not the
    /// item's name (the presets set it; the form's JSON cannot).
    pub member: Option<String>,
}

/// Something a load balancer sends traffic to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Service(usize),
    NodeGroup(usize),
    Profile(usize),
    NodePool(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadBalancer {
    pub name: String,
    pub network: bool,
    pub internal: bool,
    pub targets: Vec<Target>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    pub service: Service,
    pub name: String,
    pub providers: Vec<Provider>,
    pub services: Vec<EcsService>,
    pub node_groups: Vec<NodeGroup>,
    pub fargate_profiles: Vec<FargateProfile>,
    /// EKS: who launches nodes for NodePools (Karpenter or Auto Mode), and the pools.
    pub pools: Option<(Pools, Vec<NodePool>)>,
}

/// Who launches a NodePool's nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pools {
    /// Karpenter, installed and run by you in the cluster.
    Karpenter,
    /// EKS Auto Mode: AWS runs the data plane.
    AutoMode,
}

/// A Karpenter or Auto Mode NodePool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodePool {
    pub name: String,
    pub spot: bool,
    pub instance_types: Vec<String>,
    pub nodes: u32,
}

/// A validated architecture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Architecture {
    pub region: String,
    pub registry: Registry,
    pub vpc: Vpc,
    pub cluster: Cluster,
    pub load_balancers: Vec<LoadBalancer>,
    /// Whether each instance or node shows its software (agent, kubelet, kube-proxy, runtime) inside.
    pub full: bool,
    /// Whether "You" is drawn with what you do.
    pub you: bool,
}

/// Which of the three forms the spec uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Form {
    Preset(Preset),
    Custom(Custom),
    /// Your own architecture (see [`super::arch`]).
    Architecture(Architecture),
}

/// A validated spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    pub form: Form,
    /// None when the spec names no theme: light, unless the caller says what the reader prefers.
    pub theme: Option<Theme>,
    pub direction: Direction,
    /// The widest the drawing should be, in px (see [`super::fields::MAX_WIDTH`]).
    pub max_width: Option<u32>,
    /// Whether edge groups are drawn as trunks (see [`super::fields::BUNDLES`]).
    pub bundles: bool,
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
                // Overlays only when there are some, after a tag no count writes (older specs keep
                // their hashes).
                if !c.overlays.is_empty() {
                    h.num(u64::MAX - 3);
                    h.num(c.overlays.len() as u64);
                    for o in &c.overlays {
                        h.text(Some(&o.id));
                        h.text(Some(&o.label));
                        h.text(o.kind.as_deref());
                        h.text(o.managed_by.as_deref());
                        h.num(o.members.len() as u64);
                        o.members.iter().for_each(|m| h.text(Some(m)));
                    }
                }
                h.num(c.edges.len() as u64);
                for e in &c.edges {
                    h.text(Some(&e.from));
                    h.text(Some(&e.to));
                    h.text(e.label.as_deref());
                    // Written only when given (as for max_width); the tag is no string's length.
                    if let Some(b) = &e.bundle {
                        h.num(u64::MAX - 1);
                        h.text(Some(b));
                    }
                }
            }
            Form::Architecture(a) => {
                // Its Debug text says every field, each string quoted and escaped, in a fixed order.
                h.num(2);
                h.text(Some(&format!("{a:?}")));
            }
        }
        h.num(self.theme.map_or(0, |t| t as u64 + 1));
        h.num(self.direction as u64);
        h.text(self.title.as_deref());
        // Written only when given, so that the specs written before the field keep their hashes (and
        // their drawings their ids).
        if let Some(w) = self.max_width {
            h.num(u64::from(w) + 1);
        }
        // Likewise only when off, after a tag no width writes.
        if !self.bundles {
            h.num(u64::MAX - 2);
        }
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
