// The page shell: controls and a JSON editor over one spec, kept in the URL; the wasm core draws, checks
// and paints. The controls are made from the core's table of spec fields (`fields()`: names, labels,
// choices, ranges, defaults). No logic beyond moving values between the DOM, the URL and the core.
import init, { render, check, paint, snippet, fields } from "./pkg/archdiag.js";
import { nextIdPrefix, readerScheme } from "./archdiag-element.js";

const $ = (id) => document.getElementById(id);
const form = $("controls");
const editor = $("spec");
const errorBox = $("error");
const editorError = $("spec-error");
const figure = $("diagram");
const status = $("status");
/** Every service with every hosting kind it allows, from the core's field table: what Compare draws. */
const combinations = () => {
  const choices = (name) => FIELDS.find((f) => f.name === name).values;
  return choices("service").flatMap((s) =>
    choices("hosting").filter((h) => !h.only || h.only === s.name).map((h) => [s.name, h.name]));
};
let specText = "";
/** The last spec that drew: what the downloads, copies and Compare use while the editor holds a mistake. */
let lastGood = "";
let first = true;
// Ids of the page's own: the diagram keeps one prefix, Compare one per combination (archdiag-element.js
// counts for the whole page, so an embedded element cannot take them).
let shownPrefix = "";
let comparePrefixes = [];
/** The spec fields with a control here, from the core (set once it is ready). */
let FIELDS = [];

/** What a control starts at: the field's default, else its first name (service and hosting have none). */
const initial = (f) => f.default ?? f.values?.[0]?.name ?? "";

/** An element with properties and children. */
function make(tag, props = {}, ...children) {
  const el = Object.assign(document.createElement(tag), props);
  el.append(...children);
  return el;
}

/** One control per field, each with its label, in the table's order, starting at (and reset to) its default. */
function buildControls() {
  for (const f of FIELDS) {
    const id = f.name;
    if (f.type === "choices") {
      const boxes = f.values.map((v) =>
        make("label", {}, make("input", { type: "checkbox", name: f.name, value: v.name, defaultChecked: v.name === initial(f) }), ` ${v.label}`));
      form.append(make("fieldset", { id }, make("legend", {}, f.label), ...boxes));
    } else if (f.type === "boolean") {
      form.append(make("label", {}, make("input", { type: "checkbox", id, name: f.name, defaultChecked: f.default === true }), ` ${f.label}`));
    } else {
      form.append(make("label", { htmlFor: id }, f.label));
      if (f.type === "choice") {
        const options = f.values.map((v) => make("option", { value: v.name, defaultSelected: v.name === initial(f) }, v.label));
        form.append(make("select", { id, name: f.name }, ...options));
      } else if (f.type === "integer") {
        form.append(make("input", { id, name: f.name, type: "number", min: f.min, max: f.max, defaultValue: initial(f) }));
      } else {
        form.append(make("input", { id, name: f.name, type: "text", maxLength: f.max, placeholder: "(automatic)" }));
      }
    }
  }
}

/** The spec the controls describe. */
function fromControls() {
  const data = new FormData(form);
  const spec = {};
  for (const { name, type } of FIELDS) {
    if (type === "choices") {
      const all = data.getAll(name);
      spec[name] = all.length === 1 ? all[0] : all;
    } else if (type === "integer") spec[name] = Number(data.get(name));
    else if (type === "boolean") spec[name] = data.get(name) === "on";
    else if (type === "text") {
      const text = data.get(name).trim();
      if (text) spec[name] = text;
    } else spec[name] = data.get(name);
  }
  return spec;
}

/** Shows a preset spec in the controls (custom specs leave them as they are). */
function toControls(spec) {
  if (!spec || typeof spec !== "object" || !FIELDS.some((f) => f.required && f.name in spec)) return;
  for (const f of FIELDS) {
    const v = spec[f.name];
    if (f.type === "choices") {
      const list = [].concat(v ?? []);
      for (const box of form.querySelectorAll(`input[name=${f.name}]`)) box.checked = list.includes(box.value);
    } else if (f.type === "boolean") $(f.name).checked = typeof v === "boolean" ? v : f.default;
    else if (f.type === "text") $(f.name).value = v ?? "";
    else if (v !== undefined || f.default !== null) $(f.name).value = String(v ?? f.default);
  }
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
    markStale(true);
    return;
  }
  errorBox.hidden = true;
  editorError.textContent = "";
  editor.removeAttribute("aria-invalid");
  // One layout per keystroke, for the page; the downloads and copies render the spec's own SVG on demand.
  lastGood = specText;
  shownPrefix ||= nextIdPrefix();
  figure.innerHTML = render(specText, onPage(shownPrefix));
  markStale(false);
  if (first) {
    performance.mark("archdiag-first-diagram");
    first = false;
  }
  if (!$("compare-view").hidden) compare();
}

/** Marks the diagram on screen as the last valid one, not the spec's (dimmed, with a caption saying so),
 * or clears the mark. */
function markStale(stale) {
  figure.classList.toggle("stale", stale);
  figure.querySelector(".stale-note")?.remove();
  if (stale && figure.querySelector("svg")) {
    const note = document.createElement("figcaption");
    note.className = "stale-note";
    note.textContent = "Out of date: the last valid diagram, not the choice above";
    figure.prepend(note);
  }
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
  const all = combinations();
  if (comparePrefixes.length === 0) comparePrefixes = all.map(() => nextIdPrefix());
  const figures = all.map(([service, hosting], i) => {
    const spec = { ...base, service, hosting, title: `${service.toUpperCase()} + ${hosting}` };
    delete spec.groups; delete spec.nodes; delete spec.edges; delete spec.id_prefix;
    const f = document.createElement("figure");
    f.innerHTML = render(JSON.stringify(spec), onPage(comparePrefixes[i]));
    return f;
  });
  grid.replaceChildren(...figures);
  // One scale for all: the widest fits its column.
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

/** Fills the menu of example architectures (built beside the module from tests/architectures/) after the
 * first diagram; choosing one puts its spec in the editor. Without the file the menu stays hidden. */
async function loadExamples() {
  const menu = $("example");
  let list;
  try {
    list = await (await fetch(new URL("./pkg/architectures.json", import.meta.url))).json();
  } catch {
    return;
  }
  for (const [name, spec] of list) menu.append(make("option", { value: JSON.stringify(spec), textContent: name }));
  menu.closest("label").hidden = false;
  menu.addEventListener("change", () => {
    if (!menu.value) return;
    editor.value = pretty(menu.value);
    specText = editor.value;
    remember(true);
    draw();
  });
}

await init();
FIELDS = JSON.parse(fields()).filter((f) => f.on_page);
buildControls();
$("compare").textContent = `Compare all ${combinations().length}`;
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
loadExamples();
