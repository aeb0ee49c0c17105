// node:os: the shape of every answer (values differ by machine), constants, errors.
import os, { EOL, platform } from "node:os";
console.log(Object.keys(os).join(" "));
console.log(JSON.stringify(os.constants.signals) , JSON.stringify(os.constants.errno).length, os.constants.priority.PRIORITY_LOW);
console.log(["x64", "arm64"].includes(os.arch()), os.platform(), platform(), os.type(), os.release() === `${os.release}`, os.endianness(), JSON.stringify(EOL), os.devNull);
console.log(os.hostname().length > 0, os.homedir() === (process.env.HOME || os.userInfo().homedir), os.tmpdir() === (process.env.TMPDIR || "/tmp").replace(/(.)\/$/, "$1"), typeof os.userInfo().username, typeof os.userInfo().uid, `${os.hostname}` === os.hostname());
console.log(os.cpus().length === os.availableParallelism() || os.cpus().length > 0, Object.keys(os.cpus()[0]).join(), Object.keys(os.cpus()[0].times).join());
console.log(os.totalmem() > os.freemem(), os.freemem() > 0, os.loadavg().length, os.uptime() > 0, typeof os.version(), typeof os.machine());
const ni = os.networkInterfaces();
const lo = Object.values(ni).flat().find((e) => e.internal && e.family === "IPv4");
console.log(lo === undefined || JSON.stringify(lo));
console.log(Object.values(ni).flat().every((e) => typeof e.address === "string" && typeof e.cidr === "string" && /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(e.mac)));
console.log(os.getPriority(), typeof os.setPriority);
try { os.getPriority("x") } catch (e) { console.log(e.code, e.message) }
