//! The five service × hosting presets (and their mixes) as the elements and relations of DOMAIN.md.

use super::{EdgeStyle, Element, Manager, Model};
use crate::spec::{Hosting, Preset, Registry, Service, Spec};

struct Builder {
    m: Model,
}

impl Builder {
    #[allow(clippy::too_many_arguments)]
    fn el(
        &mut self,
        id: &str,
        label: &str,
        kind: &str,
        by: Manager,
        parent: Option<usize>,
        group: bool,
        what: &str,
    ) -> usize {
        let description = format!("{label}: {what}, {}.", by.phrase());
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
}

const AZ_LETTERS: [char; 6] = ['a', 'b', 'c', 'd', 'e', 'f'];

/// Builds the model of a preset.
pub fn build(p: &Preset, spec: &Spec) -> Model {
    let ecs = p.service == Service::Ecs;
    let title = spec.title.clone().unwrap_or_else(|| default_title(p));
    let mut b = Builder { m: Model::new(title, spec.theme, spec.direction) };
    let only_fargate = p.hosting == [Hosting::Fargate];
    let cluster_by = if only_fargate { Manager::Aws } else { Manager::Shared };
    let (cluster_label, cluster_what) = if ecs {
        ("ECS cluster", "the Amazon ECS cluster that groups the control plane and the capacity running your containers")
    } else {
        ("EKS cluster", "the Amazon EKS cluster: managed, upstream Kubernetes")
    };
    let cluster = b.el("cluster", cluster_label, "cluster", cluster_by, None, true, cluster_what);

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
                &format!("cp-az-{letter}"),
                &format!("AZ {letter}"),
                "az",
                Manager::Aws,
                Some(cp),
                true,
                "an availability zone of the control plane",
            );
            b.el(
                &format!("api-server-{}", k + 1),
                "API server",
                "api-server",
                Manager::Aws,
                Some(az),
                false,
                "a Kubernetes API server instance",
            );
            b.el(
                &format!("etcd-{}", k + 1),
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
                "serverless capacity: AWS provisions servers as containers need them and you pay for what they consume",
            ),
        };
        let hg = b.el(hid, hlabel, hkind, hby, Some(vpc), true, hwhat);
        let azs: Vec<usize> = AZ_LETTERS
            .iter()
            .take(p.azs as usize)
            .map(|letter| {
                b.el(
                    &format!("{hid}-az-{letter}"),
                    &format!("AZ {letter}"),
                    "az",
                    Manager::Aws,
                    Some(hg),
                    true,
                    "an availability zone (a subnet of your VPC)",
                )
            })
            .collect();
        for w in 0..p.workers as usize {
            let az = azs[w % azs.len()];
            let n = w + 1;
            match h {
                Hosting::Fargate => {
                    let (label, kind) = if ecs { (format!("Task {n}"), "task") } else { (format!("Pod {n}"), "pod") };
                    let t = b.el(
                        &format!("fargate-{kind}-{n}"),
                        &label,
                        kind,
                        Manager::Aws,
                        Some(az),
                        false,
                        "runs in its own isolated environment on a server that AWS provisions; there is no node to see or patch",
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
                    let node = b.el(
                        &format!("{hid}-node-{n}"),
                        &format!("EC2 instance {n}"),
                        "worker-node",
                        node_by,
                        Some(az),
                        true,
                        node_what,
                    );
                    let agent = if ecs {
                        b.el(
                            &format!("{hid}-node-{n}-agent"),
                            "ECS Agent",
                            "agent",
                            soft_by,
                            Some(node),
                            false,
                            "talks to the control plane to run and stop containers",
                        )
                    } else {
                        let k = b.el(
                            &format!("{hid}-node-{n}-kubelet"),
                            "kubelet",
                            "agent",
                            soft_by,
                            Some(node),
                            false,
                            "the Kubernetes node agent, registered with the API server",
                        );
                        b.el(
                            &format!("{hid}-node-{n}-kube-proxy"),
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
                    b.el(&format!("{hid}-node-{n}-runtime"), rt, "runtime", soft_by, Some(node), false, rt_what);
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
    b.m
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
