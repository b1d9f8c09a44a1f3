// The same site with the build-time remark plugin (tests/docs-builds/ builds it from the packed
// package): the SVG is in the built HTML and no archdiag script is loaded. format "detect": the .md page
// goes through Docusaurus's CommonMark pipeline, the .mdx page through MDX.
import { createRequire } from "node:module";
import remarkArchdiag from "archdiag/remark";

const require = createRequire(import.meta.url);

export default {
  title: "archdiag on Docusaurus (build time)",
  url: "http://127.0.0.1",
  baseUrl: "/",
  favicon: "favicon.svg",
  trailingSlash: true,
  onBrokenLinks: "throw",
  markdown: { format: "detect" },
  presets: [
    [
      "classic",
      {
        // ARCHDIAG_STRICT=1: a bad block fails the build.
        docs: { routeBasePath: "/", remarkPlugins: [[remarkArchdiag, { strict: process.env.ARCHDIAG_STRICT === "1" }]] },
        blog: false,
        pages: false,
        sitemap: false,
        svgr: false,
        theme: { customCss: [require.resolve("archdiag/static.css")] },
      },
    ],
  ],
  themeConfig: { navbar: { title: "archdiag example" } },
};
