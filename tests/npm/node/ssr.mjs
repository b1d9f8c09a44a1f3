// Server-side rendering: importing the browser modules in plain Node (no DOM) must neither throw nor
// define anything. Prints the global names the imports added, as JSON.
const before = new Set(Reflect.ownKeys(globalThis));
const element = await import("archdiag/element");
const docs = await import("archdiag/docs");
const added = Reflect.ownKeys(globalThis).filter((k) => !before.has(k)).map(String);
console.log(JSON.stringify({ added, element: Object.keys(element).sort(), docs: Object.keys(docs).sort() }));
