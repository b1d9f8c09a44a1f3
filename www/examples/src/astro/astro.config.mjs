// archdiag/remark in Astro (tests/docs-builds/ builds it from the packed package): Markdown pages through
// Astro's unified pipeline, MDX pages through @astrojs/mdx (which takes markdown.remarkPlugins too).
import { defineConfig } from "astro/config";
import mdx from "@astrojs/mdx";
import remarkArchdiag from "archdiag/remark";

export default defineConfig({
  integrations: [mdx()],
  markdown: { remarkPlugins: [[remarkArchdiag, { strict: process.env.ARCHDIAG_STRICT === "1" }]] },
  telemetry: false,
});
