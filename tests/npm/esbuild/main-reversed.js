// The inline core imported after the element: the element has already asked for archdiag_bg.wasm by then.
import "archdiag/element";
import init, { render } from "archdiag/inline";

await init();
document.querySelector("#rendered").innerHTML = render(JSON.stringify({ service: "ecs", hosting: "fargate" }));
document.documentElement.dataset.app = "drawn";
