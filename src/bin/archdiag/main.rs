//! The `archdiag` command line: flags and/or a spec file in, SVG (or geometry JSON, or a description) out;
//! `archdiag render` for many specs at once (and `--watch`), `archdiag mdbook` as an mdBook preprocessor.
//! The same code runs natively and on WASI. Bad input exits with code 2 and one line on stderr; `-o` replaces
//! a regular file whole or not at all (through a temporary file beside it) and writes devices and FIFOs as they are.
#![forbid(unsafe_code)]

mod batch;
mod fences;
mod mdbook;
mod output;

use archdiag::spec::fields::{self, Absent, FIELDS, Field, Kind};
use output::write_atomically;
use serde_json::{Map, Value};
use std::io::{Read, Write};
use std::process::ExitCode;

/// What the usage text says after the synopsis.
const ABOUT: &str =
    "Draws an architecture diagram of AWS container hosting as SVG on stdout. Flags override the fields of
--spec; --spec - reads the spec from stdin. --format json prints the laid-out geometry, text a
plain-language description. Spec input is limited to 8 MiB.

  archdiag render [--check] [--watch] [--format F] [-o DIR] FILE|FOLDER...   many specs at once (--help)
  archdiag mdbook [supports RENDERER]   the mdBook preprocessor (--help)";

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

#[derive(Clone, Copy)]
enum Format {
    Svg,
    Json,
    Text,
}

struct Bad(String);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("render") => return batch::main(&args[1..]),
        Some("mdbook") => return mdbook::main(&args[1..]),
        _ => {}
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

/// A message made one line: messages escape what they quote, and this is the backstop that keeps a line
/// one line (any control or bidi character left becomes U+FFFD).
fn one_line(msg: &str) -> String {
    msg.chars().map(|c| if archdiag::safe::is_hidden(c) { '\u{FFFD}' } else { c }).collect()
}

/// A path as a message shows it: control and bidi characters escaped.
fn shown(path: &std::path::Path) -> String {
    archdiag::safe::terminal(&path.to_string_lossy()).into_owned()
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
