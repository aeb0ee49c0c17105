// ES modules importing CommonJS: `default` is module.exports; the named exports are what
// cjs-module-lexer finds (assignments, defineProperty, object literals, esbuild's and tsc's
// __esModule/__export/__exportStar re-exports).
import lex, * as lexNs from './fixtures/lex_exports.js';
import obj, { a, b, c } from './fixtures/lex_object.js';
import esb, { hello, version } from './fixtures/lex_esbuild.js';
import * as tsc from './fixtures/lex_tsc.js';
import * as reexp from './fixtures/lex_reexport.js';
import greet from './fixtures/reassign.js';
import data from './fixtures/data.json' assert { type: 'json' };

console.log(Object.keys(lexNs), lex.d, lexNs.e, lexNs.unused);
console.log(a, b, c(), obj['d-e'], 'hidden' in obj);
console.log(typeof esb, esb.default, hello('esm'), version, esb.__esModule);
console.log(Object.keys(tsc), tsc.own, tsc.a, tsc.fromPkg);
console.log(Object.keys(reexp));
console.log(greet('esm'), data.name);
