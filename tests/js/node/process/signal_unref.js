// A signal listener keeps nothing alive: the program ends when its work does.
process.on("SIGINT", () => console.log("MUST NOT RUN"));
setTimeout(() => console.log("done"), 1);
