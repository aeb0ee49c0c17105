// category: esm-only
import camelCase from 'camelcase';

console.log(camelCase('foo-bar'));
console.log(camelCase('foo_bar'));
console.log(camelCase('Foo-Bar'));
console.log(camelCase('Foo-Bar', {pascalCase: true}));
console.log(camelCase('--foo.bar', {pascalCase: false}));
console.log(camelCase(['foo', 'bar']));
console.log(camelCase('lorem-ipsum', {locale: 'en-US'}));
