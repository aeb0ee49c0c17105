// process.env reads and writes the real environment: values become strings, delete unsets,
// `in` and Object.keys see it; child-visible through mrt's env too.
const env = process.env;
delete env.MRT_TEST_X;
console.log(env.MRT_TEST_X, "MRT_TEST_X" in env);
env.MRT_TEST_X = 1;
console.log(typeof env.MRT_TEST_X, env.MRT_TEST_X, "MRT_TEST_X" in env);
console.log(Object.keys(env).includes("MRT_TEST_X"), JSON.stringify(Object.getOwnPropertyDescriptor(env, "MRT_TEST_X")));
env.MRT_TEST_X = true;
console.log(env.MRT_TEST_X);
env.MRT_TEST_X = undefined;
console.log(env.MRT_TEST_X, typeof env.MRT_TEST_X);
env.MRT_TEST_X = { toString() { return "obj"; } };
console.log(env.MRT_TEST_X);
console.log(delete env.MRT_TEST_X, env.MRT_TEST_X, "MRT_TEST_X" in env, delete env.MRT_TEST_NEVER_SET);
console.log({ ...env }.PATH === env.PATH, typeof env.PATH, env.PATH.length > 0);
try { env.MRT_TEST_S = Symbol("s"); } catch (e) { console.log(e.name, e.message); }
try { Object.defineProperty(env, "MRT_TEST_G", { get() { return 1; } }); } catch (e) { console.log(e.code); }
Object.defineProperty(env, "MRT_TEST_D", { value: 7, writable: true, enumerable: true, configurable: true });
console.log(env.MRT_TEST_D);
delete env.MRT_TEST_D;
console.log(env[Symbol.iterator], env.constructor === undefined || typeof env.constructor);
