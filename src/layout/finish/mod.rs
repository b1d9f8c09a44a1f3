//! The finishing passes after routing, in order: [`nudge`] spreads edges that share a stretch of one line
//! into parallel tracks; what still runs along another edge is searched again with that forbidden
//! (through [`Router::reroute`], up to [`RESEARCH_ROUNDS`] rounds); [`straighten`] takes out the jogs
//! that can go.
//!
//! Input: the router (its boxes and its remaining search budget) and one orthogonal route per edge.
//! Preconditions: the router's postconditions. Output: the same routes, moved in place. Postconditions:
//! the router's, and no two edges overlapping collinearly where nudging or searching again could part
//! them (the layout checks the rest, see `layout::sound`, and draws with the simple layout where any is
//! left); bends and crossings never increase in jog removal. Cost: O(S log S) for S segments per nudging
//! pass, one search per offending edge and round, and jog removal's O(R · J · (log S + K)). Knobs: TRACK,
//! APART, NUDGE_CLEAR, CORNER, RESEARCH_ROUNDS, TINY_JOG, TOUCH, JOG_ROUNDS in [`super::knobs`].

mod nudge;
mod straighten;

use super::geom::Point;
use super::knobs::RESEARCH_ROUNDS;
use super::route::Router;
use super::segments::overlapping;

/// Nudges, searches again what still overlaps, straightens. None when the searches ran out of budget.
pub(crate) fn finish(router: &mut Router, edges: &[(usize, usize)], routes: &mut [Vec<Point>]) -> Option<()> {
    let mut lines = nudge::nudge(router.boxes(), edges, routes);
    let rounds = if lines.is_some() { 0 } else { RESEARCH_ROUNDS };
    for _ in 0..rounds {
        let offenders = overlapping(edges, routes);
        if offenders.is_empty() {
            break;
        }
        for k in offenders {
            if router.reroute(edges, routes, k)? {
                lines = None;
            }
        }
    }
    straighten::straighten(router.boxes(), edges, routes, lines);
    Some(())
}
