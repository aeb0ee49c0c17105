// flags: --allow-read={dir}/allowed
// The runner flips {dir}/allowed/flip between a symlink to ok.txt and one to the secret
// (rename over it, atomically) in another process, as fast as it can; meanwhile this opens
// it again and again. Each open is either ok.txt or refused: never the secret.
import { A, ok, done } from "./lib.mjs";

let good = 0, refused = 0, other = 0, leaked = 0;
const deadline = Date.now() + 1500;
for (let i = 0; Date.now() < deadline || i < 2000; i++) {
  try {
    const t = mrt.readTextFileSync(`${A}/flip`);
    if (t === "ok\n") good++;
    else if (t.includes("SECRET")) leaked++;
    else other++;
  } catch (e) {
    if (e.name === "NotCapable") refused++;
    else other++; // ENOENT in the instant of a rename is possible on some file systems
  }
  // The directory form: {A}/flipdir flips between a directory inside and one outside.
  try {
    const t = mrt.readTextFileSync(`${A}/flipdir/secret.txt`);
    if (t.includes("SECRET")) leaked++;
  } catch {}
}
console.log(`opens: ${good} ok.txt, ${refused} refused (counts vary)`);
ok("never the secret", leaked === 0, `${leaked} leaks`);
ok("both sides were seen", good > 0 && refused > 0, `${good} ok, ${refused} refused`);
done();
