//! The architecture form as elements and relations: Region › VPC › AZ › public and private subnets, the
//! control plane beside the VPC (ECS: in the Region; EKS: in an AWS-managed VPC, reaching your nodes
//! through its network interfaces in your private subnets), capacity in the private subnets, the cluster
//! and each Auto Scaling group or node group as an overlay across the AZs, load balancers and the path of
//! traffic in, and who manages each part (DOMAIN.md, "Facts beyond the notes"). Labels are the names the
//! user gave; ids are made from positions only, so they are unique and say nothing of the input.

use super::builder::Builder;
use super::types::{EdgeStyle, Manager, Model};
use crate::spec::arch::{Architecture, Nat, Pools, ProviderKind, Target};
use crate::spec::{Registry, Service, Spec};

/// "AZ a", "AZ a and AZ b", "AZ a, AZ b and AZ c".
fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Item `n` of `count` spread AZ by AZ over `azs` (the first AZs get the first items).
fn az_of(n: usize, count: usize, azs: usize) -> usize {
    n * azs / count.max(1)
}

/// The software drawn inside an instance or node in full detail (ECS: the agent and Docker; EKS:
/// kubelet, kube-proxy, containerd and a pod), all run by `by` but the pod, which is yours. Returns the
/// agent, which the control plane manages.
fn software(b: &mut Builder, node: usize, id: &str, ecs: bool, by: Manager) -> usize {
    let add = |b: &mut Builder, part: &str, label: &str, kind: &str, who: Manager, what: &str| {
        b.el(format!("{id}-{part}"), label, kind, who, Some(node), false, what)
    };
    // Every node lists its software in one order.
    b.m.ordered.insert(node);
    if ecs {
        let agent = add(b, "agent", "ECS Agent", "agent", by, "talks to the control plane to run and stop containers");
        add(b, "runtime", "Docker", "runtime", by, "the container runtime that runs the containers");
        agent
    } else {
        let kubelet =
            add(b, "kubelet", "kubelet", "agent", by, "the Kubernetes node agent, registered with the API server");
        add(b, "kube-proxy", "kube-proxy", "agent", by, "maintains the network rules for Kubernetes services");
        add(b, "runtime", "containerd", "runtime", by, "the container runtime of EKS nodes since Kubernetes 1.24");
        add(b, "pod", "Pod", "pod", Manager::You, "your containers, scheduled onto this node by Kubernetes");
        kubelet
    }
}

/// Whether EKS Auto Mode runs the cluster's nodes.
fn auto_mode(a: &Architecture) -> bool {
    a.cluster.pools.as_ref().is_some_and(|p| p.0 == Pools::AutoMode)
}

/// Where a node goes and who reaches it: its private subnet, the box that manages it there (its AZ's
/// network interface), and whether it shows its software.
struct Place {
    subnet: usize,
    manager: usize,
    full: bool,
}

/// Adds an EKS node (of a node group or a NodePool): the box, its software in full detail and the
/// relation that manages it (the caller adds the rest, in its own order). Returns the node.
fn eks_node(b: &mut Builder, id: String, label: &str, by: Manager, at: &Place, what: &str) -> usize {
    let i = b.el(id.clone(), label, "worker-node", by, Some(at.subnet), at.full, what);
    let managed = if at.full { software(b, i, &id, false, by) } else { i };
    b.m.relate(at.manager, managed, None, EdgeStyle::Manages);
    i
}

/// Builds the model of an architecture.
pub(super) fn build(a: &Architecture, spec: &Spec) -> Model {
    let ecs = a.cluster.service == Service::Ecs;
    let service = if ecs { "Amazon ECS" } else { "Amazon EKS" };
    let title = spec.title.clone().unwrap_or_else(|| format!("{} ({service}) in {}", a.cluster.name, a.region));
    let mut b = Builder { m: Model::new(title, spec.theme.unwrap_or_default(), spec.direction) };
    let az_names = &a.vpc.azs;
    let n_az = az_names.len();
    let facing: Vec<usize> = (0..a.load_balancers.len()).filter(|&i| !a.load_balancers[i].internal).collect();
    let public = a.vpc.nat != Nat::None || !facing.is_empty();

    let internet = (!facing.is_empty()).then(|| {
        b.el(
            "internet",
            "Internet",
            "internet",
            Manager::ThirdParty,
            None,
            false,
            "the clients who call your services from the internet",
        )
    });
    let region = b.el(
        "region",
        &a.region,
        "region",
        Manager::Aws,
        None,
        true,
        "an AWS Region, AWS's; your VPC, the control plane and the regional services you use are in it",
    );
    let cp = if ecs {
        b.el("control-plane", "ECS control plane", "control-plane", Manager::Aws, Some(region), false, "created with the cluster; AWS runs it in the Region, outside your VPC, and it places and watches your tasks")
    } else {
        let aws_vpc = b.el(
            "aws-vpc",
            "AWS-managed VPC",
            "vpc",
            Manager::Aws,
            Some(region),
            true,
            "the VPC, in AWS's account, where EKS runs the control plane",
        );
        let cp = b.el("control-plane", "EKS control plane", "control-plane", Manager::Aws, Some(aws_vpc), a.full, "the Kubernetes API servers (at least two) and etcd (three instances) across three availability zones, run by AWS; its API endpoint is public, private or both");
        if a.full {
            for (k, letter) in ['a', 'b', 'c'].into_iter().enumerate() {
                let az = b.el(
                    format!("cp-az-{letter}"),
                    &format!("AZ {letter}"),
                    "az",
                    Manager::Aws,
                    Some(cp),
                    true,
                    "an availability zone of the control plane",
                );
                b.el(
                    format!("api-server-{}", k + 1),
                    "API server",
                    "api-server",
                    Manager::Aws,
                    Some(az),
                    false,
                    "a Kubernetes API server instance",
                );
                b.el(
                    format!("etcd-{}", k + 1),
                    "etcd",
                    "etcd",
                    Manager::Aws,
                    Some(az),
                    false,
                    "an etcd instance holding the cluster state",
                );
            }
        }
        cp
    };
    let (reg_label, reg_by, reg_parent, reg_what) = match a.registry {
        Registry::Ecr => (
            "Amazon ECR",
            Manager::Aws,
            Some(region),
            "the Region's private registry: repositories in your account, pulled from with the node role or the task execution role",
        ),
        Registry::Dockerhub => {
            ("Docker Hub", Manager::ThirdParty, None, "a third-party public registry, with pull rate limits")
        }
        Registry::Nexus => ("Nexus registry", Manager::You, None, "a registry that you host and run yourself"),
    };
    let registry = b.el("registry", reg_label, "registry", reg_by, reg_parent, false, reg_what);
    let vpc_what = format!(
        "your VPC in {}, spanning {}; its subnets, route tables and gateways are yours",
        a.region,
        and_list(az_names)
    );
    let vpc = b.el("vpc", &a.vpc.name, "vpc", Manager::You, Some(region), true, &vpc_what);
    let igw = public.then(|| {
        b.el(
            "igw",
            "Internet gateway",
            "internet-gateway",
            Manager::You,
            Some(vpc),
            false,
            "routes the public subnets to and from the internet",
        )
    });
    if !a.vpc.endpoints.is_empty() {
        let label = format!("Endpoints: {}", a.vpc.endpoints.join(", "));
        b.el(
            "endpoints",
            &label,
            "vpc-endpoint",
            Manager::You,
            Some(vpc),
            false,
            "VPC endpoints: the private subnets reach these AWS services without NAT",
        );
    }
    // The AZs, each with its subnets.
    let mut private = Vec::new();
    let mut nats: Vec<Option<usize>> = Vec::new();
    for (k, name) in az_names.iter().enumerate() {
        let az = b.el(
            format!("az-{k}"),
            name,
            "az",
            Manager::Aws,
            Some(vpc),
            true,
            "an availability zone of the Region, AWS's; each subnet lies in exactly one",
        );
        if public {
            let sub = b.el(
                format!("az-{k}-public"),
                "Public subnet",
                "subnet",
                Manager::You,
                Some(az),
                true,
                "a subnet whose route table sends traffic to the internet gateway",
            );
            let nat = match a.vpc.nat {
                Nat::PerAz => true,
                Nat::Single => k == 0,
                Nat::None => false,
            };
            let what = if a.vpc.nat == Nat::Single && n_az > 1 {
                "the VPC's one NAT gateway: the private subnets of every AZ reach out through it (to pull images, to AWS APIs) and the internet gateway, so losing this AZ cuts them all off"
            } else {
                "lets this AZ's private subnet reach out (to pull images, to AWS APIs) through the internet gateway"
            };
            nats.push(
                nat.then(|| {
                    b.el(format!("nat-{k}"), "NAT gateway", "nat-gateway", Manager::You, Some(sub), false, what)
                }),
            );
        }
        let what = if ecs {
            "a subnet with no route from the internet; your instances and tasks run here"
        } else {
            "a subnet with no route from the internet; your nodes and pods run here"
        };
        private.push(b.el(format!("az-{k}-private"), "Private subnet", "subnet", Manager::You, Some(az), true, what));
    }
    // Private subnets reach out through their AZ's NAT gateway. A single NAT gateway serves every AZ; only
    // its own AZ's edge is drawn (its sentence says so): edges across the AZs would stack the AZ columns.
    for (k, &sub) in private.iter().enumerate() {
        if let Some(nat) = nats.get(k).copied().flatten() {
            b.m.relate(sub, nat, None, EdgeStyle::Traffic);
            // And on out through the internet gateway, where no traffic comes in through it (that path
            // runs the other way, and both would make a cycle).
            if let (Some(gw), true) = (igw, facing.is_empty()) {
                b.m.relate(nat, gw, None, EdgeStyle::Traffic);
            }
        }
    }
    // EKS places the control plane's network interfaces in your subnets.
    let enis: Vec<usize> = if ecs {
        Vec::new()
    } else {
        (0..n_az)
            .map(|k| {
                let e = b.el(format!("eni-{k}"), "Control plane ENI", "network-interface", Manager::Aws, Some(private[k]), false, "a network interface that EKS places in your subnet, through which the control plane reaches your nodes");
                b.m.relate(cp, e, None, EdgeStyle::Manages);
                e
            })
            .collect()
    };
    let mut capacity: Vec<usize> = enis.clone();
    // What each load balancer target is drawn as.
    let mut service_tasks: Vec<Vec<usize>> = vec![Vec::new(); a.cluster.services.len()];
    let mut group_nodes: Vec<Vec<usize>> = vec![Vec::new(); a.cluster.node_groups.len()];
    let mut profile_pods: Vec<Vec<usize>> = vec![Vec::new(); a.cluster.fargate_profiles.len()];
    let mut pool_nodes: Vec<Vec<usize>> = vec![Vec::new(); a.cluster.pools.as_ref().map_or(0, |p| p.1.len())];
    // Who reaches a box in AZ k: the ECS control plane directly, the EKS one through that AZ's ENI.
    let manager_of = |k: usize| if ecs { cp } else { enis[k] };

    // What you do to the capacity you run, for "You": boxes and the words on the first edge to them.
    let mut operated: Vec<(Vec<usize>, &str)> = Vec::new();
    if ecs {
        // Instances of the Auto Scaling group and managed-instances providers.
        let mut instances: Vec<Vec<usize>> = vec![Vec::new(); a.cluster.providers.len()];
        for (p, prov) in a.cluster.providers.iter().enumerate() {
            if prov.kind.is_fargate() {
                continue;
            }
            let hosts = a.cluster.services.iter().any(|s| s.strategy.contains(&p)) || a.full;
            let stem = prov.member.clone().unwrap_or_else(|| format!("{} instance", prov.name));
            let (by, what) = if prov.kind == ProviderKind::Asg {
                (
                    Manager::You,
                    format!(
                        "an EC2 instance of the Auto Scaling group behind capacity provider {}; you manage its operating system, Docker and the ECS agent, which registers it with the cluster (container instance role)",
                        prov.name
                    ),
                )
            } else {
                (
                    Manager::Aws,
                    format!(
                        "an EC2 instance that ECS Managed Instances (capacity provider {}) provisions, patches and scales from your instance requirements; you pay for it and a management charge",
                        prov.name
                    ),
                )
            };
            for n in 0..prov.instances as usize {
                let k = az_of(n, prov.instances as usize, n_az);
                let label = format!("{stem} {}", n + 1);
                let id = format!("cp-{p}-instance-{}", n + 1);
                let i = b.el(id.clone(), &label, "worker-node", by, Some(private[k]), hosts, &what);
                if a.full {
                    // The agent is what the control plane talks to, and it registers the instance.
                    let agent = software(&mut b, i, &id, true, by);
                    b.m.relate(cp, agent, None, EdgeStyle::Manages);
                    b.m.relate(agent, cp, None, EdgeStyle::Registers);
                } else {
                    b.m.relate(cp, i, None, EdgeStyle::Manages);
                }
                b.m.relate(i, registry, None, EdgeStyle::Pulls);
                instances[p].push(i);
                capacity.push(i);
            }
            let (label, by, what) = if prov.kind == ProviderKind::Asg {
                (
                    format!("{} (Auto Scaling group)", prov.name),
                    Manager::You,
                    "an Auto Scaling group capacity provider: your group across the private subnets; with managed scaling, ECS sets its desired size",
                )
            } else {
                (
                    format!("{} (Managed Instances)", prov.name),
                    Manager::Shared,
                    "an ECS Managed Instances capacity provider: you give instance requirements, ECS runs the instances",
                )
            };
            let members = instances[p].clone();
            if prov.kind == ProviderKind::Asg {
                operated.push((members.clone(), "create, install, patch, join, scale"));
            }
            // An Auto Scaling group of EC2 instances (data-kind "ec2"), not an EKS node group.
            b.overlay(format!("provider-{p}"), &label, "ec2", by, members, what);
        }
        // Each service's tasks, spread over its strategy's providers in turn.
        for (s, svc) in a.cluster.services.iter().enumerate() {
            let desired = svc.desired as usize;
            let mut placed = vec![0usize; a.cluster.providers.len()];
            for t in 0..desired {
                let p = svc.strategy[t % svc.strategy.len()];
                let prov = &a.cluster.providers[p];
                let nth = placed[p];
                placed[p] += 1;
                let label = match &svc.member {
                    Some(m) => format!("{m} {}", t + 1),
                    None => format!("{} task {}", svc.name, t + 1),
                };
                let id = format!("svc-{s}-task-{}", t + 1);
                if prov.kind.is_fargate() {
                    let on = if prov.kind == ProviderKind::FargateSpot { "Fargate Spot" } else { "Fargate" };
                    // On Fargate each task has its own network interface in a private subnet.
                    let k = az_of(t, desired, n_az);
                    let what = format!(
                        "a task of service {} (task definition {}): your containers, run by {on} in its own isolated environment with its own network interface in this subnet; you set its CPU, memory and roles",
                        svc.name, svc.task_definition
                    );
                    let i = b.el(id, &label, "task", Manager::You, Some(private[k]), false, &what);
                    b.m.relate(manager_of(k), i, None, EdgeStyle::Manages);
                    b.m.relate(i, registry, None, EdgeStyle::Pulls);
                    service_tasks[s].push(i);
                    capacity.push(i);
                } else if let Some(&host) = instances[p].get(nth % instances[p].len().max(1)) {
                    let what = format!(
                        "a task of service {} (task definition {}): your containers, placed on this instance by ECS",
                        svc.name, svc.task_definition
                    );
                    let i = b.el(id, &label, "task", Manager::You, Some(host), false, &what);
                    service_tasks[s].push(i);
                } else {
                    // A provider with no instances drawn: the task waits for capacity; drawn beside it.
                    let what = format!(
                        "a task of service {} waiting for an instance of capacity provider {}, which has none",
                        svc.name, prov.name
                    );
                    let i = b.el(id, &label, "task", Manager::You, Some(private[0]), false, &what);
                    service_tasks[s].push(i);
                    capacity.push(i);
                }
            }
        }
    } else {
        for (g, ng) in a.cluster.node_groups.iter().enumerate() {
            let (by, what) = if ng.managed {
                (
                    Manager::Shared,
                    format!(
                        "a node of managed node group {}: EKS created it from an EKS-optimised AMI and drains and replaces it during updates; you chose its type and when to update",
                        ng.name
                    ),
                )
            } else {
                (
                    Manager::You,
                    format!(
                        "a node of self-managed group {}: you run its Auto Scaling group, operating system, containerd, kubelet and kube-proxy, and join it to the cluster",
                        ng.name
                    ),
                )
            };
            let desired = ng.desired as usize;
            for n in 0..desired {
                let k = az_of(n, desired, n_az);
                let label = match &ng.member {
                    Some(m) => format!("{m} {}", n + 1),
                    None => format!("{} node {}", ng.name, n + 1),
                };
                let at = Place { subnet: private[k], manager: manager_of(k), full: a.full };
                let i = eks_node(&mut b, format!("ng-{g}-node-{}", n + 1), &label, by, &at, &what);
                b.m.relate(i, registry, None, EdgeStyle::Pulls);
                group_nodes[g].push(i);
                capacity.push(i);
            }
            let types = if ng.instance_types.is_empty() {
                String::new()
            } else {
                format!("{}, ", ng.instance_types.join(", "))
            };
            let size = format!(
                "{types}{}, {} to {} nodes (desired {})",
                if ng.spot { "spot" } else { "on-demand" },
                ng.min,
                ng.max,
                ng.desired
            );
            let (label, by, what) = if ng.managed {
                (
                    format!("{} (managed node group)", ng.name),
                    Manager::Shared,
                    format!(
                        "a managed node group, {size}: EKS runs its Auto Scaling group across the private subnets; scaling on demand needs Cluster Autoscaler or Karpenter as well"
                    ),
                )
            } else {
                (
                    format!("{} (self-managed nodes)", ng.name),
                    Manager::You,
                    format!("self-managed nodes, {size}, in your own Auto Scaling group"),
                )
            };
            let words =
                if ng.managed { "configure, set up autoscaling" } else { "create, install, patch, join, scale" };
            operated.push((group_nodes[g].clone(), words));
            let kind = if ng.managed { "nodegroup" } else { "ec2" };
            b.overlay(format!("ng-{g}"), &label, kind, by, group_nodes[g].clone(), &what);
        }
        if let Some((who, pools)) = &a.cluster.pools {
            let auto = *who == Pools::AutoMode;
            // Karpenter is yours: it runs as pods in the cluster and creates and deletes the nodes.
            let karpenter = (!auto).then(|| {
                b.el(
                    "karpenter",
                    "Karpenter",
                    "autoscaler",
                    Manager::You,
                    Some(vpc),
                    false,
                    "the open-source node autoscaler you install and run in the cluster, as pods on its nodes; it launches EC2 instances straight from your NodePools, without node groups",
                )
            });
            if let Some(kp) = karpenter {
                operated.push((vec![kp], "install, define NodePools"));
            }
            for (q, pool) in pools.iter().enumerate() {
                let types = if pool.instance_types.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", pool.instance_types.join(", "))
                };
                let cap = if pool.spot { "spot" } else { "on-demand" };
                let (by, what) = if auto {
                    (
                        Manager::Aws,
                        format!(
                            "a node EKS Auto Mode launched for NodePool {}, {cap}{types}: AWS patches and replaces it (at most 21 days old) and runs its networking, storage and load-balancing components",
                            pool.name
                        ),
                    )
                } else {
                    (
                        Manager::You,
                        format!(
                            "an EC2 instance Karpenter launched for NodePool {}, {cap}{types}: you pay for it and choose its AMI family",
                            pool.name
                        ),
                    )
                };
                let n_nodes = pool.nodes as usize;
                for n in 0..n_nodes {
                    let k = az_of(n, n_nodes, n_az);
                    let label = format!("{} node {}", pool.name, n + 1);
                    let at = Place { subnet: private[k], manager: manager_of(k), full: a.full };
                    let i = eks_node(&mut b, format!("pool-{q}-node-{}", n + 1), &label, by, &at, &what);
                    if let Some(kp) = karpenter {
                        b.m.relate(kp, i, None, EdgeStyle::Lifecycle);
                    }
                    b.m.relate(i, registry, None, EdgeStyle::Pulls);
                    pool_nodes[q].push(i);
                    capacity.push(i);
                }
                let (label, by, what) = if auto {
                    (
                        format!("{} (Auto Mode NodePool)", pool.name),
                        Manager::Shared,
                        "an EKS Auto Mode NodePool: you choose it (or use a built-in one), AWS runs its nodes",
                    )
                } else {
                    (
                        format!("{} (Karpenter NodePool)", pool.name),
                        Manager::You,
                        "a Karpenter NodePool: your definition of the nodes Karpenter may launch",
                    )
                };
                b.overlay(format!("pool-{q}"), &label, "nodegroup", by, pool_nodes[q].clone(), what);
            }
        }
        for (f, fp) in a.cluster.fargate_profiles.iter().enumerate() {
            let sel: Vec<String> = fp
                .selectors
                .iter()
                .map(|s| {
                    if s.labels.is_empty() {
                        format!("namespace {}", s.namespace)
                    } else {
                        let l: Vec<String> = s.labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
                        format!("namespace {} with {}", s.namespace, l.join(", "))
                    }
                })
                .collect();
            let what = format!(
                "your pod, matched by Fargate profile {} ({}); Fargate runs it in its own isolated environment, in a private subnet, with no node to see or patch",
                fp.name,
                and_list(&sel)
            );
            let pods = fp.pods as usize;
            for n in 0..pods {
                let k = az_of(n, pods, n_az);
                let i = b.el(
                    format!("fp-{f}-pod-{}", n + 1),
                    &match &fp.member {
                        Some(m) => format!("{m} {}", n + 1),
                        None => format!("{} pod {}", fp.name, n + 1),
                    },
                    "pod",
                    Manager::You,
                    Some(private[k]),
                    false,
                    &what,
                );
                b.m.relate(manager_of(k), i, None, EdgeStyle::Manages);
                b.m.relate(i, registry, None, EdgeStyle::Pulls);
                profile_pods[f].push(i);
                capacity.push(i);
            }
        }
    }
    // Load balancers in the VPC (internet-facing ones in the public subnets), sending traffic to targets.
    for (l, lb) in a.load_balancers.iter().enumerate() {
        let kind = if lb.network { "Network Load Balancer" } else { "Application Load Balancer" };
        let (scheme, subnets) = if lb.internal { ("internal", "private") } else { ("internet-facing", "public") };
        let how = if ecs {
            "ECS registers the service's tasks in its target group"
        } else if auto_mode(a) {
            "EKS Auto Mode's built-in load balancing creates it for an Ingress or a Service of type LoadBalancer"
        } else if lb.network {
            "on EKS the AWS Load Balancer Controller, which you install, creates it for a Service of type LoadBalancer"
        } else {
            "on EKS the AWS Load Balancer Controller, which you install, creates it for an Ingress"
        };
        let what = format!(
            "an {scheme} {kind} in the {subnets} subnets of {}; AWS runs and scales it, you configure its listeners, rules and target groups; {how}",
            and_list(az_names)
        );
        let i = b.el(format!("lb-{l}"), &lb.name, "load-balancer", Manager::Shared, Some(vpc), false, &what);
        if let (false, Some(net), Some(gw)) = (lb.internal, internet, igw) {
            if l == facing[0] {
                b.m.relate(net, gw, None, EdgeStyle::Traffic);
            }
            b.m.relate(gw, i, None, EdgeStyle::Traffic);
        }
        for t in &lb.targets {
            let to = match *t {
                Target::Service(s) => &service_tasks[s],
                Target::NodeGroup(g) => &group_nodes[g],
                Target::Profile(f) => &profile_pods[f],
                Target::NodePool(q) => &pool_nodes[q],
            };
            for &x in to {
                b.m.relate(i, x, None, EdgeStyle::Traffic);
            }
        }
    }
    let cluster_what = if ecs {
        "a logical grouping of your services and capacity that you create and configure (capacity providers, settings); AWS runs its control plane"
    } else {
        "AWS runs the control plane; you start each Kubernetes version upgrade, keep the add-ons current (Amazon VPC CNI, CoreDNS, kube-proxy) and control access (access entries, RBAC)"
    };
    b.overlay("cluster".into(), &a.cluster.name, "cluster", Manager::Shared, capacity, cluster_what);
    // One trunk per relation kind where many boxes share an end.
    for r in &mut b.m.relations {
        r.bundle = Some(r.style as usize);
    }
    if a.you {
        let you =
            b.el("you", "You", "user", Manager::You, None, false, "you and your team, who build and run this setup");
        let what = if ecs {
            "define services and tasks"
        } else if a.cluster.fargate_profiles.is_empty() {
            "upgrade, add-ons, access"
        } else {
            "upgrade, add-ons, access, Fargate profiles"
        };
        // Beside trunks to the capacity you run, the edge goes unlabelled (their lines leave its label no
        // room off them; the panel and its sentence say what it is).
        let words = operated.is_empty().then(|| what.to_string());
        b.m.relate(you, cp, words, EdgeStyle::Operates);
        // Each group of boxes you run gets one trunk from You, with the words on it once.
        for (k, (targets, words)) in operated.iter().enumerate() {
            for (j, &t) in targets.iter().enumerate() {
                b.m.relate(you, t, (j == 0).then(|| words.to_string()), EdgeStyle::Operates);
                if let Some(r) = b.m.relations.last_mut() {
                    r.bundle = Some(EdgeStyle::Traffic as usize + 1 + k);
                }
            }
        }
    }
    b.m.notes = notes(a);
    b.m
}

/// Who does what, for the parts this architecture has.
fn notes(a: &Architecture) -> Vec<(Manager, String)> {
    let ecs = a.cluster.service == Service::Ecs;
    let mut v: Vec<(Manager, String)> = Vec::new();
    v.push((Manager::Aws, if ecs {
        "AWS runs the ECS control plane in the Region; the cluster is yours to create and configure.".into()
    } else {
        "AWS runs the EKS control plane in its own VPC and reaches your nodes through network interfaces in your subnets; you start each version upgrade, keep the add-ons current and control access.".into()
    }));
    v.push((
        Manager::You,
        "The Region and its AZs are AWS's; the VPC, its subnets, route tables and gateways are yours.".into(),
    ));
    let kinds = |f: fn(ProviderKind) -> bool| a.cluster.providers.iter().any(|p| f(p.kind));
    if kinds(|k| k == ProviderKind::Asg) {
        v.push((Manager::You, "Auto Scaling group providers: you manage the instances' operating system, Docker and the ECS agent; you pay for the instances.".into()));
    }
    if kinds(|k| k == ProviderKind::ManagedInstances) {
        v.push((Manager::Aws, "Managed Instances: ECS provisions, patches and scales the instances from your requirements; you pay for them plus a management charge.".into()));
    }
    let fargate = kinds(ProviderKind::is_fargate) || !a.cluster.fargate_profiles.is_empty();
    if fargate {
        let unit = if ecs { "task" } else { "pod" };
        v.push((Manager::Aws, format!("Fargate: AWS provisions, patches and scales the compute; each {unit} runs in its own isolated environment.")));
        v.push((Manager::You, format!("Fargate: the {unit}s are yours: their CPU and memory, subnets, security groups and roles; you pay per second for what each requests (one minute at least).")));
    }
    if ecs && kinds(|k| k == ProviderKind::Asg) && kinds(ProviderKind::is_fargate) {
        v.push((Manager::You, "One capacity provider strategy cannot mix an Auto Scaling group provider with Fargate providers: each service here uses one kind.".into()));
    }
    if a.cluster.node_groups.iter().any(|g| g.managed) {
        v.push((Manager::Shared, "Managed node groups: EKS creates the instances from EKS-optimised AMIs and drains and replaces them during updates; you choose instance types, on-demand or spot, sizes and when to update.".into()));
    }
    if a.cluster.node_groups.iter().any(|g| !g.managed) {
        v.push((Manager::You, "Self-managed nodes: the instances, their Auto Scaling group, operating system and Kubernetes software are all yours.".into()));
    }
    match a.cluster.pools.as_ref().map(|p| p.0) {
        Some(Pools::Karpenter) => v.push((Manager::You, "Karpenter: you install and run it in the cluster; it launches EC2 instances straight from your NodePools, without node groups, and you pay for them.".into())),
        Some(Pools::AutoMode) => v.push((Manager::Aws, "EKS Auto Mode: AWS launches, patches and replaces the nodes (each at most 21 days old) and runs their networking, storage and load-balancing components; you choose the NodePools.".into())),
        None => {}
    }
    if !a.cluster.fargate_profiles.is_empty() {
        v.push((Manager::You, "Fargate profiles: pods matching a profile's selectors (a namespace, optionally labels) run on Fargate, in private subnets only.".into()));
    }
    // Pulling out of private subnets needs NAT or the ECR endpoints.
    let e = &a.vpc.endpoints;
    let ecr_endpoints = ["ecr.api", "ecr.dkr", "s3"].iter().all(|x| e.contains(x));
    if a.registry == Registry::Ecr {
        if ecr_endpoints {
            v.push((Manager::You, "Images come from Amazon ECR through the endpoints ecr.api and ecr.dkr, their layers through the S3 gateway endpoint.".into()));
        } else if a.vpc.nat != Nat::None {
            v.push((Manager::You, "Images come from Amazon ECR through the NAT gateways; the endpoints ecr.api, ecr.dkr and s3 would keep the pulls inside AWS.".into()));
        } else {
            v.push((Manager::You, "Warning: with no NAT gateway the private subnets need the endpoints ecr.api, ecr.dkr and s3 to pull from Amazon ECR; this VPC lacks them.".into()));
        }
    } else if a.vpc.nat == Nat::None {
        v.push((
            Manager::You,
            "Warning: with no NAT gateway the private subnets cannot reach a registry outside AWS.".into(),
        ));
    }
    let agent = ["ecs", "ecs-agent", "ecs-telemetry"].iter().all(|x| e.contains(x));
    if ecs && a.vpc.nat == Nat::None && kinds(|k| !k.is_fargate()) && !agent {
        v.push((Manager::You, "Warning: with no NAT gateway the ECS agent needs the endpoints ecs, ecs-agent and ecs-telemetry; this VPC lacks them.".into()));
    }
    if !a.load_balancers.is_empty() {
        let how = if ecs {
            "ECS registers the tasks in their target groups."
        } else if auto_mode(a) {
            "EKS Auto Mode creates them for Ingresses and Services with its built-in load balancing."
        } else {
            "On EKS the AWS Load Balancer Controller, which you install, creates them for Ingresses and Services."
        };
        v.push((
            Manager::Shared,
            format!(
                "Load balancers: AWS runs and scales them; you configure listeners, rules and target groups. {how}"
            ),
        ));
    }
    v
}
