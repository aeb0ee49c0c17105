#!/usr/bin/env python3
"""Drives mrt's REPL through a pseudo-terminal (libedit in use, as for a person at a terminal)
and checks what it prints: results inspected as Node's REPL prints them, multi-line input,
declarations kept across lines, top-level await, `_` and `_error`, errors that do not end the
session, timers firing at the prompt, Ctrl-C, .help/.exit, Ctrl-D, the history file.

    python3 tests/repl/repl_pty.py path/to/mrt
"""
import os
import pty
import re
import select
import sys
import tempfile
import time

MRT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/tools/mrt")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
failures = []


class Session:
    def __init__(self, env_extra=None):
        env = dict(os.environ, TERM="xterm")
        env.update(env_extra or {})
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(MRT, [MRT], env)
        self.raw = b""
        self.seen = 0  # what expect() consumed
        self.status = None

    def text(self):
        return ANSI.sub("", self.raw.decode("utf-8", "replace")).replace("\r", "")

    def _read(self, timeout):
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return True
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            return False
        if not data:
            return False
        self.raw += data
        return True

    def expect(self, needle, timeout=10):
        """Waits for needle (a string) after what earlier expects consumed."""
        end = time.time() + timeout
        while True:
            i = self.text().find(needle, self.seen)
            if i >= 0:
                self.seen = i + len(needle)
                return True
            if time.time() > end or not self._read(0.1):
                i = self.text().find(needle, self.seen)
                if i >= 0:
                    self.seen = i + len(needle)
                return i >= 0

    def send(self, s):
        os.write(self.fd, s.encode())

    def wait(self, timeout=10):
        end = time.time() + timeout
        while time.time() < end:
            pid, st = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(st)
                return self.status
            self._read(0.05)
        os.kill(self.pid, 9)
        os.waitpid(self.pid, 0)
        return None


def check(name, ok, session=None):
    if not ok:
        failures.append(name)
        print("FAIL", name)
        if session:
            print("---- output so far ----\n" + session.text()[-1500:] + "\n----")
    else:
        print("ok  ", name)


def line(s, typed, expected, name=None):
    """Types a line, waits for its echo, then for the expected output."""
    s.send(typed + "\r")
    check(name or typed, s.expect(typed.split("\n")[-1]) and s.expect(expected), s)


hist_dir = tempfile.mkdtemp(prefix="mrt-repl-")
history = os.path.join(hist_dir, "history")

s = Session({"MRT_REPL_HISTORY": history})
check("banner and prompt", s.expect("Type \".help\" for more information.") and s.expect("> "), s)
line(s, "1 + 1", "\n2\n")
line(s, "'ab' + 'c'", "'abc'")
line(s, "({ a: 1, b: [1, 2], s: 'x' })", "{ a: 1, b: [ 1, 2 ], s: 'x' }")
line(s, "{ k: 2 }", "{ k: 2 }", "a braced line is an object")
s.send("function twice(n) {\r")
check("multi-line continues", s.expect("... "), s)
line(s, "  return n * 2 }", "undefined", "multi-line definition ends")
line(s, "twice(21)", "\n42\n")
line(s, "let x = 1", "undefined")
line(s, "x + 1", "\n2\n", "let persists across lines")
line(s, "const c = 5; class K { get v() { return c } }", "undefined")
line(s, "new K().v + 1", "\n6\n", "const and class persist")
line(s, "_", "\n6\n", "_ is the last result")
line(s, "await Promise.resolve(5)", "\n5\n", "top-level await")
line(s, "_ * 2", "\n10\n", "_ after await")
line(s, "const { q } = await Promise.resolve({ q: 7 })", "undefined")
line(s, "q", "\n7\n", "a destructured await declaration persists")
line(s, "null.x", "Uncaught TypeError: Cannot read properties of null (reading 'x')")
line(s, "_error.constructor.name", "'TypeError'", "_error is the thrown error")
line(s, "3 * 3", "\n9\n", "the session goes on after an error")
line(s, "function g() { throw new RangeError('deep') }; g()",
     "Uncaught RangeError: deep\n    at g (REPL")
line(s, "await Promise.reject(new Error('no'))", "Uncaught Error: no", "a rejected await")
line(s, "let bad = ;", "Uncaught SyntaxError: Unexpected token ';'", "a syntax error")
line(s, "setTimeout(() => console.log('tick ' + x), 20), 'set'", "'set'")
check("a timer fires at the prompt", s.expect("tick 1"), s)
s.send("while (true) {}\r")
time.sleep(0.5)
s.send("\x03")
check("Ctrl-C interrupts running code",
      s.expect("Uncaught Error: Script execution was interrupted by SIGINT"), s)
line(s, "'still' + ' here'", "'still here'", "the session goes on after Ctrl-C")
s.send("Math.fl\t")
time.sleep(0.3)
line(s, "(2.5)", "\n2\n", "Tab completes a global's property (Math.floor)")
line(s, "const wide = { alphabet: 26 }", "undefined")
s.send("wide.alpha\t")
time.sleep(0.3)
line(s, "", "\n26\n", "Tab completes the property of a const of an earlier line")
s.send("1 +")
time.sleep(0.2)
s.send("\x03")
time.sleep(0.2)
line(s, "40 + 2", "\n42\n", "Ctrl-C cancels the line")
line(s, ".help", ".exit")
s.send(".exit\r")
check(".exit ends with status 0", s.wait() == 0, s)

s = Session({"MRT_REPL_HISTORY": history})
s.expect("> ")
for _ in range(3):  # up, up, up: before .exit and .help, the session's last expression
    s.send("\x1b[A")
    time.sleep(0.2)
s.send("\r")
check("history is kept in MRT_REPL_HISTORY", s.expect("\n42\n"), s)
# At the prompt again: a Ctrl-C sent while the line's evaluation is finishing interrupts it
# (seen on a loaded CI machine), which is right, but is not what this case checks.
s.expect("> ")
s.send("\x03")
check("first Ctrl-C at an empty prompt explains", s.expect("press Ctrl+C again"), s)
s.send("\x03")
check("second Ctrl-C exits", s.wait() == 0, s)

s = Session({"MRT_REPL_HISTORY": ""})
s.expect("> ")
s.send("\x04")
check("Ctrl-D exits", s.wait() == 0, s)

s = Session({"MRT_REPL_HISTORY": ""})
s.expect("> ")
s.send("mrt.exit(3)\r")
check("mrt.exit(3) ends the REPL with status 3", s.wait() == 3, s)

with open(history, encoding="utf-8", errors="replace") as f:
    # libedit's format: a header line, then each line with spaces as \040
    check("history file has the lines", "40 + 2" in f.read().replace("\\040", " "))
check("history file is private", (os.stat(history).st_mode & 0o077) == 0)

if failures:
    print("%d failed: %s" % (len(failures), ", ".join(failures)))
    sys.exit(1)
print("all passed")
