// category: esm-only; depends on ESM-only packages (strip-ansi, emoji-regex, get-east-asian-width); needs: Intl.Segmenter
// Pinned to 7.x: 8.x uses RegExp /v (unicode sets), which V8 10.2 lacks.
import stringWidth from 'string-width';

console.log(stringWidth('a'));
//=> 1

console.log(stringWidth('古'));
//=> 2

console.log(stringWidth('\u001B[1m古\u001B[22m'));
//=> 2
console.log(stringWidth('👩‍👩‍👧 é x'), stringWidth('\u200B'), stringWidth('ａｂｃ'));
