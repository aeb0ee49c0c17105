// node: skip
// A worker keeps the program alive while it is alive and ref()'d; unref() lets the program end
// even though the worker would live on (it listens for messages forever).
const listener = new Worker(new URL("./fixtures/echo.js", import.meta.url));
listener.unref();
listener.ref();
listener.unref();
// This one has work for 100 ms and then ends by itself: the program waits for its message.
const later = new Worker(new URL("./fixtures/later.js", import.meta.url));
later.onmessage = (e) => console.log(e.data);
