// node: skip
// exit: 1
// stderr: ^Uncaught SyntaxError: Unexpected identifier \(mrt: V8 10\.2 does not support `using` declarations \(explicit resource management\)\)$
{
  using resource = { [Symbol.dispose ?? "dispose"]() {} };
}
