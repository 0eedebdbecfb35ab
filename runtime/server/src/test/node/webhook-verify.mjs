// Checks a Symphony webhook signature exactly as the README's "Webhooks" example does.
// Usage: node webhook-verify.mjs <secret> <body as base64> <Symphony-Signature header>
// Exit code 0: valid; 1: not valid.
import crypto from 'node:crypto';

function verify(secret, rawBody, header) {
  const expected = 'sha256=' + crypto.createHmac('sha256', secret).update(rawBody).digest('hex');
  const a = Buffer.from(expected);
  const b = Buffer.from(header ?? '');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

const [secret, bodyBase64, header] = process.argv.slice(2);
const valid = verify(secret, Buffer.from(bodyBase64, 'base64'), header);
console.log(valid ? 'valid' : 'invalid');
process.exit(valid ? 0 : 1);
