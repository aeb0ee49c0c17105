// cases.mjs: the HTTP/1.1 robustness corpus (issue 16): the case files of cases/, in run order.
// Each case is a name, the server it needs (a key of SERVERS, or `fresh` for a server of its
// own) and a run(t) that writes exact bytes and asserts what comes back. Expectations follow
// RFC 9112 and the parser's contract (core/ext/http/h1.h): where the RFC leaves a choice, the
// case accepts every allowed answer. `node:` says why node's http (run.mjs --node) answers
// otherwise; such a case is expected to fail under --node only.
import "./cases/protocol.mjs";
import "./cases/limits.mjs";
import "./cases/timeouts.mjs";
import "./cases/failures.mjs";

export { SERVERS, cases } from "./cases/common.mjs";
