//! The architecture form of the spec (`{"architecture": {...}}`): your own Region, VPC, cluster, capacity,
//! services and load balancers, with the names you give them. Its fields are one table, [`ARCH_FIELDS`]:
//! the parser takes each object's keys, kinds, ranges and defaults from it, and README's reference is
//! generated from it. Every error names the field by its path (`architecture.cluster.node_groups[1].capacity`),
//! the value and what is allowed; the domain's rules (EKS needs two AZs, one ECS strategy cannot mix an Auto
//! Scaling group provider with Fargate providers) are errors here, before anything is drawn.

pub use super::types::{
    Architecture, Cluster, EcsService, FargateProfile, LoadBalancer, Nat, NodeGroup, NodePool, Pools, Provider,
    ProviderKind, Selector, Target, Vpc,
};
use super::types::{Named, Registry, Service};
use crate::error::{Error, describe, truncate};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// What a field of the architecture form holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchKind {
    /// A name, 1 to [`MAX_NAME`] characters.
    Name,
    /// A whole number in a range.
    Count { min: u32, max: u32 },
    /// One of these names (any case).
    Choice(&'static [&'static str]),
    /// `true` or `false`.
    Flag,
    /// A list of names, at most `max`.
    Names { max: usize },
    /// A list of names from these.
    Some(&'static [&'static str]),
    /// An object of the fields below it.
    Object,
    /// A list of objects of the fields below it, at most `max`.
    Objects { max: usize },
    /// A count of AZs, or a list of their names.
    Azs,
    /// An object of label names to values.
    Labels,
}

/// One field of the architecture form.
#[derive(Debug, Clone, Copy)]
pub struct ArchField {
    /// Dotted path below `architecture`; `[]` marks the items of a list.
    pub path: &'static str,
    pub kind: ArchKind,
    /// What an absent field means, in words ("required" when it must be given).
    pub default: &'static str,
    pub what: &'static str,
}

/// The longest name the form takes.
pub const MAX_NAME: usize = 100;
/// The most items of one list (node groups, services, …).
pub const MAX_ITEMS: usize = 16;
/// The most tasks, pods or instances one item asks to draw.
pub const MAX_COUNT: u32 = 64;
/// The least number of AZs of an EKS cluster's subnets.
pub const EKS_MIN_AZS: usize = 2;
/// The most availability zones.
pub const MAX_AZS: usize = 6;

const NAT: &[&str] = &["per-az", "single", "none"];
const DETAIL: &[&str] = &["overview", "full"];
const ENDPOINTS: &[&str] = &["ecr.api", "ecr.dkr", "s3", "ecs", "ecs-agent", "ecs-telemetry", "logs", "sts"];
const PROVIDERS: &[&str] = &["asg", "fargate", "fargate-spot", "managed-instances"];
const CAPACITY: &[&str] = &["on-demand", "spot"];
const LB_TYPES: &[&str] = &["alb", "nlb"];
const SCHEMES: &[&str] = &["internet-facing", "internal"];
const SERVICES: &[&str] = &["ecs", "eks"];
const REGISTRIES: &[&str] = &["ecr", "dockerhub", "nexus"];

/// Every field of the architecture form, parents before their fields.
pub const ARCH_FIELDS: &[ArchField] = &[
    ArchField {
        path: "region",
        kind: ArchKind::Name,
        default: "\"Region\"",
        what: "the AWS Region's name, e.g. eu-west-1",
    },
    ArchField {
        path: "registry",
        kind: ArchKind::Choice(REGISTRIES),
        default: "`ecr`",
        what: "where the images come from",
    },
    ArchField {
        path: "detail",
        kind: ArchKind::Choice(DETAIL),
        default: "`overview`",
        what: "overview (each instance or node one box) or full (its agent, kubelet, kube-proxy and runtime inside it)",
    },
    ArchField {
        path: "you",
        kind: ArchKind::Flag,
        default: "`false`",
        what: "whether to draw You, with what you do to the cluster and to the capacity you run",
    },
    ArchField { path: "vpc", kind: ArchKind::Object, default: "a VPC of two AZs", what: "your VPC in the Region" },
    ArchField { path: "vpc.name", kind: ArchKind::Name, default: "\"VPC\"", what: "the VPC's name" },
    ArchField {
        path: "vpc.azs",
        kind: ArchKind::Azs,
        default: "2",
        what: "its availability zones: how many (1 to 6; at least 2 for EKS), or their names; each has a public and a private subnet",
    },
    ArchField {
        path: "vpc.nat",
        kind: ArchKind::Choice(NAT),
        default: "`per-az`",
        what: "NAT gateways in the public subnets, through which the private subnets reach out: one per AZ, a single one, or none",
    },
    ArchField {
        path: "vpc.endpoints",
        kind: ArchKind::Some(ENDPOINTS),
        default: "none",
        what: "VPC endpoints (ecr.api and ecr.dkr with s3 let private subnets pull from ECR without NAT)",
    },
    ArchField { path: "cluster", kind: ArchKind::Object, default: "required", what: "the ECS or EKS cluster" },
    ArchField {
        path: "cluster.service",
        kind: ArchKind::Choice(SERVICES),
        default: "required",
        what: "the orchestrator: Amazon ECS or Amazon EKS",
    },
    ArchField {
        path: "cluster.name",
        kind: ArchKind::Name,
        default: "\"ECS cluster\" or \"EKS cluster\"",
        what: "the cluster's name",
    },
    ArchField {
        path: "cluster.capacity_providers",
        kind: ArchKind::Objects { max: MAX_ITEMS },
        default: "one Fargate provider",
        what: "ECS: the cluster's capacity providers",
    },
    ArchField {
        path: "cluster.capacity_providers[].name",
        kind: ArchKind::Name,
        default: "required",
        what: "the provider's name, e.g. FARGATE or the name of an Auto Scaling group provider",
    },
    ArchField {
        path: "cluster.capacity_providers[].type",
        kind: ArchKind::Choice(PROVIDERS),
        default: "`fargate`",
        what: "an Auto Scaling group of EC2 instances you manage, Fargate, Fargate Spot, or ECS Managed Instances",
    },
    ArchField {
        path: "cluster.capacity_providers[].instances",
        kind: ArchKind::Count { min: 0, max: MAX_COUNT },
        default: "2",
        what: "EC2 instances to draw (asg and managed-instances)",
    },
    ArchField {
        path: "cluster.services",
        kind: ArchKind::Objects { max: MAX_ITEMS },
        default: "none",
        what: "ECS: the services",
    },
    ArchField {
        path: "cluster.services[].name",
        kind: ArchKind::Name,
        default: "required",
        what: "the service's name",
    },
    ArchField {
        path: "cluster.services[].task_definition",
        kind: ArchKind::Name,
        default: "the service's name",
        what: "the task definition its tasks run (family:revision)",
    },
    ArchField {
        path: "cluster.services[].desired",
        kind: ArchKind::Count { min: 0, max: MAX_COUNT },
        default: "2",
        what: "the desired count of tasks",
    },
    ArchField {
        path: "cluster.services[].capacity_providers",
        kind: ArchKind::Names { max: MAX_ITEMS },
        default: "the cluster's first provider",
        what: "its capacity provider strategy: names of the cluster's providers (Auto Scaling group providers and Fargate providers do not mix)",
    },
    ArchField {
        path: "cluster.node_groups",
        kind: ArchKind::Objects { max: MAX_ITEMS },
        default: "none",
        what: "EKS: node groups, managed or self-managed",
    },
    ArchField {
        path: "cluster.node_groups[].name",
        kind: ArchKind::Name,
        default: "required",
        what: "the node group's name",
    },
    ArchField {
        path: "cluster.node_groups[].managed",
        kind: ArchKind::Flag,
        default: "`true`",
        what: "a managed node group (EKS creates and replaces the instances) or a self-managed one (your Auto Scaling group)",
    },
    ArchField {
        path: "cluster.node_groups[].instance_types",
        kind: ArchKind::Names { max: MAX_ITEMS },
        default: "none said",
        what: "EC2 instance types, e.g. m6i.large",
    },
    ArchField {
        path: "cluster.node_groups[].capacity",
        kind: ArchKind::Choice(CAPACITY),
        default: "`on-demand`",
        what: "on-demand or spot instances",
    },
    ArchField {
        path: "cluster.node_groups[].min",
        kind: ArchKind::Count { min: 0, max: MAX_COUNT },
        default: "the desired size",
        what: "the Auto Scaling group's minimum size",
    },
    ArchField {
        path: "cluster.node_groups[].desired",
        kind: ArchKind::Count { min: 0, max: MAX_COUNT },
        default: "2",
        what: "its desired size: the nodes drawn",
    },
    ArchField {
        path: "cluster.node_groups[].max",
        kind: ArchKind::Count { min: 0, max: MAX_COUNT },
        default: "the desired size",
        what: "its maximum size",
    },
    ArchField {
        path: "cluster.fargate_profiles",
        kind: ArchKind::Objects { max: MAX_ITEMS },
        default: "none",
        what: "EKS: Fargate profiles",
    },
    ArchField {
        path: "cluster.fargate_profiles[].name",
        kind: ArchKind::Name,
        default: "required",
        what: "the profile's name",
    },
    ArchField {
        path: "cluster.fargate_profiles[].selectors",
        kind: ArchKind::Objects { max: 5 },
        default: "required",
        what: "one to five selectors; pods matching one run on Fargate",
    },
    ArchField {
        path: "cluster.fargate_profiles[].selectors[].namespace",
        kind: ArchKind::Name,
        default: "required",
        what: "the Kubernetes namespace",
    },
    ArchField {
        path: "cluster.fargate_profiles[].selectors[].labels",
        kind: ArchKind::Labels,
        default: "none",
        what: "labels the pods must also have",
    },
    ArchField {
        path: "cluster.fargate_profiles[].pods",
        kind: ArchKind::Count { min: 0, max: MAX_COUNT },
        default: "2",
        what: "pods to draw",
    },
    ArchField {
        path: "cluster.karpenter",
        kind: ArchKind::Flag,
        default: "`false`",
        what: "EKS: Karpenter, which you install and run in the cluster, launches nodes for the node_pools (no node groups needed)",
    },
    ArchField {
        path: "cluster.auto_mode",
        kind: ArchKind::Flag,
        default: "`false`",
        what: "EKS Auto Mode: AWS runs the data plane, launching, patching and replacing nodes for the node_pools",
    },
    ArchField {
        path: "cluster.node_pools",
        kind: ArchKind::Objects { max: MAX_ITEMS },
        default: "Auto Mode: general-purpose; Karpenter: default",
        what: "EKS: Karpenter or Auto Mode NodePools",
    },
    ArchField {
        path: "cluster.node_pools[].name",
        kind: ArchKind::Name,
        default: "required",
        what: "the NodePool's name",
    },
    ArchField {
        path: "cluster.node_pools[].capacity",
        kind: ArchKind::Choice(CAPACITY),
        default: "`on-demand`",
        what: "on-demand or spot instances",
    },
    ArchField {
        path: "cluster.node_pools[].instance_types",
        kind: ArchKind::Names { max: MAX_ITEMS },
        default: "any",
        what: "the instance types it may launch",
    },
    ArchField {
        path: "cluster.node_pools[].nodes",
        kind: ArchKind::Count { min: 0, max: MAX_COUNT },
        default: "2",
        what: "nodes to draw",
    },
    ArchField {
        path: "load_balancers",
        kind: ArchKind::Objects { max: MAX_ITEMS },
        default: "none",
        what: "load balancers and the traffic they bring in",
    },
    ArchField {
        path: "load_balancers[].name",
        kind: ArchKind::Name,
        default: "required",
        what: "the load balancer's name",
    },
    ArchField {
        path: "load_balancers[].type",
        kind: ArchKind::Choice(LB_TYPES),
        default: "`alb`",
        what: "Application or Network Load Balancer",
    },
    ArchField {
        path: "load_balancers[].scheme",
        kind: ArchKind::Choice(SCHEMES),
        default: "`internet-facing`",
        what: "internet-facing (in the public subnets, traffic from the internet) or internal (in the private subnets)",
    },
    ArchField {
        path: "load_balancers[].targets",
        kind: ArchKind::Names { max: MAX_ITEMS },
        default: "required",
        what: "what it sends traffic to: ECS services, or EKS node groups and Fargate profiles, by name",
    },
];

/// The most traffic edges all load balancers together may draw (one per target task, node or pod).
pub const MAX_TRAFFIC: usize = 4096;

/// The names of `k` AZs given by count: "AZ a", "AZ b", … (at most [`MAX_AZS`]).
pub fn az_names(k: usize) -> Vec<String> {
    (b'a'..).take(k.min(MAX_AZS)).map(|c| format!("AZ {}", c as char)).collect()
}

/// How many boxes a load balancer target is drawn as.
fn drawn(c: &Cluster, t: Target) -> usize {
    let n = match t {
        Target::Service(s) => c.services[s].desired,
        Target::NodeGroup(g) => c.node_groups[g].desired,
        Target::Profile(f) => c.fargate_profiles[f].pods,
        Target::NodePool(q) => c.pools.as_ref().map_or(0, |p| p.1[q].nodes),
    };
    n as usize
}

/// The architecture form's top-level key.
pub const KEY: &str = "architecture";

fn field(path: &str) -> &'static ArchField {
    ARCH_FIELDS.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("{path} is in ARCH_FIELDS"))
}

/// The keys of each object of the form (by the path of its parent, "" for the top), comma-separated.
static KEYS: LazyLock<BTreeMap<&'static str, String>> = LazyLock::new(|| {
    let mut m: BTreeMap<&'static str, Vec<&'static str>> = BTreeMap::new();
    for f in ARCH_FIELDS {
        let (parent, key) = f.path.rsplit_once('.').unwrap_or(("", f.path));
        m.entry(parent).or_default().push(key);
    }
    m.into_iter().map(|(k, v)| (k, v.join(", "))).collect()
});

/// The fields an object at `parent` may hold, as its errors list them.
fn allowed_keys(parent: &str) -> &'static str {
    KEYS.get(parent).map(String::as_str).unwrap_or("")
}

/// Where a value sits, for errors: the table path (`cluster.node_groups[].name`) and the spec path
/// (`architecture.cluster.node_groups[1].name`).
struct Obj<'a> {
    map: &'a Map<String, Value>,
    /// The table path of the object (no `architecture.`).
    table: String,
    /// The spec path of the object.
    at: String,
}

impl<'a> Obj<'a> {
    fn new(v: &'a Value, table: &str, at: String) -> Result<Obj<'a>, Error> {
        let map = v.as_object().ok_or_else(|| Error::WrongType {
            path: at.clone(),
            expected: "an object",
            got: describe(v),
        })?;
        let keys = allowed_keys(table);
        if let Some(k) = map.keys().find(|k| !keys.split(", ").any(|x| x == k.as_str())) {
            return Err(Error::UnknownField { path: at, name: truncate(k, 40), allowed: keys });
        }
        Ok(Obj { map, table: table.to_string(), at })
    }

    fn f(&self, key: &str) -> (&'static ArchField, String, Option<&'a Value>) {
        let table = if self.table.is_empty() { key.to_string() } else { format!("{}.{key}", self.table) };
        let f = field(&table);
        (f, format!("{}.{key}", self.at), self.map.get(key).filter(|v| !v.is_null()))
    }

    fn name(&self, key: &str) -> Result<Option<String>, Error> {
        let (_, path, v) = self.f(key);
        v.map(|v| name_at(v, &path)).transpose()
    }

    fn required_name(&self, key: &str) -> Result<String, Error> {
        self.name(key)?.ok_or_else(|| missing(self, key))
    }

    fn count(&self, key: &str, default: u32) -> Result<u32, Error> {
        let (f, path, v) = self.f(key);
        let ArchKind::Count { min, max } = f.kind else { unreachable!("{} is a count", f.path) };
        let Some(v) = v else { return Ok(default) };
        match v.as_u64() {
            Some(n) if (u64::from(min)..=u64::from(max)).contains(&n) => Ok(n as u32),
            _ if v.is_number() => Err(Error::BadValue {
                path,
                value: describe(v),
                allowed: format!("a whole number from {min} to {max}"),
            }),
            _ => Err(Error::WrongType { path, expected: "a whole number", got: describe(v) }),
        }
    }

    fn opt_count(&self, key: &str) -> Result<Option<u32>, Error> {
        self.f(key).2.map(|_| self.count(key, 0)).transpose()
    }

    /// A choice's position in its field's names; `default` when absent.
    fn choice(&self, key: &str, default: usize) -> Result<usize, Error> {
        let (f, path, v) = self.f(key);
        let ArchKind::Choice(names) = f.kind else { unreachable!("{} is a choice", f.path) };
        let Some(v) = v else { return Ok(default) };
        let s = v.as_str().ok_or_else(|| Error::WrongType {
            path: path.clone(),
            expected: "a string",
            got: describe(v),
        })?;
        names.iter().position(|n| n.eq_ignore_ascii_case(s)).ok_or_else(|| Error::BadValue {
            path,
            value: describe(v),
            allowed: super::fields::quoted_or(names.iter().copied()),
        })
    }

    fn flag(&self, key: &str, default: bool) -> Result<bool, Error> {
        let (_, path, v) = self.f(key);
        match v {
            None => Ok(default),
            Some(Value::Bool(b)) => Ok(*b),
            Some(v) => Err(Error::WrongType { path, expected: "true or false", got: describe(v) }),
        }
    }

    fn list(&self, key: &str) -> Result<Vec<(String, &'a Value)>, Error> {
        let (f, path, v) = self.f(key);
        let max = match f.kind {
            ArchKind::Objects { max } | ArchKind::Names { max } => max,
            ArchKind::Some(names) => names.len(),
            ArchKind::Azs => MAX_AZS,
            _ => unreachable!("{} is a list", f.path),
        };
        let Some(v) = v else { return Ok(Vec::new()) };
        let items = v.as_array().ok_or_else(|| Error::WrongType {
            path: path.clone(),
            expected: "a list",
            got: describe(v),
        })?;
        if items.len() > max {
            return Err(Error::BadValue {
                path,
                value: format!("a list of {}", items.len()),
                allowed: format!("at most {max} items"),
            });
        }
        Ok(items.iter().enumerate().map(|(i, v)| (format!("{path}[{i}]"), v)).collect())
    }

    fn objects(&self, key: &str) -> Result<Vec<Obj<'a>>, Error> {
        let table = if self.table.is_empty() { format!("{key}[]") } else { format!("{}.{key}[]", self.table) };
        self.list(key)?.into_iter().map(|(at, v)| Obj::new(v, &table, at)).collect()
    }

    /// The objects of a list, each with its required, unique `name`.
    fn named(&self, key: &str, what: &str) -> Result<Vec<(Obj<'a>, String)>, Error> {
        let objs = self.objects(key)?;
        let names: Vec<(String, String)> =
            objs.iter().map(|o| Ok((o.at.clone(), o.required_name("name")?))).collect::<Result<_, Error>>()?;
        unique(&names, what)?;
        Ok(objs.into_iter().zip(names).map(|(o, (_, n))| (o, n)).collect())
    }

    fn names(&self, key: &str) -> Result<Vec<(String, String)>, Error> {
        let mut out: Vec<(String, String)> = Vec::new();
        for (at, v) in self.list(key)? {
            let n = name_at(v, &at)?;
            if out.iter().any(|(_, x)| *x == n) {
                return Err(Error::BadValue {
                    path: at,
                    value: format!("\"{}\" again", truncate(&n, 40)),
                    allowed: "each name once".into(),
                });
            }
            out.push((at, n));
        }
        Ok(out)
    }
}

fn missing(o: &Obj, key: &str) -> Error {
    let f = field(&if o.table.is_empty() { key.to_string() } else { format!("{}.{key}", o.table) });
    Error::MissingField { path: o.at.clone(), name: f.path.rsplit('.').next().unwrap_or(f.path), hint: f.what }
}

fn name_at(v: &Value, path: &str) -> Result<String, Error> {
    let s = v.as_str().ok_or_else(|| Error::WrongType { path: path.into(), expected: "a string", got: describe(v) })?;
    let n = s.chars().count();
    if n == 0 || n > MAX_NAME {
        return Err(Error::BadValue {
            path: path.into(),
            value: format!("{n} characters long"),
            allowed: format!("a name of 1 to {MAX_NAME} characters"),
        });
    }
    Ok(s.to_string())
}

/// Names in one list must differ (they are how the form refers to its items).
fn unique(items: &[(String, String)], what: &str) -> Result<(), Error> {
    for (k, (at, n)) in items.iter().enumerate() {
        if let Some((first, _)) = items[..k].iter().find(|(_, m)| m == n) {
            return Err(Error::BadValue {
                path: format!("{at}.name"),
                value: format!("\"{}\", the name of {first} too", truncate(n, 40)),
                allowed: format!("a name no other {what} has"),
            });
        }
    }
    Ok(())
}

/// Validates the architecture form's object (the value of `architecture`).
pub fn parse(v: &Value) -> Result<Architecture, Error> {
    let top = Obj::new(v, "", KEY.to_string())?;
    let region = top.name("region")?.unwrap_or_else(|| "Region".into());
    let registry = Registry::ALL[top.choice("registry", 0)?];
    let vpc = match top.f("vpc").2 {
        Some(v) => Obj::new(v, "vpc", format!("{KEY}.vpc"))?,
        None => Obj { map: &EMPTY, table: "vpc".into(), at: format!("{KEY}.vpc") },
    };
    let Some(cv) = top.f("cluster").2 else { return Err(missing(&top, "cluster")) };
    let c = Obj::new(cv, "cluster", format!("{KEY}.cluster"))?;
    let service = match c.f("service").2 {
        None => return Err(missing(&c, "service")),
        Some(_) => Service::ALL[c.choice("service", 0)?],
    };
    let vpc = parse_vpc(&vpc, service)?;
    let ecs = service == Service::Ecs;
    // ECS fields on EKS and EKS fields on ECS are errors that say whose they are.
    let foreign: &[&str] = if ecs {
        &["node_groups", "fargate_profiles", "karpenter", "auto_mode", "node_pools"]
    } else {
        &["capacity_providers", "services"]
    };
    if let Some(k) = foreign.iter().find(|k| c.f(k).2.is_some()) {
        let (own, whose) = if ecs {
            ("capacity_providers and services", "EKS")
        } else {
            ("node_groups, fargate_profiles, karpenter, auto_mode and node_pools", "ECS")
        };
        return Err(Error::BadValue {
            path: format!("{}.{k}", c.at),
            value: format!("given for service \"{}\"", service.name()),
            allowed: format!("{own} for {}; {k} is an {whose} feature", if ecs { "ECS" } else { "EKS" }),
        });
    }
    let name = c.name("name")?.unwrap_or_else(|| if ecs { "ECS cluster" } else { "EKS cluster" }.into());
    let mut cluster = Cluster {
        service,
        name,
        providers: Vec::new(),
        services: Vec::new(),
        node_groups: Vec::new(),
        fargate_profiles: Vec::new(),
        pools: None,
    };
    if ecs {
        ecs_parts(&c, &mut cluster)?;
    } else {
        eks_parts(&c, &mut cluster)?;
    }
    let mut load_balancers = Vec::new();
    for (o, name) in top.named("load_balancers", "load balancer")? {
        let network = o.choice("type", 0)? == 1;
        let internal = o.choice("scheme", 0)? == 1;
        let names = o.names("targets")?;
        if names.is_empty() {
            return Err(missing(&o, "targets"));
        }
        let targets = names
            .iter()
            .map(|(at, n)| target(&cluster, n).ok_or_else(|| dangling(at, n, ecs)))
            .collect::<Result<Vec<_>, _>>()?;
        load_balancers.push(LoadBalancer { name, network, internal, targets });
    }
    // Each load balancer draws an edge to every box of its targets: bounded, or a spec well within the
    // other limits could ask for 16 × 16 × 64 of them.
    let traffic: usize = load_balancers.iter().flat_map(|l| &l.targets).map(|&t| drawn(&cluster, t)).sum();
    if traffic > MAX_TRAFFIC {
        return Err(Error::TooLarge { what: "load balancer edges to targets", count: traffic, max: MAX_TRAFFIC });
    }
    let full = top.choice("detail", 0)? == 1;
    let you = top.flag("you", false)?;
    Ok(Architecture { region, registry, vpc, cluster, load_balancers, full, you })
}

static EMPTY: LazyLock<Map<String, Value>> = LazyLock::new(Map::new);

fn dangling(at: &str, n: &str, ecs: bool) -> Error {
    Error::BadValue {
        path: at.into(),
        value: format!("\"{}\"", truncate(n, 40)),
        allowed: if ecs {
            "the name of a service of the cluster"
        } else {
            "the name of a node group, Fargate profile or NodePool of the cluster"
        }
        .into(),
    }
}

fn target(c: &Cluster, n: &str) -> Option<Target> {
    (c.services.iter().position(|s| s.name == n).map(Target::Service))
        .or_else(|| c.node_groups.iter().position(|g| g.name == n).map(Target::NodeGroup))
        .or_else(|| c.fargate_profiles.iter().position(|p| p.name == n).map(Target::Profile))
        .or_else(|| c.pools.as_ref()?.1.iter().position(|p| p.name == n).map(Target::NodePool))
}

fn parse_vpc(o: &Obj, service: Service) -> Result<Vpc, Error> {
    let name = o.name("name")?.unwrap_or_else(|| "VPC".into());
    let (_, path, v) = o.f("azs");
    let azs: Vec<String> = match v {
        None => vec!["AZ a".into(), "AZ b".into()],
        Some(Value::Number(n)) => match n.as_u64() {
            Some(k) if (1..=MAX_AZS as u64).contains(&k) => az_names(k as usize),
            _ => {
                return Err(Error::BadValue {
                    path,
                    value: n.to_string(),
                    allowed: format!("a whole number from 1 to {MAX_AZS}, or a list of AZ names"),
                });
            }
        },
        Some(Value::Array(_)) => {
            let names = o.names("azs")?;
            if names.is_empty() || names.len() > MAX_AZS {
                return Err(Error::BadValue {
                    path,
                    value: format!("a list of {}", names.len()),
                    allowed: format!("1 to {MAX_AZS} AZ names"),
                });
            }
            names.into_iter().map(|(_, n)| n).collect()
        }
        Some(v) => {
            return Err(Error::WrongType { path, expected: "a whole number or a list of names", got: describe(v) });
        }
    };
    if service == Service::Eks && azs.len() < EKS_MIN_AZS {
        return Err(Error::BadValue {
            path,
            value: format!("{} AZ", azs.len()),
            allowed: format!(
                "from {EKS_MIN_AZS} to {MAX_AZS} AZs for EKS: an EKS cluster needs subnets in at least two availability zones"
            ),
        });
    }
    let nat = [Nat::PerAz, Nat::Single, Nat::None][o.choice("nat", 0)?];
    let mut endpoints = Vec::new();
    for (at, v) in o.list("endpoints")? {
        let s =
            v.as_str().ok_or_else(|| Error::WrongType { path: at.clone(), expected: "a string", got: describe(v) })?;
        let e = ENDPOINTS.iter().find(|e| e.eq_ignore_ascii_case(s)).ok_or_else(|| Error::BadValue {
            path: at.clone(),
            value: describe(v),
            allowed: super::fields::quoted_or(ENDPOINTS.iter().copied()),
        })?;
        if endpoints.contains(e) {
            return Err(Error::BadValue {
                path: at,
                value: format!("{} again", describe(v)),
                allowed: "each endpoint once".into(),
            });
        }
        endpoints.push(*e);
    }
    endpoints.sort_by_key(|e| ENDPOINTS.iter().position(|x| x == e));
    Ok(Vpc { name, azs, nat, endpoints })
}

fn ecs_parts(c: &Obj, cluster: &mut Cluster) -> Result<(), Error> {
    let kinds = [ProviderKind::Asg, ProviderKind::Fargate, ProviderKind::FargateSpot, ProviderKind::ManagedInstances];
    for (o, name) in c.named("capacity_providers", "capacity provider")? {
        let kind = kinds[o.choice("type", 1)?];
        let instances = if kind.is_fargate() { 0 } else { o.count("instances", 2)? };
        cluster.providers.push(Provider { name, kind, instances, member: None });
    }
    if cluster.providers.is_empty() {
        cluster.providers.push(Provider {
            name: "FARGATE".into(),
            kind: ProviderKind::Fargate,
            instances: 0,
            member: None,
        });
    }
    for (o, name) in c.named("services", "service")? {
        let task_definition = o.name("task_definition")?.unwrap_or_else(|| name.clone());
        let desired = o.count("desired", 2)?;
        let mut strategy = Vec::new();
        for (at, n) in o.names("capacity_providers")? {
            let Some(k) = cluster.providers.iter().position(|p| p.name == n) else {
                return Err(Error::BadValue {
                    path: at,
                    value: format!("\"{}\"", truncate(&n, 40)),
                    allowed: "the name of a capacity provider of the cluster".into(),
                });
            };
            let first = strategy.first().map(|&f: &usize| cluster.providers[f].kind.is_fargate());
            if first.is_some_and(|f| f != cluster.providers[k].kind.is_fargate()) {
                return Err(Error::BadValue {
                    path: at,
                    value: format!("\"{}\" beside \"{}\"", truncate(&n, 40), truncate(&cluster.providers[strategy[0]].name, 40)),
                    allowed: "providers of one family: one capacity provider strategy cannot mix an Auto Scaling group (or managed instances) provider with Fargate providers".into(),
                });
            }
            strategy.push(k);
        }
        if strategy.is_empty() {
            strategy.push(0);
        }
        cluster.services.push(EcsService { name, task_definition, desired, strategy, member: None });
    }
    Ok(())
}

fn eks_parts(c: &Obj, cluster: &mut Cluster) -> Result<(), Error> {
    for (o, name) in c.named("node_groups", "node group")? {
        let managed = o.flag("managed", true)?;
        let instance_types = o.names("instance_types")?.into_iter().map(|(_, n)| n).collect();
        let spot = o.choice("capacity", 0)? == 1;
        let desired = o.count("desired", 2)?;
        let min = o.opt_count("min")?.unwrap_or(desired);
        let max = o.opt_count("max")?.unwrap_or(desired);
        if !(min <= desired && desired <= max) {
            return Err(Error::BadValue {
                path: format!("{}.desired", o.at),
                value: format!("{desired} with min {min} and max {max}"),
                allowed: "min ≤ desired ≤ max".into(),
            });
        }
        cluster.node_groups.push(NodeGroup { name, managed, instance_types, spot, min, desired, max, member: None });
    }
    let profiles = c.named("fargate_profiles", "Fargate profile")?;
    if let Some((o, n)) = profiles.iter().find(|(_, n)| cluster.node_groups.iter().any(|g| g.name == *n)) {
        return Err(Error::BadValue {
            path: format!("{}.name", o.at),
            value: format!("\"{}\", a node group's name too", truncate(n, 40)),
            allowed: "a name no node group has (load balancers name their targets)".into(),
        });
    }
    for (o, name) in profiles {
        let mut selectors = Vec::new();
        for s in o.objects("selectors")? {
            let namespace = s.required_name("namespace")?;
            let (_, path, v) = s.f("labels");
            let mut labels = Vec::new();
            if let Some(v) = v {
                let m = v.as_object().ok_or_else(|| Error::WrongType {
                    path: path.clone(),
                    expected: "an object of label names to values",
                    got: describe(v),
                })?;
                if m.len() > MAX_ITEMS {
                    return Err(Error::BadValue {
                        path,
                        value: format!("{} labels", m.len()),
                        allowed: format!("at most {MAX_ITEMS}"),
                    });
                }
                for (k, v) in m {
                    let at = format!("{path}.{}", truncate(k, 40));
                    name_at(&Value::String(k.clone()), &at)?;
                    labels.push((k.clone(), name_at(v, &at)?));
                }
                labels.sort();
            }
            selectors.push(Selector { namespace, labels });
        }
        if selectors.is_empty() {
            return Err(missing(&o, "selectors"));
        }
        let pods = o.count("pods", 2)?;
        cluster.fargate_profiles.push(FargateProfile { name, selectors, pods, member: None });
    }
    let karpenter = c.flag("karpenter", false)?;
    let auto = c.flag("auto_mode", false)?;
    if karpenter && auto {
        return Err(Error::BadValue {
            path: format!("{}.karpenter", c.at),
            value: "true beside auto_mode true".into(),
            allowed: "one of the two: EKS Auto Mode has Karpenter built in and runs it for you".into(),
        });
    }
    let given = c.f("node_pools").2.is_some();
    if given && !(karpenter || auto) {
        return Err(Error::BadValue {
            path: format!("{}.node_pools", c.at),
            value: "given with neither karpenter nor auto_mode".into(),
            allowed: "node_pools with karpenter true or auto_mode true: NodePools are theirs".into(),
        });
    }
    if karpenter || auto {
        let mut pools = Vec::new();
        let taken = |n: &str| {
            cluster.node_groups.iter().any(|g| g.name == n) || cluster.fargate_profiles.iter().any(|p| p.name == n)
        };
        for (o, name) in c.named("node_pools", "NodePool")? {
            if taken(&name) {
                return Err(Error::BadValue {
                    path: format!("{}.name", o.at),
                    value: format!("\"{}\", a node group's or Fargate profile's name too", truncate(&name, 40)),
                    allowed: "a name no node group or profile has (load balancers name their targets)".into(),
                });
            }
            let spot = o.choice("capacity", 0)? == 1;
            let instance_types = o.names("instance_types")?.into_iter().map(|(_, n)| n).collect();
            let nodes = o.count("nodes", 2)?;
            pools.push(NodePool { name, spot, instance_types, nodes });
        }
        if !given {
            let name = if auto { "general-purpose" } else { "default" };
            pools.push(NodePool { name: name.into(), spot: false, instance_types: Vec::new(), nodes: 2 });
        }
        cluster.pools = Some((if auto { Pools::AutoMode } else { Pools::Karpenter }, pools));
    }
    Ok(())
}

/// What a field's values are, in words, for README's table.
pub fn values_text(f: &ArchField) -> String {
    match f.kind {
        ArchKind::Name => format!("text, 1 to {MAX_NAME} characters"),
        ArchKind::Count { min, max } => format!("a whole number from {min} to {max}"),
        ArchKind::Choice(names) => names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "),
        ArchKind::Flag => "`true`, `false`".into(),
        ArchKind::Names { max } => format!("a list of up to {max} names"),
        ArchKind::Some(names) => {
            format!("a list of {}", names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "))
        }
        ArchKind::Object => "an object".into(),
        ArchKind::Objects { max } => format!("a list of up to {max} objects"),
        ArchKind::Azs => format!("1 to {MAX_AZS}, or a list of names"),
        ArchKind::Labels => "an object of names to values".into(),
    }
}

/// README's table of the architecture form's fields.
pub fn markdown() -> String {
    let mut s = String::from("| field | values | default | what it is |\n| --- | --- | --- | --- |\n");
    for f in ARCH_FIELDS {
        s.push_str(&format!("| `{}` | {} | {} | {} |\n", f.path, values_text(f), f.default, f.what));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_object_of_the_table_has_its_parent_in_the_table() {
        for f in ARCH_FIELDS {
            if let Some((parent, _)) = f.path.rsplit_once('.') {
                let p = field(parent.trim_end_matches("[]"));
                assert!(matches!(p.kind, ArchKind::Object | ArchKind::Objects { .. }), "{}", f.path);
            }
        }
    }
}
