// category: dual (the import condition: index.mjs re-exporting the CommonJS build)
import EventEmitter from 'eventemitter3';

class Clock extends EventEmitter {}
const c = new Clock();
c.on('tick', (n) => console.log('tick', n));
for (let i = 0; i < 3; i++) c.emit('tick', i);
console.log(c instanceof EventEmitter, typeof EventEmitter.EventEmitter);
