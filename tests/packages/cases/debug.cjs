// category: cjs-only; needs: process.env, node:tty, node:util (formatWithOptions, inspect)
// The date prefix is hidden so the output is deterministic; output goes to stdout as README shows.
process.env.DEBUG_HIDE_DATE = '1'
const createDebug = require('debug')
var debug = require('debug')('http')
debug.log = console.log.bind(console)

console.log('enabled before', debug.enabled)
createDebug.enable('http,worker:*')
console.log('enabled after', debug.enabled, createDebug.enabled('worker:a'), createDebug.enabled('db'))
debug('booting %o', 'My App')
debug('listening on %d, json %j', 3000, { a: 1 })
var a = require('debug')('worker:a')
a.log = console.log.bind(console)
a('doing lots of uninteresting work')
const sub = a.extend('sub')
sub.log = console.log.bind(console)
sub('from a sub-namespace')
console.log(createDebug.humanize(1500), createDebug.humanize(3600000))
