// node: skip
// Modules are read from regular files only: a device (endless, or empty) or a FIFO would
// block or grow without bound, so import() rejects at once with a clear message.
for (const spec of ["/dev/zero", "/dev/null"]) {
  try {
    await import(spec);
    console.log(spec, "imported");
  } catch (err) {
    console.log(spec, err.name, err.message.replace(/ imported from \S+: /, " imported from HERE: "));
  }
}
