// Nodemailer leg of the pooled-sending benchmark: sends COUNT messages of ~2 KB over a pool of
// CONNECTIONS connections to the sink, authenticating with XOAUTH2 (a fixed access token, so
// Nodemailer does no refresh work at all), after WARMUP messages that are not timed.
// Usage: node send.js PORT COUNT CONNECTIONS TOKEN WARMUP ROUNDS
// Prints one JSON line: {"messages":N,"rates":[msg/s per round],"median":M}
'use strict';
const nodemailer = require('nodemailer');

const [port, count, connections, token, warmup, rounds] = process.argv.slice(2);
const body = 'x'.repeat(76) + '\n';
const text = body.repeat(26); // 26 * 77 = 2002 bytes

const transport = nodemailer.createTransport({
  host: '127.0.0.1',
  port: Number(port),
  secure: false,
  ignoreTLS: true,
  pool: true,
  maxConnections: Number(connections),
  maxMessages: Infinity,
  auth: { type: 'OAuth2', user: 'bench@example.com', accessToken: token },
});

function sendMany(n) {
  const sends = [];
  for (let i = 0; i < n; i++) {
    sends.push(transport.sendMail({
      from: 'bench@example.com',
      to: 'sink@example.com',
      subject: 'bench message ' + i,
      text,
    }));
  }
  return Promise.all(sends);
}

(async () => {
  await sendMany(Number(warmup));
  const rates = [];
  for (let r = 0; r < Number(rounds || 1); r++) {
    const start = process.hrtime.bigint();
    await sendMany(Number(count));
    rates.push(Number(count) / (Number(process.hrtime.bigint() - start) / 1e9));
  }
  const sorted = [...rates].sort((a, b) => a - b);
  console.log(JSON.stringify({ messages: Number(count), rates, median: sorted[Math.floor(sorted.length / 2)] }));
  transport.close();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
