// node: skip
// exit: 1
// stderr: ERR_UNKNOWN_BUILTIN_MODULE
// stderr: mrt does not implement the Node.js built-in module 'node:cluster'
import cluster from "cluster";
console.log("not reached", typeof cluster);
