// N=50 allocations of new Uint8Array(268435456), one byte touched each. Portable: mrt, node, deno, bun.
import { run } from "./alloc_lib.mjs"; run("alloc_256m", 268435456, 50);
