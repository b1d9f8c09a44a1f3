// Regenerates the fixture www/examples/docusaurus/: the site of www/examples/src/docusaurus/ (Docusaurus
// 3, classic preset, docs only, its lockfile) built by the real tool with docusaurus.config.mjs, where the
// browser auto-render /archdiag-docs.js draws the blocks. Usage: node scripts/examples/docusaurus.mjs
import { join } from "node:path";
import { prepare, run, keep } from "./sites.mjs";

const { dir, seconds } = prepare("docusaurus");
const build = run("npx", ["docusaurus", "build", "--out-dir", "build-client"], dir, { DOCUSAURUS_TELEMETRY: "0", NO_UPDATE_NOTIFIER: "1" });
console.log(`npm ci ${seconds.toFixed(1)} s (0: kept), docusaurus build ${build.toFixed(1)} s`);
// The packages whose code the client scripts hold (webpack-bundle-analyzer on this build: `docusaurus
// build --bundle-analyzer`), for their licence files in www/examples/docusaurus/LICENSES/.
const BUNDLED = [
  "@babel/runtime", "@docusaurus/core", "@docusaurus/plugin-content-docs", "@docusaurus/theme-classic",
  "@docusaurus/theme-common", "@docusaurus/utils-common", "@mdx-js/react", "clsx", "copy-text-to-clipboard", "history",
  "hoist-non-react-statics", "infima", "invariant", "isarray", "nprogress", "parse-numeric-range", "path-to-regexp", "prism-react-renderer",
  "prismjs", "prop-types", "react", "react-dom", "react-fast-compare", "react-helmet-async", "react-is", "react-loadable", "react-router",
  "react-router-config", "react-router-dom", "resolve-pathname", "scheduler", "shallowequal", "tiny-invariant", "tslib",
];
keep("docusaurus", join(dir, "build-client"), BUNDLED);
