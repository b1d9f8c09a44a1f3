//! The five service × hosting presets (and their mixes) as shorthand for the architecture form: each
//! preset is an architecture (Region › VPC › AZ › subnets, the cluster, capacity per hosting kind), drawn
//! by the same builder, with the panel of docs/domain.md's "Responsibilities".

use super::types::{Manager, Model};
use crate::spec::arch::{
    Architecture, Cluster, EcsService, FargateProfile, Nat, NodeGroup, NodePool, Pools, Provider, ProviderKind,
    Selector, Vpc,
};
use crate::spec::{Detail, Hosting, Preset, Registry, Service, Spec};

/// Builds the model of a preset: the architecture it is shorthand for (see [`architecture`]), drawn by
/// the architecture form's builder, with the preset's title and its panel of responsibilities.
pub fn build(p: &Preset, spec: &Spec) -> Model {
    let mut m = super::arch::build(&architecture(p), spec);
    m.title = spec.title.clone().unwrap_or_else(|| default_title(p));
    m.notes = if p.responsibilities {
        let mut notes = responsibilities(p);
        notes.insert(
            1,
            (
                Manager::You,
                "The Region and its AZs are AWS's; your VPC, its subnets, route tables and NAT gateways are yours."
                    .into(),
            ),
        );
        notes
    } else {
        Vec::new()
    };
    m
}

/// The architecture a preset stands for: a Region with a VPC of `azs` AZs, each with a public subnet (and
/// its NAT gateway) and a private one; the cluster; per hosting kind, `workers` instances, tasks or pods
/// spread AZ by AZ over the private subnets: ECS on EC2 as an Auto Scaling group provider running a
/// service's tasks, ECS on Fargate as a service on the Fargate provider (a mixed cluster runs one service
/// on each, side by side, as one strategy cannot mix them), EKS self-managed or managed node groups, and
/// a Fargate profile for the default namespace; "You", with what you do.
pub fn architecture(p: &Preset) -> Architecture {
    let ecs = p.service == Service::Ecs;
    let n = p.workers;
    let mut cluster = Cluster {
        service: p.service,
        name: if ecs { "ECS cluster" } else { "EKS cluster" }.into(),
        providers: Vec::new(),
        services: Vec::new(),
        node_groups: Vec::new(),
        fargate_profiles: Vec::new(),
        pools: None,
    };
    for &h in &p.hosting {
        match (ecs, h) {
            (true, Hosting::Fargate) => {
                let k = cluster.providers.len();
                cluster.providers.push(Provider {
                    name: "FARGATE".into(),
                    kind: ProviderKind::Fargate,
                    instances: 0,
                    member: None,
                });
                cluster.services.push(EcsService {
                    name: "worker".into(),
                    task_definition: "worker".into(),
                    desired: n,
                    strategy: vec![k],
                    member: Some("Fargate task".into()),
                });
            }
            (true, Hosting::ManagedInstances) => {
                let k = cluster.providers.len();
                cluster.providers.push(Provider {
                    name: "Managed capacity".into(),
                    kind: ProviderKind::ManagedInstances,
                    instances: n,
                    member: Some("Managed instance".into()),
                });
                cluster.services.push(EcsService {
                    name: "api".into(),
                    task_definition: "api".into(),
                    desired: n,
                    strategy: vec![k],
                    member: None,
                });
            }
            (false, Hosting::AutoMode) => {
                // Auto Mode's built-in NodePool for workloads.
                let pool =
                    NodePool { name: "general-purpose".into(), spot: false, instance_types: Vec::new(), nodes: n };
                cluster.pools = Some((Pools::AutoMode, vec![pool]));
            }
            (true, _) => {
                let k = cluster.providers.len();
                cluster.providers.push(Provider {
                    name: "EC2 capacity".into(),
                    kind: ProviderKind::Asg,
                    instances: n,
                    member: Some("EC2 instance".into()),
                });
                cluster.services.push(EcsService {
                    name: "app".into(),
                    task_definition: "app".into(),
                    desired: n,
                    strategy: vec![k],
                    member: Some("Task".into()),
                });
            }
            (false, Hosting::Fargate) => cluster.fargate_profiles.push(FargateProfile {
                name: "default".into(),
                selectors: vec![Selector { namespace: "default".into(), labels: Vec::new() }],
                pods: n,
                member: Some("Fargate pod".into()),
            }),
            (false, h) => {
                let managed = h == Hosting::Nodegroup;
                cluster.node_groups.push(NodeGroup {
                    // The notes' words: a node group ("bulk create") or a compute fleet you run.
                    name: if managed { "workers" } else { "fleet" }.into(),
                    managed,
                    instance_types: Vec::new(),
                    spot: false,
                    min: n,
                    desired: n,
                    max: n,
                    member: Some(if managed { "Node" } else { "EC2 instance" }.into()),
                });
            }
        }
    }
    Architecture {
        region: "AWS Region".into(),
        registry: p.registry,
        vpc: Vpc {
            name: "Your VPC".into(),
            azs: crate::spec::arch::az_names(p.azs as usize),
            nat: Nat::PerAz,
            endpoints: Vec::new(),
        },
        cluster,
        load_balancers: Vec::new(),
        full: p.detail == Detail::Full,
        you: true,
    }
}

/// Who does what for this combination, from docs/domain.md, "Responsibilities".
fn responsibilities(p: &Preset) -> Vec<(Manager, String)> {
    let ecs = p.service == Service::Ecs;
    let mut v: Vec<(Manager, String)> = Vec::new();
    v.push((
        Manager::Aws,
        if ecs {
            "AWS runs the ECS control plane, created with the cluster, and the container orchestration.".into()
        } else {
            "AWS deploys and runs the Kubernetes control plane in its own VPC, replicated across three availability zones; it reaches your nodes through network interfaces in your subnets.".into()
        },
    ));
    for h in &p.hosting {
        match h {
            Hosting::Ec2 => {
                let software = if ecs { "Docker and the ECS Agent" } else { "containerd, kubelet and kube-proxy" };
                v.push((Manager::You, format!("EC2: you create the instances and install {software}.")));
                v.push((
                    Manager::You,
                    "EC2: you update the operating system and join the instances to the cluster.".into(),
                ));
                v.push((
                    Manager::You,
                    "EC2: you check there are enough instances and resources; you pay for the instances.".into(),
                ));
                v.push((Manager::You, "EC2 gives full access to and control of the infrastructure.".into()));
            }
            Hosting::Nodegroup => {
                v.push((Manager::Shared, "Node group: AWS creates and deletes the EC2 instances and installs their software; you configure the group.".into()));
                v.push((Manager::Shared, "Node group: autoscaling is not on out of the box; set it up in Kubernetes (Cluster Autoscaler or Karpenter) and in AWS (the Auto Scaling group).".into()));
                v.push((Manager::You, "Node group: you pay for the EC2 instances.".into()));
            }
            Hosting::ManagedInstances => {
                v.push((Manager::Aws, "Managed Instances: ECS provisions, patches and scales the EC2 instances from the instance requirements you give.".into()));
                v.push((Manager::You, "Managed Instances: you choose those requirements and pay for the instances plus a management charge.".into()));
            }
            Hosting::AutoMode => {
                v.push((Manager::Aws, "Auto Mode: AWS launches, patches and replaces the nodes (each at most 21 days old) and runs their core networking, storage and load-balancing components.".into()));
                v.push((Manager::You, "Auto Mode: you choose the NodePools (or use the built-in ones) and pay for the instances plus a management charge.".into()));
            }
            Hosting::Fargate => {
                let unit = if ecs { "task" } else { "pod" };
                v.push((Manager::Aws, format!("Fargate: AWS provisions, patches and scales the servers, so there are none for you to manage; each {unit} runs in its own isolated environment.")));
                v.push((Manager::You, if ecs {
                    "Fargate: the tasks are still yours: you define each one's CPU and memory, subnets and security groups, and IAM roles (task role, task execution role).".into()
                } else {
                    "Fargate: the pods are still yours: you create Fargate profiles (up to five selectors each, a namespace and optionally labels), and matching pods run on Fargate, in private subnets only.".into()
                }));
                v.push((Manager::You, format!("Fargate: you pay per second for the vCPU and memory each {unit} requests, from the start of its image pull until it stops (one minute at least), not for what it uses.")));
            }
        }
    }
    // Who pulls: the instances of every hosting kind but Fargate, the tasks or pods on Fargate.
    let mut pullers: Vec<&str> = Vec::new();
    if p.hosting.iter().any(|h| *h != Hosting::Fargate) {
        pullers.push("EC2 instances");
    }
    if p.hosting.contains(&Hosting::Fargate) {
        pullers.push(if ecs { "Fargate tasks" } else { "Fargate pods" });
    }
    let who = pullers.join(" and ");
    let reg = match p.registry {
        Registry::Ecr => (
            Manager::Aws,
            format!(
                "{who} pull images from Amazon ECR: private repositories in your account, in a service that AWS runs."
            ),
        ),
        Registry::Dockerhub => (
            Manager::ThirdParty,
            format!("{who} pull images from Docker Hub, a public registry run by Docker, with pull rate limits."),
        ),
        Registry::Nexus => {
            (Manager::You, format!("{who} pull images from your own Nexus registry, which you host and run."))
        }
    };
    v.push(reg);
    v
}

fn default_title(p: &Preset) -> String {
    let service = match p.service {
        Service::Ecs => "Amazon ECS",
        Service::Eks => "Amazon EKS",
    };
    let parts: Vec<&str> = p
        .hosting
        .iter()
        .map(|h| match h {
            Hosting::Ec2 => "self-managed EC2",
            Hosting::ManagedInstances => "Managed Instances",
            Hosting::Nodegroup => "managed node groups",
            Hosting::AutoMode => "Auto Mode nodes",
            Hosting::Fargate => "Fargate",
        })
        .collect();
    format!("{service} on {}", parts.join(" + "))
}
