//! The plain-language description of a diagram (the SVG's `<desc>`, `--format text`, wasm `describe`):
//! what is drawn, who manages which containers, what runs where, and the responsibilities. Built from the
//! model alone, so it is the same for every layout; every control or bidi character in it is written as a
//! visible escape.

use crate::model::{EdgeStyle, Manager, Model, Relation, words};
use crate::safe;
use std::collections::{BTreeMap, BTreeSet};

/// Most sentences said about one kind of relation (the rest are counted).
const SENTENCES: usize = 12;

/// The description of a model.
pub fn describe(m: &Model) -> String {
    let groups = m.elements.iter().filter(|e| e.is_group).count();
    let mut out = format!(
        "{}: {} boxes in {} groups, and {} relations.",
        m.title,
        m.elements.len() - groups,
        groups,
        m.relations.len()
    );
    for who in [Manager::You, Manager::Shared, Manager::Aws, Manager::ThirdParty] {
        let (names, _) = words::counted(m.elements.iter().filter(|e| e.managed_by == who).map(|e| e.label.as_str()));
        if !names.is_empty() {
            let phrase = who.sentence();
            out.push_str(&format!(" {}: {names}.", &phrase[..phrase.len() - 1]));
        }
    }
    // What runs where: each kind of relation in order of first use, its ends counted. One subject: it
    // and all it reaches; else one sentence per name of object (numbers aside), with all that reach
    // those.
    let mut kinds: Vec<(EdgeStyle, Option<&str>)> = Vec::new();
    for r in m.relations.iter().filter(|r| r.style != EdgeStyle::Plain) {
        if !kinds.contains(&(r.style, r.label.as_deref())) {
            kinds.push((r.style, r.label.as_deref()));
        }
    }
    for (style, label) in kinds {
        let all: Vec<&Relation> =
            m.relations.iter().filter(|r| r.style == style && r.label.as_deref() == label).collect();
        let name = |i: usize| m.elements[i].label.as_str();
        if all.iter().all(|r| r.from == all[0].from) {
            let (to, _) = words::counted(all.iter().map(|r| name(r.to)));
            out.push(' ');
            out.push_str(&words::relation(name(all[0].from), &to, style, label, false));
            continue;
        }
        // Targets of one name, but for a number, are said together ("2 Private subnets send traffic
        // to 2 NAT gateways", "web-alb sends traffic to 4 web tasks"), each source once.
        // One pass, in order of first appearance: per stem, its targets and their sources.
        let mut index: BTreeMap<&str, usize> = BTreeMap::new();
        let mut targets: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
        let mut seen: BTreeSet<(usize, bool, usize)> = BTreeSet::new();
        for r in &all {
            let g = *index.entry(words::stem(name(r.to))).or_insert_with(|| {
                targets.push(Default::default());
                targets.len() - 1
            });
            if seen.insert((g, false, r.to)) {
                targets[g].0.push(r.to);
            }
            if seen.insert((g, true, r.from)) {
                targets[g].1.push(r.from);
            }
        }
        for (ts, sources) in targets.iter().take(SENTENCES) {
            let (from, many) = words::counted(sources.iter().map(|&i| name(i)));
            let (to, _) = words::counted(ts.iter().map(|&i| name(i)));
            out.push(' ');
            out.push_str(&words::relation(&from, &to, style, label, many));
        }
        if targets.len() > SENTENCES {
            out.push_str(&format!(" And so on, for {} more.", targets.len() - SENTENCES));
        }
    }
    for (_, note) in &m.notes {
        out.push(' ');
        out.push_str(note);
    }
    safe::terminal(&out).into_owned()
}
