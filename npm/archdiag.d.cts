// The types of `require("archdiag")` in Node: the core is loaded when required, so there is no init.
// The same functions as archdiag.d.ts (tests/js/package.test.mjs checks both against wasm-bindgen's).

/** The diagram's SVG for a JSON spec; throws an `Error` whose message is the CLI's. `options` is JSON
 * text `{"id_prefix": "fig-1", "prefers": "light" | "dark"}`. */
export function render(spec_json: string, options?: string | null): string;
/** The laid-out geometry as JSON text. Throws as `render`. */
export function layout(spec_json: string): string;
/** A plain-language description of the diagram. Throws as `render`. */
export function describe(spec_json: string): string;
/** An editor's verdict as JSON text, `{"ok": boolean, "message"?, "line"?, "column"?}`; never throws. */
export function check(spec_json: string): string;
/** The HTML that embeds a valid spec's diagram, loading the element from `script`. */
export function snippet(spec_json: string, script: string): string;
/** The spec's fields as JSON text. */
export function fields(): string;
/** The core's version. */
export function version(): string;
/** Draws the diagram on a canvas-like object, `scale` pixels per SVG unit. */
export function paint(spec_json: string, canvas: CanvasLike, scale: number): void;

/** What `paint` draws on: anything shaped like a browser's `<canvas>`. */
export interface CanvasLike {
  width: number;
  height: number;
  getContext(contextId: "2d"): unknown;
}
