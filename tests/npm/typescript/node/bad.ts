// Deliberate mistakes the types must catch (the test expects exactly these errors).
import { render } from "archdiag";

const n: number = render("{}");
render({ service: "ecs" });
