// Types of archdiag/markdown-it: no DOM, no dependency on markdown-it's own types (they fit its `use`).
import type { ArchdiagPluginOptions } from "./archdiag-plugins.js";
export type { ArchdiagPluginOptions } from "./archdiag-plugins.js";

/** Options of the markdown-it plugin. */
export interface ArchdiagMarkdownItOptions extends ArchdiagPluginOptions {
  /** Put `v-pre` on each figure (default true): Vue-based sites (VitePress, VuePress) compile the page
   * as a template, where `{{ … }}` in a label would be evaluated. */
  vPre?: boolean;
}

/** The parts of a markdown-it instance the plugin uses. */
export interface ArchdiagMarkdownIt {
  renderer: { rules: { fence?: ((...args: any[]) => string) | undefined } };
}

/** The markdown-it plugin: every ```archdiag fence renders as its diagram; other fences as before. */
declare function markdownItArchdiag(md: ArchdiagMarkdownIt, options?: ArchdiagMarkdownItOptions | null): void;
export default markdownItArchdiag;
