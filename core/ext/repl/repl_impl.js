// repl_impl.js: the JS half of the REPL (tools/repl.c reads the lines and runs them as
// classic scripts, so `let`, `const` and `class` persist in the global script scope from one
// line to the next). Here: results shown as Node's REPL shows them (util.inspect), `_` and
// `_error`, errors as "Uncaught ...", and lines with a top-level `await` rewritten to run
// in an async function (as Node's processTopLevelAwait does). Compiled on the REPL's first
// use (mrt.repl(), repl.js); acorn (npm) is compiled at the first `await` line.
(function (P) {
  "use strict";
  const inspect = P.inspect;
  const defineProperty = Object.defineProperty;
  const NONE = Symbol("none");

  let last; // `_`: the last result, until the program assigns `_` itself
  let lastAuto = true;
  let lastError; // `_error`: the last error thrown
  let errorAuto = true;
  let thrown = NONE; // the Error the failing line threw (seen as the runtime reported it)

  function say(text) {
    P.ops.print(1, text + "\n");
  }

  // The globals `_` and `_error`, and the hook that sees what a failing line threw. Called
  // once, when the interactive REPL starts.
  function start() {
    defineProperty(globalThis, "_", {
      get() { return last; },
      set(v) {
        if (lastAuto) say("Expression assignment to _ now disabled.");
        lastAuto = false;
        last = v;
      },
      enumerable: false, configurable: true,
    });
    defineProperty(globalThis, "_error", {
      get() { return lastError; },
      set(v) {
        if (errorAuto) say("Expression assignment to _error now disabled.");
        errorAuto = false;
        lastError = v;
      },
      enumerable: false, configurable: true,
    });
    // The runtime asks P.describeError about every Error it reports (core/error.c): a line's
    // uncaught Error passes here, so `_error` can hold the object itself.
    const describe = P.describeError;
    P.describeError = function describeError(error) {
      thrown = error;
      return describe(error);
    };
  }

  // The error a line failed with is not one to report (an incomplete input, a refused
  // `await`, a second try of the line).
  function forget() {
    thrown = NONE;
  }

  // A line's result as the REPL prints it; it becomes `_`.
  function result(value) {
    thrown = NONE;
    if (lastAuto) last = value;
    return inspect(value, { showProxy: true });
  }

  function recordError(e) {
    if (errorAuto) lastError = e;
  }

  // Frames of the REPL's own top level (the line itself, the async wrapper of an `await`
  // line) say nothing: Node leaves them out too.
  const replFrame = /^ {4}at (async )?REPL\d+:\d+:\d+$/;
  function formatError(e) {
    let s;
    if (P.isError(e)) {
      try {
        s = inspectError(e);
      } catch {
        s = undefined;
      }
      if (typeof s !== "string") s = String(e);
    } else {
      s = inspect(e);
    }
    return "Uncaught " + s.split("\n").filter((line) => !replFrame.test(line)).join("\n");
  }
  function inspectError(e) {
    // The stack, then own properties and the cause chain when there are any (as Node).
    return Object.keys(e).length === 0 && !("cause" in e)
      ? (typeof e.stack === "string" ? e.stack : undefined)
      : inspect(e);
  }

  // After a line failed: the error as the REPL prints it when the runtime reported an Error
  // object (it becomes `_error`), else undefined (the C side prints mrt_error's text).
  function failed() {
    const e = thrown;
    thrown = NONE;
    if (e === NONE) return undefined;
    recordError(e);
    return formatError(e);
  }

  // The result of an `await` line's promise (prepareAwait's script), printed as result()
  // and formatError() print; never rejects.
  function settle(promise) {
    thrown = NONE;
    return Promise.resolve(promise).then(
      (box) => result(box === undefined ? undefined : box.value),
      (e) => {
        recordError(e);
        return formatError(e);
      });
  }

  // Names a declaration pattern binds (`{ a, b: [c, ...d] = x }`: a, c, d).
  function boundNames(pattern, out) {
    switch (pattern.type) {
      case "Identifier": out.push(pattern.name); break;
      case "ObjectPattern":
        for (const p of pattern.properties) boundNames(p.type === "RestElement" ? p.argument : p.value, out);
        break;
      case "ArrayPattern":
        for (const e of pattern.elements) if (e) boundNames(e, out);
        break;
      case "RestElement": boundNames(pattern.argument, out); break;
      case "AssignmentPattern": boundNames(pattern.left, out); break;
    }
    return out;
  }

  // A line with a top-level `await` (V8 refused it as a classic script) as a classic script
  // that runs it in an async arrow function and evaluates to its promise, which fulfils with
  // { value } (the last expression statement's value). Top-level declarations are hoisted
  // out of the function so they persist as other lines' do: `var` and functions as `var`,
  // `let`, `const` and classes as `let` (a `const` so declared can be assigned later: Node's
  // rewriting has the same limit). Returns the script, true when the input is incomplete
  // (more lines may complete it), or undefined when it is not valid with `await` either
  // (the original error stands).
  function prepareAwait(code) {
    const acorn = P.loadBuiltin("core/lib/acorn.js");
    let ast;
    try {
      ast = acorn.parse(code, {
        ecmaVersion: "latest", sourceType: "script", allowAwaitOutsideFunction: true,
      });
    } catch (e) {
      const at = typeof e.raisedAt === "number" ? e.raisedAt : e.pos;
      return typeof at === "number" && at >= code.length ? true : undefined;
    }
    const vars = [], lets = [], edits = [];
    const src = (node) => code.slice(node.start, node.end);
    const body = ast.body;
    for (let i = 0; i < body.length; i++) {
      const s = body[i];
      if (s.type === "VariableDeclaration") {
        const parts = [];
        for (const d of s.declarations) {
          boundNames(d.id, s.kind === "var" ? vars : lets);
          if (d.init) parts.push(`(${src(d.id)} = ${src(d.init)})`);
        }
        edits.push([s.start, s.end, parts.length ? `void (${parts.join(", ")});` : ";"]);
      } else if (s.type === "FunctionDeclaration" || s.type === "ClassDeclaration") {
        (s.type === "FunctionDeclaration" ? vars : lets).push(s.id.name);
        edits.push([s.start, s.end, `${s.id.name} = ${src(s)};`]);
      } else if (s.type === "ExpressionStatement" && i === body.length - 1) {
        edits.push([s.start, s.end, `return { value: (${src(s.expression)}) };`]);
      }
    }
    let out = code;
    for (let i = edits.length - 1; i >= 0; i--) {
      const [start, end, text] = edits[i];
      out = out.slice(0, start) + text + out.slice(end);
    }
    let prelude = "";
    if (vars.length) prelude += `var ${vars.join(", ")}; `;
    if (lets.length) prelude += `let ${lets.join(", ")}; `;
    // One line: the line numbers of the user's code stay as typed.
    return `${prelude}(async () => { ${out}\n})()`;
  }

  // Tab completion of `name` or `a.b.na`: the globals, or the properties (own and
  // inherited) of what the chain before the last dot names, that start with what was typed.
  // The chain's first name is read with an indirect eval, so `let`/`const` of earlier lines
  // count; only plain identifier chains are looked at (no calls, nothing computed).
  const chain = /^([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\.([\w$]*)$|^([A-Za-z_$][\w$]*)?$/;
  function complete(word) {
    const m = chain.exec(word);
    if (m === null) return [];
    let target = globalThis, prefix = "", partial = m[3] ?? "";
    if (m[1] !== undefined) {
      const names = m[1].split(".");
      try {
        target = (0, eval)(names[0]);
        for (let i = 1; i < names.length; i++) target = target[names[i]];
      } catch {
        return [];
      }
      prefix = m[1] + ".";
      partial = m[2];
    }
    if (target === null || target === undefined) return [];
    const seen = new Set();
    for (let o = Object(target); o !== null; o = Object.getPrototypeOf(o)) {
      for (const k of Object.getOwnPropertyNames(o)) {
        if (k.startsWith(partial) && /^[A-Za-z_$][\w$]*$/.test(k)) seen.add(k);
      }
    }
    return [...seen].sort().map((k) => prefix + k);
  }

  // `mrt -p`: the result as console.log prints it (a string as it is).
  function log(value) {
    return P.format(value);
  }

  return { start, result, failed, forget, settle, prepareAwait, complete, log };
});
