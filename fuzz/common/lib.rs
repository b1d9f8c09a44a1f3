//! Checks shared by the fuzz targets: a small, strict scanner for the SVG that archdiag writes, and the
//! shape of an error message.

use std::time::Duration;

/// Elements that would run script or embed foreign content; archdiag never writes them.
const FORBIDDEN_ELEMENTS: &[&str] = &["script", "foreignobject", "iframe", "embed", "object", "image", "a", "animate"];

/// Checks an error message: non-empty, one line, no control characters (nor the Unicode line and
/// paragraph separators, which editors show as line breaks).
pub fn check_message(what: &str, msg: &str) {
    if !enabled("message") {
        return;
    }
    assert!(!msg.trim().is_empty(), "{what}: empty error message");
    if let Some(c) = msg.chars().find(|&c| c.is_control() || c == '\u{2028}' || c == '\u{2029}') {
        panic!("{what}: error message holds {:?} (U+{:04X}): {msg:?}", c, c as u32);
    }
}

/// Whether the check named `name` runs: every check does unless `ARCHDIAG_FUZZ_SKIP` lists it
/// (comma-separated), so that fuzzing can go on past a known, still open failure.
pub fn enabled(name: &str) -> bool {
    static SKIP: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let skip = SKIP.get_or_init(|| {
        std::env::var("ARCHDIAG_FUZZ_SKIP")
            .map(|s| s.split(',').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect())
            .unwrap_or_default()
    });
    !skip.iter().any(|s| s == name)
}

/// The first 2,000 characters of a spec, for a panic message (the whole input is in the artifact).
pub fn short(spec: &str) -> String {
    let mut out: String = spec.chars().take(2000).collect();
    if out.len() < spec.len() {
        out.push_str(" …");
    }
    out
}

/// Prints the spec to stderr when `ARCHDIAG_FUZZ_PRINT` is set (to see what a structured input means).
pub fn print(spec: &str) {
    if std::env::var_os("ARCHDIAG_FUZZ_PRINT").is_some() {
        eprintln!("{spec}");
    }
}

/// The time budget of one layout: `ARCHDIAG_FUZZ_BUDGET_MS` milliseconds, 5000 unless set. Fuzz builds keep
/// debug assertions and overflow checks and run about four times slower than release (a case that took
/// 0.13 s in release took 0.5 s here, and 2.6 s with the other core busy), so 5 s stands for about 1 s.
pub fn budget() -> Duration {
    let ms = std::env::var("ARCHDIAG_FUZZ_BUDGET_MS").ok().and_then(|s| s.parse().ok()).unwrap_or(5000);
    Duration::from_millis(ms)
}

/// Checks an SVG document written by archdiag; panics with what is wrong and where.
pub fn check_svg(svg: &str) {
    if !enabled("svg") {
        return;
    }
    if let Err(e) = scan_svg(svg) {
        let at = e.at.min(svg.len());
        let start = floor_char(svg, at.saturating_sub(80));
        let end = floor_char(svg, (at + 80).min(svg.len()));
        panic!("bad SVG at byte {}: {}; near {:?}", e.at, e.what, &svg[start..end]);
    }
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// What is wrong with an SVG, and the byte offset where it was seen.
#[derive(Debug)]
pub struct SvgError {
    pub at: usize,
    pub what: String,
}

fn err<T>(at: usize, what: impl Into<String>) -> Result<T, SvgError> {
    Err(SvgError { at, what: what.into() })
}

/// Scans the SVG as XML: well-formed tags, balanced elements, one root `<svg>`, every `<` and `&` in
/// text escaped, no XML-forbidden characters; and as a security boundary: no script or foreign
/// element, no `on…` event attribute, no `style` attribute, no `href` but to a `#…` fragment, no
/// `javascript:` or external `url(…)` in any attribute or in the `<style>` element.
pub fn scan_svg(svg: &str) -> Result<(), SvgError> {
    let b = svg.as_bytes();
    let mut i = 0;
    let mut stack: Vec<&str> = Vec::new();
    let mut roots = 0;
    // The simple check first: `<` is only ever followed by a letter, `/`, `?` or `!`.
    for (k, w) in b.windows(2).enumerate() {
        if w[0] == b'<' && !(w[1].is_ascii_alphabetic() || matches!(w[1], b'/' | b'?' | b'!')) {
            return err(k, "`<` not followed by a letter, `/`, `?` or `!` (unescaped `<` in text?)");
        }
    }
    if b.last() == Some(&b'<') {
        return err(b.len() - 1, "`<` at the end");
    }
    while i < b.len() {
        if b[i] != b'<' {
            // Text up to the next tag.
            let end = svg[i..].find('<').map_or(b.len(), |k| i + k);
            let text = &svg[i..end];
            if stack.is_empty() && !text.trim().is_empty() {
                return err(i, "text outside the root element");
            }
            check_text(text, i)?;
            if stack.last().is_some_and(|t| t.eq_ignore_ascii_case("style")) {
                check_css(text, i)?;
            }
            i = end;
            continue;
        }
        let start = i;
        match b.get(i + 1) {
            Some(b'?') => {
                if roots > 0 || !stack.is_empty() {
                    return err(i, "processing instruction after the root element started");
                }
                let Some(k) = svg[i..].find("?>") else { return err(i, "unterminated `<?`") };
                i += k + 2;
            }
            Some(b'!') => {
                if svg[i..].starts_with("<!--") {
                    let Some(k) = svg[i + 4..].find("-->") else { return err(i, "unterminated comment") };
                    i += 4 + k + 3;
                } else if svg[i..].starts_with("<![CDATA[") {
                    return err(i, "CDATA section (archdiag escapes text instead)");
                } else {
                    return err(i, "`<!` declaration (DOCTYPE/ENTITY) in the output");
                }
            }
            Some(b'/') => {
                let (name, k) = read_name(b, i + 2);
                if name.is_empty() {
                    return err(i, "closing tag without a name");
                }
                let k = skip_ws(b, k);
                if b.get(k) != Some(&b'>') {
                    return err(k, format!("closing tag </{name}> not closed by `>`"));
                }
                match stack.pop() {
                    Some(open) if open == name => {}
                    Some(open) => return err(start, format!("</{name}> closes <{open}>")),
                    None => return err(start, format!("</{name}> with no open element")),
                }
                i = k + 1;
            }
            _ => {
                let (name, mut k) = read_name(b, i + 1);
                if name.is_empty() {
                    return err(i, "tag without a name");
                }
                let lower = name.to_ascii_lowercase();
                if FORBIDDEN_ELEMENTS.contains(&lower.as_str()) {
                    return err(i, format!("forbidden element <{name}>"));
                }
                if stack.is_empty() {
                    roots += 1;
                    if roots > 1 {
                        return err(i, "a second root element");
                    }
                    if name != "svg" {
                        return err(i, format!("root element is <{name}>, not <svg>"));
                    }
                }
                let mut seen: Vec<&str> = Vec::new();
                loop {
                    let ws = skip_ws(b, k);
                    match b.get(ws) {
                        None => return err(start, format!("unterminated tag <{name}")),
                        Some(b'>') => {
                            stack.push(name);
                            k = ws + 1;
                            break;
                        }
                        Some(b'/') if b.get(ws + 1) == Some(&b'>') => {
                            k = ws + 2;
                            break;
                        }
                        _ => {}
                    }
                    if ws == k {
                        return err(k, format!("no space before an attribute in <{name}>"));
                    }
                    let (attr, a) = read_name(b, ws);
                    if attr.is_empty() {
                        return err(ws, format!("bad character in tag <{name}>"));
                    }
                    if seen.contains(&attr) {
                        return err(ws, format!("attribute {attr} twice in <{name}>"));
                    }
                    seen.push(attr);
                    let a = skip_ws(b, a);
                    if b.get(a) != Some(&b'=') {
                        return err(a, format!("attribute {attr} of <{name}> without a value"));
                    }
                    let q = skip_ws(b, a + 1);
                    let quote = match b.get(q) {
                        Some(&c @ (b'"' | b'\'')) => c,
                        _ => return err(q, format!("attribute {attr} of <{name}> not quoted")),
                    };
                    let Some(len) = b[q + 1..].iter().position(|&c| c == quote) else {
                        return err(q, format!("unterminated value of {attr} in <{name}>"));
                    };
                    let value = &svg[q + 1..q + 1 + len];
                    check_attr(name, attr, value, q + 1)?;
                    k = q + 1 + len + 1;
                }
                i = k;
            }
        }
    }
    if let Some(open) = stack.last() {
        return err(b.len(), format!("<{open}> never closed"));
    }
    if roots == 0 {
        return err(0, "no root element");
    }
    Ok(())
}

fn read_name(b: &[u8], mut i: usize) -> (&str, usize) {
    let start = i;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || matches!(b[i], b':' | b'-' | b'_' | b'.')) {
        i += 1;
    }
    // ASCII only, so the slice is on character boundaries.
    (std::str::from_utf8(&b[start..i]).unwrap_or(""), i)
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\n' | b'\t' | b'\r') {
        i += 1;
    }
    i
}

/// Characters XML 1.0 does not allow in a document (besides the three whitespace controls).
fn forbidden_char(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}'
}

/// Text content or an attribute value: `&` only as an entity, no `<`, no forbidden characters.
fn check_text(text: &str, at: usize) -> Result<(), SvgError> {
    for (k, c) in text.char_indices() {
        if forbidden_char(c) {
            return err(at + k, format!("character U+{:04X} not allowed in XML", c as u32));
        }
        if c == '<' {
            return err(at + k, "unescaped `<`");
        }
        if c == '&' {
            let rest = &text[k + 1..];
            let Some(end) = rest.find(';') else { return err(at + k, "`&` not part of an entity") };
            let ent = &rest[..end];
            let ok = matches!(ent, "amp" | "lt" | "gt" | "quot" | "apos")
                || ent.strip_prefix("#x").is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
                || ent.strip_prefix('#').is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()));
            if !ok {
                return err(at + k, format!("`&{ent};` is not an XML entity"));
            }
        }
    }
    Ok(())
}

/// The text with the five XML entities and character references decoded, lower-cased: what a browser
/// would see in an attribute.
fn decoded_lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(k) = rest.find('&') {
        out.push_str(&rest[..k]);
        let tail = &rest[k + 1..];
        let end = tail.find(';').unwrap_or(0);
        let ent = &tail[..end];
        let c = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => ent
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &tail[end + 1..];
            }
            None => {
                out.push('&');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    // Browsers drop whitespace and controls inside a URL scheme ("java\tscript:").
    out.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_lowercase()
}

fn check_attr(tag: &str, name: &str, value: &str, at: usize) -> Result<(), SvgError> {
    check_text(value, at)?;
    let lname = name.to_ascii_lowercase();
    let local = lname.rsplit(':').next().unwrap_or(&lname);
    if local.starts_with("on") {
        return err(at, format!("event attribute {name} on <{tag}>"));
    }
    if local == "style" {
        return err(at, format!("style attribute on <{tag}> (breaks a strict CSP)"));
    }
    let v = decoded_lower(value);
    if local == "href" && !v.starts_with('#') {
        return err(at, format!("{name}=\"{value}\" on <{tag}> is not a #fragment"));
    }
    if v.contains("javascript:") || v.contains("vbscript:") || v.contains("data:text/html") {
        return err(at, format!("script URL in {name} on <{tag}>"));
    }
    if v.contains("url(") && !v.split("url(").skip(1).all(|u| u.starts_with('#')) {
        return err(at, format!("url(…) to something other than a #fragment in {name} on <{tag}>"));
    }
    // xmlns declarations are the only absolute URLs archdiag writes.
    if (v.contains("://") || v.starts_with("//")) && !(lname == "xmlns" || lname.starts_with("xmlns:")) {
        return err(at, format!("external URL in {name} on <{tag}>"));
    }
    Ok(())
}

/// The content of a `<style>` element: no script, no import, no external resource.
fn check_css(css: &str, at: usize) -> Result<(), SvgError> {
    let v = decoded_lower(css);
    for bad in ["javascript:", "@import", "expression(", "behavior:", "-moz-binding", "://", "</"] {
        if v.contains(bad) {
            return err(at, format!("`{bad}` in <style>"));
        }
    }
    if v.contains("url(") && !v.split("url(").skip(1).all(|u| u.starts_with('#')) {
        return err(at, "url(…) to something other than a #fragment in <style>");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::scan_svg;

    #[test]
    fn accepts_a_plain_document() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" class="a"><title>a &amp; b &lt;c&gt;</title><use href="#ad-x"/><g id="ad-a"><rect fill="url(#g)" x="1"/></g></svg>"##;
        scan_svg(svg).unwrap();
    }

    #[test]
    fn rejects_what_it_should() {
        for svg in [
            "<svg><script>alert(1)</script></svg>",
            "<svg onload=\"x\"></svg>",
            "<svg><g ONclick='x'/></svg>",
            "<svg><a href=\"javascript:alert(1)\"/></svg>",
            "<svg><use href=\"http://x/y#z\"/></svg>",
            "<svg><use xlink:href=\"data:x\"/></svg>",
            "<svg><text>a < b</text></svg>",
            "<svg><text>a & b</text></svg>",
            "<svg><g></svg>",
            "<svg><g/></svg><svg/>",
            "<svg><g style=\"fill:red\"/></svg>",
            "<svg><style>@import url(x)</style></svg>",
            "<svg><text>\u{1}</text></svg>",
            "<svg><rect fill=\"url(http://x)\"/></svg>",
        ] {
            assert!(scan_svg(svg).is_err(), "{svg}");
        }
    }
}
