//! Digests of the layout JSON and the SVG of every corpus file in both directions and of every preset
//! combination, against `tests/golden/digests.txt`: any moved box, bend or byte anywhere shows up as a
//! changed line, named. Regenerate only on purpose with `ARCHDIAG_UPDATE_GOLDEN=1 cargo test --release
//! --test digests`, and look at the drawings of the lines that changed before committing.

mod common;

use std::fmt::Write as _;

/// FNV-1a, 64 bits: enough to tell two outputs apart, stable across platforms and releases.
fn digest(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// Every preset combination: each valid service and hosting set, in both directions, at each detail,
/// registry and responsibilities setting, at the ends and middle of the AZ and worker ranges; then each
/// theme on the plain combinations. Invalid combinations are listed too, with their error's digest.
fn preset_specs() -> Vec<(String, String)> {
    let hostings: [(&str, &[&str]); 10] = [
        ("ecs", &["ec2"]),
        ("ecs", &["fargate"]),
        ("ecs", &["ec2", "fargate"]),
        ("eks", &["ec2"]),
        ("eks", &["nodegroup"]),
        ("eks", &["fargate"]),
        ("eks", &["ec2", "nodegroup"]),
        ("eks", &["ec2", "fargate"]),
        ("eks", &["nodegroup", "fargate"]),
        ("eks", &["ec2", "nodegroup", "fargate"]),
    ];
    let mut out = Vec::new();
    for (service, hosting) in hostings {
        for direction in ["tb", "lr"] {
            for detail in ["full", "overview"] {
                for registry in ["ecr", "dockerhub", "nexus"] {
                    for responsibilities in [true, false] {
                        for azs in [1, 2, 3, 6] {
                            for workers in [0, 1, 2, 5] {
                                let spec = serde_json::json!({
                                    "service": service, "hosting": hosting, "direction": direction,
                                    "detail": detail, "registry": registry,
                                    "responsibilities": responsibilities, "azs": azs, "workers": workers,
                                });
                                let name = format!(
                                    "{service}-{} {direction} {detail} {registry} resp={responsibilities} azs={azs} workers={workers}",
                                    hosting.join("+")
                                );
                                out.push((name, spec.to_string()));
                            }
                        }
                    }
                }
            }
        }
        for theme in ["light", "dark", "auto"] {
            let spec = serde_json::json!({"service": service, "hosting": hosting, "theme": theme});
            out.push((format!("{service}-{} theme={theme}", hosting.join("+")), spec.to_string()));
        }
    }
    out
}

fn corpus_specs() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for path in common::corpus_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let dir = path.parent().unwrap().file_name().unwrap().to_string_lossy().into_owned();
        let name = format!("{dir}/{}", path.file_name().unwrap().to_string_lossy());
        for direction in ["TB", "LR"] {
            out.push((format!("{name} {direction}"), common::with_direction(&text, direction)));
        }
    }
    out
}

fn line(name: &str, spec: &str) -> String {
    let mut s = String::new();
    match (archdiag::layout_json(spec), archdiag::render(spec)) {
        (Ok(json), Ok(svg)) => {
            write!(s, "{name}\tjson {:016x}\tsvg {:016x}", digest(json.as_bytes()), digest(svg.as_bytes())).unwrap()
        }
        (Err(e), _) | (_, Err(e)) => write!(s, "{name}\terror {:016x}", digest(e.to_string().as_bytes())).unwrap(),
    }
    s
}

#[test]
fn every_corpus_file_and_preset_keeps_its_digests() {
    let specs: Vec<(String, String)> = preset_specs().into_iter().chain(corpus_specs()).collect();
    let got: Vec<String> = specs.iter().map(|(n, s)| line(n, s)).collect();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/digests.txt");
    if std::env::var_os("ARCHDIAG_UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, got.join("\n") + "\n").unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (set ARCHDIAG_UPDATE_GOLDEN=1 to create it)", path.display()));
    let want: Vec<&str> = want.lines().collect();
    let changed: Vec<&String> = got.iter().filter(|l| !want.contains(&l.as_str())).collect();
    assert!(
        changed.is_empty() && want.len() == got.len(),
        "{} of {} digests changed ({} expected lines), first: {:?}; if intended, rerun with ARCHDIAG_UPDATE_GOLDEN=1 and look at those drawings",
        changed.len(),
        got.len(),
        want.len(),
        changed.iter().take(5).collect::<Vec<_>>()
    );
    // The list is not vacuous: it covers every corpus file twice and has many distinct drawings.
    let distinct: std::collections::BTreeSet<&str> = got.iter().filter_map(|l| l.split('\t').nth(2)).collect();
    assert!(distinct.len() > 1000, "only {} distinct SVGs", distinct.len());
}
