// node: skip
// exit: 1
// stderr: ^Uncaught SyntaxError: Invalid regular expression flags \(mrt: V8 10\.2 does not support the RegExp 'v' flag \(ES2024\)\)$
// Syntax newer than V8 10.2 fails to compile; the error names the feature.
console.log(/[\p{L}--[a-z]]/v.test("A"));
