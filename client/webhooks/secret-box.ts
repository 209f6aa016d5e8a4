// Webhook signing secrets at rest. A secret must be kept to sign (HMAC needs it, unlike a key we
// only check, which is stored as a digest), so with TRANSFERFLOW_WEBHOOK_SECRET_KEY set it is
// stored encrypted (AES-256-GCM, a fresh IV each time, authenticated): a copy of the database
// alone no longer lets anyone forge deliveries. Secrets stored before the key was set are
// read as they are, so setting the key needs no migration.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const PREFIX = 'sealed:v1:';

export class WebhookSecretKeyMissingError extends Error {
  constructor() {
    super('a webhook secret is stored encrypted but TRANSFERFLOW_WEBHOOK_SECRET_KEY is not set');
    this.name = 'WebhookSecretKeyMissingError';
  }
}

/** The secret as stored: encrypted under `keyBase64` when there is one, else as it is. */
export function sealSecret(secret: string, keyBase64: string | undefined): string {
  if (!keyBase64) return secret;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(keyBase64, 'base64'), iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
}

/** The secret a stored value holds; a sealed one needs the key it was sealed under (else it throws). */
export function openSecret(stored: string, keyBase64: string | undefined): string {
  if (!stored.startsWith(PREFIX)) return stored;
  if (!keyBase64) throw new WebhookSecretKeyMissingError();
  const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(keyBase64, 'base64'), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
