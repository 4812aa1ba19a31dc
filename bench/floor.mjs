// The reference floor: a bare, unbundled Node ESM script that asks one question with dns-packet
// over node:dgram and prints the answer. tsdig's start-up is measured against this.
// Usage: node bench/floor.mjs SERVER PORT NAME [TYPE]
import { createSocket } from 'node:dgram';
import { randomInt } from 'node:crypto';
import dnsPacket from 'dns-packet';

const [server, port, name, type = 'A'] = process.argv.slice(2);
const id = randomInt(0, 65536);
const query = dnsPacket.encode({ type: 'query', id, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type, name }] });
const socket = createSocket(server.includes(':') ? 'udp6' : 'udp4');
const timer = setTimeout(() => {
  process.stderr.write('timed out\n');
  socket.close();
  process.exitCode = 9;
}, 5000);
socket.on('message', (raw) => {
  const reply = dnsPacket.decode(raw);
  if (reply.id !== id) return;
  clearTimeout(timer);
  for (const answer of reply.answers)
    process.stdout.write(`${answer.name}.\t${answer.ttl}\tIN\t${answer.type}\t${answer.data}\n`);
  socket.close();
});
socket.connect(Number(port), server, () => socket.send(query));
