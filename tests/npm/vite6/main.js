// The app for Vite 6, whose default build target (ES2020 and the browsers of 2020) has no top-level
// await: neither may the package's modules.
import init, { render } from "archdiag";
import "archdiag/element";

init().then(() => {
  document.querySelector("#rendered").innerHTML = render(JSON.stringify({ service: "ecs", hosting: "fargate" }));
  document.documentElement.dataset.app = "drawn";
});
