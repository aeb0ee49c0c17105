// atob / btoa: forgiving-base64 and InvalidCharacterError.
const show = (f) => {
  try { return JSON.stringify(f()); } catch (e) { return `${e.name}: ${e.message} (${e.code}) ${e instanceof DOMException} ${e instanceof Error}`; }
};
for (const s of ["", "f", "fo", "foo", "foob", "fooba", "foobar", "\u00ff\u00fe\u0000", "\u00e9t\u00e9", "\u0100", "\ud83d\ude00", 123, null, undefined, true]) {
  console.log("btoa", JSON.stringify(s), show(() => btoa(s)));
}
for (const s of ["", "Zg", "Zg=", "Zg==", "Zg===", "Zm8", "Zm8=", "Zm9v", " Zm9v ", "Z m\n9\tv\f\r", "Zm9v\u00a0", "Zm9vYg", "Z", "ZZZZZ", "Zm9v=", "Zm=9v", "=Zm9v", "Zm9v-_", "Zm+/", "//79", "////", "AAAA", null, undefined, 12, "YQ", "YR==", "YQ=="]) {
  console.log("atob", JSON.stringify(s), show(() => atob(s)));
}
console.log(show(() => atob()), show(() => btoa()));
let all = "";
for (let i = 0; i < 256; i++) all += String.fromCharCode(i);
const enc = btoa(all);
console.log(enc);
console.log(atob(enc) === all);
const big = all.repeat(4000);
console.log(atob(btoa(big)) === big, btoa(big).length);
console.log(typeof DOMException, new DOMException("m", "AbortError").code, DOMException.DATA_CLONE_ERR, new DOMException().name, new DOMException("x").message);
console.log(Object.prototype.toString.call(new DOMException("x")));
