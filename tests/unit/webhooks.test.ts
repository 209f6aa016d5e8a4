// Webhook signatures (Standard Webhooks) and the SSRF guard, without a network: the guard is asked
// about IP literals and about names that resolve locally (localhost).
import { newWebhookSecret, signWebhook, verifyWebhook, webhookHeaders } from '../../client/webhooks/signature';
import { assertSafeWebhookUrl, UnsafeWebhookUrlError } from '../../client/webhooks/ssrf';

test('the signature is the Standard Webhooks v1 HMAC-SHA256 (the specification’s example)', () => {
  expect(
    signWebhook(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      1614265330,
      '{"test": 2432232314}',
    ),
  ).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
});

test('a receiver verifies a delivery; a tampered body, another secret, an old timestamp fail', () => {
  const secret = newWebhookSecret();
  const body = JSON.stringify({ type: 'licence.overdue', data: { caseId: 'L-1' } });
  const now = 1_800_000_000;
  const h = webhookHeaders(secret, 'msg_1', now, body);
  expect(verifyWebhook(secret, h, body, now)).toBe(true);
  expect(verifyWebhook(secret, h, body.replace('L-1', 'L-2'), now)).toBe(false);
  expect(verifyWebhook(newWebhookSecret(), h, body, now)).toBe(false);
  expect(verifyWebhook(secret, { ...h, 'webhook-id': 'msg_2' }, body, now)).toBe(false);
  expect(verifyWebhook(secret, h, body, now + 301)).toBe(false);
  // Several signatures (a secret being rotated): one matching is enough.
  expect(verifyWebhook(secret, { ...h, 'webhook-signature': `v1,AAAA ${h['webhook-signature']}` }, body, now)).toBe(
    true,
  );
});

describe('the SSRF guard in production', () => {
  const prod = { allowLoopback: false };
  test.each([
    'http://93.184.215.14/hook',
    'https://127.0.0.1/hook',
    'https://localhost/hook',
    'https://10.1.2.3/',
    'https://172.16.0.1/',
    'https://192.168.1.1/',
    'https://169.254.169.254/latest/meta-data',
    'https://100.64.0.1/',
    'https://0.0.0.0/',
    'https://[::1]/',
    'https://[fd12::1]/',
    'https://[fe80::1]/',
    'https://[::ffff:10.0.0.1]/',
    'https://user:pass@93.184.215.14/',
    'ftp://93.184.215.14/',
    'not a url',
  ])('refuses %s', async (url) => {
    await expect(assertSafeWebhookUrl(url, prod)).rejects.toBeInstanceOf(UnsafeWebhookUrlError);
  });
  test('accepts https to a public address', async () => {
    await expect(assertSafeWebhookUrl('https://93.184.215.14/hook', prod)).resolves.toBeInstanceOf(URL);
    await expect(
      assertSafeWebhookUrl('https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/', prod),
    ).resolves.toBeInstanceOf(URL);
  });
});

test('tests may allow plain http to loopback, and to nothing else', async () => {
  const tests = { allowLoopback: true };
  await expect(assertSafeWebhookUrl('http://127.0.0.1:8080/hook', tests)).resolves.toBeInstanceOf(URL);
  await expect(assertSafeWebhookUrl('http://93.184.215.14/hook', tests)).rejects.toThrow(/loopback only/);
  await expect(assertSafeWebhookUrl('http://10.0.0.1/hook', tests)).rejects.toThrow(/refused/);
});
