// Lays out the presets and the corpus with archdiag and with ELK Layered (elkjs, hierarchy included,
// orthogonal routing) at the same box sizes and the same room for container titles, and writes the
// comparison to BENCHMARKS.md: per file, then per collection (presets, Ptolemy, synthetic) the geometric
// mean, median and worst file of the area ratio beside the totals of crossings, bends and area; then
// archdiag's ink, crossings and arrowheads with and without bundled edges (presets, synthetic files).
// On demand only (not in CI):
//   node scripts/compare-elk.mjs [--both] [--quick] [--native BIN] [--reuse-elk] [--no-write]
//   default: every file in its own direction; --both: each also in the other one (a row of its own);
//   --quick: skip arch-3000; --native BIN: archdiag as that CLI binary (`BIN --format json --spec -`)
//   instead of the Node wasm build (same bytes, and no wasm rebuild while tuning); --reuse-elk: ELK's
//   results from target/elk-cache.json where its input graph is unchanged (ELK is 30× slower than
//   archdiag); --no-write: print the summary only.
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join, dirname, basename } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const ELK = require("elkjs/lib/elk.bundled.js");
const elk = new ELK();
const CORPUS = process.env.ARCHDIAG_CORPUS ?? join(ROOT, "tests", "corpus");
const args = process.argv.slice(2);
const flag = (f) => args.includes(f);
const nativeBin = flag("--native") ? args[args.indexOf("--native") + 1] : null;
const CACHE = join(ROOT, "target", "elk-cache.json");

/** archdiag's layout JSON of a spec, from the wasm build or the native CLI. */
const layoutOf = nativeBin
  ? (text) => execFileSync(nativeBin, ["--format", "json", "--spec", "-"], { input: text, maxBuffer: 1 << 30 }).toString()
  : ((m) => (text) => m.layout(text))(require(join(ROOT, "pkg", "node", "archdiag.js")));

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

/**
 * ELK's input from archdiag's geometry: every box at archdiag's size (leaves) or as a container with
 * archdiag's padding (the 24 px label band plus 20 px above the children, 20 px on the other sides), the
 * same nesting and the same edges (an edge's label is not given to either engine's spacing: archdiag's
 * labels sit beside the routes it made).
 */
function elkGraph(geo, direction) {
  const nodes = new Map();
  for (const b of geo.boxes) {
    nodes.set(b.id, b.group
      ? { id: b.id, children: [], layoutOptions: { "elk.padding": "[top=44,left=20,bottom=20,right=20]" } }
      : { id: b.id, width: b.width, height: b.height });
  }
  const root = { id: "__root", children: [], edges: [], layoutOptions: {
    "elk.algorithm": "layered",
    "elk.hierarchyHandling": "INCLUDE_CHILDREN",
    "elk.edgeRouting": "ORTHOGONAL",
    "elk.direction": direction === "lr" ? "RIGHT" : "DOWN",
    "elk.spacing.nodeNode": "30",
    "elk.layered.spacing.nodeNodeBetweenLayers": "50",
    "elk.json.edgeCoords": "ROOT",
    "elk.json.shapeCoords": "ROOT",
  } };
  for (const b of geo.boxes) (b.parent ? nodes.get(b.parent).children : root.children).push(nodes.get(b.id));
  geo.edges.forEach((e, i) => root.edges.push({ id: `e${i}`, sources: [e.from], targets: [e.to] }));
  return root;
}

/** ELK's routes, and the bounding box of its boxes and routes (the root's own padding left out, as
 * archdiag's metrics leave out its frame). */
function elkResult(out) {
  const lines = [];
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  const grow = (x, y, w = 0, h = 0) => { x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x + w); y1 = Math.max(y1, y + h); };
  const visit = (n, top) => {
    if (!top) grow(n.x, n.y, n.width, n.height);
    for (const e of n.edges ?? []) for (const s of e.sections ?? []) {
      const pts = [s.startPoint, ...(s.bendPoints ?? []), s.endPoint].map((p) => [p.x, p.y]);
      pts.forEach(([x, y]) => grow(x, y));
      lines.push(pts);
    }
    for (const c of n.children ?? []) visit(c, false);
  };
  visit(out, true);
  return { ...measure(lines), width: x1 - x0, height: y1 - y0 };
}

// The inputs: [collection, name, spec text].
const inputs = [];
for (const [name, spec] of JSON.parse(readFileSync(join(ROOT, "tests", "presets.json"), "utf8"))) {
  inputs.push(["presets", name, spec]);
}
for (const set of ["ptolemy", "synthetic"]) {
  for (const f of readdirSync(join(CORPUS, set)).filter((f) => f.endsWith(".json")).sort()) {
    if (flag("--quick") && f.includes("3000")) continue;
    inputs.push([set, f.replace(/\.json$/, ""), JSON.parse(readFileSync(join(CORPUS, set, f), "utf8"))]);
  }
}
const runs = inputs.flatMap(([set, name, spec]) => {
  const own = spec.direction === "lr" ? "lr" : "tb";
  const other = own === "lr" ? "tb" : "lr";
  return flag("--both") ? [[set, name, spec, own, ""], [set, name, spec, other, ` (${other})`]] : [[set, name, spec, own, ""]];
});

const cache = flag("--reuse-elk") && existsSync(CACHE) ? JSON.parse(readFileSync(CACHE, "utf8")) : {};
const fresh = {};
const rows = [];
for (const [set, name, read, dir, suffix] of runs) {
  const text = JSON.stringify({ ...read, direction: dir });
  let t = performance.now();
  const geo = JSON.parse(layoutOf(text));
  const ms = performance.now() - t;
  const m = geo.metrics;
  const a = { crossings: m.crossings, bends: m.bends, width: m.width, height: m.height, ms };
  const graph = elkGraph(geo, dir);
  const key = createHash("sha256").update(JSON.stringify(graph)).digest("hex").slice(0, 24);
  let e = cache[key] ?? null, note = "";
  if (!e) {
    try {
      t = performance.now();
      const out = await elk.layout(graph);
      e = { ...elkResult(out), ms: performance.now() - t };
    } catch (err) {
      note = `ELK failed: ${String(err.message ?? err).split("\n")[0].slice(0, 60)}`;
    }
  }
  if (e) fresh[key] = e;
  const leaves = geo.boxes.filter((b) => !b.group).length;
  rows.push({ set, name: name + suffix, leaves, a, e, note, mode: m.mode });
  console.error(`${set}/${name}${suffix}: ${a.width}×${a.height} ${a.crossings}x ${a.bends}b` +
    (e ? ` | ELK ${e.width.toFixed(0)}×${e.height.toFixed(0)} ${e.crossings}x ${e.bends}b | area ${(a.width * a.height / (e.width * e.height)).toFixed(2)}` : ` | ${note}`));
}
mkdirSync(dirname(CACHE), { recursive: true });
writeFileSync(CACHE, JSON.stringify(fresh));

const area = (r) => r.width * r.height;
const ratioOf = (r) => area(r.a) / area(r.e);
const geomean = (xs) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
const median = (xs) => { const s = [...xs].sort((x, y) => x - y); const k = s.length >> 1; return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2; };
const f2 = (v) => v.toFixed(2), f0 = (v) => v.toFixed(0);
const ratio = (a, b) => (b > 0 ? (a / b).toFixed(2) : "–");

/** Per collection: files compared, per-file area ratios (geometric mean, median, worst, over 1.5×) and
 * totals of crossings, bends, area and time. */
function summary(rs) {
  const ok = rs.filter((r) => r.e);
  const ratios = ok.map(ratioOf);
  const worst = ok.reduce((w, r) => (!w || ratioOf(r) > ratioOf(w) ? r : w), null);
  const sum = (f) => ok.reduce((s, r) => s + f(r), 0);
  return {
    n: ok.length, failed: rs.length - ok.length,
    geomean: geomean(ratios), median: median(ratios), worst, over: ratios.filter((x) => x > 1.5).length,
    crossings: [sum((r) => r.a.crossings), sum((r) => r.e.crossings)],
    bends: [sum((r) => r.a.bends), sum((r) => r.e.bends)],
    area: [sum((r) => area(r.a)) / 1e6, sum((r) => area(r.e)) / 1e6],
    ms: [sum((r) => r.a.ms), sum((r) => r.e.ms)],
  };
}
const sets = ["presets", "ptolemy", "synthetic"].filter((s) => rows.some((r) => r.set === s));
const table = [...sets.map((s) => [s, summary(rows.filter((r) => r.set === s))]), ["all", summary(rows)]];
let sum = `| files | area per file: geometric mean (median) | worst file (area ratio) | files over 1.5× | crossings (total) | bends (total) | area Mpx² (total) |
| --- | ---: | --- | ---: | ---: | ---: | ---: |
`;
for (const [name, s] of table) {
  const w = s.worst;
  const pair = ([x, y], f) => `${f(x)} / ${f(y)} (${ratio(x, y)})`;
  sum += `| ${name} (${s.n}${s.failed ? `, ${s.failed} ELK failed` : ""}) | ${f2(s.geomean)} (${f2(s.median)}) | ${w.name}: ${f0(w.a.width)}×${f0(w.a.height)} against ${f0(w.e.width)}×${f0(w.e.height)} (${f2(ratioOf(w))}) | ${s.over} | ${pair(s.crossings, f0)} | ${pair(s.bends, f0)} | ${pair(s.area, f2)} |\n`;
}
console.log(sum);

// Bundled edges: each preset drawn with its relations' trunks and with `bundles: false`, each synthetic
// file with every edge in one group and as it is; ink (a trunk counted once), crossings and arrowheads
// from archdiag's own metrics.
const bundleRows = [];
for (const [set, name, spec] of inputs.filter(([set]) => set !== "ptolemy")) {
  const grouped = set === "presets" ? spec : { ...spec, edges: (spec.edges ?? []).map((e) => ({ ...e, bundle: "all" })) };
  const plain = set === "presets" ? { ...spec, bundles: false } : spec;
  const [b, p] = [grouped, plain].map((s) => JSON.parse(layoutOf(JSON.stringify(s))).metrics);
  bundleRows.push({ set, name, b, p });
}
const bundleSummary = (rs) => {
  const ink = rs.map((r) => r.b.ink / r.p.ink);
  const worst = rs.reduce((w, r) => (!w || r.b.ink / r.p.ink > w.b.ink / w.p.ink ? r : w), null);
  const sum = (f) => rs.reduce((s, r) => s + f(r), 0);
  return `${f2(geomean(ink))} (worst ${worst.name}, ${f2(worst.b.ink / worst.p.ink)}) | ${sum((r) => r.p.ink).toFixed(0)} → ${sum((r) => r.b.ink).toFixed(0)} | ${sum((r) => r.p.crossings)} → ${sum((r) => r.b.crossings)} | ${sum((r) => r.p.arrowheads)} → ${sum((r) => r.b.arrowheads)} | ${sum((r) => r.b.bundles)}`;
};
let bundleMd = `| collection | ink per file, with ÷ without: geometric mean (worst file) | ink, total | crossings, total | arrowheads, total | trunks |
| --- | ---: | ---: | ---: | ---: | ---: |
`;
for (const set of ["presets", "synthetic"]) bundleMd += `| ${set} | ${bundleSummary(bundleRows.filter((r) => r.set === set))} |\n`;
bundleMd += `
| collection | file | ink without / with | crossings without / with | arrowheads without / with | most on one side without / with | trunks |
| --- | --- | ---: | ---: | ---: | ---: | ---: |
`;
for (const r of bundleRows) {
  bundleMd += `| ${r.set} | ${r.name} | ${f0(r.p.ink)} / ${f0(r.b.ink)} | ${r.p.crossings} / ${r.b.crossings} | ${r.p.arrowheads} / ${r.b.arrowheads} | ${r.p.arrowheads_per_side} / ${r.b.arrowheads_per_side} | ${r.b.bundles} |\n`;
}
console.log(bundleMd);
if (flag("--no-write")) process.exit(0);

let md = `# Layout benchmarks: archdiag against ELK Layered

Made by \`node scripts/compare-elk.mjs${args.length ? " " + args.join(" ") : ""}\` on ${new Date().toISOString().slice(0, 10)}, one run, on
${cpus().length} × ${cpus()[0].model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, elkjs ${require("elkjs/package.json").version}.
Both engines get archdiag's leaf sizes and the same room for container titles (44 px above a container's
children, 20 px on its other sides) and lay out in one Node process: archdiag ${nativeBin ? "as its native CLI" : "as wasm (`pkg/node`)"}, ELK Layered
with hierarchy included, orthogonal routing, 30 px between nodes and 50 px between layers. Crossings and
bends are counted the same way for both (proper crossings of segments of different edges; points beyond
the two ends). Area is the bounding box of the boxes and routes (neither archdiag's title, panel and
legend nor ELK's outer padding), in millions of px². Ratios are archdiag ÷ ELK; below 1 archdiag is
smaller. Per-file ratios come first because totals are dominated by the largest files.

${sum}
Times are from one run on a noisy machine: compare ratios.

| collection | file | leaves | crossings archdiag / ELK | bends archdiag / ELK | size archdiag | size ELK | area ratio | ms archdiag / ELK |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
`;
for (const r of rows) {
  md += r.e
    ? `| ${r.set} | ${r.name} | ${r.leaves} | ${r.a.crossings} / ${r.e.crossings} | ${r.a.bends} / ${r.e.bends} | ${f0(r.a.width)}×${f0(r.a.height)} | ${f0(r.e.width)}×${f0(r.e.height)} | ${f2(ratioOf(r))} | ${f0(r.a.ms)} / ${f0(r.e.ms)} |\n`
    : `| ${r.set} | ${r.name} | ${r.leaves} | ${r.a.crossings} / – | ${r.a.bends} / – | ${f0(r.a.width)}×${f0(r.a.height)} | – | – | ${f0(r.a.ms)} / – (${r.note}) |\n`;
}
md += `
## Bundled edges

Each preset with its relations' trunks (the default) against \`bundles: false\`; each synthetic file with
every edge in one group (\`"bundle": "all"\`) against the file as it is. Ink is the length of every line
drawn, a trunk counted once; crossings are counted between the lines drawn. A trunk is kept only where
it adds no crossing.

${bundleMd}`;
writeFileSync(join(ROOT, "BENCHMARKS.md"), md);
console.error(`wrote BENCHMARKS.md (${rows.length} layouts)`);
