// One task of the pool: the number of primes below the limit it is sent (CPU only).
onmessage = (e) => {
  const limit = e.data;
  let count = 0;
  for (let i = 2; i < limit; i++) {
    let prime = true;
    for (let d = 2; d * d <= i; d++) {
      if (i % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count++;
  }
  postMessage(count);
};
