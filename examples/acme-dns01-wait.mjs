// Wait, as an ACME DNS-01 hook does, until a TXT record holds the expected token, asking every
// SECONDS and giving up after LIMIT seconds (exit 1). Usage:
// node examples/acme-dns01-wait.mjs _acme-challenge.example.com TOKEN [@SERVER] [-p PORT] [+watch=SECONDS] [+deadline=LIMIT]
import { watch } from 'tsdig';

const [name, token, ...words] = process.argv.slice(2);
for await (const event of watch([name, 'TXT', `+until=${token}`, '+deadline=300', ...words])) {
  if (event.event === 'added') console.log(`seen: ${event.data.join(' ')}`);
  if (event.event === 'end') {
    console.log(event.reason === 'until' ? `${name} holds the token` : `gave up (${event.reason})`);
    process.exitCode = event.reason === 'until' ? 0 : 1;
  }
}
