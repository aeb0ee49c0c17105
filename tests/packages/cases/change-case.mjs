// category: esm-only; needs: deep subpath export (change-case/keys)
import * as changeCase from "change-case";
import * as changeKeys from "change-case/keys";

console.log(changeCase.camelCase("TEST_VALUE"));
console.log(changeCase.snakeCase("fooBarBaz"));
console.log(changeCase.kebabCase("Foo Bar"));
console.log(changeCase.pascalCase("version 1.2.10"));
console.log(changeCase.constantCase("hello world"));
console.log(JSON.stringify(changeKeys.camelCase({ first_name: "a", nested_obj: { inner_key: 1 } }, 2)));
