// node:tty: isatty, and WriteStream's colour detection (Node's rules over the environment),
// called on a plain object since the test's stdout is a pipe.
const tty = require("node:tty");
console.log(Object.keys(tty));
console.log(tty.isatty(1), tty.isatty(-1), tty.isatty(1.5), tty.isatty("0"), tty.isatty(2 ** 40));
console.log(process.stdout.isTTY, typeof process.stdout.getColorDepth);

const depth = (env) => tty.WriteStream.prototype.getColorDepth.call({}, env);
const envs = [
  {},
  { TERM: "xterm" },
  { TERM: "xterm-256color" },
  { TERM: "xterm-truecolor" },
  { TERM: "dumb" },
  { TERM: "dumb", FORCE_COLOR: "3" },
  { TERM: "screen" },
  { TERM: "linux" },
  { TERM: "vt100" },
  { TERM: "konsole" },
  { TERM: "XTERM-KITTY" },
  { TERM: "mosh" },
  { TERM: "con80x25" },
  { TERM: "unknown" },
  { TERM: "unknown", COLORTERM: "1" },
  { COLORTERM: "truecolor" },
  { COLORTERM: "24bit", TERM: "xterm" },
  { TMUX: "1" },
  { NO_COLOR: "", TERM: "xterm-256color" },
  { NODE_DISABLE_COLORS: "1", TERM: "xterm-256color" },
  { FORCE_COLOR: "" },
  { FORCE_COLOR: "0", TERM: "xterm-256color" },
  { FORCE_COLOR: "1" },
  { FORCE_COLOR: "2" },
  { FORCE_COLOR: "true" },
  { FORCE_COLOR: "false" },
  { FORCE_COLOR: "4" },
  { CI: "1" },
  { CI: "1", GITHUB_ACTIONS: "true" },
  { CI: "1", TRAVIS: "1" },
  { CI: "1", GITLAB_CI: "1" },
  { CI: "1", CI_NAME: "codeship" },
  { CI: "", TERM: "xterm" },
  { TF_BUILD: "1", AGENT_NAME: "a" },
  { TEAMCITY_VERSION: "9.1.2" },
  { TEAMCITY_VERSION: "8.0.0" },
  { TEAMCITY_VERSION: "2023.1" },
  { TERM_PROGRAM: "iTerm.app" },
  { TERM_PROGRAM: "iTerm.app", TERM_PROGRAM_VERSION: "3.4" },
  { TERM_PROGRAM: "iTerm.app", TERM_PROGRAM_VERSION: "2.9" },
  { TERM_PROGRAM: "Apple_Terminal" },
  { TERM_PROGRAM: "HyperTerm" },
  { TERM_PROGRAM: "vscode", TERM: "xterm-256color" },
];
for (const env of envs) console.log(JSON.stringify(env), depth(env));

const has = (...args) => tty.WriteStream.prototype.hasColors.call({}, ...args);
console.log(has({ TERM: "xterm" }), has(256, { TERM: "xterm" }), has(256, { TERM: "xterm-256color" }),
  has(2 ** 24, { COLORTERM: "truecolor" }), has(2, {}), has(3, {}), has(16, { FORCE_COLOR: "1" }));
for (const bad of ["16", 1, 2.5, null]) {
  try {
    has(bad, {});
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
// stdout is a pipe here: a WriteStream works on it (uv_tty_init takes pipes), not on a bad fd.
const ws = new tty.WriteStream(1);
console.log(ws instanceof tty.WriteStream, ws.isTTY, ws.fd, typeof ws.on);
ws.write("written through tty.WriteStream\n");
for (const fd of [-1, 1.5, "1", null, 2 ** 31]) {
  try {
    new tty.WriteStream(fd);
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
console.log(typeof tty.ReadStream.prototype.setRawMode, tty.WriteStream.prototype.isTTY);
