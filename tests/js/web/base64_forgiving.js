// atob/btoa: forgiving-base64 (ASCII whitespace dropped, optional padding, bad length or
// character an InvalidCharacterError DOMException), argument conversion, the globals' shape.
const cases = ["", "abcd", " abcd", "abcd ", "ab\tcd", "ab\ncd\f\r", "ab\u000bcd", "abc", "ab", "a", "ab=", "ab==", "abc=", "abc==", "a===", "ab=c", "=abc", "abcd=", "abcd==", "ab cd=", "ab==  ", "ab = =", "\u00ffab", "YQ", "YR", "YR==", "ab\u00a0cd", "////", "-_==", null, undefined, 12, "a\u0100"];
for (const c of cases) { let r; try { r = JSON.stringify(atob(c)); } catch (e) { r = e.name + (e instanceof DOMException ? ":DOMException:" + e.code : ""); } console.log(JSON.stringify(c), r); }
for (const c of ["", "a", "\u00ff\u00fe", "\u0100", null, undefined, 1.5]) { let r; try { r = btoa(c); } catch (e) { r = e.name + (e instanceof DOMException ? ":DOMException:" + e.code : ""); } console.log("btoa", JSON.stringify(c), r); }
try { atob(); } catch (e) { console.log(e.name); }
console.log(atob.length, btoa.length, atob.name, Object.getOwnPropertyDescriptor(globalThis, "atob").enumerable);
