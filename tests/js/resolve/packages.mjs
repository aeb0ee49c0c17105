// Node's package resolution: main, index.js, exports (conditions, patterns, null, arrays),
// imports, self-reference, scoped names, nested node_modules, symlinks.
import './fixtures/app/t_packages.js';
