// The floor of a batch in Node: a bare script that reads a query file (one `NAME TYPE` a line, as
// bench/nsd.sh writes it), keeps WINDOW queries in flight on one connected node:dgram socket and sends
// the next one as each reply comes, counting replies and decoding nothing. What is left of its time
// after `node -e 0` is the cost of node:dgram (a send and a message event per query) and the
// loopback server, which no batch tool in Node goes below; tsdig -f +short is measured against it.
// Usage: node bench/batch-floor.mjs SERVER PORT FILE [WINDOW]   (exits 9 if a reply is missing)
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';

const [server, port, file, windowText = '64'] = process.argv.slice(2);
const types = { A: 1, NS: 2, MX: 15, TXT: 16, AAAA: 28 };
const lines = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '');

/** A query for line `index`, with the index as its ID and an OPT record as tsdig sends one. */
function query(index) {
  const [name, type = 'A'] = lines[index].trim().split(/\s+/);
  const labels = name.replace(/\.$/, '').split('.');
  const packet = Buffer.alloc(12 + labels.reduce((sum, label) => sum + label.length + 1, 1) + 4 + 11);
  packet.writeUInt16BE(index & 0xffff, 0);
  packet.writeUInt16BE(0x0100, 2); // RD
  packet.writeUInt16BE(1, 4); // QDCOUNT
  packet.writeUInt16BE(1, 10); // ARCOUNT
  let at = 12;
  for (const label of labels) {
    packet[at++] = label.length;
    at += packet.write(label, at, 'ascii');
  }
  at += 1; // root
  packet.writeUInt16BE(types[type.toUpperCase()] ?? 1, at);
  packet.writeUInt16BE(1, at + 2);
  at += 5; // type, class, the OPT record's root owner
  packet.writeUInt16BE(41, at);
  packet.writeUInt16BE(1232, at + 2);
  return packet;
}

const socket = createSocket(server.includes(':') ? 'udp6' : 'udp4');
let sent = 0;
let received = 0;
const timer = setTimeout(() => {
  process.stderr.write(`timed out: ${received} of ${lines.length} replies\n`);
  socket.close();
  process.exitCode = 9;
}, 10_000);
socket.on('message', () => {
  received++;
  if (sent < lines.length) socket.send(query(sent++));
  if (received === lines.length) {
    clearTimeout(timer);
    socket.close();
  }
});
socket.connect(Number(port), server, () => {
  for (let i = 0; i < Number(windowText) && sent < lines.length; i++) socket.send(query(sent++));
});
