// Timers with equal deadlines fire in creation order.
for (let i = 0; i < 10; i++) setTimeout(() => console.log(`t${i}`), 3);
setTimeout(() => {
  for (let i = 0; i < 5; i++) setTimeout(() => console.log(`inner ${i}`), 10);
}, 0);
