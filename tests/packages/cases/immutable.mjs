// category: cjs-only for node (module field only, no exports): ESM importing CommonJS named exports
import { Map, List } from 'immutable';

const map1 = Map({ a: 1, b: 2, c: 3 });
const map2 = map1.set('b', 50);
console.log(map1.get('b') + ' vs. ' + map2.get('b')); // 2 vs. 50
const list1 = List([1, 2]);
const list2 = list1.push(3, 4, 5);
console.log(list2.size, list2.toJS().join(','), list1.equals(List([1, 2])));
console.log(JSON.stringify(map2.merge({ d: 4 }).toJS()));
