// N=20 allocations of new Uint8Array(1073741824), one byte touched each. Portable: mrt, node, deno, bun.
import { run } from "./alloc_lib.mjs"; run("alloc_1g", 1073741824, 20);
