// lib.mjs: the cases' assertions. Every check prints one line; a failed one sets the exit
// code. A case never prints a secret's text: the runner also looks for it in the output.
export const dir = mrt.args[0] ?? process.argv[2]; // the fixture directory (run.mjs made it)
export const A = `${dir}/allowed`;
let failed = 0;

export function ok(label, cond, detail = "") {
  if (!cond) failed++;
  console.log(`${cond ? "ok" : "FAIL"} ${label}${detail && !cond ? ` (${detail})` : ""}`);
}

// f() must throw NotCapable (sync, or its promise must reject with it).
export async function denied(label, f, kind) {
  try {
    await f();
    ok(label, false, "not denied");
  } catch (e) {
    const good = e instanceof mrt.errors.NotCapable && e.name === "NotCapable" &&
      (!kind || e.message.includes(`--allow-${kind} flag`));
    ok(label, good, `${e.name}: ${e.message}`);
  }
}

export async function allowed(label, f, check = () => true) {
  try {
    const r = await f();
    const good = check(r);
    ok(label, good, good ? "" : `got ${describe(r)}`);
  } catch (e) {
    ok(label, false, `${e.name}: ${e.message}`);
  }
}

function describe(v) {
  try {
    return String(v).slice(0, 60);
  } catch {
    return typeof v; // a module namespace has no toString
  }
}

// f() must throw or reject, with any error (a refusal before the sandbox is asked counts).
export async function refused(label, f) {
  try {
    await f();
    ok(label, false, "not refused");
  } catch (e) {
    ok(label, true);
  }
}

export function done() {
  console.log(failed ? `${failed} failed` : "all passed");
  mrt.exit(failed ? 1 : 0);
}
