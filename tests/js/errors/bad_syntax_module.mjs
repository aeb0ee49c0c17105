// exit: 1
// stderr: SyntaxError
// stderr: bad_syntax_module\.mjs:7
// A syntax error in a module: nothing runs, exit 1.
console.log('MUST NOT PRINT');
export const ok = 1;
export default function (;
