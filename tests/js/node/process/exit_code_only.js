// exit: 4
// process.exit() with no code uses process.exitCode; exitCode accepts integer strings.
process.exitCode = "4";
console.log(process.exitCode, typeof process.exitCode);
try { process.exitCode = 1.5; } catch (e) { console.log(e.code, e.name); }
try { process.exitCode = {}; } catch (e) { console.log(e.code, e.name); }
console.log(process.exitCode);
process.exit();
