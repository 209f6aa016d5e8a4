// A console built on a real database (PGlite) for server tests, over a real socket (fastify's
// inject needs an ES module jest cannot load here), and a tiny browser stand-in for HTTP: it
// keeps cookies, sends forms, and reads the CSRF token a page carries. Temporal is a stand-in
// that fails if reached: these tests are about people and sessions, not cases.
import type { FastifyInstance } from 'fastify';
import { ApiKeys } from '../../client/api/auth';
import { buildApi } from '../../client/api/server';
import type { ConsoleOptions } from '../../client/console';
import { People, type NewPerson } from '../../client/people/people';
import type { EvidenceStore } from '../../client/evidence-store';
import { openTestDatabase, type TestDatabase } from './test-db';

/** Any property is itself; calling it fails. */
export const offline: any = new Proxy(function offline() {}, {
  get: (_target, key) => (key === 'then' ? undefined : offline),
  apply: () => {
    throw new Error('no Temporal server in console server tests');
  },
});

export interface ConsoleServer {
  app: FastifyInstance;
  base: string;
  db: TestDatabase;
  people: People;
  /** The clock sessions and throttling read; tests move it. */
  clock: { now: Date };
  close(): Promise<void>;
}

export async function startConsoleServer(
  options: Partial<ConsoleOptions> = {},
  port = 0,
  /** A real evidence store, for the upload tests (else a stand-in that fails if reached). */
  evidence: EvidenceStore = offline,
): Promise<ConsoleServer> {
  const db = await openTestDatabase('pglite');
  const clock = { now: new Date('2026-03-02T09:00:00Z') };
  const app = buildApi(
    { temporal: offline, prisma: db.prisma, evidence, keys: new ApiKeys([]), syncTimeoutMs: 10 },
    { console: { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000, now: () => clock.now, ...options } },
  );
  const base = await app.listen({ port, host: '127.0.0.1' });
  return {
    app,
    base,
    db,
    people: new People(db.prisma),
    clock,
    close: async () => {
      await app.close();
      await db.destroy();
    },
  };
}

export const PASSWORD = 'correct horse battery';

export function person(login: string, roles: NewPerson['roles'], extra: Partial<NewPerson> = {}): NewPerson {
  return { login, name: `${login} name`, password: PASSWORD, roles, ...extra };
}

/** A browser stand-in over HTTP: cookies kept, redirects not followed (the tests look at them). */
export class Browser {
  readonly cookies = new Map<string, string>();
  /** Set-Cookie headers of the last answer, as sent. */
  lastSetCookie: string[] = [];

  constructor(readonly base: string) {}

  async get(path: string): Promise<Response> {
    return this.send(path, { method: 'GET' });
  }

  /** Sends a form; `_csrf` is taken from `csrfFrom` (a page's HTML) unless given. */
  async post(
    path: string,
    fields: Record<string, string | string[]>,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
    return this.send(path, {
      method: 'POST',
      body: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
  }

  /** Sends a multipart form (a file upload without script), its parts in the order given. */
  async postMultipart(path: string, form: FormData): Promise<Response> {
    return this.send(path, { method: 'POST', body: form });
  }

  /** The CSRF token of the page at `path`. */
  async csrf(path = '/login'): Promise<string> {
    const page = await (await this.get(path)).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
    if (!token) throw new Error(`no CSRF field on ${path}`);
    return token;
  }

  /** Signs in through the login form; returns the answer (303 on success). */
  async signIn(login: string, password = PASSWORD): Promise<Response> {
    const _csrf = await this.csrf('/login');
    return this.post('/login', { login, password, _csrf });
  }

  private async send(path: string, init: RequestInit): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(/^https?:/.test(path) ? path : this.base + path, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    this.lastSetCookie = response.headers.getSetCookie();
    for (const line of this.lastSetCookie) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
}
