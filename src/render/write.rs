//! Writes an `svg` crate node tree as text: the same bytes as the crate's own `Display`, without its
//! per-attribute allocations (it collects and sorts each element's attributes into a new vector and
//! escapes every value into five new strings through nested `fmt` calls, which was over three quarters
//! of `render` on the large corpus files).
//!
//! The rules followed are the crate's (svg 0.18): attributes sorted by name; `&`, `<` and `>` escaped in
//! text and in attribute values, which also get `"` and `'` escaped; an element without children closes
//! itself; a bare child (a text node) is written inline unless its parent is "bareable" (`svg`, `style`,
//! `script` and the crate's `text`), whose children each start on a new line; after the last child a
//! newline unless that child was written inline. Nodes that are not elements (text nodes) are written by
//! their own `Display`. Tests compare the result with the crate's `to_string()` (below, and on every preset
//! and corpus file in `tests/golden.rs`), so an update of the crate that changes its format is caught.

use std::fmt::Write;
use svg::Node;

/// The text of `node` and everything under it.
#[cfg(test)]
pub fn document(node: &dyn Node) -> String {
    let mut w = Writer { out: String::with_capacity(1 << 16), attrs: Vec::new() };
    w.node(node);
    w.out
}

/// A document written as its root's children come, one at a time: the same bytes as [`document`] of the
/// whole tree, for a root (such as `<svg>`) that is bareable and gets at least one child.
pub struct Stream {
    out: String,
    name: String,
}

impl Stream {
    /// Starts the document with the root's opening tag (the root's own children are not written).
    pub fn open(root: &dyn Node, capacity: usize) -> Stream {
        let mut w = Writer { out: String::with_capacity(capacity), attrs: Vec::new() };
        w.open(root);
        w.out.push('>');
        Stream { out: w.out, name: root.get_name().to_string() }
    }

    /// Writes the root's next child.
    pub fn child(&mut self, node: &dyn Node) {
        self.out.push('\n');
        let mut w = Writer { out: std::mem::take(&mut self.out), attrs: Vec::new() };
        w.node(node);
        self.out = w.out;
    }

    /// Closes the root and gives the text.
    pub fn close(mut self) -> String {
        self.out.push_str("\n</");
        self.out.push_str(&self.name);
        self.out.push('>');
        self.out
    }
}

struct Writer<'a> {
    out: String,
    /// Scratch list of one element's attributes, reused from element to element.
    attrs: Vec<(&'a str, &'a str)>,
}

impl<'a> Writer<'a> {
    fn node(&mut self, node: &'a dyn Node) {
        let Some(children) = node.get_children().filter(|_| node.get_attributes().is_some()) else {
            // A text node: its Display escapes its content. Writing to a String cannot fail.
            let _ = write!(self.out, "{node}");
            return;
        };
        self.open(node);
        if children.is_empty() {
            self.out.push_str("/>");
            return;
        }
        self.out.push('>');
        let inline_allowed = !node.is_bareable();
        let mut bare = false;
        for child in children {
            bare = inline_allowed && child.is_bare();
            if !bare {
                self.out.push('\n');
            }
            self.node(&**child);
        }
        if !bare {
            self.out.push('\n');
        }
        self.out.push_str("</");
        self.out.push_str(node.get_name());
        self.out.push('>');
    }

    /// Writes `<name` and the attributes of an element.
    fn open(&mut self, node: &'a dyn Node) {
        self.out.push('<');
        self.out.push_str(node.get_name());
        // Attributes are written before any child, so the scratch list holds one element's at a time.
        self.attrs.clear();
        if let Some(attributes) = node.get_attributes() {
            self.attrs.extend(attributes.iter().map(|(k, v)| (k.as_str(), &**v)));
        }
        // Insertion sort: an element has a dozen attributes at most, and this keeps the wasm small.
        for i in 1..self.attrs.len() {
            let mut j = i;
            while j > 0 && self.attrs[j - 1].0 > self.attrs[j].0 {
                self.attrs.swap(j - 1, j);
                j -= 1;
            }
        }
        for &(name, value) in &self.attrs {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            escape(&mut self.out, value);
            self.out.push('"');
        }
    }
}

/// Appends `value` with `&`, `<`, `>`, `"` and `'` escaped, as the crate escapes attribute values.
fn escape(out: &mut String, value: &str) {
    let mut from = 0;
    for (i, b) in value.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&apos;",
            _ => continue,
        };
        // Every escaped character is ASCII, so `i` and `i + 1` are character boundaries.
        out.push_str(&value[from..i]);
        out.push_str(entity);
        from = i + 1;
    }
    out.push_str(&value[from..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use svg::node::element::{Element, Group, Rectangle, Style, Title};

    #[test]
    fn matches_the_crates_own_display() {
        let mut label = Element::new("text");
        label.append(svg::node::Text::new("a < b & c"));
        label.assign("x", "1");
        let doc = svg::Document::new()
            .set("viewBox", "0 0 10 10")
            .set("data-z", "<&>\"'")
            .add(Style::new("g > rect { fill: red }"))
            .add(Title::new("").add(svg::node::Text::new("t")))
            .add(Group::new().set("id", "g").add(Rectangle::new().set("b", "2").set("a", "1")).add(label))
            .add(Group::new());
        assert_eq!(document(&doc), doc.to_string());
        assert!(document(&doc).contains(r#"data-z="&lt;&amp;&gt;&quot;&apos;""#));
    }
}
