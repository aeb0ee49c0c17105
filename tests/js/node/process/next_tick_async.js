// nextTick with async functions and await: each await resumes in a microtask, ticks queued
// meanwhile run once the microtask queue is empty.
const log = (s) => console.log(s);
async function a() {
  log("a start");
  await null;
  log("a after await 1");
  process.nextTick(() => log("tick from a"));
  await null;
  log("a after await 2");
  await new Promise((r) => setTimeout(r, 1));
  log("a after timeout");
  process.nextTick(() => log("tick after timeout"));
  await null;
  log("a end");
}
process.nextTick(() => log("tick 1"));
a().then(() => log("a resolved"));
process.nextTick(() => log("tick 2"));
log("sync end");
