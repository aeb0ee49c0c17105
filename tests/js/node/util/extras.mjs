// The rarely used corners: errno exceptions, transferable abort helpers, the export list.
import util from "node:util";
const e = util._errnoException(-2, 'open', 'x.txt'); console.log(e.message, e.code, e.errno, e.syscall);
const h = util._exceptionWithHostPort(-111, 'connect', '127.0.0.1', 80); console.log(h.message, h.address, h.port);
console.log(typeof util.transferableAbortController().abort);
console.log(Object.keys(util).filter(k => !['MIMEType','MIMEParams'].includes(k)).sort().join());
