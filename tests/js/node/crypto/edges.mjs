// node:crypto edge cases: DataView input, outputLength on fixed and XOF digests, a copy
// after digest, an unknown output encoding, empty KDF outputs.
import crypto from "node:crypto";
const t = (f) => { try { console.log("ok", f()); } catch (e) { console.log(e.name, e.code, e.message); } };
t(() => crypto.createHash("sha256").update(new DataView(new ArrayBuffer(4))).digest("base64url"));
t(() => crypto.createHash("sha1").update("x").digest("latin1").length);
t(() => crypto.createHash("sha256", { outputLength: 8 }).update("x").digest("hex"));
t(() => crypto.createHash("sha256", { outputLength: 32 }).update("x").digest("hex"));
t(() => crypto.createHash("shake128").update("x").digest("hex"));
t(() => crypto.createHash("shake128", { outputLength: 0 }).update("x").digest("hex"));
t(() => { const h = crypto.createHash("md5"); h.digest(); return h.copy(); });
t(() => crypto.createHmac("sha256", new ArrayBuffer(3)).update("x").digest("hex"));
t(() => crypto.createHash("sha256").update("x").digest("nope").length);
t(() => crypto.hash("sha256", "x", "buffer").length);
t(() => crypto.randomUUID({ disableEntropyCache: true }).length);
t(() => crypto.randomBytes(0).length);
t(() => crypto.pbkdf2Sync("", "", 1, 0, "sha256").length);
t(() => crypto.scryptSync("", "", 0).length);
