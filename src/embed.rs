//! The HTML snippet that embeds a spec's diagram in another page (the page's "Copy embed snippet"): built
//! from the validated spec only, never from the text's own keys, so it holds nothing but the element, its
//! known attributes with values of their known alphabets (free text escaped for a quoted attribute), or a
//! custom spec as the element's text (escaped for HTML text). Invalid specs get no snippet.

use crate::Error;
use crate::spec::{self, Form, Named, fields};

/// `<script type="module" src="{script}">` and an `<arch-diagram>` that draws `spec_json`.
pub fn snippet(spec_json: &str, script: &str) -> Result<String, Error> {
    let s = spec::parse(spec_json)?;
    let mut out = String::from("<script type=\"module\" src=\"");
    attr(&mut out, script);
    out.push_str("\"></script>\n<arch-diagram");
    let mut set = |name: &str, value: &str| {
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        attr(&mut out, value);
        out.push('"');
    };
    match &s.form {
        Form::Preset(p) => {
            let hosting: Vec<&str> = p.hosting.iter().map(|h| h.name()).collect();
            set(fields::SERVICE.attribute(), p.service.name());
            set(fields::HOSTING.attribute(), &hosting.join(","));
            set(fields::REGISTRY.attribute(), p.registry.name());
            set(fields::AZS.attribute(), &p.azs.to_string());
            set(fields::WORKERS.attribute(), &p.workers.to_string());
            set(fields::DETAIL.attribute(), p.detail.name());
            set(fields::RESPONSIBILITIES.attribute(), if p.responsibilities { "true" } else { "false" });
            if let Some(t) = s.theme {
                set(fields::THEME.attribute(), t.name());
            }
            set(fields::DIRECTION.attribute(), s.direction.name());
            if let Some(t) = &s.title {
                set(fields::TITLE.attribute(), t);
            }
            if let Some(p) = &s.id_prefix {
                set(fields::ID_PREFIX.attribute(), p);
            }
            out.push_str("></arch-diagram>");
        }
        Form::Custom(_) | Form::Architecture(_) => {
            // The spec as written (it was valid), as the element's text: only `&`, `<` and `>` matter there.
            out.push('>');
            for c in spec::body(spec_json).trim().chars() {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    c => out.push(c),
                }
            }
            out.push_str("</arch-diagram>");
        }
    }
    Ok(out)
}

/// Appends `value` escaped for a double-quoted HTML attribute.
fn attr(out: &mut String, value: &str) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xss_through_copy_embed_snippet_is_closed() {
        // The issue's spec: an unknown key is an error, so there is no snippet at all.
        let evil = r#"{"service":"ecs","hosting":"ec2","x><img src=x onerror=alert(1)>":1}"#;
        assert!(snippet(evil, "archdiag-docs.js").is_err());
        // Free text is escaped; attribute names come from the spec's own table.
        let s = snippet(
            r#"{"service":"eks","hosting":["fargate","ec2"],"title":"a\"><img src=x onerror=alert(1)>"}"#,
            "x.js",
        )
        .unwrap();
        assert_eq!(s.matches('<').count(), 4, "{s}");
        assert!(s.contains(r#"title="a&quot;&gt;&lt;img src=x onerror=alert(1)&gt;""#), "{s}");
        assert!(s.contains(r#"hosting="ec2,fargate""#), "{s}");
        // A custom spec travels as text, which cannot close the element.
        let c = snippet(r#"{"nodes":[{"id":"</arch-diagram><script>alert(1)</script>"}]}"#, "x.js").unwrap();
        assert_eq!(c.matches('<').count(), 4, "{c}");
        assert!(c.contains("&lt;/arch-diagram&gt;&lt;script&gt;"), "{c}");
    }
}
