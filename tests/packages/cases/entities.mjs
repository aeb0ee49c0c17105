// category: esm-only (type module, exports default)
import * as entities from "entities";

// Encoding
console.log(entities.escapeUTF8("&#38; ü")); // "&amp;#38; ü"
console.log(entities.encodeXML("&#38; ü")); // "&amp;#38; &#xfc;"
console.log(entities.encodeHTML("&#38; ü")); // "&amp;&num;38&semi; &uuml;"

// Decoding
console.log(entities.decodeXML("asdf &amp; &#xFF; &#xFC; &apos;")); // "asdf & ÿ ü '"
console.log(entities.decodeHTML("asdf &amp; &yuml; &uuml; &apos;")); // "asdf & ÿ ü '"
