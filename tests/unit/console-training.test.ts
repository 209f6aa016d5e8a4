// Outside training mode there is no banner and no clock to skip: the skip route answers 404 to a
// signed-in person with a good CSRF token, so a real office's clock can never be moved.
import { Browser, person, startConsoleServer, type ConsoleServer } from '../support/console-http';

let server: ConsoleServer;
beforeAll(async () => {
  server = await startConsoleServer();
  await server.people.create(person('tto-1', [{ role: 'tto' }]));
}, 60_000);
afterAll(() => server?.close());

test('the skip control is refused (404) and no page carries the training banner', async () => {
  const b = new Browser(server.base);
  expect((await b.signIn('tto-1')).status).toBe(303);
  const home = await (await b.get('/')).text();
  expect(home).not.toContain('class="training"');
  const _csrf = await b.csrf('/');
  const r = await b.post('/training/skip-ahead', { _csrf, days: '30' });
  expect(r.status).toBe(404);
  expect(await r.text()).toContain('not in training mode');
});
