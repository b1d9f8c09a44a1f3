//! The spec's limits: the most bytes, values, elements, edges and nesting a spec may hold, and the
//! longest ids, labels and prefixes. Every parser and check reads them from here.

/// The most elements and edges a custom spec may hold (the corpus's largest has about 4,300 boxes).
pub const MAX_ELEMENTS: usize = 20_000;

pub const MAX_EDGES: usize = 40_000;

/// The most overlays a custom spec may hold: each is checked against every box (see `layout::overlays`),
/// so 64 of them over the largest spec stay within a few million rectangle tests.
pub const MAX_OVERLAYS: usize = 64;

pub(super) const MAX_LABEL: usize = 200;

pub(super) const MAX_ID: usize = 128;

/// The most bytes of spec text read at all: refused before parsing (the largest corpus file has 0.6 MB).
pub const MAX_BYTES: usize = 8 << 20;

/// The most JSON values (objects, lists, strings, numbers…) in a spec: about three times what the
/// largest valid spec needs, and a bound on the memory parsing can take (a value is 32 to 80 bytes).
pub const MAX_VALUES: usize = 1_000_000;

/// How deep groups may nest through `parent` links (the corpus nests 4 deep at most).
pub const MAX_DEPTH: usize = 64;

/// The longest `id_prefix`.
pub(super) const MAX_PREFIX: usize = 40;

/// Values of `managed_by` in the custom form.
pub const MANAGERS: &str = "\"you\", \"shared\", \"aws\", \"third-party\"";
