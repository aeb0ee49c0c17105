// category: cjs-only for node (type commonjs, exports node -> CommonJS): ESM importing CJS named exports
import { parse, stringify } from 'yaml'
import YAML from 'yaml'

console.log(JSON.stringify(parse('3.14159')))
console.log(JSON.stringify(parse('[ true, false, maybe, null ]\n')))
const file = `
# comment
YAML:
  - A human-readable data serialization language
  - https://en.wikipedia.org/wiki/YAML
yaml:
  - A complete JavaScript implementation
  - https://www.npmjs.com/package/yaml
`
console.log(JSON.stringify(parse(file)))
console.log(stringify({ number: 3, plain: 'string', block: 'two\nlines\n' }))
const doc = YAML.parseDocument('a: 1 # one\nb: [2, 3]\n')
doc.set('c', 'new')
console.log(String(doc))
