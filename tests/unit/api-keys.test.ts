// API keys are scoped where their role needs it: a bank key names its banks, a licensee key its
// organisation, and a key without its scope is refused when the keys are read (at start-up),
// naming the key and never showing it.
import { ApiKeys, apiKeysFromEnv } from '../../client/api/auth';
import { actorOf } from '../../client/actor';
import type { Config } from '../../client/config';

const key = 'k'.repeat(24);
const fromEnv = (entries: unknown) => () =>
  apiKeysFromEnv({ api: { keys: JSON.stringify(entries) } } as Pick<Config, 'api'>);

test.each([
  [
    { name: 'icbc-ops', role: 'bank', key },
    /bankIds \("icbc-ops"\): bank key "icbc-ops" must name the banks it acts for/,
  ],
  [{ name: 'icbc-ops', role: 'bank', key, bankIds: [] }, /bankIds \("icbc-ops"\)/],
  [
    { name: 'liangjiang', role: 'licensee', key },
    /licenseeId \("liangjiang"\): licensee key "liangjiang" must name its licensee organisation/,
  ],
  [{ name: 'office', role: 'tto', key, bankIds: ['icbc'] }, /tto key "office" must name no banks/],
  [
    { name: 'office', role: 'bank', key, bankIds: ['icbc'], licenseeId: 'x' },
    /bank key "office" must name no licensee/,
  ],
  [{ name: 'old', role: 'licensee', key, licenseeId: 'x', caseIds: ['a'] }, /Unrecognized key: "caseIds"/],
])('refused at start-up: %j', (entry, message) => {
  expect(fromEnv([{ name: 'fine', role: 'tto', key: 't'.repeat(24) }, entry])).toThrow(message);
  expect(() => new ApiKeys([entry] as never)).toThrow(message);
  // The key itself is never in the message.
  expect(fromEnv([entry])).not.toThrow(new RegExp(key));
});

test('scoped keys authenticate with their scope; unscoped roles carry none', () => {
  const keys = new ApiKeys([
    { name: 'icbc-ops', role: 'bank', key: `b${key}`, bankIds: ['icbc'] },
    { name: 'liangjiang', role: 'licensee', key: `l${key}`, licenseeId: 'LJ-91500000' },
    { name: 'office', role: 'tto', key: `t${key}` },
  ]);
  expect(keys.authenticate(`b${key}`)).toEqual({ id: 'icbc-ops', role: 'bank', scope: { bankIds: ['icbc'] } });
  expect(keys.authenticate(`l${key}`)).toEqual({
    id: 'liangjiang',
    role: 'licensee',
    scope: { licenseeId: 'LJ-91500000' },
  });
  expect(keys.authenticate(`t${key}`)).toEqual({ id: 'office', role: 'tto', scope: null });
});

test('the actor handed to workflows is the key’s name and role, nothing of its scope', () => {
  const caller = new ApiKeys([{ name: 'icbc-ops', role: 'bank', key, bankIds: ['icbc'] }]).authenticate(key)!;
  expect(actorOf(caller)).toEqual({ id: 'icbc-ops', role: 'bank' });
  expect(JSON.stringify(actorOf(caller))).not.toContain('icbc"');
});
