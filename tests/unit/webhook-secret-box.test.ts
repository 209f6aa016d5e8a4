// Webhook signing secrets at rest (client/webhooks/secret-box.ts): sealed under the configured
// key they round-trip, differ each time, hide the secret, and refuse the wrong key or an edit;
// a secret stored before the key was set is read as it is; a sealed one without the key is an error.
import { randomBytes } from 'node:crypto';
import { openSecret, sealSecret, WebhookSecretKeyMissingError } from '../../client/webhooks/secret-box';
import { newWebhookSecret } from '../../client/webhooks/signature';
import { parseConfig } from '../../client/config';

const key = randomBytes(32).toString('base64');
const secret = newWebhookSecret();

test('sealed under the key: round-trips, never the same twice, and hides the secret', () => {
  const a = sealSecret(secret, key);
  const b = sealSecret(secret, key);
  expect(a).toMatch(/^sealed:v1:/);
  expect(a).not.toBe(b);
  expect(a).not.toContain(secret.slice(6));
  expect(openSecret(a, key)).toBe(secret);
  expect(openSecret(b, key)).toBe(secret);
});

test('the wrong key or an edited value is refused, not read as another secret', () => {
  const sealed = sealSecret(secret, key);
  expect(() => openSecret(sealed, randomBytes(32).toString('base64'))).toThrow();
  const raw = Buffer.from(sealed.slice('sealed:v1:'.length), 'base64');
  raw[raw.length - 1] ^= 1;
  expect(() => openSecret(`sealed:v1:${raw.toString('base64')}`, key)).toThrow();
  expect(() => openSecret(sealed, undefined)).toThrow(WebhookSecretKeyMissingError);
});

test('without a key secrets are stored as they are, and those stay readable once a key is set', () => {
  expect(sealSecret(secret, undefined)).toBe(secret);
  expect(openSecret(secret, key)).toBe(secret);
});

test('TRANSFERFLOW_WEBHOOK_SECRET_KEY must be 32 bytes in base64, and is never echoed', () => {
  expect(parseConfig({ TRANSFERFLOW_WEBHOOK_SECRET_KEY: key }).webhooks.secretKey).toBe(key);
  const short = randomBytes(16).toString('base64');
  expect(() => parseConfig({ TRANSFERFLOW_WEBHOOK_SECRET_KEY: short })).toThrow(/32 random bytes in base64/);
  try {
    parseConfig({ TRANSFERFLOW_WEBHOOK_SECRET_KEY: short });
  } catch (error) {
    expect(String((error as Error).message)).not.toContain(short);
  }
});
