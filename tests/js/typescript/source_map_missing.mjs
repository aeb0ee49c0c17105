// flags: --enable-source-maps
// exit: 1
// stderr: ^Uncaught Error: no map here$
// stderr: ^    at fail \(file://.*/fixtures/maps/missing_map\.mjs:2:9\)$
// A map that cannot be read is ignored (as Node ignores it): the generated places stay.
import { fail } from "./fixtures/maps/missing_map.mjs";
fail();
