// category: dual by "module" field only (no exports): node loads the CommonJS main
import { assert, object, number, string, array, is, validate, StructError } from 'superstruct'

const Article = object({
  id: number(),
  title: string(),
  tags: array(string()),
  author: object({
    id: number(),
  }),
})

const data = {
  id: 34,
  title: 'Hello World',
  tags: ['news', 'features'],
  author: {
    id: 1,
  },
}

assert(data, Article)
// This will throw an error when the data is invalid.
console.log('valid', is(data, Article))
const [err] = validate({ ...data, id: 'x' }, Article)
console.log(err instanceof StructError, err.message)
try {
  assert({ ...data, tags: [1] }, Article)
} catch (e) {
  console.log(JSON.stringify(e.path), e.type)
}
