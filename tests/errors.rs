//! Every kind of bad input gives one clear error naming the field, the bad value and what is allowed,
//! and never a panic.

fn err(spec: &str) -> String {
    match archdiag::render(spec) {
        Ok(_) => panic!("expected an error for {spec}"),
        Err(e) => e.to_string(),
    }
}

fn has(msg: &str, parts: &[&str]) {
    for p in parts {
        assert!(msg.contains(p), "message {msg:?} lacks {p:?}");
    }
    assert!(!msg.contains('\n'), "message must be one line: {msg:?}");
}

#[test]
fn ecs_with_nodegroup_is_rejected_naming_valid_hostings() {
    let m = err(r#"{"service":"ecs","hosting":"nodegroup"}"#);
    has(&m, &["nodegroup", "ecs", "EKS", "\"ec2\"", "\"fargate\""]);
    let m = err(r#"{"service":"ecs","hosting":["ec2","nodegroup"]}"#);
    has(&m, &["Node group is an EKS feature"]);
}

#[test]
fn bad_values_name_field_value_and_allowed() {
    has(&err(r#"{"service":"aks","hosting":"ec2"}"#), &["service", "\"aks\"", "\"ecs\", \"eks\""]);
    has(&err(r#"{"service":"eks","hosting":"lambda"}"#), &["hosting", "\"lambda\"", "\"nodegroup\""]);
    has(&err(r#"{"service":"eks","hosting":"ec2","registry":"quay"}"#), &["registry", "\"quay\"", "\"nexus\""]);
    has(&err(r#"{"service":"eks","hosting":"ec2","theme":"pink"}"#), &["theme", "\"pink\"", "\"dark\""]);
    has(&err(r#"{"service":"eks","hosting":"ec2","direction":"up"}"#), &["direction", "\"up\"", "\"lr\", \"tb\""]);
    has(&err(r#"{"service":"eks","hosting":[]}"#), &["hosting", "empty list"]);
    has(&err(r#"{"service":"eks","hosting":["ec2","ec2"]}"#), &["hosting[1]", "second time"]);
}

#[test]
fn out_of_range_numbers() {
    has(&err(r#"{"service":"ecs","hosting":"ec2","azs":0}"#), &["azs", "0", "from 1 to 6"]);
    has(&err(r#"{"service":"ecs","hosting":"ec2","azs":7}"#), &["azs", "7", "from 1 to 6"]);
    has(&err(r#"{"service":"ecs","hosting":"ec2","workers":65}"#), &["workers", "65", "from 0 to 64"]);
    has(&err(r#"{"service":"ecs","hosting":"ec2","workers":-1}"#), &["workers", "-1"]);
    has(&err(r#"{"service":"ecs","hosting":"ec2","workers":2.5}"#), &["workers", "2.5"]);
}

#[test]
fn wrong_types() {
    has(&err(r#"{"service":"ecs","hosting":"ec2","azs":"two"}"#), &["azs", "whole number", "\"two\""]);
    has(&err(r#"{"service":1,"hosting":"ec2"}"#), &["service", "a string", "1"]);
    has(&err(r#"{"service":"ecs","hosting":{"a":1}}"#), &["hosting", "a string or a list"]);
    has(&err(r#"{"nodes":"x"}"#), &["nodes", "a list", "\"x\""]);
    has(&err(r#"{"nodes":[{"id":3}]}"#), &["nodes[0].id", "a string", "3"]);
    has(&err("[1,2]"), &["JSON object", "a list"]);
}

#[test]
fn unknown_and_missing_fields() {
    has(&err(r#"{"service":"ecs","hosting":"ec2","colour":"red"}"#), &["unknown field \"colour\"", "service, hosting"]);
    has(&err(r#"{"nodes":[{"id":"a","shape":"x"}]}"#), &["nodes[0]", "\"shape\"", "id, label"]);
    has(
        &err(r#"{"nodes":[{"id":"a"}],"edges":[{"from":"a","to":"a","weight":2}]}"#),
        &["edges[0]", "\"weight\"", "from, to, label"],
    );
    has(&err(r#"{"service":"ecs"}"#), &["missing field \"hosting\"", "\"fargate\""]);
    has(&err(r#"{"theme":"dark"}"#), &["missing field \"service\""]);
    has(&err(r#"{"nodes":[{"label":"a"}]}"#), &["nodes[0]", "\"id\""]);
    has(&err(r#"{"service":"ecs","hosting":"ec2","nodes":[]}"#), &["mixes", "\"service\"", "\"nodes\""]);
}

#[test]
fn custom_form_references() {
    has(&err(r#"{"nodes":[{"id":"a"},{"id":"a"}]}"#), &["nodes[1]", "\"a\"", "nodes[0]", "unique"]);
    has(&err(r#"{"groups":[{"id":"g"}],"nodes":[{"id":"g"}]}"#), &["nodes[0]", "\"g\"", "groups[0]"]);
    has(&err(r#"{"nodes":[{"id":"a","parent":"nope"}]}"#), &["nodes[0].parent", "\"nope\"", "group"]);
    has(&err(r#"{"nodes":[{"id":"a"},{"id":"b","parent":"a"}]}"#), &["nodes[1].parent", "\"a\"", "group"]);
    has(&err(r#"{"nodes":[{"id":"a"}],"edges":[{"from":"a","to":"zz"}]}"#), &["edges[0].to", "\"zz\""]);
    has(&err(r#"{"nodes":[{"id":"a"}],"edges":[{"to":"a"}]}"#), &["edges[0]", "\"from\""]);
    has(
        &err(
            r#"{"groups":[{"id":"x","parent":"y"},{"id":"y","parent":"z"},{"id":"z","parent":"x"}],"nodes":[{"id":"n","parent":"x"}]}"#,
        ),
        &["cycle", "x -> y -> z -> x"],
    );
    has(&err(r#"{"groups":[{"id":"x","parent":"x"}]}"#), &["cycle", "x -> x"]);
    has(&err(r#"{"nodes":[{"id":"a","kind":"blob"}]}"#), &["nodes[0].kind", "\"blob\"", "worker-node"]);
    has(&err(r#"{"nodes":[{"id":"a","managed_by":"me"}]}"#), &["managed_by", "\"me\"", "\"you\""]);
}

#[test]
fn syntax_errors_point_at_line_and_column() {
    has(&err("{\"service\": \"ecs\",\n \"hosting\": }"), &["not valid JSON", "line 2", "column"]);
    has(&err(""), &["not valid JSON", "line 1"]);
}

#[test]
fn hostile_labels_are_escaped_and_never_become_markup() {
    let spec = r#"{"title":"<script>alert(1)</script>","groups":[{"id":"g\" onload=\"x","label":"<b>&amp;"}],
        "nodes":[{"id":"n<1>","label":"</text><script>alert(1)</script>\u0001","parent":"g\" onload=\"x"}],
        "edges":[{"from":"n<1>","to":"g\" onload=\"x","label":"<a href='http://evil'>x</a>"}]}"#;
    let svg = archdiag::render(spec).expect("renders");
    // Every '<' in the output starts a real tag (text is escaped), so check every tag and attribute.
    const ELEMENTS: &[&str] = &[
        "svg", "title", "desc", "defs", "marker", "path", "rect", "text", "g", "line", "circle", "/svg", "/title",
        "/desc", "/defs", "/marker", "/text", "/g",
    ];
    for tag in svg.split('<').skip(1) {
        let tag = &tag[..tag.find('>').expect("closed tag")];
        let name = tag.split([' ', '/']).next().unwrap();
        let name = if name.is_empty() { tag.trim_end_matches('/') } else { name };
        assert!(ELEMENTS.contains(&name), "unexpected element <{name}> in {tag}");
        let mut rest = tag;
        while let Some(eq) = rest.find("=\"") {
            let attr = rest[..eq].rsplit(' ').next().unwrap();
            assert!(
                !attr.starts_with("on") && attr != "href" && attr != "xlink:href" && attr != "style",
                "attribute {attr}"
            );
            let after = &rest[eq + 2..];
            let close = after.find('"').expect("closed attribute");
            assert!(!after[..close].contains('<'), "raw < in attribute");
            rest = &after[close + 1..];
        }
    }
    assert!(!svg.contains('\u{1}'), "control character");
    assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // Each id is a safe, distinct XML id.
    assert!(svg.contains(r#"-n-n.3c.1.3e.""#), "{svg}");
}

#[test]
fn huge_input_is_refused_not_drawn() {
    let nodes: Vec<String> = (0..20_001).map(|i| format!(r#"{{"id":"n{i}"}}"#)).collect();
    let spec = format!(r#"{{"nodes":[{}]}}"#, nodes.join(","));
    has(&err(&spec), &["more than 20000 groups and nodes", "at most 20000"]);
}

#[test]
fn new_options_are_validated() {
    has(
        &err(r#"{"service":"ecs","hosting":"ec2","detail":"some"}"#),
        &["detail", "\"some\"", "\"overview\", \"full\""],
    );
    has(
        &err(r#"{"service":"ecs","hosting":"ec2","responsibilities":"yes"}"#),
        &["responsibilities", "true or false", "\"yes\""],
    );
    has(&err(r#"{"nodes":[{"id":"a"}],"detail":"full"}"#), &["mixes", "\"detail\""]);
    has(&err(r#"{"service":"ecs","hosting":"ec2","theme":"sepia"}"#), &["theme", "\"auto\""]);
}
