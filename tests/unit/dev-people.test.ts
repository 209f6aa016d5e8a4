// `npm start` seeds one console person per role, passwords kept in the state folder: the same
// people and passwords on every start, and again on a fresh database with the same folder.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROLES } from '../../client/api/auth';
import { seedDevPeople } from '../../client/people/dev-people';
import { verifyPassword } from '../../client/people/passwords';
import { openTestDatabase } from '../support/test-db';

test('one person per role, idempotent across restarts and database resets', async () => {
  const state = mkdtempSync(path.join(os.tmpdir(), 'tf-dev-people-'));
  const scopes = { bank: { bankIds: ['icbc'] }, licensee: { licenseeId: 'Acme' } };
  const first = await openTestDatabase('pglite');
  try {
    const a = await seedDevPeople(first.prisma, state, scopes);
    const b = await seedDevPeople(first.prisma, state, scopes);
    expect(a.people.map((p) => p.role)).toEqual([...ROLES]);
    expect(b.people).toEqual(a.people);
    expect(await first.prisma.person.count()).toBe(ROLES.length);
    expect(JSON.parse(readFileSync(a.file, 'utf8'))).toEqual(a.people);
    const bank = await first.prisma.personRole.findFirst({ where: { role: 'bank' } });
    expect(bank!.bankIds).toEqual(['icbc']);
    const second = await openTestDatabase('pglite');
    try {
      await seedDevPeople(second.prisma, state, scopes);
      const tto = a.people.find((p) => p.role === 'tto')!;
      const row = await second.prisma.person.findUnique({ where: { login: tto.login } });
      expect(await verifyPassword(tto.password, row!.passwordHash)).toBe(true);
    } finally {
      await second.destroy();
    }
  } finally {
    await first.destroy();
    rmSync(state, { recursive: true, force: true });
  }
});
