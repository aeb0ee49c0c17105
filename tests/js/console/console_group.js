// console.group indents by two spaces per level, including multi-line output.
console.log('level 0');
console.group('Group A');
console.log('level 1');
console.group();
console.log('level 2');
console.log({ a: 1, b: 'multi\nline string' });
console.log('line one\nline two');
console.groupEnd();
console.info('back to 1');
console.groupCollapsed('Collapsed');
console.log('inside collapsed');
console.groupEnd();
console.groupEnd();
console.groupEnd(); // extra groupEnd is harmless
console.log('level 0 again');
console.group('x', 42, { y: 1 });
console.log(Array.from({ length: 30 }, (_, i) => i));
console.groupEnd();
