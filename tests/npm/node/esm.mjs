// ESM in Node, as the package README says: the spec on stdin, the SVG on stdout, an error as the CLI's line.
import init, { render, layout, describe, check } from "archdiag";

await init();
const spec = await new Response(process.stdin).text();
for (const fn of [render, layout, describe, check]) if (typeof fn !== "function") throw new Error("not a function");
try {
  process.stdout.write(render(spec));
} catch (e) {
  process.stderr.write(`${e instanceof Error ? "error" : "not an Error"}: ${e.message}\n`);
  process.exitCode = 2;
}
