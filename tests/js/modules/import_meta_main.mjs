// node: skip
// import.meta.main is true only in the main module (Deno's rule); import.meta.resolve
// resolves without loading and throws a TypeError for bare specifiers.
import { isMain, url } from './fixtures/meta_dep.mjs';
console.log('main module:', import.meta.main, 'dependency:', isMain);
console.log('dependency url:', url.slice(url.indexOf('/fixtures/')));
console.log(import.meta.resolve('./fixtures/nope.mjs').endsWith('/modules/fixtures/nope.mjs'));
console.log(import.meta.resolve('file:///a/b/../c.mjs'));
try {
  import.meta.resolve('bare');
} catch (e) {
  console.log(e.name, e.message.replace(/file:\/\/\/.*\//, '.../'));
}
const dyn = await import('./fixtures/meta_dep.mjs?dynamic');
console.log('dynamically imported:', dyn.isMain);
console.log(Object.keys(import.meta).join(','));
