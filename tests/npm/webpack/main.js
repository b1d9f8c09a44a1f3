// The app: <arch-diagram> draws from its attributes, and the page draws one more diagram with render().
import init, { render } from "archdiag";
import "archdiag/element";

await init();
document.querySelector("#rendered").innerHTML = render(JSON.stringify({ service: "ecs", hosting: "fargate" }));
document.documentElement.dataset.app = "drawn";
