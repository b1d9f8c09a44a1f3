// Vite 7 and earlier pre-bundle dependencies for the dev server into node_modules/.vite/deps/, where the
// core's `new URL("archdiag_bg.wasm", import.meta.url)` finds no wasm: let the dev server serve archdiag
// as it is. (vite build needs nothing; Vite 8 needs nothing.)
export default { optimizeDeps: { exclude: ["archdiag"] } };
