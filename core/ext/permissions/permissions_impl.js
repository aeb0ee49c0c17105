// permissions_impl.js: mrt.permissions and mrt.errors.NotCapable, in Deno's shape
// (Deno.permissions.query/revoke/request and their Sync forms), compiled on first use. The
// checks themselves are C's (core/permissions.c): this only asks and revokes.
(function (P) {
  "use strict";
  const ops = P.ops;

  // The descriptor field that names what is asked about, by permission name.
  const fields = { __proto__: null, read: "path", write: "path", net: "host", env: "variable",
    run: "command", ffi: "path" };

  function value(desc) {
    if (desc === null || typeof desc !== "object") {
      throw new TypeError("The provided value is not of type 'PermissionDescriptor'");
    }
    const name = desc.name;
    if (typeof name !== "string" || !(name in fields)) {
      throw new TypeError(`The provided value "${name}" is not a valid permission name.`);
    }
    let v = desc[fields[name]];
    if (v === undefined) return [name, undefined];
    if (v instanceof URL) v = v.protocol === "file:" ? decodeURIComponent(v.pathname) : String(v);
    v = String(v);
    if (v.includes("\0")) throw new TypeError("The permission value must not contain null bytes");
    return [name, v];
  }

  class PermissionStatus extends EventTarget {
    #state;
    constructor(state) {
      super();
      this.#state = state;
      this.onchange = null;
    }
    get state() {
      return this.#state;
    }
    get partial() {
      return false;
    }
    // Shown as Deno shows it: the state is a getter, which inspection does not list.
    [Symbol.for("nodejs.util.inspect.custom")](depth, options, inspect) {
      return `PermissionStatus ${inspect({ state: this.#state, onchange: this.onchange }, options)}`;
    }
  }

  function call(verb, desc) {
    const [name, v] = value(desc);
    return new PermissionStatus(ops.permission(verb, name, v));
  }

  class Permissions {
    querySync(desc) { return call(0, desc); }
    revokeSync(desc) { return call(1, desc); }
    // No prompt: a request answers granted, or denied.
    requestSync(desc) { return call(2, desc); }
    query(desc) { return new Promise((resolve) => resolve(call(0, desc))); }
    revoke(desc) { return new Promise((resolve) => resolve(call(1, desc))); }
    request(desc) { return new Promise((resolve) => resolve(call(2, desc))); }
  }

  // The class of the errors the sandbox throws: errors named NotCapable (made in C) are its
  // instances; `new` makes one too.
  class NotCapable extends Error {
    constructor(message, options) {
      super(message, options);
      this.name = "NotCapable";
    }
    static [Symbol.hasInstance](e) {
      return e instanceof Error && e.name === "NotCapable";
    }
  }

  return { permissions: new Permissions(), errors: { NotCapable }, PermissionStatus };
});
