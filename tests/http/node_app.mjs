// node_app.mjs: `mrt serve`'s command line on node's http (node_serve.mjs), so run.mjs --node
// checks the robustness corpus before (and apart from) mrt:
//   node node_app.mjs app.js [--port N] [--host H] [--max-body-size N] [--header-timeout MS]
//        [--idle-timeout MS] [--request-timeout MS]
// Serves the module's default export { fetch(request, env, ctx) }; SIGTERM and SIGINT shut
// down gracefully and exit 0.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { serve } from "./node_serve.mjs";

const args = process.argv.slice(2);
const opt = { port: 8000, hostname: "127.0.0.1" };
let appPath = null;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const num = () => {
    const v = Number(args[++i]);
    if (!Number.isInteger(v) || v < 0) {
      console.error(`node_app: ${a} wants a non-negative integer`);
      process.exit(2);
    }
    return v;
  };
  if (a === "--port") opt.port = num();
  else if (a === "--host") opt.hostname = args[++i];
  else if (a === "--max-body-size") opt.maxBodySize = num();
  else if (a === "--header-timeout") opt.headerTimeout = num();
  else if (a === "--idle-timeout") opt.idleTimeout = num();
  else if (a === "--request-timeout") opt.requestTimeout = num();
  else if (!a.startsWith("-") && !appPath) appPath = a;
  else {
    console.error(`node_app: unknown option ${a}`);
    process.exit(2);
  }
}
if (!appPath) {
  console.error("usage: node_app.mjs app.js [--port N] ...");
  process.exit(2);
}
const app = (await import(pathToFileURL(path.resolve(appPath)).href)).default;
const ctx = { waitUntil() {}, passThroughOnException() {} };
const server = serve(opt, (request) => app.fetch(request, {}, ctx));
const stop = () => server.shutdown().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
