// Buffers in console.log and util.inspect, as Node shows them.
const b = Buffer.from('hi');
console.log(b);
console.log([b, Buffer.alloc(0)], { nested: { deeper: { b } } });
b.x = 1;
b[Symbol('s')] = 2;
console.log(b);
console.log(Buffer.alloc(51));
console.log(Buffer.alloc(52, 1));
console.log(Buffer.from('x').inspect());
import buffer from 'node:buffer';
buffer.INSPECT_MAX_BYTES = 2;
console.log(Buffer.from('abcd'));
buffer.INSPECT_MAX_BYTES = 50;
console.log(Object.keys(Buffer.from('ab')), String(Buffer.from('ab')), `${Buffer.from([0xe2, 0x82, 0xac])}`);
console.log(new Uint8Array(Buffer.from('ab')), Array.from(Buffer.from('ab')));
