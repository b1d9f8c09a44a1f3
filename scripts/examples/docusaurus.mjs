// Regenerates the fixture www/examples/docusaurus/: the site of www/examples/src/docusaurus/ (Docusaurus
// 3, classic preset, docs only, its lockfile) built by the real tool with docusaurus.config.mjs, where the
// browser auto-render /archdiag-docs.js draws the blocks. Usage: node scripts/examples/docusaurus.mjs
import { join } from "node:path";
import { prepare, run, keep } from "./sites.mjs";

const { dir, seconds } = prepare("docusaurus");
const build = run("npx", ["docusaurus", "build", "--out-dir", "build-client"], dir, { DOCUSAURUS_TELEMETRY: "0", NO_UPDATE_NOTIFIER: "1" });
console.log(`npm ci ${seconds.toFixed(1)} s (0: kept), docusaurus build ${build.toFixed(1)} s`);
keep("docusaurus", join(dir, "build-client"));
