// Top-level await on async WebAssembly compilation: the module finishes evaluating.
const bytes = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 7, 1, 96, 2, 127, 127, 1, 127, 3, 2, 1, 0, 7, 7, 1, 3, 97,
  100, 100, 0, 0, 10, 9, 1, 7, 0, 32, 0, 32, 1, 106, 11,
]);
const module = await WebAssembly.compile(bytes);
console.log(WebAssembly.Module.exports(module));
const instance = await WebAssembly.instantiate(module);
console.log('add', instance.exports.add(40, 2));
const { instance: again } = await WebAssembly.instantiate(bytes);
console.log('again', again.exports.add(1, 1));
