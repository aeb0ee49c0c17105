postMessage("up");
