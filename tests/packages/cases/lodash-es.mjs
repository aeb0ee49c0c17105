// category: esm-only (type module, no exports: main + file paths with extension)
import { groupBy, debounce, merge } from 'lodash-es';
import chunk from 'lodash-es/chunk.js';

console.log(JSON.stringify(groupBy(['one', 'two', 'three'], 'length')));
console.log(JSON.stringify(merge({ a: [{ b: 2 }] }, { a: [{ c: 3 }] })));
console.log(JSON.stringify(chunk([1, 2, 3, 4, 5], 2)));
const d = debounce((x) => console.log('debounced', x), 10);
d(1); d(2); d(3);
