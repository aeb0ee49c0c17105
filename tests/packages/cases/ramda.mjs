// category: dual (exports import -> es/, require -> src/)
import * as R from 'ramda'

const double = x => x * 2;
console.log(JSON.stringify(R.map(double, [1, 2, 3])));
console.log(JSON.stringify(R.map(double, {x: 1, y: 2, z: 3})));
const greet = R.replace('{name}', R.__, 'Hello, {name}!');
console.log(greet('Alice'));
console.log(R.pipe(R.filter(n => n % 2 === 0), R.map(R.multiply(3)), R.sum)([1, 2, 3, 4]));
console.log(JSON.stringify(R.groupBy(R.prop('k'), [{k: 'a', v: 1}, {k: 'b', v: 2}, {k: 'a', v: 3}])));
