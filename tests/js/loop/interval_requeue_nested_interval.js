// An interval created in another interval's callback, same delay: the new one is queued
// before the re-armed outer one, so it runs first from then on.
let outer = 0, inner = 0, innerId;
const outerId = setInterval(() => {
  outer++;
  console.log(`outer ${outer}`);
  if (outer === 1) {
    innerId = setInterval(() => {
      inner++;
      console.log(`inner ${inner}`);
      if (inner === 3) clearInterval(innerId);
    }, 10);
  }
  if (outer === 4) clearInterval(outerId);
}, 10);
