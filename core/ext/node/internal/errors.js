// errors.js: Node's coded errors (lib/internal/errors.js's shape) for the node: modules:
// an Error of the right class whose stack and toString read "TypeError [ERR_X]: message",
// with an enumerable .code, and the messages Node words for the common codes. Loaded with
// P.loadBuiltin("core/ext/node/internal/errors.js").
(function (P) {
  "use strict";

  const hasOwn = Object.prototype.hasOwnProperty;

  // An error of class Base with Node's decorations for code.
  function nodeError(Base, code, message) {
    const err = new Base(message);
    Object.defineProperty(err, "toString", {
      value() { return `${this.name} [${code}]: ${this.message}`; },
      enumerable: false, writable: true, configurable: true,
    });
    // The stack's first line names the code, as Node's: formatted now, with the name
    // changed for the moment it takes.
    Object.defineProperty(err, "name", { value: `${err.name} [${code}]`, configurable: true });
    err.stack; // eslint-disable-line no-unused-expressions
    delete err.name;
    err.code = code;
    return err;
  }

  // 1234567 -> "1_234_567" (Node's addNumericalSeparator).
  function addNumericalSeparator(val) {
    let res = "";
    let i = val.length;
    const start = val[0] === "-" ? 1 : 0;
    for (; i >= start + 4; i -= 3) res = `_${val.slice(i - 3, i)}${res}`;
    return `${val.slice(0, i)}${res}`;
  }

  // How Node's messages describe a received value ("type number (5)", "an instance of X").
  function describe(value) {
    if (value == null) return `${value}`;
    if (typeof value === "function" && value.name) return `function ${value.name}`;
    if (typeof value === "object") {
      if (value.constructor && value.constructor.name) {
        return `an instance of ${value.constructor.name}`;
      }
      return P.inspect(value, { depth: -1 });
    }
    let inspected = P.inspect(value, { colors: false });
    if (inspected.length > 28) inspected = `${inspected.slice(0, 25)}...`;
    return `type ${typeof value} (${inspected})`;
  }

  const kTypes = ["string", "function", "number", "object", "Function", "Object", "boolean",
    "bigint", "symbol"];
  const classRe = /^([A-Z][a-z0-9]*)+$/;

  function joinList(list, word) {
    if (list.length > 2) return `${word}${list.slice(0, -1).join(", ")}, or ${list[list.length - 1]}`;
    if (list.length === 2) return `${word}${list[0]} or ${list[1]}`;
    return `${word}${list[0]}`;
  }

  // ERR_INVALID_ARG_TYPE: name "x" (an argument), "x.y" (a property), or ending in
  // " argument"; expected a type, a class or other words, or a list of them.
  function invalidArgTypeMessage(name, expected, actual) {
    if (!Array.isArray(expected)) expected = [expected];
    let msg = "The ";
    if (name.endsWith(" argument")) msg += `${name} `;
    else msg += `"${name}" ${name.includes(".") ? "property" : "argument"} `;
    msg += "must be ";
    const types = [];
    const instances = [];
    const other = [];
    for (const value of expected) {
      if (kTypes.includes(value)) types.push(value.toLowerCase());
      else if (classRe.test(value)) instances.push(value);
      else other.push(value);
    }
    if (instances.length > 0) {
      const pos = types.indexOf("object");
      if (pos !== -1) {
        types.splice(pos, 1);
        instances.push("Object");
      }
    }
    if (types.length > 0) {
      msg += types.length > 1 ? joinList(types, "one of type ") : `of type ${types[0]}`;
      if (instances.length > 0 || other.length > 0) msg += " or ";
    }
    if (instances.length > 0) {
      msg += instances.length > 2 ? joinList(instances, "an instance of ")
        : `an instance of ${instances[0]}${instances.length === 2 ? ` or ${instances[1]}` : ""}`;
      if (other.length > 0) msg += " or ";
    }
    if (other.length > 0) {
      if (other.length > 1) msg += joinList(other, "one of ");
      else msg += `${other[0].toLowerCase() !== other[0] ? "an " : ""}${other[0]}`;
    }
    return `${msg}. Received ${describe(actual)}`;
  }

  function invalidArgType(name, expected, actual) {
    return nodeError(TypeError, "ERR_INVALID_ARG_TYPE", invalidArgTypeMessage(name, expected, actual));
  }

  function outOfRange(name, range, input, replaceDefault = false) {
    let msg = replaceDefault ? name : `The value of "${name}" is out of range.`;
    let received;
    if (Number.isInteger(input) && Math.abs(input) > 2 ** 32) {
      received = addNumericalSeparator(String(input));
    } else if (typeof input === "bigint") {
      received = String(input);
      if (input > 2n ** 32n || input < -(2n ** 32n)) received = addNumericalSeparator(received);
      received += "n";
    } else {
      received = P.inspect(input);
    }
    msg += ` It must be ${range}. Received ${received}`;
    return nodeError(RangeError, "ERR_OUT_OF_RANGE", msg);
  }

  function invalidArgValue(name, value, reason = "is invalid") {
    let inspected = P.inspect(value);
    if (inspected.length > 128) inspected = `${inspected.slice(0, 128)}...`;
    const type = name.includes(".") ? "property" : "argument";
    return nodeError(TypeError, "ERR_INVALID_ARG_VALUE", `The ${type} '${name}' ${reason}. Received ${inspected}`);
  }

  function missingArgs(...names) {
    let msg = "The ";
    const wrap = (a) => `"${a}"`;
    const list = names.map((a) => (Array.isArray(a) ? a.map(wrap).join(" or ") : wrap(a)));
    if (list.length === 1) msg += `${list[0]} argument`;
    else if (list.length === 2) msg += `${list[0]} and ${list[1]} arguments`;
    else msg += `${list.slice(0, -1).join(", ")}, and ${list[list.length - 1]} arguments`;
    return nodeError(TypeError, "ERR_MISSING_ARGS", `${msg} must be specified`);
  }

  // The validators of lib/internal/validators.js that several modules use.
  function validateNumber(value, name, min, max) {
    if (typeof value !== "number") throw invalidArgType(name, "number", value);
    if ((min != null && value < min) || (max != null && value > max) ||
        ((min != null || max != null) && Number.isNaN(value))) {
      throw outOfRange(name, `${min != null ? `>= ${min}` : ""}${min != null && max != null ? " && " : ""}${max != null ? `<= ${max}` : ""}`, value);
    }
  }
  function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
    if (typeof value !== "number") throw invalidArgType(name, "number", value);
    if (!Number.isInteger(value)) throw outOfRange(name, "an integer", value);
    if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
  }
  function validateString(value, name) {
    if (typeof value !== "string") throw invalidArgType(name, "string", value);
  }
  function validateFunction(value, name) {
    if (typeof value !== "function") throw invalidArgType(name, "Function", value);
  }
  function validateObject(value, name, allowNull = false) {
    if ((!allowNull && value === null) || Array.isArray(value) || typeof value !== "object") {
      if (!(allowNull && value === null)) throw invalidArgType(name, "Object", value);
    }
  }
  function validateBoolean(value, name) {
    if (typeof value !== "boolean") throw invalidArgType(name, "boolean", value);
  }
  function validateAbortSignal(signal, name) {
    if (signal !== undefined && (signal === null || typeof signal !== "object" || !("aborted" in signal))) {
      throw invalidArgType(name, "AbortSignal", signal);
    }
  }

  // Node's AbortError (lib/internal/errors.js): name "AbortError", code "ABORT_ERR".
  class AbortError extends Error {
    constructor(message = "The operation was aborted", options = undefined) {
      super(message, options);
      this.code = "ABORT_ERR";
      this.name = "AbortError";
    }
  }

  return {
    nodeError, describe, addNumericalSeparator, invalidArgType, invalidArgTypeMessage,
    outOfRange, invalidArgValue, missingArgs, validateNumber, validateInteger, validateString,
    validateFunction, validateObject, validateBoolean, validateAbortSignal, AbortError, hasOwn,
  };
});
