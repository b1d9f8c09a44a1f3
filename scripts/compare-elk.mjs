// Lays out the corpus with archdiag (its Node wasm build) and with ELK Layered (elkjs, hierarchy included,
// orthogonal routing) in one Node run, and writes a side-by-side table of crossings, bends, area and
// time to BENCHMARKS.md, with totals over all files and over each collection (synthetic, Ptolemy). On
// demand only (not in CI): node scripts/compare-elk.mjs [--both] [--sample] [--quick]
//   default: every corpus file in its own direction (about 25 s); --both: each also in the other direction;
//   --sample: the synthetic files and 20 Ptolemy models (their totals can differ from the whole corpus's:
//   bends 0.96 of ELK's on the sample, 1.02 on all, once); --quick: skip arch-3000.
import { createRequire } from "node:module";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join, dirname, basename } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const archdiag = require(join(ROOT, "pkg", "node", "archdiag.js"));
const ELK = require("elkjs/lib/elk.bundled.js");
const elk = new ELK();
const CORPUS = process.env.ARCHDIAG_CORPUS ?? join(ROOT, "tests", "corpus");
const args = process.argv.slice(2);

/** Crossings, bends and bounding box of polylines (arrays of [x, y]), defined as archdiag's metrics are. */
function measure(polylines) {
  const hs = [], vs = [];
  let bends = 0;
  polylines.forEach((pts, k) => {
    bends += Math.max(0, pts.length - 2);
    for (let i = 0; i + 1 < pts.length; i++) {
      const [a, b] = [pts[i], pts[i + 1]];
      if (Math.abs(a[1] - b[1]) < 1e-9) hs.push({ k, at: a[1], lo: Math.min(a[0], b[0]), hi: Math.max(a[0], b[0]) });
      else if (Math.abs(a[0] - b[0]) < 1e-9) vs.push({ k, at: a[0], lo: Math.min(a[1], b[1]), hi: Math.max(a[1], b[1]) });
    }
  });
  vs.sort((a, b) => a.at - b.at);
  const xs = vs.map((v) => v.at);
  const first = (x) => { let lo = 0, hi = xs.length; while (lo < hi) { const m = (lo + hi) >> 1; if (xs[m] <= x) lo = m + 1; else hi = m; } return lo; };
  let crossings = 0;
  for (const h of hs) {
    for (let i = first(h.lo + 1e-9); i < xs.length && xs[i] < h.hi - 1e-9; i++) {
      const v = vs[i];
      if (v.k !== h.k && v.lo < h.at - 1e-9 && h.at < v.hi - 1e-9) crossings++;
    }
  }
  return { crossings, bends };
}

function elkGraph(spec, geometry) {
  const size = new Map(geometry.boxes.map((b) => [b.id, b]));
  const nodes = new Map();
  const all = [...(spec.groups ?? []).map((g) => ({ ...g, group: true })), ...(spec.nodes ?? [])];
  for (const n of all) {
    const b = size.get(n.id);
    nodes.set(n.id, n.group
      ? { id: n.id, children: [], layoutOptions: { "elk.padding": "[top=44,left=20,bottom=20,right=20]" }, width: b.width, height: b.height }
      : { id: n.id, width: b.width, height: b.height });
  }
  const root = { id: "__root", children: [], edges: [], layoutOptions: {
    "elk.algorithm": "layered",
    "elk.hierarchyHandling": "INCLUDE_CHILDREN",
    "elk.edgeRouting": "ORTHOGONAL",
    "elk.direction": spec.direction === "lr" ? "RIGHT" : "DOWN",
    "elk.spacing.nodeNode": "30",
    "elk.layered.spacing.nodeNodeBetweenLayers": "50",
    "elk.json.edgeCoords": "ROOT",
    "elk.json.shapeCoords": "ROOT",
  } };
  for (const n of all) (n.parent ? nodes.get(n.parent).children : root.children).push(nodes.get(n.id));
  (spec.edges ?? []).forEach((e, i) => root.edges.push({ id: `e${i}`, sources: [e.from], targets: [e.to] }));
  return root;
}

function elkPolylines(out) {
  const lines = [];
  const visit = (n) => {
    for (const e of n.edges ?? []) for (const s of e.sections ?? []) {
      lines.push([s.startPoint, ...(s.bendPoints ?? []), s.endPoint].map((p) => [p.x, p.y]));
    }
    for (const c of n.children ?? []) visit(c);
  };
  visit(out);
  return lines;
}

const files = [];
for (const f of readdirSync(join(CORPUS, "synthetic")).filter((f) => f.endsWith(".json")).sort()) {
  if (args.includes("--quick") && f.includes("3000")) continue;
  files.push(join(CORPUS, "synthetic", f));
}
const ptolemy = readdirSync(join(CORPUS, "ptolemy")).filter((f) => f.endsWith(".json")).sort();
const step = args.includes("--sample") ? Math.ceil(ptolemy.length / 20) : 1;
ptolemy.forEach((f, i) => i % step === 0 && files.push(join(CORPUS, "ptolemy", f)));

const rows = [];
const zero = () => ({ a: { crossings: 0, bends: 0, area: 0, ms: 0 }, e: { crossings: 0, bends: 0, area: 0, ms: 0 }, n: 0 });
// Totals over all files compared, and over each collection (the corpus folder a file is in).
const sums = zero();
const bySet = new Map();
let compared = 0;
// Each file in its own direction, and with --both in the other one too (as a row of its own).
const runs = files.flatMap((file) => {
  const spec = JSON.parse(readFileSync(file, "utf8"));
  const own = spec.direction === "lr" ? "lr" : "tb";
  const other = own === "lr" ? "tb" : "lr";
  return args.includes("--both") ? [[file, spec, own, ""], [file, spec, other, ` (${other})`]] : [[file, spec, own, ""]];
});
for (const [file, read, dir, suffix] of runs) {
  const spec = { ...read, direction: dir };
  const text = JSON.stringify(spec);
  const leaves = (spec.nodes ?? []).length;
  let t = performance.now();
  const geo = JSON.parse(archdiag.layout(text));
  const aMs = performance.now() - t;
  const a = { crossings: geo.metrics.crossings, bends: geo.metrics.bends, area: geo.metrics.area / 1e6, ms: aMs };
  let e = null, note = "";
  try {
    t = performance.now();
    const out = await elk.layout(elkGraph(spec, geo));
    const eMs = performance.now() - t;
    e = { ...measure(elkPolylines(out)), area: (out.width * out.height) / 1e6, ms: eMs };
  } catch (err) {
    note = `ELK failed: ${String(err.message ?? err).split("\n")[0].slice(0, 60)}`;
  }
  if (e) {
    compared++;
    const set = basename(dirname(file));
    if (!bySet.has(set)) bySet.set(set, zero());
    for (const s of [sums, bySet.get(set)]) {
      s.n++;
      for (const k of ["crossings", "bends", "area", "ms"]) { s.a[k] += a[k]; s.e[k] += e[k]; }
    }
  }
  rows.push({ name: basename(file) + suffix, leaves, a, e, note });
  console.error(`${basename(file)}${suffix}: archdiag ${a.crossings}x ${a.bends}b ${a.area.toFixed(2)}Mpx² ${a.ms.toFixed(0)}ms` + (e ? ` | ELK ${e.crossings}x ${e.bends}b ${e.area.toFixed(2)}Mpx² ${e.ms.toFixed(0)}ms` : ` | ${note}`));
}

const f2 = (v) => v.toFixed(2), f0 = (v) => v.toFixed(0);
const ratio = (a, b) => (b > 0 ? (a / b).toFixed(2) : "–");
let md = `# Layout benchmarks: archdiag against ELK Layered

Made by \`node scripts/compare-elk.mjs${args.length ? " " + args.join(" ") : ""}\` on ${new Date().toISOString().slice(0, 10)}, one run, on
${cpus().length} × ${cpus()[0].model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, elkjs ${require("elkjs/package.json").version}.
Both engines get the same leaf sizes (archdiag's) and lay out in the same Node process: archdiag as wasm
(\`pkg/node\`), ELK Layered with hierarchy included and orthogonal routing. Crossings and bends are counted
the same way for both (proper crossings of segments of different edges; points beyond the two ends); area
is the drawing's bounding box in millions of px². Times are from one run on a noisy machine: compare ratios.

| file | leaves | crossings archdiag / ELK | bends archdiag / ELK | area Mpx² archdiag / ELK | ms archdiag / ELK |
| --- | ---: | ---: | ---: | ---: | ---: |
`;
for (const r of rows) {
  md += r.e
    ? `| ${r.name} | ${r.leaves} | ${r.a.crossings} / ${r.e.crossings} | ${r.a.bends} / ${r.e.bends} | ${f2(r.a.area)} / ${f2(r.e.area)} | ${f0(r.a.ms)} / ${f0(r.e.ms)} |\n`
    : `| ${r.name} | ${r.leaves} | ${r.a.crossings} / – | ${r.a.bends} / – | ${f2(r.a.area)} / – | ${f0(r.a.ms)} / – (${r.note}) |\n`;
}
md += `
**Totals over the ${compared} files both engines laid out** (archdiag ÷ ELK): crossings ${ratio(sums.a.crossings, sums.e.crossings)},
bends ${ratio(sums.a.bends, sums.e.bends)}, area ${ratio(sums.a.area, sums.e.area)}, time ${ratio(sums.a.ms, sums.e.ms)}.

| files | crossings archdiag / ELK | bends archdiag / ELK | area Mpx² archdiag / ELK | ms archdiag / ELK |
| --- | ---: | ---: | ---: | ---: |
`;
for (const [name, s] of [["all", sums], ...[...bySet].sort((x, y) => x[0].localeCompare(y[0]))]) {
  const cell = (k, f) => `${f(s.a[k])} / ${f(s.e[k])} (${ratio(s.a[k], s.e[k])})`;
  md += `| ${name} (${s.n}) | ${cell("crossings", f0)} | ${cell("bends", f0)} | ${cell("area", f2)} | ${cell("ms", f0)} |\n`;
}
writeFileSync(join(ROOT, "BENCHMARKS.md"), md);
console.error(`wrote BENCHMARKS.md (${rows.length} files)`);
