//! The five service × hosting presets (and their mixes) as the elements and relations of docs/domain.md
//! ("What each preset draws", "Who manages what", "Relations").

use super::builder::Builder;
use super::types::{EdgeStyle, Manager, Model};
use crate::spec::{Detail, Hosting, Preset, Registry, Service, Spec};

const AZ_LETTERS: [char; 6] = ['a', 'b', 'c', 'd', 'e', 'f'];

/// Builds the model of a preset.
pub fn build(p: &Preset, spec: &Spec) -> Model {
    let ecs = p.service == Service::Ecs;
    let title = spec.title.clone().unwrap_or_else(|| default_title(p));
    let mut b = Builder { m: Model::new(title, spec.theme.unwrap_or_default(), spec.direction) };
    // The cluster is shared on every hosting kind: AWS runs its control plane, you create and configure it.
    let (cluster_label, cluster_what) = if ecs {
        (
            "ECS cluster",
            "a logical grouping of your services and capacity that you create and configure (capacity providers, settings); AWS runs its control plane",
        )
    } else {
        (
            "EKS cluster",
            "managed, upstream Kubernetes: AWS runs the control plane; you start each version upgrade, keep the add-ons current (Amazon VPC CNI, CoreDNS, kube-proxy) and control access (access entries, RBAC)",
        )
    };
    let cluster = b.el("cluster", cluster_label, "cluster", Manager::Shared, None, true, cluster_what);

    // The control plane: one AWS-run service for ECS; for EKS, control plane nodes in an AWS-managed VPC
    // replicated over three availability zones.
    let cp = if ecs {
        b.el(
            "control-plane",
            "ECS control plane",
            "control-plane",
            Manager::Aws,
            Some(cluster),
            false,
            "created with the cluster; orchestrates the containers",
        )
    } else {
        let aws_vpc = b.el(
            "aws-vpc",
            "AWS-managed VPC",
            "vpc",
            Manager::Aws,
            Some(cluster),
            true,
            "the VPC where AWS runs the control plane",
        );
        let cp = b.el(
            "control-plane",
            "Kubernetes control plane",
            "control-plane",
            Manager::Aws,
            Some(aws_vpc),
            true,
            "control plane nodes deployed and run by EKS, replicated across three availability zones",
        );
        for (k, letter) in AZ_LETTERS.iter().take(3).enumerate() {
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
        cp
    };

    let vpc = b.el(
        "vpc",
        "Your VPC",
        "vpc",
        Manager::You,
        Some(cluster),
        true,
        "your VPC, whose subnets hold the worker capacity",
    );

    // EKS reaches the nodes through network interfaces it places in your subnets.
    if !ecs {
        let eni = b.el(
            "control-plane-eni",
            "Control plane ENIs",
            "network-interface",
            Manager::Aws,
            Some(vpc),
            false,
            "network interfaces that EKS places in your subnets, through which the control plane reaches your nodes",
        );
        b.m.relate(cp, eni, Some("reaches your nodes".into()), EdgeStyle::Manages);
    }

    let (reg_id, reg_label, reg_by, reg_what) = match p.registry {
        Registry::Ecr => (
            "registry",
            "Amazon ECR",
            Manager::Aws,
            "the private Docker registry of AWS, holding your container images",
        ),
        Registry::Dockerhub => {
            ("registry", "Docker Hub", Manager::ThirdParty, "a public container registry, an alternative to ECR")
        }
        Registry::Nexus => {
            ("registry", "Nexus registry", Manager::You, "a self-hosted registry, an alternative to ECR")
        }
    };
    let registry = b.el(reg_id, reg_label, "registry", reg_by, None, false, reg_what);

    for &h in &p.hosting {
        let (hid, hlabel, hkind, hby, hwhat) = match h {
            Hosting::Ec2 => (
                "ec2",
                if ecs { "Self-managed EC2 instances" } else { "Self-managed nodes (compute fleet)" },
                "ec2",
                Manager::You,
                "EC2 instances you create, join to the cluster, patch and scale; you pay for the instances",
            ),
            Hosting::Nodegroup => (
                "nodegroup",
                "Managed node group",
                "nodegroup",
                Manager::Shared,
                "an Auto Scaling group that creates and deletes EC2 instances as you configure it; autoscaling needs setting up in Kubernetes and AWS",
            ),
            Hosting::Fargate => (
                "fargate",
                "AWS Fargate",
                "fargate",
                Manager::Aws,
                if ecs {
                    "serverless compute: AWS provisions, patches and scales the servers; you pay per second for the vCPU and memory each task requests"
                } else {
                    "serverless compute: AWS provisions, patches and scales the servers; you pay per second for the vCPU and memory each pod requests"
                },
            ),
        };
        let hg = b.el(hid, hlabel, hkind, hby, Some(vpc), true, hwhat);
        let az_what = match h {
            Hosting::Fargate if ecs => {
                "an availability zone of the Region, AWS's; these tasks run in your subnet there"
            }
            Hosting::Fargate => {
                "an availability zone of the Region, AWS's; these pods run in your private subnet there"
            }
            _ => "an availability zone of the Region, AWS's; these instances run in your subnet there",
        };
        let azs: Vec<usize> = AZ_LETTERS
            .iter()
            .take(p.azs as usize)
            .map(|letter| {
                b.el(format!("{hid}-az-{letter}"), &format!("AZ {letter}"), "az", Manager::Aws, Some(hg), true, az_what)
            })
            .collect();
        // Workers numbered AZ by AZ (AZ a: 1, 2; AZ b: 3, 4), as even as the count allows.
        let workers = p.workers as usize;
        for w in 0..workers {
            let az = azs[w * azs.len() / workers];
            let n = w + 1;
            match h {
                Hosting::Fargate => {
                    let (label, kind) = if ecs { (format!("Task {n}"), "task") } else { (format!("Pod {n}"), "pod") };
                    // The workload is yours on Fargate too: Fargate takes the host, not the task or pod.
                    let t = b.el(
                        format!("fargate-{kind}-{n}"),
                        &label,
                        kind,
                        Manager::You,
                        Some(az),
                        false,
                        if ecs {
                            "your containers, from your task definition (CPU, memory, roles); Fargate runs the task in its own isolated environment on a server AWS provisions, with no instance to see or patch"
                        } else {
                            "your containers, matched to Fargate by a Fargate profile; Fargate runs the pod in its own isolated environment on a server AWS provisions, with no node to see or patch"
                        },
                    );
                    b.m.relate(cp, t, None, EdgeStyle::Manages);
                    b.m.relate(t, registry, None, EdgeStyle::Pulls);
                }
                Hosting::Ec2 | Hosting::Nodegroup => {
                    let (node_by, soft_by, node_what) = if h == Hosting::Ec2 {
                        (
                            Manager::You,
                            Manager::You,
                            "an EC2 instance you created and joined to the cluster; you manage its OS",
                        )
                    } else {
                        (
                            Manager::Shared,
                            Manager::Shared,
                            "an EC2 instance the node group created; AWS installs its software, you configure the group",
                        )
                    };
                    let full = p.detail == Detail::Full;
                    let node = b.el(
                        format!("{hid}-node-{n}"),
                        &format!("EC2 instance {n}"),
                        "worker-node",
                        node_by,
                        Some(az),
                        full,
                        node_what,
                    );
                    if !full {
                        b.m.relate(cp, node, None, EdgeStyle::Manages);
                        b.m.relate(node, cp, None, EdgeStyle::Registers);
                        if h == Hosting::Nodegroup {
                            b.m.relate(hg, node, None, EdgeStyle::Lifecycle);
                        }
                        b.m.relate(node, registry, None, EdgeStyle::Pulls);
                        continue;
                    }
                    let agent = if ecs {
                        b.el(
                            format!("{hid}-node-{n}-agent"),
                            "ECS Agent",
                            "agent",
                            soft_by,
                            Some(node),
                            false,
                            "talks to the control plane to run and stop containers",
                        )
                    } else {
                        let k = b.el(
                            format!("{hid}-node-{n}-kubelet"),
                            "kubelet",
                            "agent",
                            soft_by,
                            Some(node),
                            false,
                            "the Kubernetes node agent, registered with the API server",
                        );
                        b.el(
                            format!("{hid}-node-{n}-kube-proxy"),
                            "kube-proxy",
                            "agent",
                            soft_by,
                            Some(node),
                            false,
                            "maintains the network rules for Kubernetes services",
                        );
                        k
                    };
                    let (rt, rt_what) = if ecs {
                        ("Docker", "the container runtime that runs the containers")
                    } else {
                        ("containerd", "the container runtime of EKS nodes since Kubernetes 1.24")
                    };
                    b.el(format!("{hid}-node-{n}-runtime"), rt, "runtime", soft_by, Some(node), false, rt_what);
                    let (wl, wk) = if ecs { ("Task", "task") } else { ("Pod", "pod") };
                    b.el(
                        format!("{hid}-node-{n}-{wk}"),
                        wl,
                        wk,
                        Manager::You,
                        Some(node),
                        false,
                        if ecs {
                            "your containers, placed on this instance by the ECS control plane"
                        } else {
                            "your containers, scheduled onto this node by Kubernetes"
                        },
                    );
                    b.m.relate(cp, agent, None, EdgeStyle::Manages);
                    b.m.relate(agent, cp, None, EdgeStyle::Registers);
                    if h == Hosting::Nodegroup {
                        b.m.relate(hg, node, None, EdgeStyle::Lifecycle);
                    }
                    b.m.relate(node, registry, None, EdgeStyle::Pulls);
                }
            }
        }
    }
    // "You", with what you must do yourself on each hosting kind.
    let ec2 = p.hosting.contains(&Hosting::Ec2);
    let ng = p.hosting.contains(&Hosting::Nodegroup);
    let fargate = p.hosting.contains(&Hosting::Fargate);
    {
        let you =
            b.el("you", "You", "user", Manager::You, None, false, "you and your team, who build and run this setup");
        if ec2 {
            let hg = b.m.elements.iter().position(|e| e.id == "ec2").expect("ec2 group");
            b.m.relate(you, hg, Some("create, install, patch, join, scale".into()), EdgeStyle::Operates);
        }
        if ng {
            let hg = b.m.elements.iter().position(|e| e.id == "nodegroup").expect("node group");
            b.m.relate(you, hg, Some("configure, set up autoscaling".into()), EdgeStyle::Operates);
        }
        // On Fargate what you do is the cluster's configuration: task definitions and services on ECS,
        // Fargate profiles on EKS. Beside other hosting kinds the edge goes unlabelled (the edges to their
        // groups left its label no room off them; the panel says what it is).
        if fargate {
            let what =
                if ecs { "define tasks and services (CPU, memory, subnets, roles)" } else { "create Fargate profiles" };
            let label = (!(ec2 || ng)).then(|| what.to_string());
            b.m.relate(you, cluster, label, EdgeStyle::Operates);
        }
    }
    // Many nodes share the control plane, the registry and their node group: each relation kind that
    // meets one of them is drawn as one trunk there.
    for r in &mut b.m.relations {
        if r.style != EdgeStyle::Operates {
            r.bundle = Some(r.style as usize);
        }
    }
    if p.responsibilities {
        b.m.notes = responsibilities(p);
    }
    b.m
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
    // Who pulls: the instances of EC2 and node-group hosting, the tasks or pods on Fargate.
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
            Hosting::Nodegroup => "managed node groups",
            Hosting::Fargate => "Fargate",
        })
        .collect();
    format!("{service} on {}", parts.join(" + "))
}
