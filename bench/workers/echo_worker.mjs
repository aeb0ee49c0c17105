// Answers every message with the same value; "count N" answers once after N messages.
let counting = 0, seen = 0;
self.onmessage = (e) => {
  const d = e.data;
  if (counting) {
    if (++seen === counting) { counting = 0; postMessage("counted"); }
    return;
  }
  if (typeof d === "string" && d.startsWith("count ")) { counting = +d.slice(6); seen = 0; return; }
  if (d instanceof ArrayBuffer) { postMessage(d, [d]); return; }
  postMessage(d);
};
