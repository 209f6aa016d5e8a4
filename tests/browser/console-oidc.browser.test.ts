// Single sign-on in Chromium, through the pages only: the console's sign-in page offers the
// university's identity provider (a real oidc-provider started here), the person signs in and
// consents on the provider's own pages, and comes back signed in to the console — linked to their
// account by verified e-mail and landing on their inbox. Screenshots for the README.
import type { Server } from 'node:http';
import type { Browser } from 'puppeteer-core';
import { importEsm } from '../../client/esm';
import { person, startConsoleServer, type ConsoleServer } from '../support/console-http';
import { clickAndWait, expectNoSeriousA11yViolations, launchChromium, screenshot } from '../support/browser';
import { freePort } from '../support/free-port';

const ACCOUNTS: Record<string, Record<string, unknown>> = {
  'u-zhou': { email: 'zhou.min@example.edu.cn', email_verified: true, name: '周敏', groups: [] },
};

let server: ConsoleServer;
let provider: Server;
let browser: Browser;
beforeAll(async () => {
  const [port, consolePort] = [await freePort(), await freePort()];
  const issuer = `http://127.0.0.1:${port}`;
  const redirectUri = `http://127.0.0.1:${consolePort}/login/oidc/callback`;
  server = await startConsoleServer(
    {
      oidc: {
        issuer,
        clientId: 'transferflow',
        clientSecret: 'test-client-secret-0123456789',
        redirectUri,
        groupRoles: {},
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
  await server.people.create(
    person('zhou.min', [{ role: 'reviewer' }], { email: 'zhou.min@example.edu.cn', name: '周敏' }),
  );
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => provider?.close(resolve));
  await server?.close();
});

test('a person signs in through the identity provider and lands on their inbox, linked by e-mail', async () => {
  const page = await (await browser.createBrowserContext()).newPage();
  await page.goto(`${server.base}/login`);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, 'console-oidc-sign-in');
  // The console's single sign-on button: off to the provider's own sign-in page.
  await clickAndWait(page, 'a[href^="/login/oidc"]');
  expect(page.url().startsWith(`http://127.0.0.1:`)).toBe(true);
  expect(new URL(page.url()).port).not.toBe(new URL(server.base).port);
  await page.type('input[name="login"]', 'u-zhou');
  await page.type('input[name="password"]', 'any password');
  await screenshot(page, 'console-oidc-provider');
  await clickAndWait(page, 'button[type="submit"]');
  // The provider asks for consent once; then back to the console.
  if (!page.url().startsWith(server.base)) await clickAndWait(page, 'button[type="submit"]');
  expect(new URL(page.url()).origin).toBe(server.base);
  expect(new URL(page.url()).pathname).toBe('/inbox');
  const header = await page.$eval('header', (e) => (e as unknown as { innerText: string }).innerText);
  expect(header).toContain('周敏');
  expect(header).toContain('尽职免责审查人');
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, 'console-oidc-signed-in');
  const row = await server.db.prisma.person.findUnique({ where: { login: 'zhou.min' } });
  expect({ issuer: row!.oidcIssuer?.startsWith('http://127.0.0.1:'), subject: row!.oidcSubject }).toEqual({
    issuer: true,
    subject: 'u-zhou',
  });
  await page.browserContext().close();
});
