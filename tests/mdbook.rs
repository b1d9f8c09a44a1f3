//! `archdiag mdbook`, driven through mdBook's preprocessor protocol with the `[context, book]` JSON that
//! mdBook 0.5.4 really sent for `tests/mdbook/book/` (see `tests/mdbook/README.md`): every archdiag block
//! becomes the CLI's own SVG with a book-unique id prefix, everything else in the JSON stays the same value,
//! bad and hostile blocks become escaped error paragraphs with a one-line warning each, and `supports`
//! answers for html only.

use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_archdiag"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn archdiag");
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    // Written from a thread: a large input must not block on a full stdout pipe.
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().expect("wait");
    writer.join().unwrap();
    out
}

fn captured() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/mdbook/input.json");
    std::fs::read_to_string(path).expect("tests/mdbook/input.json")
}

/// The CLI's SVG for a spec: `archdiag --spec - --id-prefix PREFIX [extra…]`.
fn cli_svg(spec: &str, prefix: &str, extra: &[&str]) -> String {
    let mut args = vec!["--spec", "-", "--id-prefix", prefix];
    args.extend_from_slice(extra);
    let o = run(&args, spec.as_bytes());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

/// Every chapter of a book value, by source path (or name), in book order.
fn chapters(book: &Value) -> Vec<(String, String)> {
    fn walk(items: &Value, out: &mut Vec<(String, String)>) {
        for item in items.as_array().into_iter().flatten() {
            if let Some(ch) = item.get("Chapter") {
                let name = ch["source_path"].as_str().or(ch["name"].as_str()).unwrap().to_string();
                out.push((name, ch["content"].as_str().unwrap().to_string()));
                walk(&ch["sub_items"], out);
            }
        }
    }
    let mut out = Vec::new();
    walk(book.get("items").or(book.get("sections")).unwrap(), &mut out);
    out
}

/// The book with every chapter's content set from `contents` (in book order).
fn with_contents(book: &Value, contents: &[String]) -> Value {
    fn walk(items: &mut Value, contents: &mut std::slice::Iter<String>) {
        for item in items.as_array_mut().into_iter().flatten() {
            if let Some(ch) = item.get_mut("Chapter") {
                ch["content"] = Value::String(contents.next().unwrap().clone());
                walk(&mut ch["sub_items"], contents);
            }
        }
    }
    let mut book = book.clone();
    let key = if book.get("items").is_some() { "items" } else { "sections" };
    walk(&mut book[key], &mut contents.iter());
    book
}

struct Preprocessed {
    input: Value,
    book: Value,
    stderr: String,
    chapters: BTreeMap<String, String>,
}

fn preprocess(input: &str) -> Preprocessed {
    let o = run(&["mdbook"], input.as_bytes());
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(o.status.success(), "{stderr}");
    let book: Value = serde_json::from_slice(&o.stdout).expect("the output is JSON");
    let input: Value = serde_json::from_str(input).unwrap();
    let chapters = chapters(&book).into_iter().collect();
    Preprocessed { input, book, stderr, chapters }
}

/// The figure `archdiag mdbook` writes for a spec without a theme: the light and the dark drawing.
fn both(spec: &str, prefix: &str) -> String {
    let light = cli_svg(spec, prefix, &[]);
    let dark = cli_svg(spec, &format!("{prefix}-dark"), &["--theme", "dark"]);
    format!(
        "<figure class=\"archdiag\">\n<div class=\"archdiag-light\">\n{}\n</div>\n<div class=\"archdiag-dark\" hidden>\n{}\n</div>\n</figure>\n",
        light.trim_end(),
        dark.trim_end()
    )
}

#[test]
fn the_captured_book_keeps_everything_but_its_archdiag_blocks() {
    let p = preprocess(&captured());
    // Only chapter contents changed: put the old contents back and the book is the same value.
    let old: Vec<String> = chapters(&p.input[1]).into_iter().map(|(_, c)| c).collect();
    assert_eq!(with_contents(&p.book, &old), p.input[1], "something beside chapter contents changed");
    // Chapters without a block are byte for byte the same.
    let before: BTreeMap<String, String> = chapters(&p.input[1]).into_iter().collect();
    assert_eq!(p.chapters["README.md"], before["README.md"]);
    assert_eq!(p.chapters.len(), 5, "{:?}", p.chapters.keys());
}

#[test]
fn each_block_is_the_cli_svg_for_its_text_with_a_book_unique_prefix() {
    let p = preprocess(&captured());
    let before: BTreeMap<String, String> = chapters(&p.input[1]).into_iter().collect();
    let eks = r#"{"service": "eks", "hosting": ["nodegroup", "fargate"]}"#;
    let ecs = r#"{"service": "ecs", "hosting": "fargate"}"#;
    let dark = r#"{"service": "ecs", "hosting": "ec2", "theme": "dark"}"#;
    let expected = before["presets.md"]
        .replacen(&format!("```archdiag\n{eks}\n```\n"), &both(&format!("{eks}\n"), "archdiag-1"), 1)
        .replacen(&format!("~~~archdiag title-ignored\n{ecs}\n~~~\n"), &both(&format!("{ecs}\n"), "archdiag-2"), 1)
        .replacen(
            &format!("```archdiag\n{dark}\n```\n"),
            &format!("<figure class=\"archdiag\">\n{}</figure>\n", cli_svg(&format!("{dark}\n"), "archdiag-3", &[])),
            1,
        );
    assert_eq!(p.chapters["presets.md"], expected);
    assert!(p.chapters["presets.md"].contains(&format!("```json\n{ecs}\n```\n")), "the json block changed");
}

#[test]
fn blocks_in_quotes_and_lists_stay_in_their_container() {
    let p = preprocess(&captured());
    let nested = &p.chapters["nested/containers.md"];
    let quoted = both("{\"service\": \"eks\", \"hosting\": \"fargate\", \"workers\": 1}\n", "archdiag-4");
    let in_quote: String = quoted.lines().map(|l| format!("> {l}\n")).collect();
    assert!(nested.contains(&format!("> A quote with a diagram in it:\n>\n{in_quote}>\n> and text right after it.\n")));
    let listed = both("{\"service\": \"ecs\", \"hosting\": \"fargate\", \"workers\": 1}\n", "archdiag-5");
    let in_item: String = listed.lines().map(|l| format!("   {l}\n")).collect();
    assert!(nested.contains(&format!("1. A list item with a diagram:\n\n{in_item}2. The next item.\n")), "{nested}");
    // The same spec as the first block of presets.md: the same drawing under its own ids.
    assert!(
        nested.contains(&both("{\"service\": \"eks\", \"hosting\": [\"nodegroup\", \"fargate\"]}\n", "archdiag-6"))
    );
}

#[test]
fn no_id_is_repeated_anywhere_in_the_book() {
    let p = preprocess(&captured());
    let mut seen = BTreeMap::new();
    for (name, content) in &p.chapters {
        for part in content.split(" id=\"").skip(1) {
            let id = &part[..part.find('"').unwrap()];
            if let Some(other) = seen.insert(id.to_string(), name.clone()) {
                panic!("id {id} is in {other} and {name}");
            }
        }
    }
    assert!(seen.len() > 100, "{}", seen.len());
}

#[test]
fn bad_and_hostile_blocks_become_escaped_errors_and_warnings() {
    let p = preprocess(&captured());
    let errors = &p.chapters["errors.md"];
    assert!(errors.contains(
        "A trailing comma:\n\n<p class=\"archdiag-error\" role=\"alert\">archdiag: spec is not valid JSON at line 1, column 41: trailing comma</p>\n\nA node group"
    ));
    let nodegroup = archdiag::render(r#"{"service": "ecs", "hosting": "nodegroup"}"#).unwrap_err().to_string();
    let escaped = nodegroup.replace('"', "&quot;");
    assert!(errors.contains(&format!("<p class=\"archdiag-error\" role=\"alert\">archdiag: {escaped}</p>")));
    // Markup in labels and in a bad block's text never becomes markup.
    for (name, content) in &p.chapters {
        assert!(!content.to_lowercase().contains("<script"), "{name}");
        assert!(!content.contains("<img"), "{name}");
        assert!(!content.contains("{{#include"), "{name}: an include directive is left for mdBook's links");
    }
    assert!(errors.contains("&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(errors.contains("&#123;{#include /etc/passwd}}"));
    assert!(errors.ends_with("\nAfter the blocks.\n"));
    // One warning per bad block, one line each, naming the chapter file and the fence's line.
    let warnings: Vec<&str> = p.stderr.lines().collect();
    assert_eq!(warnings.len(), 3, "{}", p.stderr);
    assert!(warnings[0].starts_with("warning: archdiag: src/errors.md:5: spec is not valid JSON"), "{}", warnings[0]);
    assert_eq!(warnings[1], format!("warning: archdiag: src/errors.md:11: {nodegroup}"));
    assert!(warnings[2].starts_with("warning: archdiag: src/errors.md:27: "), "{}", warnings[2]);
}

#[test]
fn hostile_chapter_names_and_messages_stay_one_line() {
    let context = r#"{"root":"/b","config":{"book":{"src":"s\u001b[31m"}},"renderer":"html","mdbook_version":"0.5.4"}"#;
    let chapter = r#"{"Chapter":{"name":"x","content":"```archdiag\n{\"title\": 5, \"a\u202e\": 1}\n```\n","number":null,"sub_items":[],"path":"a\nb.md","source_path":"a\nb.md","parent_names":[]}}"#;
    let p = preprocess(&format!("[{context},{{\"items\":[{chapter}]}}]"));
    assert_eq!(p.stderr.lines().count(), 1, "{}", p.stderr);
    assert!(p.stderr.starts_with("warning: archdiag: s\\u{1b}[31m/a\\nb.md:1: "), "{}", p.stderr);
    assert!(!p.stderr.trim_end().chars().any(|c| c.is_control() || c == '\u{202e}'), "{}", p.stderr);
    let content = &p.chapters["a\nb.md"];
    assert!(
        content.starts_with("<p class=\"archdiag-error\" role=\"alert\">archdiag: ") && !content.contains('\u{202e}')
    );
}

#[test]
fn at_most_a_hundred_warnings_are_printed() {
    let mut book: Value = serde_json::from_str(&captured()).unwrap();
    let content: String = (0..150).map(|i| format!("```archdiag\n{{\"azs\": {i}}}\n```\n\n")).collect();
    book[1]["items"][0]["Chapter"]["content"] = Value::String(content);
    let p = preprocess(&book.to_string());
    let lines: Vec<&str> = p.stderr.lines().collect();
    assert_eq!(lines.len(), 101, "{}", p.stderr);
    assert!(lines[0].starts_with("warning: archdiag: src/README.md:1: "), "{}", lines[0]);
    assert!(lines[99].starts_with("warning: archdiag: src/README.md:397: "), "{}", lines[99]);
    // 150 here and 3 in errors.md.
    assert_eq!(lines[100], "warning: archdiag: 53 more warnings not shown");
    assert_eq!(p.chapters["README.md"].matches("<p class=\"archdiag-error\"").count(), 150);
}

#[test]
fn supports_html_only() {
    assert_eq!(run(&["mdbook", "supports", "html"], b"").status.code(), Some(0));
    for other in ["latex", "markdown", "HTML", ""] {
        assert_eq!(run(&["mdbook", "supports", other], b"").status.code(), Some(1), "{other}");
    }
    let o = run(&["mdbook", "frobnicate"], b"");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&o.stderr).lines().count(), 1);
}

#[test]
fn input_that_is_not_a_book_fails_with_one_line() {
    let big = vec![b' '; (64 << 20) + 1];
    let cases: [(&[u8], &str); 6] = [
        (b"", "stdin is not mdBook's [context, book] JSON"),
        (b"{\"items\": []}", "it is not an array"),
        (b"[{}, {}]", "the book has no items"),
        (b"[{}, {\"items\": 3}]", "the book's items are not a list"),
        (
            b"[{\"config\": {\"preprocessor\": {\"archdiag\": {\"theme\": \"neon\"}}}}, {\"items\": []}]",
            "allowed: \"light\"",
        ),
        (&big, "larger than 67108864 bytes"),
    ];
    for (input, wanted) in cases {
        let t = std::time::Instant::now();
        let o = run(&["mdbook"], input);
        assert_eq!(o.status.code(), Some(2), "{wanted}");
        let e = String::from_utf8(o.stderr).unwrap();
        assert_eq!(e.lines().count(), 1, "{e}");
        assert!(e.starts_with("error: archdiag mdbook: ") && e.contains(wanted), "{e}");
        assert!(o.stdout.is_empty());
        assert!(t.elapsed().as_secs() < 10, "{wanted}: {:?}", t.elapsed());
    }
}

#[test]
fn settings_and_mdbook_0_4_books() {
    let input: Value = serde_json::from_str(&captured()).unwrap();
    let eks = "{\"service\": \"eks\", \"hosting\": [\"nodegroup\", \"fargate\"]}\n";
    // theme = "light": one light drawing per block; "dark": one dark drawing.
    for (theme, extra) in [("light", &[][..]), ("dark", &["--theme", "dark"][..])] {
        let mut i = input.clone();
        i[0]["config"]["preprocessor"]["archdiag"]["theme"] = Value::String(theme.into());
        let p = preprocess(&i.to_string());
        let svg = cli_svg(eks, "archdiag-1", extra);
        assert!(
            p.chapters["presets.md"].contains(&format!("<figure class=\"archdiag\">\n{svg}</figure>\n")),
            "{theme}"
        );
        assert!(!p.chapters["presets.md"].contains("archdiag-dark"), "{theme}");
    }
    // mdBook 0.4 sent `sections` (and a `__non_exhaustive` marker): the same chapters come out.
    let mut old = input.clone();
    let items = old[1]["items"].take();
    old[1] = serde_json::json!({"sections": items, "__non_exhaustive": null});
    let a = preprocess(&old.to_string());
    let b = preprocess(&captured());
    assert_eq!(a.chapters, b.chapters);
    assert_eq!(a.book["__non_exhaustive"], Value::Null);
    assert!(a.book.get("items").is_none());
}

#[test]
fn the_same_book_gives_the_same_bytes() {
    let a = run(&["mdbook"], captured().as_bytes());
    let b = run(&["mdbook"], captured().as_bytes());
    assert!(a.status.success() && a.stdout == b.stdout && a.stderr == b.stderr);
}
