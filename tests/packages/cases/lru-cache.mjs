// category: dual (exports import/require with nested conditions)
import { LRUCache } from 'lru-cache'

const options = { max: 3 }
const cache = new LRUCache(options)
cache.set('a', 1)
cache.set('b', 2)
cache.set('c', 3)
cache.get('a')
cache.set('d', 4)
console.log([...cache.keys()].join(','), cache.has('b'), cache.size)
console.log(cache.peek('a'), cache.get('zzz'))
cache.delete('a')
console.log([...cache.entries()].map(([k, v]) => k + '=' + v).join(' '))
