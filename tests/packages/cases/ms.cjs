// category: cjs-only (main "./index": extension probing)
const ms = require('ms');

console.log(ms('2 days'));  // 172800000
console.log(ms('1d'));      // 86400000
console.log(ms('10h'));     // 36000000
console.log(ms('2.5 hrs')); // 9000000
console.log(ms('1y'));      // 31557600000
console.log(ms('-3 days')); // -259200000
console.log(ms(60000));             // "1m"
console.log(ms(2 * 60000));         // "2m"
console.log(ms(ms('10 hours')));    // "10h"
console.log(ms(60000, { long: true }));             // "1 minute"
console.log(ms(-3 * 60000, { long: true }));        // "-3 minutes"
