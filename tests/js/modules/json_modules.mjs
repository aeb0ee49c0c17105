// JSON modules with import assertions: static, through another module, dynamic; the same
// URL gives the same object; a JSON import without the assertion, or with another type, is
// a TypeError; invalid JSON is a SyntaxError.
import data from './fixtures/json/data.json' assert { type: 'json' };
import { data as viaModule, name } from './fixtures/json/uses_json.mjs';
console.log(data);
console.log('same object:', data === viaModule, name);
const ns = await import('./fixtures/json/data.json', { assert: { type: 'json' } });
console.log('dynamic:', ns.default === data, Object.keys(ns).join(','));
for (const [what, load] of [
  ['no assertion', () => import('./fixtures/json/data.json')],
  ['no assertion (static, in a dependency)', () => import('./fixtures/json/no_assert.mjs')],
  ['type json on a JS module', () => import('./fixtures/tla/sync.mjs', { assert: { type: 'json' } })],
  ['unsupported type', () => import('./fixtures/json/data.json', { assert: { type: 'css' } })],
  ['invalid JSON', () => import('./fixtures/json/bad.json', { assert: { type: 'json' } })],
]) {
  try {
    await load();
    console.log(what, '-> loaded?!');
  } catch (e) {
    console.log(what, '->', e.name, e.code ?? '');
  }
}
