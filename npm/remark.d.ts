// Types of archdiag/remark: no DOM, no dependency on unified's own types (they fit its `use`).
import type { ArchdiagPluginOptions } from "./plugins.js";
export type { ArchdiagPluginOptions } from "./plugins.js";

/** The parts of a vfile the plugin uses. */
export interface ArchdiagFile {
  path?: string;
  cwd?: string;
  message(reason: string, place?: unknown, origin?: string): unknown;
  fail(reason: string, place?: unknown, origin?: string): never;
}

/** The remark plugin: every ```archdiag code block becomes its diagram, in plain unified and in MDX. */
declare function remarkArchdiag(options?: ArchdiagPluginOptions | null): (tree: any, file: ArchdiagFile) => undefined;
export default remarkArchdiag;
