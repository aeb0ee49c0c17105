// category: dual (exports import/require)
var EventEmitter = require('eventemitter3');

var EE = new EventEmitter();
var context = { foo: 'bar' };
function emitted() { console.log('emitted', this === context, Array.from(arguments).join(',')); }
EE.once('event-name', emitted, context);
EE.on('another-event', emitted, context);
EE.emit('event-name', 1, 2);
EE.emit('event-name', 3);
EE.emit('another-event', 'x');
console.log(EE.eventNames().join(','), EE.listenerCount('another-event'));
EE.removeListener('another-event', emitted, context);
console.log(EE.listenerCount('another-event'), EventEmitter.prefixed);
