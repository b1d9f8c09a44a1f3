// The fixture www/examples/docusaurus/ (scripts/examples/docusaurus.mjs builds it): the browser
// auto-render /archdiag-docs.js draws the ```archdiag blocks of a plain Docusaurus 3 site, served by
// scripts/serve.mjs under /examples/docusaurus/ (folders with index.html, hence trailingSlash: true).
export default {
  title: "archdiag on Docusaurus",
  url: "http://127.0.0.1",
  baseUrl: "/examples/docusaurus/",
  favicon: "favicon.svg",
  trailingSlash: true,
  onBrokenLinks: "throw",
  presets: [
    [
      "classic",
      {
        docs: { routeBasePath: "/" },
        blog: false,
        pages: false,
        sitemap: false,
        svgr: false,
      },
    ],
  ],
  themeConfig: {
    colorMode: { defaultMode: "light", disableSwitch: false, respectPrefersColorScheme: false },
    navbar: { title: "archdiag example" },
  },
  // The auto-render from the site's server root (www/ in this repository), as a module.
  scripts: [{ src: "/archdiag-docs.js", type: "module" }],
};
