// Bun.serve with the shared handler: SERVE_PORT, SERVE_WORKLOAD (hello|echo|stream).
import { handlerFor } from "./handlers.mjs";
const handler = handlerFor(process.env.SERVE_WORKLOAD);
Bun.serve({ port: Number(process.env.SERVE_PORT), hostname: "127.0.0.1", development: false, fetch: handler });
