// N=1e5 allocations of new Uint8Array(65536), one byte touched each. Portable: mrt, node, deno, bun.
import { run } from "./alloc_lib.mjs"; run("alloc_64k", 65536, 1e5);
