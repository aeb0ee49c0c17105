// category: dual (exports import.node -> underscore-node.mjs, nested conditions)
import _, { map, countBy } from 'underscore';

console.log(JSON.stringify(map([1, 2, 3], function(num){ return num * 3; })));
console.log(JSON.stringify(countBy([1, 2, 3, 4, 5], function(num) { return num % 2 == 0 ? 'even': 'odd'; })));
var stooges = [{name: 'moe', age: 40}, {name: 'larry', age: 50}, {name: 'curly', age: 60}];
console.log(JSON.stringify(_.chain(stooges).sortBy('age').map(function(s){ return s.name + ' is ' + s.age; }).first().value()));
console.log(_.template("hello: <%= name %>")({name: 'moe'}));
console.log(_.isEqual({a: [1, {b: 2}]}, {a: [1, {b: 2}]}), _.VERSION.split('.').length);
