// The serverless form for `mrt serve app.mjs --port N [--workers N]` and `deno serve`: the
// module's default export { fetch } (the form deno, bun and workerd share), with the shared
// handler chosen by SERVE_WORKLOAD (hello|echo|stream).
import { handlerFor } from "./handlers.mjs";
const env = (k) => globalThis.mrt?.env.get(k) ?? globalThis.Deno?.env.get(k) ?? globalThis.process?.env[k];
export default { fetch: handlerFor(env("SERVE_WORKLOAD")) };
