// category: cjs-only; needs: Buffer, node:string_decoder, safer-buffer, require of JSON tables
var iconv = require('iconv-lite');

// Convert from an encoded buffer to a js string.
var str = iconv.decode(Buffer.from([0x68, 0x65, 0x6c, 0x6c, 0x6f]), 'win1251');
console.log(str);

// Convert from a js string to an encoded buffer.
var buf = iconv.encode("Sample input string", 'win1251');
console.log(buf.length, buf.toString('hex').slice(0, 16));

// Check if encoding is supported
console.log(iconv.encodingExists("us-ascii"), iconv.encodingExists("nope-1"));

console.log(iconv.encode('привет', 'koi8-r').toString('hex'));
console.log(iconv.decode(iconv.encode('日本語テキスト', 'shift_jis'), 'shift_jis'));
console.log(iconv.decode(Buffer.from('a2e3', 'hex'), 'gbk'));
