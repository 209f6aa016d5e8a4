// The console's authorization matrix, driven by its route table (client/console/routes.ts):
// every row is registered; asked by a person acting in each role, a row answers 403 exactly to
// the roles it does not list; nobody signed in is sent to the login page from every non-public
// row; and every CSRF-checked row refuses a form without the session's token, whoever sends it.
import { ROLES, type Role } from '../../client/api/auth';
import { CONSOLE_ROUTES, DOCUMENT_2_ROUTES, type ConsoleRoute } from '../../client/console/routes';
import type { RoleGrantInput } from '../../client/people/people';
import { SessionStore } from '../../client/people/sessions';
import { SESSION_COOKIE } from '../../client/console/session';
import { Browser, person, startConsoleServer, type ConsoleServer } from '../support/console-http';

const SCOPES: Partial<Record<Role, Partial<RoleGrantInput>>> = {
  bank: { bankIds: ['matrix-bank'] },
  licensee: { licenseeId: 'Matrix Licensee Ltd.' },
  department: { department: 'Matrix Department' },
};

let server: ConsoleServer;
let sessions: SessionStore;
const personIds = new Map<Role, string>();
beforeAll(async () => {
  server = await startConsoleServer();
  sessions = new SessionStore(server.db.prisma, { idleMs: 60_000, absoluteMs: 3_600_000, now: () => server.clock.now });
  for (const role of ROLES)
    personIds.set(role, (await server.people.create(person(`matrix-${role}`, [{ role, ...SCOPES[role] }]))).userId);
}, 120_000);
afterAll(async () => server?.close());

/** A person acting in `role`, signed in afresh (a row like logout ends the session it is asked with). */
async function signedIn(role: Role): Promise<{ b: Browser; csrf: string }> {
  const b = new Browser(server.base);
  b.cookies.set(SESSION_COOKIE, await sessions.open(personIds.get(role)!, role));
  return { b, csrf: await b.csrf('/') };
}

/** The route's path with its parameters filled in. */
const pathOf = (row: ConsoleRoute) => row.path.replace(/:(\w+)/g, (_m, name: string) => `matrix-${name}`);

async function ask(row: ConsoleRoute, b: Browser, csrf?: string): Promise<Response> {
  return row.method === 'GET' ? b.get(pathOf(row)) : b.post(pathOf(row), csrf ? { _csrf: csrf } : {});
}

const name = (row: ConsoleRoute) => `${row.method} ${row.path}`;

test('every row of the table is registered, and non-GET rows are CSRF-checked', () => {
  for (const row of CONSOLE_ROUTES) {
    expect({ row: name(row), registered: server.app.hasRoute({ method: row.method, url: row.path }) }).toEqual({
      row: name(row),
      registered: true,
    });
    expect({ row: name(row), csrf: row.csrf }).toEqual({ row: name(row), csrf: row.method !== 'GET' });
  }
});

test.each(CONSOLE_ROUTES.map((row) => [name(row), row] as const))(
  '%s: 403 exactly to the roles it does not list',
  async (_n, row) => {
    for (const role of ROLES) {
      const { b, csrf } = await signedIn(role);
      const r = await ask(row, b, csrf);
      const allowed = row.roles === 'public' || row.roles.includes(role);
      const status = r.status;
      await r.body?.cancel();
      expect({ role, status, refused: status === 403 }).toEqual({ role, status, refused: !allowed });
      // Signed in, nobody is sent to sign in again.
      if (allowed)
        expect({ role, location: r.headers.get('location') ?? '' }).not.toEqual({
          role,
          location: expect.stringMatching(/^\/login\?/),
        });
    }
  },
);

test('nobody signed in is sent to the login page from every non-public row', async () => {
  for (const row of CONSOLE_ROUTES.filter((r) => r.roles !== 'public')) {
    const r = await ask(row, new Browser(server.base));
    expect({ row: name(row), status: r.status, location: r.headers.get('location') }).toEqual({
      row: name(row),
      status: 303,
      location: expect.stringMatching(/^\/login\?next=/),
    });
  }
});

test('every CSRF-checked row refuses a form without the token, to every role that may use it', async () => {
  for (const row of CONSOLE_ROUTES.filter((r) => r.csrf))
    for (const role of ROLES.filter((r) => row.roles === 'public' || row.roles.includes(r))) {
      const r = await ask(row, (await signedIn(role)).b);
      expect({ row: name(row), role, status: r.status }).toEqual({ row: name(row), role, status: 403 });
    }
});

test('the reward pages: the reward launch form and "rewards paid" answer exactly the roles that may use them', async () => {
  const launchers: readonly Role[] = ['tto', 'admin'];
  const readers: readonly Role[] = ['tto', 'admin', 'auditor'];
  for (const role of ROLES) {
    const { b } = await signedIn(role);
    const form = await b.get('/new/reward');
    const paid = await b.get('/rewards/paid');
    expect({ role, form: form.status, paid: paid.status }).toEqual({
      role,
      form: launchers.includes(role) ? 200 : 403,
      paid: readers.includes(role) ? 200 : 403,
    });
    await Promise.all([form.body?.cancel(), paid.body?.cancel()]);
  }
});

// ——— A department person's scope: their department's cases only, on every case row of the table ———

/** A rights grant waiting at the department's review, of `department` (or of none). */
function grantRow(id: string, department?: string) {
  return {
    id,
    kind: 'rights-grant',
    workflowId: `rights-grant/${id}`,
    stage: 'department-review',
    pendingRoles: ['department'],
    policyId: 'p',
    policyVersion: '1',
    policyHash: 'h',
    eligibility: 'eligible',
    requestHash: 'r',
    input: department ? { department } : {},
    view: { pending: { stage: 'department-review', roles: ['department'], escalated: false } },
    openedBy: 'matrix-tto',
    version: 1,
    updatedAt: new Date(),
  };
}

describe('a department person sees and acts on their own department’s cases only', () => {
  const OWN = 'matrix-dept-own';
  const NOT_THEIRS = ['matrix-dept-other', 'matrix-dept-none'];
  beforeAll(async () => {
    await server.db.prisma.case.createMany({
      data: [grantRow(OWN, 'Matrix Department'), grantRow(NOT_THEIRS[0], 'Other Department'), grantRow(NOT_THEIRS[1])],
    });
  });

  const caseRows = CONSOLE_ROUTES.filter((row) => row.path.startsWith('/cases/:id') && row.roles !== 'public');
  const askCase = async (row: ConsoleRoute, id: string) => {
    const { b, csrf } = await signedIn('department');
    const path = row.path.replace(':id', id);
    const r = row.method === 'GET' ? await b.get(path) : await b.post(path, { _csrf: csrf });
    await r.body?.cancel();
    return r.status;
  };

  test.each(
    caseRows
      .filter((row) => (row.roles as readonly Role[]).includes('department'))
      .map((row) => [name(row), row] as const),
  )(
    '%s: another department’s case (or one of no department) is 404, as if absent; their own is past the guard',
    async (_n, row) => {
      for (const id of NOT_THEIRS) expect({ id, status: await askCase(row, id) }).toEqual({ id, status: 404 });
      expect([await askCase(row, OWN)]).toEqual(expect.not.arrayContaining([401, 403, 404]));
    },
  );

  test('the inbox lists their department’s step only; the administrator sees every one', async () => {
    const { b } = await signedIn('department');
    const inbox = await (await b.get('/inbox')).text();
    expect(inbox).toContain(OWN);
    for (const id of NOT_THEIRS) expect(inbox).not.toContain(id);
    // An office officer (no department scope) sees all three.
    const office = await (await (await signedIn('tto')).b.get('/inbox')).text();
    expect(office).not.toContain(OWN); // the office does not work on the department's step
    const admin = await (await (await signedIn('admin')).b.get('/inbox')).text();
    for (const id of [OWN, ...NOT_THEIRS]) expect(admin).toContain(id);
  });
});

// ——— The licence documents (statement, ledger export, due list): the case page's scope ———

/** A licence of `licensee` with one instalment of ¥1,234.56 falling due on 2026-01-11. */
function licenceRow(id: string, licensee: string) {
  return {
    ...grantRow(id),
    kind: 'deferred-licence',
    workflowId: `deferred-licence/${id}`,
    stage: 'paying',
    pendingRoles: [],
    input: { licensee: { name: licensee } },
    view: {
      pending: null,
      schedule: [{ no: 1, status: 'scheduled', dueOn: '2026-01-11', amountCny: '1234.56', paidCny: '0.00' }],
      ledger: { dueCny: '0.00', paidCny: '0.00', overdueCny: '0.00', balanceCny: '0.00' },
    },
  };
}

describe('a licensee reads its own licence’s documents only; a department person none of them', () => {
  const OWN = 'matrix-lic-own';
  const OTHER = 'matrix-lic-other';
  beforeAll(async () => {
    await server.db.prisma.case.createMany({
      data: [licenceRow(OWN, 'Matrix Licensee Ltd.'), licenceRow(OTHER, 'Other Licensee Ltd.')],
    });
  });

  const documentRows = Object.values(DOCUMENT_2_ROUTES).filter((row) => row.path.startsWith('/documents/cases/:id'));
  const status = async (role: Role, path: string) => {
    const r = await (await signedIn(role)).b.get(path);
    await r.body?.cancel();
    return r.status;
  };

  test.each(documentRows.map((row) => [name(row), row] as const))(
    '%s: another licensee’s licence, or a grant, is 404 as if absent; its own licence’s ledger is 200',
    async (_n, row) => {
      for (const id of [OTHER, 'matrix-dept-own'])
        expect({ id, status: await status('licensee', row.path.replace(':id', id)) }).toEqual({ id, status: 404 });
      // A department person: a grant of another department is absent; its own grant is no licence (409).
      expect(await status('department', row.path.replace(':id', 'matrix-dept-other'))).toBe(404);
      expect(await status('department', row.path.replace(':id', 'matrix-dept-own'))).toBe(409);
      expect(await status('department', row.path.replace(':id', OWN))).toBe(404);
    },
  );

  test('its own licence’s ledger downloads; the due list holds its own line only, the office’s both', async () => {
    expect(await status('licensee', `/documents/cases/${OWN}/ledger?format=csv`)).toBe(200);
    expect(await status('licensee', `/documents/cases/${OWN}/ledger?format=pdf`)).toBe(400);
    const lines = async (role: Role) => {
      const r = await (await signedIn(role)).b.get('/documents/due-list.json?asOf=2026-01-01&days=30');
      expect(r.status).toBe(200);
      const facts = ((await r.json()) as { facts: { lines: Array<{ licensee: string; dueCny: string }> } }).facts;
      return facts.lines.filter((l) => l.licensee.endsWith('Licensee Ltd.'));
    };
    expect(await lines('licensee')).toEqual([
      expect.objectContaining({ licensee: 'Matrix Licensee Ltd.', dueCny: '1234.56' }),
    ]);
    expect((await lines('tto')).map((l) => l.licensee)).toEqual(['Matrix Licensee Ltd.', 'Other Licensee Ltd.']);
    expect(await status('tto', '/documents/due-list.json?days=45')).toBe(400);
  });
});
