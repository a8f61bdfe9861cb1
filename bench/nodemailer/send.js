// Nodemailer leg of the pooled-sending benchmark: sends COUNT messages of ~2 KB over a pool of
// CONNECTIONS connections to the sink, authenticating with XOAUTH2 (a fixed access token, so
// Nodemailer does no refresh work at all), after WARMUP messages that are not timed.
// Usage: node send.js PORT COUNT CONNECTIONS TOKEN WARMUP
// Prints one JSON line: {"messages":N,"seconds":S}
'use strict';
const nodemailer = require('nodemailer');

const [port, count, connections, token, warmup] = process.argv.slice(2);
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
  const start = process.hrtime.bigint();
  await sendMany(Number(count));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(JSON.stringify({ messages: Number(count), seconds }));
  transport.close();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
