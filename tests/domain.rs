//! The facts of DOMAIN.md (the notes' tables and "Facts beyond the notes") as the presets draw them,
//! checked on the laid-out geometry of each combination: what is drawn, inside what (Region › VPC › AZ ›
//! subnet), managed by whom, which overlays go round what, and which relations connect it.

use serde_json::Value;

mod common;

use common::geo;

fn managed(b: &Value) -> &str {
    b["managed_by"].as_str().unwrap()
}

#[test]
fn control_plane_is_aws_beside_the_vpc_and_eks_replicates_it_over_three_azs() {
    for hosting in ["ec2", "fargate"] {
        let g = geo(&format!(r#"{{"service":"ecs","hosting":"{hosting}"}}"#));
        let cp = g.by_id("control-plane");
        assert_eq!(managed(cp), "aws");
        assert_eq!(cp["label"], "ECS control plane");
        assert_eq!(cp["parent"], "region", "in the Region, not in your VPC");
    }
    for hosting in ["ec2", "nodegroup", "fargate"] {
        let g = geo(&format!(r#"{{"service":"eks","hosting":"{hosting}","azs":2}}"#));
        assert_eq!(managed(g.by_id("control-plane")), "aws");
        let vpc = g.by_id("aws-vpc");
        assert_eq!((vpc["kind"].as_str(), managed(vpc), vpc["parent"].as_str()), (Some("vpc"), "aws", Some("region")));
        // Its network interfaces sit in your private subnets, one per AZ, and reach the nodes there.
        for k in 0..2 {
            let eni = g.by_id(&format!("eni-{k}"));
            assert_eq!((eni["parent"].as_str(), managed(eni)), (Some(format!("az-{k}-private").as_str()), "aws"));
            assert!(g.has_edge("control-plane", &format!("eni-{k}"), "manages"));
        }
        assert!(g.edges.iter().all(|e| e["from"] != "control-plane" || e["to"].as_str().unwrap().starts_with("eni-")));
        let cp_azs: Vec<_> = g.of_kind("az").into_iter().filter(|b| b["parent"] == "control-plane").collect();
        assert_eq!(cp_azs.len(), 3, "three AZs whatever the azs option");
        for az in cp_azs {
            let inside = g.labels_in(az["id"].as_str().unwrap());
            assert!(inside.contains(&"API server") && inside.contains(&"etcd"), "{inside:?}");
        }
    }
}

#[test]
fn the_network_is_region_vpc_az_subnet_and_the_azs_are_shared_by_every_hosting_kind() {
    let g = geo(r#"{"service":"eks","hosting":["ec2","nodegroup","fargate"],"azs":3}"#);
    assert_eq!(g.of_kind("az").iter().filter(|a| a["parent"] == "vpc").count(), 3, "one AZ a, not one per kind");
    assert_eq!(g.by_id("vpc")["parent"], "region");
    assert_eq!(managed(g.by_id("region")), "aws");
    for k in 0..3 {
        for side in ["public", "private"] {
            let s = g.by_id(&format!("az-{k}-{side}"));
            assert_eq!(
                (s["kind"].as_str(), managed(s), s["parent"].as_str()),
                (Some("subnet"), "you", Some(format!("az-{k}").as_str()))
            );
        }
        assert_eq!(g.by_id(&format!("nat-{k}"))["parent"], format!("az-{k}-public"));
    }
    // Every worker, task and pod sits in a private subnet.
    for kind in ["worker-node", "pod"] {
        for b in g.of_kind(kind).iter().filter(|b| !b["parent"].as_str().unwrap().contains("node")) {
            assert!(b["parent"].as_str().unwrap().ends_with("-private"), "{b}");
        }
    }
    let svg = archdiag::render(r#"{"service":"eks","hosting":"fargate"}"#).unwrap();
    assert!(!svg.contains("(a subnet of your VPC)"), "an AZ is not a subnet");
}

#[test]
fn ec2_nodes_run_agent_and_runtime_managed_by_you() {
    let g = geo(r#"{"service":"ecs","hosting":"ec2","azs":3,"workers":5}"#);
    let nodes = g.of_kind("worker-node");
    assert_eq!(nodes.len(), 5);
    let mut azs: Vec<String> = nodes.iter().map(|n| n["parent"].as_str().unwrap().to_string()).collect();
    azs.sort();
    azs.dedup();
    assert_eq!(azs.len(), 3, "workers spread over the AZs");
    for n in nodes {
        let id = n["id"].as_str().unwrap();
        assert_eq!(managed(n), "you");
        assert!(g.ancestors(id).contains(&"vpc".to_string()));
        let mut inside: Vec<&str> = g.labels_in(id);
        inside.sort();
        assert_eq!(&inside[..2], ["Docker", "ECS Agent"]);
        assert!(inside[2].starts_with("Task "), "{inside:?}");
        assert!(g.has_edge("control-plane", &format!("{id}-agent"), "manages"));
        assert!(g.has_edge(&format!("{id}-agent"), "control-plane", "registers"));
        assert!(g.has_edge(id, "registry", "pulls images"));
    }
    assert_eq!(managed(g.by_id("vpc")), "you");
    // The instances' Auto Scaling group, an overlay across the AZs.
    assert_eq!(g.overlay("provider-0")["label"], "EC2 capacity (Auto Scaling group)");
}

#[test]
fn eks_nodes_run_containerd_kubelet_and_kube_proxy() {
    for (hosting, who) in [("ec2", "you"), ("nodegroup", "shared")] {
        let g = geo(&format!(r#"{{"service":"eks","hosting":"{hosting}"}}"#));
        for n in g.of_kind("worker-node") {
            assert_eq!(managed(n), who, "{hosting}");
            let mut inside = g.labels_in(n["id"].as_str().unwrap());
            inside.sort();
            assert_eq!(inside, ["Pod", "containerd", "kube-proxy", "kubelet"], "containerd, never Docker, on EKS");
            for b in g.boxes.iter().filter(|b| b["parent"] == n["id"] && b["kind"] != "pod") {
                assert_eq!(managed(b), who);
            }
        }
    }
}

#[test]
fn node_group_is_semi_managed_an_auto_scaling_group_across_the_azs() {
    let g = geo(r#"{"service":"eks","hosting":"nodegroup","azs":3,"workers":3}"#);
    let ng = g.overlay("ng-0");
    assert_eq!((ng["kind"].as_str(), ng["managed_by"].as_str()), (Some("nodegroup"), Some("shared")));
    let nodes = g.of_kind("worker-node");
    assert_eq!(nodes.len(), 3);
    let members: Vec<&str> = ng["members"].as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect();
    let azs: std::collections::BTreeSet<&str> = nodes.iter().map(|n| n["parent"].as_str().unwrap()).collect();
    assert_eq!(azs.len(), 3, "the node group spans the AZs");
    for n in nodes {
        assert!(members.contains(&n["id"].as_str().unwrap()));
    }
    let svg = archdiag::render(r#"{"service":"eks","hosting":"nodegroup"}"#).unwrap();
    assert!(svg.contains("scaling on demand needs Cluster Autoscaler or Karpenter as well"));
}

#[test]
fn auto_mode_and_managed_instances_are_hosting_kinds_whose_instances_aws_runs() {
    // EKS Auto Mode: AWS launches and runs the nodes (and their software) from NodePools; the pod is yours.
    let g = geo(r#"{"service":"eks","hosting":"auto-mode","workers":3}"#);
    let nodes = g.of_kind("worker-node");
    assert_eq!(nodes.len(), 3);
    for n in &nodes {
        let id = n["id"].as_str().unwrap();
        assert_eq!(managed(n), "aws", "{id}");
        for b in g.boxes.iter().filter(|b| b["parent"] == id) {
            let want = if b["kind"] == "pod" { "you" } else { "aws" };
            assert_eq!(managed(b), want, "{} on an Auto Mode node", b["label"]);
        }
    }
    assert!(g.overlay("pool-0")["label"].as_str().unwrap().contains("Auto Mode NodePool"));
    let panel = panel_text(r#"{"service":"eks","hosting":"auto-mode"}"#);
    assert!(panel.contains("21 days") && panel.contains("NodePools"), "{panel}");
    // ECS Managed Instances: ECS provisions and patches the instances; the tasks are yours.
    let g = geo(r#"{"service":"ecs","hosting":["managed-instances","fargate"]}"#);
    let nodes = g.of_kind("worker-node");
    assert_eq!(nodes.len(), 2);
    assert!(nodes.iter().all(|n| managed(n) == "aws"));
    assert!(g.of_kind("task").iter().all(|t| managed(t) == "you"));
    assert_eq!(g.of_kind("task").len(), 4, "one service per hosting kind");
    let panel = panel_text(r#"{"service":"ecs","hosting":"managed-instances"}"#);
    assert!(panel.contains("management charge"), "{panel}");
    // Each belongs to one service.
    for (service, hosting, why) in [
        ("ecs", "auto-mode", "Auto Mode is an EKS feature"),
        ("eks", "managed-instances", "Managed Instances is an ECS feature"),
    ] {
        let spec = format!(r#"{{"service":"{service}","hosting":"{hosting}"}}"#);
        let e = archdiag::render(&spec).expect_err("wrong service").to_string();
        assert!(e.contains(why) && e.contains(hosting), "{e}");
    }
}

#[test]
fn an_eks_cluster_needs_two_azs() {
    let e = archdiag::render(r#"{"service":"eks","hosting":"fargate","azs":1}"#).expect_err("one AZ").to_string();
    assert!(e.contains("azs") && e.contains('1') && e.contains("at least two availability zones"), "{e}");
    // ECS has no such rule.
    assert!(archdiag::render(r#"{"service":"ecs","hosting":"fargate","azs":1}"#).is_ok());
}

#[test]
fn the_cluster_is_shared_on_every_hosting_kind_an_overlay_not_a_box_round_the_vpc() {
    for (service, hostings) in [("ecs", &["ec2", "fargate"][..]), ("eks", &["ec2", "nodegroup", "fargate"][..])] {
        for h in hostings {
            let g = geo(&format!(r#"{{"service":"{service}","hosting":"{h}"}}"#));
            let c = g.overlay("cluster");
            assert_eq!(c["managed_by"], "shared", "{service} on {h}");
            assert!(g.boxes.iter().all(|b| b["kind"] != "cluster"), "the cluster contains no VPC");
            assert!(!c["members"].as_array().unwrap().is_empty());
        }
    }
}

#[test]
fn fargate_has_no_nodes_aws_runs_the_servers_and_the_workload_is_yours() {
    for (service, kind) in [("ecs", "task"), ("eks", "pod")] {
        let g = geo(&format!(r#"{{"service":"{service}","hosting":"fargate","workers":3}}"#));
        assert!(
            g.of_kind("worker-node").is_empty() && g.of_kind("agent").is_empty() && g.of_kind("runtime").is_empty()
        );
        let tasks = g.of_kind(kind);
        assert_eq!(tasks.len(), 3);
        for t in tasks {
            assert_eq!(managed(t), "you", "the {kind} is yours; Fargate takes the host");
            assert!(t["parent"].as_str().unwrap().ends_with("-private"), "in a private subnet");
            assert!(g.has_edge(t["id"].as_str().unwrap(), "registry", "pulls images"));
        }
        // Beside EC2 the same workload has the same owner.
        let g = geo(&format!(r#"{{"service":"{service}","hosting":["ec2","fargate"]}}"#));
        assert!(g.of_kind(kind).iter().all(|t| managed(t) == "you"));
    }
}

#[test]
fn registry_alternatives() {
    for (reg, label, who) in
        [("ecr", "Amazon ECR", "aws"), ("dockerhub", "Docker Hub", "third-party"), ("nexus", "Nexus registry", "you")]
    {
        let g = geo(&format!(r#"{{"service":"ecs","hosting":"ec2","registry":"{reg}"}}"#));
        let r = g.by_id("registry");
        assert_eq!((r["label"].as_str(), managed(r), r["kind"].as_str()), (Some(label), who, Some("registry")));
    }
}

#[test]
fn mixed_clusters_run_one_service_per_kind_in_the_same_subnets() {
    // ECS: one service on the Auto Scaling group provider, one on Fargate (one strategy cannot mix them).
    let g = geo(r#"{"service":"ecs","hosting":["fargate","ec2"]}"#);
    assert_eq!(g.of_kind("worker-node").len(), 2);
    let on_ec2: Vec<_> =
        g.of_kind("task").into_iter().filter(|t| t["parent"].as_str().unwrap().contains("instance")).collect();
    let on_fargate: Vec<_> =
        g.of_kind("task").into_iter().filter(|t| t["parent"].as_str().unwrap().ends_with("-private")).collect();
    assert_eq!((on_ec2.len(), on_fargate.len()), (2, 2));
    assert!(on_ec2.iter().all(|t| t["id"].as_str().unwrap().starts_with("svc-0-")));
    assert!(on_fargate.iter().all(|t| t["id"].as_str().unwrap().starts_with("svc-1-")));
    let svg = archdiag::render(r#"{"service":"ecs","hosting":["fargate","ec2"]}"#).unwrap();
    assert!(svg.contains("a task of service app") && svg.contains("a task of service worker"));
    // EKS: the kinds share the AZs' private subnets, each node group an overlay.
    let g = geo(r#"{"service":"eks","hosting":["ec2","nodegroup","fargate"]}"#);
    assert_eq!(g.of_kind("az").iter().filter(|a| a["parent"] == "vpc").count(), 2);
    assert_eq!(
        (g.overlay("ng-0")["managed_by"].as_str(), g.overlay("ng-0")["kind"].as_str()),
        (Some("you"), Some("ec2"))
    );
    assert_eq!(g.overlay("ng-1")["managed_by"], "shared");
    assert_eq!(g.of_kind("pod").iter().filter(|p| p["parent"].as_str().unwrap().ends_with("-private")).count(), 2);
}

#[test]
fn svg_marks_every_element_with_kind_manager_id_and_title() {
    let spec = r#"{"service":"eks","hosting":"nodegroup"}"#;
    let svg = archdiag::render(spec).unwrap();
    let g = geo(spec);
    let p = archdiag::id_prefix(&archdiag::spec::parse(spec).unwrap());
    for b in &g.boxes {
        let id = format!(r#"id="{p}-n-{}""#, b["id"].as_str().unwrap());
        let line = svg.lines().find(|l| l.contains(&id)).unwrap_or_else(|| panic!("{id} missing"));
        assert!(line.starts_with("<g "), "{line}");
        assert!(line.contains(&format!(r#"data-kind="{}""#, b["kind"].as_str().unwrap())));
        assert!(line.contains(&format!(r#"data-managed-by="{}""#, managed(b))));
    }
    assert_eq!(svg.matches("<g class=\"ad-box").count(), g.boxes.len());
    // Each bundle's trunk: a <g> of kind "bundle" naming the relation and its box, with a title.
    let bundles = g.raw["bundles"].as_array().expect("bundles");
    assert!(!bundles.is_empty(), "the preset draws its shared relations as trunks");
    for (k, b) in bundles.iter().enumerate() {
        let id = format!(r#"id="{p}-bundle-{k}""#);
        let line = svg.lines().find(|l| l.contains(&id)).unwrap_or_else(|| panic!("{id} missing"));
        assert!(line.starts_with("<g ") && line.contains(r#"data-kind="bundle""#), "{line}");
        assert!(line.contains(&format!(r#"data-relation="{}""#, b["kind"].as_str().unwrap())), "{line}");
        assert!(line.contains(&format!(r#"data-end="{p}-n-{}""#, b["end"].as_str().unwrap())), "{line}");
    }
    // One per box, per edge, per bundle, and the responsibilities panel's.
    let overlays = g.raw["overlays"].as_array().unwrap().len();
    assert_eq!(svg.matches("<title>").count(), g.boxes.len() + g.edges.len() + bundles.len() + overlays + 1);
    assert!(svg.contains("role=\"img\"") && svg.contains(&format!("<desc id=\"{p}-desc\">")));
}

#[test]
fn overview_draws_nodes_as_single_boxes() {
    let g = geo(r#"{"service":"eks","hosting":"ec2","detail":"overview"}"#);
    assert!(g.of_kind("agent").is_empty() && g.of_kind("runtime").is_empty() && g.of_kind("pod").is_empty());
    for n in g.of_kind("worker-node") {
        let id = n["id"].as_str().unwrap();
        assert_eq!(n["group"], false);
        let az = n["parent"].as_str().unwrap().trim_start_matches("az-").trim_end_matches("-private").to_string();
        assert!(g.has_edge(&format!("eni-{az}"), id, "manages"));
        assert!(g.has_edge(id, "registry", "pulls images"));
    }
}

#[test]
fn you_are_drawn_with_what_you_must_do() {
    let g = geo(r#"{"service":"ecs","hosting":"ec2"}"#);
    assert_eq!(managed(g.by_id("you")), "you");
    let to = |g: &common::G, to: &str, what: &str| {
        g.edges
            .iter()
            .any(|e| e["from"] == "you" && e["to"] == to && e["label"].as_str().is_some_and(|l| l.contains(what)))
    };
    assert!(to(&g, "cp-0-instance-1", "patch"));
    assert!(g.has_edge("you", "cp-0-instance-2", "you operate"));
    let g = geo(r#"{"service":"eks","hosting":"nodegroup"}"#);
    assert!(to(&g, "ng-0-node-1", "autoscaling"));
    // On Fargate what you do is the cluster's configuration: task definitions or Fargate profiles.
    for (service, what) in [("eks", "Fargate profiles"), ("ecs", "define services and tasks")] {
        let g = geo(&format!(r#"{{"service":"{service}","hosting":"fargate"}}"#));
        assert!(to(&g, "control-plane", what), "{service} on Fargate: nothing for you to do");
    }
}

/// The panel's statements as one text (its drawn lines joined, so that a wrapped phrase reads whole),
/// after checking that the SVG draws the panel.
fn panel_text(spec: &str) -> String {
    let svg = archdiag::render(spec).unwrap();
    assert!(svg.contains(r#"data-kind="responsibilities""#), "panel drawn");
    let v: Value = serde_json::from_str(&archdiag::layout_json(spec).unwrap()).unwrap();
    let lines: Vec<&str> =
        v["panel"]["lines"].as_array().unwrap().iter().map(|l| l["text"].as_str().unwrap()).collect();
    lines.join(" ")
}

#[test]
fn responsibilities_panel_says_who_does_what() {
    let p = panel_text(r#"{"service":"ecs","hosting":"ec2"}"#);
    for fact in [
        "create the instances",
        "Docker and the ECS Agent",
        "operating system",
        "join the instances",
        "enough instances",
        "pay for the instances",
        "full access",
    ] {
        assert!(p.contains(fact), "ecs+ec2 panel lacks {fact:?}");
    }
    let p = panel_text(r#"{"service":"eks","hosting":"ec2"}"#);
    assert!(p.contains("containerd, kubelet and kube-proxy") && p.contains("three availability zones"));
    let p = panel_text(r#"{"service":"eks","hosting":"nodegroup"}"#);
    for fact in
        ["creates and deletes", "configure the group", "not on out of the box", "Kubernetes", "Auto Scaling group"]
    {
        assert!(p.contains(fact), "node group panel lacks {fact:?}");
    }
    let p = panel_text(r#"{"service":"ecs","hosting":"fargate","registry":"nexus"}"#);
    for fact in
        ["none for you to manage", "still yours", "CPU and memory", "IAM roles", "per second", "requests", "Nexus"]
    {
        assert!(p.contains(fact), "ecs+fargate panel lacks {fact:?}");
    }
    assert!(!p.contains("pay only for what"), "Fargate bills what a task requests, not what it uses");
    // Who pulls: tasks on Fargate, never "nodes".
    assert!(p.contains("Fargate tasks pull images from your own Nexus") && !p.contains("Nodes pull"), "{p}");
    let p = panel_text(r#"{"service":"eks","hosting":"fargate"}"#);
    assert!(p.contains("Fargate profiles") && p.contains("private subnets only") && p.contains("Fargate pods pull"));
    let svg = archdiag::render(r#"{"service":"ecs","hosting":"fargate","responsibilities":false}"#).unwrap();
    assert!(!svg.contains("responsibilities"));
}

#[test]
fn identical_nodes_list_their_software_in_one_order() {
    for spec in [
        r#"{"service":"ecs","hosting":"ec2","workers":4}"#,
        r#"{"service":"ecs","hosting":["ec2","fargate"]}"#,
        r#"{"service":"eks","hosting":"ec2","azs":3,"workers":3}"#,
        r#"{"service":"eks","hosting":["ec2","nodegroup","fargate"],"azs":3,"workers":3}"#,
    ] {
        for dir in ["tb", "lr"] {
            let g = geo(&common::with_direction(spec, dir));
            let (along, across) = if dir == "tb" { ("x", "y") } else { ("y", "x") };
            let mut orders: Vec<Vec<String>> = Vec::new();
            for n in g.of_kind("worker-node") {
                let mut inside: Vec<&Value> = g.boxes.iter().filter(|b| b["parent"] == n["id"]).collect();
                let at = |b: &Value, k: &str| b[k].as_f64().unwrap();
                inside.sort_by(|a, b| {
                    at(a, across).total_cmp(&at(b, across)).then(at(a, along).total_cmp(&at(b, along)))
                });
                // Numbered tasks and pods ("Task 3") are one kind of thing.
                orders.push(inside.iter().map(|b| b["kind"].as_str().unwrap().to_string()).collect());
            }
            assert!(orders.len() >= 2, "{spec}");
            assert!(orders.windows(2).all(|w| w[0] == w[1]), "{spec} {dir}: {orders:?}");
        }
    }
}

#[test]
fn workers_are_numbered_az_by_az() {
    let g = geo(r#"{"service":"ecs","hosting":"ec2","workers":4}"#);
    let az_of = |n: &str| g.by_id(n)["parent"].as_str().unwrap().to_string();
    assert_eq!(az_of("cp-0-instance-1"), az_of("cp-0-instance-2"));
    assert_eq!(az_of("cp-0-instance-3"), az_of("cp-0-instance-4"));
    assert_ne!(az_of("cp-0-instance-2"), az_of("cp-0-instance-3"));
    assert_eq!(g.by_id("cp-0-instance-1")["label"], "EC2 instance 1");
}

#[test]
fn words_count_honestly_in_sentences() {
    let text = archdiag::describe(r#"{"service":"ecs","hosting":"ec2"}"#).unwrap();
    assert!(text.contains("2 EC2 instances pull images from Amazon ECR."), "{text}");
    assert!(text.contains("2 ECS Agents register with ECS control plane."), "{text}");
    assert!(!text.contains("times)"), "{text}");
    // Every manager lists its boxes, not only its groups.
    assert!(text.contains("Managed by AWS: AWS Region, ECS control plane, Amazon ECR"), "{text}");
    let svg = archdiag::render(r#"{"service":"ecs","hosting":"ec2"}"#).unwrap();
    assert!(svg.contains("<title>ECS Agent registers with ECS control plane.</title>"));
    assert!(svg.contains("<title>You operate EC2 instance 1: create, install, patch, join, scale.</title>"), "{svg}");
    assert!(
        svg.contains("Amazon ECR: the Region&apos;s private registry")
            || svg.contains("Amazon ECR: the Region's private registry"),
        "{svg}"
    );
}
