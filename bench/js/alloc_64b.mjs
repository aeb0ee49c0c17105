// N=1e6 allocations of new Uint8Array(64), one byte touched each. Portable: mrt, node, deno, bun.
import { run } from "./alloc_lib.mjs"; run("alloc_64b", 64, 1e6);
