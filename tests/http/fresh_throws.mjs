// An app whose module throws while it is evaluated: every request is a 500.
throw new RangeError("app failed at load");
