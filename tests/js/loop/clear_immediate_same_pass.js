// An immediate cleared by an earlier immediate of the same pass does not run.
let b;
setImmediate(() => {
  console.log('a clears b');
  clearImmediate(b);
});
b = setImmediate(() => console.log('b MUST NOT RUN'));
setImmediate(() => console.log('c'));
