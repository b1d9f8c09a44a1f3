//! The hostile-input catalogue (`tests/hostile/`): every case's outcome, through the library and the
//! native CLI, is the one `expected.json` records (a safe SVG, or exit 2 with exactly that one-line
//! message). `tests/js/hostile.test.mjs` replays the same catalogue in the Node module and under WASI.
//! After an intended change, `ARCHDIAG_UPDATE_HOSTILE=1 cargo test --test hostile` rewrites
//! `expected.json`; review its diff before committing.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/hostile")
}

/// Case names with what each is about.
fn cases() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(dir().join("notes.json")).expect("notes.json");
    serde_json::from_str(&text).expect("notes.json is a map of names to notes")
}

/// Whether a character would act on a terminal or on text layout (the library's own rule).
fn hidden(c: char) -> bool {
    archdiag::safe::is_hidden(c)
}

/// Checks that an SVG can be pasted into a page: no element but archdiag's, no event attribute, no style
/// attribute, no reference outside the document, no hidden character, ids unique and under the root's
/// prefix.
pub fn assert_safe_svg(name: &str, svg: &str) {
    const ELEMENTS: &[&str] = &[
        "svg", "title", "desc", "defs", "marker", "path", "rect", "text", "g", "line", "symbol", "use", "style",
        "circle",
    ];
    assert!(!svg.chars().any(|c| hidden(c) && c != '\n'), "{name}: hidden character in the SVG");
    let mut ids = std::collections::BTreeSet::new();
    let mut prefix = None;
    for tag in svg.split('<').skip(1) {
        let tag = &tag[..tag.find('>').unwrap_or_else(|| panic!("{name}: unclosed tag"))];
        let tag = tag.strip_prefix('/').unwrap_or(tag);
        let name_end = tag.find([' ', '/', '>']).unwrap_or(tag.len());
        let el = &tag[..name_end];
        assert!(ELEMENTS.contains(&el), "{name}: unexpected element <{el}>");
        let mut rest = &tag[name_end..];
        while let Some(eq) = rest.find("=\"") {
            let attr = rest[..eq].trim();
            let after = &rest[eq + 2..];
            let close = after.find('"').unwrap_or_else(|| panic!("{name}: unclosed attribute"));
            let value = &after[..close];
            assert!(!attr.to_ascii_lowercase().starts_with("on") && attr != "style", "{name}: attribute {attr}");
            assert!(!value.contains('<') && !value.contains("javascript:"), "{name}: {attr}={value}");
            if attr == "id" {
                assert!(ids.insert(value.to_string()), "{name}: id {value} twice");
                match prefix {
                    None => prefix = Some(value.to_string()),
                    Some(ref p) => assert!(value.starts_with(&format!("{p}-")), "{name}: id {value} outside {p}"),
                }
            }
            if attr.ends_with("href") {
                assert!(value.starts_with('#'), "{name}: external reference {value}");
            }
            if value.contains("url(") {
                assert!(value.starts_with("url(#"), "{name}: external url {value}");
            }
            rest = &after[close + 1..];
        }
    }
    // Every reference points at an id of this document.
    for part in svg.split("href=\"#").skip(1).chain(svg.split("url(#").skip(1)) {
        let target: String = part.chars().take_while(|c| *c != '"' && *c != ')').collect();
        assert!(ids.contains(&target), "{name}: reference to missing #{target}");
    }
}

/// What the library makes of a case: "svg" (checked safe) or "error: MESSAGE".
fn outcome(name: &str, text: &str) -> String {
    match archdiag::render(text) {
        Ok(svg) => {
            assert_safe_svg(name, &svg);
            "svg".into()
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(!msg.chars().any(hidden), "{name}: hidden character in the message {msg:?}");
            format!("error: {msg}")
        }
    }
}

#[test]
fn catalogue_outcomes_are_as_recorded_in_the_library_and_the_cli() {
    let expected_path = dir().join("expected.json");
    let mut actual = BTreeMap::new();
    for name in cases().keys() {
        let path = dir().join(format!("{name}.in"));
        let text = String::from_utf8(std::fs::read(&path).expect("case file")).expect("cases are UTF-8");
        let got = outcome(name, &text);
        // The CLI gives the same: the SVG on stdout, or exit 2 and the message on one stderr line.
        let o = Command::new(env!("CARGO_BIN_EXE_archdiag")).arg("--spec").arg(&path).output().expect("run");
        if got == "svg" {
            assert!(o.status.success(), "{name}: CLI failed: {}", String::from_utf8_lossy(&o.stderr));
            assert_eq!(String::from_utf8(o.stdout).unwrap(), archdiag::render(&text).unwrap(), "{name}");
            for format in ["text", "json"] {
                let o = Command::new(env!("CARGO_BIN_EXE_archdiag"))
                    .args(["--format", format, "--spec"])
                    .arg(&path)
                    .output()
                    .expect("run");
                let out = String::from_utf8(o.stdout).unwrap();
                assert!(!out.trim_end().chars().any(hidden), "{name}: hidden character in --format {format}");
            }
        } else {
            assert_eq!(o.status.code(), Some(2), "{name}");
            assert_eq!(String::from_utf8(o.stderr).unwrap(), format!("{}\n", got), "{name}");
        }
        actual.insert(name.clone(), got);
    }
    let text = serde_json::to_string_pretty(&actual).unwrap() + "\n";
    if std::env::var_os("ARCHDIAG_UPDATE_HOSTILE").is_some() {
        std::fs::write(&expected_path, &text).unwrap();
        return;
    }
    let expected =
        std::fs::read_to_string(&expected_path).expect("expected.json (regenerate with ARCHDIAG_UPDATE_HOSTILE=1)");
    assert_eq!(text, expected, "outcomes differ from tests/hostile/expected.json");
}

/// Spec ids named like the drawing's own ids get their own: every id is distinct, and references still
/// reach the markers and glyphs (checked by `assert_safe_svg`).
#[test]
fn ids_collide_no_more() {
    let text = std::fs::read_to_string(dir().join("ids-that-look-internal.in")).unwrap();
    let svg = archdiag::render(&text).unwrap();
    let p = archdiag::id_prefix(&archdiag::spec::parse(&text).unwrap());
    for id in ["edge-0", "arrow-plain", "title", "desc"] {
        assert!(svg.contains(&format!("id=\"{p}-n-{id}\"")), "{id}");
    }
    assert!(svg.contains(&format!("id=\"{p}-edge-0\"")) && svg.contains(&format!("id=\"{p}-title\"")));
    // Two different specs never share a prefix; one spec keeps its own however it is written.
    let other = archdiag::render(r#"{"service":"ecs","hosting":"ec2"}"#).unwrap();
    let spaced = archdiag::render("{ \"hosting\" : \"ec2\",\n \"service\": \"ecs\" }").unwrap();
    assert_eq!(other, spaced);
    assert!(!other.contains(&format!("\"{p}-")));
    // The caller's prefix wins over the spec's and the hash.
    let opts = archdiag::Options { id_prefix: Some("fig2".into()), prefers: None };
    let svg = archdiag::render_with(r#"{"service":"ecs","hosting":"ec2","id_prefix":"fig1"}"#, &opts).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("id=\"fig2\"") && !svg.contains("fig1"));
}

/// The `auto` theme's CSS applies under its own diagram's id only.
#[test]
fn a_dark_diagram_cannot_recolour_another() {
    let svg = archdiag::render(r#"{"service":"ecs","hosting":"ec2","theme":"auto","id_prefix":"one"}"#).unwrap();
    let css = &svg[svg.find("<style>").unwrap()..svg.find("</style>").unwrap()];
    let rules = css.matches('{').count() - 1;
    assert_eq!(css.matches("#one .ad-").count(), rules, "{css}");
}
