// Types of archdiag/rehype: no DOM, no dependency on unified's own types (they fit its `use`).
import type { ArchdiagPluginOptions } from "./archdiag-plugins.js";
import type { ArchdiagFile, ArchdiagTree } from "./archdiag-remark.js";
export type { ArchdiagPluginOptions } from "./archdiag-plugins.js";

/** The rehype plugin: every `<pre><code class="language-archdiag">` and `<pre class="archdiag">` becomes
 * its diagram (a raw node: serialize with `allowDangerousHtml`, or run rehype-raw after it). */
declare function rehypeArchdiag(options?: ArchdiagPluginOptions | null): (tree: ArchdiagTree, file: ArchdiagFile) => undefined;
export default rehypeArchdiag;
