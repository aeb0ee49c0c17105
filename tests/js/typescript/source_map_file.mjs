// flags: --enable-source-maps
// exit: 1
// stderr: ^Uncaught TypeError: safe mode refused$
// stderr: ^    at run \(/.*/fixtures/maps/original\.ts:5:11\)$
// stderr: ^    at file://.*/source_map_file\.mjs:\d+:1$
// stderr: ^/.*/fixtures/maps/original\.ts:5:11$
// stderr: ^    throw new TypeError\("safe mode refused"\);$
// --enable-source-maps: JavaScript naming its map in a file (with sourcesContent) is traced
// to the original source.
import { run } from "./fixtures/maps/compiled_file.mjs";
console.log(run(0));
run(1);
