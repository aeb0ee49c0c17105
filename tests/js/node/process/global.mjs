// `global` is the global object; `process` is a global (not enumerable) and node:process's
// default export is the same object.
import processModule, { nextTick, env } from "node:process";
console.log(global === globalThis, typeof process, processModule === process, nextTick === process.nextTick, env === process.env);
console.log(Object.keys(globalThis).includes("process"), Object.getOwnPropertyDescriptor(globalThis, "global").enumerable);

