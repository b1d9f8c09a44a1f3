//! The `archdiag` command line: flags and/or a spec file in, SVG (or geometry JSON, or a description) out.
//! The same code runs natively and on WASI. Bad input exits with code 2 and one line on stderr; `-o` writes
//! through a temporary file so a failed run never leaves a partial file.
#![forbid(unsafe_code)]

use serde_json::{Map, Value};
use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str =
    "usage: archdiag --service ecs|eks --hosting ec2|nodegroup|fargate[,…] [--registry ecr|dockerhub|nexus]
                [--azs 1-6] [--workers 0-64] [--theme light|dark] [--direction lr|tb] [--title TEXT]
                [--spec FILE|-] [--format svg|json|text] [-o FILE]

Draws an architecture diagram of AWS container hosting as SVG on stdout. Flags override the fields of
--spec; --spec - reads the spec from stdin. --format json prints the laid-out geometry, text a
plain-language description.";

const OPTIONS: &str = "--service, --hosting, --registry, --azs, --workers, --theme, --direction, --title, --spec, --format, -o, --help, --version";

enum Format {
    Svg,
    Json,
    Text,
}

struct Bad(String);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Bad(msg)) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<(), Bad> {
    let mut fields: Vec<(&'static str, Value)> = Vec::new();
    let mut spec_path: Option<String> = None;
    let mut format = Format::Svg;
    let mut output: Option<String> = None;
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        if name == "-h" || name == "--help" {
            println!("{USAGE}");
            return Ok(());
        }
        if name == "-V" || name == "--version" {
            println!("archdiag {}", env!("CARGO_PKG_VERSION"));
            return Ok(());
        }
        let known = [
            "--service",
            "--hosting",
            "--registry",
            "--azs",
            "--workers",
            "--theme",
            "--direction",
            "--title",
            "--spec",
            "--format",
            "-o",
            "--output",
        ];
        if !known.contains(&name.as_str()) {
            return Err(Bad(format!("unknown option \"{}\"; options: {OPTIONS}", clip(&name))));
        }
        let value = match inline {
            Some(v) => v,
            None => {
                i += 1;
                args.get(i).cloned().ok_or_else(|| Bad(format!("option {name} needs a value; see --help")))?
            }
        };
        match name.as_str() {
            "--service" => fields.push(("service", Value::String(value))),
            "--hosting" => {
                let v = if value.contains(',') {
                    Value::Array(value.split(',').map(|s| Value::String(s.trim().to_string())).collect())
                } else {
                    Value::String(value)
                };
                fields.push(("hosting", v));
            }
            "--registry" => fields.push(("registry", Value::String(value))),
            "--azs" => fields.push(("azs", number(value))),
            "--workers" => fields.push(("workers", number(value))),
            "--theme" => fields.push(("theme", Value::String(value))),
            "--direction" => fields.push(("direction", Value::String(value))),
            "--title" => fields.push(("title", Value::String(value))),
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

fn clip(s: &str) -> String {
    let t: String = s.chars().take(40).map(|c| if c.is_control() { ' ' } else { c }).collect();
    if s.chars().count() > 40 { format!("{t}…") } else { t }
}

fn read(path: &str) -> Result<String, Bad> {
    let mut text = String::new();
    let res = if path == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_string(&mut text)).map(|_| ())
    };
    res.map_err(|e| Bad(format!("cannot read spec file \"{}\": {}", clip(path), io_reason(&e))))?;
    Ok(text)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::InvalidData => "not UTF-8 text".into(),
        _ => e.to_string().to_lowercase(),
    }
}

/// Writes to a sibling temporary file, then renames it over the target.
fn write_atomically(path: &str, bytes: &[u8]) -> Result<(), Bad> {
    let target = std::path::Path::new(path);
    let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let tmp = target.with_file_name(format!(".{name}.archdiag-tmp"));
    let res = std::fs::write(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, target));
    if let Err(e) = res {
        let _ = std::fs::remove_file(&tmp);
        return Err(Bad(format!("cannot write \"{}\": {}", clip(path), io_reason(&e))));
    }
    Ok(())
}
