// The console's sign-in and sessions over HTTP, on a real database: cookies, CSRF, idle and
// absolute expiry, logout, throttling of failed sign-ins, role and language switches, escaping.
import { Browser, PASSWORD, person, startConsoleServer, type ConsoleServer } from '../support/console-http';

let server: ConsoleServer;
beforeAll(async () => {
  server = await startConsoleServer();
  await server.people.create(
    person('office', [{ role: 'tto' }, { role: 'reviewer' }], { email: 'office@example.edu.cn' }),
  );
  await server.people.create(person('admin', [{ role: 'admin' }]));
  await server.people.create(person('bank', [{ role: 'bank', bankIds: ['icbc'] }]));
  await server.people.create(person('auditor', [{ role: 'auditor' }]));
  await server.people.create(
    person('<script>alert(1)</script>x'.replace(/[^a-z0-9]/g, '') + '-evil', [{ role: 'auditor' }], {
      name: '<script>alert(1)</script>',
    }),
  );
}, 60_000);
afterAll(async () => server?.close());

const location = (r: Response) => r.headers.get('location');

test('a page that needs a person sends a stranger to the login page, keeping where they were going', async () => {
  const b = new Browser(server.base);
  const r = await b.get('/');
  expect(r.status).toBe(303);
  expect(location(r)).toBe('/login?next=%2F');
});

test('signing in sets an HttpOnly, SameSite=Lax session cookie (not Secure over plain http) and goes to next', async () => {
  const b = new Browser(server.base);
  const _csrf = await b.csrf('/login');
  const r = await b.post('/login', { login: 'Office', password: PASSWORD, _csrf, next: '/?from=login' });
  expect(r.status).toBe(303);
  expect(location(r)).toBe('/?from=login');
  const cookie = b.lastSetCookie.find((c) => c.startsWith('tf_session='))!;
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Lax/i);
  expect(cookie).not.toMatch(/Secure/i);
  const home = await b.get('/');
  expect(home.status).toBe(200);
  const text = await home.text();
  expect(text).toContain('office name');
  expect(text).toContain('<html lang="zh-CN">');
});

test('the session id is stored only as its SHA-256', async () => {
  const b = new Browser(server.base);
  await b.signIn('admin');
  const id = b.cookies.get('tf_session')!;
  const rows = await server.db.prisma.consoleSession.findMany();
  expect(rows.some((r) => r.idHash === id)).toBe(false);
  const { createHash } = await import('node:crypto');
  expect(rows.some((r) => r.idHash === createHash('sha256').update(id).digest('hex'))).toBe(true);
});

test('a next that leaves the site is ignored', async () => {
  const b = new Browser(server.base);
  const _csrf = await b.csrf('/login');
  const r = await b.post('/login', { login: 'office', password: PASSWORD, _csrf, next: '//evil.example/' });
  // Instead, the officer lands on what waits for them.
  expect(location(r)).toBe('/inbox');
});

test('a person sent to sign in from the front door lands on their inbox, or their own page without one', async () => {
  const landing = async (login: string) => {
    const b = new Browser(server.base);
    const _csrf = await b.csrf('/login');
    return location(await b.post('/login', { login, password: PASSWORD, _csrf, next: '/' }));
  };
  expect(await landing('office')).toBe('/inbox');
  expect(await landing('bank')).toBe('/loan-checks');
  expect(await landing('auditor')).toBe('/');
});

test('a wrong password is refused with the form again, and nothing is signed in', async () => {
  const b = new Browser(server.base);
  const r = await b.signIn('admin', 'not the password');
  expect(r.status).toBe(401);
  expect(await r.text()).toContain('用户名或密码不正确');
  expect(b.cookies.has('tf_session')).toBe(false);
});

test('a form without the CSRF token, or with another session’s, is refused 403 and changes nothing', async () => {
  const b = new Browser(server.base);
  await b.signIn('office');
  const other = new Browser(server.base);
  await other.signIn('office');
  const otherToken = await other.csrf('/');
  // Signed in acting in the first of their roles (reviewer); each refused form asks for tto.
  const forms: Record<string, string>[] = [
    { role: 'tto' },
    { role: 'tto', _csrf: otherToken },
    { role: 'tto', _csrf: '' },
  ];
  for (const fields of forms) {
    const r = await b.post('/role', fields);
    expect(r.status).toBe(403);
    expect(await r.text()).toContain('表单已过期或并非来自本站');
  }
  expect(await (await b.get('/')).text()).toContain('<option value="reviewer" selected>');
  const ok = await b.post('/role', { role: 'tto', _csrf: await b.csrf('/') });
  expect(ok.status).toBe(303);
  expect(await (await b.get('/')).text()).toContain('<option value="tto" selected>');
});

test('the login form itself needs its token (double submit): a cross-site login is refused', async () => {
  const b = new Browser(server.base);
  const r = await b.post('/login', { login: 'office', password: PASSWORD });
  expect(r.status).toBe(403);
  expect(b.cookies.has('tf_session')).toBe(false);
});

test('a role the person does not hold cannot be switched to', async () => {
  const b = new Browser(server.base);
  await b.signIn('office');
  const r = await b.post('/role', { role: 'admin', _csrf: await b.csrf('/') });
  expect(r.status).toBe(403);
});

test('logout ends the session on the server: the old cookie no longer works', async () => {
  const b = new Browser(server.base);
  await b.signIn('office');
  const stolen = b.cookies.get('tf_session')!;
  const r = await b.post('/logout', { _csrf: await b.csrf('/') });
  expect(r.status).toBe(303);
  expect(location(r)).toBe('/login');
  const again = new Browser(server.base);
  again.cookies.set('tf_session', stolen);
  expect((await again.get('/')).status).toBe(303);
});

test('a session idle longer than allowed ends; an active one lasts until its absolute end', async () => {
  const b = new Browser(server.base);
  await b.signIn('office');
  const start = server.clock.now;
  try {
    // Active every 20 minutes (idle limit 30): still open after 11 hours…
    for (let m = 20; m <= 11 * 60; m += 20) {
      server.clock.now = new Date(start.getTime() + m * 60_000);
      expect((await b.get('/')).status).toBe(200);
    }
    // …but not past the 12-hour absolute end.
    server.clock.now = new Date(start.getTime() + 12 * 3_600_000 + 1000);
    expect((await b.get('/')).status).toBe(303);

    const idle = new Browser(server.base);
    await idle.signIn('office');
    const t0 = server.clock.now.getTime();
    server.clock.now = new Date(t0 + 29 * 60_000);
    expect((await idle.get('/')).status).toBe(200);
    server.clock.now = new Date(t0 + 29 * 60_000 + 31 * 60_000);
    expect((await idle.get('/')).status).toBe(303);
  } finally {
    server.clock.now = start;
  }
});

test('the language switch is saved with the person and changes every label', async () => {
  const b = new Browser(server.base);
  await b.signIn('office');
  expect(await (await b.get('/')).text()).toContain('退出登录');
  const r = await b.post('/language', { lang: 'en', _csrf: await b.csrf('/') }, { referer: `${server.base}/?x=1` });
  expect(location(r)).toBe('/?x=1');
  const page = await (await b.get('/')).text();
  expect(page).toContain('Sign out');
  expect(page).toContain('<html lang="en">');
  expect((await server.db.prisma.person.findUnique({ where: { login: 'office' } }))!.language).toBe('en');
  await b.post('/language', { lang: 'zh', _csrf: await b.csrf('/') });
});

test('what a person typed is shown as text, never as markup', async () => {
  const b = new Browser(server.base);
  await b.signIn('scriptalert1scriptx-evil');
  const page = await (await b.get('/')).text();
  expect(page).not.toContain('<script>alert(1)</script>');
  expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
});

test('pages forbid scripts and styles from anywhere but the site itself', async () => {
  const r = await new Browser(server.base).get('/login');
  expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
  expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  const css = await fetch(`${server.base}/assets/console.css`);
  expect(css.status).toBe(200);
  expect(css.headers.get('content-type')).toMatch(/text\/css/);
});

test('the API keeps its keys: a console session does not open /v1', async () => {
  const b = new Browser(server.base);
  await b.signIn('admin');
  expect((await b.get('/v1/cases')).status).toBe(401);
});

test('failed sign-ins are throttled per login, kept in the database: a restart does not forgive them', async () => {
  await server.people.create(person('guessed', [{ role: 'tto' }]));
  const b = new Browser(server.base);
  for (let i = 0; i < 5; i++) expect((await b.signIn('guessed', `wrong-${i}-password`)).status).toBe(401);
  // Locked: even the right password is refused, with the time the lock ends.
  const locked = await b.signIn('guessed');
  expect(locked.status).toBe(429);
  expect(await locked.text()).toContain('登录失败次数过多');
  expect(b.cookies.has('tf_session')).toBe(false);
  // Another console on the same database (a restart) still refuses.
  const { buildApi } = await import('../../client/api/server');
  const { ApiKeys } = await import('../../client/api/auth');
  const { offline } = await import('../support/console-http');
  const restarted = buildApi(
    { temporal: offline, prisma: server.db.prisma, evidence: offline, keys: new ApiKeys([]), syncTimeoutMs: 10 },
    { console: { idleMs: 60_000, absoluteMs: 3_600_000, now: () => server.clock.now } },
  );
  const base = await restarted.listen({ port: 0, host: '127.0.0.1' });
  try {
    expect((await new Browser(base).signIn('guessed')).status).toBe(429);
  } finally {
    await restarted.close();
  }
  // Other logins from elsewhere are not held to this one's lock; after the lock ends, the right password works.
  expect((await new Browser(server.base).signIn('admin')).status).toBe(303);
  const start = server.clock.now;
  server.clock.now = new Date(start.getTime() + 16 * 60_000);
  try {
    expect((await b.signIn('guessed')).status).toBe(303);
  } finally {
    server.clock.now = start;
  }
});

test('behind https (the configured public URL) every cookie is Secure', async () => {
  const tls = await startConsoleServer({ publicUrl: 'https://transfer.example.edu.cn' });
  try {
    await tls.people.create(person('office', [{ role: 'tto' }]));
    const b = new Browser(tls.base);
    const page = await b.get('/login');
    expect(b.lastSetCookie.find((c) => c.startsWith('tf_csrf='))).toMatch(/; Secure/);
    await page.text();
    await b.signIn('office');
    expect(b.lastSetCookie.find((c) => c.startsWith('tf_session='))).toMatch(
      /HttpOnly; SameSite=Lax; Max-Age=43200; Secure/,
    );
  } finally {
    await tls.close();
  }
});
