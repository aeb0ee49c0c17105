// category: esm-only; needs: node:crypto (webcrypto.getRandomValues / randomFillSync)
import { nanoid, customAlphabet } from 'nanoid'

const id = nanoid() //=> "V1StGXR8_Z5jdHi6B-myT"
console.log(id.length, /^[A-Za-z0-9_-]+$/.test(id))
console.log(nanoid(10).length)
const ids = new Set(Array.from({ length: 1000 }, () => nanoid()))
console.log('unique', ids.size)
const custom = customAlphabet('1234567890abcdef', 10)
const c = custom()
console.log(c.length, /^[0-9a-f]{10}$/.test(c))
