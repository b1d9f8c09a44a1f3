// The page shell: reads the controls into a spec, asks the wasm core for SVG, shows it or the error.
import init, { render } from "./pkg/archdiag.js";

const form = document.getElementById("controls");
const figure = document.getElementById("diagram");
const errorBox = document.getElementById("error");
let lastSvg = "";

function spec() {
  const f = new FormData(form);
  const hosting = f.getAll("hosting");
  return {
    service: f.get("service"),
    hosting: hosting.length === 1 ? hosting[0] : hosting,
    registry: f.get("registry"),
    azs: Number(f.get("azs")),
    workers: Number(f.get("workers")),
    theme: f.get("theme"),
    direction: f.get("direction"),
    detail: f.get("detail"),
    responsibilities: f.get("responsibilities") === "on",
  };
}

function draw() {
  try {
    lastSvg = render(JSON.stringify(spec()));
    figure.innerHTML = lastSvg;
    errorBox.hidden = true;
    errorBox.textContent = "";
  } catch (e) {
    errorBox.textContent = e.message;
    errorBox.hidden = false;
  }
}

document.getElementById("download").addEventListener("click", () => {
  if (!lastSvg) return;
  const url = URL.createObjectURL(new Blob([lastSvg], { type: "image/svg+xml" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = "archdiag.svg";
  a.click();
  URL.revokeObjectURL(url);
});

await init();
form.addEventListener("input", draw);
form.addEventListener("change", draw);
draw();
document.body.dataset.ready = "true";
