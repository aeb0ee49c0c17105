// 64-byte echo over 127.0.0.1, 16 connections, 2e4 round trips each. Portable: mrt, node, deno, bun.
import { run } from "./tcp_lib.mjs"; await run(16);
