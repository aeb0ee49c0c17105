// category: dual (exports module/import/require)
import mitt from 'mitt'

const emitter = mitt()

// listen to an event
emitter.on('foo', e => console.log('foo', JSON.stringify(e)) )

// listen to all events
emitter.on('*', (type, e) => console.log(type, JSON.stringify(e)) )

// fire an event
emitter.emit('foo', { a: 'b' })

// clearing all events
emitter.all.clear()
emitter.emit('foo', { a: 'c' })
console.log('done', emitter.all.size)
