//! Overlays, the last step of assembly: each overlay of the model drawn as one outline round its members
//! (a group across the containment tree, such as an ECS cluster spanning the AZ columns), or, where no
//! rectangle holds them all and no other box, as a mark round each member, its label on a tag just
//! outside the first mark that has room for one (so a reader sees what the rings are).
//!
//! Input: the assembled boxes (scene order, parents first) and the model's overlays. Output: one
//! [`SceneOverlay`] per overlay, in model order. Postconditions (checked by `verify`): an outline holds
//! every member and meets no box but the members, what lies inside them and their ancestors, and its
//! label tag meets no box but those ancestors, no container's label row and no earlier overlay's tag;
//! an overlay holding all of another drawn one's members lies `OVERLAY_STEP` further out; marks each
//! hold their member, rings of overlays sharing a member a step apart; a mark's tag, where there is one,
//! keeps the outline tag's rules. Cost: O(boxes + members × depth) per overlay (at most `MAX_OVERLAYS` of them).

use super::geom::crosses_open;
use super::knobs::{LABEL_BAND, OVERLAY_PAD, OVERLAY_STEP, OVERLAY_TAG_H, OVERLAY_TAG_PLACES as TAG_PLACES};
use super::text;
use crate::model::Model;
use crate::scene::{Rect, SceneBox, SceneEdge, SceneOverlay, round};
use crate::style;

/// How an overlay is drawn: its outline, its tag, and its marks (when it has no outline).
type Drawing = (Option<Rect>, Option<Rect>, Vec<Rect>);

/// The overlays of `model` over the assembled `boxes`; `slot` maps a model element to its box.
pub(super) fn place(model: &Model, boxes: &[SceneBox], edges: &[SceneEdge], slot: &[usize]) -> Vec<SceneOverlay> {
    // Overlays with fewer members first: one that holds all of an earlier one's members is drawn a step
    // further out, so two outlines never coincide, and no tag is put on an earlier tag.
    let sets: Vec<std::collections::BTreeSet<usize>> =
        model.overlays.iter().map(|o| o.members.iter().map(|&m| slot[m]).collect()).collect();
    let mut order: Vec<usize> = (0..sets.len()).collect();
    order.sort_by_key(|&k| (sets[k].len(), k));
    let mut pads = vec![OVERLAY_PAD; sets.len()];
    let mut tags: Vec<Rect> = Vec::new();
    let mut outlines: Vec<Rect> = Vec::new();
    let mut placed: Vec<Option<Drawing>> = vec![None; sets.len()];
    // Per member, the steps out of the rings round it so far.
    let mut ringed: std::collections::BTreeMap<usize, Vec<usize>> = std::collections::BTreeMap::new();
    for (i, &k) in order.iter().enumerate() {
        let inner = order[..i]
            .iter()
            .filter(|&&j| sets[j].is_subset(&sets[k]) && placed[j].as_ref().is_some_and(|p| p.0.is_some()));
        pads[k] = inner.map(|&j| pads[j] + OVERLAY_STEP).fold(OVERLAY_PAD, f64::max);
        let members: Vec<usize> = model.overlays[k].members.iter().map(|&m| slot[m]).collect();
        let label = &model.overlays[k].label;
        // An outline that would be another's rectangle steps out again (a few times at most).
        let mut got = None;
        for _ in 0..4 {
            got = outline(boxes, edges, &members, label, pads[k], &tags);
            match got {
                Some((r, _)) if outlines.contains(&r) => pads[k] += OVERLAY_STEP,
                _ => break,
            }
        }
        if got.is_some_and(|(r, _)| outlines.contains(&r)) {
            got = None;
        }
        placed[k] = Some(match got {
            Some((r, t)) => {
                tags.push(t);
                outlines.push(r);
                (Some(r), Some(t), Vec::new())
            }
            None => {
                // Rings round a member that earlier marked overlays ring too lie a step further out: the
                // first step none of them took round any of this overlay's members.
                let taken = |s: usize| members.iter().any(|m| ringed.get(m).is_some_and(|v| v.contains(&s)));
                let step = (0..).find(|&s| !taken(s)).unwrap_or_default();
                for &m in &members {
                    ringed.entry(m).or_default().push(step);
                }
                let pad = MARK_PAD + OVERLAY_STEP * step as f64;
                let marks: Vec<Rect> = members.iter().map(|&m| grow(&boxes[m].rect, pad)).collect();
                let tag = mark_tag(boxes, edges, &members, &marks, label, &tags);
                tags.extend(tag);
                (None, tag, marks)
            }
        });
    }
    model
        .overlays
        .iter()
        .zip(placed)
        .map(|(o, p)| {
            let (outline, tag, marks) = p.unwrap_or((None, None, Vec::new()));
            SceneOverlay {
                id: o.id.clone(),
                label: o.label.clone(),
                kind: o.kind.clone(),
                managed_by: o.managed_by,
                members: o.members.iter().map(|&m| slot[m]).collect(),
                outline,
                tag,
                marks,
                description: o.description.clone(),
            }
        })
        .collect()
}

/// How far a mark stands off its member.
const MARK_PAD: f64 = 3.0;
/// How many of an overlay's marks are tried for its tag (each try checks every box and edge), so that
/// an overlay of thousands of members with no room anywhere costs no more than a few outlines.
const MARK_TAG_TRIES: usize = 4;

/// Which boxes are members or inside one, and which are ancestors of a member (parents come first).
fn reach(boxes: &[SceneBox], members: &[usize]) -> (Vec<bool>, Vec<bool>) {
    let n = boxes.len();
    let mut inside = vec![false; n];
    members.iter().for_each(|&m| inside[m] = true);
    for i in 0..n {
        if let Some(p) = boxes[i].parent {
            inside[i] = inside[i] || inside[p];
        }
    }
    let mut above = vec![false; n];
    for &m in members {
        let mut cur = boxes[m].parent;
        while let Some(p) = cur {
            if above[p] {
                break;
            }
            above[p] = true;
            cur = boxes[p].parent;
        }
    }
    (inside, above)
}

/// The first of `places` for a tag that covers no edge, else the first at all, among those that lie
/// over no box but the ancestors (`above`), over none of their label rows, and on no earlier tag.
fn free_tag(places: Vec<Rect>, boxes: &[SceneBox], edges: &[SceneEdge], above: &[bool], tags: &[Rect]) -> Option<Rect> {
    let clear = |q: &Rect| {
        boxes
            .iter()
            .enumerate()
            .all(|(i, b)| if above[i] { !(b.is_group && band(&b.rect).overlaps(q)) } else { !b.rect.overlaps(q) })
    };
    let off_edges = |q: &Rect| edges.iter().all(|e| e.points.windows(2).all(|s| !crosses_open(q, s[0], s[1])));
    let places: Vec<Rect> = places.into_iter().filter(|t| clear(t) && !tags.iter().any(|o| o.overlaps(t))).collect();
    places.iter().find(|t| off_edges(t)).or(places.first()).copied()
}

/// The tag of an overlay drawn as `marks`: just above or just below a mark (not across its border,
/// which lies over the member's own label row), from its left end, on the first of the first
/// [`MARK_TAG_TRIES`] members that has room.
fn mark_tag(
    boxes: &[SceneBox],
    edges: &[SceneEdge],
    members: &[usize],
    marks: &[Rect],
    label: &str,
    tags: &[Rect],
) -> Option<Rect> {
    let (_, above) = reach(boxes, members);
    let (w, h) = ((text::width(label, style::EDGE.px) + 10.0).ceil(), OVERLAY_TAG_H);
    marks.iter().take(MARK_TAG_TRIES).find_map(|r| {
        let places = [r.y - h, r.bottom()]
            .into_iter()
            .flat_map(|y| {
                (0..TAG_PLACES).map(move |k| Rect { x: round(r.x + 4.0 + k as f64 * 24.0), y: round(y), w, h })
            })
            .collect();
        free_tag(places, boxes, edges, &above, tags)
    })
}

fn grow(r: &Rect, by: f64) -> Rect {
    Rect { x: round(r.x - by), y: round(r.y - by), w: round(r.w + 2.0 * by), h: round(r.h + 2.0 * by) }
}

/// The outline round `members` and its label tag, or None when the rectangle round them would meet a box
/// that is not a member, inside one or an ancestor of one, or the tag finds no free place on its border.
fn outline(
    boxes: &[SceneBox],
    edges: &[SceneEdge],
    members: &[usize],
    label: &str,
    pad: f64,
    tags: &[Rect],
) -> Option<(Rect, Rect)> {
    // Inside: a member or within one; above: an ancestor of a member.
    let (inside, above) = reach(boxes, members);
    let (mut x0, mut y0, mut x1, mut y1) = (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
    for &m in members {
        let r = boxes[m].rect;
        (x0, y0, x1, y1) = (x0.min(r.x), y0.min(r.y), x1.max(r.right()), y1.max(r.bottom()));
    }
    let r = grow(&Rect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }, pad);
    if !boxes.iter().enumerate().all(|(i, b)| inside[i] || above[i] || !b.rect.overlaps(&r)) {
        return None;
    }
    // The tag straddles the top border, else the bottom one, at the first of a few places from its left
    // end where it covers no edge; it may lie over an ancestor but not its label row, and over no other
    // box. With every place on an edge, the first place clear of boxes.
    let (w, h) = ((text::width(label, style::EDGE.px) + 10.0).ceil(), OVERLAY_TAG_H);
    let places: Vec<Rect> = [r.y, r.bottom()]
        .into_iter()
        .flat_map(|y| {
            (0..TAG_PLACES).map(move |k| Rect { x: round(r.x + 10.0 + k as f64 * 24.0), y: round(y - h / 2.0), w, h })
        })
        .filter(|t| t.right() <= r.right() - 6.0)
        .collect();
    let tag = free_tag(places, boxes, edges, &above, tags)?;
    Some((r, tag))
}

/// A container's label row.
fn band(r: &Rect) -> Rect {
    Rect { x: r.x, y: r.y, w: r.w, h: LABEL_BAND }
}
