// The plain core with the wasm where the app puts it (dist-custom/assets/), named to init(): the element uses that too.
import init, { render } from "archdiag";
import "archdiag/element";

await init({ module_or_path: "/assets/archdiag_bg.wasm" });
document.querySelector("#rendered").innerHTML = render(JSON.stringify({ service: "ecs", hosting: "fargate" }));
document.documentElement.dataset.app = "drawn";
