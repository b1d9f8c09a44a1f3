/** Draws every archdiag block under `root`; resolves to how many it found. Runs once on import. */
export function renderAll(root?: ParentNode): Promise<number>;
