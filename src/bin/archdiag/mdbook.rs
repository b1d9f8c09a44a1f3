//! `archdiag mdbook`: an mdBook preprocessor. `archdiag mdbook supports RENDERER` answers mdBook's question
//! (exit 0 for `html`, 1 for any other); `archdiag mdbook` reads mdBook's `[context, book]` JSON on stdin
//! and writes the book on stdout with every fenced archdiag block of every chapter replaced by its SVG.
//!
//! Guarantees: only the `content` of chapters changes, and there only the archdiag blocks (the rest of the
//! JSON is the same value; both mdBook 0.4's `sections` and 0.5's `items` are walked); every diagram of the
//! book gets an id prefix of its own (`archdiag-N`, N counting diagrams in book order, `-dark` for a dark
//! twin), so one page holding every chapter (print.html) has no repeated id; a bad block never fails the
//! build: it becomes a `<p class="archdiag-error" role="alert">` with the CLI's message, HTML-escaped, and a
//! one-line warning on stderr naming the chapter file and line; `{{` in anything written is escaped, so
//! mdBook's `links` preprocessor, if ordered after this one, finds no `{{#include}}` in a label. Limits:
//! stdin is read up to 64 MiB (more is refused at once, exit 2); once the HTML written for the book's
//! blocks passes 256 MiB the remaining blocks are left as code (with one warning), and at most 100
//! warnings are printed (then their count), so memory and output stay bounded.

use super::fences::{self, Block};
use super::{clip, one_line};
use archdiag::Options;
use archdiag::spec::Theme;
use serde_json::Value;
use std::io::{Read, Write};
use std::process::ExitCode;

/// The most JSON read from mdBook on stdin.
pub const MAX_INPUT: usize = 64 << 20;
/// The most HTML written for the blocks of one book; later blocks are left as they are.
pub const MAX_OUTPUT: usize = 256 << 20;
/// The most warnings printed for one book; the rest are counted.
pub const MAX_WARNINGS: usize = 100;

const USAGE: &str = "usage: archdiag mdbook [supports RENDERER]

An mdBook preprocessor. In book.toml:

    [preprocessor.archdiag]
    command = \"archdiag mdbook\"
    # theme = \"both\"   # light | dark | both (default): how a block without a theme is drawn

With no arguments it reads mdBook's [context, book] JSON on stdin and writes the book on stdout, every
```archdiag block drawn as SVG. `supports RENDERER` exits 0 for html, 1 otherwise. With theme = both a
block without a theme is drawn light and dark, the dark one hidden unless the book's CSS shows it for the
dark themes (see the README); a bad block becomes an error paragraph and a warning on stderr.";

/// The keys of `[preprocessor.archdiag]` that mdBook itself reads.
const MDBOOK_KEYS: [&str; 5] = ["command", "renderers", "before", "after", "optional"];

/// How a block that names no theme (or `auto`) is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Themes {
    Light,
    Dark,
    /// Light and dark, the dark one `hidden` until the book's CSS shows it for its dark themes.
    Both,
}

/// The preprocessor's settings, from `[preprocessor.archdiag]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub theme: Themes,
    /// The book's source folder (`book.src`, default `src`), for naming chapter files in warnings.
    pub src: String,
}

/// `archdiag mdbook …`.
pub fn main(args: &[String]) -> ExitCode {
    match args {
        [] => {}
        [s, renderer] if s == "supports" => {
            return if renderer == "html" { ExitCode::SUCCESS } else { ExitCode::from(1) };
        }
        [h] if h == "-h" || h == "--help" => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            let got = args.iter().map(|a| clip(a)).collect::<Vec<_>>().join(" ");
            eprintln!("error: archdiag mdbook takes no arguments or `supports RENDERER`, got \"{got}\"; see --help");
            return ExitCode::from(2);
        }
    }
    let mut input = Vec::new();
    if let Err(e) = std::io::stdin().lock().take(MAX_INPUT as u64 + 1).read_to_end(&mut input) {
        eprintln!("error: archdiag mdbook: cannot read the book from stdin: {}", super::io_reason(&e));
        return ExitCode::from(1);
    }
    let mut warned = 0;
    let mut warn = |w: String| {
        warned += 1;
        if warned <= MAX_WARNINGS {
            eprintln!("warning: archdiag: {}", one_line(&w));
        }
    };
    let result = preprocess(&input, &mut warn);
    if warned > MAX_WARNINGS {
        eprintln!("warning: archdiag: {} more warnings not shown", warned - MAX_WARNINGS);
    }
    match result {
        Ok(book) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe means mdBook went away; it reports that itself.
            let _ = stdout.write_all(book.as_bytes()).and_then(|_| stdout.flush());
            ExitCode::SUCCESS
        }
        Err(msg) => {
            eprintln!("error: archdiag mdbook: {}", one_line(&msg));
            ExitCode::from(2)
        }
    }
}

/// The book (JSON text) for mdBook's `[context, book]` input, with warnings (one line each, without the
/// `warning: ` prefix) given to `warn`; an error is input that is no such pair.
pub fn preprocess(input: &[u8], warn: &mut dyn FnMut(String)) -> Result<String, String> {
    if input.len() > MAX_INPUT {
        return Err(format!("the input on stdin is larger than {MAX_INPUT} bytes (64 MiB); at most that is allowed"));
    }
    let not_mdbook = "stdin is not mdBook's [context, book] JSON";
    let value: Value = serde_json::from_slice(input).map_err(|e| format!("{not_mdbook}: {e}"))?;
    let Value::Array(mut pair) = value else { return Err(format!("{not_mdbook}: it is not an array")) };
    if pair.len() != 2 || !pair[0].is_object() || !pair[1].is_object() {
        return Err(format!("{not_mdbook}: it is not an array of two objects"));
    }
    let mut book = pair.pop().unwrap_or_default();
    let settings = settings(&pair[0])?;
    let mut drawer = Drawer { settings, count: 0, bytes: 0, left: 0 };
    // mdBook 0.5 calls the list `items`, 0.4 `sections`.
    let key = if book.get("items").is_some() { "items" } else { "sections" };
    let items = book.get_mut(key).ok_or_else(|| format!("{not_mdbook}: the book has no items (nor sections)"))?;
    let Value::Array(items) = items else { return Err(format!("{not_mdbook}: the book's items are not a list")) };
    for item in items {
        drawer.item(item, warn);
    }
    if drawer.left > 0 {
        warn(format!(
            "{} blocks left as code: the HTML of the book's diagrams passed {MAX_OUTPUT} bytes (256 MiB)",
            drawer.left
        ));
    }
    // Strings, numbers and containers from serde_json itself: nothing to refuse.
    serde_json::to_string(&book).map_err(|e| e.to_string())
}

/// Reads `[preprocessor.archdiag]` and `book.src` from mdBook's context.
pub fn settings(context: &Value) -> Result<Settings, String> {
    let config = context.get("config");
    let src = match config.and_then(|c| c.get("book")).and_then(|b| b.get("src")) {
        Some(Value::String(s)) => s.clone(),
        _ => "src".to_string(),
    };
    let mut settings = Settings { theme: Themes::Both, src };
    let table = config.and_then(|c| c.get("preprocessor")).and_then(|p| p.get("archdiag"));
    let Some(Value::Object(table)) = table else { return Ok(settings) };
    for (key, value) in table {
        match (key.as_str(), value) {
            ("theme", Value::String(s)) => {
                settings.theme = match s.as_str() {
                    "light" => Themes::Light,
                    "dark" => Themes::Dark,
                    "both" => Themes::Both,
                    _ => {
                        return Err(format!(
                            "preprocessor.archdiag.theme is \"{}\"; allowed: \"light\", \"dark\", \"both\"",
                            clip(s)
                        ));
                    }
                }
            }
            ("theme", _) => {
                return Err("preprocessor.archdiag.theme must be a string: \"light\", \"dark\" or \"both\"".into());
            }
            (k, _) if MDBOOK_KEYS.contains(&k) => {}
            (k, _) => {
                return Err(format!(
                    "unknown key \"{}\" in [preprocessor.archdiag]; allowed: theme (and mdBook's {})",
                    clip(k),
                    MDBOOK_KEYS.join(", ")
                ));
            }
        }
    }
    Ok(settings)
}

/// Draws the blocks of a book, counting diagrams for their ids and bytes for the output limit.
struct Drawer {
    settings: Settings,
    count: usize,
    bytes: usize,
    /// Blocks left as code once the output limit was passed.
    left: usize,
}

impl Drawer {
    /// A book item: a chapter (its content, then its sub-items), or anything else (left as it is).
    fn item(&mut self, item: &mut Value, warn: &mut dyn FnMut(String)) {
        let Some(Value::Object(chapter)) = item.get_mut("Chapter") else { return };
        let name = ["source_path", "path"]
            .iter()
            .find_map(|k| chapter.get(*k).and_then(Value::as_str))
            .map(|p| std::path::Path::new(&self.settings.src).join(p).to_string_lossy().into_owned())
            .or_else(|| chapter.get("name").and_then(Value::as_str).map(|n| format!("chapter \"{n}\"")))
            .unwrap_or_else(|| "a chapter".into());
        if let Some(Value::String(content)) = chapter.get_mut("content")
            && let Some(new) = fences::rewrite(content, |b| self.block(&name, b, warn))
        {
            *content = new;
        }
        if let Some(Value::Array(subs)) = chapter.get_mut("sub_items") {
            for sub in subs {
                self.item(sub, warn);
            }
        }
    }

    /// The HTML for one block of the chapter `name`, or `None` (the block left as it is) past the limit.
    fn block(&mut self, name: &str, block: &Block, warn: &mut dyn FnMut(String)) -> Option<String> {
        if self.bytes > MAX_OUTPUT {
            self.left += 1;
            return None;
        }
        self.count += 1;
        let prefix = format!("archdiag-{}", self.count);
        let html = figure(&block.text, &prefix, self.settings.theme).unwrap_or_else(|e| {
            let msg = e.to_string();
            let place = archdiag::safe::terminal(name).into_owned();
            warn(format!("{place}:{}: {msg}", block.line));
            format!("<p class=\"archdiag-error\" role=\"alert\">archdiag: {}</p>", html_escape(&msg))
        });
        self.bytes += html.len();
        Some(html)
    }
}

/// The `<figure>` for a spec's text: one SVG with id prefix `prefix`, or, for a spec without a theme (or
/// `auto`) and `Themes::Both`, a light one and a hidden dark one (`prefix-dark`) in their own `<div>`s.
pub fn figure(text: &str, prefix: &str, themes: Themes) -> Result<String, archdiag::Error> {
    let spec = archdiag::spec::parse(text)?;
    let options = |id: &str, prefers| Options { id_prefix: Some(id.to_string()), prefers: Some(prefers) };
    let themed = matches!(spec.theme, Some(Theme::Light | Theme::Dark));
    let html = match themes {
        Themes::Both if !themed => {
            let light = archdiag::render_with(text, &options(prefix, Theme::Light))?;
            let dark = archdiag::render_with(text, &options(&format!("{prefix}-dark"), Theme::Dark))?;
            format!(
                "<figure class=\"archdiag\">\n<div class=\"archdiag-light\">\n{}\n</div>\n<div class=\"archdiag-dark\" hidden>\n{}\n</div>\n</figure>",
                light.trim_end(),
                dark.trim_end()
            )
        }
        _ => {
            let prefers = if themes == Themes::Dark { Theme::Dark } else { Theme::Light };
            let svg = archdiag::render_with(text, &options(prefix, prefers))?;
            format!("<figure class=\"archdiag\">\n{}\n</figure>", svg.trim_end())
        }
    };
    Ok(no_braces(html))
}

/// `s` with `&`, `<`, `>`, `"` and `'` written as character references (and `{{` broken as
/// [`no_braces`] does): safe as an HTML text node or attribute value.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    no_braces(out)
}

/// `{{` written as `&#123;{`: the same text in HTML and SVG, but no `{{#include …}}` for mdBook's `links`
/// preprocessor to expand should it run after this one.
fn no_braces(s: String) -> String {
    if s.contains("{{") { s.replace("{{", "&#123;{") } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_include_directives() {
        assert_eq!(
            html_escape("</p><script>alert('x')</script> & {{#include /etc/passwd}}"),
            "&lt;/p&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &#123;{#include /etc/passwd}}"
        );
        assert_eq!(no_braces("{{{{".into()), "&#123;{&#123;{");
    }

    #[test]
    fn past_the_output_limit_blocks_stay_code() {
        let settings = Settings { theme: Themes::Light, src: "src".into() };
        let mut d = Drawer { settings, count: 0, bytes: MAX_OUTPUT - 10, left: 0 };
        let block = Block { text: r#"{"service":"ecs","hosting":"ec2"}"#.into(), line: 1 };
        let mut warnings = Vec::new();
        let first = d.block("src/a.md", &block, &mut |w| warnings.push(w));
        assert!(first.is_some_and(|h| h.starts_with("<figure class=\"archdiag\">\n<svg ")));
        assert_eq!(d.block("src/a.md", &block, &mut |w| warnings.push(w)), None);
        assert_eq!((d.count, d.left), (1, 1));
        assert!(warnings.is_empty());
    }

    #[test]
    fn settings_are_checked() {
        let ctx = |t: &str| {
            serde_json::from_str::<Value>(&format!(r#"{{"config":{{"preprocessor":{{"archdiag":{t}}}}}}}"#)).unwrap()
        };
        assert_eq!(settings(&ctx(r#"{"command":"archdiag mdbook"}"#)).unwrap().theme, Themes::Both);
        assert_eq!(settings(&ctx(r#"{"theme":"dark"}"#)).unwrap().theme, Themes::Dark);
        assert!(settings(&ctx(r#"{"theme":"neon"}"#)).unwrap_err().contains("allowed: \"light\", \"dark\", \"both\""));
        assert!(settings(&ctx(r#"{"them":"dark"}"#)).unwrap_err().contains("unknown key \"them\""));
        assert_eq!(settings(&serde_json::json!({})).unwrap().src, "src");
    }
}
