// Deno.serve with the shared handler: SERVE_PORT, SERVE_WORKLOAD (hello|echo|stream).
import { handlerFor } from "./handlers.mjs";
const handler = handlerFor(Deno.env.get("SERVE_WORKLOAD"));
Deno.serve({ port: Number(Deno.env.get("SERVE_PORT")), hostname: "127.0.0.1", onListen() {} }, handler);
