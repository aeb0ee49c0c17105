// timeout: 30000
// 50000 immediates run in order; immediates queued while running run in the next pass.
let count = 0, ok = true;
for (let i = 0; i < 50000; i++) {
  setImmediate(() => {
    if (count !== i) ok = false;
    count++;
  });
}
setImmediate(() => {
  console.log(`ran ${count} immediates in order: ${ok}`);
  setImmediate(() => console.log('next pass'));
});
