// category: cjs-only (main dist/cjs.js)
const merge = require('deepmerge')

const x = {
  foo: { bar: 3 },
  array: [{ does: 'work', too: [1, 2, 3] }],
}
const y = {
  foo: { baz: 4 },
  quux: 5,
  array: [{ does: 'work', too: [4, 5, 6] }, { really: 'yes' }],
}
console.log(JSON.stringify(merge(x, y)))
const overwriteMerge = (destinationArray, sourceArray, options) => sourceArray
console.log(JSON.stringify(merge([1, 2, 3], [3, 2, 1], { arrayMerge: overwriteMerge })))
console.log(JSON.stringify(merge.all([{ a: 1 }, { b: 2 }, { c: { d: 3 } }])))
