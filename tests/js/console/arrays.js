// Arrays: empty, nested, sparse, holes, extra properties, long arrays.
console.log([]);
console.log([1, 2, 3]);
console.log([[1, [2, [3, [4, [5]]]]]]);
console.log([1, , 3]);
console.log([, , , 4]);
console.log(new Array(5));
const a = [1, 2];
a.extra = 'prop';
a[-1] = 'neg';
console.log(a);
console.log(Array.from({ length: 120 }, (_, i) => i));
console.log([undefined, null, NaN, -0]);
console.log([['a', 'b'], ['c', 'd']]);
console.log([{ a: 1 }, { b: 2 }]);
