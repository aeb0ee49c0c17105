// category: dual (exports import/require)
import * as v from 'valibot'; // 1.31 kB

// Create login schema with email and password
const LoginSchema = v.object({
  email: v.pipe(v.string(), v.email()),
  password: v.pipe(v.string(), v.minLength(8)),
});

// Throws error for email and password
try {
  v.parse(LoginSchema, { email: '', password: '' });
} catch (e) {
  console.log(e.name, JSON.stringify(e.issues.map((i) => i.message)));
}

// Returns data as { email: string; password: string }
console.log(JSON.stringify(v.parse(LoginSchema, { email: 'jane@example.com', password: '12345678' })));
const r = v.safeParse(LoginSchema, { email: 'x', password: '12345678' });
console.log(r.success, r.issues.length, JSON.stringify(v.flatten(r.issues)));
