// Single sign-on against a real OpenID Connect provider (oidc-provider) started here, driven
// through its own interaction pages (its development login and consent forms): authorization
// code with PKCE, state and nonce; a person linked by verified e-mail, one made from a group
// mapped to roles, an unknown account refused, and a forged state refused.
import type { Server } from 'node:http';
import { importEsm } from '../../client/esm';
import { Browser, person, startConsoleServer, type ConsoleServer } from '../support/console-http';
import { freePort } from '../support/free-port';

/** The provider's accounts: the login typed on its page is the account id. */
const ACCOUNTS: Record<string, Record<string, unknown>> = {
  'u-known': { email: 'known@example.edu.cn', email_verified: true, name: 'Known Person', groups: [] },
  'u-office': {
    email: 'new.officer@example.edu.cn',
    email_verified: true,
    name: '新同事',
    preferred_username: 'new.officer',
    groups: ['tto-staff'],
  },
  'u-stranger': { email: 'stranger@example.com', email_verified: true, name: 'Stranger', groups: ['students'] },
  // Claims an e-mail it has not verified: must not take over the person with that e-mail.
  'u-unverified': { email: 'known@example.edu.cn', email_verified: false, name: 'Impostor', groups: [] },
};

let server: ConsoleServer;
let provider: Server;
let issuer: string;
beforeAll(async () => {
  const [port, consolePort] = [await freePort(), await freePort()];
  issuer = `http://127.0.0.1:${port}`;
  const redirectUri = `http://127.0.0.1:${consolePort}/login/oidc/callback`;
  server = await startConsoleServer(
    {
      oidc: {
        issuer,
        clientId: 'transferflow',
        clientSecret: 'test-client-secret-0123456789',
        redirectUri,
        groupRoles: { 'tto-staff': [{ role: 'tto' }] },
        groupsClaim: 'groups',
        allowHttp: true,
      },
    },
    consolePort,
  );
  const { default: Provider } = await importEsm<{ default: any }>('oidc-provider');
  const oidc = new Provider(issuer, {
    clients: [
      {
        client_id: 'transferflow',
        client_secret: 'test-client-secret-0123456789',
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username', 'groups'] },
    findAccount: async (_ctx: unknown, id: string) =>
      ACCOUNTS[id] && { accountId: id, claims: async () => ({ sub: id, ...ACCOUNTS[id] }) },
    cookies: { keys: ['oidc-test-cookie-key'] },
  });
  provider = oidc.listen(port);
  await server.people.create(person('known', [{ role: 'reviewer' }], { email: 'known@example.edu.cn' }));
}, 120_000);
afterAll(async () => {
  await new Promise((resolve) => provider?.close(resolve));
  await server?.close();
});

/** The first form of a page: its action and fields. */
function formOf(page: string, base: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
  if (!action) throw new Error(`no form on the page:\n${page.slice(0, 500)}`);
  const fields: Record<string, string> = {};
  for (const m of page.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g))
    fields[m[1]] = m[2];
  return { action: new URL(action.replace(/&amp;/g, '&'), base).href, fields };
}

/** Through the provider's pages as a person would: sign in with `login`, consent, back to the console. */
async function signOn(b: Browser, login: string): Promise<Response> {
  let r = await b.get('/login/oidc?next=/');
  for (let hop = 0; hop < 20; hop++) {
    const location = r.headers.get('location');
    const url = r.url || '';
    if (location) {
      const target = new URL(location, url || issuer).href;
      if (target.startsWith(server.base) && target.includes('/login/oidc/callback')) return b.get(target);
      r = await b.get(target);
      continue;
    }
    const page = await r.text();
    if (!url.startsWith(issuer)) throw new Error(`unexpected page ${url} (${r.status}):\n${page.slice(0, 300)}`);
    const form = formOf(page, url);
    const fields = form.fields.prompt === 'login' ? { ...form.fields, login, password: 'any password' } : form.fields;
    r = await b.post(form.action, fields);
  }
  throw new Error('too many hops');
}

test('a person with the same verified e-mail is signed in and linked to the account', async () => {
  const b = new Browser(server.base);
  const r = await signOn(b, 'u-known');
  expect(r.status).toBe(303);
  // A reviewer lands on their inbox.
  expect(r.headers.get('location')).toBe('/inbox');
  expect((await b.get('/')).status).toBe(200);
  const row = await server.db.prisma.person.findUnique({ where: { login: 'known' } });
  expect({ issuer: row!.oidcIssuer, subject: row!.oidcSubject }).toEqual({ issuer, subject: 'u-known' });
});

test('a member of a group mapped to roles gets a person with those roles on first sign-on', async () => {
  const b = new Browser(server.base);
  expect((await signOn(b, 'u-office')).status).toBe(303);
  const page = await (await b.get('/')).text();
  expect(page).toContain('新同事');
  expect(page).toContain('技术转移办公室');
  const row = await server.db.prisma.person.findUnique({ where: { login: 'new.officer' }, include: { roles: true } });
  expect(row!.roles.map((g) => g.role)).toEqual(['tto']);
  expect(row!.passwordHash).toBeNull();
});

test('an account neither linked nor in a mapped group is refused, and so is an unverified e-mail', async () => {
  for (const login of ['u-stranger', 'u-unverified']) {
    const b = new Browser(server.base);
    const r = await signOn(b, login);
    expect({ login, status: r.status }).toEqual({ login, status: 401 });
    expect(await r.text()).toContain('未关联到本系统的用户');
    expect(b.cookies.has('tf_session')).toBe(false);
  }
  expect((await server.db.prisma.person.findUnique({ where: { login: 'known' } }))!.oidcSubject).toBe('u-known');
});

test('a callback whose state is not the one sent is refused', async () => {
  const b = new Browser(server.base);
  await b.get('/login/oidc?next=/');
  const r = await b.get('/login/oidc/callback?code=forged&state=not-the-state');
  expect(r.status).toBe(401);
  expect(b.cookies.has('tf_session')).toBe(false);
});
