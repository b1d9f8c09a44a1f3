// The page shell: controls and a JSON editor over one spec, kept in the URL; the wasm core draws, checks
// and paints. No logic beyond moving values between the DOM, the URL and the core.
import init, { render, check, paint, snippet } from "./pkg/archdiag.js";
import { nextIdPrefix, readerScheme } from "./archdiag-element.js";

const $ = (id) => document.getElementById(id);
const form = $("controls");
const editor = $("spec");
const errorBox = $("error");
const editorError = $("spec-error");
const figure = $("diagram");
const status = $("status");
const COMBINATIONS = [["ecs", "ec2"], ["ecs", "fargate"], ["eks", "ec2"], ["eks", "nodegroup"], ["eks", "fargate"]];
let specText = "";
/** The last spec that drew: what the downloads, copies and Compare use while the editor holds a mistake. */
let lastGood = "";
let first = true;
// Ids of the page's own: the diagram keeps one prefix, Compare one per combination (archdiag-element.js
// counts for the whole page, so an embedded element cannot take them).
let shownPrefix = "";
let comparePrefixes = [];

/** The spec the controls describe. */
function fromControls() {
  const f = new FormData(form);
  const hosting = f.getAll("hosting");
  const spec = {
    service: f.get("service"),
    hosting: hosting.length === 1 ? hosting[0] : hosting,
    registry: f.get("registry"),
    azs: Number(f.get("azs")),
    workers: Number(f.get("workers")),
    detail: f.get("detail"),
    responsibilities: f.get("responsibilities") === "on",
    theme: f.get("theme"),
    direction: f.get("direction"),
  };
  const title = f.get("title").trim();
  if (title) spec.title = title;
  return spec;
}

/** Shows a preset spec in the controls (custom specs leave them as they are). */
function toControls(spec) {
  if (!spec || typeof spec !== "object" || !("service" in spec)) return;
  const set = (id, v) => v !== undefined && ($(id).value = String(v));
  set("service", spec.service);
  const hosting = [].concat(spec.hosting ?? []);
  for (const box of form.querySelectorAll("input[name=hosting]")) box.checked = hosting.includes(box.value);
  set("registry", spec.registry ?? "ecr");
  set("azs", spec.azs ?? 2);
  set("workers", spec.workers ?? 2);
  set("detail", spec.detail ?? "full");
  $("responsibilities").checked = spec.responsibilities !== false;
  set("theme", spec.theme ?? "light");
  set("direction", spec.direction ?? "tb");
  $("title").value = spec.title ?? "";
}

/** How this page draws a spec: in the reader's scheme when its theme is `auto` or absent (the `auto`
 * theme's embedded CSS would be refused by a strict page), with ids of its own. */
function onPage(idPrefix) {
  return JSON.stringify({ prefers: readerScheme(), id_prefix: idPrefix });
}

/** The SVG as the spec itself says (theme `auto` with its CSS, the spec's own ids): what leaves the page. */
function ownSvg() {
  return lastGood ? render(lastGood) : "";
}

function draw() {
  const verdict = JSON.parse(check(specText));
  if (!verdict.ok) {
    // The place in the editor's text, which is the spec's own or (for a spec the page wrote) its
    // pretty-printed form, with the same meaning and so the same mistake.
    const shown = editor.value === specText ? verdict : JSON.parse(check(editor.value));
    const place = !shown.ok && shown.message === verdict.message && shown.line ? shown : null;
    const where = place ? `line ${place.line}, column ${place.column}: ` : "";
    errorBox.textContent = verdict.message;
    errorBox.hidden = false;
    editorError.textContent = `${where}${verdict.message}`;
    editor.setAttribute("aria-invalid", "true");
    if (place) select(place.line, place.column);
    return;
  }
  errorBox.hidden = true;
  editorError.textContent = "";
  editor.removeAttribute("aria-invalid");
  // One layout per keystroke, for the page; the downloads and copies render the spec's own SVG on demand.
  lastGood = specText;
  shownPrefix ||= nextIdPrefix();
  figure.innerHTML = render(specText, onPage(shownPrefix));
  if (first) {
    performance.mark("archdiag-first-diagram");
    first = false;
  }
  if (!$("compare-view").hidden) compare();
}

/** Marks the editor's text at a line and column (the core's: 1-based, the column in Unicode code points,
 * counted after a byte order mark) without taking the focus away. The textarea counts UTF-16 units. */
function select(line, column) {
  const text = editor.value;
  const lines = text.split("\n");
  let at = text.startsWith("\uFEFF") ? 1 : 0;
  if (at) lines[0] = lines[0].slice(1);
  for (let i = 0; i < line - 1 && i < lines.length; i++) at += lines[i].length + 1;
  let left = Math.max(0, column - 1);
  for (const ch of lines[line - 1] ?? "") {
    if (left === 0) break;
    at += ch.length;
    left -= 1;
  }
  at = Math.min(text.length, at + left);
  const end = Math.min(text.length, at + (text.codePointAt(at) > 0xffff ? 2 : 1));
  if (document.activeElement !== editor) editor.setSelectionRange(at, end);
}

/** Puts the spec in the URL: a new history entry for a deliberate change, a replaced one while typing. */
function remember(push) {
  const url = `#${new URLSearchParams({ spec: specText })}`;
  if (url === location.hash) return;
  if (push) history.pushState(null, "", url);
  else history.replaceState(null, "", url);
}

function fromUrl() {
  const text = new URLSearchParams(location.hash.slice(1)).get("spec");
  if (!text) return false;
  specText = text;
  editor.value = pretty(text);
  try {
    toControls(JSON.parse(text));
  } catch {
    // The editor shows the mistake.
  }
  return true;
}

/** Compact JSON as the page writes it, spread over lines; any other text as it is (JavaScript's JSON
 * would lose what the core refuses, such as a repeated key or `2.0`, and move the mistake's place). */
function pretty(text) {
  try {
    const value = JSON.parse(text);
    return JSON.stringify(value) === text ? JSON.stringify(value, null, 2) : text;
  } catch {
    return text;
  }
}

function onControls() {
  specText = JSON.stringify(fromControls());
  editor.value = pretty(specText);
  remember(true);
  draw();
}

function onEditor() {
  specText = editor.value;
  try {
    toControls(JSON.parse(specText));
  } catch {
    // Shown by draw().
  }
  remember(false);
  draw();
}

function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function say(text) {
  status.textContent = text;
}

function compare() {
  const base = lastGood ? JSON.parse(lastGood) : {};
  const grid = $("compare-grid");
  if (comparePrefixes.length === 0) comparePrefixes = COMBINATIONS.map(() => nextIdPrefix());
  const figures = COMBINATIONS.map(([service, hosting], i) => {
    const spec = { ...base, service, hosting, title: `${service.toUpperCase()} + ${hosting}` };
    delete spec.groups; delete spec.nodes; delete spec.edges; delete spec.id_prefix;
    const f = document.createElement("figure");
    f.innerHTML = render(JSON.stringify(spec), onPage(comparePrefixes[i]));
    return f;
  });
  grid.replaceChildren(...figures);
  // One scale for all five: the widest fits its column.
  const svgs = [...grid.querySelectorAll("svg")];
  const widest = Math.max(...svgs.map((s) => Number(s.getAttribute("width"))));
  const column = grid.clientWidth / Math.min(5, Math.max(1, Math.floor(grid.clientWidth / 260))) - 12;
  const scale = Math.min(1, column / widest);
  for (const s of svgs) {
    s.setAttribute("width", String(Math.round(Number(s.getAttribute("width")) * scale)));
    s.setAttribute("height", String(Math.round(Number(s.getAttribute("height")) * scale)));
  }
  grid.dataset.scale = scale.toFixed(3);
}

$("download").addEventListener("click", () => lastGood && download("archdiag.svg", new Blob([ownSvg()], { type: "image/svg+xml" })));
$("download-png").addEventListener("click", () => {
  if (!lastGood) return;
  const canvas = document.createElement("canvas");
  paint(lastGood, canvas, 2);
  canvas.toBlob((blob) => download("archdiag.png", blob), "image/png");
});
$("copy-svg").addEventListener("click", async () => {
  if (!lastGood) return say("Nothing to copy: the spec has a mistake");
  await navigator.clipboard.writeText(ownSvg());
  say("SVG copied");
});
$("copy-embed").addEventListener("click", async () => {
  // The core writes the snippet from the validated spec, or refuses: nothing of the text's own goes in.
  let html;
  try {
    html = snippet(specText, "archdiag-docs.js");
  } catch (e) {
    say(`No embed snippet: the spec is not valid (${e.message})`);
    return;
  }
  await navigator.clipboard.writeText(html);
  say("Embed snippet copied");
});
$("compare").addEventListener("click", () => {
  const view = $("compare-view");
  view.hidden = !view.hidden;
  $("compare").setAttribute("aria-pressed", String(!view.hidden));
  if (!view.hidden) compare();
});

await init();
form.addEventListener("change", onControls);
form.addEventListener("input", (e) => e.target.type === "number" && onControls());
editor.addEventListener("input", onEditor);
addEventListener("popstate", () => fromUrl() && draw());
matchMedia("(prefers-color-scheme: dark)").addEventListener("change", draw);
if (!fromUrl()) {
  specText = JSON.stringify(fromControls());
  editor.value = pretty(specText);
}
draw();
document.body.dataset.ready = "true";
