// The types of `archdiag` (the core): the same in browsers, Node and bundlers, with no DOM types, so
// they compile in a Node-only project. tests/js/package.test.mjs checks them against wasm-bindgen's.
// scripts/package.mjs writes the CommonJS types (archdiag.d.cts) from this file's part above "ESM only".

/** The diagram's SVG for a JSON spec (preset or custom form). Throws an `Error` whose message is the
 * CLI's: what is wrong and what is allowed. `options` is JSON text `{"id_prefix": "fig-1", "prefers":
 * "light" | "dark"}`: the diagram's own ids on a page, and what an `auto` (or absent) theme means here. */
export function render(spec_json: string, options?: string | null): string;
/** The laid-out geometry as JSON text: every box and every edge with its points. Throws as `render`. */
export function layout(spec_json: string): string;
/** A plain-language description of the diagram. Throws as `render`. */
export function describe(spec_json: string): string;
/** An editor's verdict as JSON text, `{"ok": boolean, "message"?, "line"?, "column"?}`; never throws. */
export function check(spec_json: string): string;
/** The HTML that embeds a valid spec's diagram, loading the element from `script`. Throws for a bad spec. */
export function snippet(spec_json: string, script: string): string;
/** The spec's fields as JSON text: name, flag, attribute, label, type, allowed values, default, help. */
export function fields(): string;
/** The core's version. */
export function version(): string;
/** Draws the diagram on a canvas (a `<canvas>` in a browser), `scale` pixels per SVG unit. */
export function paint(spec_json: string, canvas: CanvasLike, scale: number): void;

/** What `paint` draws on: a browser's `<canvas>`, or anything shaped like one. */
export interface CanvasLike {
  width: number;
  height: number;
  getContext(contextId: "2d"): unknown;
}

// ESM only: a module loads the core with init(); require() has loaded it already.

/** Where the WebAssembly comes from: by default, `archdiag_bg.wasm` beside the module (browsers), or
 * the file in the package (Node); or its bytes, a compiled module, or a URL of your own. */
export type InitInput = string | URL | ArrayBuffer | ArrayBufferView | object;

/** Loads the core; resolves once `render` and the rest can be called. In Node it is already loaded and
 * this resolves at once; calling it again does nothing. */
export default function init(module_or_path?: InitInput | { module_or_path: InitInput }): Promise<unknown>;
/** Loads the core synchronously from its bytes or a compiled module. */
export function initSync(module: ArrayBuffer | ArrayBufferView | object | { module: ArrayBuffer | ArrayBufferView | object }): unknown;
