// `transferflow calendar add-working-days` as a user runs it: a separate process, no server.
import { cli } from '../support/cli';

describe('transferflow calendar add-working-days', () => {
  test('prints exactly {from, days, date, assumed}: across the 2025 National Day holiday', async () => {
    const r = await cli(['calendar', 'add-working-days', '--from', '2025-09-30', '--days', '1']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toStrictEqual({ from: '2025-09-30', days: 1, date: '2025-10-09', assumed: false });
  });

  test('a year without a published notice is counted on weekends only and flagged', async () => {
    const r = await cli(['calendar', 'add-working-days', '--from', '2099-06-05', '--days', '1']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toStrictEqual({ from: '2099-06-05', days: 1, date: '2099-06-08', assumed: true });
  });

  test('bad input exits 2 with the issues and their field paths', async () => {
    const r = await cli(['calendar', 'add-working-days', '--from', '2025-02-30', '--days', 'three']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const err = JSON.parse(r.stderr);
    expect(err.error).toBe('invalid-input');
    expect(err.issues.map((i: { path: string }) => i.path)).toEqual(['from', 'days']);
    const negative = await cli(['calendar', 'add-working-days', '--from', '2025-01-01', '--days', '-1']);
    expect(negative.code).toBe(2);
    expect(JSON.parse(negative.stderr).issues).toEqual([{ path: 'days', message: 'must not be negative' }]);
    expect((await cli(['calendar', 'add-working-days', '--from', '2025-01-01', '--days', '1.5'])).code).toBe(2);
    expect((await cli(['calendar', 'add-working-days', '--from', '2025-01-01'])).code).toBe(2);
  });
});
