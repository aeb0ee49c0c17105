// node: skip    (node 20 has no type stripping; positions checked with `deno run`)
// exit: 1
// stderr: ^Uncaught Error: over 10: 11$
// stderr: ^    at Guard\.check \(file://.*/fixtures/enum_throws\.ts:6:31\)$
// stderr: ^    at file://.*/stack_mapped\.ts:14:15$
// stderr: fixtures/enum_throws\.ts:6:31$
// stderr: ^    if \(v > this\.limit\) throw new Error\(`over \$\{this\.limit\}: \$\{v\}`\);$
// A file with an enum and parameter properties is transformed (lines move): its source map
// takes the trace and the error's place back to the .ts source.
import { Guard, Level } from "./fixtures/enum_throws.ts";

const g = new Guard(Level.High);
console.log(g.check(2));
console.log(g.check(11));
