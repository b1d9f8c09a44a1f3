//! The facts of docs/domain.md ("What each preset draws", "Who manages what", "Relations",
//! "Responsibilities"), checked on the laid-out geometry of each combination: what is drawn, inside
//! what, managed by whom, and which relations connect it.

use serde_json::Value;

mod common;

use common::geo;

fn managed(b: &Value) -> &str {
    b["managed_by"].as_str().unwrap()
}

#[test]
fn control_plane_is_aws_and_eks_replicates_it_over_three_azs() {
    for hosting in ["ec2", "fargate"] {
        let g = geo(&format!(r#"{{"service":"ecs","hosting":"{hosting}"}}"#));
        let cp = g.by_id("control-plane");
        assert_eq!(managed(cp), "aws");
        assert_eq!(cp["label"], "ECS control plane");
        assert_eq!(cp["parent"], "cluster");
    }
    for hosting in ["ec2", "nodegroup", "fargate"] {
        let g = geo(&format!(r#"{{"service":"eks","hosting":"{hosting}","azs":2}}"#));
        assert_eq!(managed(g.by_id("control-plane")), "aws");
        let vpc = g.by_id("aws-vpc");
        assert_eq!((vpc["kind"].as_str(), managed(vpc)), (Some("vpc"), "aws"));
        let eni = g.by_id("control-plane-eni");
        assert_eq!((eni["parent"].as_str(), managed(eni)), (Some("vpc"), "aws"), "ENIs in your VPC");
        assert!(g.edges.iter().any(|e| e["from"] == "control-plane" && e["to"] == "control-plane-eni"));
        let cp_azs: Vec<_> = g.of_kind("az").into_iter().filter(|b| b["parent"] == "control-plane").collect();
        assert_eq!(cp_azs.len(), 3, "three AZs whatever the azs option");
        for az in cp_azs {
            let inside = g.labels_in(az["id"].as_str().unwrap());
            assert!(inside.contains(&"API server") && inside.contains(&"etcd"), "{inside:?}");
        }
    }
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
        let mut inside = g.labels_in(id);
        inside.sort();
        assert_eq!(inside, ["Docker", "ECS Agent", "Task"]);
        assert!(g.has_edge("control-plane", &format!("{id}-agent"), "manages"));
        assert!(g.has_edge(&format!("{id}-agent"), "control-plane", "registers"));
        assert!(g.has_edge(id, "registry", "pulls images"));
    }
    assert_eq!(managed(g.by_id("vpc")), "you");
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
fn node_group_is_semi_managed_and_creates_its_instances() {
    let g = geo(r#"{"service":"eks","hosting":"nodegroup","azs":3,"workers":3}"#);
    let ng = g.by_id("nodegroup");
    assert_eq!((ng["kind"].as_str(), managed(ng)), (Some("nodegroup"), "shared"));
    let nodes = g.of_kind("worker-node");
    assert_eq!(nodes.len(), 3);
    for n in nodes {
        let id = n["id"].as_str().unwrap();
        assert!(g.ancestors(id).contains(&"nodegroup".to_string()), "the node group spans the AZs");
        assert!(g.has_edge("nodegroup", id, "creates / deletes"));
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
fn the_cluster_is_shared_on_every_hosting_kind() {
    for (service, hostings) in [("ecs", &["ec2", "fargate"][..]), ("eks", &["ec2", "nodegroup", "fargate"][..])] {
        for h in hostings {
            let g = geo(&format!(r#"{{"service":"{service}","hosting":"{h}"}}"#));
            assert_eq!(managed(g.by_id("cluster")), "shared", "{service} on {h}");
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
        let f = g.by_id("fargate");
        assert_eq!(managed(f), "aws");
        let tasks = g.of_kind(kind);
        assert_eq!(tasks.len(), 3);
        for t in tasks {
            assert_eq!(managed(t), "you", "the {kind} is yours; Fargate takes the host");
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
fn mixed_clusters_draw_each_kind_side_by_side() {
    let g = geo(r#"{"service":"ecs","hosting":["fargate","ec2"]}"#);
    let ec2 = g.by_id("ec2");
    let fg = g.by_id("fargate");
    assert_eq!((ec2["parent"].as_str(), fg["parent"].as_str()), (Some("vpc"), Some("vpc")));
    let overlap_x = ec2["x"].as_f64() < Some(fg["x"].as_f64().unwrap() + fg["width"].as_f64().unwrap())
        && fg["x"].as_f64() < Some(ec2["x"].as_f64().unwrap() + ec2["width"].as_f64().unwrap());
    let overlap_y = ec2["y"].as_f64() < Some(fg["y"].as_f64().unwrap() + fg["height"].as_f64().unwrap())
        && fg["y"].as_f64() < Some(ec2["y"].as_f64().unwrap() + ec2["height"].as_f64().unwrap());
    assert!(!(overlap_x && overlap_y), "separate containers");
    assert_eq!(g.of_kind("worker-node").len(), 2);
    let fargate_tasks = g
        .of_kind("task")
        .into_iter()
        .filter(|t| g.ancestors(t["id"].as_str().unwrap()).contains(&"fargate".to_string()));
    assert_eq!(fargate_tasks.count(), 2);
    let g = geo(r#"{"service":"eks","hosting":["ec2","nodegroup","fargate"]}"#);
    for id in ["ec2", "nodegroup", "fargate"] {
        assert_eq!(g.by_id(id)["parent"], "vpc");
    }
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
    assert_eq!(svg.matches("<title>").count(), g.boxes.len() + g.edges.len() + bundles.len() + 1);
    assert!(svg.contains("role=\"img\"") && svg.contains(&format!("<desc id=\"{p}-desc\">")));
}

#[test]
fn overview_draws_nodes_as_single_boxes() {
    let g = geo(r#"{"service":"eks","hosting":"ec2","detail":"overview"}"#);
    assert!(g.of_kind("agent").is_empty() && g.of_kind("runtime").is_empty() && g.of_kind("pod").is_empty());
    for n in g.of_kind("worker-node") {
        assert_eq!(n["group"], false);
        assert!(g.has_edge("control-plane", n["id"].as_str().unwrap(), "manages"));
        assert!(g.has_edge(n["id"].as_str().unwrap(), "registry", "pulls images"));
    }
}

#[test]
fn you_are_drawn_with_what_you_must_do() {
    let g = geo(r#"{"service":"ecs","hosting":"ec2"}"#);
    assert_eq!(managed(g.by_id("you")), "you");
    assert!(
        g.edges
            .iter()
            .any(|e| e["from"] == "you" && e["to"] == "ec2" && e["label"].as_str().unwrap().contains("patch"))
    );
    let g = geo(r#"{"service":"eks","hosting":"nodegroup"}"#);
    assert!(
        g.edges.iter().any(|e| e["from"] == "you"
            && e["to"] == "nodegroup"
            && e["label"].as_str().unwrap().contains("autoscaling"))
    );
    // On Fargate what you do is the cluster's configuration: task definitions or Fargate profiles.
    for (service, what) in [("eks", "Fargate profiles"), ("ecs", "define tasks")] {
        let g = geo(&format!(r#"{{"service":"{service}","hosting":"fargate"}}"#));
        assert!(
            g.edges
                .iter()
                .any(|e| e["from"] == "you" && e["to"] == "cluster" && e["label"].as_str().unwrap().contains(what)),
            "{service} on Fargate: nothing for you to do"
        );
    }
}

fn panel_text(spec: &str) -> String {
    let svg = archdiag::render(spec).unwrap();
    let start = svg.find(r#"data-kind="responsibilities""#).expect("panel drawn");
    let end = start + svg[start..].find("</g>").unwrap();
    svg[start..end].to_string()
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
fn workers_are_numbered_az_by_az() {
    let g = geo(r#"{"service":"ecs","hosting":"ec2","workers":4}"#);
    let az_of = |n: &str| g.by_id(n)["parent"].as_str().unwrap().to_string();
    assert_eq!(az_of("ec2-node-1"), az_of("ec2-node-2"));
    assert_eq!(az_of("ec2-node-3"), az_of("ec2-node-4"));
    assert_ne!(az_of("ec2-node-2"), az_of("ec2-node-3"));
}

#[test]
fn words_count_honestly_in_sentences() {
    let text = archdiag::describe(r#"{"service":"ecs","hosting":"ec2"}"#).unwrap();
    assert!(text.contains("2 EC2 instances pull images from Amazon ECR."), "{text}");
    assert!(text.contains("2 ECS Agents register with ECS control plane."), "{text}");
    assert!(!text.contains("times)"), "{text}");
    // Every manager lists its boxes, not only its groups.
    assert!(text.contains("Managed by AWS: ECS control plane, Amazon ECR"), "{text}");
    let svg = archdiag::render(r#"{"service":"ecs","hosting":"ec2"}"#).unwrap();
    assert!(svg.contains("<title>ECS Agent registers with ECS control plane.</title>"));
    assert!(
        svg.contains("<title>You operate Self-managed EC2 instances: create, install, patch, join, scale.</title>")
    );
    assert!(
        svg.contains("Amazon ECR: the private Docker registry of AWS, holding your container images. Managed by AWS.")
    );
}
