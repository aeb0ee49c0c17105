// node: skip    (node 20 has no type stripping; .out checked with `deno run`)
// Imports between TypeScript files name the real extension (.ts, .mts), as Node and Deno
// require; JavaScript may import TypeScript; import() of a .ts file.
import twice, { kind } from "./fixtures/kinds.mts";
import { describe, Square } from "./fixtures/plain.mjs";
import type { Id } from "./fixtures/shapes.ts";

const id: Id = "x";
console.log(kind, twice<number>(3), describe(new Square(2)), id);
const ns = await import("./fixtures/shapes.ts");
console.log(Object.keys(ns).sort().join(","));
