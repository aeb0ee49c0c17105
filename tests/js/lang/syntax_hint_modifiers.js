// node: skip
// exit: 1
// stderr: ^Uncaught SyntaxError: Invalid regular expression: /\(\?i:a\)b/: Invalid group \(mrt: V8 10\.2 does not support RegExp modifiers \(ES2025\)\)$
console.log(/(?i:a)b/.test("Ab"));
