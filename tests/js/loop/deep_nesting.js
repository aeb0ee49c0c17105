// timer -> microtask -> timer -> immediate -> microtask ... nested several levels.
setTimeout(() => {
  console.log('L1 timer');
  Promise.resolve().then(() => {
    console.log('L2 micro');
    setTimeout(() => {
      console.log('L3 timer');
      setImmediate(() => {
        console.log('L4 immediate');
        queueMicrotask(() => {
          console.log('L5 micro');
          setImmediate(() => console.log('L6 immediate'));
          Promise.resolve().then(() => console.log('L6 micro'));
        });
      });
      Promise.resolve().then(() => console.log('L4 micro'));
    }, 0);
  });
}, 0);
