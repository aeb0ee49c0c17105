// timeout: 30000
// A chain of 1000 setTimeout hops, each scheduling the next; then 1000 immediate hops.
let hops = 0;
function hop() {
  hops++;
  if (hops < 1000) setTimeout(hop, 0);
  else {
    console.log(`timeout hops: ${hops}`);
    setImmediate(ihop);
  }
}
setTimeout(hop, 0);
let ihops = 0;
function ihop() {
  if (++ihops < 1000) setImmediate(ihop);
  else console.log(`immediate hops: ${ihops}`);
}
