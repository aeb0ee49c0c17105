// node: skip
// structuredClone and postMessage of Blob and File (HTML serializable objects; node 20
// clones a File as a plain Blob): bytes, type, name, lastModified; a subclass comes back as
// its platform class; a Blob is not transferable; other platform objects are refused.
const b = new Blob(["héllo"], { type: "text/plain" });
const c = structuredClone(b);
console.log(c instanceof Blob, c !== b, c.size, c.type);
c.text().then((t) => console.log(t));
const f = new File(["x"], "n.txt", { lastModified: 42, type: "a/b" });
const cf = structuredClone({ f });
console.log(cf.f instanceof File, cf.f.name, cf.f.lastModified, cf.f.type, cf.f.size);
class Sub extends File {}
console.log(Object.getPrototypeOf(structuredClone(new Sub([], ""))) === File.prototype);
try { structuredClone(b, { transfer: [b] }); } catch (e) { console.log(e.name); }
try { structuredClone(new EventTarget()); } catch (e) { console.log(e.name, e.message); }
const { port1, port2 } = new MessageChannel();
port2.onmessage = async (e) => { console.log("msg blob", await e.data.text()); port2.close(); };
port1.postMessage(new Blob(["via port"]));
