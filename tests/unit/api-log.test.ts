// The API's log: JSON lines with the request id on each, every 5xx with its cause, and never a key,
// a password or a database URL's credentials (client/api/log.ts), on a real fastify and pino.
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { errorHandler } from '../../client/api/errors';
import { loggerOptions, requestId, scrubSecrets } from '../../client/api/log';

const SECRET_URL = 'postgresql://transferflow:s3cret-pass@db.internal:5432/transferflow';
const KEY = 'tf_live_bank_abcdefghijklmnop';

function capture() {
  const lines: Array<Record<string, any>> = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  return { lines, stream };
}

async function appWith(stream: Writable) {
  const app = Fastify({
    logger: loggerOptions({ level: 'INFO', stream }),
    genReqId: (r) => requestId(r.headers['x-request-id']),
  });
  app.setErrorHandler(errorHandler);
  app.get('/boom', async () => {
    throw new Error(`connect ECONNRESET while talking to ${SECRET_URL}`, { cause: new Error(`pool ${SECRET_URL}`) });
  });
  app.get('/log-config', async (request) => {
    request.log.info({ config: { databaseUrl: SECRET_URL, password: 'hunter2', key: KEY } }, 'config');
    return { ok: true };
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, get: (path: string, headers: Record<string, string> = {}) => fetch(`${url}${path}`, { headers }) };
}

test('a 5xx is logged with its cause, the request id on every line and in the answer; no secret is written', async () => {
  const { lines, stream } = capture();
  const { app, get } = await appWith(stream);
  const res = await get('/boom', { authorization: `Bearer ${KEY}`, 'x-api-key': KEY, 'x-request-id': 'probe-42' });
  expect(res.status).toBe(500);
  expect(await res.json()).toMatchObject({ error: 'internal', reqId: 'probe-42' });
  await app.close();

  // Every line about the request (not the server's own listening/closing lines) carries its id.
  const about = lines.filter((l) => !/^Server /.test(l.msg));
  expect(about.length).toBeGreaterThanOrEqual(3); // incoming, the error, the completion
  for (const line of about) expect(line.reqId).toBe('probe-42');
  const failure = lines.find((l) => l.msg === 'request failed');
  expect(failure).toMatchObject({
    level: 50,
    status: 500,
    err: { type: 'Error', cause: { message: expect.any(String) } },
  });
  expect(failure!.err.message).toContain('postgresql://[redacted]@db.internal:5432/transferflow');
  const all = JSON.stringify(lines);
  expect(all).not.toContain('s3cret-pass');
  expect(all).not.toContain(KEY);
});

test('logged objects have their keys, passwords and database URLs censored', async () => {
  const { lines, stream } = capture();
  const { app, get } = await appWith(stream);
  await (await get('/log-config')).text();
  await app.close();
  const logged = lines.find((l) => l.msg === 'config');
  expect(logged?.config).toEqual({ databaseUrl: '[redacted]', password: '[redacted]', key: '[redacted]' });
});

test('an unusable X-Request-Id is replaced, a plain one kept', () => {
  expect(requestId('abc-123')).toBe('abc-123');
  expect(requestId('a b\n{"level":60}')).toMatch(/^[0-9a-f-]{36}$/);
  expect(requestId(undefined)).toMatch(/^[0-9a-f-]{36}$/);
});

test('credentials in URLs and bearer tokens are cut from free text', () => {
  expect(scrubSecrets(`failed: ${SECRET_URL} with Bearer ${KEY}`)).toBe(
    'failed: postgresql://[redacted]@db.internal:5432/transferflow with Bearer [redacted]',
  );
});
