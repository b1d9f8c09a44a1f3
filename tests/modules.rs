//! The dependency picture of `src/`: every module's references to other modules (`use` trees and paths
//! through `crate::`, `super::` and `self::`), read from the source text. Fails on an import cycle between
//! modules, on `render` reaching `layout` (render sees only the positioned scene), and on any layout pass
//! reaching the layout driver (`layout/mod.rs`). Test-only code (from the first `#[cfg(test)]` of a file
//! on) does not count. The crate root (`lib.rs`) is the facade that composes the stages; the binary is a
//! separate crate.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Module = Vec<String>;

/// Every module file under `src/` (the binaries excepted), by module path.
fn modules(src: &Path) -> BTreeMap<Module, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix(src).unwrap();
            if path.is_dir() {
                if rel != Path::new("bin") {
                    stack.push(path);
                }
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let mut parts: Module = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
            let last = parts.pop().unwrap();
            let stem = last.trim_end_matches(".rs");
            if stem != "mod" && stem != "lib" {
                parts.push(stem.to_string());
            }
            out.insert(parts, std::fs::read_to_string(&path).unwrap());
        }
    }
    out
}

/// The source without comments, string and char literals, and test-only code.
fn code(text: &str) -> String {
    let text = text.find("#[cfg(test)]").map_or(text, |i| &text[..i]);
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            i += 2;
            while i < b.len() && !b[i..].starts_with(b"*/") {
                i += 1;
            }
            i += 2;
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push(' ');
        } else if b[i] == b'\'' && i + 2 < b.len() && (b[i + 2] == b'\'' || b[i + 1] == b'\\') {
            // A char literal ('x' or '\n'); a lifetime ('a) has no closing quote right after.
            i += 1;
            while i < b.len() && b[i] != b'\'' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push(' ');
        } else {
            let c = text[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// Identifiers, `::`, braces, commas, `*` and `;` as tokens; everything else splits them.
fn tokens(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() || c == '_' {
            cur.push(c);
            continue;
        }
        if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        if c == ':' && chars.peek() == Some(&':') {
            chars.next();
            out.push("::".into());
        } else if "{},*;".contains(c) {
            out.push(c.to_string());
        } else if !c.is_whitespace() {
            out.push("·".into());
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The paths of a `use` tree starting at `t[*i]`, each with the prefix before it.
fn use_tree(t: &[String], i: &mut usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let mut path = prefix;
    loop {
        match t.get(*i).map(String::as_str) {
            Some("{") => {
                *i += 1;
                while t.get(*i).is_some_and(|s| s != "}") {
                    use_tree(t, i, path.clone(), out);
                    if t.get(*i).is_some_and(|s| s == ",") {
                        *i += 1;
                    }
                }
                *i += 1;
                return;
            }
            Some("::") => *i += 1,
            Some("*") => {
                *i += 1;
                out.push(path);
                return;
            }
            Some(s) if s.chars().all(|c| c.is_alphanumeric() || c == '_') => {
                path.push(s.to_string());
                *i += 1;
                if t.get(*i).is_some_and(|s| s == "as") {
                    *i += 2;
                }
                if t.get(*i).is_none_or(|s| s != "::") {
                    out.push(path);
                    return;
                }
            }
            _ => {
                out.push(path);
                return;
            }
        }
    }
}

/// Every path the module's code names (through `crate`, `super`, `self` or a child module), as written.
fn paths(code: &str) -> Vec<Vec<String>> {
    let t = tokens(code);
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if t[i] == "use" {
            i += 1;
            use_tree(&t, &mut i, Vec::new(), &mut out);
            continue;
        }
        let ident = t[i].chars().all(|c| c.is_alphanumeric() || c == '_');
        if ident && (i == 0 || t[i - 1] != "::") && t.get(i + 1).is_some_and(|s| s == "::") {
            let mut path = vec![t[i].clone()];
            let mut j = i + 1;
            while t.get(j).is_some_and(|s| s == "::")
                && t.get(j + 1).is_some_and(|s| s.chars().all(|c| c.is_alphanumeric() || c == '_'))
            {
                path.push(t[j + 1].clone());
                j += 2;
            }
            if t.get(j).is_some_and(|s| s == "::") && t.get(j + 1).is_some_and(|s| s == "{") {
                let mut k = j + 1;
                use_tree(&t, &mut k, path, &mut out);
                i = k;
                continue;
            }
            out.push(path);
            i = j;
            continue;
        }
        i += 1;
    }
    out
}

/// The module a path reaches from module `from`: the longest known module its segments name.
fn resolve(known: &BTreeMap<Module, String>, from: &Module, path: &[String]) -> Option<Module> {
    let mut at: Module = match path.first().map(String::as_str) {
        Some("crate") => Vec::new(),
        Some("super") => from[..from.len().checked_sub(1)?].to_vec(),
        Some("self") => from.clone(),
        // A child module, named from its parent.
        Some(first) if known.contains_key(&[&from[..], &[first.to_string()]].concat()) => {
            [&from[..], &[first.to_string()]].concat()
        }
        _ => return None,
    };
    for seg in &path[1..] {
        if seg == "super" {
            at.pop();
            continue;
        }
        let mut next = at.clone();
        next.push(seg.clone());
        if !known.contains_key(&next) {
            break;
        }
        at = next;
    }
    Some(at)
}

/// Every module's dependencies on other modules (the crate root left out: it composes the stages).
fn graph() -> BTreeMap<Module, BTreeSet<Module>> {
    let known = modules(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    let mut g = BTreeMap::new();
    for (m, text) in &known {
        if m.is_empty() {
            continue;
        }
        let deps: BTreeSet<Module> = paths(&code(text))
            .iter()
            .filter_map(|p| resolve(&known, m, p))
            .filter(|d| d != m && !d.is_empty())
            .collect();
        g.insert(m.clone(), deps);
    }
    g
}

/// A cycle in the graph, if there is one, as the modules along it.
fn cycle(g: &BTreeMap<Module, BTreeSet<Module>>) -> Option<Vec<Module>> {
    // 0 unvisited, 1 on the stack, 2 done.
    let mut state: BTreeMap<&Module, u8> = BTreeMap::new();
    fn visit<'a>(
        g: &'a BTreeMap<Module, BTreeSet<Module>>,
        m: &'a Module,
        state: &mut BTreeMap<&'a Module, u8>,
        stack: &mut Vec<&'a Module>,
    ) -> Option<Vec<Module>> {
        state.insert(m, 1);
        stack.push(m);
        for d in g.get(m).into_iter().flatten() {
            match state.get(d).copied().unwrap_or(0) {
                1 => {
                    let from = stack.iter().position(|x| *x == d).unwrap();
                    let mut c: Vec<Module> = stack[from..].iter().map(|x| (*x).clone()).collect();
                    c.push(d.clone());
                    return Some(c);
                }
                0 => {
                    if let Some(c) = visit(g, d, state, stack) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(m, 2);
        None
    }
    for m in g.keys() {
        if state.get(m).copied().unwrap_or(0) == 0
            && let Some(c) = visit(g, m, &mut state, &mut Vec::new())
        {
            return Some(c);
        }
    }
    None
}

fn name(m: &Module) -> String {
    m.join("::")
}

fn reach(g: &BTreeMap<Module, BTreeSet<Module>>, from: &Module) -> BTreeSet<Module> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from.clone()];
    while let Some(m) = stack.pop() {
        for d in g.get(&m).into_iter().flatten() {
            if seen.insert(d.clone()) {
                stack.push(d.clone());
            }
        }
    }
    seen
}

fn m(s: &str) -> Module {
    s.split("::").map(String::from).collect()
}

#[test]
fn the_reader_finds_use_trees_and_paths_and_skips_comments_strings_and_tests() {
    let src = r#"
        use super::geom::{Stop, moved};
        use crate::layout::{knobs::{A, B as C}, tree::*};
        // use crate::commented::Out;
        let s = "crate::in_a_string::X";
        let w = crate::layout::text::width("a", 1.0);
        #[cfg(test)]
        use crate::only_in_tests::Y;
    "#;
    let found: Vec<String> = paths(&code(src)).iter().map(|p| p.join("::")).collect();
    assert_eq!(
        found,
        [
            "super::geom::Stop",
            "super::geom::moved",
            "crate::layout::knobs::A",
            "crate::layout::knobs::B",
            "crate::layout::tree",
            "crate::layout::text::width"
        ]
    );
}

#[test]
fn a_planted_cycle_is_found() {
    let mut g: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    g.insert(m("a"), [m("b")].into());
    g.insert(m("b"), [m("c")].into());
    g.insert(m("c"), [m("a")].into());
    let c = cycle(&g).expect("a cycle");
    assert_eq!(c.first(), c.last());
    assert_eq!(c.len(), 4);
    g.insert(m("c"), BTreeSet::new());
    assert_eq!(cycle(&g), None);
}

#[test]
fn the_modules_of_src_import_each_other_without_a_cycle() {
    let g = graph();
    // The reader sees the pipeline's real links (so an empty picture cannot pass).
    for (from, to) in
        [("layout::place::containers", "layout::arrange"), ("layout::finish", "layout::route"), ("render", "scene")]
    {
        assert!(g[&m(from)].contains(&m(to)), "{from} should depend on {to}: {:?}", g[&m(from)]);
    }
    if let Some(c) = cycle(&g) {
        panic!("import cycle: {}", c.iter().map(name).collect::<Vec<_>>().join(" → "));
    }
}

#[test]
fn render_never_reaches_layout_and_no_pass_reaches_the_layout_driver() {
    let g = graph();
    for (module, _) in g.iter().filter(|(k, _)| k.first().is_some_and(|f| f == "render")) {
        let bad: Vec<String> =
            reach(&g, module).iter().filter(|d| d.first().is_some_and(|f| f == "layout")).map(name).collect();
        assert!(bad.is_empty(), "{} reaches {bad:?}", name(module));
    }
    for (module, deps) in g.iter().filter(|(k, _)| k.len() > 1 && k[0] == "layout") {
        assert!(!deps.contains(&m("layout")), "{} uses the layout driver (layout/mod.rs)", name(module));
    }
}
