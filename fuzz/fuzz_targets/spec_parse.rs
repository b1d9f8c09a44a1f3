//! spec_parse: any UTF-8 text through `spec::parse` and `check` never panics; both roads of the parser (typed and JSON-tree) agree; `check` gives JSON with a boolean "ok" that matches `parse`, and on failure the very message of the error, one line, no control characters, with a 1-based line and column inside the text.
#![no_main]

use archdiag::spec;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let parsed = spec::parse(text);
    // `parse` takes a typed fast road where it can; it must give what the JSON-tree road gives.
    let tree = spec::parse_json(text).and_then(|v| spec::from_value(&v));
    if archdiag_fuzz::enabled("roads") {
        assert_eq!(parsed, tree, "the typed road and the tree road disagree");
    }

    let verdict = archdiag::check(text);
    let v: Value = serde_json::from_str(&verdict).unwrap_or_else(|e| panic!("check() gave no JSON ({e}): {verdict}"));
    let ok = v.get("ok").and_then(Value::as_bool).unwrap_or_else(|| panic!("check() has no boolean ok: {verdict}"));
    assert_eq!(ok, parsed.is_ok(), "check() says ok={ok} but parse() gave {parsed:?}");
    let Err(e) = parsed else { return };
    let msg = v.get("message").and_then(Value::as_str).unwrap_or_else(|| panic!("no message: {verdict}"));
    archdiag_fuzz::check_message("check().message", msg);
    assert_eq!(msg, e.to_string(), "check() words the error differently from parse()");
    let place = |k: &str| match v.get(k) {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => match n.as_u64() {
            Some(x) if x >= 1 || !archdiag_fuzz::enabled("place") => Some(x as usize),
            _ => panic!("{k} is {n}, not a 1-based number: {verdict}"),
        },
        Some(other) => panic!("{k} is {other}, not a number: {verdict}"),
    };
    let (line, column) = (place("line"), place("column"));
    assert_eq!(line.is_some(), column.is_some(), "line without column or the reverse: {verdict}");
    if let (Some(line), Some(column)) = (line, column)
        && archdiag_fuzz::enabled("place")
    {
        // The text has at most `\n`-count + 1 lines; a column counts characters and may point one past the
        // end of its line (where the text stops too early).
        let lines: Vec<&str> = text.split('\n').collect();
        assert!(line <= lines.len(), "line {line} past the end ({} lines): {verdict}", lines.len());
        let len = lines[line - 1].chars().count().max(lines[line - 1].len());
        assert!(column <= len + 1, "column {column} past the end of line {line} ({len} long): {verdict}");
    }
});
