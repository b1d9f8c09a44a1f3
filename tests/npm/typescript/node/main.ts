// A Node-only project (no DOM types) importing archdiag as ESM.
import init, { render, layout, describe, check, fields, version } from "archdiag";

await init();
const spec = JSON.stringify({ service: "ecs", hosting: "fargate" });
const svg: string = render(spec, JSON.stringify({ id_prefix: "fig-1" }));
const geometry: { boxes: unknown[] } = JSON.parse(layout(spec));
const words: string = describe(spec);
const verdict: { ok: boolean } = JSON.parse(check("{"));
const table: string = fields();
process.stdout.write(JSON.stringify({ svg: svg.startsWith("<svg"), boxes: geometry.boxes.length > 0, words: words.length > 0, ok: verdict.ok, table: table.length > 0, version: version() }) + "\n");
