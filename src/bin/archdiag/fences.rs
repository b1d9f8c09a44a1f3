//! Finds the fenced ```` ```archdiag ```` / `~~~archdiag` blocks of a Markdown text and replaces each by
//! HTML, leaving every other byte as it was. Fences are found by pulldown-cmark with mdBook's own options
//! (CommonMark: backtick or tilde fences of three or more, indented up to three spaces, inside lists, block
//! quotes, footnotes and definition lists), so exactly the blocks mdBook would show as code are replaced.
//!
//! Guarantees: the replacement is an HTML block in the same container as the fence (every line after the
//! first carries the fence's container prefix, `>` markers kept, list and footnote markers turned into
//! spaces), and it ends where the fence ended: when another block of the same container follows on the very
//! next line, a blank line of that container is put between them, so the HTML cannot swallow it. Linear in
//! the text (pulldown-cmark's parse and one pass over its events); `fuzz/fuzz_targets/mdbook_fences.rs`
//! checks all of this against the parser on arbitrary text.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// The parser options of mdBook 0.5's `mdbook-markdown` with its defaults (tables, footnotes,
/// strikethrough, task lists, heading attributes, smart punctuation, definition lists, GFM admonitions).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
}

/// One fenced archdiag block: its text as the code block holds it (container prefixes and the fence's
/// indentation removed) and the 1-based line of its opening fence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub text: String,
    pub line: usize,
}

/// Whether a fence's info string names archdiag: its first word (up to white space, `,` or `{`) is
/// `archdiag`, as in ```` ```archdiag ````, ```` ```archdiag,ignore ```` or ```` ```archdiag {.wide} ````.
pub fn is_archdiag(info: &str) -> bool {
    info.split([' ', '\t', ',', '{']).next() == Some("archdiag")
}

/// `markdown` with every archdiag block replaced by what `draw` returns for it (HTML; its blank lines, which
/// would end the HTML block, are left out; `None` leaves that block as it is), in document order. `None` when there is no such
/// block, so the caller can keep the text as it was.
pub fn rewrite(markdown: &str, mut draw: impl FnMut(&Block) -> Option<String>) -> Option<String> {
    let markdown = &*lone_returns_as_feeds(markdown);
    let mut out = String::new();
    let mut copied = 0;
    let mut found = false;
    let mut events = Parser::new_ext(markdown, options()).into_offset_iter().peekable();
    // Line numbers, counted incrementally: `line` is the line at byte `counted`.
    let (mut line, mut counted) = (1, 0);
    while let Some((event, range)) = events.next() {
        let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) = &event else { continue };
        if !is_archdiag(info) {
            continue;
        }
        found = true;
        let mut text = String::new();
        for (event, _) in events.by_ref() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => break,
                _ => {}
            }
        }
        let (start, end) = (range.start, range.end);
        line += breaks(&markdown[counted..start]).count();
        counted = start;
        let Some(html) = draw(&Block { text, line }) else { continue };

        let line_start = markdown[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let prefix = continuation(&markdown[line_start..start]);
        out.push_str(&markdown[copied..start]);
        // A blank line would end the HTML block early; between tags and in CSS it means nothing.
        for (i, l) in html.lines().filter(|l| !l.trim().is_empty()).enumerate() {
            if i > 0 {
                out.push('\n');
                out.push_str(&prefix);
            }
            out.push_str(l);
        }
        // The block's range ends after its closing fence's line break, if it has one.
        let own_break = markdown[start..end].ends_with(['\n', '\r']);
        // Another block of this container on the next line would become part of the HTML block.
        let sibling = match events.peek() {
            None | Some((Event::End(_), _)) => None,
            Some((_, next)) => Some(next.start),
        };
        if let Some(next) = sibling
            && next >= end
            && !has_blank_line(&markdown[end..next], own_break)
        {
            out.push('\n');
            out.push_str(prefix.trim_end());
        }
        if own_break {
            out.push('\n');
        }
        copied = end;
    }
    if !found {
        return None;
    }
    out.push_str(&markdown[copied..]);
    Some(out)
}

/// The prefix for the lines after the first of a block whose first line starts with `first` (the text
/// from the start of the line up to the fence): block-quote markers and white space kept, everything else
/// (list markers, ordered list numbers, a footnote's `[^label]:`, a definition's `:`) turned into spaces,
/// one per character, so every column stays where it was (with one more space after a `>` that had a
/// marker right after it, since a quote marker eats one space).
fn continuation(first: &str) -> String {
    let mut out = String::with_capacity(first.len());
    let mut in_label = false;
    let mut chars = first.chars().peekable();
    while let Some(c) = chars.next() {
        if in_label {
            // A footnote label runs to `]:`; anything in it (even `>`) is part of the marker.
            if c == ']' && chars.peek() == Some(&':') {
                in_label = false;
            }
            out.push(' ');
            continue;
        }
        match c {
            // A quote marker eats one space after it: where the original had a marker character there
            // (`>- `), the spaces that stand for that character need one more before them.
            '>' if chars.peek().is_some_and(|n| !matches!(n, ' ' | '\t' | '>')) => out.push_str("> "),
            '>' | ' ' | '\t' => out.push(c),
            '[' => {
                in_label = true;
                out.push(' ');
            }
            _ => out.push(' '),
        }
    }
    out
}

/// Whether `gap` (the text between a block's end and the next block's start) holds a whole line that is
/// blank in its container: nothing but white space and block-quote markers. The gap's last piece is the
/// start of the next block's line; its first is the rest of the block's last line unless the block's range
/// took its line break (`at_line_start`).
fn has_blank_line(gap: &str, at_line_start: bool) -> bool {
    let mut from = 0;
    let mut lines = Vec::new();
    for at in breaks(gap) {
        lines.push(&gap[from..at]);
        from = at + if gap[at..].starts_with("\r\n") { 2 } else { 1 };
    }
    let skip = usize::from(!at_line_start);
    lines.iter().skip(skip).any(|l| l.chars().all(|c| matches!(c, ' ' | '\t' | '>')))
}

/// `s` with every `\r` that is not followed by `\n` made a `\n`.
pub fn lone_returns_as_feeds(s: &str) -> std::borrow::Cow<'_, str> {
    let b = s.as_bytes();
    if !(0..b.len()).any(|i| b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(if c == '\r' && chars.peek() != Some(&'\n') { '\n' } else { c });
    }
    std::borrow::Cow::Owned(out)
}

/// Where the line breaks of `s` are, as CommonMark counts them: `\n`, `\r` or `\r\n` (at its `\r`).
fn breaks(s: &str) -> impl Iterator<Item = usize> + '_ {
    let b = s.as_bytes();
    (0..b.len()).filter(move |&i| b[i] == b'\r' || (b[i] == b'\n' && (i == 0 || b[i - 1] != b'\r')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(b: &Block) -> Option<String> {
        Some(format!("<figure class=\"archdiag\">\n<svg>{}</svg>\n</figure>", b.text.trim()))
    }

    #[test]
    fn backtick_and_tilde_fences_at_top_level() {
        let md = "# T\n\n```archdiag\n{\"a\":1}\n```\n\ntext\n\n~~~~archdiag\n{\"b\":2}\n~~~~\n";
        let mut seen = Vec::new();
        let out = rewrite(md, |b| {
            seen.push(b.clone());
            fig(b)
        })
        .unwrap();
        assert_eq!(
            out,
            "# T\n\n<figure class=\"archdiag\">\n<svg>{\"a\":1}</svg>\n</figure>\n\ntext\n\n<figure class=\"archdiag\">\n<svg>{\"b\":2}</svg>\n</figure>\n"
        );
        assert_eq!(seen.iter().map(|b| b.line).collect::<Vec<_>>(), [3, 9]);
        assert_eq!(seen[0].text, "{\"a\":1}\n");
    }

    #[test]
    fn other_blocks_and_indented_code_stay() {
        let md = "```json\n{}\n```\n\n    ```archdiag\n    {}\n    ```\n\n```rust\nlet x = \"```archdiag\";\n```\n";
        assert_eq!(rewrite(md, fig), None);
        assert!(is_archdiag("archdiag,ignore") && is_archdiag("archdiag {.x}") && !is_archdiag("archdiagram"));
    }

    #[test]
    fn inside_a_block_quote_every_line_keeps_the_marker() {
        let md = "> intro\n>\n> ```archdiag\n> {}\n> ```\n> after\n";
        let out = rewrite(md, fig).unwrap();
        assert_eq!(out, "> intro\n>\n> <figure class=\"archdiag\">\n> <svg>{}</svg>\n> </figure>\n>\n> after\n");
    }

    #[test]
    fn inside_list_items_continuation_lines_are_indented() {
        let md = "- one\n- ```archdiag\n  {}\n  ```\n- three\n\n1. x\n\n   ~~~archdiag\n   {}\n   ~~~\n";
        let out = rewrite(md, fig).unwrap();
        assert_eq!(
            out,
            "- one\n- <figure class=\"archdiag\">\n  <svg>{}</svg>\n  </figure>\n- three\n\n1. x\n\n   <figure class=\"archdiag\">\n   <svg>{}</svg>\n   </figure>\n"
        );
    }

    #[test]
    fn a_block_right_after_the_fence_is_kept_apart() {
        let md = "```archdiag\n{}\n```\nnext paragraph\n";
        let out = rewrite(md, fig).unwrap();
        assert_eq!(out, "<figure class=\"archdiag\">\n<svg>{}</svg>\n</figure>\n\nnext paragraph\n");
        let parsed: Vec<Event> = Parser::new_ext(&out, options()).collect();
        assert!(parsed.contains(&Event::Text("next paragraph".into())), "{parsed:?}");
    }

    #[test]
    fn a_block_drawn_as_none_stays_as_it_was() {
        let md = "```archdiag\n1\n```\n\n> ```archdiag\n> 2\n> ```\n";
        let out = rewrite(md, |b| if b.text == "1\n" { None } else { fig(b) }).unwrap();
        assert_eq!(out, "```archdiag\n1\n```\n\n> <figure class=\"archdiag\">\n> <svg>2</svg>\n> </figure>\n");
    }

    #[test]
    fn an_unclosed_fence_runs_to_the_end() {
        let out = rewrite("para\n\n```archdiag\n{}", fig).unwrap();
        assert_eq!(out, "para\n\n<figure class=\"archdiag\">\n<svg>{}</svg>\n</figure>");
    }

    #[test]
    fn carriage_returns_end_lines_too() {
        let mut lines = Vec::new();
        let out = rewrite("a\r\n\r\n> ```archdiag\r\n> {}\r\n> ```\r\n> b\r\n```\r```archdiag", |b| {
            lines.push(b.line);
            fig(b)
        })
        .unwrap();
        assert_eq!(
            out,
            "a\r\n\r\n> <figure class=\"archdiag\">\n> <svg>{}</svg>\n> </figure>\n>\r\n> b\r\n```\n```archdiag"
        );
        // Read as CommonMark says, `\r` ends the line: `~~~archdiag` is the text of a plain code block.
        assert_eq!(lines, [3]);
        assert!(has_blank_line("\r\n>\r\n> ", true) && !has_blank_line("\r\n> ", false));
    }

    #[test]
    fn footnote_labels_become_spaces() {
        assert_eq!(continuation("[^a>b]: "), "        ");
        assert_eq!(continuation("> 1. "), ">    ");
        assert_eq!(continuation("\t- "), "\t  ");
        assert_eq!(continuation(">- "), ">   ");
        assert_eq!(continuation(">>1) "), ">>    ");
    }
}
