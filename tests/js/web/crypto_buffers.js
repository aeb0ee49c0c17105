// crypto.subtle's BufferSource arguments: a detached buffer holds no bytes (digested as empty,
// not an error); memory of a SharedArrayBuffer is refused with a TypeError (BufferSource has
// no [AllowShared]); a view's offset and length are honoured.
const hex = (b) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, "0")).join("");
const detach = (buf) => structuredClone(buf, { transfer: [buf] });
(async () => {
  const s = crypto.subtle;
  const u = new Uint8Array([1, 2, 3]);
  detach(u.buffer);
  console.log("detached view:", hex(await s.digest("SHA-256", u)));
  const ab = new ArrayBuffer(4);
  detach(ab);
  console.log("detached ArrayBuffer:", hex(await s.digest("SHA-1", ab)));
  const big = new Uint8Array(70000); // the worker-pool path
  detach(big.buffer);
  console.log("detached, pool size:", hex(await s.digest("SHA-1", big)));
  const key = await s.importKey("raw", new Uint8Array(16), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const msg = new Uint8Array(5);
  detach(msg.buffer);
  console.log("HMAC of detached data:", hex(await s.sign("HMAC", key, msg)).slice(0, 16));
  const shared = new Uint8Array(new SharedArrayBuffer(8));
  for (const [what, fn] of [
    ["digest", () => s.digest("SHA-256", shared)],
    ["digest DataView", () => s.digest("SHA-256", new DataView(shared.buffer))],
    ["digest SharedArrayBuffer", () => s.digest("SHA-256", shared.buffer)],
    ["importKey", () => s.importKey("raw", shared, "HMAC", false, ["sign"])],
    ["sign", () => s.sign("HMAC", key, shared)],
  ]) {
    try {
      await fn();
      console.log(what, "of shared memory: accepted");
    } catch (e) {
      console.log(what, "of shared memory:", e.constructor.name);
    }
  }
  const view = new Uint8Array([9, 9, 1, 2, 3, 9]).subarray(2, 5);
  console.log("subarray:", hex(await s.digest("SHA-256", view)) === hex(await s.digest("SHA-256", new Uint8Array([1, 2, 3]))));
})();
