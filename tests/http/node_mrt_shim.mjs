// node_mrt_shim.mjs: globalThis.mrt.serve on node (node_serve.mjs), so serve_api.js runs
// under `node --import ./node_mrt_shim.mjs` as under mrt (run.mjs --node).
import { serve } from "./node_serve.mjs";

globalThis.mrt = { serve };
