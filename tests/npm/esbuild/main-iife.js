// esbuild's default output format (an IIFE, a classic script): the inline core, the element and auto-render, no top-level await.
import init, { render } from "archdiag/inline";
import "archdiag/element";
import "archdiag/docs";

init().then(() => {
  document.querySelector("#rendered").innerHTML = render(JSON.stringify({ service: "ecs", hosting: "fargate" }));
  document.documentElement.dataset.app = "drawn";
});
