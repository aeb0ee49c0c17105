// mrt.serve (Deno.serve's shape) with the shared handler: SERVE_PORT, SERVE_WORKLOAD (hello|echo|stream).
import { handlerFor } from "./handlers.mjs";
const handler = handlerFor(mrt.env.get("SERVE_WORKLOAD"));
mrt.serve({ port: Number(mrt.env.get("SERVE_PORT")), hostname: "127.0.0.1", onListen() {} }, handler);
