//! Text made safe for where it is shown: one rule for which characters are hidden instructions to a
//! terminal or a text renderer (C0/C1 controls, bidirectional embeddings, overrides and isolates, line and
//! paragraph separators, noncharacters), and the ways of writing them harmlessly. Guarantee: the output of
//! [`terminal`] holds none of them and no line break, so a label cannot move the cursor, recolour a
//! terminal, ring its bell, reorder what follows it, or split a one-line message.

use std::borrow::Cow;

/// Whether `c` acts on a terminal or on text layout instead of showing as itself.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}')
}

/// `s` with every hidden character written as a visible escape (`\u{1b}`, `\n`, `\t`), and a backslash
/// doubled where it stands before `u`, `n`, `t` or another backslash, so that no escape can be faked.
/// Borrows when there is nothing to escape (the usual case).
pub fn terminal(s: &str) -> Cow<'_, str> {
    let fake = |i: usize| s[i + 1..].starts_with(['u', 'n', 't', '\\']);
    if !s.char_indices().any(|(i, c)| is_hidden(c) || (c == '\\' && fake(i))) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for (i, c) in s.char_indices() {
        match c {
            '\\' if fake(i) => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if is_hidden(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// JSON text with the hidden characters serde_json leaves raw (bidi controls, separators, U+FEFF and
/// noncharacters) written as `\uXXXX` escapes: the same JSON value, safe to print. Control characters are
/// already escaped by serde_json; every character replaced here is in the Basic Multilingual Plane, so one
/// escape each suffices.
pub fn json(text: String) -> String {
    if text.is_ascii() || !text.chars().any(is_hidden) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_hidden(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_text_shows_every_hidden_character_as_an_escape() {
        let s = "a\u{1b}[31mred\u{7}\u{0}\u{202E}evil\u{2066}\n\u{9b}x\\u{41} C:\\path";
        let t = terminal(s);
        assert!(!t.chars().any(is_hidden), "{t}");
        assert_eq!(t, "a\\u{1b}[31mred\\u{7}\\u{0}\\u{202e}evil\\u{2066}\\n\\u{9b}x\\\\u{41} C:\\path");
        assert!(matches!(terminal("plain é 日本"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_escapes_keep_the_value() {
        let text = serde_json::to_string(&"x\u{202E}y\u{2028}z\u{1b}").unwrap();
        let safe = json(text.clone());
        assert!(!safe.chars().any(is_hidden), "{safe}");
        let a: String = serde_json::from_str(&text).unwrap();
        let b: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(a, b);
    }
}
