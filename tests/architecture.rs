//! The architecture form: what it draws (Region › VPC › AZ › subnets, the control plane beside the VPC,
//! capacity in the private subnets, the cluster as an overlay, traffic in through the load balancers),
//! who manages each part (DOMAIN.md, "Facts beyond the notes"), and the errors that name the field, the
//! value and what is allowed, the domain's rules among them.

use serde_json::Value;

mod common;

use common::geo;

fn by(b: &Value) -> &str {
    b["managed_by"].as_str().unwrap()
}

fn file(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/architectures/{name}.json", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn error(spec: &str) -> String {
    archdiag::render(spec).expect_err("invalid").to_string()
}

#[test]
fn the_network_nests_region_vpc_az_subnet_and_the_parts_have_their_owners() {
    let g = geo(&file("ecs-fargate-alb"));
    let region = g.by_id("region");
    assert_eq!((region["label"].as_str(), by(region), region["parent"].is_null()), (Some("eu-west-1"), "aws", true));
    assert_eq!((g.by_id("vpc")["label"].as_str(), by(g.by_id("vpc"))), (Some("shop-vpc"), "you"));
    let azs = g.of_kind("az");
    assert_eq!(azs.iter().map(|a| a["label"].as_str().unwrap()).collect::<Vec<_>>(), ["eu-west-1a", "eu-west-1b"]);
    assert!(azs.iter().all(|a| by(a) == "aws" && a["parent"] == "vpc"));
    // Every subnet lies in exactly one AZ, one public and one private per AZ, and is yours.
    let subnets = g.of_kind("subnet");
    assert_eq!(subnets.len(), 4);
    for s in &subnets {
        assert_eq!(by(s), "you");
        assert_eq!(g.by_id(s["parent"].as_str().unwrap())["kind"], "az");
    }
    // Gateways are yours; NAT gateways sit in the public subnets, one per AZ.
    assert_eq!(by(g.by_id("igw")), "you");
    for k in 0..2 {
        let nat = g.by_id(&format!("nat-{k}"));
        assert_eq!((by(nat), nat["parent"].as_str()), ("you", Some(format!("az-{k}-public").as_str())));
        assert!(g.has_edge(&format!("az-{k}-private"), &format!("nat-{k}"), "traffic"));
    }
    // The ECS control plane is AWS's, in the Region beside the VPC, not inside it.
    let cp = g.by_id("control-plane");
    assert_eq!((by(cp), cp["parent"].as_str()), ("aws", Some("region")));
    assert_eq!((by(g.by_id("registry")), g.by_id("registry")["parent"].as_str()), ("aws", Some("region")));
}

#[test]
fn fargate_tasks_are_yours_in_private_subnets_spread_over_the_azs_behind_the_load_balancer() {
    let g = geo(&file("ecs-fargate-alb"));
    let tasks = g.of_kind("task");
    assert_eq!(
        tasks.iter().map(|t| t["label"].as_str().unwrap()).collect::<Vec<_>>(),
        ["web task 1", "web task 2", "web task 3", "web task 4"]
    );
    let parents: Vec<&str> = tasks.iter().map(|t| t["parent"].as_str().unwrap()).collect();
    assert_eq!(parents, ["az-0-private", "az-0-private", "az-1-private", "az-1-private"]);
    assert!(tasks.iter().all(|t| by(t) == "you"));
    // Traffic in: internet → internet gateway → load balancer → every task.
    assert!(g.has_edge("internet", "igw", "traffic") && g.has_edge("igw", "lb-0", "traffic"));
    for t in &tasks {
        let id = t["id"].as_str().unwrap();
        assert!(g.has_edge("lb-0", id, "traffic") && g.has_edge("control-plane", id, "manages"), "{id}");
        assert!(g.has_edge(id, "registry", "pulls images"), "{id}");
    }
    let lb = g.by_id("lb-0");
    assert_eq!((lb["label"].as_str(), by(lb), lb["kind"].as_str()), (Some("web-alb"), "shared", Some("load-balancer")));
    // The cluster is shared, an overlay round its tasks across both AZs, drawn as one outline.
    let c = g.overlay("cluster");
    assert_eq!((c["label"].as_str(), c["managed_by"].as_str()), (Some("shop"), Some("shared")));
    assert_eq!(c["members"].as_array().unwrap().len(), 4);
    // In a docs column (the default) the AZs stack and the cluster is a ring round each task with its
    // label beside the first; with room for the AZs side by side, one outline.
    assert!(c["outline"].is_null() && c["marks"].as_array().unwrap().len() == 4 && c["tag"].is_object(), "{c}");
    let wide = geo(&file("ecs-fargate-alb").replacen('{', r#"{"max_width":20000,"#, 1));
    assert!(wide.overlay("cluster")["outline"].is_object());
    let svg = archdiag::render(&file("ecs-fargate-alb")).unwrap();
    assert!(
        svg.contains("web task 1: a task of service web (task definition web:12): your containers, run by Fargate"),
        "{svg}"
    );
}

#[test]
fn eks_reaches_its_nodes_through_enis_in_your_subnets_and_node_groups_are_shared() {
    let g = geo(&file("eks-nodegroups-fargate"));
    let cp = g.by_id("control-plane");
    assert_eq!(by(cp), "aws");
    assert_eq!(g.kinds_of_ancestors("control-plane"), ["vpc:AWS-managed VPC", "region:eu-central-1"]);
    for k in 0..2 {
        let eni = format!("eni-{k}");
        assert_eq!(g.by_id(&eni)["parent"], format!("az-{k}-private"));
        assert!(g.has_edge("control-plane", &eni, "manages"));
    }
    // Nodes: managed node groups' are shared, each reached through its own AZ's ENI, not by the control
    // plane directly.
    let nodes = g.of_kind("worker-node");
    assert_eq!(nodes.len(), 4);
    for n in &nodes {
        let id = n["id"].as_str().unwrap();
        assert_eq!(by(n), "shared");
        let az = n["parent"].as_str().unwrap().trim_end_matches("-private").trim_start_matches("az-").to_string();
        assert!(g.has_edge(&format!("eni-{az}"), id, "manages"), "{id}");
        assert!(!g.has_edge("control-plane", id, "manages"), "{id}");
    }
    // Fargate pods are yours and sit in private subnets only.
    let pods = g.of_kind("pod");
    assert_eq!(pods.len(), 2);
    assert!(pods.iter().all(|p| by(p) == "you" && p["parent"].as_str().unwrap().ends_with("-private")));
    // Node group overlays say what the group is.
    let ng = g.overlay("ng-1");
    assert_eq!(
        (ng["label"].as_str(), ng["managed_by"].as_str()),
        (Some("batch-spot (managed node group)"), Some("shared"))
    );
    let svg = archdiag::render(&file("eks-nodegroups-fargate")).unwrap();
    assert!(svg.contains("c6i.xlarge, c5.xlarge, spot, 0 to 10 nodes (desired 2)"), "{svg}");
    assert!(svg.contains("Fargate profile jobs (namespace jobs with runtime=fargate)"), "{svg}");
    let g = geo(r#"{"architecture":{"cluster":{"service":"eks","node_groups":[{"name":"own","managed":false}]}}}"#);
    assert!(g.of_kind("worker-node").iter().all(|n| by(n) == "you"));
    assert_eq!(g.overlay("ng-0")["managed_by"], "you");
}

#[test]
fn ecs_instances_host_their_service_tasks_and_kinds_stay_apart() {
    let g = geo(&file("ecs-ec2-and-fargate"));
    let inst = g.by_id("cp-0-instance-1");
    assert_eq!(
        (inst["label"].as_str(), by(inst), inst["group"].as_bool()),
        (Some("general-asg instance 1"), "you", Some(true))
    );
    // api runs on the instances, worker on Fargate in the private subnets.
    assert_eq!(g.by_id("svc-0-task-1")["parent"], "cp-0-instance-1");
    assert_eq!(g.by_id("svc-0-task-2")["parent"], "cp-0-instance-2");
    assert_eq!(g.by_id("svc-1-task-1")["parent"], "az-0-private");
    assert_eq!(g.by_id("svc-1-task-2")["parent"], "az-1-private");
    // One NAT gateway for the VPC, and the endpoints named.
    assert!(g.boxes.iter().all(|b| b["id"] != "nat-1"));
    assert_eq!(g.by_id("endpoints")["label"], "Endpoints: ecr.api, ecr.dkr, s3");
    let svg = archdiag::render(&file("ecs-ec2-and-fargate")).unwrap();
    assert!(svg.contains("the private subnets of every AZ reach out through it"), "{svg}");
    assert!(svg.contains("through the endpoints ecr.api and ecr.dkr"), "{svg}");
    // Managed Instances are AWS's to patch and scale.
    let g = geo(
        r#"{"architecture":{"cluster":{"service":"ecs","capacity_providers":[{"name":"mi","type":"managed-instances","instances":1}]}}}"#,
    );
    assert_eq!(by(g.by_id("cp-0-instance-1")), "aws");
}

#[test]
fn karpenter_is_yours_and_launches_nodes_and_auto_mode_nodes_are_aws() {
    let g = geo(&file("eks-karpenter"));
    let k = g.by_id("karpenter");
    assert_eq!((by(k), k["kind"].as_str(), k["parent"].as_str()), ("you", Some("autoscaler"), Some("vpc")));
    let pool: Vec<&Value> = g.boxes.iter().filter(|b| b["id"].as_str().unwrap().starts_with("pool-0-node-")).collect();
    assert_eq!(pool.len(), 3);
    for n in &pool {
        let id = n["id"].as_str().unwrap();
        assert_eq!(by(n), "you");
        assert!(g.has_edge("karpenter", id, "creates / deletes") && g.has_edge("lb-0", id, "traffic"), "{id}");
    }
    // Three AZs, one node in each.
    let azs: std::collections::BTreeSet<&str> = pool.iter().map(|n| n["parent"].as_str().unwrap()).collect();
    assert_eq!(azs.len(), 3);
    assert_eq!(g.overlay("pool-0")["label"], "general (Karpenter NodePool)");
    let g = geo(&file("eks-auto-mode"));
    assert!(g.boxes.iter().all(|b| b["kind"] != "autoscaler"));
    let nodes = g.of_kind("worker-node");
    assert_eq!(nodes.len(), 4);
    assert!(nodes.iter().all(|n| by(n) == "aws"));
    assert_eq!(g.overlay("pool-1")["managed_by"], "shared");
    let svg = archdiag::render(&file("eks-auto-mode")).unwrap();
    assert!(svg.contains("AWS patches and replaces it (at most 21 days old)"));
    assert!(svg.contains("EKS Auto Mode creates them for Ingresses and Services"));
    // Auto Mode without pools draws the built-in general-purpose pool.
    let g = geo(r#"{"architecture":{"cluster":{"service":"eks","auto_mode":true}}}"#);
    assert_eq!(g.overlay("pool-0")["label"], "general-purpose (Auto Mode NodePool)");
}

#[test]
fn a_vpc_without_nat_or_endpoints_is_warned_about() {
    let spec = r#"{"architecture":{"vpc":{"nat":"none"},"cluster":{"service":"ecs","services":[{"name":"a"}]}}}"#;
    let g = geo(spec);
    assert!(g.of_kind("subnet").iter().all(|s| s["id"].as_str().unwrap().ends_with("-private")));
    assert!(g.of_kind("internet-gateway").is_empty());
    let svg = archdiag::render(spec).unwrap();
    assert!(
        svg.contains("Warning: with no NAT gateway the private subnets need the endpoints ecr.api, ecr.dkr and s3")
    );
}

#[test]
fn errors_name_the_field_the_value_and_what_is_allowed() {
    let cases = [
        (
            r#"{"architecture":{"vpc":{"azs":1},"cluster":{"service":"eks"}}}"#,
            "architecture.vpc.azs is 1 AZ; allowed: from 2 to 6 AZs for EKS: an EKS cluster needs subnets in at least two availability zones",
        ),
        (
            r#"{"architecture":{"cluster":{"service":"ecs","capacity_providers":[{"name":"asg","type":"asg"},{"name":"FARGATE"}],
                "services":[{"name":"s","capacity_providers":["asg","FARGATE"]}]}}}"#,
            "architecture.cluster.services[0].capacity_providers[1] is \"FARGATE\" beside \"asg\"; allowed: providers of one family: one capacity provider strategy cannot mix",
        ),
        (
            r#"{"architecture":{"cluster":{"service":"ecs","node_groups":[]}}}"#,
            "architecture.cluster.node_groups is given for service \"ecs\"; allowed: capacity_providers and services for ECS; node_groups is an EKS feature",
        ),
        (
            r#"{"architecture":{"cluster":{"service":"eks","node_groups":[{"name":"a","size":3}]}}}"#,
            "unknown field \"size\" in architecture.cluster.node_groups[0]; allowed fields: name, managed, instance_types, capacity, min, desired, max",
        ),
        (
            r#"{"architecture":{"cluster":{"service":"eks","node_groups":[{"name":"a","min":3,"desired":2}]}}}"#,
            "architecture.cluster.node_groups[0].desired is 2 with min 3 and max 2; allowed: min ≤ desired ≤ max",
        ),
        (
            r#"{"architecture":{"cluster":{"service":"eks","node_groups":[{"name":"a","capacity":"reserved"}]}}}"#,
            "architecture.cluster.node_groups[0].capacity is \"reserved\"; allowed: \"on-demand\" or \"spot\"",
        ),
        (
            r#"{"architecture":{"cluster":{"service":"ecs"}},"load_balancers":[]}"#,
            "unknown field \"load_balancers\" in spec; allowed fields: architecture, theme",
        ),
        (
            r#"{"architecture":{"cluster":{"service":"ecs","services":[{"name":"a"}]},"load_balancers":[{"name":"l","targets":["b"]}]}}"#,
            "architecture.load_balancers[0].targets[0] is \"b\"; allowed: the name of a service of the cluster",
        ),
        (r#"{"architecture":{"region":"x"}}"#, "missing field \"cluster\" in architecture; the ECS or EKS cluster"),
        (
            r#"{"architecture":{"cluster":{"service":"eks","fargate_profiles":[{"name":"p","selectors":[]}]}}}"#,
            "missing field \"selectors\" in architecture.cluster.fargate_profiles[0]",
        ),
        (
            r#"{"architecture":{"cluster":{"service":"eks","fargate_profiles":[{"name":"p","selectors":[{"namespace":"a"},{"namespace":"b"},{"namespace":"c"},{"namespace":"d"},{"namespace":"e"},{"namespace":"f"}]}]}}}"#,
            "architecture.cluster.fargate_profiles[0].selectors is a list of 6; allowed: at most 5 items",
        ),
        (
            r#"{"architecture":{"cluster":{"service":"eks","node_groups":[{"name":"a"},{"name":"a"}]}}}"#,
            "architecture.cluster.node_groups[1].name is \"a\", the name of architecture.cluster.node_groups[0] too; allowed: a name no other node group has",
        ),
        (
            r#"{"architecture":{"cluster":{"service":"ecs"}},"service":"ecs"}"#,
            "service is given beside \"architecture\"; allowed: the architecture form takes architecture, theme",
        ),
        (
            r#"{"architecture":{"cluster":{"service":"eks","karpenter":true,"auto_mode":true}}}"#,
            "architecture.cluster.karpenter is true beside auto_mode true; allowed: one of the two: EKS Auto Mode has Karpenter built in",
        ),
        (
            r#"{"architecture":{"cluster":{"service":"eks","node_pools":[{"name":"p"}]}}}"#,
            "architecture.cluster.node_pools is given with neither karpenter nor auto_mode; allowed: node_pools with karpenter true or auto_mode true",
        ),
        (
            r#"{"architecture":{"cluster":{"service":"ecs","karpenter":true}}}"#,
            "architecture.cluster.karpenter is given for service \"ecs\"; allowed: capacity_providers and services for ECS; karpenter is an EKS feature",
        ),
        (
            r#"{"architecture":{"cluster":{"service":"ecs","services":[{"name":"a","desired":65}]}}}"#,
            "architecture.cluster.services[0].desired is 65; allowed: a whole number from 0 to 64",
        ),
    ];
    for (spec, want) in cases {
        let e = error(spec);
        assert!(e.starts_with(want), "{spec}\n got: {e}\nwant: {want}");
        assert!(!e.contains('\n'), "{e}");
    }
    // The page's editor points at the value in the text.
    let text = "{\"architecture\": {\"cluster\": {\"service\": \"eks\",\n  \"node_groups\": [{\"name\": \"a\", \"capacity\": \"reserved\"}]}}}";
    let v: Value = serde_json::from_str(&archdiag::check(text)).unwrap();
    assert_eq!((v["line"].as_u64(), v["column"].as_u64()), (Some(2), Some(45)), "{v}");
    let long = "x".repeat(101);
    let e = error(&format!(r#"{{"architecture":{{"region":"{long}","cluster":{{"service":"ecs"}}}}}}"#));
    assert_eq!(e, "architecture.region is 101 characters long; allowed: a name of 1 to 100 characters");
}

#[test]
fn hostile_names_stay_text() {
    let evil = r#"<script>alert(1)</script>\"' onload=\"x"#;
    let spec = format!(
        r#"{{"architecture":{{"region":"{evil}","vpc":{{"name":"{evil}","azs":["{evil}","b&c"]}},"cluster":{{"service":"eks","name":"{evil}","node_groups":[{{"name":"{evil}"}}]}},
            "load_balancers":[{{"name":"<a href='//x'>","targets":["{evil}"]}}]}}}}"#
    );
    let svg = archdiag::render(&spec).unwrap();
    assert!(!svg.contains("<script") && !svg.contains("<a "), "{svg}");
    assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // Ids come from positions, never from the names.
    let g = geo(&spec);
    assert!(g.boxes.iter().all(|b| b["id"].as_str().unwrap().bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')));
}

#[test]
fn the_form_is_bounded() {
    // The largest architecture the limits allow draws; one more of anything is an error, quickly.
    let groups: Vec<String> = (0..16).map(|i| format!(r#"{{"name":"g{i}","desired":64,"max":64}}"#)).collect();
    let spec = format!(
        r#"{{"architecture":{{"vpc":{{"azs":6}},"cluster":{{"service":"eks","node_groups":[{}]}}}}}}"#,
        groups.join(",")
    );
    let g = geo(&spec);
    assert_eq!(g.of_kind("worker-node").len(), 16 * 64);
    let groups: Vec<String> = (0..17).map(|i| format!(r#"{{"name":"g{i}"}}"#)).collect();
    let spec = format!(r#"{{"architecture":{{"cluster":{{"service":"eks","node_groups":[{}]}}}}}}"#, groups.join(","));
    assert!(error(&spec).starts_with("architecture.cluster.node_groups is a list of 17; allowed: at most 16 items"));
    // Load balancers draw an edge to every box of their targets: 4 of them over 16 groups of 64 nodes is
    // 4,096 edges and draws; a fifth is refused.
    let names: Vec<String> = (0..16).map(|i| format!(r#""g{i}""#)).collect();
    let groups: Vec<String> = (0..16).map(|i| format!(r#"{{"name":"g{i}","desired":64,"max":64}}"#)).collect();
    let lbs = |n: usize| -> String {
        (0..n).map(|i| format!(r#"{{"name":"lb{i}","targets":[{}]}}"#, names.join(","))).collect::<Vec<_>>().join(",")
    };
    let spec = |n: usize| {
        format!(
            r#"{{"architecture":{{"cluster":{{"service":"eks","node_groups":[{}]}},"load_balancers":[{}]}}}}"#,
            groups.join(","),
            lbs(n)
        )
    };
    assert!(archdiag::spec::parse(&spec(4)).is_ok());
    assert_eq!(error(&spec(5)), "spec has 5120 load balancer edges to targets; at most 4096 are allowed");
}

#[test]
fn readme_documents_every_field_of_the_form() {
    let readme_path = format!("{}/README.md", env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(&readme_path).unwrap();
    let table = archdiag::spec::arch::markdown();
    let (start, end) = ("<!-- architecture fields: begin -->\n", "<!-- architecture fields: end -->");
    let (a, b) = (readme.find(start).expect("README marks the table"), readme.find(end).expect("end mark"));
    let have = &readme[a + start.len()..b];
    if std::env::var_os("ARCHDIAG_UPDATE_GOLDEN").is_some() && have != table {
        std::fs::write(&readme_path, format!("{}{table}{}", &readme[..a + start.len()], &readme[b..])).unwrap();
        return;
    }
    assert_eq!(
        have, table,
        "README's architecture table differs from src/spec/arch.rs; regenerate with ARCHDIAG_UPDATE_GOLDEN=1 cargo test --release --test architecture"
    );
}
