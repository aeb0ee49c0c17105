// exit: 1
// stderr: Cannot find module '/.*/fixtures/errors/gone\.mjs' imported from /.*/fixtures/errors/imports_missing\.mjs
// stderr: ^file:///.*/fixtures/errors/imports_missing\.mjs:2:25$
// stderr: ^import \{ nothing \} from '\./gone\.mjs';$
// A missing module deep in the graph names the specifier and the importing module.
import './fixtures/errors/imports_missing.mjs';
console.log('MUST NOT PRINT');
