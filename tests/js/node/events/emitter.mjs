import EventEmitter, { once, on, errorMonitor, getEventListeners, setMaxListeners } from "node:events";
import * as ns from "node:events";
console.log(typeof EventEmitter, EventEmitter.EventEmitter === EventEmitter, EventEmitter.defaultMaxListeners, Object.keys(ns).sort().join());
const e = new EventEmitter();
e.on('newListener', (t, l) => console.log('newListener', t, l.name));
e.on('removeListener', (t, l) => console.log('removeListener', t, l.name));
function a(x) { console.log('a', x, this === e); }
function b(x) { console.log('b', x); }
e.on('x', a); e.prependListener('x', b); e.once('x', function c(x) { console.log('c', x); });
e.prependOnceListener('x', function d(x) { console.log('d', x); });
console.log(e.listenerCount('x'), e.listeners('x').map(f => f.name), e.rawListeners('x').map(f => f.name), e.eventNames());
console.log(e.emit('x', 1), e.emit('x', 2), e.emit('nothing'));
e.off('x', a); e.removeAllListeners('x'); console.log(e.eventNames(), EventEmitter.listenerCount(e, 'x'));
e.on(errorMonitor, (err) => console.log('monitor', err.message));
try { e.emit('error', new Error('boom')); } catch (err) { console.log('thrown', err.message); }
try { e.emit('error', { a: 1 }); } catch (err) { console.log(err.code, err.message, err.context, String(err)); }
try { e.emit('error'); } catch (err) { console.log(err.code, err.message); }
try { e.on('x', 5); } catch (err) { console.log(err.code, err.message); }
try { e.setMaxListeners(-1); } catch (err) { console.log(err.code, err.message); }
class My extends EventEmitter {}
const m = new My(); m.setMaxListeners(1); console.log(m.getMaxListeners(), m instanceof EventEmitter);
const p = once(m, 'go'); m.emit('go', 1, 2); console.log(await p);
const p2 = once(m, 'go'); m.emit('error', new Error('bad')); try { await p2 } catch (err) { console.log('once rejected', err.message) }
const ac = new AbortController(); const p3 = once(m, 'never', { signal: ac.signal }); ac.abort(); try { await p3 } catch (err) { console.log(err.name, err.code, err.message) }
const et = new EventTarget(); const p4 = once(et, 'ping'); et.dispatchEvent(new Event('ping')); console.log((await p4)[0].type);
const it = on(m, 'tick'); setTimeout(() => { m.emit('tick', 1); m.emit('tick', 2); m.emit('tick', 3); }, 1);
let n = 0; for await (const v of it) { console.log('tick', v); if (++n === 3) break; }
console.log(m.listenerCount('tick'), getEventListeners(m, 'go').length);
const cr = new EventEmitter({ captureRejections: true });
cr.on('error', (err) => console.log('captured', err.message));
cr.on('ev', async () => { throw new Error('async fail'); }); cr.emit('ev');
await new Promise(r => setTimeout(r, 5));
console.log(Object.keys(e), e._eventsCount);
console.log(e);
