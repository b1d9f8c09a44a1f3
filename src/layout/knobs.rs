//! Every tuning knob of the layout, in one place, each with the evidence for its value (or, where it was
//! never measured, what it is tied to). Nothing here is computed: passes read these and nothing else.
//!
//! "The comparison files" are the 24 files of BENCHMARKS.md, compared with ELK at the same node sizes;
//! "the corpus" is `tests/corpus` (Ptolemy II models and synthetic architecture graphs). Changing any value
//! changes the drawings: `tests/golden/digests.txt` pins the bytes of every corpus file and preset.

// ---- Spacing shared by every pass ----

/// Clearance the router keeps from every box it must avoid, and half the padding inside a container. Not
/// measured: the value the first drawings were made with; the padding, the lanes beside boxes and the
/// channels between layers are all sized from it.
pub(crate) const MARGIN: f64 = 10.0;
/// Padding between a container's border and its children: room for a routing lane on each side.
pub(crate) const PAD: f64 = 2.0 * MARGIN;
/// Height of a container's label row, above its padding: a 12 px label with 6 px above and below.
pub(crate) const LABEL_BAND: f64 = 24.0;
/// Minimum gap between neighbouring boxes in a layer (a lane between them takes its own room, see
/// `arrange::graph::Graph::sep`). 30 until the per-file comparison with ELK: 24 took the Ptolemy models'
/// per-file area from 0.99 to 0.95 of ELK's and the presets' from 0.80 to 0.75, for 11 more pairs of edges
/// under 2.5 px apart on arch-300 and arch-1000 (50 → 61) and fewer bends there; 26 and 27 cost bends.
pub(crate) const GAP: f64 = 24.0;
/// Minimum gap between layers: a channel holds more when its jogs need more tracks (see `arrange`), so
/// this is the gap where only straight links (or one jog) run. 50 until the per-file comparison with ELK:
/// 30 took the Ptolemy models' per-file area from 1.11 to 0.99 of ELK's (40: 1.05) with the same
/// crossings and bends; an arrow between layers is then 30 px, its head 8 of them.
pub(crate) const LAYER_GAP: f64 = 30.0;
/// The distance between two parallel edges: one track of a channel, the room a lane takes in a layer,
/// the step nudging spreads a bundle by and the least distance jog removal keeps from a parallel edge.
/// One value for all four, so that a channel sized for `k` tracks holds the `k` lines nudging draws.
pub(crate) const TRACK: f64 = 6.0;
/// Least gap along one line between two segments that share a track: two tracks, so that their ends'
/// turns (a track each way) cannot meet. Arrangement sizes channels with it and nudging spreads with it.
pub(crate) const APART: f64 = 2.0 * TRACK;
/// Room per port along a leaf's side, so that many edges at one box never share a port: a port is the
/// end of one of a bundle's parallel edges, so it takes a track.
pub(crate) const PORT_SPACING: f64 = TRACK;
/// Distance a port keeps from a box's corner when nudging slides it along the side.
pub(crate) const CORNER: f64 = 4.0;
/// Distance from a box's corner within which the router and jog removal never put a route's end: twice
/// [`CORNER`], so that a port nudged beside such an end still keeps its own distance.
pub(crate) const END_CORNER: f64 = 2.0 * CORNER;

// ---- Box sizes ----

/// Height of a leaf: a 13 px label with room above and below.
pub(crate) const LEAF_H: f64 = 36.0;
/// Narrowest leaf, so that short labels still make a box an arrow can reach from every side.
pub(crate) const LEAF_MIN_W: f64 = 72.0;
/// Room left and right of a leaf's label.
pub(crate) const LEAF_PAD_X: f64 = 14.0;
/// Room a glyph takes before a label: a 16 px glyph and a 4 px gap.
pub(crate) const ICON_ROOM: f64 = 20.0;
/// Height of an edge label's box: an 11 px label with 2–3 px above and below.
pub(crate) const EDGE_LABEL_H: f64 = 16.0;
/// The farthest an edge label's box may lie from its own edge and still read as that edge's: the 3 px a
/// label beside a segment keeps from it, and a pixel of rounding.
pub const LABEL_REACH: f64 = 4.0;

// ---- Arrangement of one container (layering, ordering, coordinates) ----

/// Most layer sweeps of crossing reduction (fewer when four in a row bring no improvement).
pub(crate) const SWEEPS: usize = 12;
/// Sweeps of ordering and of coordinates in a first pass without hints: that pass only sketches where
/// things go.
pub(crate) const SKETCH_SWEEPS: usize = 4;
/// Most rounds of transposing neighbours in a layer (coordinates are recomputed after each).
pub(crate) const TRANSPOSES: usize = 4;
/// Most passes of swaps over all layers in one round of transposing, before coordinates follow. Swaps are
/// cheap beside coordinates: 8 passes instead of 1 took bends over the comparison files from 1.18 to 1.16
/// of ELK's and crossings from 0.83 to 0.82, for 5% more instructions on arch-1000 (16 rounds of one pass
/// each did as well for 8% more).
pub(crate) const SWAP_PASSES: usize = 8;
/// Sweeps of coordinate assignment (alternately down and up).
pub(crate) const COORD_SWEEPS: usize = 8;
/// How much wider than its longest layer a container's content may grow so that its edges can run
/// straight: about one box. Over the presets it saves a quarter of the crossings that a strict bound
/// costs (33 against 43) at 6% more area; over the synthetic corpus it is small beside the widths (a
/// slack in proportion to the width, 10% or 30%, cost up to 70% more area there).
pub(crate) const SLACK: f64 = 150.0;
/// Most rounds of straightening lanes (each lets a chain use the room its neighbours' moves made).
pub(crate) const STRAIGHTEN_ROUNDS: usize = 8;
/// Most rounds of snapping items into line with their links.
pub(crate) const SNAP_ROUNDS: usize = 4;
/// How many jogs an edge's way into a container (from the last lane outside to the child) may take before
/// it enters from the container's side instead. Entering from the side costs a turn in and one down, and
/// crosses what runs down that channel: over the 24 comparison files, 2 saved 5% of the bends for 24% more
/// crossings (and cost the presets crossings), 3 saved 4% for 5% more, 4 saved nothing.
pub(crate) const WINDING: usize = 3;

// ---- Routing ----

/// Cost of a bend in the search, in pixels of length: a bend is worth a detour of 30 px.
pub(crate) const BEND: f64 = 30.0;
/// Cost per grid step of running along an earlier edge (nudging separates what is left).
pub(crate) const OVERLAP: f64 = 60.0;
/// Cost of crossing an earlier edge.
pub(crate) const CROSS: f64 = 40.0;
/// Fewest children that a container needs for the obstacle index to sort them (fewer are simply all
/// checked).
pub(crate) const MANY: usize = 12;
/// The most grid states one search may have (its scratch takes 28 bytes a state).
pub(crate) const MAX_STATES: usize = 2_000_000;
/// The most work all searches of one routing may do, in grid states allocated and expanded: the corpus
/// needs at most a few million (arch-3000); far more means a graph that the layered layout would take
/// seconds over, and is drawn by the simple layout instead.
pub(crate) const SEARCH_BUDGET: u64 = 4_000_000;
/// Rounds of searching again the edges that still run along another after nudging.
pub(crate) const RESEARCH_ROUNDS: usize = 4;

// ---- Finishing: nudging and jog removal ----

/// Distance nudging keeps from boxes when it moves a segment.
pub(crate) const NUDGE_CLEAR: f64 = 3.0;
/// The longest step that jog removal takes out even beside another edge (less than a track from it).
pub(crate) const TINY_JOG: f64 = 2.0;
/// How near another edge's end or line may come to a new segment before they seem to touch.
pub(crate) const TOUCH: f64 = 3.0;
/// Most rounds of jog removal over all jogs (each can use the room the moves of the round before made; a
/// third and fourth took 30 more bends off the comparison files for 15% more instructions on arch-1000).
pub(crate) const JOG_ROUNDS: usize = 2;

// ---- The simple layout ----

/// Distance between neighbouring ports in the simple layout, and between spans sharing a track there.
/// Not measured: a little more than [`TRACK`], as its edges run long and side by side.
pub(crate) const SIMPLE_PORT: f64 = 8.0;
/// Distance from the far side of a simple drawing to its first track.
pub(crate) const SIMPLE_CLEAR: f64 = 24.0;
/// Distance between the simple layout's tracks without labels.
pub(crate) const SIMPLE_TRACK: f64 = 8.0;

// ---- Budget ----

/// The most estimated work the layered layout is given; more goes to the simple layout. The corpus's
/// largest file is at 1.4 million; random graphs at this figure took 0.2 s natively, random nestings
/// (the slowest shape per unit found) 0.7 s.
pub const BUDGET: u64 = 12_000_000;

// ---- The frame around the drawing ----

/// Space around the drawing.
pub(crate) const OUTER: f64 = 24.0;
/// Height of the title row.
pub(crate) const TITLE_H: f64 = 44.0;
/// Height of the legend row.
pub(crate) const LEGEND_H: f64 = 40.0;
/// Distance between the legend's rows when it wraps to a `max_width`: its 12 px swatches and text with
/// 10 px between.
pub(crate) const LEGEND_ROW: f64 = 22.0;
/// Distance between the baselines of the responsibilities panel's lines (12 px text).
pub(crate) const PANEL_LINE: f64 = 18.0;

// ---- Bundles (`bundle`) ----
/// How many edge groups are tried one at a time, when joining them all at once broke an invariant or
/// added crossings: at most BUNDLE_TRIES, and at most BUNDLE_WORK over the number of relations (each
/// try draws and checks the whole scene again), but at least 2. On arch-3000 with every edge in one
/// group, 16 tries took the drawing from 0.22 to 0.67 s; 5 (16,000 / 3,034), to 0.25 s.
pub(crate) const BUNDLE_TRIES: usize = 16;
pub(crate) const BUNDLE_WORK: usize = 16_000;
/// The most spine positions tried for one bundle (spread from the track nearest its box to the
/// farthest), each O(members). Not measured.
pub(crate) const SPINES: usize = 8;
/// The least distance of a spine from its box: the arrowhead (about 8 px) and a little line before it.
pub(crate) const MIN_SPINE: f64 = 12.0;

// ---- Overlays (`overlays`) ----
/// How far an overlay's outline stands off its members: inside the 20 px padding of the containers the
/// members sit in and the 24 px gap between siblings, so it meets no other box there.
pub(crate) const OVERLAY_PAD: f64 = 8.0;

/// How much further out an overlay lies than another drawn one whose members it all holds.
pub(crate) const OVERLAY_STEP: f64 = 6.0;
/// Height of an overlay's label tag, centred on its border: 7 px each side stays clear of the members
/// (8 px in) and of a container's label row above them (20 px of padding away).
pub(crate) const OVERLAY_TAG_H: f64 = 14.0;
/// Places along each border tried for an overlay's tag (24 px apart, from 10 px in), to find one that
/// covers no edge. Not measured.
pub(crate) const OVERLAY_TAG_PLACES: usize = 6;
