// category: dual (exports import/require)
import { load, dump } from 'js-yaml'

const doc = load(`
greeting: hello
list:
  - 1
  - two
  - { nested: true }
date: 2001-12-14
anchors:
  base: &b { x: 1 }
  derived: { <<: *b, y: 2 }
`)
console.log(JSON.stringify(doc))
console.log(dump({ name: 'mrt', tags: ['a', 'b'], deep: { n: 1.5, s: 'multi\nline' } }))
try {
  load('a: [1, 2')
} catch (e) {
  console.log(e.name, e.reason)
}
