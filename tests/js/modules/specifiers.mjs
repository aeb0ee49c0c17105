// Relative (./, ../), absolute-path and file: URL specifiers all name the same module.
import { leaf } from './fixtures/sub/deeper/leaf.mjs';
const here = import.meta.url.replace(/[^/]*$/, '');
const url = here + 'fixtures/sub/up.mjs';
const byUrl = await import(url);
const byPath = await import(url.slice('file://'.length));
const byDots = await import('./fixtures/sub/deeper/../up.mjs');
console.log(leaf, byUrl === byPath, byPath === byDots, byDots.up);
