// `import … from "archdiag"` in Node (the package's `node` export condition): the core compiled for Node,
// loaded from the package's own file when imported, no fetch. `init()` is kept so code written for the
// browser (`await init()`) runs unchanged; it resolves at once.
import { createRequire } from "node:module";

const core = createRequire(import.meta.url)("./archdiag.js");

export const { render, layout, describe, check, snippet, fields, version, paint } = core;

/** Already loaded in Node: resolves at once to the core's exports. */
export default async function init() {
  return core;
}

/** Already loaded in Node: returns the core's exports. */
export function initSync() {
  return core;
}
