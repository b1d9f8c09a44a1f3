// archdiag/inline in Node (the `node` condition gives the Node build): the same as esm.mjs.
import init, { render } from "archdiag/inline";

await init();
const spec = await new Response(process.stdin).text();
try {
  process.stdout.write(render(spec));
} catch (e) {
  process.stderr.write(`${e instanceof Error ? "error" : "not an Error"}: ${e.message}\n`);
  process.exitCode = 2;
}
