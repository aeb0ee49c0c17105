// FORCE_COLOR wins over NO_COLOR, with a warning (once).
// stderr: The 'NO_COLOR' env is ignored due to the 'FORCE_COLOR' env being set
const tty = require("node:tty");
const depth = (env) => tty.WriteStream.prototype.getColorDepth.call({}, env);
console.log(depth({ FORCE_COLOR: "2", NO_COLOR: "1" }), depth({ FORCE_COLOR: "1", NO_COLOR: "1" }));
