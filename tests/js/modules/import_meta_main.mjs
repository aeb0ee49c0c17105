// node: skip
// import.meta.main is true only in the main module (Deno's rule); import.meta.resolve
// resolves without loading (a missing file still gives its URL, as in Node) and throws
// Node's error for a package that is not there.
import { isMain, url } from './fixtures/meta_dep.mjs';
console.log('main module:', import.meta.main, 'dependency:', isMain);
console.log('dependency url:', url.slice(url.indexOf('/fixtures/')));
console.log(import.meta.resolve('./fixtures/nope.mjs').endsWith('/modules/fixtures/nope.mjs'));
console.log(import.meta.resolve('file:///a/b/../c.mjs'));
try {
  import.meta.resolve('bare');
} catch (e) {
  console.log(e.name, e.code, e.message.replace(/\/\S*\//, '.../'));
}
const dyn = await import('./fixtures/meta_dep.mjs?dynamic');
console.log('dynamically imported:', dyn.isMain);
console.log(Object.keys(import.meta).join(','));
