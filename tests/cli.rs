//! The `archdiag` command line: output on stdout, exit code 2 with one line on stderr for bad input, and
//! `-o` that never leaves a partial file.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_archdiag"));
    cmd.args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn archdiag");
    if let Some(s) = stdin {
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("wait")
}

fn stderr_line(o: &Output) -> String {
    let s = String::from_utf8(o.stderr.clone()).unwrap();
    assert_eq!(s.lines().count(), 1, "stderr must be one line: {s:?}");
    s
}

#[test]
fn flags_give_the_same_svg_as_the_library() {
    let o = run(&["--service", "eks", "--hosting", "nodegroup,fargate", "--azs", "3"], None);
    assert!(o.status.success());
    let lib = archdiag::render(r#"{"service":"eks","hosting":["nodegroup","fargate"],"azs":3}"#).unwrap();
    assert_eq!(String::from_utf8(o.stdout).unwrap(), lib);
}

#[test]
fn spec_from_stdin_with_flag_override_and_json_format() {
    let o =
        run(&["--spec", "-", "--hosting=fargate", "--format", "json"], Some(r#"{"service":"ecs","hosting":"ec2"}"#));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let kinds: Vec<&str> = v["boxes"].as_array().unwrap().iter().map(|b| b["kind"].as_str().unwrap()).collect();
    // Fargate: tasks in the subnets, no instances.
    assert!(kinds.contains(&"task") && !kinds.contains(&"worker-node"), "{kinds:?}");
    for b in v["boxes"].as_array().unwrap() {
        for k in ["id", "kind", "parent", "x", "y", "width", "height"] {
            assert!(b.get(k).is_some(), "box lacks {k}: {b}");
        }
    }
    for e in v["edges"].as_array().unwrap() {
        assert!(e["points"].as_array().unwrap().len() >= 2);
        assert!(e["from"].is_string() && e["to"].is_string());
    }
}

/// A spec file given alone reaches the library as written (keys in any order, any spacing): the CLI's
/// output and errors are the library's (and so the wasm module's) for the same text, in SVG and JSON.
#[test]
fn a_spec_file_alone_gives_what_the_library_gives_for_its_text() {
    let spec = "{\n  \"title\": \"Shop\",\n  \"nodes\": [{\"id\": \"b\", \"label\": \"B\"}, {\"label\": \"A\", \"id\": \"a\"}],\n  \"edges\": [{\"to\": \"b\", \"from\": \"a\", \"label\": \"calls\"}],\n  \"direction\": \"LR\"\n}";
    let o = run(&["--spec", "-"], Some(spec));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(String::from_utf8(o.stdout).unwrap(), archdiag::render(spec).unwrap());
    let o = run(&["--spec", "-", "--format", "json"], Some(spec));
    assert_eq!(String::from_utf8(o.stdout).unwrap(), archdiag::layout_json(spec).unwrap() + "\n");
    // Two mistakes: the CLI names the one the library names.
    let bad = r#"{"theme": "neon", "service": "ecs", "hosting": "ec2", "azs": 0}"#;
    let o = run(&["--spec", "-"], Some(bad));
    assert_eq!(o.status.code(), Some(2));
    let lib = archdiag::render(bad).unwrap_err().to_string();
    assert!(stderr_line(&o).contains(&lib), "{lib}");
}

#[test]
fn bad_input_exits_2_with_one_line() {
    let o = run(&["--service", "ecs", "--hosting", "nodegroup"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let e = stderr_line(&o);
    assert!(e.starts_with("error: ") && e.contains("EKS feature") && e.contains("\"fargate\""), "{e}");

    let o = run(&["--service", "ecs", "--hosting", "ec2", "--azs", "many"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr_line(&o).contains("azs must be a whole number, got \"many\""));

    let o = run(&["--bogus"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr_line(&o).contains("unknown option \"--bogus\""));

    let o = run(&["--spec", "/nonexistent/spec.json"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr_line(&o).contains("no such file"));

    let o = run(&[], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr_line(&o).contains("nothing to draw"));

    let o = run(&["--spec", "-"], Some("{ not json"));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr_line(&o).contains("line 1, column 3"));
}

#[test]
fn output_file_is_written_whole_or_not_at_all() {
    let dir = std::env::temp_dir().join(format!("archdiag-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("d.svg");
    let o = run(&["--service", "ecs", "--hosting", "fargate", "-o", out.to_str().unwrap()], None);
    assert!(o.status.success());
    assert!(o.stdout.is_empty());
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));

    // A bad spec leaves the existing file untouched and creates nothing new.
    let o = run(&["--service", "ecs", "--hosting", "lambda", "-o", out.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), svg);
    let fresh = dir.join("never.svg");
    let o = run(&["--service", "ecs", "--hosting", "lambda", "-o", fresh.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(!fresh.exists());
    let names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "stray files: {names:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn help_and_version() {
    let o = run(&["--help"], None);
    assert!(o.status.success() && String::from_utf8_lossy(&o.stdout).contains("--service"));
    let o = run(&["--version"], None);
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("archdiag "));
}

/// A folder of specs for batch mode: two valid (one in a subfolder), one bad, and a file that is no spec.
fn batch_folder() -> (std::path::PathBuf, std::path::PathBuf) {
    let dir =
        std::env::temp_dir().join(format!("archdiag-batch-{}-{:?}", std::process::id(), std::thread::current().id()));
    let _ = std::fs::remove_dir_all(&dir);
    let specs = dir.join("specs");
    std::fs::create_dir_all(specs.join("sub")).unwrap();
    std::fs::write(specs.join("a.json"), r#"{"service":"ecs","hosting":"ec2"}"#).unwrap();
    std::fs::write(specs.join("sub/b.json"), r#"{"service":"eks","hosting":"fargate","theme":"dark"}"#).unwrap();
    std::fs::write(specs.join("bad.json"), r#"{"service":"ecs","hosting":"nodegroup"}"#).unwrap();
    std::fs::write(specs.join("notes.txt"), "not a spec").unwrap();
    (dir, specs)
}

#[test]
fn render_draws_a_folder_into_a_folder_naming_bad_files_and_going_on() {
    let (dir, specs) = batch_folder();
    let out = dir.join("out");
    let o = run(&["render", specs.to_str().unwrap(), "-o", out.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2), "a bad spec makes exit 2");
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("bad.json: hosting \"nodegroup\" is not available"), "{err}");
    assert!(err.contains("2 of 3 specs drawn; 1 errors"), "{err}");
    let a = std::fs::read_to_string(out.join("a.svg")).unwrap();
    assert_eq!(a, archdiag::render(r#"{"service":"ecs","hosting":"ec2"}"#).unwrap());
    let b = std::fs::read_to_string(out.join("sub/b.svg")).unwrap();
    assert_eq!(b, archdiag::render(r#"{"service":"eks","hosting":"fargate","theme":"dark"}"#).unwrap());
    assert!(!out.join("bad.svg").exists() && !out.join("notes.svg").exists());
    // Other formats take their own extension.
    let o =
        run(&["render", "--format", "json", specs.join("a.json").to_str().unwrap(), "-o", out.to_str().unwrap()], None);
    assert!(o.status.success());
    assert_eq!(
        std::fs::read_to_string(out.join("a.json")).unwrap(),
        archdiag::layout_json(r#"{"service":"ecs","hosting":"ec2"}"#).unwrap() + "\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn render_check_validates_only_and_exit_codes_say_what_failed() {
    let (dir, specs) = batch_folder();
    let (a, bad) = (specs.join("a.json"), specs.join("bad.json"));
    let (a, bad) = (a.to_str().unwrap(), bad.to_str().unwrap());
    let ok = run(&["render", "--check", a, specs.join("sub").to_str().unwrap()], None);
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(ok.stdout.is_empty(), "--check writes nothing");
    assert_eq!(run(&["render", "--check", a, bad], None).status.code(), Some(2));
    // A missing input is an I/O failure (exit 1), and the rest is still checked.
    let missing = dir.join("nope.json");
    let o = run(&["render", "--check", a, bad, missing.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("nope.json\": no such file") && err.contains("bad.json: hosting"), "{err}");
    // One spec without -o goes to stdout, as the classic form gives it; several need -o.
    let one = run(&["render", a], None);
    assert!(one.status.success());
    assert_eq!(one.stdout, run(&["--spec", a], None).stdout);
    let several = run(&["render", a, bad], None);
    assert_eq!(several.status.code(), Some(2));
    assert_eq!(stderr_line(&several), "error: 2 specs need -o DIR (or --check)\n");
    let unknown = run(&["render", "--watch-it", a], None);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr_line(&unknown).contains("unknown option \"--watch-it\" for render"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn render_escapes_hostile_file_names_in_its_messages() {
    let (dir, specs) = batch_folder();
    let hostile = specs.join("evil\u{1b}[31m\u{202e}.json");
    std::fs::write(&hostile, "{").unwrap();
    let o = run(&["render", "--check", specs.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(!err.contains('\u{1b}') && !err.contains('\u{202e}'), "{err:?}");
    assert!(err.lines().any(|l| l.contains("evil")), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
