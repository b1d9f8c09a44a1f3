//! `-o FILE` (issue 17, defect 3): a regular file is replaced whole through a temporary file created
//! exclusively beside it; a symlink stays a symlink and the file it leads to is written; devices, FIFOs and
//! `/proc/self/fd/N` are written as they are, never replaced; concurrent runs do not trip over each other;
//! no temporary file is ever left behind.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

const ARGS: [&str; 4] = ["--service", "ecs", "--hosting", "ec2"];

fn run_with(extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_archdiag"))
        .args(ARGS)
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("run archdiag")
}

fn run_to(path: &Path) -> Output {
    run_with(&["-o", path.to_str().unwrap()])
}

/// What `-o` must write: the bytes of a run to stdout.
fn expected_svg() -> Vec<u8> {
    let o = run_with(&[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stdout.starts_with(b"<svg") && o.stdout.len() > 1000);
    o.stdout
}

fn assert_ok(o: &Output) {
    assert!(o.status.success(), "exit {:?}: {}", o.status.code(), String::from_utf8_lossy(&o.stderr));
    assert!(o.stderr.is_empty(), "stderr: {}", String::from_utf8_lossy(&o.stderr));
}

/// Exit code 2 and exactly one line on stderr, which is returned.
fn assert_bad(o: &Output) -> String {
    assert_eq!(o.status.code(), Some(2), "stderr: {}", String::from_utf8_lossy(&o.stderr));
    let s = String::from_utf8(o.stderr.clone()).unwrap();
    assert_eq!(s.lines().count(), 1, "stderr must be one line: {s:?}");
    assert!(o.stdout.is_empty());
    s
}

/// A fresh directory under the system's temporary directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(label: &str) -> TempDir {
        static N: AtomicU32 = AtomicU32::new(0);
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
        let n = N.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("archdiag-output-{label}-{}-{n}-{nanos}", std::process::id()));
        fs::create_dir(&dir).unwrap();
        TempDir(dir)
    }

    fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    /// Names of leftover temporary files of archdiag's, anywhere under the directory.
    fn temp_files(&self) -> Vec<PathBuf> {
        fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
            for entry in fs::read_dir(dir).unwrap() {
                let entry = entry.unwrap();
                let path = entry.path();
                if entry.file_type().unwrap().is_dir() {
                    walk(&path, found);
                } else if path.to_string_lossy().ends_with(".archdiag-tmp") {
                    found.push(path);
                }
            }
        }
        let mut found = Vec::new();
        walk(&self.0, &mut found);
        found
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn is_char_device(path: &str) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_char_device())
}

// If the code under test is wrong, running it as root replaces these system files with regular files. The
// tests check them before (so a check means something even after a broken build ran) and put them back.

/// Puts the character device `path` (`major`, `minor`) back if it is not one; says whether it had to.
fn restore_char_device(path: &str, major: u32, minor: u32) -> bool {
    if is_char_device(path) {
        return false;
    }
    let _ = fs::remove_file(path);
    let ok = Command::new("mknod").args(["-m", "666", path, "c", &major.to_string(), &minor.to_string()]).status();
    assert!(ok.is_ok_and(|s| s.success()) && is_char_device(path), "could not restore {path}");
    true
}

/// Puts the symlink `/dev/stdout -> /proc/self/fd/1` back if a regular file replaced it; says whether it had to.
fn restore_dev_stdout() -> bool {
    if !fs::symlink_metadata("/dev/stdout").is_ok_and(|m| m.is_file()) {
        return false;
    }
    fs::remove_file("/dev/stdout").unwrap();
    std::os::unix::fs::symlink("/proc/self/fd/1", "/dev/stdout").unwrap();
    true
}

#[test]
fn a_symlink_planted_at_the_old_fixed_temp_name_is_not_followed() {
    let dir = TempDir::new("planted");
    let victim = dir.join("victim");
    fs::write(&victim, "precious").unwrap();
    let planted = dir.join(".out.svg.archdiag-tmp");
    std::os::unix::fs::symlink(&victim, &planted).unwrap();

    let o = run_to(&dir.join("out.svg"));
    assert_ok(&o);
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert!(fs::symlink_metadata(&planted).unwrap().file_type().is_symlink(), "the planted link is not ours");
    assert_eq!(fs::read(dir.join("out.svg")).unwrap(), expected_svg());
    assert_eq!(dir.temp_files(), vec![planted]);
}

#[test]
fn dev_null_stays_a_character_device() {
    restore_char_device("/dev/null", 1, 3);
    let o = run_to(Path::new("/dev/null"));
    assert!(!restore_char_device("/dev/null", 1, 3), "-o /dev/null replaced the device");
    assert_ok(&o);
    assert!(fs::read("/dev/null").unwrap().is_empty());
    let leftovers: Vec<_> = fs::read_dir("/dev")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".archdiag-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_device_gives_one_error_line_and_stays_a_device() {
    restore_char_device("/dev/full", 1, 7);
    let o = run_to(Path::new("/dev/full"));
    assert!(!restore_char_device("/dev/full", 1, 7), "-o /dev/full replaced the device");
    let line = assert_bad(&o);
    assert!(line.starts_with("error: cannot write \"/dev/full\": no space left on device"), "{line}");
}

#[test]
fn a_fifo_target_receives_the_svg_and_stays_a_fifo() {
    let dir = TempDir::new("fifo");
    let fifo = dir.join("pipe.svg");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("run mkfifo");
    assert!(made.success());

    let (tx, rx) = std::sync::mpsc::channel();
    let reader_path = fifo.clone();
    // Opening a FIFO blocks until the other end opens too; read it from a thread. If archdiag never opens
    // it the thread stays blocked and the timeout below fails the test instead of hanging it.
    std::thread::spawn(move || {
        let _ = tx.send(fs::read(&reader_path));
    });
    let o = run_to(&fifo);
    assert_ok(&o);
    let got = rx.recv_timeout(Duration::from_secs(20)).expect("the FIFO was never written").unwrap();
    assert_eq!(got, expected_svg());
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "the FIFO was replaced");
    assert!(dir.temp_files().is_empty());
}

#[test]
fn a_symlinked_target_stays_a_link_and_the_file_it_points_to_gets_the_svg() {
    let dir = TempDir::new("symlink");
    fs::create_dir(dir.join("real")).unwrap();
    let file = dir.join("real/diagram.svg");
    fs::write(&file, "old").unwrap();
    // A chain: first -> second -> real/diagram.svg, the second link relative.
    let second = dir.join("second.svg");
    std::os::unix::fs::symlink("real/diagram.svg", &second).unwrap();
    let first = dir.join("first.svg");
    std::os::unix::fs::symlink(&second, &first).unwrap();

    let o = run_to(&first);
    assert_ok(&o);
    for link in [&first, &second] {
        assert!(fs::symlink_metadata(link).unwrap().file_type().is_symlink(), "{} is no longer a link", link.display());
    }
    assert_eq!(fs::read_link(&second).unwrap(), Path::new("real/diagram.svg"));
    assert!(fs::symlink_metadata(&file).unwrap().is_file());
    assert_eq!(fs::read(&file).unwrap(), expected_svg());
    assert!(dir.temp_files().is_empty());
}

#[test]
fn a_dangling_symlink_target_creates_the_file_it_points_to() {
    let dir = TempDir::new("dangling");
    fs::create_dir(dir.join("sub")).unwrap();
    let link = dir.join("link.svg");
    std::os::unix::fs::symlink("sub/new.svg", &link).unwrap();

    let o = run_to(&link);
    assert_ok(&o);
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(fs::read(dir.join("sub/new.svg")).unwrap(), expected_svg());
    assert!(dir.temp_files().is_empty());
}

#[cfg(target_os = "linux")]
#[test]
fn proc_self_fd_1_and_dev_stdout_write_to_stdout() {
    let expected = expected_svg();
    restore_dev_stdout();
    for path in ["/proc/self/fd/1", "/dev/stdout"] {
        let o = run_to(Path::new(path));
        assert!(!restore_dev_stdout(), "-o {path} replaced /dev/stdout");
        assert_ok(&o);
        assert!(o.stdout == expected, "-o {path} did not write the SVG to stdout ({} bytes)", o.stdout.len());
    }
}

#[test]
fn concurrent_runs_to_one_target_all_succeed_with_one_whole_output() {
    let dir = TempDir::new("concurrent");
    let target = dir.join("shared.svg");
    let expected = expected_svg();
    for round in 0..3 {
        let children: Vec<_> = (0..8)
            .map(|_| {
                Command::new(env!("CARGO_BIN_EXE_archdiag"))
                    .args(ARGS)
                    .arg("-o")
                    .arg(&target)
                    .stdin(Stdio::null())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("spawn archdiag")
            })
            .collect();
        for child in children {
            let o = child.wait_with_output().unwrap();
            assert_ok(&o);
        }
        assert!(fs::read(&target).unwrap() == expected, "round {round}: the output is not one whole SVG");
        assert!(dir.temp_files().is_empty(), "round {round}: {:?}", dir.temp_files());
    }
}

#[test]
fn no_temp_file_remains_after_success_or_failure() {
    let dir = TempDir::new("leftovers");
    let out = dir.join("out.svg");
    assert_ok(&run_to(&out));
    assert_ok(&run_to(&out)); // replacing an existing file
    assert_eq!(fs::read(&out).unwrap(), expected_svg());
    assert!(dir.temp_files().is_empty(), "{:?}", dir.temp_files());

    // Into a directory that does not exist.
    let missing = dir.join("missing/out.svg");
    let line = assert_bad(&run_to(&missing));
    assert!(line.starts_with("error: cannot write \"") && line.contains("no such file"), "{line}");
    assert!(!missing.exists());

    // A target that is a directory, named plainly and with a trailing slash.
    let sub = dir.join("sub");
    fs::create_dir(&sub).unwrap();
    for path in [sub.to_str().unwrap().to_string(), format!("{}/", sub.display()), format!("{}/..", sub.display())] {
        let line = assert_bad(&run_with(&["-o", &path]));
        assert!(line.contains("cannot write") && line.contains("is a directory"), "{line}");
    }
    assert!(sub.is_dir() && fs::read_dir(&sub).unwrap().next().is_none());

    // A path through a regular file as if it were a directory.
    let line = assert_bad(&run_to(&out.join("x.svg")));
    assert!(line.contains("cannot write") && line.contains("not a directory"), "{line}");

    // A spec error happens before any file is touched.
    let o = Command::new(env!("CARGO_BIN_EXE_archdiag"))
        .args(["--service", "ecs", "--hosting", "lambda", "-o"])
        .arg(dir.join("never.svg"))
        .output()
        .unwrap();
    assert_bad(&o);
    assert!(!dir.join("never.svg").exists());

    assert!(dir.temp_files().is_empty(), "{:?}", dir.temp_files());
    assert_eq!(fs::read(&out).unwrap(), expected_svg());
}

#[test]
fn existing_file_permissions_are_kept() {
    let dir = TempDir::new("mode");
    let out = dir.join("out.svg");
    fs::write(&out, "old").unwrap();
    fs::set_permissions(&out, fs::Permissions::from_mode(0o640)).unwrap();

    assert_ok(&run_to(&out));
    assert_eq!(fs::read(&out).unwrap(), expected_svg());
    assert_eq!(fs::metadata(&out).unwrap().permissions().mode() & 0o7777, 0o640);

    // Through a symlink, the mode of the file it leads to is kept; the link's own is irrelevant.
    let real = dir.join("real.svg");
    fs::write(&real, "old").unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o604)).unwrap();
    let link = dir.join("link.svg");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    assert_ok(&run_to(&link));
    assert_eq!(fs::metadata(&real).unwrap().permissions().mode() & 0o7777, 0o604);
    assert!(dir.temp_files().is_empty());
}

/// `-o /dev/stdout` with stdout redirected to a file (as `>> file` does) writes through that descriptor:
/// what the file held stays, the SVG follows it, and the file is the same file (not replaced by rename).
#[test]
fn dev_stdout_redirected_to_a_file_appends_to_that_file() {
    use std::os::unix::fs::MetadataExt;
    let dir = TempDir::new("stdout-file");
    let file = dir.join("out.txt");
    std::fs::write(&file, "BEFORE\n").unwrap();
    let inode = std::fs::metadata(&file).unwrap().ino();
    let out = std::fs::OpenOptions::new().append(true).open(&file).unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_archdiag"))
        .args(ARGS)
        .args(["-o", "/dev/stdout"])
        .stdin(Stdio::null())
        .stdout(out)
        .status()
        .expect("run archdiag");
    assert!(status.success());
    let text = std::fs::read(&file).unwrap();
    assert_eq!(text, [b"BEFORE\n".as_slice(), &expected_svg()].concat());
    assert_eq!(std::fs::metadata(&file).unwrap().ino(), inode, "the file was replaced");
}

#[test]
fn the_geometry_json_places_every_label_the_title_the_legend_and_the_panel() {
    let text = archdiag::layout_json(r#"{"service":"eks","hosting":["ec2","nodegroup","fargate"]}"#).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let (w, h) = (v["width"].as_f64().unwrap(), v["height"].as_f64().unwrap());
    let inside = |x: f64, y: f64| (0.0..=w).contains(&x) && (0.0..=h).contains(&y);
    let at = |p: &serde_json::Value| (p[0].as_f64().unwrap(), p[1].as_f64().unwrap());
    let (tx, ty) = at(&v["title_at"]);
    assert!(inside(tx, ty));
    for b in v["boxes"].as_array().unwrap() {
        let (x, y) = at(&b["label_at"]);
        let (bx, by) = (b["x"].as_f64().unwrap(), b["y"].as_f64().unwrap());
        assert!(
            x >= bx && y >= by && x <= bx + b["width"].as_f64().unwrap() && y <= by + b["height"].as_f64().unwrap(),
            "{b}"
        );
    }
    let labelled: Vec<_> = v["edges"].as_array().unwrap().iter().filter(|e| e["label"].is_string()).collect();
    assert!(!labelled.is_empty());
    for e in labelled {
        let r = &e["label_rect"];
        assert!(r.is_object() && inside(r["x"].as_f64().unwrap(), r["y"].as_f64().unwrap()), "{e}");
    }
    // One legend entry per manager and relation kind drawn, each naming what it stands for.
    let legend = v["legend"].as_array().unwrap();
    let kinds: std::collections::BTreeSet<&str> =
        v["edges"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    for k in &kinds {
        assert!(legend.iter().any(|l| l["swatch"] == "relation" && l["value"] == *k), "{k} in the legend");
    }
    assert!(legend.iter().all(|l| inside(l["x"].as_f64().unwrap(), l["y"].as_f64().unwrap())));
    let panel = &v["panel"];
    let lines = panel["lines"].as_array().unwrap();
    assert!(panel["title"] == "Who does what" && lines.len() >= 10);
    assert!(
        lines.iter().all(|l| l["y"].as_f64().unwrap() > panel["y"].as_f64().unwrap() && l["managed_by"].is_string())
    );
    // No panel asked for, none listed.
    let text = archdiag::layout_json(r#"{"service":"ecs","hosting":"ec2","responsibilities":false}"#).unwrap();
    assert!(serde_json::from_str::<serde_json::Value>(&text).unwrap()["panel"].is_null());
}
