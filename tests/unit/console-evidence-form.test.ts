// A review's document uploaded without script: a plain multipart form, its CSRF token first. The
// session and role are checked before anything is read, the token before the file part is read,
// and only then is the file stored (content-addressed: its SHA-256), the page coming back with it.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FolderEvidenceStore } from '../../client/evidence-store';
import { Browser, person, startConsoleServer, type ConsoleServer } from '../support/console-http';

let server: ConsoleServer;
let folder: string;
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'tf-evidence-form-'));
  server = await startConsoleServer({}, 0, new FolderEvidenceStore(folder));
  await server.people.create(person('rev', [{ role: 'reviewer' }]));
  await server.people.create(person('bank', [{ role: 'bank', bankIds: ['icbc'] }]));
}, 60_000);
afterAll(async () => {
  await server?.close();
  rmSync(folder, { recursive: true, force: true });
});

const DOCUMENT = Buffer.from('会议纪要：转化委员会集体决策，2026年3月2日');
const stored = () => readdirSync(folder, { recursive: true }).filter((f) => String(f).match(/[0-9a-f]{64}/));

function form(parts: Array<['_csrf', string] | ['file', Buffer]>): FormData {
  const f = new FormData();
  for (const [name, value] of parts)
    if (name === 'file') f.append('file', new Blob([value]), '纪要.txt');
    else f.append(name, value);
  return f;
}

async function signedIn(login: string): Promise<{ b: Browser; csrf: string }> {
  const b = new Browser(server.base);
  expect((await b.signIn(login)).status).toBe(303);
  return { b, csrf: await b.csrf('/') };
}

test('nobody signed in, a wrong role, or a wrong or late token: refused, nothing stored', async () => {
  const stranger = await new Browser(server.base).postMultipart('/cases/rv-1/evidence', form([['file', DOCUMENT]]));
  expect(stranger.status).toBe(303);
  expect(stranger.headers.get('location')).toMatch(/^\/login/);
  const bank = await signedIn('bank');
  expect(
    (
      await bank.b.postMultipart(
        '/cases/rv-1/evidence',
        form([
          ['_csrf', bank.csrf],
          ['file', DOCUMENT],
        ]),
      )
    ).status,
  ).toBe(403);
  const rev = await signedIn('rev');
  const wrong = await rev.b.postMultipart(
    '/cases/rv-1/evidence',
    form([
      ['_csrf', 'x'.repeat(32)],
      ['file', DOCUMENT],
    ]),
  );
  expect(wrong.status).toBe(403);
  // The token after the file: the file would have to be read first, so it is refused.
  const late = await rev.b.postMultipart(
    '/cases/rv-1/evidence',
    form([
      ['file', DOCUMENT],
      ['_csrf', rev.csrf],
    ]),
  );
  expect(late.status).toBe(403);
  expect(stored()).toEqual([]);
});

test('with the token first, the file is stored and the case page comes back with its SHA-256', async () => {
  const rev = await signedIn('rev');
  const r = await rev.b.postMultipart(
    '/cases/rv-1/evidence',
    form([
      ['_csrf', rev.csrf],
      ['file', DOCUMENT],
    ]),
  );
  const sha256 = createHash('sha256').update(DOCUMENT).digest('hex');
  expect(r.status).toBe(303);
  expect(r.headers.get('location')).toBe(`/cases/rv-1?stored=${sha256}&name=${encodeURIComponent('纪要.txt')}`);
  expect(await new FolderEvidenceStore(folder).get(sha256)).toEqual(DOCUMENT);
  // What the refused attempts were checked against: the one stored document is found this way.
  expect(stored()).toHaveLength(1);
});
