// The fixture www/examples/vitepress/ (scripts/examples/vitepress.mjs builds it): the browser auto-render
// /archdiag-docs.js draws the ```archdiag blocks of a plain VitePress site, served by scripts/serve.mjs
// under /examples/vitepress/ (pages as .html files: cleanUrls stays off).
import { defineConfig } from "vitepress";

export default defineConfig({
  title: "archdiag on VitePress",
  base: "/examples/vitepress/",
  srcDir: "../docs",
  outDir: "../build-client",
  appearance: true,
  // The auto-render from the site's server root (www/ in this repository), as a module.
  head: [
    ["link", { rel: "icon", href: "/examples/vitepress/favicon.svg", type: "image/svg+xml" }],
    ["script", { type: "module", src: "/archdiag-docs.js" }],
  ],
  themeConfig: {
    sidebar: [{ text: "Pages", items: [{ text: "Hosting", link: "/" }, { text: "Second page", link: "/second" }] }],
  },
});
