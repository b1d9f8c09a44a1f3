// Deliberate mistakes the types must catch (the test expects exactly these errors).
import "archdiag/element";

const el = document.createElement("arch-diagram");
const n: number = el.diagramTitle;
el.diagramTitle = "read-only";
