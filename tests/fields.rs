//! The table of spec fields (`archdiag::spec::fields::FIELDS`) drives the CLI, the wasm `fields()` export
//! and the README: every field's flag gives what its JSON field gives, the new `--detail` and
//! `--[no-]responsibilities` work end to end and refuse bad values in one line, and the README's
//! reference table is the generated one. Regenerate the README's table with
//! `ARCHDIAG_UPDATE_GOLDEN=1 cargo test --release --test fields`.

use archdiag::spec::fields::{self, FIELDS, Field, Kind};
use serde_json::{Value, json};
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_archdiag")).args(args).output().expect("run archdiag")
}

fn stdout(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// The one line on stderr of a run that must fail with exit code 2.
fn refused(args: &[&str]) -> String {
    let o = run(args);
    assert_eq!(o.status.code(), Some(2), "{args:?}");
    assert!(o.stdout.is_empty());
    let e = String::from_utf8(o.stderr).unwrap();
    assert_eq!(e.lines().count(), 1, "stderr must be one line: {e:?}");
    assert!(e.starts_with("error: "), "{e}");
    e
}

fn has(msg: &str, parts: &[&str]) {
    for p in parts {
        assert!(msg.contains(p), "message {msg:?} lacks {p:?}");
    }
}

/// A value for each field other than its default (its flag's text and its JSON), for an EKS spec.
fn sample(f: &Field) -> (Vec<String>, Value) {
    let flag = |v: &str| vec![f.flag.to_string(), v.to_string()];
    match f.kind {
        Kind::Choice(c) => {
            // The last name that is not the default (for `service`, "eks", as in the base spec), in capitals.
            let name = c.iter().rev().find(|c| c.name != fields::default_text(f)).unwrap().name;
            (flag(&name.to_ascii_uppercase()), json!(name.to_ascii_uppercase()))
        }
        Kind::Choices(_) => (flag("nodegroup,fargate"), json!(["nodegroup", "fargate"])),
        Kind::Int { min, max } => {
            let n = if max > 8 { min } else { max };
            (flag(&n.to_string()), json!(n))
        }
        Kind::Bool => (vec![f.negative_flag().unwrap()], json!(false)),
        Kind::Text { .. } => (flag("Our platform"), json!("Our platform")),
        Kind::Name { .. } => (flag("fig-3"), json!("fig-3")),
    }
}

#[test]
fn every_field_has_a_flag_that_gives_what_its_json_field_gives() {
    let base = json!({"service": "eks", "hosting": "ec2"});
    let base_svg = archdiag::render(&base.to_string()).unwrap();
    for f in FIELDS {
        let (args, value) = sample(f);
        let mut spec = base.clone();
        spec[f.name] = value;
        let want = archdiag::render(&spec.to_string()).unwrap();
        let mut all = vec!["--service".to_string(), "eks".into(), "--hosting".into(), "ec2".into()];
        all.extend(args.clone());
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        let got = stdout(&run(&all));
        assert_eq!(got, want, "{args:?} and {spec} differ");
        if f.name != "service" {
            assert_ne!(got, base_svg, "{args:?} changed nothing");
        }
        // `--flag=value` is the same as `--flag value`.
        if args.len() == 2 {
            let inline = format!("{}={}", args[0], args[1]);
            assert_eq!(stdout(&run(&["--service", "eks", "--hosting", "ec2", &inline])), want, "{inline}");
        }
    }
}

#[test]
fn detail_and_responsibilities_work_end_to_end() {
    let render = |spec: Value| archdiag::render(&spec.to_string()).unwrap();
    let cli = |args: &[&str]| stdout(&run(&[&["--service", "ecs", "--hosting", "ec2"], args].concat()));
    let overview = render(json!({"service": "ecs", "hosting": "ec2", "detail": "overview"}));
    assert_eq!(cli(&["--detail", "overview"]), overview);
    assert!(!overview.contains(r#"data-kind="agent""#));
    assert_eq!(cli(&["--detail", "full"]), render(json!({"service": "ecs", "hosting": "ec2", "detail": "full"})));
    let without = render(json!({"service": "ecs", "hosting": "ec2", "responsibilities": false}));
    assert!(!without.contains(r#"data-kind="responsibilities""#));
    assert_eq!(cli(&["--no-responsibilities"]), without);
    assert_eq!(cli(&["--responsibilities=false"]), without);
    let with = render(json!({"service": "ecs", "hosting": "ec2", "responsibilities": true}));
    assert!(with.contains(r#"data-kind="responsibilities""#));
    assert_eq!(cli(&["--responsibilities"]), with);
    assert_eq!(cli(&["--responsibilities=true"]), with);
    // The last of several flags for one field wins, as for every other flag.
    assert_eq!(cli(&["--responsibilities", "--no-responsibilities"]), without);
    assert_eq!(cli(&["--no-responsibilities", "--responsibilities"]), with);
    let both = render(json!({"service": "ecs", "hosting": "ec2", "detail": "overview", "responsibilities": false}));
    assert_eq!(cli(&["--detail=overview", "--no-responsibilities"]), both);
    // Over a spec file, the flags win.
    let dir = std::env::temp_dir().join(format!("archdiag-fields-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("spec.json");
    std::fs::write(&file, r#"{"service":"ecs","hosting":"ec2","detail":"full","responsibilities":true}"#).unwrap();
    let path = file.to_str().unwrap();
    assert_eq!(stdout(&run(&["--spec", path, "--detail", "overview", "--no-responsibilities"])), both);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_values_to_the_new_flags_exit_2_naming_field_value_and_what_is_allowed() {
    let base = ["--service", "ecs", "--hosting", "ec2"];
    let with = |more: &[&str]| refused(&[&base[..], more].concat());
    has(&with(&["--detail", "bogus"]), &["detail", "\"bogus\"", "\"overview\", \"full\""]);
    has(&with(&["--detail="]), &["detail", "\"\"", "\"overview\", \"full\""]);
    has(&with(&["--responsibilities=maybe"]), &["responsibilities", "\"maybe\"", "true or false"]);
    has(&with(&["--responsibilities=TRUE"]), &["responsibilities", "\"TRUE\"", "true or false"]);
    has(
        &with(&["--responsibilities", "false"]),
        &["--responsibilities", "--responsibilities=false", "--no-responsibilities"],
    );
    has(&with(&["--no-responsibilities=yes"]), &["--no-responsibilities", "takes no value"]);
    has(&with(&["--detail"]), &["--detail", "needs a value"]);
    // The same words as the spec's own check of the same value.
    let lib = archdiag::render(r#"{"service":"ecs","hosting":"ec2","detail":"bogus"}"#).unwrap_err().to_string();
    assert_eq!(with(&["--detail", "bogus"]), format!("error: {lib}\n"));
    let lib = archdiag::render(r#"{"service":"ecs","hosting":"ec2","responsibilities":"maybe"}"#).unwrap_err();
    assert_eq!(with(&["--responsibilities=maybe"]), format!("error: {lib}\n"));
}

#[test]
fn usage_and_the_unknown_option_error_list_every_field() {
    let help = stdout(&run(&["--help"]));
    let unknown = refused(&["--bogus"]);
    // The help lines are wrapped: compare with single spaces.
    let flat = help.split_whitespace().collect::<Vec<_>>().join(" ");
    for f in FIELDS {
        assert!(help.contains(f.flag) && flat.contains(f.help), "--help lacks {}", f.flag);
        assert!(help.contains(&fields::flag_value(f)), "--help lacks the values of {}", f.flag);
        assert!(unknown.contains(&format!("{},", f.flag)), "{unknown}");
        if let Some(no) = f.negative_flag() {
            assert!(help.contains(&no) && unknown.contains(&no), "{no}");
        }
    }
    assert!(help.lines().all(|l| l.chars().count() <= 104), "{help}");
}

#[test]
fn the_fields_export_is_the_table() {
    let v: Value = serde_json::from_str(&archdiag::fields_json()).unwrap();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), FIELDS.len());
    for (f, j) in FIELDS.iter().zip(list) {
        assert_eq!(j["name"], f.name);
        assert_eq!(j["flag"], f.flag);
        assert_eq!(j["attribute"], f.flag.trim_start_matches('-'));
        assert_eq!(j["help"], f.help);
        let names: Vec<&str> = f.choices().iter().map(|c| c.name).collect();
        let listed: Vec<&str> =
            j["values"].as_array().map_or(vec![], |l| l.iter().map(|c| c["name"].as_str().unwrap()).collect());
        assert_eq!(listed, names, "{}", f.name);
        if let Kind::Int { min, max } = f.kind {
            assert_eq!((j["min"].as_u64(), j["max"].as_u64()), (Some(min.into()), Some(max.into())));
        }
        // The default the page shows draws what a spec without the field draws.
        if !j["default"].is_null() {
            let base = json!({"service": "ecs", "hosting": "ec2"});
            let mut spec = base.clone();
            spec[f.name] = j["default"].clone();
            let fingerprint = |s: &Value| archdiag::spec::parse(&s.to_string()).unwrap();
            let (mut a, b) = (fingerprint(&spec), fingerprint(&base));
            // Left out, detail is full where that fits (as these presets do) and overview where only it
            // does; given, it is what it says.
            if let archdiag::spec::Form::Preset(p) = &mut a.form {
                p.detail_given = false;
            }
            if f.name == "theme" {
                assert_eq!(a.theme, Some(archdiag::spec::Theme::default()));
            } else {
                assert_eq!(a, b, "{}", f.name);
            }
        }
    }
}

#[test]
fn the_readme_reference_table_is_generated_from_the_fields() {
    const BEGIN: &str = "<!-- fields: generated from src/spec/fields.rs by tests/fields.rs -->\n";
    const END: &str = "<!-- /fields -->";
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme.find(BEGIN).expect("README.md lacks the fields marker") + BEGIN.len();
    let end = start + readme[start..].find(END).expect("README.md lacks the end of the fields table");
    let want = fields::markdown();
    if readme[start..end] == want {
        return;
    }
    if std::env::var_os("ARCHDIAG_UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, format!("{}{want}{}", &readme[..start], &readme[end..])).unwrap();
        return;
    }
    panic!(
        "README.md's table of spec fields differs from src/spec/fields.rs; regenerate it with \
         `ARCHDIAG_UPDATE_GOLDEN=1 cargo test --release --test fields` and review the diff.\nexpected:\n{want}"
    );
}
