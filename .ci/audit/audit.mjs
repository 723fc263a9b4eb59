// The graphql-http audit suite (GraphQL over HTTP conformance) against a live server.
// Usage: node audit.mjs http://127.0.0.1:8000/graphql
// Prints one line per audit; exits 1 when any audit warns or fails, 2 on a usage error.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql endpoint URL>');
  process.exit(2);
}
const results = await auditServer({ url });
let problems = 0;
for (const result of results) {
  const line = `${result.status.toUpperCase().padEnd(5)} ${result.id} ${result.name}`;
  if (result.status === 'ok') {
    console.log(line);
  } else {
    problems += 1;
    console.log(`${line}\n      ${result.reason}`);
  }
}
console.log(`${results.length} audits, ${problems} warnings or errors`);
process.exit(problems ? 1 : 0);
