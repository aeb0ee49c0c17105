// category: esm-only; needs: deep subpath export (mime/lite)
import mime from 'mime';
import { Mime } from 'mime/lite';
import standardTypes from 'mime/types/standard.js';

console.log(mime.getType('txt'));                    // ⇨ 'text/plain'
console.log(mime.getType('dir/text.txt'));           // ⇨ 'text/plain'
console.log(mime.getType('.text.txt'));              // ⇨ 'text/plain'
console.log(mime.getExtension('text/plain'));               // ⇨ 'txt'
console.log(mime.getExtension('application/json'));         // ⇨ 'json'
console.log([...mime.getAllExtensions('image/jpeg')].join(','));
const myMime = new Mime(standardTypes);
myMime.define({'text/x-abc': ['abc', 'abcd']});
console.log(myMime.getType('abcd'), myMime.getType('html'));
