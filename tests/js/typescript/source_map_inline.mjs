// flags: --enable-source-maps
// exit: 1
// stderr: ^Uncaught TypeError: safe mode refused$
// stderr: ^    at run \(/.*/fixtures/maps/original\.ts:5:11\)$
// An inline data: URL map (no sourcesContent: the error's place has no source line).
import { run } from "./fixtures/maps/compiled_inline.mjs";
console.log(run(0));
run(1);
