// Options shared by archdiag/remark, archdiag/rehype and archdiag/markdown-it (Node-only types).

/** How a build-time plugin draws a page's ```archdiag blocks. */
export interface ArchdiagPluginOptions {
  /** Fail the build on a bad block (default: a warning naming the file and line, and the error in the page). */
  strict?: boolean;
  /** The page's id prefix (diagrams get PREFIX-1, PREFIX-2, …; a dark drawing PREFIX-N-dark). Default:
   * `ad-` and 6 hex digits of a hash of the page's path. A letter, then letters, digits, - or _. */
  idPrefix?: string;
  /** No warning on the console for a bad block (it is still reported where the tool reports messages). */
  quiet?: boolean;
  /** What a block without a theme is drawn in: both schemes (the default; archdiag/static.css shows the
   * one matching the site's), or only one, for a site that has one (half the HTML). */
  schemes?: readonly ["light", "dark"] | readonly ["light"] | readonly ["dark"];
}
