//! Unit tests of the arrangement's phases on hand-built containers.

use super::coords::isotonic;
use super::crossings::{Crossings, inversions};
use super::graph::Adj;
use super::*;
use crate::layout::knobs::{GAP, LAYER_GAP};
use crate::spec::Direction;
use std::collections::BTreeMap;

/// The arrangement of one container, its input given field by field.
#[allow(clippy::too_many_arguments)]
fn arrange(
    items: &[usize],
    edges: &[(usize, usize, usize)],
    ports: &[Port],
    entry: &BTreeMap<(usize, usize), f64>,
    side_in: &BTreeMap<(usize, usize), (bool, f64)>,
    size: &[(f64, f64)],
    dir: Direction,
    hint: &[Option<f64>],
    was: &[Option<f64>],
) -> Arranged {
    super::arrange(&Input {
        items,
        edges,
        ports,
        entry,
        side_in,
        size,
        dir,
        hint,
        was,
        label_room: &[0.0; 100],
        wrap: None,
        ordered: false,
    })
}

fn port(child: usize, relation: usize, hint: Option<f64>) -> Port {
    let (leading, other, at_source, step, outside, winding) = (true, 99, false, 0, true, true);
    Port { child, leading, hint, near: true, other, relation, at_source, step, outside, winding }
}

#[test]
fn a_winding_edge_enters_from_the_side_in_the_channel_above_its_child() {
    // a over b inside the container; an edge from far left outside comes in to b.
    let size = [(100.0, 36.0), (100.0, 36.0)];
    let (hint, was) = ([None, None], [Some(50.0), Some(50.0)]);
    let ports = [port(1, 7, Some(-300.0))];
    let (entry, side_in) = (BTreeMap::new(), BTreeMap::new());
    let a = arrange(&[0, 1], &[(0, 1, 0)], &ports, &entry, &side_in, &size, Direction::Tb, &hint, &was);
    let (right, at) = a.sides[0].expect("a side entry");
    assert!(!right, "the edge comes from the left");
    // In the channel between a's bottom and b's top, and no lane drawn inside for it.
    assert!(at > a.pos[0].1 + 36.0 && at < a.pos[1].1, "turns in at {at}, between {:?}", a.pos);
    assert!(a.port_lanes[&7].is_empty());
    // Without the first pass's winding way in, the same edge comes through the top, down a lane.
    let ports = [Port { winding: false, ..port(1, 7, Some(-300.0)) }];
    let a = arrange(&[0, 1], &[(0, 1, 0)], &ports, &entry, &side_in, &size, Direction::Tb, &hint, &was);
    assert_eq!(a.sides[0], None);
    assert_eq!(a.port_lanes[&7].len(), 1);
}

#[test]
fn a_lane_to_a_side_entry_ends_beside_its_child_where_the_edge_turns_in() {
    // s feeds x and c (a container entered on its left, 60 px below its top) in the next layer.
    let size = [(100.0, 36.0), (100.0, 36.0), (300.0, 200.0)];
    let (hint, was) = ([None; 3], [None; 3]);
    let entry = BTreeMap::new();
    let side_in = BTreeMap::from([((8, 2), (false, 60.0))]);
    let edges = [(0, 1, 7), (0, 2, 8)];
    let a = arrange(&[0, 1, 2], &edges, &[], &entry, &side_in, &size, Direction::Tb, &hint, &was);
    let lane = &a.pair_lanes[&8];
    assert_eq!(lane.len(), 1);
    let st = lane[0];
    assert!(st.side);
    let (cx, cy) = a.pos[2];
    assert_eq!(st.rect.bottom(), cy + 60.0);
    assert_eq!(st.hop.1, cy + 60.0);
    // Left of c, with nothing between.
    assert!(st.rect.x < cx);
    let (xx, xw) = (a.pos[1].0, size[1].0);
    assert!(xx + xw < st.rect.x || xx > cx, "x at {xx} lies between the lane at {} and c at {cx}", st.rect.x);
}

#[test]
fn an_item_lines_up_with_a_link_between_fixed_entries_first() {
    // a and s above b. The edge a → b enters both containers at fixed places (40 px right of a's
    // centre, 40 px left of b's); s's edge ends on b's side, where its port can slide. Only b's place
    // can make the first straight.
    let size = [(200.0, 100.0), (100.0, 36.0), (200.0, 100.0)];
    let (hint, was) = ([None; 3], [None; 3]);
    let entry = BTreeMap::from([((7, 0), 40.0), ((7, 2), -40.0)]);
    for edges in [[(0, 2, 7), (1, 2, 8)], [(1, 2, 8), (0, 2, 7)]] {
        let a = arrange(&[0, 1, 2], &edges, &[], &entry, &BTreeMap::new(), &size, Direction::Tb, &hint, &was);
        let centre = |k: usize| a.pos[k].0 + size[k].0 / 2.0;
        assert_eq!(centre(0) + 40.0, centre(2) - 40.0, "{:?}", a.pos);
    }
}

#[test]
fn isotonic_keeps_order_and_separation() {
    let p = isotonic(&[10.0, 0.0, 5.0], &[1.0, 1.0, 1.0], &[4.0, 4.0]);
    assert!(p[1] - p[0] >= 4.0 - 1e-9 && p[2] - p[1] >= 4.0 - 1e-9);
    // Unconstrained items stay where they want to be.
    assert_eq!(isotonic(&[0.0, 50.0], &[1.0, 1.0], &[10.0]), vec![0.0, 50.0]);
}

#[test]
fn lanes_take_the_fewest_lines() {
    let lines = |ranges: &[(f64, f64)], current: &[f64], start: f64, prefer: &[f64]| {
        let mut out = current.to_vec();
        straighten::lines(ranges, &mut out, start, prefer, &mut Vec::new());
        out
    };
    let inf = (f64::NEG_INFINITY, f64::INFINITY);
    // Free everywhere: one line, in line with the end the chain leaves from.
    assert_eq!(lines(&[inf, inf, inf], &[3.0, 9.0, 4.0], 5.0, &[]), vec![5.0; 3]);
    // Overlapping ranges that exclude the start, the other end and the median: one line all the same,
    // as near the start as the ranges allow (a few candidate lines alone would leave three jogs).
    assert_eq!(lines(&[(0.0, 10.0), (6.0, 20.0), (2.0, 8.0)], &[1.0, 19.0, 3.0], 30.0, &[-5.0]), vec![8.0; 3]);
    // A preferred line inside the common range wins over a nearer point.
    assert_eq!(lines(&[(0.0, 10.0), (6.0, 20.0)], &[7.0, 7.0], 30.0, &[9.0]), vec![9.0; 2]);
    // Disjoint ranges: runs from the start, each as near the one before as it can.
    assert_eq!(lines(&[(0.0, 10.0), (5.0, 20.0), (30.0, 40.0)], &[0.0, 9.0, 35.0], 0.0, &[]), vec![5.0, 5.0, 30.0]);
    // The last run of a split chain lines up with the far end when its range holds it.
    assert_eq!(lines(&[(0.0, 10.0), (5.0, 20.0), (30.0, 40.0)], &[0.0, 9.0, 35.0], 0.0, &[38.0]), vec![5.0, 5.0, 38.0]);
    // A squeezed lane keeps its place, and the next run starts from it.
    assert_eq!(lines(&[(0.0, 10.0), (12.0, 11.0), (0.0, 50.0)], &[4.0, 11.5, 7.0], 4.0, &[]), vec![4.0, 11.5, 11.5]);
}

#[test]
fn inversions_by_merge_agree_with_every_pair_ties_included() {
    // Lists long enough for the sorted merge, with many equal places (ties cross neither way).
    let xs: Vec<f64> = (0..9).map(|i| f64::from(i * 7 % 5)).collect();
    let ys: Vec<f64> = (0..8).map(|i| f64::from(i * 3 % 4) + if i % 3 == 0 { 0.5 } else { 0.0 }).collect();
    let pairs = |a: &[f64], b: &[f64]| a.iter().map(|x| b.iter().filter(|y| x > *y).count()).sum::<usize>();
    let expected = (pairs(&xs, &ys), pairs(&ys, &xs));
    assert!(xs.len() * ys.len() > 32);
    assert_eq!(inversions(&mut xs.clone(), &mut ys.clone()), expected);
    assert_eq!(
        inversions(&mut xs[..4].to_vec(), &mut ys[..4].to_vec()),
        (pairs(&xs[..4], &ys[..4]), pairs(&ys[..4], &xs[..4]))
    );
}

#[test]
fn crossings_counts_inversions() {
    let rows = vec![vec![0, 1], vec![2, 3]];
    let down = Adj::new(4, [(0, (3, 0.0, 0.0)), (1, (2, 0.0, 0.0))].into_iter());
    let pos = vec![0, 1, 0, 1];
    assert_eq!(Crossings::default().count(&rows, &down, &pos, &|_, _| 0.0), 1);
    // Two links into one container at different places along its side cross when they swap.
    let rows = vec![vec![0, 1], vec![2]];
    let down = Adj::new(3, [(0, (2, 0.3, 0.0)), (1, (2, -0.3, 0.0))].into_iter());
    assert_eq!(Crossings::default().count(&rows, &down, &[0, 1, 0], &|_, o| o), 1);
}

#[test]
fn groups_without_a_relation_between_them_are_arranged_apart_and_packed() {
    // A tall box feeding a small one, and a chain of three small ones: in one layered graph the chain's
    // second box would start below the tall box's whole layer (300 px); apart, it starts a layer down.
    let size = [(100.0, 300.0), (100.0, 36.0), (100.0, 36.0), (100.0, 36.0), (100.0, 36.0)];
    let (hint, was) = ([None; 5], [None; 5]);
    let (entry, side_in) = (BTreeMap::new(), BTreeMap::new());
    let edges = [(0, 1, 0), (2, 3, 1), (3, 4, 2)];
    let a = arrange(&[0, 1, 2, 3, 4], &edges, &[], &entry, &side_in, &size, Direction::Tb, &hint, &was);
    assert!(a.pos[3].1 < 300.0, "the chain's second box at {:?}", a.pos[3]);
    // No two boxes of different groups closer than the arrangement's gaps, and all within the size.
    let rect = |k: usize| (a.pos[k].0, a.pos[k].1, a.pos[k].0 + size[k].0, a.pos[k].1 + size[k].1);
    for (p, q) in [(0, 2), (0, 3), (0, 4), (1, 2), (1, 3), (1, 4)] {
        let (r, s) = (rect(p), rect(q));
        let apart = r.2 + GAP <= s.0 || s.2 + GAP <= r.0 || r.3 + LAYER_GAP <= s.1 || s.3 + LAYER_GAP <= r.1;
        assert!(apart, "boxes {p} and {q} too close: {r:?} {s:?}");
    }
    assert!((0..5).all(|k| rect(k).2 <= a.w && rect(k).3 <= a.h));
    // Each relation's lanes (the chain's long edge has none here) moved with its group.
    assert!(a.pair_lanes.values().flatten().all(|s| s.rect.x <= a.w && s.rect.y <= a.h));
}
