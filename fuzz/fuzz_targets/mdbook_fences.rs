//! mdbook_fences: any UTF-8 text through the chapter rewriting of `archdiag mdbook` (the CLI's
//! `fences::rewrite`, compiled in from its source) never panics, finds exactly the fenced archdiag blocks
//! the parser finds, and gives Markdown whose parse is the original's with each of those blocks replaced by
//! one whole HTML block holding exactly the lines of HTML drawn for it (white space before a line aside): no other block or text changed, swallowed,
//! split or moved out of its container (paragraph tags aside: a blank line put between a list item's
//! figure and the next block may make a tight list loose).
#![no_main]

#[path = "../../src/bin/archdiag/fences.rs"]
#[allow(dead_code)]
mod fences;

use libfuzzer_sys::fuzz_target;
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

/// What stands in for a diagram: several lines, with a marker no input is likely to hold.
fn figure(n: usize) -> String {
    format!("<figure class=\"archdiag\" data-fuzz=\"q7Zx{n}\">\n<svg>\n<text>{n}</text>\n</svg>\n</figure>")
}

/// The events of a parse, with the spans to leave out removed and paragraph tags dropped.
fn events(md: &str, mut skip: impl FnMut(&Event, &[Event]) -> bool) -> (Vec<String>, Vec<Vec<Event<'_>>>) {
    let mut kept = Vec::new();
    let mut skipped = Vec::new();
    let mut parser = Parser::new_ext(md, fences::options());
    while let Some(e) = parser.next() {
        let is_span_start = matches!(e, Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock));
        if is_span_start {
            // Gather the span to its end, then ask whether it is one to leave out.
            let mut span = vec![e.clone()];
            for inner in parser.by_ref() {
                let end = matches!(inner, Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock));
                span.push(inner);
                if end {
                    break;
                }
            }
            if skip(&span[0], &span[1..]) {
                skipped.push(span);
                continue;
            }
            kept.extend(span.iter().map(|e| format!("{e:?}")));
            continue;
        }
        if matches!(e, Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)) {
            continue;
        }
        kept.push(format!("{e:?}"));
    }
    (kept, skipped)
}

fuzz_target!(|data: &[u8]| {
    let Ok(md) = std::str::from_utf8(data) else { return };
    // Lines end at \n, \r or \r\n.
    let lines = md.replace("\r\n", "\n").split(['\n', '\r']).count();
    let mut drawn = Vec::new();
    let out = fences::rewrite(md, |b| {
        assert!(b.line >= 1 && b.line <= lines, "line {} outside the text", b.line);
        drawn.push(b.text.clone());
        Some(figure(drawn.len()))
    });

    let is_archdiag = |e: &Event, _: &[Event]| {
        matches!(e, Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if fences::is_archdiag(info))
    };
    // The rewrite reads a lone \r as the line ending CommonMark says it is; so does this check.
    let md = &*fences::lone_returns_as_feeds(md);
    let (before, blocks) = events(md, is_archdiag);
    assert_eq!(blocks.len(), drawn.len(), "the rewrite drew a different number of blocks than the parser has");
    for (span, text) in blocks.iter().zip(&drawn) {
        let parsed: String = span.iter().filter_map(|e| if let Event::Text(t) = e { Some(t.as_ref()) } else { None }).collect();
        assert_eq!(&parsed, text, "a block's text differs from the parser's");
    }
    let Some(out) = out else {
        assert!(drawn.is_empty());
        return;
    };

    let ours = |e: &Event, inner: &[Event]| {
        matches!(e, Event::Start(Tag::HtmlBlock))
            && inner.iter().any(|e| matches!(e, Event::Html(h) if h.contains("data-fuzz=\"q7Zx")))
    };
    let (after, figures) = events(&out, ours);
    assert_eq!(figures.len(), drawn.len(), "not every block became one HTML block of its own:\n{out}");
    for (i, span) in figures.iter().enumerate() {
        let html: String = span.iter().filter_map(|e| if let Event::Html(h) = e { Some(h.as_ref()) } else { None }).collect();
        // A container may leave a few more spaces before a line than the HTML had (a footnote's content
        // is indented by four columns, not by its label's width): white space between tags, nothing else.
        let lines: Vec<&str> = html.lines().map(|l| l.trim_start().trim_end_matches('\r')).collect();
        assert_eq!(lines, figure(i + 1).lines().collect::<Vec<_>>(), "figure {} is not whole:\n{out}", i + 1);
    }
    assert_eq!(before, after, "the rest of the text parses differently after the rewrite:\n{out}");
    assert!(!events(&out, is_archdiag).1.iter().any(|_| true), "an archdiag block is left");
});
