// A browser project using the element and the core.
import init, { render } from "archdiag";
import { ArchDiagram, ready } from "archdiag/element";
import { renderAll } from "archdiag/docs";

await init();
await ready;
const el = document.createElement("arch-diagram");
const typed: ArchDiagram = el;
const title: string | null = el.diagramTitle;
el.setAttribute("service", "eks");
document.body.append(typed);
const found: ArchDiagram | null = document.querySelector("arch-diagram");
const drawn: number = await renderAll(document);
document.body.insertAdjacentHTML("beforeend", render(JSON.stringify({ service: "ecs", hosting: "fargate" })));
console.log(title, found, drawn);
