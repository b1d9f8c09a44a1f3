//! `archdiag render --watch`: after the first pass it draws again what changes (an edited spec, a new file
//! in a watched folder), says so in one line each, keeps going after a bad spec, removes the output of a
//! deleted spec, and runs until it is killed.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// Kills the watcher when the test ends, however it ends.
struct Watcher(Child);

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The next stderr line, failing after `secs` seconds without one that `wanted` accepts; every line before
/// it is returned too, so a test can say nothing else was printed.
fn expect(lines: &Receiver<String>, secs: u64, wanted: impl Fn(&str) -> bool) -> (String, Vec<String>) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    let mut before = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match lines.recv_timeout(left) {
            Ok(l) if wanted(&l) => return (l, before),
            Ok(l) => before.push(l),
            Err(_) => panic!("no such line within {secs} s; got {before:?}"),
        }
    }
}

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("archdiag-watch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(d.join("specs/sub")).unwrap();
    d
}

/// Writes a spec so that the watcher sees a new file: a new name renamed over the old, as editors save.
fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
fn watch_draws_what_changes_and_survives_bad_specs() {
    let d = dir("edit");
    let (specs, out) = (d.join("specs"), d.join("out"));
    let a = specs.join("a.json");
    std::fs::write(&a, r#"{"service":"eks","hosting":"fargate"}"#).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_archdiag"))
        .args(["render", specs.to_str().unwrap(), "-o", out.to_str().unwrap(), "--watch"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn archdiag");
    let mut watcher = Watcher(child);
    let stderr = watcher.0.stderr.take().unwrap();
    let (tx, lines) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });

    let (l, before) = expect(&lines, 30, |l| l.starts_with("archdiag: watching"));
    assert_eq!(l, "archdiag: watching 1 specs for changes; Ctrl-C stops");
    assert!(before.is_empty(), "{before:?}");
    let svg = |p: &Path| std::fs::read_to_string(p).unwrap_or_default();
    assert_eq!(svg(&out.join("a.svg")), archdiag::render(r#"{"service":"eks","hosting":"fargate"}"#).unwrap());

    // An edit is drawn again, said in one line.
    save(&a, r#"{"service":"ecs","hosting":"ec2"}"#);
    let (l, before) = expect(&lines, 30, |l| l.contains("a.json"));
    assert!(before.is_empty(), "{before:?}");
    assert_eq!(l, format!("archdiag: drew {} → {}", a.display(), out.join("a.svg").display()));
    let ecs = archdiag::render(r#"{"service":"ecs","hosting":"ec2"}"#).unwrap();
    assert_eq!(svg(&out.join("a.svg")), ecs);

    // A bad spec is an error line; the watcher goes on and the last good drawing stays.
    std::fs::write(&a, r#"{"service": "ecs", "hosting": "fargate",}"#).unwrap();
    let (l, _) = expect(&lines, 30, |l| l.contains("a.json"));
    assert!(
        l.starts_with(&format!("error: {}: spec is not valid JSON", a.display())) && l.contains("trailing comma"),
        "{l}"
    );
    assert_eq!(svg(&out.join("a.svg")), ecs);
    assert!(watcher.0.try_wait().unwrap().is_none(), "the watcher exited on a bad spec");

    // Fixed in place (same file, new content).
    std::fs::write(&a, r#"{"service": "ecs", "hosting": "fargate"}"#).unwrap();
    let (l, _) = expect(&lines, 30, |l| l.contains("a.json"));
    assert!(l.starts_with("archdiag: drew "), "{l}");
    assert_eq!(svg(&out.join("a.svg")), archdiag::render(r#"{"service": "ecs", "hosting": "fargate"}"#).unwrap());

    // A new file in a watched subfolder is drawn; deleted, its output goes.
    let b = specs.join("sub/b.json");
    std::fs::write(&b, r#"{"service":"eks","hosting":"nodegroup"}"#).unwrap();
    let (l, _) = expect(&lines, 30, |l| l.contains("b.json"));
    assert_eq!(l, format!("archdiag: drew {} → {}", b.display(), out.join("sub/b.svg").display()));
    assert!(out.join("sub/b.svg").is_file());
    std::fs::remove_file(&b).unwrap();
    let (l, _) = expect(&lines, 30, |l| l.contains("b.json"));
    assert_eq!(l, format!("archdiag: {} is gone; removed {}", b.display(), out.join("sub/b.svg").display()));
    assert!(!out.join("sub/b.svg").exists());

    // Nothing changes: nothing is said, and the watcher is still running.
    std::thread::sleep(Duration::from_millis(800));
    assert!(lines.try_recv().is_err());
    assert!(watcher.0.try_wait().unwrap().is_none());
    drop(watcher);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn a_change_hidden_behind_the_same_time_stamp_is_still_seen() {
    // Same length, same modification time, same file: only the content differs.
    let d = dir("stamp");
    let (specs, out) = (d.join("specs"), d.join("out"));
    let a = specs.join("a.json");
    std::fs::write(&a, r#"{"service":"ecs","hosting":"ec2"}"#).unwrap();
    // A time stamp a little ahead keeps the file "racy" (a change could hide behind its stamp) for the
    // whole test, however slow the machine.
    let stamp = std::time::SystemTime::now() + Duration::from_secs(20);
    std::fs::File::options().write(true).open(&a).unwrap().set_modified(stamp).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_archdiag"))
        .args(["render", specs.to_str().unwrap(), "-o", out.to_str().unwrap(), "--watch"])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut watcher = Watcher(child);
    let stderr = watcher.0.stderr.take().unwrap();
    let (tx, lines) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    expect(&lines, 30, |l| l.starts_with("archdiag: watching"));
    let f = std::fs::OpenOptions::new().write(true).open(&a).unwrap();
    use std::io::Write;
    (&f).write_all(br#"{"service":"eks","hosting":"ec2"}"#).unwrap();
    f.set_modified(stamp).unwrap();
    drop(f);
    assert_eq!(std::fs::metadata(&a).unwrap().modified().unwrap(), stamp);
    let (l, _) = expect(&lines, 30, |l| l.contains("a.json"));
    assert!(l.starts_with("archdiag: drew "), "{l}");
    assert_eq!(
        std::fs::read_to_string(out.join("a.svg")).unwrap(),
        archdiag::render(r#"{"service":"eks","hosting":"ec2"}"#).unwrap()
    );
    drop(watcher);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn watch_needs_an_output_folder_and_files() {
    let run = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_archdiag")).args(args).output().unwrap();
    let o = run(&["render", "a.json", "--watch"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&o.stderr), "error: --watch needs -o DIR (or --check)\n");
    let o = run(&["render", "-", "--watch", "-o", "out"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot watch stdin"));
    let o = run(&["render", "--help"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("--watch (with -o DIR or --check)"));
}
