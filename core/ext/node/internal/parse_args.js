// parse_args.js: util.parseArgs (Node's lib/internal/util/parse_args): options of type
// "string" or "boolean" with short aliases, multiple and default; short groups (-abc), short
// option values (-fVALUE), --long=value, "--" ending the options; strict mode's errors with
// Node's codes and messages; tokens on request.
(function (P) {
  "use strict";
  const E = P.loadBuiltin("core/ext/node/internal/errors.js");
  const { nodeError, invalidArgType, validateObject, validateBoolean } = E;

  const own = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);
  const optGet = (options, long, key) => (own(options, long) ? options[long][key] : undefined);

  function defaultArgs() {
    const proc = globalThis.process;
    if (!proc || !Array.isArray(proc.argv)) return [];
    const execArgv = proc.execArgv || [];
    if (execArgv.includes("-e") || execArgv.includes("--eval") || execArgv.includes("-p") ||
        execArgv.includes("--print")) {
      return proc.argv.slice(1);
    }
    return proc.argv.slice(2);
  }

  const isLoneShortOption = (arg) => arg.length === 2 && arg[0] === "-" && arg[1] !== "-";
  const isLoneLongOption = (arg) => arg.length > 2 && arg.startsWith("--") && !arg.includes("=", 3);
  const isLongOptionAndValue = (arg) => arg.length > 2 && arg.startsWith("--") && arg.includes("=", 3);
  function isShortOptionGroup(arg, options) {
    if (arg.length <= 2 || arg[0] !== "-" || arg[1] === "-") return false;
    const first = arg[1];
    const long = findLongOptionForShort(first, options);
    return optGet(options, long, "type") !== "string";
  }
  function isShortOptionAndValue(arg, options) {
    if (arg.length <= 2 || arg[0] !== "-" || arg[1] === "-") return false;
    const long = findLongOptionForShort(arg[1], options);
    return optGet(options, long, "type") === "string";
  }
  function findLongOptionForShort(short, options) {
    for (const long of Object.keys(options)) if (options[long].short === short) return long;
    return short;
  }

  function shortAndLong(options, long) {
    const short = optGet(options, long, "short");
    return short ? `-${short}, --${long}` : `--${long}`;
  }

  function checkOptionUsage(config, token) {
    if (!own(config.options, token.name)) return;
    const type = config.options[token.name].type;
    if (type === "string" && typeof token.value !== "string") {
      throw nodeError(TypeError, "ERR_PARSE_ARGS_INVALID_OPTION_VALUE",
        `Option '${shortAndLong(config.options, token.name)} <value>' argument missing`);
    }
    if (type === "boolean" && token.value != null) {
      throw nodeError(TypeError, "ERR_PARSE_ARGS_INVALID_OPTION_VALUE",
        `Option '${shortAndLong(config.options, token.name)}' does not take an argument`);
    }
  }

  // A value taken from the next argument that looks like an option is refused (strict).
  function checkOptionLikeValue(token) {
    const v = token.value;
    if (!token.inlineValue && v != null && v.length > 1 && v[0] === "-") {
      const example = token.rawName.startsWith("--") ? `'${token.rawName}=-XYZ'`
        : `'--${token.name}=-XYZ' or '${token.rawName}-XYZ'`;
      throw nodeError(TypeError, "ERR_PARSE_ARGS_INVALID_OPTION_VALUE",
        `Option '${token.rawName}' argument is ambiguous.\nDid you forget to specify the option argument for '${token.rawName}'?\nTo specify an option argument starting with a dash use ${example}.`);
    }
  }

  function storeOption(long, value, options, values) {
    if (long === "__proto__") return;
    const newValue = value ?? true;
    if (optGet(options, long, "multiple")) {
      if (values[long] === undefined) values[long] = [newValue];
      else values[long].push(newValue);
    } else {
      values[long] = newValue;
    }
  }

  function argsToTokens(args, options) {
    const tokens = [];
    let index = -1;
    let groupCount = 0;
    const remaining = args.slice();
    while (remaining.length > 0) {
      const arg = remaining.shift();
      const nextArg = remaining[0];
      if (groupCount > 0) groupCount--;
      else index++;
      if (arg === "--") {
        tokens.push({ kind: "option-terminator", index });
        for (const rest of remaining) tokens.push({ kind: "positional", index: ++index, value: rest });
        break;
      }
      if (isLoneShortOption(arg)) {
        const short = arg[1];
        const long = findLongOptionForShort(short, options);
        let value;
        let inlineValue;
        if (optGet(options, long, "type") === "string" && nextArg != null) {
          value = remaining.shift();
          inlineValue = false;
        }
        tokens.push({ kind: "option", name: long, rawName: arg, index, value, inlineValue });
        if (value != null) ++index;
        continue;
      }
      if (isShortOptionGroup(arg, options)) {
        const expanded = [];
        for (let i = 1; i < arg.length; i++) {
          const short = arg[i];
          const long = findLongOptionForShort(short, options);
          if (optGet(options, long, "type") !== "string" || i === arg.length - 1) {
            expanded.push(`-${short}`);
          } else {
            expanded.push(`-${arg.slice(i)}`);
            break;
          }
        }
        remaining.unshift(...expanded);
        groupCount = expanded.length;
        continue;
      }
      if (isShortOptionAndValue(arg, options)) {
        const short = arg[1];
        const long = findLongOptionForShort(short, options);
        tokens.push({ kind: "option", name: long, rawName: `-${short}`, index, value: arg.slice(2), inlineValue: true });
        continue;
      }
      if (isLoneLongOption(arg)) {
        const long = arg.slice(2);
        let value;
        let inlineValue;
        if (optGet(options, long, "type") === "string" && nextArg != null) {
          value = remaining.shift();
          inlineValue = false;
        }
        tokens.push({ kind: "option", name: long, rawName: arg, index, value, inlineValue });
        if (value != null) ++index;
        continue;
      }
      if (isLongOptionAndValue(arg)) {
        const eq = arg.indexOf("=");
        const long = arg.slice(2, eq);
        tokens.push({ kind: "option", name: long, rawName: `--${long}`, index, value: arg.slice(eq + 1), inlineValue: true });
        continue;
      }
      tokens.push({ kind: "positional", index, value: arg });
    }
    return tokens;
  }

  return function parseArgs(config = {}) {
    const get = (key) => (own(config, key) ? config[key] : undefined);
    const args = get("args") ?? defaultArgs();
    const strict = get("strict") ?? true;
    const allowPositionals = get("allowPositionals") ?? !strict;
    const returnTokens = get("tokens") ?? false;
    const options = get("options") ?? { __proto__: null };
    if (!Array.isArray(args)) throw invalidArgType("args", "Array", args);
    validateBoolean(strict, "strict");
    validateBoolean(allowPositionals, "allowPositionals");
    validateBoolean(returnTokens, "tokens");
    validateObject(options, "options");
    for (const [long, optionConfig] of Object.entries(options)) {
      validateObject(optionConfig, `options.${long}`);
      const type = optionConfig.type;
      if (type !== "string" && type !== "boolean") {
        throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE",
          `The "options.${long}.type" property must be ('string|boolean'). Received ${E.describe(type)}`);
      }
      if (own(optionConfig, "short")) {
        const short = optionConfig.short;
        E.validateString(short, `options.${long}.short`);
        if (short.length !== 1) throw E.invalidArgValue(`options.${long}.short`, short, "must be a single character");
      }
      const multiple = optionConfig.multiple;
      if (own(optionConfig, "multiple")) validateBoolean(multiple, `options.${long}.multiple`);
      if (own(optionConfig, "default")) {
        const def = optionConfig.default;
        const name = `options.${long}.default`;
        if (multiple) {
          if (!Array.isArray(def)) throw invalidArgType(name, "Array", def);
          def.forEach((v, i) => {
            if (typeof v !== type) throw invalidArgType(`${name}[${i}]`, type, v);
          });
        } else if (typeof def !== type) {
          throw invalidArgType(name, type, def);
        }
      }
    }
    const tokens = argsToTokens(args, options);
    const result = { values: { __proto__: null }, positionals: [] };
    if (returnTokens) result.tokens = tokens;
    for (const token of tokens) {
      if (token.kind === "option") {
        if (strict) {
          if (!own(options, token.name)) {
            const suggest = allowPositionals
              ? `. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- ${JSON.stringify(token.rawName)}`
              : "";
            throw nodeError(TypeError, "ERR_PARSE_ARGS_UNKNOWN_OPTION", `Unknown option '${token.rawName}'${suggest}`);
          }
          checkOptionUsage({ options }, token);
          checkOptionLikeValue(token);
        }
        storeOption(token.name, token.value, options, result.values);
      } else if (token.kind === "positional") {
        if (!allowPositionals) {
          throw nodeError(TypeError, "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL",
            `Unexpected argument '${token.value}'. This command does not take positional arguments`);
        }
        result.positionals.push(token.value);
      }
    }
    for (const [long, optionConfig] of Object.entries(options)) {
      if (own(optionConfig, "default") && result.values[long] === undefined) {
        result.values[long] = optionConfig.default;
      }
    }
    return result;
  };
});
