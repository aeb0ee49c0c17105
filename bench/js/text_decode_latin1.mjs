// TextDecoder windows-1252 (latin1) decode of ~1 MB (mostly ASCII text), GB/s (higher is better).
// Portable: mrt, node, deno, bun.
import { run } from "./text_decode_lib.mjs";
run("text_decode_latin1", "latin1");
