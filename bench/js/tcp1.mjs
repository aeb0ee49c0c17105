// 64-byte echo over 127.0.0.1, 1 connection, 2e4 round trips. Portable: mrt, node, deno, bun.
import { run } from "./tcp_lib.mjs"; await run(1);
