// category: cjs-only; needs: node:buffer (require('buffer'))
var Buffer = require('safe-buffer').Buffer

console.log(Buffer.from('hey', 'utf8').toString('hex'))
console.log(Buffer.from('aGVsbG8gd29ybGQ=', 'base64').toString())
console.log(Buffer.alloc(4, 'ab').toString())
console.log(Buffer.allocUnsafe(8).length, Buffer.isBuffer(Buffer.from([1])))
