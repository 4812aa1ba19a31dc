'use strict';
// The least a Node program that asks one DNS question can do: CommonJS, no dependencies, one query
// written by hand, sent on a node:dgram socket, and one line written for the reply. What it costs
// over `node -e 0` is Node's own (node:dgram and the modules its bind loads, the stdout stream), and
// no tool in Node goes below it; the bench sets a plain tsdig query beside it.
// Usage: node bench/udp-floor.cjs SERVER PORT NAME   (exits 9 without a reply)
const { createSocket } = require('node:dgram');

const [server, port, name] = process.argv.slice(2);
const labels = name.replace(/\.$/, '').split('.');
const query = Buffer.alloc(12 + labels.reduce((sum, label) => sum + label.length + 1, 1) + 4);
query.writeUInt16BE(0x0100, 2); // RD
query.writeUInt16BE(1, 4); // QDCOUNT
let at = 12;
for (const label of labels) {
  query[at++] = label.length;
  at += query.write(label, at, 'ascii');
}
query.writeUInt16BE(1, at + 1); // A
query.writeUInt16BE(1, at + 3); // IN
const socket = createSocket(server.includes(':') ? 'udp6' : 'udp4');
const timer = setTimeout(() => {
  socket.close();
  process.exitCode = 9;
}, 5000);
socket.on('message', (reply) => {
  clearTimeout(timer);
  process.stdout.write(`${reply.length} octets, rcode ${reply[3] & 0x0f}\n`);
  socket.close();
});
socket.connect(Number(port), server, () => socket.send(query));
