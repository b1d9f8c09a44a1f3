// CommonJS in Node: require, no init, no require(esm).
const { render, layout, describe, check } = require("archdiag");

for (const fn of [render, layout, describe, check]) if (typeof fn !== "function") throw new Error("not a function");
let spec = "";
process.stdin.on("data", (d) => (spec += d));
process.stdin.on("end", () => {
  try {
    process.stdout.write(render(spec));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? "error" : "not an Error"}: ${e.message}\n`);
    process.exitCode = 2;
  }
});
