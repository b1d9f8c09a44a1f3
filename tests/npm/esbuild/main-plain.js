// The same app with the plain core: esbuild does not copy the wasm, so this build shows the failure.
import init, { render } from "archdiag";
import "archdiag/element";

await init();
document.querySelector("#rendered").innerHTML = render(JSON.stringify({ service: "ecs", hosting: "fargate" }));
document.documentElement.dataset.app = "drawn";
