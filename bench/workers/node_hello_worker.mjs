// node_start.mjs's worker: posts as soon as it runs (hello_worker.mjs for worker_threads).
import { parentPort } from "node:worker_threads";
parentPort.postMessage("up");
