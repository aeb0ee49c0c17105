import util, { format, inspect, promisify, callbackify, inherits, isDeepStrictEqual, types } from "node:util";
import utilTypes from "node:util/types";
import { EventEmitter } from "node:events";
console.log(utilTypes === types, typeof util.TextEncoder, util.inspect === inspect);
console.log(format('%s %d %i %f %j %o %O %% %c|', 'str', 42.5, 42.5, '1.5', { a: 1 }, [1], { b: 2 }, 'color: red'), format('a', 'b', 3), format('%s', 5n, Symbol('x')), format('%d', '0x10'), format(1, '%s'));
console.log(format('%s', { a: { b: { c: 1 } } }), format('%s', () => 1), format('%s', null, undefined), format('%i', 2n ** 70n), format('%j', { toJSON() { return 'j'; } }));
const circ = {}; circ.self = circ; console.log(format('%j', circ));
console.log(inspect({ a: [1, 2, { b: new Map([[1, { c: new Set([1]) }]]) }] }, { depth: 0 }), inspect('str'), inspect(new Error('e').message));
console.log(inspect({ a: 1, b: 'x', c: [1, 2, 3] }, { compact: false }), inspect({ z: 1, a: 2 }, { sorted: true }), inspect([1, 2, 3], { breakLength: 3 }));
class C { [inspect.custom](depth, opts, insp) { return `C<${depth}>${typeof opts.stylize}${insp === inspect}`; } }
console.log(inspect(new C()), [new C()]);
console.log(inspect.custom === Symbol.for('nodejs.util.inspect.custom'), inspect.defaultOptions.depth, Object.keys(inspect.colors).length, inspect.styles.number);
const p = promisify((a, cb) => setTimeout(() => cb(null, a * 2), 1));
console.log(await p(21));
const pe = promisify((cb) => cb(new Error('nope')));
try { await pe(); } catch (e) { console.log('rejected', e.message); }
function custom() {} custom[promisify.custom] = () => 'custom!';
console.log(promisify(custom)(), promisify(custom) === custom[promisify.custom]);
try { promisify(5); } catch (e) { console.log(e.code, e.message); }
const cbf = callbackify(async (x) => x + 1);
await new Promise((r) => cbf(1, (err, v) => { console.log('callbackify', err, v, cbf.name, cbf.length); r(); }));
const cbf2 = callbackify(() => Promise.reject(null));
await new Promise((r) => cbf2((err) => { console.log(err.code, err.message, err.reason); r(); }));
function A() {} function B() {} inherits(A, B); console.log(A.super_ === B, new A() instanceof B);
try { inherits(A, null); } catch (e) { console.log(e.code, e.message); }
function Em() { EventEmitter.call(this); } inherits(Em, EventEmitter); const em = new Em(); em.on('x', (v) => console.log('Em', v)); em.emit('x', 1);
const eq = [[1, 1], [1, '1'], [NaN, NaN], [0, -0], [{ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }], [{ a: 1 }, { a: 1, b: undefined }],
  [[1, , 3], [1, undefined, 3]], [new Date(1), new Date(1)], [new Date(1), new Date(2)], [/a/g, /a/g], [/a/g, /a/i],
  [new Map([[{ k: 1 }, 'v']]), new Map([[{ k: 1 }, 'v']])], [new Set([1, { a: 1 }]), new Set([{ a: 1 }, 1])], [new Set([1]), new Set(['1'])],
  [Buffer.from('ab'), Buffer.from('ab')], [Buffer.from('ab'), new Uint8Array([97, 98])], [new Float64Array([0]), new Float64Array([-0])],
  [new Error('x'), new Error('x')], [new Error('x'), new TypeError('x')], [Object.create(null), {}], [new Number(1), new Number(1)], [new String('a'), 'a'],
  [{ [Symbol.for('s')]: 1 }, { [Symbol.for('s')]: 1 }], [{ [Symbol.for('s')]: 1 }, {}], [new ArrayBuffer(2), new ArrayBuffer(2)], [[1, 2], { 0: 1, 1: 2 }]];
const c1 = { a: 1 }; c1.self = c1; const c2 = { a: 1 }; c2.self = c2; eq.push([c1, c2]);
console.log(eq.map(([a, b]) => (isDeepStrictEqual(a, b) ? 'T' : 'F')).join(''));
const fns = [async () => {}, function* () {}, async function* () {}, () => {}, class {}];
console.log(fns.map((f) => [types.isAsyncFunction(f), types.isGeneratorFunction(f)].map(Number).join('')).join(' '));
const vals = [new Date(), /x/, new Map(), new Set(), new WeakMap(), new WeakSet(), Promise.resolve(), new Proxy({}, {}), new Uint8Array(1), new Float32Array(1), new DataView(new ArrayBuffer(1)), new ArrayBuffer(1), new Error(), new TypeError(), Object.create(Error.prototype), new Number(1), new String(''), Object(1n), Object(Symbol()), (function () { return arguments; })(), new Map().keys(), new Set().values(), (function* () {})(), { [Symbol.toStringTag]: 'Date' }, Buffer.alloc(1)];
const checks = ['isDate', 'isRegExp', 'isMap', 'isSet', 'isWeakMap', 'isWeakSet', 'isPromise', 'isProxy', 'isTypedArray', 'isUint8Array', 'isFloat32Array', 'isDataView', 'isArrayBuffer', 'isAnyArrayBuffer', 'isArrayBufferView', 'isNativeError', 'isNumberObject', 'isStringObject', 'isBigIntObject', 'isSymbolObject', 'isBoxedPrimitive', 'isArgumentsObject', 'isMapIterator', 'isSetIterator', 'isGeneratorObject'];
for (const c of checks) console.log(c.padEnd(20), vals.map((v) => Number(types[c](v))).join(''));
console.log(util.isArray([]), util.isBoolean(1), util.isBuffer(Buffer.alloc(1)), util.isPrimitive(null), util.isError(new Error()), util.isObject(null), util.isFunction(() => {}));
console.log(util.stripVTControlCharacters('\u001b[31mred\u001b[39m \u001b]8;;http://x\u0007link\u001b]8;;\u0007'), util.toUSVString('a\ud800b'), util.getSystemErrorName(-2), util.getSystemErrorName(-111), util.getSystemErrorMap().get(-13));
try { util.getSystemErrorName(2); } catch (e) { console.log(e.code, e.message); }
const d = util.deprecate(function old(x) { return x * 2; }, 'old() is old', 'DEP_X');
console.log(d(2), d(3), d.name);
console.log(util.formatWithOptions({ depth: 0 }, '%O', { a: { b: 1 } }), util._extend({ a: 1 }, { b: 2 }));
console.log(util.styleText('red', 'plain when not a tty'));
try { util.styleText('nope', 'x'); } catch (e) { console.log(e.code); }
console.log(util.debuglog('mrttest').enabled);
console.log(util.parseEnv('A=1\nB="two words"\n# c\nC=3 # note\nexport D=\'x\''));
inspect.defaultOptions.depth = 0;
console.log({ a: { b: 1 } });
util.inspect.defaultOptions = { depth: 2 };
console.log({ a: { b: { c: { d: 1 } } } }, inspect.defaultOptions.depth);
try { util.inspect.defaultOptions = null; } catch (e) { console.log(e.code); }
