// Bad arguments fail as Node's do.
const tries = [
  () => process.nextTick(5),
  () => process.nextTick(),
  () => process.chdir(5),
  () => process.hrtime(5),
  () => process.hrtime([1]),
  () => process.umask("89"),
  () => process.kill("x"),
  () => process.kill(process.pid, "SIGNOPE"),
];
for (const t of tries) {
  try {
    t();
    console.log("no error");
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
