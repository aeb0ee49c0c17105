// node:querystring: Node's parse/stringify/escape/unescape rules.
import qs from "node:querystring";
const t=(...a)=>{try{console.log(JSON.stringify(a[0]), "->", JSON.stringify(qs.parse(...a)))}catch(e){console.log("ERR",e.message)}};
t("a=1&a=2&b=&c&=d&&e=%zz&f=%E2%82%AC+x&g=%FF&h=a=b");
t("a:1;b:2", ";", ":"); t("a=1&b=2&c=3", null, null, {maxKeys: 2}); t("a=%41", null, null, {decodeURIComponent: (s)=>s.toUpperCase()});
t("a[]=1&a[]=2"); t(""); t("&&"); t("a=1&&b==2"); t("a=1&a=2&a=3"); t("x=%7e%7E&y=%2B+%20"); t("a==&b=c=d&&==", "&", "=="); t("__proto__=1&constructor=2");
console.log(qs.stringify({a: [], b: 1}), qs.stringify({a:[1,2], b: "x y", c: true, d: null, e: undefined, f: NaN, g: 10n, h: {}, "€": "ü"}), qs.stringify("x"), qs.stringify({a:1,b:2}, ";", ":"));
console.log(qs.stringify({a: "b c"}, null, null, {encodeURIComponent: (s) => s.toUpperCase()}));
console.log(qs.escape("a b&ü!*()~\x27"), qs.unescape("%zz%41%E2%82%AC%FF+"), qs.unescape("a+b", true), qs.escape({toString(){return "x y"}}), qs.escape(5));
try{qs.escape("\ud800")}catch(e){console.log(e.name,e.code,e.message)}
try{qs.stringify({a:"\ud800"})}catch(e){console.log(e.name,e.code,e.message)}
console.log(qs.decode===qs.parse, qs.encode===qs.stringify, Object.keys(qs), Object.getPrototypeOf(qs.parse("a=1")));
