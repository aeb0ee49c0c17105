// node: skip    (node 20 has no type stripping; place checked with `deno run`)
// exit: 1
// stderr: syntax_error\.ts:6:24$
// stderr: ^const broken: number = ;$
// stderr: ^Uncaught SyntaxError: Expression expected$
const broken: number = ;
console.log(broken);
