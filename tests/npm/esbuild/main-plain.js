// The app with the plain core: esbuild does not copy the wasm (build:plain shows the failure; build:copy copies it by hand).
import init, { render } from "archdiag";
import "archdiag/element";

await init();
document.querySelector("#rendered").innerHTML = render(JSON.stringify({ service: "ecs", hosting: "fargate" }));
document.documentElement.dataset.app = "drawn";
