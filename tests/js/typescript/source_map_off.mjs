// exit: 1
// stderr: ^Uncaught TypeError: safe mode refused$
// stderr: ^    at run \(file://.*/fixtures/maps/compiled_file\.mjs:8:15\)$
// Without --enable-source-maps the generated file's places are shown.
import { run } from "./fixtures/maps/compiled_file.mjs";
console.log(run(0));
run(1);
