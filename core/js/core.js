// core.js: the async-op machinery. Runs first; the C core reads P.asyncOp and P.settle.
(function (P) {
  "use strict";

  // Resolvers of the promises of async ops in flight, by op id.
  const pending = new Map();
  let nextId = 1;

  // Wraps a raw async native `raw(id, ...args)` into `(...args) => Promise`.
  P.asyncOp = function asyncOp(raw) {
    return function (...args) {
      const id = nextId;
      nextId = nextId === 0x7fffffff ? 1 : nextId + 1;
      let resolvers;
      const promise = new Promise((resolve, reject) => {
        resolvers = { resolve, reject };
      });
      pending.set(id, resolvers);
      try {
        raw(id, ...args);
      } catch (err) {
        pending.delete(id);
        resolvers.reject(err);
      }
      return promise;
    };
  };

  // One call from C settles a batch: [id, ok, value, id, ok, value, ...].
  P.settle = function settle(batch) {
    for (let i = 0; i < batch.length; i += 3) {
      const r = pending.get(batch[i]);
      if (r === undefined) continue;
      pending.delete(batch[i]);
      if (batch[i + 1]) r.resolve(batch[i + 2]);
      else r.reject(batch[i + 2]);
    }
  };

  P.pendingOps = () => pending.size;
});
