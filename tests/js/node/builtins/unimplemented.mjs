// node: skip
// A Node.js built-in module mrt does not implement says so (the same code as Node's for a
// name that is no module, ERR_UNKNOWN_BUILTIN_MODULE); a name that is no Node module keeps
// Node's wording.
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
for (const name of ["node:cluster", "inspector", "node:test", "node:nope"]) {
  try {
    await import(name);
  } catch (e) {
    console.log("import", name, e.code, e.message);
  }
}
for (const name of ["cluster", "node:inspector", "node:nope"]) {
  try {
    require(name);
  } catch (e) {
    console.log("require", name, e.code, e.message);
  }
}
