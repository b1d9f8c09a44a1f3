// The page shell: controls and a JSON editor over one spec, kept in the URL; the wasm core draws, checks
// and paints. No logic beyond moving values between the DOM, the URL and the core.
import init, { render, check, paint } from "./pkg/archdiag.js";
import { themed } from "./archdiag-element.js";

const $ = (id) => document.getElementById(id);
const form = $("controls");
const editor = $("spec");
const errorBox = $("error");
const editorError = $("spec-error");
const figure = $("diagram");
const status = $("status");
const COMBINATIONS = [["ecs", "ec2"], ["ecs", "fargate"], ["eks", "ec2"], ["eks", "nodegroup"], ["eks", "fargate"]];
let specText = "";
let lastSvg = "";
let first = true;

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

/** The spec as drawn on this page: `auto` becomes the page's own light or dark (no inline CSS here). */
function forDisplay(text) {
  try {
    const spec = JSON.parse(text);
    return JSON.stringify(themed(spec));
  } catch {
    return text;
  }
}

function draw() {
  const verdict = JSON.parse(check(specText));
  if (!verdict.ok) {
    const where = verdict.line ? `line ${verdict.line}, column ${verdict.column}: ` : "";
    errorBox.textContent = verdict.message;
    errorBox.hidden = false;
    editorError.textContent = `${where}${verdict.message}`;
    editor.setAttribute("aria-invalid", "true");
    if (verdict.line) select(verdict.line, verdict.column);
    return;
  }
  errorBox.hidden = true;
  editorError.textContent = "";
  editor.removeAttribute("aria-invalid");
  // One layout per keystroke: the shown SVG is the downloadable one, except that `auto` is shown as
  // the page's own light or dark (its embedded CSS would be refused by a strict page).
  const shown = forDisplay(specText);
  const svg = render(shown);
  lastSvg = JSON.parse(specText).theme === "auto" ? render(specText) : svg;
  figure.innerHTML = svg;
  if (first) {
    performance.mark("archdiag-first-diagram");
    first = false;
  }
  if (!$("compare-view").hidden) compare();
}

/** Marks the editor's text at a line and column without taking the focus away. */
function select(line, column) {
  const lines = editor.value.split("\n");
  let at = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) at += lines[i].length + 1;
  at += Math.max(0, column - 1);
  if (document.activeElement !== editor) editor.setSelectionRange(at, Math.min(editor.value.length, at + 1));
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

function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
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
  const base = (() => {
    try {
      return JSON.parse(specText);
    } catch {
      return {};
    }
  })();
  const grid = $("compare-grid");
  const svgs = COMBINATIONS.map(([service, hosting]) => {
    const spec = { ...base, service, hosting, title: `${service.toUpperCase()} + ${hosting}` };
    delete spec.groups; delete spec.nodes; delete spec.edges;
    return render(JSON.stringify(themed(spec)));
  });
  grid.innerHTML = svgs.map((svg) => `<figure>${svg}</figure>`).join("");
  // One scale for all five: the widest fits its column.
  const figures = [...grid.querySelectorAll("svg")];
  const widest = Math.max(...figures.map((s) => Number(s.getAttribute("width"))));
  const column = grid.clientWidth / Math.min(5, Math.max(1, Math.floor(grid.clientWidth / 260))) - 12;
  const scale = Math.min(1, column / widest);
  for (const s of figures) {
    s.setAttribute("width", String(Math.round(Number(s.getAttribute("width")) * scale)));
    s.setAttribute("height", String(Math.round(Number(s.getAttribute("height")) * scale)));
  }
  grid.dataset.scale = scale.toFixed(3);
}

$("download").addEventListener("click", () => lastSvg && download("archdiag.svg", new Blob([lastSvg], { type: "image/svg+xml" })));
$("download-png").addEventListener("click", () => {
  const canvas = document.createElement("canvas");
  paint(specText, canvas, 2);
  canvas.toBlob((blob) => download("archdiag.png", blob), "image/png");
});
$("copy-svg").addEventListener("click", async () => {
  await navigator.clipboard.writeText(lastSvg);
  say("SVG copied");
});
$("copy-embed").addEventListener("click", async () => {
  const spec = JSON.parse(specText);
  const attrs = Object.entries(spec)
    .filter(([k]) => !["groups", "nodes", "edges"].includes(k))
    .map(([k, v]) => `${k}="${String(Array.isArray(v) ? v.join(",") : v).replace(/[&"<]/g, (c) => `&#${c.charCodeAt(0)};`)}"`)
    .join(" ");
  const snippet = `<script type="module" src="archdiag-docs.js"></script>\n<arch-diagram ${attrs}></arch-diagram>`;
  await navigator.clipboard.writeText(snippet);
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
