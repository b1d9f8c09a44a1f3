// Types of archdiag/remark: no DOM, no dependency on unified's own types (they fit its `use`).
import type { ArchdiagPluginOptions } from "./archdiag-plugins.js";
export type { ArchdiagPluginOptions } from "./archdiag-plugins.js";

/** The tree the plugin walks (an mdast root for remark, a hast root for rehype). */
export interface ArchdiagTree {
  type: string;
}

/** The parts of a vfile the plugin uses. */
export interface ArchdiagFile {
  path?: string;
  cwd?: string;
  message(reason: string, place?: unknown, origin?: string): unknown;
  fail(reason: string, place?: unknown, origin?: string): never;
}

/** The remark plugin: every ```archdiag code block becomes its diagram, in plain unified and in MDX. */
declare function remarkArchdiag(options?: ArchdiagPluginOptions | null): (tree: ArchdiagTree, file: ArchdiagFile) => undefined;
export default remarkArchdiag;
