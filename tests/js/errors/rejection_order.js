// exit: 1
// stderr: ^Uncaught \(in promise\) Error: second$
// Three rejections; the first is handled later in the same checkpoint: the one reported is
// the earliest still unhandled (the second), as in Node.
const a = Promise.reject(new Error("first"));
const b = Promise.reject(new Error("second"));
const c = Promise.reject(new Error("third"));
Promise.resolve().then(() => a.catch(() => {}));
