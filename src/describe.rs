//! The plain-language description of a diagram (the SVG's `<desc>`, `--format text`, wasm `describe`):
//! what is drawn, who manages which containers, what runs where, and the responsibilities. Built from the
//! model alone, so it is the same for every layout; every control or bidi character in it is written as a
//! visible escape.

use crate::model::{EdgeStyle, Manager, Model};
use crate::safe;

/// The description of a model.
pub fn describe(m: &Model) -> String {
    let groups = m.elements.iter().filter(|e| e.is_group).count();
    let mut out = format!(
        "{}: {} containers, {} boxes and {} relations.",
        m.title,
        groups,
        m.elements.len() - groups,
        m.relations.len()
    );
    for who in [Manager::You, Manager::Shared, Manager::Aws, Manager::ThirdParty] {
        let mut names: Vec<&str> = Vec::new();
        for e in m.elements.iter().filter(|e| e.managed_by == who && e.is_group) {
            if !names.contains(&e.label.as_str()) {
                names.push(&e.label);
            }
        }
        if names.is_empty() {
            continue;
        }
        let more = names.len().saturating_sub(12);
        names.truncate(12);
        let tail = if more > 0 { format!(" and {more} more") } else { String::new() };
        let phrase = who.phrase();
        out.push_str(&format!(" {}{}: {}{}.", phrase[..1].to_uppercase(), &phrase[1..], names.join(", "), tail));
    }
    // What runs where: each kind of relation once, with how often it occurs.
    let mut seen = std::collections::BTreeSet::new();
    for r in &m.relations {
        if r.style != EdgeStyle::Plain && seen.insert((r.style, r.label.clone())) {
            let (a, b) = (&m.elements[r.from].label, &m.elements[r.to].label);
            let n = m.relations.iter().filter(|x| x.style == r.style && x.label == r.label).count();
            let verb = match (r.style, r.label.as_deref()) {
                (_, Some(l)) => format!("{l}:"),
                (EdgeStyle::Manages, _) => "manages".into(),
                (EdgeStyle::Registers, _) => "registers with".into(),
                (EdgeStyle::Pulls, _) => "pulls images from".into(),
                (EdgeStyle::Lifecycle, _) => "creates and deletes".into(),
                _ => r.style.as_str().into(),
            };
            let times = if n > 1 { format!(" ({n} times)") } else { String::new() };
            out.push_str(&format!(" {a} {verb} {b}{times}."));
        }
    }
    for (_, note) in &m.notes {
        out.push(' ');
        out.push_str(note);
    }
    safe::terminal(&out).into_owned()
}
