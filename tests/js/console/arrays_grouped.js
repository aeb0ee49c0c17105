// Long arrays of short items are printed in aligned columns.
console.log(Array.from({ length: 30 }, (_, i) => i * 7));
console.log(Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + i).repeat(1 + (i % 4))));
console.log(Array.from({ length: 10 }, (_, i) => i % 2 ? -i * 1000 : i));
console.log([1.5, 22.25, 333.125, 4, 55, 666, 7777, 88888, 1, 2]);
console.log(Array.from({ length: 8 }, (_, i) => ({ i })));
