// The same site with the build-time markdown-it plugin (tests/docs-builds/ builds it from the packed
// package): the SVG is in the built HTML and no archdiag script is loaded.
import { defineConfig } from "vitepress";
import archdiag from "archdiag/markdown-it";

export default defineConfig({
  title: "archdiag on VitePress (build time)",
  srcDir: "../docs",
  outDir: "../build-static",
  head: [["link", { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }]],
  markdown: {
    config: (md) => {
      // ARCHDIAG_STRICT=1: a bad block fails the build (tests/docs-builds/ checks both).
      md.use(archdiag, { strict: process.env.ARCHDIAG_STRICT === "1" });
    },
  },
  themeConfig: {
    sidebar: [{ text: "Pages", items: [{ text: "Hosting", link: "/" }, { text: "Second page", link: "/second" }] }],
  },
});
