// category: dual (exports import/require, "@zod/source" custom condition)
import * as z from "zod";

const Player = z.object({
  username: z.string(),
  xp: z.number()
});

console.log(JSON.stringify(Player.parse({ username: "billie", xp: 100 })));
// => returns { username: "billie", xp: 100 }

const result = Player.safeParse({ username: 42, xp: "100" });
if (!result.success) {
  console.log(result.error.issues.length, JSON.stringify(result.error.issues.map((i) => [i.path.join("."), i.code, i.expected])));
} else {
  result.data;
}
const Schema = z.object({ name: z.string().min(2), tags: z.array(z.string()).default([]) });
console.log(JSON.stringify(Schema.parse({ name: "ok" })));
try {
  Schema.parse({ name: "x" });
} catch (e) {
  console.log(e instanceof z.ZodError, e.issues[0].code, e.issues[0].minimum);
}
console.log(JSON.stringify(z.string().email().safeParse("a@b.co").success));
