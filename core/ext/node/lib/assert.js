// node:assert: assert (= ok), the equality and deep-equality checks (deep equality in
// internal/deep_equal.js), throws/rejects with their validation forms, match, fail, ifError,
// AssertionError and `strict`. Messages are Node 20's, including its line diff of the two
// values' inspections (pairwise by line, identical tails and long runs elided) and, for a
// falsy assert(x), the source text of the call.
(function (P) {
  "use strict";
  const { isDeepStrictEqual, isDeepEqual } = P.loadBuiltin("core/ext/node/internal/deep_equal.js");

  const inspectValue = (v) => P.inspect(v, {
    compact: false, customInspect: false, depth: 1000, maxArrayLength: Infinity, showHidden: false,
    showProxy: false, sorted: true, getters: true,
  });

  const READABLE = {
    deepStrictEqual: "Expected values to be strictly deep-equal:",
    strictEqual: "Expected values to be strictly equal:",
    strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
    deepEqual: "Expected values to be loosely deep-equal:",
    notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
    notStrictEqual: 'Expected "actual" to be strictly unequal to:',
    notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
    notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
    notIdentical: "Values have same structure but are not reference-equal:",
    notDeepEqualUnequal: "Expected values not to be loosely deep-equal:",
  };
  const isObjectLike = (v) => typeof v === "object" && v !== null;

  // The "+ actual - expected" message of a failed strictEqual / deepStrictEqual.
  function errDiff(actual, expected, operator) {
    let other = "", res = "", end = "", skipped = false, indicator = "";
    const actualInspected = inspectValue(actual);
    const actualLines = actualInspected.split("\n");
    const expectedLines = inspectValue(expected).split("\n");
    let i = 0;
    if (operator === "strictEqual" && ((isObjectLike(actual) && isObjectLike(expected)) ||
        (typeof actual === "function" && typeof expected === "function"))) {
      operator = "strictEqualObject";
    }
    // Two short one-liners: "1 !== 2"; longer ones get a caret under the first difference.
    if (actualLines.length === 1 && expectedLines.length === 1 && actualLines[0] !== expectedLines[0]) {
      const inputLength = actualLines[0].length + expectedLines[0].length;
      if (inputLength <= 12) {
        if (!isObjectLike(actual) && !isObjectLike(expected) && (actual !== 0 || expected !== 0)) {
          return `${READABLE[operator]}\n\n${actualLines[0]} !== ${expectedLines[0]}\n`;
        }
      } else if (operator !== "strictEqualObject" && inputLength < 80) {
        while (actualLines[0][i] === expectedLines[0][i]) i++;
        if (i > 2) {
          indicator = `\n  ${" ".repeat(i)}^`;
          i = 0;
        }
      }
    }
    // Identical last lines are shown once (at most three, then "...").
    let a = actualLines[actualLines.length - 1], b = expectedLines[expectedLines.length - 1];
    while (a === b) {
      if (i++ < 3) end = `\n  ${a}${end}`;
      else other = a;
      actualLines.pop();
      expectedLines.pop();
      if (actualLines.length === 0 || expectedLines.length === 0) break;
      a = actualLines[actualLines.length - 1];
      b = expectedLines[expectedLines.length - 1];
    }
    const maxLines = Math.max(actualLines.length, expectedLines.length);
    if (maxLines === 0) {
      const lines = actualInspected.split("\n");
      if (lines.length > 50) {
        lines[46] = "...";
        lines.length = 47;
      }
      return `${READABLE.notIdentical}\n\n${lines.join("\n")}\n`;
    }
    if (i >= 5) {
      end = `\n...${end}`;
      skipped = true;
    }
    if (other !== "") {
      end = `\n  ${other}${end}`;
      other = "";
    }
    let printedLines = 0, identical = 0;
    const msg = `${READABLE[operator]}\n+ actual - expected`;
    const skippedMsg = " ... Lines skipped";
    let lines = actualLines, plusMinus = "+", maxLength = expectedLines.length;
    if (actualLines.length < maxLines) {
      lines = expectedLines;
      plusMinus = "-";
      maxLength = actualLines.length;
    }
    // Up to two identical lines before a difference are shown; more become "...".
    const flushIdentical = () => {
      if (identical > 2) {
        if (identical > 3) {
          if (identical > 4) {
            if (identical === 5) {
              res += `\n  ${lines[i - 3]}`;
              printedLines++;
            } else {
              res += "\n...";
              skipped = true;
            }
          }
          res += `\n  ${lines[i - 2]}`;
          printedLines++;
        }
        res += `\n  ${lines[i - 1]}`;
        printedLines++;
      }
      identical = 0;
    };
    for (i = 0; i < maxLines; i++) {
      if (maxLength < i + 1) { // only one side has lines left
        flushIdentical();
        if (lines === actualLines) res += `\n${plusMinus} ${lines[i]}`;
        else other += `\n${plusMinus} ${lines[i]}`;
        printedLines++;
      } else {
        const expectedLine = expectedLines[i];
        let actualLine = actualLines[i];
        let diverging = actualLine !== expectedLine &&
          (!actualLine.endsWith(",") || actualLine.slice(0, -1) !== expectedLine);
        if (diverging && expectedLine.endsWith(",") && expectedLine.slice(0, -1) === actualLine) {
          diverging = false;
          actualLine += ",";
        }
        if (diverging) {
          flushIdentical();
          res += `\n+ ${actualLine}`;
          other += `\n- ${expectedLine}`;
          printedLines += 2;
        } else {
          res += other;
          other = "";
          identical++;
          if (identical <= 2) {
            res += `\n  ${actualLine}`;
            printedLines++;
          }
        }
      }
      if (printedLines > 50 && i < maxLines - 2) {
        return `${msg}${skippedMsg}\n${res}\n...${other}\n...`;
      }
    }
    return `${msg}${skipped ? skippedMsg : ""}\n${res}${other}${end}${indicator}`;
  }

  function generatedMessage(actual, expected, operator) {
    if (operator === "deepStrictEqual" || operator === "strictEqual") return errDiff(actual, expected, operator);
    if (operator === "notDeepStrictEqual" || operator === "notStrictEqual") {
      let base = READABLE[operator];
      const res = inspectValue(actual).split("\n");
      if (operator === "notStrictEqual" && (isObjectLike(actual) || typeof actual === "function")) {
        base = READABLE.notStrictEqualObject;
      }
      if (res.length > 50) {
        res[46] = "...";
        res.length = 47;
      }
      return res.length === 1 ? `${base}${res[0].length > 5 ? "\n\n" : " "}${res[0]}` : `${base}\n\n${res.join("\n")}\n`;
    }
    let res = inspectValue(actual), other = inspectValue(expected);
    const known = READABLE[operator];
    if (operator === "notDeepEqual" && res === other) {
      res = `${known}\n\n${res}`;
      return res.length > 1024 ? `${res.slice(0, 1021)}...` : res;
    }
    if (res.length > 512) res = `${res.slice(0, 509)}...`;
    if (other.length > 512) other = `${other.slice(0, 509)}...`;
    if (operator === "deepEqual") res = `${known}\n\n${res}\n\nshould loosely deep-equal\n\n`;
    else if (READABLE[`${operator}Unequal`]) res = `${READABLE[`${operator}Unequal`]}\n\n${res}\n\nshould not loosely deep-equal\n\n`;
    else other = ` ${operator} ${other}`;
    return `${res}${other}`;
  }

  class AssertionError extends Error {
    constructor(options) {
      if (options === null || typeof options !== "object") {
        throw invalidArgType("options", "of type object", options);
      }
      const { message, operator, stackStartFn, actual, expected } = options;
      let text;
      if (message != null) {
        text = String(message);
        // Node 20 adds the diff to a custom message of the strict equality checks.
        if (operator === "deepStrictEqual" || operator === "strictEqual") {
          const gen = generatedMessage(actual, expected, operator);
          text += gen.slice(gen.indexOf("\n"));
        }
      } else {
        text = generatedMessage(actual, expected, operator);
      }
      super(text);
      this.generatedMessage = message == null;
      Object.defineProperty(this, "name", { value: "AssertionError", enumerable: false, writable: true, configurable: true });
      this.code = "ERR_ASSERTION";
      this.actual = actual;
      this.expected = expected;
      this.operator = operator;
      if (Error.captureStackTrace) Error.captureStackTrace(this, stackStartFn || this.constructor);
    }
    toString() {
      return `${this.name} [${this.code}]: ${this.message}`;
    }
  }

  function invalidArgType(name, expected, v) {
    let got;
    if (v == null) got = ` Received ${v}`;
    else if (typeof v === "function") got = ` Received function ${v.name}`;
    else if (typeof v === "object") got = v.constructor?.name ? ` Received an instance of ${v.constructor.name}` : ` Received ${P.inspect(v, { depth: -1 })}`;
    else got = ` Received type ${typeof v} (${P.inspect(v).slice(0, 28)})`;
    const e = new TypeError(`The "${name}" argument must be ${expected}.${got}`);
    e.code = "ERR_INVALID_ARG_TYPE";
    return e;
  }

  // Throws message itself when it is an Error, else an AssertionError.
  function fail(obj) {
    if (obj.message instanceof Error) throw obj.message;
    throw new AssertionError(obj);
  }

  // ---------------------------------------------------------------- ok

  // The source text of the falsy assert call: Node's "The expression evaluated to a falsy value".
  function callSource(stackStartFn) {
    const holder = {};
    const prep = Error.prepareStackTrace;
    let site;
    try {
      Error.prepareStackTrace = (_, frames) => frames;
      Error.captureStackTrace(holder, stackStartFn);
      site = holder.stack?.[0];
    } finally {
      Error.prepareStackTrace = prep;
    }
    if (!site || typeof site.getFileName !== "function") return null;
    let file = site.getFileName();
    const line = site.getLineNumber(), col = site.getColumnNumber();
    if (!file || !line || !col) return null;
    try {
      if (file.startsWith("file://")) file = decodeURIComponent(new URL(file).pathname);
      const src = P.ops.fsReadTextFileSync(file).split("\n")[line - 1];
      if (src === undefined) return null;
      // From the callee's start to its matching ")" on that line.
      let start = col - 1, depth = 0, end = -1;
      while (start > 0 && /[\w$.]/.test(src[start - 1])) start--; // assert.ok: from "assert"

      for (let k = start, q = null; k < src.length; k++) {
        const ch = src[k];
        if (q) {
          if (ch === "\\") k++;
          else if (ch === q) q = null;
        } else if (ch === '"' || ch === "'" || ch === "`") q = ch;
        else if (ch === "(") depth++;
        else if (ch === ")" && --depth === 0) {
          end = k + 1;
          break;
        }
      }
      return end > 0 ? src.slice(start, end) : null;
    } catch {
      return null;
    }
  }

  function innerOk(fn, argLen, value, message) {
    if (value) return;
    let generated = false;
    if (argLen === 0) {
      message = "No value argument passed to `assert.ok()`";
      generated = true;
    } else if (message == null) {
      const src = callSource(fn);
      message = src ? `The expression evaluated to a falsy value:\n\n  ${src}\n` : undefined;
      generated = true;
    } else if (message instanceof Error) {
      throw message;
    }
    const err = new AssertionError({ actual: value, expected: true, message, operator: "==", stackStartFn: fn });
    err.generatedMessage = generated;
    throw err;
  }

  function ok(...args) {
    innerOk(ok, args.length, ...args);
  }
  const assert = ok;

  assert.ok = function ok2(...args) {
    innerOk(ok2, args.length, ...args);
  };

  assert.fail = function fail_(actual, expected, message, operator, stackStartFn) {
    const argsLen = arguments.length;
    let generated = false;
    if (argsLen === 0) {
      message = "Failed";
      generated = true;
    } else if (argsLen === 1) {
      message = actual;
      actual = undefined;
    } else if (argsLen === 2) {
      operator = "!=";
    }
    if (message instanceof Error) throw message;
    const err = new AssertionError({ actual, expected, operator: operator === undefined ? "fail" : operator,
      stackStartFn: stackStartFn || fail_, message });
    if (generated) err.generatedMessage = true;
    throw err;
  };

  // ---------------------------------------------------------------- equality

  function needTwo(n) {
    if (n < 2) {
      const e = new TypeError('The "actual" and "expected" arguments must be specified');
      e.code = "ERR_MISSING_ARGS";
      throw e;
    }
  }

  function check(name, test) {
    const f = {
      [name](actual, expected, message) {
        needTwo(arguments.length);
        if (!test(actual, expected)) fail({ actual, expected, message, operator: name, stackStartFn: f });
      },
    }[name];
    return f;
  }

  assert.strictEqual = check("strictEqual", Object.is);
  assert.notStrictEqual = check("notStrictEqual", (a, b) => !Object.is(a, b));
  assert.deepEqual = check("deepEqual", isDeepEqual);
  assert.notDeepEqual = check("notDeepEqual", (a, b) => !isDeepEqual(a, b));
  assert.deepStrictEqual = check("deepStrictEqual", isDeepStrictEqual);
  assert.notDeepStrictEqual = check("notDeepStrictEqual", (a, b) => !isDeepStrictEqual(a, b));
  // Node's operators for the loose ones are "==" and "!=" (their messages "1 == 2").
  for (const [name, op] of [["equal", "=="], ["notEqual", "!="]]) {
    const test = name === "equal" ? (a, b) => a == b || (a !== a && b !== b) : (a, b) => !(a == b || (a !== a && b !== b)); // eslint-disable-line eqeqeq
    const f = {
      [name](actual, expected, message) {
        needTwo(arguments.length);
        if (!test(actual, expected)) fail({ actual, expected, message, operator: op, stackStartFn: f });
      },
    }[name];
    assert[name] = f;
  }

  // ---------------------------------------------------------------- throws, rejects

  const NO_EXCEPTION = Symbol("no exception");

  function getActual(fn) {
    if (typeof fn !== "function") throw invalidArgType("fn", "of type function", fn);
    try {
      fn();
    } catch (e) {
      return e;
    }
    return NO_EXCEPTION;
  }

  async function waitActual(promiseFn) {
    let resultPromise;
    if (typeof promiseFn === "function") {
      resultPromise = promiseFn();
      if (!resultPromise || typeof resultPromise.then !== "function") {
        const e = new TypeError(`Expected instance of Promise to be returned from the "promiseFn" function but got ${
          resultPromise === undefined ? "undefined" : isObjectLike(resultPromise) && resultPromise.constructor ?
            `an instance of ${resultPromise.constructor.name}` : `type ${typeof resultPromise} (${P.inspect(resultPromise)})`}.`);
        e.code = "ERR_INVALID_RETURN_VALUE";
        throw e;
      }
    } else if (promiseFn && typeof promiseFn.then === "function") {
      resultPromise = promiseFn;
    } else {
      throw invalidArgType("promiseFn", "of type function or an instance of Promise", promiseFn);
    }
    try {
      await resultPromise;
    } catch (e) {
      return e;
    }
    return NO_EXCEPTION;
  }

  const isErrorClass = (f) => f.prototype !== undefined && (f === Error || f.prototype instanceof Error);

  // Checks the thrown value against a RegExp, a class, a validation function or an object.
  function expectedException(actual, expected, message, fn) {
    let generated = false, throwError = false;
    if (typeof expected !== "function") {
      if (expected instanceof RegExp) {
        const str = String(actual);
        if (expected.exec(str) !== null) return;
        if (!message) {
          generated = true;
          message = `The input did not match the regular expression ${P.inspect(expected)}. Input:\n\n${P.inspect(str)}\n`;
        }
        throwError = true;
      } else if (typeof actual !== "object" || actual === null) {
        const err = new AssertionError({ actual, expected, message, operator: "deepStrictEqual", stackStartFn: fn });
        err.operator = fn.name;
        throw err;
      } else {
        const keys = Object.keys(expected);
        if (expected instanceof Error) keys.push("name", "message");
        else if (keys.length === 0) {
          const e = new TypeError("The argument 'error' may not be an empty object. Received {}");
          e.code = "ERR_INVALID_ARG_VALUE";
          throw e;
        }
        for (const key of keys) {
          if (typeof actual[key] === "string" && expected[key] instanceof RegExp && expected[key].exec(actual[key]) !== null) continue;
          if (!(key in actual) || !isDeepStrictEqual(actual[key], expected[key])) {
            compareFailed(actual, expected, keys, message, fn);
          }
        }
        return;
      }
    } else if (isErrorClass(expected)) {
      if (actual instanceof expected) return;
      if (!message) {
        generated = true;
        message = `The error is expected to be an instance of "${expected.name}". Received `;
        if (actual instanceof Error) message += `"${actual.name}"`;
        else message += `"${P.inspect(actual, { depth: -1 })}"`;
        if (actual && actual.message !== undefined) message += `\n\nError message:\n\n${actual.message}`;
      }
      throwError = true;
    } else {
      const res = expected.call({}, actual);
      if (res === true) return;
      if (!message) {
        generated = true;
        const name = expected.name ? `"${expected.name}" ` : "";
        message = `The ${name}validation function is expected to return "true". Received ${P.inspect(res)}`;
        if (actual instanceof Error) message += `\n\nCaught error:\n\n${actual}`;
      }
      throwError = true;
    }
    if (throwError) {
      const err = new AssertionError({ actual, expected, message, operator: fn.name, stackStartFn: fn });
      err.generatedMessage = generated;
      throw err;
    }
  }

  // An object validation failed: a diff of the compared keys ("Comparison {...}").
  function compareFailed(actual, expected, keys, message, fn) {
    class Comparison {
      constructor(obj) {
        for (const key of keys) {
          if (key in obj) {
            if (typeof actual[key] === "string" && expected[key] instanceof RegExp && expected[key].exec(actual[key]) !== null) {
              this[key] = actual[key];
            } else {
              this[key] = obj[key];
            }
          }
        }
      }
    }
    const a = new Comparison(actual), b = new Comparison(expected);
    const err = new AssertionError({ actual: a, expected: b, operator: "deepStrictEqual", stackStartFn: fn });
    err.actual = actual;
    err.expected = expected;
    err.operator = fn.name;
    if (message) {
      err.message = message;
      err.generatedMessage = false;
    }
    throw err;
  }

  function expectsError(fn, actual, error, message) {
    if (typeof error === "string") {
      if (arguments.length === 4) {
        throw invalidArgType("error", "of type function or an instance of Error, RegExp, or Object", error);
      }
      message = error;
      error = undefined;
      // A message equal to what was thrown was likely meant as the expected error.
      if (actual !== NO_EXCEPTION && typeof actual === "object" && actual !== null && actual.message === message) {
        const e = new TypeError(`The "error/message" argument is ambiguous. The error message "${actual.message}" is identical to the message.`);
        e.code = "ERR_AMBIGUOUS_ARGUMENT";
        throw e;
      }
      if (actual === message) {
        const e = new TypeError(`The "error/message" argument is ambiguous. The error "${actual}" is identical to the message.`);
        e.code = "ERR_AMBIGUOUS_ARGUMENT";
        throw e;
      }
    } else if (error != null && typeof error !== "object" && typeof error !== "function") {
      throw invalidArgType("error", "of type function or an instance of Error, RegExp, or Object", error);
    }
    if (actual === NO_EXCEPTION) {
      let details = "";
      if (error?.name) details += ` (${error.name})`;
      details += message ? `: ${message}` : ".";
      const fnType = fn.name === "rejects" ? "rejection" : "exception";
      const err = new AssertionError({ actual: undefined, expected: error, operator: fn.name,
        message: `Missing expected ${fnType}${details}`, stackStartFn: fn });
      err.generatedMessage = false;
      throw err;
    }
    if (error && !expectedException(actual, error, message, fn)) return;
  }

  function expectsNoError(fn, actual, error, message) {
    if (actual === NO_EXCEPTION) return;
    if (typeof error === "string") {
      message = error;
      error = undefined;
    }
    if (!error || (typeof error === "function" && isErrorClass(error) ? actual instanceof error :
      typeof error === "function" ? error.call({}, actual) === true : error.test?.(String(actual)))) {
      const details = message ? `: ${message}` : ".";
      const fnType = fn.name === "doesNotReject" ? "rejection" : "exception";
      const err = new AssertionError({ actual, expected: error, operator: fn.name,
        message: `Got unwanted ${fnType}${details}\nActual message: "${actual?.message}"`, stackStartFn: fn });
      err.generatedMessage = false;
      throw err;
    }
    throw actual;
  }

  assert.throws = function throws(fn, ...args) {
    expectsError(throws, getActual(fn), ...args);
  };
  assert.rejects = async function rejects(promiseFn, ...args) {
    expectsError(rejects, await waitActual(promiseFn), ...args);
  };
  assert.doesNotThrow = function doesNotThrow(fn, ...args) {
    expectsNoError(doesNotThrow, getActual(fn), ...args);
  };
  assert.doesNotReject = async function doesNotReject(fn, ...args) {
    expectsNoError(doesNotReject, await waitActual(fn), ...args);
  };

  assert.ifError = function ifError(err) {
    if (err === null || err === undefined) return;
    let message = "ifError got unwanted exception: ";
    if (typeof err === "object" && typeof err.message === "string") {
      message += err.message.length === 0 && err.constructor ? err.constructor.name : err.message;
    } else {
      message += P.inspect(err);
    }
    const e = new AssertionError({ actual: err, expected: null, operator: "ifError", message, stackStartFn: ifError });
    e.generatedMessage = false;
    throw e;
  };

  // ---------------------------------------------------------------- match

  function matches(fn, string, regexp, message, want) {
    if (!(regexp instanceof RegExp)) throw invalidArgType("regexp", "an instance of RegExp", regexp);
    if (typeof string !== "string" || (regexp.exec(string) !== null) !== want) {
      if (message instanceof Error) throw message;
      const generated = !message;
      message ||= typeof string !== "string" ?
        `The "string" argument must be of type string. Received type ${typeof string} (${P.inspect(string)})` :
        (want ? "The input did not match the regular expression " :
          "The input was expected to not match the regular expression ") +
        `${P.inspect(regexp)}. Input:\n\n${P.inspect(string)}\n`;
      const err = new AssertionError({ actual: string, expected: regexp, message, operator: fn.name, stackStartFn: fn });
      err.generatedMessage = generated;
      throw err;
    }
  }
  assert.match = function match(string, regexp, message) {
    matches(match, string, regexp, message, true);
  };
  assert.doesNotMatch = function doesNotMatch(string, regexp, message) {
    matches(doesNotMatch, string, regexp, message, false);
  };

  assert.AssertionError = AssertionError;

  // assert.strict: the strict forms under the loose names.
  function strict(...args) {
    innerOk(strict, args.length, ...args);
  }
  Object.assign(strict, assert, {
    equal: assert.strictEqual,
    deepEqual: assert.deepStrictEqual,
    notEqual: assert.notStrictEqual,
    notDeepEqual: assert.notDeepStrictEqual,
  });
  assert.strict = strict;
  strict.strict = strict;
  return assert;
});
