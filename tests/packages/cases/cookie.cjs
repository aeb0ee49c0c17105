// category: cjs-only (main dist/index.js)
const cookie = require("cookie");

const cookieObject = cookie.parse("foo=bar; equation=E%3Dmc%5E2");
console.log(JSON.stringify(cookieObject));
const cookieHeader = cookie.serialize("foo", "bar", { httpOnly: true, maxAge: 60 * 60 * 24 * 7, path: "/", sameSite: "lax" });
console.log(cookieHeader);
console.log(cookie.serialize("name", "a b;c"));
