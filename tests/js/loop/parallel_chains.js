// Independent then chains interleave one step at a time.
const mk = (name) => Promise.resolve()
  .then(() => console.log(`${name}1`))
  .then(() => console.log(`${name}2`))
  .then(() => console.log(`${name}3`));
mk('a');
mk('b');
mk('c');
