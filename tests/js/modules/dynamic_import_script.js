// import() works from a classic script too.
import('./_lazy.mjs').then((ns) => console.log('script got:', ns.value));
console.log('script body done');
