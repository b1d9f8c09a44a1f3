//! How the diagram's words are put together, in one place: a box's sentence, a relation's sentence,
//! lists of names with honest counts ("2 ECS Agents, Task 1 and Task 2"), plurals and articles. Plain
//! strings in, plain strings out; escaping for XML or a terminal is the writer's.

use super::types::{EdgeStyle, Manager};

/// Most names a list spells out before saying how many more.
pub const LISTED: usize = 8;

/// A box's sentence: "Amazon ECR: the private registry of AWS. Managed by AWS."
pub fn element(label: &str, what: &str, by: Manager) -> String {
    format!("{label}: {what}. {}", by.sentence())
}

/// A kind name as a noun phrase with its article: "a worker node", "an api server".
pub fn a_kind(kind: &str) -> String {
    let words = kind.replace('-', " ");
    let vowel = words.chars().next().is_some_and(|c| "aeiouAEIOU".contains(c));
    format!("{} {words}", if vowel { "an" } else { "a" })
}

/// The English plural of a name, by its last word: "ECS Agent" → "ECS Agents", "kube-proxy" →
/// "kube-proxies", "etcd" → "etcds".
pub fn plural(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let consonant_y = lower.ends_with('y') && !lower[..lower.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']);
    if consonant_y {
        format!("{}ies", &name[..name.len() - 1])
    } else if ["s", "x", "z", "sh", "ch"].iter().any(|e| lower.ends_with(e)) {
        format!("{name}es")
    } else {
        format!("{name}s")
    }
}

/// A name without a trailing number: "EC2 instance 3" → "EC2 instance" (names that differ only in
/// their number are counted together).
pub fn stem(name: &str) -> &str {
    match name.rsplit_once(' ') {
        Some((head, n)) if !head.is_empty() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => head,
        _ => name,
    }
}

/// Several things of one name, counted: "2 ECS Agents", "3 EC2 instances"; "2 boxes named AZ a" where
/// the last word is a letter or a number, which has no plural.
fn several(k: usize, name: &str) -> String {
    let last = name.rsplit(' ').next().unwrap_or(name);
    if last.chars().count() < 2 || last.bytes().all(|b| b.is_ascii_digit()) {
        format!("{k} boxes named {name}")
    } else {
        format!("{k} {}", plural(name))
    }
}

/// Names as one list with honest counts: names equal but for a trailing number once, counted ("2 ECS
/// Agents", "3 EC2 instances"), in order of first appearance, joined with commas and a final "and";
/// after [`LISTED`] entries, how many more. Returns the list and whether it names more than one thing
/// (for the verb).
pub fn counted<'a>(names: impl IntoIterator<Item = &'a str>) -> (String, bool) {
    // (stem, the first name with it, how many)
    let mut entries: Vec<(&str, &str, usize)> = Vec::new();
    let mut total = 0usize;
    for n in names {
        total += 1;
        let s = stem(n);
        match entries.iter_mut().find(|e| e.0 == s) {
            Some(e) => e.2 += 1,
            None => entries.push((s, n, 1)),
        }
    }
    let mut parts: Vec<String> =
        entries.iter().take(LISTED).map(|&(s, n, k)| if k > 1 { several(k, s) } else { n.to_string() }).collect();
    let shown: usize = entries.iter().take(LISTED).map(|e| e.2).sum();
    if total > shown {
        parts.push(format!("{} more", total - shown));
    }
    let list = match parts.len() {
        0 => String::new(),
        1 => parts.remove(0),
        _ => {
            let last = parts.pop().unwrap_or_default();
            format!("{} and {last}", parts.join(", "))
        }
    };
    (list, total > 1)
}

/// A relation's verb, for one subject or many: "pulls images from" / "pull images from".
pub fn verb(style: EdgeStyle, many: bool) -> &'static str {
    match (style, many) {
        (EdgeStyle::Plain, false) => "links to",
        (EdgeStyle::Plain, true) => "link to",
        (EdgeStyle::Manages, false) => "manages",
        (EdgeStyle::Manages, true) => "manage",
        (EdgeStyle::Registers, false) => "registers with",
        (EdgeStyle::Registers, true) => "register with",
        (EdgeStyle::Pulls, false) => "pulls images from",
        (EdgeStyle::Pulls, true) => "pull images from",
        (EdgeStyle::Lifecycle, false) => "creates and deletes",
        (EdgeStyle::Lifecycle, true) => "create and delete",
        // Only "You" operate.
        (EdgeStyle::Operates, _) => "operate",
        (EdgeStyle::Traffic, false) => "sends traffic to",
        (EdgeStyle::Traffic, true) => "send traffic to",
    }
}

/// A relation's sentence: "ECS Agent registers with ECS control plane.", or with its label, "You operate
/// Self-managed EC2 instances: create, install, patch." ("web to db: reads." for a custom one).
pub fn relation(from: &str, to: &str, style: EdgeStyle, label: Option<&str>, many: bool) -> String {
    match label {
        Some(l) if style == EdgeStyle::Plain => format!("{from} to {to}: {l}."),
        Some(l) => format!("{from} {} {to}: {l}.", verb(style, many)),
        None => format!("{from} {} {to}.", verb(style, many)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_count_equal_names_and_bound_their_length() {
        assert_eq!(counted(["ECS Agent", "ECS Agent", "Task 1"]), ("2 ECS Agents and Task 1".into(), true));
        let pullers = ["EC2 instance 1", "EC2 instance 2", "EC2 instance 3", "Pod 1", "Pod 2", "Pod 3"];
        assert_eq!(counted(pullers).0, "3 EC2 instances and 3 Pods");
        assert_eq!(counted(["AZ a", "AZ a", "AZ b"]).0, "2 boxes named AZ a and AZ b");
        assert_eq!(counted(["EC2 instance 1"]), ("EC2 instance 1".into(), false));
        assert_eq!(counted(["a", "b", "c"]).0, "a, b and c");
        let many: Vec<String> = (0..20).map(|k| format!("n{k}")).collect();
        assert_eq!(counted(many.iter().map(String::as_str)).0, "n0, n1, n2, n3, n4, n5, n6, n7 and 12 more");
        let numbered: Vec<String> = (0..20).map(|k| format!("node {k}")).collect();
        assert_eq!(counted(numbered.iter().map(String::as_str)).0, "20 nodes");
        assert_eq!(counted(std::iter::empty()), (String::new(), false));
    }

    #[test]
    fn plurals_and_articles() {
        assert_eq!(plural("kube-proxy"), "kube-proxies");
        assert_eq!(plural("ECS Agent"), "ECS Agents");
        assert_eq!(plural("Docker Hub key"), "Docker Hub keys");
        assert_eq!(plural("box"), "boxes");
        assert_eq!(plural("gateway"), "gateways");
        assert_eq!(a_kind("api-server"), "an api server");
        assert_eq!(a_kind("vpc"), "a vpc");
    }

    #[test]
    fn relation_sentences_agree_with_their_subject() {
        assert_eq!(
            relation("ECS Agent", "ECS control plane", EdgeStyle::Registers, None, false),
            "ECS Agent registers with ECS control plane."
        );
        assert_eq!(
            relation("2 EC2 instances", "Amazon ECR", EdgeStyle::Pulls, None, true),
            "2 EC2 instances pull images from Amazon ECR."
        );
        assert_eq!(relation("web", "db", EdgeStyle::Plain, Some("reads"), false), "web to db: reads.");
    }
}
