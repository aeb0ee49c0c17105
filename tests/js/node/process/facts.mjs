// The facts packages read: argv's shape, versions, platform, cwd/chdir, hrtime, memory,
// uptime, pid, umask, the process object's own tag and EventEmitter nature.
// args: one "two words"
import path from "node:path";
import EventEmitter from "node:events";
import { fileURLToPath } from "node:url";
const __filename = fileURLToPath(import.meta.url);
const __dirname = path.dirname(__filename);
console.log(process.argv.length, path.isAbsolute(process.argv[0]), process.argv[1] === __filename, process.argv.slice(2));
console.log(typeof process.argv0, process.execArgv, path.isAbsolute(process.execPath));
console.log(/^v20\.\d+\.\d+$/.test(process.version), process.version === `v${process.versions.node}`, typeof process.versions.v8, process.release.name);
console.log(process.platform, ["x64", "arm64"].includes(process.arch), typeof process.pid, process.pid > 0, typeof process.ppid, process.ppid > 0);
console.log(Object.prototype.toString.call(process), typeof process.on, typeof process.emit, process instanceof EventEmitter);
console.log(process.cwd() === __dirname);
process.chdir("..");
console.log(process.cwd() === path.dirname(__dirname));
process.chdir(__dirname);
try { process.chdir("/definitely/not/here"); } catch (e) { console.log(e.code, e.syscall, e.message.startsWith("ENOENT: no such file or directory, chdir")); }
const t = process.hrtime();
console.log(Array.isArray(t), t.length, Number.isInteger(t[0]), t[1] >= 0 && t[1] < 1e9);
const d = process.hrtime(t);
console.log(d[0] >= 0, d[1] >= 0);
const b1 = process.hrtime.bigint();
const b2 = process.hrtime.bigint();
console.log(typeof b1, b2 >= b1);
const m = process.memoryUsage();
console.log(Object.keys(m).join(), m.rss > 0, typeof process.memoryUsage.rss(), process.memoryUsage.rss() > 0);
console.log(typeof process.uptime(), process.uptime() >= 0 && process.uptime() < 60);
const old = process.umask(0o22);
console.log(typeof old, process.umask() === 0o22, process.umask("0027") === 0o22, process.umask() === 0o27);
process.umask(old);
console.log(typeof process.title, typeof process.features, typeof process.config, process.exitCode);
console.log(typeof process.stdout.write, process.stdout.fd, process.stderr.fd, process.stdin.fd, typeof process.stdout.isTTY);
console.log(process.getuid() === process.geteuid(), typeof process.getgid(), process.getegid() === process.getgid(), Array.isArray(process.getgroups()), process.getgroups().every(Number.isInteger));
