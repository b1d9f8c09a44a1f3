// Regenerates the fixture www/examples/vitepress/: the site of www/examples/src/vitepress/ (VitePress,
// default theme without its web fonts, its lockfile) built by the real tool with client/.vitepress/,
// where the browser auto-render /archdiag-docs.js draws the blocks. Usage: node scripts/examples/vitepress.mjs
import { join } from "node:path";
import { prepare, run, keep } from "./sites.mjs";

const { dir, seconds } = prepare("vitepress");
const build = run("npx", ["vitepress", "build", "client"], dir);
console.log(`npm ci ${seconds.toFixed(1)} s (0: kept), vitepress build ${build.toFixed(1)} s`);
// The packages whose code the client scripts hold (the sources of a build with vite.build.sourcemap), for
// their licence files in www/examples/vitepress/LICENSES/.
const BUNDLED = ["vitepress", "@vue/reactivity", "@vue/runtime-core", "@vue/runtime-dom", "@vue/shared", "@vueuse/core", "@vueuse/shared"];
keep("vitepress", join(dir, "build-client"), BUNDLED);
