// HTTPS: the self-signed test certificate is refused by default; the system CA store is used
// (it does not hold this certificate).
import { HTTPS, show } from "./_env.mjs";

for (let i = 0; i < 2; i++) {
  try {
    await fetch(`${HTTPS}/hello`);
    console.log("accepted?");
  } catch (e) {
    console.log(show(e), typeof e.cause.message);
  }
}
