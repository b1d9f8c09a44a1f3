//! `archdiag render`: many specs in one run (files, and the `.json` files of folders), one output each,
//! errors named by file while the rest go on; `--watch` then keeps drawing what changes.
//!
//! Guarantees: each output is written whole or not at all; the exit code says the worst that happened (0
//! every spec drawn, 1 a file could not be read or written, 2 a spec is bad). `--watch` polls (every 250 ms,
//! no platform notification, so it runs the same under WASI): a spec whose modification time, length or
//! file identity changed is drawn again, and so is one whose content changed behind an unchanged stamp
//! (compared while its modification time is within 2 s of when it was last read, as git does for racy
//! entries); new files in watched folders are drawn, and a deleted spec's output is removed;
//! one line on stderr per event; it never exits on a bad spec or an I/O error, only when it is killed
//! (Ctrl-C). Memory is the list of watched specs.

use super::output::write_output;
use super::{Failure, Format, clip, io_reason, one_line, read_spec, shown};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, SystemTime};

/// The usage of batch mode.
const USAGE: &str = "usage: archdiag render [--check] [--watch] [--format svg|json|text] [-o DIR] FILE|FOLDER...

Renders every spec given: each FILE, and every .json file in each FOLDER and its subfolders (in name
order). With -o DIR each spec's output is written to DIR under its name (a folder's files under their
paths inside it, .svg, .json or .txt by --format), whole or not at all; a single spec without -o goes to
stdout. --check validates only and writes nothing. A bad spec or an unreadable file is reported on stderr,
one line naming the file, and the others go on. Exit code: 0 when every spec was drawn, 1 when a file could
not be read or written, 2 when a spec is bad (and nothing could not be read or written).

--watch (with -o DIR or --check): after the first pass, keeps watching the inputs (every 250 ms) and draws
again each spec that changes or appears, removing the output of one that is deleted, one line on stderr
each time; it goes on after a bad spec and stops on Ctrl-C.";

/// How often `--watch` looks at the inputs.
const POLL: Duration = Duration::from_millis(250);
/// A file whose modification time is no older than this before its content was last read may have changed
/// since without its time stamp changing (coarse clocks, FAT's 2 s): its content is compared again.
const RACY: Duration = Duration::from_secs(2);

/// What a run does with each spec.
struct Plan {
    check: bool,
    format: Format,
    out_dir: Option<String>,
}

/// What became of a spec that was drawn.
enum Drawn {
    Checked,
    Stdout,
    File(PathBuf),
}

/// `archdiag render …`.
pub fn main(args: &[String]) -> ExitCode {
    let mut plan = Plan { check: false, format: Format::Svg, out_dir: None };
    let mut watching = false;
    let mut inputs: Vec<String> = Vec::new();
    let mut i = 0;
    let usage = |msg: String| {
        eprintln!("error: {}", one_line(&msg));
        ExitCode::from(2)
    };
    while i < args.len() {
        let arg = &args[i];
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        match name {
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            "--check" => plan.check = true,
            "--watch" => watching = true,
            "--format" | "-o" | "--output" => {
                let Some(value) = inline.or_else(|| {
                    i += 1;
                    args.get(i).cloned()
                }) else {
                    return usage(format!("option {name} needs a value; see archdiag render --help"));
                };
                if name == "--format" {
                    plan.format = match value.as_str() {
                        "svg" => Format::Svg,
                        "json" => Format::Json,
                        "text" => Format::Text,
                        _ => return usage(format!("--format is \"{}\"; allowed: svg, json, text", clip(&value))),
                    };
                } else {
                    plan.out_dir = Some(value);
                }
            }
            _ if name.starts_with('-') && name != "-" => {
                return usage(format!(
                    "unknown option \"{}\" for render; options: --check, --watch, --format, -o, --help",
                    clip(name)
                ));
            }
            _ => inputs.push(arg.clone()),
        }
        i += 1;
    }
    if inputs.is_empty() {
        return usage("nothing to render: give spec files or folders (see archdiag render --help)".into());
    }
    if watching && plan.out_dir.is_none() && !plan.check {
        return usage("--watch needs -o DIR (or --check)".into());
    }
    if watching && inputs.iter().any(|i| i == "-") {
        return usage("--watch cannot watch stdin (\"-\"); give spec files or folders".into());
    }
    let mut watch = Watch::default();
    // The watch starts from what the files were before the first pass, so nothing changed during it is missed.
    let (specs, mut failures) = collect_specs(&inputs);
    watch.unreadable = failures.iter().map(message).collect();
    if plan.out_dir.is_none() && !plan.check && specs.len() + failures.len() > 1 {
        return usage(format!("{} specs need -o DIR (or --check)", specs.len() + failures.len()));
    }
    let mut drawn = 0;
    for (path, rel) in &specs {
        let (stamp, checked) = (watching.then(|| Stamp::of(Path::new(path))), SystemTime::now());
        let (hash, result) = draw(&plan, path, rel);
        if let Some(stamp) = stamp {
            watch.specs.insert(path.clone(), Seen { stamp, hash, checked, rel: rel.clone() });
        }
        match result {
            Ok(_) => drawn += 1,
            Err(f) => failures.push(f),
        }
    }
    for f in &failures {
        let (Failure::Io(m) | Failure::Input(m)) = f;
        eprintln!("error: {}", one_line(m));
    }
    if specs.len() > 1 || !failures.is_empty() {
        let done = if plan.check { "valid" } else { "drawn" };
        eprintln!("archdiag: {drawn} of {} specs {done}; {} errors", specs.len(), failures.len());
    }
    if watching {
        eprintln!("archdiag: watching {} specs for changes; Ctrl-C stops", watch.specs.len());
        loop {
            std::thread::sleep(POLL);
            watch.poll(&plan, &inputs);
        }
    }
    if failures.iter().any(|f| matches!(f, Failure::Io(_))) {
        ExitCode::from(1)
    } else if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

/// Reads, draws and writes one spec; the hash of the text read (for `--watch`), and what became of it.
fn draw(plan: &Plan, path: &str, rel: &Path) -> (Option<u64>, Result<Drawn, Failure>) {
    let text = match read_spec(path) {
        Ok(t) => t,
        Err(f) => return (None, Err(f)),
    };
    let hash = Some(fnv(text.as_bytes()));
    let out = match plan.format {
        Format::Svg => archdiag::render(&text),
        Format::Json => archdiag::layout_json(&text).map(|s| s + "\n"),
        Format::Text => archdiag::describe(&text).map(|s| s + "\n"),
    };
    let out = match out {
        Ok(o) => o,
        Err(e) => return (hash, Err(Failure::Input(format!("{}: {e}", shown(Path::new(path)))))),
    };
    let result = match (&plan.out_dir, plan.check) {
        (_, true) => Ok(Drawn::Checked),
        (None, false) => {
            let mut stdout = std::io::stdout().lock();
            let _ = stdout.write_all(out.as_bytes()).and_then(|_| stdout.flush());
            Ok(Drawn::Stdout)
        }
        (Some(_), false) => {
            let target = target(plan, rel).unwrap_or_default();
            let made = target.parent().map_or(Ok(()), std::fs::create_dir_all);
            made.and_then(|_| write_output(&target, out.as_bytes()))
                .map(|_| Drawn::File(target.clone()))
                .map_err(|e| Failure::Io(format!("cannot write \"{}\": {}", shown(&target), io_reason(&e))))
        }
    };
    (hash, result)
}

/// Where a spec's output goes under `-o DIR`: its path there, with the format's extension.
fn target(plan: &Plan, rel: &Path) -> Option<PathBuf> {
    let ext = match plan.format {
        Format::Svg => "svg",
        Format::Json => "json",
        Format::Text => "txt",
    };
    plan.out_dir.as_ref().map(|dir| Path::new(dir).join(rel).with_extension(ext))
}

fn message(f: &Failure) -> String {
    let (Failure::Io(m) | Failure::Input(m)) = f;
    m.clone()
}

/// What a file looked like when it was last looked at: enough to notice it changed without reading it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
    /// The file's identity (device and inode on Unix): an editor that saves by renaming a new file over
    /// the old one changes it.
    id: (u64, u64),
}

impl Stamp {
    /// The stamp of `path` now; `None` fields for a file that cannot be looked at.
    fn of(path: &Path) -> Option<Stamp> {
        let m = std::fs::metadata(path).ok()?;
        Some(Stamp { modified: m.modified().ok(), len: m.len(), id: file_id(&m) })
    }

    /// Whether a change made after `checked` (when the content was read) could have kept this stamp.
    fn racy(&self, checked: SystemTime) -> bool {
        self.modified.is_none_or(|m| m + RACY >= checked)
    }
}

#[cfg(unix)]
fn file_id(m: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (m.dev(), m.ino())
}

#[cfg(not(unix))]
fn file_id(_m: &std::fs::Metadata) -> (u64, u64) {
    (0, 0)
}

/// A watched spec: its stamp, the hash of its text and when that text was read, and its output's path.
struct Seen {
    stamp: Option<Stamp>,
    hash: Option<u64>,
    checked: SystemTime,
    rel: PathBuf,
}

/// The state of `--watch`: every spec seen, and the inputs that could not be read last time.
#[derive(Default)]
struct Watch {
    specs: BTreeMap<String, Seen>,
    unreadable: Vec<String>,
}

impl Watch {
    /// Looks at every input once: draws what changed or appeared, removes what was deleted, one line each.
    fn poll(&mut self, plan: &Plan, inputs: &[String]) {
        let (specs, failures) = collect_specs(inputs);
        // An input that cannot be read is said once, when it becomes unreadable, not every poll.
        let unreadable: Vec<String> = failures.iter().map(message).collect();
        for m in unreadable.iter().filter(|m| !self.unreadable.contains(m)) {
            eprintln!("error: {}", one_line(m));
        }
        self.unreadable = unreadable;
        let mut present = std::collections::BTreeSet::new();
        for (path, rel) in specs {
            present.insert(path.clone());
            let (stamp, checked) = (Stamp::of(Path::new(&path)), SystemTime::now());
            let changed = match self.specs.get_mut(&path) {
                None => true,
                Some(seen) if seen.stamp != stamp => true,
                // Same stamp: the content is compared while a change could hide behind it, and once it
                // has been read again late enough, no longer.
                Some(seen) if stamp.as_ref().is_none_or(|s| s.racy(seen.checked)) => {
                    let same = read_spec(&path).ok().map(|t| fnv(t.as_bytes())) == seen.hash;
                    if same {
                        seen.checked = checked;
                    }
                    !same
                }
                Some(_) => false,
            };
            if !changed {
                continue;
            }
            let (hash, result) = draw(plan, &path, &rel);
            let name = shown(Path::new(&path));
            match result {
                Ok(Drawn::File(t)) => eprintln!("archdiag: drew {name} → {}", shown(&t)),
                Ok(_) => eprintln!("archdiag: {name} is valid"),
                Err(f) => eprintln!("error: {}", one_line(&message(&f))),
            }
            self.specs.insert(path, Seen { stamp, hash, checked, rel });
        }
        let gone: Vec<String> = self.specs.keys().filter(|p| !present.contains(*p)).cloned().collect();
        for path in gone {
            let Some(seen) = self.specs.remove(&path) else { continue };
            let name = shown(Path::new(&path));
            match target(plan, &seen.rel).filter(|_| !plan.check) {
                Some(t) if std::fs::symlink_metadata(&t).is_ok_and(|m| m.is_file()) => match std::fs::remove_file(&t) {
                    Ok(()) => eprintln!("archdiag: {name} is gone; removed {}", shown(&t)),
                    Err(e) => {
                        eprintln!("error: {name} is gone, but cannot remove \"{}\": {}", shown(&t), io_reason(&e))
                    }
                },
                _ => eprintln!("archdiag: {name} is gone"),
            }
        }
    }
}

/// FNV-1a, 64 bits: tells one content from another for `--watch` (not a defence against anyone).
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

/// Every spec the inputs name, with the path its output takes under the output folder (a file's own name;
/// a folder's files by their paths inside it, in name order), and the inputs that could not be read.
fn collect_specs(inputs: &[String]) -> (Vec<(String, PathBuf)>, Vec<Failure>) {
    let (mut specs, mut failures) = (Vec::new(), Vec::new());
    for input in inputs {
        let root = Path::new(input);
        match std::fs::metadata(root) {
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                let mut stack = vec![root.to_path_buf()];
                while let Some(dir) = stack.pop() {
                    let entries = match std::fs::read_dir(&dir) {
                        Ok(e) => e,
                        Err(e) => {
                            let m = format!("cannot read folder \"{}\": {}", shown(&dir), io_reason(&e));
                            failures.push(Failure::Io(m));
                            continue;
                        }
                    };
                    for entry in entries.flatten() {
                        let path = entry.path();
                        match entry.file_type() {
                            Ok(t) if t.is_dir() => stack.push(path),
                            Ok(_) if path.extension().is_some_and(|x| x == "json") => found.push(path),
                            _ => {}
                        }
                    }
                }
                found.sort();
                for path in found {
                    let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                    specs.push((path.to_string_lossy().into_owned(), rel));
                }
            }
            Ok(_) => {
                let name = root.file_name().map_or_else(|| PathBuf::from("spec"), PathBuf::from);
                specs.push((input.clone(), name));
            }
            Err(e) => failures.push(Failure::Io(format!("cannot read \"{}\": {}", shown(root), io_reason(&e)))),
        }
    }
    (specs, failures)
}
