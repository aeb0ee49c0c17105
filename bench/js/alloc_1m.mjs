// N=1e4 allocations of new Uint8Array(1048576), one byte touched each. Portable: mrt, node, deno, bun.
import { run } from "./alloc_lib.mjs"; run("alloc_1m", 1048576, 1e4);
