//! The `archdiag` command line: flags and/or a spec file in, SVG (or geometry JSON, or a description) out.
//! The same code runs natively and on WASI. Bad input exits with code 2 and one line on stderr; `-o` replaces
//! a regular file whole or not at all (through a temporary file beside it) and writes devices and FIFOs as they are.
#![forbid(unsafe_code)]

use archdiag::spec::fields::{self, Absent, FIELDS, Field, Kind};
use serde_json::{Map, Value};
use std::io::{Read, Write};
use std::process::ExitCode;

/// What the usage text says after the synopsis.
const ABOUT: &str =
    "Draws an architecture diagram of AWS container hosting as SVG on stdout. Flags override the fields of
--spec; --spec - reads the spec from stdin. --format json prints the laid-out geometry, text a
plain-language description. Spec input is limited to 8 MiB.";

/// The options that are not spec fields, as the synopsis shows them and as the list of options names them.
const OWN: [(&str, &str); 5] = [
    ("[--spec FILE|-]", "--spec"),
    ("[--format svg|json|text]", "--format"),
    ("[-o FILE]", "-o"),
    ("", "--help"),
    ("", "--version"),
];

/// The usage text (`--help`): a synopsis and a line per spec field, all from the spec's table of fields.
fn usage() -> String {
    let mut words: Vec<String> = FIELDS
        .iter()
        .map(|f| {
            let w = match f.kind {
                Kind::Bool => format!("--[no-]{}", f.attribute()),
                _ => format!("{} {}", f.flag, fields::flag_value(f)),
            };
            if f.absent == Absent::Required { w } else { format!("[{w}]") }
        })
        .collect();
    words.extend(OWN.iter().filter(|(w, _)| !w.is_empty()).map(|(w, _)| w.to_string()));
    let mut text = wrap("usage: archdiag", &words, "usage: archdiag ".len());
    text.push_str("\n\n");
    text.push_str(ABOUT);
    text.push_str("\n\nSpec fields, one flag each (service and hosting are required in the preset form):\n");
    for f in FIELDS {
        let flag = match f.negative_flag() {
            Some(no) => format!("{}, {no}", f.flag),
            None => format!("{} {}", f.flag, fields::flag_value(f)),
        };
        let default = match f.absent {
            Absent::Required => "required".to_string(),
            _ => format!("default: {}", fields::default_text(f)),
        };
        let help = format!("{} ({default})", f.help);
        let words: Vec<String> = help.split(' ').map(str::to_string).collect();
        text.push_str(&format!("  {flag}\n{}\n", wrap("     ", &words, 6)));
    }
    text.truncate(text.trim_end().len());
    text
}

/// `first` and the words after it, one space apart, in lines of at most 104 characters; lines after the
/// first start with `indent` spaces.
fn wrap(first: &str, words: &[String], indent: usize) -> String {
    let mut text = first.to_string();
    let mut width = text.chars().count();
    for w in words {
        if width + 1 + w.chars().count() > 104 {
            text.push('\n');
            text.push_str(&" ".repeat(indent));
            width = indent;
        } else {
            text.push(' ');
            width += 1;
        }
        width += w.chars().count();
        text.push_str(w);
    }
    text
}

/// Every option, as the error for an unknown one lists them.
fn options() -> String {
    let fields = FIELDS.iter().flat_map(|f| std::iter::once(f.flag.to_string()).chain(f.negative_flag()));
    fields.chain(OWN.iter().map(|(_, o)| o.to_string())).collect::<Vec<_>>().join(", ")
}

/// A spec field's flag value as the JSON the spec would hold: numbers for integer fields, a list for a
/// comma-separated list, a string otherwise (anything else is left for the spec's checks to word).
fn field_value(f: &Field, value: String) -> Value {
    match f.kind {
        Kind::Choices(_) if value.contains(',') => {
            Value::Array(value.split(',').map(|s| Value::String(s.trim().to_string())).collect())
        }
        Kind::Int { .. } => number(value),
        _ => Value::String(value),
    }
}

enum Format {
    Svg,
    Json,
    Text,
}

struct Bad(String);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "render") {
        return batch(&args[1..]);
    }
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Bad(msg)) => {
            eprintln!("error: {}", one_line(&msg));
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<(), Bad> {
    let mut fields: Vec<(&'static str, Value)> = Vec::new();
    let mut spec_path: Option<String> = None;
    let mut format = Format::Svg;
    let mut output: Option<String> = None;
    // The boolean flag just before, given without a value (to explain a stray `true` or `false`).
    let mut bare_bool: Option<&Field> = None;
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        if name == "-h" || name == "--help" {
            println!("{}", usage());
            return Ok(());
        }
        if name == "-V" || name == "--version" {
            println!("archdiag {}", env!("CARGO_PKG_VERSION"));
            return Ok(());
        }
        // A boolean field: `--x` (or `--x=true`) sets it, `--no-x` (or `--x=false`) clears it.
        if let Some(f) = FIELDS.iter().find(|f| f.kind == Kind::Bool && f.flag == name) {
            let v = match inline.as_deref() {
                None => Value::Bool(true),
                Some("true") => Value::Bool(true),
                Some("false") => Value::Bool(false),
                Some(other) => Value::String(other.to_string()),
            };
            fields.push((f.name, v));
            bare_bool = inline.is_none().then_some(f);
            i += 1;
            continue;
        }
        if let Some(f) = FIELDS.iter().find(|f| f.negative_flag().as_deref() == Some(name.as_str())) {
            if inline.is_some() {
                return Err(Bad(format!("option {name} takes no value; see --help")));
            }
            fields.push((f.name, Value::Bool(false)));
            bare_bool = None;
            i += 1;
            continue;
        }
        if let (Some(f), "true" | "false") = (bare_bool, name.as_str()) {
            let no = f.negative_flag().unwrap_or_default();
            return Err(Bad(format!(
                "option {} takes no separate value; write {}={name}, or {no} for false",
                f.flag, f.flag
            )));
        }
        bare_bool = None;
        let field = FIELDS.iter().find(|f| f.flag == name);
        if field.is_none() && !["--spec", "--format", "-o", "--output"].contains(&name.as_str()) {
            return Err(Bad(format!("unknown option \"{}\"; options: {}", clip(&name), options())));
        }
        let value = match inline {
            Some(v) => v,
            None => {
                i += 1;
                args.get(i).cloned().ok_or_else(|| Bad(format!("option {name} needs a value; see --help")))?
            }
        };
        if let Some(f) = field {
            fields.push((f.name, field_value(f, value)));
            i += 1;
            continue;
        }
        match name.as_str() {
            "--spec" => spec_path = Some(value),
            "--format" => {
                format = match value.as_str() {
                    "svg" => Format::Svg,
                    "json" => Format::Json,
                    "text" => Format::Text,
                    _ => {
                        return Err(Bad(format!("--format is \"{}\"; allowed: svg, json, text", clip(&value))));
                    }
                }
            }
            _ => output = Some(value),
        }
        i += 1;
    }
    if fields.is_empty() && spec_path.is_none() {
        return Err(Bad("nothing to draw: give --service and --hosting, or --spec FILE (see --help)".into()));
    }
    let file = spec_path.as_deref().map(read).transpose()?;
    let text = match file {
        // A spec file alone goes to the library as it is, as the wasm module gets it (no second parse).
        Some(text) if fields.is_empty() => text,
        file => {
            let mut spec = match file {
                None => Value::Object(Map::new()),
                Some(text) => archdiag::spec::parse_json(&text).map_err(|e| Bad(e.to_string()))?,
            };
            let Value::Object(map) = &mut spec else {
                return Err(Bad(archdiag::Error::NotAnObject { got: "not an object".into() }.to_string()));
            };
            for (k, v) in fields {
                map.insert(k.to_string(), v);
            }
            spec.to_string()
        }
    };
    let out = match format {
        Format::Svg => archdiag::render(&text),
        Format::Json => archdiag::layout_json(&text).map(|mut s| {
            s.push('\n');
            s
        }),
        Format::Text => archdiag::describe(&text).map(|mut s| {
            s.push('\n');
            s
        }),
    }
    .map_err(|e| Bad(e.to_string()))?;
    match output {
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe is not the user's input error; stop quietly.
            let _ = stdout.write_all(out.as_bytes()).and_then(|_| stdout.flush());
            Ok(())
        }
        Some(path) => write_atomically(&path, out.as_bytes()),
    }
}

fn number(v: String) -> Value {
    match v.parse::<u64>() {
        Ok(n) => Value::from(n),
        Err(_) => Value::String(v),
    }
}

/// The first 40 characters of a user's text for a message, control and bidi characters escaped.
fn clip(s: &str) -> String {
    let t: String = s.chars().take(40).collect();
    let t = archdiag::safe::terminal(&t).into_owned();
    if s.chars().nth(40).is_some() { format!("{t}…") } else { t }
}

/// Why one input of a batch failed: the file could not be read or written (exit 1), or the spec is bad
/// (exit 2).
enum Failure {
    Io(String),
    Input(String),
}

/// The usage of batch mode.
const BATCH_USAGE: &str = "usage: archdiag render [--check] [--format svg|json|text] [-o DIR] FILE|FOLDER...

Renders every spec given: each FILE, and every .json file in each FOLDER and its subfolders (in name
order). With -o DIR each spec's output is written to DIR under its name (a folder's files under their
paths inside it, .svg, .json or .txt by --format), whole or not at all; a single spec without -o goes to
stdout. --check validates only and writes nothing. A bad spec or an unreadable file is reported on stderr,
one line naming the file, and the others go on. Exit code: 0 when every spec was drawn, 1 when a file could
not be read or written, 2 when a spec is bad (and nothing could not be read or written).";

/// Batch mode (`archdiag render …`): many specs in, one output each, errors named by file.
fn batch(args: &[String]) -> ExitCode {
    let mut check = false;
    let mut format = Format::Svg;
    let mut out_dir: Option<String> = None;
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
                println!("{BATCH_USAGE}");
                return ExitCode::SUCCESS;
            }
            "--check" => check = true,
            "--format" | "-o" | "--output" => {
                let Some(value) = inline.or_else(|| {
                    i += 1;
                    args.get(i).cloned()
                }) else {
                    return usage(format!("option {name} needs a value; see archdiag render --help"));
                };
                if name == "--format" {
                    format = match value.as_str() {
                        "svg" => Format::Svg,
                        "json" => Format::Json,
                        "text" => Format::Text,
                        _ => return usage(format!("--format is \"{}\"; allowed: svg, json, text", clip(&value))),
                    };
                } else {
                    out_dir = Some(value);
                }
            }
            _ if name.starts_with('-') && name != "-" => {
                return usage(format!(
                    "unknown option \"{}\" for render; options: --check, --format, -o, --help",
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
    let (specs, mut failures) = collect_specs(&inputs);
    if out_dir.is_none() && !check && specs.len() + failures.len() > 1 {
        return usage(format!("{} specs need -o DIR (or --check)", specs.len() + failures.len()));
    }
    let ext = match format {
        Format::Svg => "svg",
        Format::Json => "json",
        Format::Text => "txt",
    };
    let mut drawn = 0;
    for (path, rel) in &specs {
        let result = read_spec(path).and_then(|text| {
            let out = match format {
                Format::Svg => archdiag::render(&text),
                Format::Json => archdiag::layout_json(&text).map(|s| s + "\n"),
                Format::Text => archdiag::describe(&text).map(|s| s + "\n"),
            };
            out.map_err(|e| Failure::Input(format!("{}: {e}", shown(std::path::Path::new(path)))))
        });
        let result = result.and_then(|out| match (&out_dir, check) {
            (_, true) => Ok(()),
            (None, false) => {
                let mut stdout = std::io::stdout().lock();
                let _ = stdout.write_all(out.as_bytes()).and_then(|_| stdout.flush());
                Ok(())
            }
            (Some(dir), false) => {
                let target = std::path::Path::new(dir).join(rel).with_extension(ext);
                let made = target.parent().map_or(Ok(()), std::fs::create_dir_all);
                made.and_then(|_| write_output(&target, out.as_bytes()))
                    .map_err(|e| Failure::Io(format!("cannot write \"{}\": {}", shown(&target), io_reason(&e))))
            }
        });
        match result {
            Ok(()) => drawn += 1,
            Err(f) => failures.push(f),
        }
    }
    for f in &failures {
        let (Failure::Io(m) | Failure::Input(m)) = f;
        eprintln!("error: {}", one_line(m));
    }
    if specs.len() > 1 || !failures.is_empty() {
        let done = if check { "valid" } else { "drawn" };
        eprintln!("archdiag: {drawn} of {} specs {done}; {} errors", specs.len(), failures.len());
    }
    if failures.iter().any(|f| matches!(f, Failure::Io(_))) {
        ExitCode::from(1)
    } else if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

/// A message made one line: messages escape what they quote, and this is the backstop that keeps a line
/// one line (any control or bidi character left becomes U+FFFD).
fn one_line(msg: &str) -> String {
    msg.chars().map(|c| if archdiag::safe::is_hidden(c) { '\u{FFFD}' } else { c }).collect()
}

/// A path as a message shows it: control and bidi characters escaped.
fn shown(path: &std::path::Path) -> String {
    archdiag::safe::terminal(&path.to_string_lossy()).into_owned()
}

/// Every spec the inputs name, with the path its output takes under the output folder (a file's own name;
/// a folder's files by their paths inside it, in name order), and the inputs that could not be read.
fn collect_specs(inputs: &[String]) -> (Vec<(String, std::path::PathBuf)>, Vec<Failure>) {
    let (mut specs, mut failures) = (Vec::new(), Vec::new());
    for input in inputs {
        let root = std::path::Path::new(input);
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
                let name = root.file_name().map_or_else(|| std::path::PathBuf::from("spec"), std::path::PathBuf::from);
                specs.push((input.clone(), name));
            }
            Err(e) => failures.push(Failure::Io(format!("cannot read \"{}\": {}", shown(root), io_reason(&e)))),
        }
    }
    (specs, failures)
}

/// Reads a spec file (or stdin for `-`), at most [`archdiag::spec::MAX_BYTES`]: a longer one (or an
/// endless one such as /dev/zero) is refused after reading one byte more.
fn read(path: &str) -> Result<String, Bad> {
    read_spec(path).map_err(|(Failure::Io(m) | Failure::Input(m))| Bad(m))
}

/// [`read`], telling what could not be read (an I/O failure) from what was read but is no spec text (too
/// long, not UTF-8: a bad input).
fn read_spec(path: &str) -> Result<String, Failure> {
    let max = archdiag::spec::MAX_BYTES;
    let mut bytes = Vec::new();
    let cap = (max + 1) as u64;
    let res = if path == "-" {
        std::io::stdin().lock().take(cap).read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|f| f.take(cap).read_to_end(&mut bytes)).map(|_| ())
    };
    let name = if path == "-" { "spec from stdin".to_string() } else { format!("spec file \"{}\"", clip(path)) };
    res.map_err(|e| Failure::Io(format!("cannot read {name}: {}", io_reason(&e))))?;
    if bytes.len() > max {
        return Err(Failure::Input(format!(
            "{name} is larger than {max} bytes (8 MiB); at most {max} bytes are allowed"
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        Failure::Input(format!(
            "{name} is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        ))
    })
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::InvalidData => "not UTF-8 text".into(),
        std::io::ErrorKind::IsADirectory => "is a directory".into(),
        std::io::ErrorKind::NotADirectory => "not a directory".into(),
        _ => {
            // "Broken pipe (os error 32)" -> "broken pipe": the number means nothing to the user.
            let text = e.to_string();
            let text = match text.rsplit_once(" (os error ") {
                Some((reason, _)) => reason.to_string(),
                None => text,
            };
            text.to_lowercase()
        }
    }
}

/// Writes the output to `path` (`-o`). A device, FIFO or socket (`/dev/null`, `/dev/stdout` on a pipe or a
/// terminal) is opened and written as it is, never replaced. A regular file, existing or new, is replaced
/// whole or not at all: the bytes go to a temporary file created exclusively beside it (a symlink planted at
/// that name is never followed), which is then renamed over it, keeping the old file's permission bits.
/// A symlink (a chain of them, or a dangling one) stays a symlink; the file it leads to is written, as `>` in
/// a shell would. On failure nothing is left behind and the error is one line.
fn write_atomically(path: &str, bytes: &[u8]) -> Result<(), Bad> {
    write_output(std::path::Path::new(path), bytes)
        .map_err(|e| Bad(format!("cannot write \"{}\": {}", clip(path), io_reason(&e))))
}

fn write_output(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::ErrorKind;
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(ErrorKind::IsADirectory.into()),
        // A name for an open descriptor (/dev/stdout, /dev/fd/N, /proc/self/fd/N) means that descriptor,
        // as a shell's redirection made it: appended to, never replaced, whatever file is behind it.
        Ok(_) if names_a_descriptor(path) => {
            let mut file = std::fs::OpenOptions::new().append(true).open(path)?;
            file.write_all(bytes)?;
            file.flush()
        }
        Ok(meta) if !meta.is_file() => write_in_place(path, bytes, false),
        Ok(meta) => {
            let real = resolve_links(path)?;
            if is_same_file(&meta, &real) {
                replace_file(&real, bytes, Some(meta.permissions()))
            } else {
                // The name does not lead to the file by any path we can rename over (a /proc/self/fd/N of a
                // deleted file, or a race): write the file itself.
                write_in_place(path, bytes, true)
            }
        }
        // Nothing there yet, or a dangling symlink: create the file the name leads to.
        Err(e) if e.kind() == ErrorKind::NotFound => replace_file(&resolve_links(path)?, bytes, None),
        Err(e) => Err(e),
    }
}

/// Whether `path` names one of the process's open descriptors rather than a file.
fn names_a_descriptor(path: &std::path::Path) -> bool {
    let p = path.to_string_lossy();
    matches!(p.as_ref(), "/dev/stdout" | "/dev/stderr")
        || ["/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/"].iter().any(|d| p.starts_with(d))
}

/// Follows `path` through symlinks to the name of the file itself (which may not exist yet).
fn resolve_links(path: &std::path::Path) -> std::io::Result<std::path::PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = std::fs::read_link(&p)?;
                // A relative link is relative to the directory holding it; an absolute one replaces it all.
                p = match p.parent() {
                    Some(dir) => dir.join(link),
                    None => link,
                };
            }
            Ok(_) => return Ok(p),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(p),
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

#[cfg(unix)]
fn is_same_file(meta: &std::fs::Metadata, real: &std::path::Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::symlink_metadata(real).is_ok_and(|m| m.is_file() && m.dev() == meta.dev() && m.ino() == meta.ino())
}

#[cfg(not(unix))]
fn is_same_file(_meta: &std::fs::Metadata, real: &std::path::Path) -> bool {
    std::fs::symlink_metadata(real).is_ok_and(|m| m.is_file())
}

/// Opens an existing file that is not to be replaced (a device, a FIFO) and writes it.
fn write_in_place(path: &std::path::Path, bytes: &[u8], truncate: bool) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new().write(true).truncate(truncate).open(path)?;
    file.write_all(bytes)?;
    file.flush()
}

/// Replaces the regular file `target` (not a symlink) atomically, giving it `perms` if it existed.
fn replace_file(target: &std::path::Path, bytes: &[u8], perms: Option<std::fs::Permissions>) -> std::io::Result<()> {
    let (tmp, mut file) = create_temp_beside(target, perms.as_ref())?;
    let res = (|| {
        #[cfg(unix)]
        if let Some(perms) = perms {
            // The new file starts with the old mode less the umask; give it the old bits exactly.
            file.set_permissions(perms)?;
        }
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, target)
    })();
    if res.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    res
}

/// Creates a new, empty temporary file in `target`'s directory with a name no other run uses, exclusively:
/// an existing file or symlink at that name is never opened, a new name is tried instead.
fn create_temp_beside(
    target: &std::path::Path,
    perms: Option<&std::fs::Permissions>,
) -> std::io::Result<(std::path::PathBuf, std::fs::File)> {
    static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    // "/", "." and ".." name directories.
    let Some(name) = target.file_name() else { return Err(std::io::ErrorKind::IsADirectory.into()) };
    // Keep the name short enough that the temporary name stays under the usual 255-byte limit.
    let mut short = String::new();
    for c in name.to_string_lossy().chars() {
        if short.len() >= 100 {
            break;
        }
        short.push(c);
    }
    let mut last = None;
    for _ in 0..100 {
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = target.with_file_name(format!(".{short}.{}-{n}.archdiag-tmp", process_tag()));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
            // Never more open than the file it replaces, even for a moment.
            options.mode(perms.map_or(0o666, |p| p.mode() & 0o777));
        }
        #[cfg(not(unix))]
        let _ = perms;
        match options.open(&tmp) {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::ErrorKind::AlreadyExists.into()))
}

/// Tells this run's temporary names from other runs'. WASI has no process id (`std::process::id` panics),
/// so the clock stands in; the exclusive create catches any clash.
#[cfg(not(target_os = "wasi"))]
fn process_tag() -> String {
    std::process::id().to_string()
}

#[cfg(target_os = "wasi")]
fn process_tag() -> String {
    let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    format!("w{:x}", t.as_nanos())
}
