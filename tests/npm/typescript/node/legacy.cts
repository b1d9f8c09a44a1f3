// The same project's CommonJS file: TypeScript's typed require.
import archdiag = require("archdiag");

const svg: string = archdiag.render(JSON.stringify({ service: "eks", hosting: "fargate" }));
try {
  archdiag.render("{");
} catch (e) {
  if (!(e instanceof Error)) throw new Error("not an Error");
}
process.stdout.write(JSON.stringify({ svg: svg.startsWith("<svg") }) + "\n");
