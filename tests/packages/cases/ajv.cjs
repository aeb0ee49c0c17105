// category: cjs-only (main, no exports); needs: require of JSON schema files inside the package
const Ajv = require("ajv")
const ajv = new Ajv() // options can be passed, e.g. {allErrors: true}

const schema = {
  type: "object",
  properties: {
    foo: {type: "integer"},
    bar: {type: "string"},
  },
  required: ["foo"],
  additionalProperties: false,
}

const validate = ajv.compile(schema)
for (const data of [{foo: 1, bar: "abc"}, {foo: "x"}, {bar: "abc"}]) {
  const valid = validate(data)
  console.log(valid, JSON.stringify(validate.errors))
}
