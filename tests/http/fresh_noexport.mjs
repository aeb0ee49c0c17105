// An app without a fetch: every request is a 500 with the reason on stderr.
export default { hello: 1 };
