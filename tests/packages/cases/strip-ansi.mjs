// category: esm-only
import stripAnsi from 'strip-ansi';

console.log(stripAnsi('\u001B[4mUnicorn\u001B[0m'));
//=> 'Unicorn'

console.log(stripAnsi('\u001B]8;;https://github.com\u0007Click\u001B]8;;\u0007'));
//=> 'Click'
