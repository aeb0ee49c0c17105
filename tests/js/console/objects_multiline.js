// Objects longer than the line width are broken over several lines.
console.log({ alpha: 'aaaaaaaaaa', beta: 'bbbbbbbbbb', gamma: 'cccccccccc', delta: 'dddddddddd', epsilon: 1 });
console.log({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10, k: 11, l: 12, m: 13, n: 14, o: 15, p: 16, q: 17, r: 18, s: 19, t: 20, u: 21, v: 22, w: 23, x: 24, y: 25, z: 26, aa: 27 });
console.log({ outer: { inner1: { x: 'some text here' }, inner2: { y: 'some more text here' }, inner3: [1, 2, 3] } });
console.log([{ name: 'first entry', value: 1 }, { name: 'second entry', value: 2 }, { name: 'third entry', value: 3 }]);
const wide = {};
for (let i = 0; i < 30; i++) wide['key' + i] = i;
console.log(wide);
