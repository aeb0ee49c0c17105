// category: esm-only; depends on yocto-queue (ESM)
import pLimit from 'p-limit';

const limit = pLimit(2);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let running = 0;
let peak = 0;
const fetchSomething = async (x) => {
	running++;
	peak = Math.max(peak, running);
	await sleep(5);
	running--;
	return x.toUpperCase();
};

const input = [
	limit(() => fetchSomething('foo')),
	limit(() => fetchSomething('bar')),
	limit(() => fetchSomething('baz')),
	limit(() => fetchSomething('qux')),
];

console.log('pending', limit.pendingCount, 'active', limit.activeCount);
// Only two promises are run at once
const result = await Promise.all(input);
console.log(result.join(','), 'peak', peak);
